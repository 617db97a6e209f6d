/**
 * Centrifugo config files as a DocumentService: the model built once per document version,
 * the config's environment (.env, compose) applied, certificate sources resolved once per model,
 * and one function per feature (features/).
 */
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { CertificateCache } from './certs';
import type { FeatureContext } from './context';
import type { DocumentService, ServiceRequest } from './documentService';
import type { ServiceEnvironment } from './environment';
import { envFilesFor, readEnvFiles, variablesOf } from './env/discovery';
import { effectiveVariables } from './env/overlay';
import type { EnvSource, EnvVariable } from './env/sources';
import { getCertificateDetails } from './features/certificateDetails';
import { type CertificateReport, getCertificates } from './features/certificateReport';
import { doCodeActions } from './features/codeActions';
import { doCodeLens } from './features/codeLens';
import { doComplete } from './features/completion';
import { devCertificateEdit } from './features/devCertificate';
import { doHover } from './features/hover';
import { type Migration, migrateToV6 } from './features/migration';
import { doValidation } from './features/validation';
import { type MaterialSource, ResolutionCache, resolveAllSources } from './materials';
import { resolveSource } from './materials/resolve';
import { buildModel, type ConfigModel } from './model';

interface CachedModel {
  readonly version: number;
  readonly text: string;
  readonly key: string;
  readonly model: ConfigModel;
}

/** Models of this many documents are kept; a language server rarely has more open. */
const MODEL_CACHE_SIZE = 32;

export interface ConfigServiceOptions {
  /**
   * The caller reports every change to the files configs name (invalidateFiles): resolved files
   * stay trusted until then. Otherwise they are checked again after a few seconds.
   */
  readonly filesWatched?: boolean;
}

export class ConfigDocumentService implements DocumentService {
  private readonly models = new Map<string, CachedModel>();
  /** Resolved sources per model; dropped when files on disk may have changed. */
  private sourcesByModel = new WeakMap<ConfigModel, Promise<readonly MaterialSource[]>>();
  /** How each value resolves, across document versions: typing elsewhere costs no file system call. */
  private readonly resolutions = new ResolutionCache();
  /** Env sources per config folder and settings; dropped with the other file-derived state. */
  private readonly envSources = new Map<string, Promise<EnvSource[]>>();

  constructor(private readonly env: ServiceEnvironment, private readonly cache: CertificateCache, options: ConfigServiceOptions = {}) {
    if (options.filesWatched) this.resolutions.maxAgeMs = Number.POSITIVE_INFINITY;
  }

  /** Every document no other kind claims is read as a config; the model decides whether it is Centrifugo's. */
  handles(): boolean {
    return true;
  }

  /**
   * Files on disk may have changed (a watcher fired, or a day passed): forget resolved sources.
   * The certificate cache itself stays; it re-reads a file only when its size or mtime changed.
   */
  invalidateFiles(): void {
    this.sourcesByModel = new WeakMap();
    this.resolutions.clear();
    this.envSources.clear();
  }

  forget(uri: string): void {
    this.models.delete(uri);
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

  async referencedFiles(request: ServiceRequest): Promise<string[]> {
    const sources = await (await this.contextFor(request)).allSources();
    const envFiles = (await this.envSourcesFor(request)).flatMap((s) => (s.file ? [s.file] : []));
    return [...new Set([...sources.flatMap((s) => (s.readAs === 'file' && s.filePath ? [s.filePath] : [])), ...envFiles])];
  }

  /** The model of a document version, built once and shared by every feature asking for it. */
  getModel(request: ServiceRequest, env: readonly EnvVariable[] = []): ConfigModel {
    const { document, settings, context } = request;
    const key = `${settings.version}|${context.forced ? 1 : 0}|${context.format ?? ''}|${envFingerprint(env)}`;
    const cached = this.models.get(document.uri);
    if (cached && cached.version === document.version && cached.key === key && cached.text === document.getText()) {
      return cached.model;
    }
    const recognizedBefore = cached?.model.recognition.isCentrifugo === true;
    // The previous version's tree is handed over to be patched (and so no longer matches that
    // version): only a tree no environment was written into, and only once a newer text exists.
    const previous = cached && !cached.model.env && cached.model.root && cached.text !== document.getText()
      ? { text: cached.text, tree: cached.model.tree } : undefined;
    const model = buildModel(document, { settings, forced: context.forced ?? false, format: context.format, env, recognizedBefore, previous });
    this.models.delete(document.uri);
    this.models.set(document.uri, { version: document.version, text: document.getText(), key, model });
    if (this.models.size > MODEL_CACHE_SIZE) this.models.delete(this.models.keys().next().value as string);
    return model;
  }

  doValidation(request: ServiceRequest): Promise<Diagnostic[]> {
    return this.contextFor(request).then(doValidation);
  }

  doComplete(request: ServiceRequest, position: Position): Promise<CompletionList> {
    return this.contextFor(request).then((ctx) => doComplete(ctx, position));
  }

  doHover(request: ServiceRequest, position: Position): Promise<Hover | null> {
    return this.contextFor(request).then((ctx) => doHover(ctx, position));
  }

  /** A lens above each certificate, CA and key setting. */
  doCodeLens(request: ServiceRequest): Promise<CodeLens[]> {
    return this.contextFor(request).then(doCodeLens);
  }

  getCertificates(request: ServiceRequest): Promise<CertificateReport[]> {
    return this.contextFor(request).then(getCertificates);
  }

  getCertificateDetails(request: ServiceRequest, path: string): Promise<string | null> {
    return this.contextFor(request).then((ctx) => getCertificateDetails(ctx, path));
  }

  doCodeActions(request: ServiceRequest, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]> {
    return this.contextFor(request).then((ctx) => doCodeActions(ctx, range, diagnostics, only));
  }

  devCertificateEdit(request: ServiceRequest, certPath: string, keyPath: string): WorkspaceEdit | null {
    return devCertificateEdit(this.featureContext(request), certPath, keyPath);
  }

  /** The config rewritten for v6. Read as v5 whatever the setting says (it is being migrated from v5); not cached. */
  migrateToV6(request: ServiceRequest): Migration | { readonly error: string } {
    return migrateToV6(buildModel(request.document, { settings: { ...request.settings, version: 'v5' }, forced: true }));
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
      allSources: () => {
        let pending = this.sourcesByModel.get(model);
        if (!pending) {
          pending = resolveAllSources(ctx, this.cache, this.resolutions);
          this.sourcesByModel.set(model, pending);
        }
        return pending;
      },
      sourceOf: (block, field) => resolveSource({ ...ctx, urgent: true }, this.cache, this.resolutions, block, field),
    };
    return ctx;
  }
}

/** What the environment contributes to a model, as a cache key. */
function envFingerprint(env: readonly EnvVariable[]): string {
  if (env.length === 0) return '';
  return env.map((v) => `${v.name}=${v.value ?? '\u0001'}@${v.file ?? ''}:${v.line}`).join('\u0000');
}
