/**
 * The Centrifugo config language service: pure, one method per feature. The LSP server and the
 * CLI both drive this object; neither holds domain logic of its own.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';
import type { CodeAction, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { type CertificateCache, createCertificateCache } from './certs';
import type { DocumentContext, FeatureContext } from './context';
import type { ServiceEnvironment } from './environment';
import { getCertificateDetails } from './features/certificateDetails';
import { type CertificateReport, getCertificates } from './features/certificateReport';
import { doCodeActions } from './features/codeActions';
import { doCodeLens } from './features/codeLens';
import { doComplete } from './features/completion';
import { type DevCertificate, devCertificateEdit, generateDevCertificate } from './features/devCertificate';
import { doHover } from './features/hover';
import {
  isPemDocument, pemCodeLens, pemDetails, pemHover, pemSymbols, pemValidation, type PemDocumentContext,
} from './features/pemDocument';
import { doValidation } from './features/validation';
import { type MaterialSource, ResolutionCache, resolveAllSources } from './materials';
import { resolveSource } from './materials/resolve';
import { buildModel, type ConfigModel } from './model';
import type { Settings } from './settings';
import { envFilesFor, readEnvFiles, variablesOf } from './env/discovery';
import { effectiveVariables } from './env/overlay';
import type { EnvSource, EnvVariable } from './env/sources';
import { EnvDocuments, isEnvDocument } from './envDocuments';

export interface ServiceRequest {
  readonly document: TextDocument;
  readonly settings: Settings;
  readonly context: DocumentContext;
}

interface CachedModel {
  readonly version: number;
  readonly text: string;
  readonly key: string;
  readonly model: ConfigModel;
}

/** Models of this many documents are kept; a language server rarely has more open. */
const MODEL_CACHE_SIZE = 32;

export class CentrifugoLanguageService {
  private readonly models = new Map<string, CachedModel>();
  /** Shared by every document: a certificate named by several configs is read and parsed once. */
  readonly certificates: CertificateCache = createCertificateCache();
  /** Resolved sources per model; dropped when files on disk may have changed. */
  private materials = new WeakMap<ConfigModel, Promise<readonly MaterialSource[]>>();
  /** How each value resolves, across document versions: typing elsewhere costs no file system call. */
  private readonly resolutions = new ResolutionCache();
  /** Env sources per config folder and settings; dropped with the other file-derived state. */
  private envSources = new Map<string, Promise<EnvSource[]>>();

  /** Env files opened on their own. */
  private readonly envDocuments = new EnvDocuments(this);

  constructor(readonly env: ServiceEnvironment) {}

  /**
   * Files on disk may have changed (a watcher fired, or a day passed): forget resolved sources.
   * The certificate cache itself stays; it re-reads a file only when its size or mtime changed.
   */
  invalidateFiles(): void {
    this.materials = new WeakMap();
    this.resolutions.clear();
    this.envSources.clear();
  }

  /**
   * The env sources that feed a config: the caller's (CLI) or the discovered ones. An untrusted
   * workspace reads no file but the document itself.
   */
  envSourcesFor(request: ServiceRequest): Promise<readonly EnvSource[]> {
    const given = request.context.envSources;
    if (given) return Promise.resolve(given);
    if (request.context.readsFiles === false || !request.context.configPath) return Promise.resolve([]);
    const { settings, context } = request;
    const key = [context.workspaceFolder ?? '', context.configPath, ...settings.envFiles].join('\u0000');
    let pending = this.envSources.get(key);
    if (!pending) {
      pending = envFilesFor(this.env, settings, context).then((files) => readEnvFiles(this.env, files.filter((f) => f !== context.configPath)));
      this.envSources.set(key, pending);
      if (this.envSources.size > MODEL_CACHE_SIZE) this.envSources.delete(this.envSources.keys().next().value as string);
    }
    return pending;
  }

  /**
   * How long a resolved file stays trusted without a change notification. A client that watches
   * files tells us about every change (invalidateFiles), so the server sets Infinity for it.
   */
  set fileFreshnessMs(ms: number) {
    this.resolutions.maxAgeMs = ms;
  }

  /** Absolute paths of the files a document names, so the server can watch them. */
  async referencedFiles(request: ServiceRequest): Promise<string[]> {
    const sources = await (await this.contextFor(request)).materials();
    const envFiles = (await this.envSourcesFor(request)).flatMap((s) => (s.file ? [s.file] : []));
    return [...new Set([...sources.flatMap((s) => (s.readAs === 'file' && s.filePath ? [s.filePath] : [])), ...envFiles])];
  }

  /** The model of a document version, built once and shared by every feature asking for it. */
  getModel(request: ServiceRequest, env: readonly EnvVariable[] = []): ConfigModel {
    const { document, settings, context } = request;
    const key = `${settings.version}|${context.forced ? 1 : 0}|${envFingerprint(env)}`;
    const cached = this.models.get(document.uri);
    if (cached && cached.version === document.version && cached.key === key && cached.text === document.getText()) {
      return cached.model;
    }
    const model = buildModel(document, { settings, forced: context.forced ?? false, env });
    this.models.delete(document.uri);
    this.models.set(document.uri, { version: document.version, text: document.getText(), key, model });
    if (this.models.size > MODEL_CACHE_SIZE) this.models.delete(this.models.keys().next().value as string);
    return model;
  }

  /** Drops what we hold for a closed document. */
  forget(uri: string): void {
    this.models.delete(uri);
    this.envDocuments.forget(uri);
  }

  doValidation(request: ServiceRequest): Promise<Diagnostic[]> {
    if (isPemDocument(request.document)) return pemValidation(this.pemContext(request));
    if (isEnvDocument(request)) return this.envDocuments.doValidation(request);
    return this.contextFor(request).then(doValidation);
  }

  doComplete(request: ServiceRequest, position: Position): Promise<CompletionList> {
    if (isPemDocument(request.document)) return Promise.resolve({ isIncomplete: false, items: [] });
    if (isEnvDocument(request)) return this.envDocuments.doComplete(request, position);
    return this.contextFor(request).then((ctx) => doComplete(ctx, position));
  }

  doHover(request: ServiceRequest, position: Position): Promise<Hover | null> {
    if (isPemDocument(request.document)) return pemHover(this.pemContext(request), position);
    if (isEnvDocument(request)) return this.envDocuments.doHover(request, position);
    return this.contextFor(request).then((ctx) => doHover(ctx, position));
  }

  /** A lens above each certificate, CA and key setting (config) or certificate block (PEM file). */
  doCodeLens(request: ServiceRequest): Promise<CodeLens[]> {
    if (isPemDocument(request.document)) return pemCodeLens(this.pemContext(request));
    if (isEnvDocument(request)) return this.envDocuments.doCodeLens(request);
    return this.contextFor(request).then(doCodeLens);
  }

  /** Every certificate the config's TLS settings lead to, in the contract's JSON shape. */
  getCertificates(request: ServiceRequest): Promise<CertificateReport[]> {
    if (isPemDocument(request.document)) return Promise.resolve([]);
    if (isEnvDocument(request)) return this.envDocuments.getCertificates(request);
    return this.contextFor(request).then(getCertificates);
  }

  /**
   * Markdown about the material of one setting (`path` is its contract path), or of the whole
   * file for a PEM document; null when the path names no certificate, CA or key setting.
   */
  getCertificateDetails(request: ServiceRequest, path: string): Promise<string | null> {
    if (isPemDocument(request.document)) return pemDetails(this.pemContext(request));
    if (isEnvDocument(request)) return this.envDocuments.getCertificateDetails(request, path);
    return this.contextFor(request).then((ctx) => getCertificateDetails(ctx, path));
  }

  /** The outline of a PEM document, one symbol per block; configs leave the outline to the JSON support. */
  getDocumentSymbols(request: ServiceRequest): Promise<DocumentSymbol[]> {
    if (isPemDocument(request.document)) return pemSymbols(this.pemContext(request));
    return Promise.resolve([]);
  }

  /**
   * Quick fixes for the diagnostics the editor passes back (`contextDiagnostics`, with their
   * `data`) and rewrites of the material at `range.start`; `only` filters by kind as LSP does.
   */
  doCodeActions(request: ServiceRequest, range: Range, contextDiagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]> {
    if (isPemDocument(request.document)) return Promise.resolve([]);
    if (isEnvDocument(request)) return this.envDocuments.doCodeActions(request, contextDiagnostics);
    return this.contextFor(request).then((ctx) => doCodeActions(ctx, range, contextDiagnostics, only));
  }

  /** A self-signed development certificate for `hosts` (plus localhost and 127.0.0.1); throws DevCertificateError on a bad name. */
  generateDevCertificate(hosts: readonly string[]): Promise<DevCertificate> {
    return generateDevCertificate(this.env, hosts);
  }

  /** The edit that makes the config load this certificate and key file (absolute paths); null when it cannot be done cleanly. */
  devCertificateEdit(request: ServiceRequest, certPath: string, keyPath: string): WorkspaceEdit | null {
    if (isPemDocument(request.document)) return null;
    return devCertificateEdit(this.featureContext(request), certPath, keyPath);
  }

  private pemContext(request: ServiceRequest): PemDocumentContext {
    return { document: request.document, settings: request.settings, env: this.env, cache: this.certificates };
  }

  /** The feature context with the config's environment applied. */
  private async contextFor(request: ServiceRequest): Promise<FeatureContext> {
    const sources = await this.envSourcesFor(request);
    return this.featureContext(request, effectiveVariables(variablesOf(sources)));
  }

  private featureContext(request: ServiceRequest, env: readonly EnvVariable[] = []): FeatureContext {
    const model = this.getModel(request, env);
    const ctx: FeatureContext = {
      model, settings: request.settings, env: this.env, document: request.context,
      materials: () => {
        let pending = this.materials.get(model);
        if (!pending) {
          pending = resolveAllSources(ctx, this.certificates, this.resolutions);
          this.materials.set(model, pending);
        }
        return pending;
      },
      material: (block, field) => resolveSource({ ...ctx, urgent: true }, this.certificates, this.resolutions, block, field),
    };
    return ctx;
  }
}

/** What the environment contributes to a model, as a cache key. */
function envFingerprint(env: readonly EnvVariable[]): string {
  if (env.length === 0) return '';
  return env.map((v) => `${v.name}=${v.value ?? '\u0001'}@${v.file ?? ''}:${v.line}`).join('\u0000');
}

export function createLanguageService(env: ServiceEnvironment): CentrifugoLanguageService {
  return new CentrifugoLanguageService(env);
}

export type { DocumentContext } from './context';
export type { ServiceEnvironment } from './environment';
export { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
export type { CertificateReport } from './features/certificateReport';
export { DevCertificateError, type DevCertificate } from './features/devCertificate';
