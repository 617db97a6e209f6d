/**
 * LSP glue only: capabilities, document sync, per-document settings, debounced validation,
 * cancellation and error safety. All domain logic lives in the language service.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken, type ClientCapabilities, CodeLensRefreshRequest, createConnection, type Disposable, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind,
  ProposedFeatures, TextDocuments, TextDocumentSyncKind, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { containingFolder, matchConfigFile } from './configFiles';
import { createNodeEnvironment } from './nodeEnvironment';
import { packageInfo } from './packageInfo';
import { Requests, SETTINGS_SECTION } from './protocol';
import { createLanguageService, type DocumentContext, normalizeSettings, type ServiceRequest, type Settings } from './service';
import { DevCertificateError, isEnvDocumentName, WATCHED_CERTIFICATE_EXTENSIONS } from './service';

const VALIDATION_DELAY_MS = 250;
const CERTIFICATE_GLOB = `**/*.{${WATCHED_CERTIFICATE_EXTENSIONS.join(',')}}`;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const environment = createNodeEnvironment();
/** Replaced in onInitialize, once we know whether the client reports file changes. */
let service = createLanguageService(environment);

let capabilities: ClientCapabilities = {};
let workspaceFolders: WorkspaceFolder[] = [];
let initializationSettings: unknown = null;
const settingsByUri = new Map<string, Promise<Settings>>();
const pendingValidation = new Map<string, NodeJS.Timeout>();
let dailyRefresh: NodeJS.Timeout | undefined;
/** Whether the workspace is trusted: an untrusted one gets no file reads (see package.json capabilities). */
let trusted = true;
/** Files named by open configs, by document; watched so that creating or fixing one refreshes diagnostics. */
const referencedByUri = new Map<string, readonly string[]>();
let watchedKey = '';
let watcherRegistration: Promise<Disposable> | undefined;

const usesPullDiagnostics = () => capabilities.textDocument?.diagnostic !== undefined;
const supportsConfiguration = () => capabilities.workspace?.configuration === true;

/** Runs a handler so that a bug or a cancelled request answers `fallback` instead of killing the server. */
async function safely<T>(name: string, token: CancellationToken | undefined, fallback: T, work: () => Promise<T> | T): Promise<T> {
  if (token?.isCancellationRequested) return fallback;
  try {
    const result = await work();
    return token?.isCancellationRequested ? fallback : result;
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return fallback;
  }
}

function settingsFor(uri: string): Promise<Settings> {
  if (!supportsConfiguration()) return Promise.resolve(normalizeSettings(initializationSettings));
  let settings = settingsByUri.get(uri);
  if (!settings) {
    // A client that knows nothing of our section answers null: normalizeSettings turns that into defaults.
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      .then(normalizeSettings, () => normalizeSettings(null));
    settingsByUri.set(uri, settings);
  }
  return settings;
}

function fsPathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the document lives, or undefined when we do not serve it: the client sends every
 * document of the config languages, and configFiles.ts (the rule the client shares) decides which
 * are Centrifugo configs; certificate files are served by their language or extension.
 */
function documentContext(document: TextDocument, settings: Settings): DocumentContext | undefined {
  const configPath = fsPathOf(document.uri);
  if (configPath === undefined) return undefined;
  const folders = workspaceFolders.map((f) => fsPathOf(f.uri)).filter((p): p is string => p !== undefined);
  const match = matchConfigFile(configPath, folders, settings.files);
  if (!match && !service.servesAsCertificateFile(document) && !isEnvDocumentName(configPath)) return undefined;
  const workspaceFolder = match ? match.folder : containingFolder(configPath, folders);
  return { configPath, workspaceFolder, forced: match?.listed ?? false, readsFiles: trusted, ...(match ? { format: match.format } : {}) };
}

async function requestFor(uri: string): Promise<ServiceRequest | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const settings = await settingsFor(uri);
  const context = documentContext(document, settings);
  return context && { document, settings, context };
}

async function publishDiagnostics(uri: string): Promise<void> {
  const request = await requestFor(uri);
  if (!request) {
    // Not (or no longer, after a settings change) a file we serve: nothing of ours stays on it.
    if (documents.get(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const version = request.document.version;
  const diagnostics = await safely('validation', undefined, [], () => service.doValidation(request));
  // Results for a version the user has already typed past are dropped, not shown.
  if (documents.get(uri)?.version !== version) return;
  await connection.sendDiagnostics({ uri, version, diagnostics });
  void updateWatchedFiles(uri).catch(() => undefined);
}

function scheduleValidation(uri: string, delay = VALIDATION_DELAY_MS): void {
  if (usesPullDiagnostics()) return;
  clearTimeout(pendingValidation.get(uri));
  pendingValidation.set(uri, setTimeout(() => {
    pendingValidation.delete(uri);
    void publishDiagnostics(uri);
  }, delay));
}

/**
 * Watches the certificate files of the workspace and every file an open config names (those may
 * live outside the workspace, e.g. /etc/centrifugo). Re-registers only when that set changes.
 */
async function updateWatchedFiles(uri: string): Promise<void> {
  if (!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration || !trusted) return;
  const request = await requestFor(uri);
  if (!request) return;
  referencedByUri.set(uri, await service.referencedFiles(request));
  const files = [...new Set([...referencedByUri.values()].flat())].sort();
  const key = files.join('\n');
  if (key === watchedKey) return;
  watchedKey = key;
  const relative = capabilities.workspace.didChangeWatchedFiles.relativePatternSupport === true;
  const watchers = [
    { globPattern: CERTIFICATE_GLOB },
    ...files.map((file) => ({
      globPattern: relative ? { baseUri: pathToFileURL(path.dirname(file)).toString(), pattern: path.basename(file) } : file,
    })),
  ];
  const previous = watcherRegistration;
  watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  await previous?.then((d) => d.dispose()).catch(() => undefined);
}

/** Everything derived from files on disk or from the date is stale: ask again. */
function refreshAll(): void {
  service.invalidateFiles();
  if (usesPullDiagnostics()) void connection.languages.diagnostics.refresh().catch(() => undefined);
  else for (const doc of documents.all()) scheduleValidation(doc.uri, 0);
  if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

/** Expiry counts in days: refresh just after each UTC midnight so an editor left open never shows last week's numbers. */
function scheduleDailyRefresh(): void {
  clearTimeout(dailyRefresh);
  const now = environment.now();
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 0, 5);
  dailyRefresh = setTimeout(() => {
    refreshAll();
    scheduleDailyRefresh();
  }, next - now.getTime());
  dailyRefresh.unref();
}

connection.onInitialize((params) => {
  capabilities = params.capabilities;
  workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  const options = params.initializationOptions as { settings?: unknown; trusted?: unknown } | null | undefined;
  initializationSettings = options?.settings ?? null;
  trusted = options?.trusted !== false;
  // A client that reports file changes lets resolved certificate files stay trusted until one changes;
  // for any other client they are checked again after a few seconds.
  service = createLanguageService(environment, { filesWatched: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true });
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['"', '/', ':'], resolveProvider: false },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'], resolveProvider: false },
      documentSymbolProvider: true,
      ...(usesPullDiagnostics() ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: packageInfo().name, version: packageInfo().version },
  };
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration && trusted) {
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CERTIFICATE_GLOB }] });
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspaceFolders = workspaceFolders.filter((f) => !event.removed.some((r) => r.uri === f.uri)).concat(event.added);
      refreshAll();
    });
  }
  scheduleDailyRefresh();
});

connection.onDidChangeConfiguration((change) => {
  settingsByUri.clear();
  if (!supportsConfiguration()) initializationSettings = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION] ?? null;
  refreshAll();
});

connection.onDidChangeWatchedFiles(() => refreshAll());

documents.onDidOpen((e) => scheduleValidation(e.document.uri, 0));
documents.onDidChangeContent((e) => scheduleValidation(e.document.uri));
documents.onDidClose((e) => {
  clearTimeout(pendingValidation.get(e.document.uri));
  pendingValidation.delete(e.document.uri);
  settingsByUri.delete(e.document.uri);
  referencedByUri.delete(e.document.uri);
  service.forget(e.document.uri);
  if (!usesPullDiagnostics()) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(async (params, token) => {
  const items = await safely('diagnostics', token, [], async () => {
    const request = await requestFor(params.textDocument.uri);
    return request ? service.doValidation(request) : [];
  });
  void updateWatchedFiles(params.textDocument.uri).catch(() => undefined);
  return { kind: DocumentDiagnosticReportKind.Full, items };
});

connection.onCompletion((params, token) => safely('completion', token, null, async () => {
  const request = await requestFor(params.textDocument.uri);
  return request ? service.doComplete(request, params.position) : null;
}));

connection.onHover((params, token) => safely('hover', token, null, async () => {
  const request = await requestFor(params.textDocument.uri);
  return request ? service.doHover(request, params.position) : null;
}));

connection.onCodeLens((params, token) => safely('codeLens', token, [], async () => {
  const request = await requestFor(params.textDocument.uri);
  return request ? service.doCodeLens(request) : [];
}));

connection.onCodeAction((params, token) => safely('codeAction', token, [], async () => {
  const request = await requestFor(params.textDocument.uri);
  return request ? service.doCodeActions(request, params.range, params.context.diagnostics, params.context.only) : [];
}));

connection.onRequest(Requests.generateDevCertificate, (params, token) => safely('generateDevCertificate', token, null, async () => {
  // An untrusted workspace gets no generated key material (package.json capabilities).
  if (!trusted) return { error: 'Certificates are not generated in an untrusted workspace.' };
  try {
    const { certPem, keyPem, notAfter } = await service.generateDevCertificate(params.hosts ?? []);
    return { certPem, keyPem, notAfter };
  } catch (error) {
    if (error instanceof DevCertificateError) return { error: error.message };
    throw error;
  }
}));

connection.onRequest(Requests.devCertificateEdit, (params, token) => safely('devCertificateEdit', token, null, async () => {
  const request = await requestFor(params.uri);
  return request ? service.devCertificateEdit(request, params.certPath, params.keyPath) : null;
}));

connection.onRequest(Requests.migrateToV6, (params, token) => safely('migrateToV6', token, null, async () => {
  const request = await requestFor(params.uri);
  if (!request) return { error: 'The document is not open.' };
  const result = service.migrateToV6(request);
  if ('error' in result) return { error: result.error };
  return { edit: { changes: { [params.uri]: [result.edit] } }, notCarried: result.notCarried, droppedComments: result.droppedComments };
}));

connection.onDocumentSymbol((params, token) => safely('documentSymbol', token, [], async () => {
  const request = await requestFor(params.textDocument.uri);
  return request ? service.getDocumentSymbols(request) : [];
}));

connection.onRequest(Requests.certificateDetails, (params, token) => safely('certificateDetails', token, null, async () => {
  const request = await requestFor(params.uri);
  return request ? service.getCertificateDetails(request, params.path) : null;
}));

connection.onRequest(Requests.documentInfo, (params, token) => safely('documentInfo', token, null, async () => {
  const request = await requestFor(params.uri);
  // Certificate files have no Centrifugo version: no status item for them.
  if (!request || service.servesAsCertificateFile(request.document)) return null;
  const model = service.getModel(request);
  return { isCentrifugo: model.recognition.isCentrifugo, version: model.version.version, origin: model.version.origin, reason: model.recognition.reason };
}));

connection.onShutdown(() => {
  clearTimeout(dailyRefresh);
  for (const timer of pendingValidation.values()) clearTimeout(timer);
  pendingValidation.clear();
});

documents.listen(connection);
connection.listen();
