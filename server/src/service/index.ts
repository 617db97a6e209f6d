/**
 * The Centrifugo config language service: pure, one method per feature. The LSP server and the
 * CLI both drive this object; neither holds domain logic of its own.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { type CertificateCache, type CertificateCacheStats, createCertificateCache } from './certs';
import { ConfigDocumentService, type ConfigServiceOptions } from './configDocuments';
import type { DocumentService, ServiceRequest } from './documentService';
import type { ServiceEnvironment } from './environment';
import type { CertificateReport } from './features/certificateReport';
import { type DevCertificate, generateDevCertificate } from './features/devCertificate';
import type { Migration } from './features/migration';
import type { ConfigModel } from './model';
import { PemDocumentService } from './pemDocuments';
import { EnvDocumentService } from './envDocuments';

export type LanguageServiceOptions = ConfigServiceOptions;

/**
 * The one door: each request goes to the document service that handles the document (a
 * certificate file, else a config). What the caller may not touch (the environment, the
 * certificate cache, the caches of models and sources) stays private.
 */
export class CentrifugoLanguageService {
  private readonly env: ServiceEnvironment;
  private readonly configs: ConfigDocumentService;
  private readonly certificateFiles: PemDocumentService;
  /** In the order they are asked; the config service takes whatever the others leave. */
  private readonly services: readonly DocumentService[];
  private readonly certificates: CertificateCache;

  constructor(env: ServiceEnvironment, options: LanguageServiceOptions = {}) {
    this.env = env;
    // Shared by every document: a certificate named by several configs is read and parsed once.
    const certificates = createCertificateCache();
    this.certificates = certificates;
    this.certificateFiles = new PemDocumentService(env, certificates);
    this.configs = new ConfigDocumentService(env, certificates, options);
    this.services = [this.certificateFiles, new EnvDocumentService(env, this.configs), this.configs];
  }

  private serviceFor(request: ServiceRequest): DocumentService {
    return this.services.find((s) => s.handles(request.document)) ?? this.configs;
  }

  /** Whether the document is a certificate or key file (by language, or by extension for clients that do not map it). */
  servesAsCertificateFile(document: TextDocument): boolean {
    return this.certificateFiles.handles(document);
  }

  /**
   * Files on disk may have changed (a watcher fired, or a day passed): forget what was derived
   * from them. Certificates are re-read only when their size or mtime changed.
   */
  invalidateFiles(): void {
    for (const service of this.services) service.invalidateFiles?.();
  }

  /** How many certificate files were read and parsed so far (a copy; the benchmark shows the cache at work). */
  certificateStats(): CertificateCacheStats {
    return { ...this.certificates.stats };
  }

  /** Drops what we hold for a closed document. */
  forget(uri: string): void {
    for (const service of this.services) service.forget?.(uri);
  }

  /** The config model of a document version (version, recognition, blocks), built once per version. */
  getModel(request: ServiceRequest): ConfigModel {
    return this.configs.getModel(request);
  }

  /** Absolute paths of the files a document names, so the server can watch them. */
  referencedFiles(request: ServiceRequest): Promise<string[]> {
    return this.serviceFor(request).referencedFiles?.(request) ?? Promise.resolve([]);
  }

  doValidation(request: ServiceRequest): Promise<Diagnostic[]> {
    return this.serviceFor(request).doValidation(request);
  }

  doComplete(request: ServiceRequest, position: Position): Promise<CompletionList> {
    return this.serviceFor(request).doComplete?.(request, position) ?? Promise.resolve({ isIncomplete: false, items: [] });
  }

  doHover(request: ServiceRequest, position: Position): Promise<Hover | null> {
    return this.serviceFor(request).doHover?.(request, position) ?? Promise.resolve(null);
  }

  /** A lens above each certificate, CA and key setting (config) or certificate block (PEM file). */
  doCodeLens(request: ServiceRequest): Promise<CodeLens[]> {
    return this.serviceFor(request).doCodeLens?.(request) ?? Promise.resolve([]);
  }

  /** Every certificate the config's TLS settings lead to, in the contract's JSON shape. */
  getCertificates(request: ServiceRequest): Promise<CertificateReport[]> {
    return this.serviceFor(request).getCertificates?.(request) ?? Promise.resolve([]);
  }

  /**
   * Markdown about the material of one setting (`path` is its contract path), or of the whole
   * file for a PEM document; null when the path names no certificate, CA or key setting.
   */
  getCertificateDetails(request: ServiceRequest, path: string): Promise<string | null> {
    return this.serviceFor(request).getCertificateDetails?.(request, path) ?? Promise.resolve(null);
  }

  /** The outline of a PEM document, one symbol per block; configs leave the outline to the JSON support. */
  getDocumentSymbols(request: ServiceRequest): Promise<DocumentSymbol[]> {
    return this.serviceFor(request).getDocumentSymbols?.(request) ?? Promise.resolve([]);
  }

  /**
   * Quick fixes for the diagnostics the editor passes back (`contextDiagnostics`, with their
   * `data`) and rewrites of the material at `range.start`; `only` filters by kind as LSP does.
   */
  doCodeActions(request: ServiceRequest, range: Range, contextDiagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]> {
    return this.serviceFor(request).doCodeActions?.(request, range, contextDiagnostics, only) ?? Promise.resolve([]);
  }

  /** "Migrate this config to Centrifugo v6": the rewritten file and what could not be carried over. */
  migrateToV6(request: ServiceRequest): Migration | { readonly error: string } {
    if (this.certificateFiles.handles(request.document)) return { error: 'A certificate file is not a Centrifugo config.' };
    return this.configs.migrateToV6(request);
  }

  /** A self-signed development certificate for `hosts` (plus localhost and 127.0.0.1); throws DevCertificateError on a bad name. */
  generateDevCertificate(hosts: readonly string[]): Promise<DevCertificate> {
    return generateDevCertificate(this.env, hosts);
  }

  /** The edit that makes the config load this certificate and key file (absolute paths); null when it cannot be done cleanly. */
  devCertificateEdit(request: ServiceRequest, certPath: string, keyPath: string): WorkspaceEdit | null {
    return this.serviceFor(request).devCertificateEdit?.(request, certPath, keyPath) ?? null;
  }
}

export function createLanguageService(env: ServiceEnvironment, options: LanguageServiceOptions = {}): CentrifugoLanguageService {
  return new CentrifugoLanguageService(env, options);
}

export type { ServiceRequest } from './documentService';

// The facade is the only door into the service for the LSP glue, the CLI and the client (lint
// rule in eslint.config.mjs): what they need from inside is re-exported here.
export type { DocumentContext } from './context';
export type { FileProblem, FileReadResult, FileStat, ServiceEnvironment } from './environment';
export { DEFAULT_SETTINGS, normalizeSettings, type Settings, type VersionSetting } from './settings';
export { CODES, type Severity } from './catalog/codes';
export type { CentrifugoVersion } from './catalog/locations';
export { daysLeft } from './certs/expiry';
export { PEM_FILE_EXTENSIONS, WATCHED_CERTIFICATE_EXTENSIONS } from './catalog/certificateFiles';
export { severityName } from './features/diagnostic';
export { recognize } from './model/recognize';
export { CONFIG_FORMATS, formatOfPath } from './model/format';
export type { ConfigFormat } from './model/tree';
export type { CertificateReport } from './features/certificateReport';
export type { EnvSource } from './env/sources';
export { readEnvSources } from './env/readers';
export { isEnvDocumentName, processEnvSource } from './env/discovery';
export type { Migration, NotCarried } from './features/migration';
export { DevCertificateError, type DevCertificate } from './features/devCertificate';
