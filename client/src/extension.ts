/**
 * The VS Code side: starts the language server, shows its log, puts the detected Centrifugo
 * version in the language status, and registers the commands. No domain logic here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction, type CloseHandlerResult, ErrorAction, type ErrorHandlerResult, LanguageClient,
  type LanguageClientOptions, type ServerOptions, TransportKind,
} from 'vscode-languageclient/node';
import { type CertificateDetailsParams, Commands, Requests, SETTINGS_SECTION } from '../../server/src/protocol';
import type { DevCertificateEditParams, GenerateDevCertificateParams } from '../../server/src/protocol';
import { servedLanguages } from '../../server/src/configFiles';

/** A crashing server is restarted this many times within the window, then left stopped: no restart loops. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

interface SelectorFilter {
  readonly scheme: string;
  readonly language?: string;
  readonly pattern?: string;
}

/** Env files whatever language an editor gives them (plaintext, dotenv, properties, yaml). */
const ENV_FILE_PATTERNS = ['**/.env', '**/.env.*', '**/*.env', '**/{docker-compose,compose}*.{yml,yaml}'];

/**
 * Every document that may be a config: all files of the config languages. Which of them are
 * Centrifugo configs (default names, `centrifugo.files` globs) the server decides with the rule
 * in configFiles.ts, so the client and the server cannot disagree, and a changed setting needs no
 * new client. A file the server does not serve gets no diagnostics, lenses or hovers.
 */
function configSelector(): SelectorFilter[] {
  return servedLanguages().map((language) => ({ scheme: 'file', language }));
}

/** Everything the server may serve: configs and certificate files. */
function documentSelector(): SelectorFilter[] {
  return [...configSelector(), { scheme: 'file', language: 'pem' }, ...ENV_FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }))];
}

function restartLimitedErrorHandler(channel: vscode.OutputChannel) {
  const restarts: number[] = [];
  return {
    error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
    closed: (): CloseHandlerResult => {
      const now = Date.now();
      while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        channel.appendLine(`The Centrifugo language server stopped ${MAX_RESTARTS + 1} times in a few minutes; it stays stopped. Reload the window to try again.`);
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      restarts.push(now);
      channel.appendLine('The Centrifugo language server stopped unexpectedly; restarting it.');
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

async function startClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: channel,
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    errorHandler: restartLimitedErrorHandler(channel),
  };
  const languageClient = new LanguageClient('centrifugo', 'Centrifugo Config', serverOptions, clientOptions);
  await languageClient.start();
  return languageClient;
}

function createVersionStatus(context: vscode.ExtensionContext): void {
  // Only configs have a Centrifugo version; certificate files and other JSON files do not show
  // the item, so it exists only while the server answers for the active document.
  let item: vscode.LanguageStatusItem | undefined;
  const showItem = (): vscode.LanguageStatusItem => {
    if (item) return item;
    item = vscode.languages.createLanguageStatusItem('centrifugo.version', configSelector());
    item.name = 'Centrifugo version';
    item.text = 'Centrifugo';
    item.command = { title: 'Change', command: Commands.selectVersion };
    return item;
  };
  const hideItem = () => {
    item?.dispose();
    item = undefined;
  };
  context.subscriptions.push({ dispose: hideItem });

  let timer: NodeJS.Timeout | undefined;
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const info = await client.sendRequest(Requests.documentInfo, { uri: editor.document.uri.toString() }).catch(() => null);
      if (!info) {
        hideItem();
        return;
      }
      const item = showItem();
      if (!info.isCentrifugo) {
        item.text = 'Not a Centrifugo config';
        item.detail = info.reason;
        return;
      }
      const origin = info.origin === 'setting' ? 'from settings' : info.origin === 'detected' ? 'detected' : 'default';
      item.text = `Centrifugo ${info.version} (${origin})`;
      item.detail = info.origin === 'default' ? 'No version-specific keys yet; the current line is assumed' : undefined;
    }, 300);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === vscode.window.activeTextEditor?.document) update(); }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SETTINGS_SECTION)) update(); }),
  );
  update();
}

/** Read-only documents for certificate details: a virtual scheme, so closing them never asks to save. */
const DETAILS_SCHEME = 'centrifugo-certificate';

class CertificateDetailsProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  set(uri: vscode.Uri, content: string): void {
    this.contents.set(uri.toString(), content);
    this.changes.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.contents.get(uri.toString());
    if (known !== undefined) return known;
    // Reopened after a reload: ask the server again.
    const params = new URLSearchParams(uri.query);
    const content = await fetchDetails({ uri: params.get('uri') ?? '', path: params.get('path') ?? '' });
    return content ?? 'No certificate details: the setting or file is no longer open.';
  }

  dispose(): void {
    this.changes.dispose();
  }
}

async function fetchDetails(params: CertificateDetailsParams): Promise<string | null> {
  if (!client) return null;
  return client.sendRequest(Requests.certificateDetails, params).catch(() => null);
}

function detailsUri(params: CertificateDetailsParams): vscode.Uri {
  const source = vscode.Uri.parse(params.uri);
  const base = source.path.split('/').pop() || 'certificate';
  const label = `${base}${params.path ? ` ${params.path}` : ''}`.replace(/[\\/:*?"<>|]/g, '_');
  return vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${label}.md`, query: new URLSearchParams({ uri: params.uri, path: params.path }).toString() });
}

/** From a CodeLens (`[documentUri, configPath]`) or the command palette (the active editor). */
async function showCertificateDetails(provider: CertificateDetailsProvider, documentUri?: unknown, configPath?: unknown): Promise<void> {
  const uri = typeof documentUri === 'string' ? documentUri : vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri) return;
  const params: CertificateDetailsParams = { uri, path: typeof configPath === 'string' ? configPath : '' };
  const content = await fetchDetails(params);
  if (content === null) {
    void vscode.window.showInformationMessage('No certificate details here. Click the CodeLens above a certificate, CA or key setting, or open a PEM file.');
    return;
  }
  const target = detailsUri(params);
  provider.set(target, content);
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
  } catch {
    const document = await vscode.workspace.openTextDocument(target);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

async function selectVersion(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, editor?.document.uri);
  const current = config.get<string>('version', 'auto');
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'auto', description: 'Decide from the keys of each file' },
      { label: 'v5', description: 'Centrifugo v5: flat keys, TLSConfig objects at nats_tls / proxy_grpc_tls' },
      { label: 'v6', description: 'Centrifugo v6: nested sections, http_server.tls' },
    ].map((p) => ({ ...p, picked: p.label === current })),
    { placeHolder: `Centrifugo version for this workspace (now: ${current})` },
  );
  if (!picked) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  await config.update('version', picked.label, editor && vscode.workspace.getWorkspaceFolder(editor.document.uri) ? target : vscode.ConfigurationTarget.Global);
}

/** `*.dev.example` -> `_wildcard.dev.example`, `::1` -> `__1`: a file name from a host name. */
function certificateFileBase(host: string): string {
  return host.replace(/^\*/, '_wildcard').replace(/[^A-Za-z0-9._-]/g, '_') || 'localhost';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a self-signed certificate and its key next to the active config, then offers to point
 * the config's TLS settings at them. The server makes the certificate and computes the edit.
 */
async function generateDevCertificate(): Promise<void> {
  const config = vscode.window.activeTextEditor?.document;
  if (!config || config.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Open the Centrifugo config first: the certificate and key are written next to it.');
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Certificates are not generated in an untrusted workspace.');
    return;
  }
  if (!client) return;
  const input = await vscode.window.showInputBox({
    title: 'Generate Development Certificate',
    prompt: 'Host names or IP addresses, separated by commas. localhost and 127.0.0.1 are always included.',
    value: 'localhost',
    validateInput: (value) => (value.trim() ? undefined : 'Enter at least one host name.'),
  });
  if (input === undefined) return;
  const hosts = input.split(/[\s,]+/).filter((h) => h.length > 0);
  const params: GenerateDevCertificateParams = { hosts };
  const result = await client.sendRequest(Requests.generateDevCertificate, params).catch(() => null);
  if (!result || 'error' in result) {
    void vscode.window.showErrorMessage(result ? result.error : 'The certificate could not be generated; see the Centrifugo Config log.');
    return;
  }
  const folder = path.dirname(config.uri.fsPath);
  const base = certificateFileBase(hosts[0] ?? 'localhost');
  const certPath = path.join(folder, `${base}.crt`);
  const keyPath = path.join(folder, `${base}.key`);
  const taken = [];
  for (const file of [certPath, keyPath]) if (await exists(vscode.Uri.file(file))) taken.push(path.basename(file));
  if (taken.length > 0) {
    const answer = await vscode.window.showWarningMessage(
      `${taken.join(' and ')} already ${taken.length === 1 ? 'exists' : 'exist'} in ${folder}. Replace ${taken.length === 1 ? 'it' : 'them'}?`,
      { modal: true }, 'Replace');
    if (answer !== 'Replace') return;
  }
  await vscode.workspace.fs.writeFile(vscode.Uri.file(certPath), Buffer.from(result.certPem, 'utf8'));
  // The key is created readable by its owner only, never briefly world-readable: remove, then create with 0600.
  await fs.promises.rm(keyPath, { force: true });
  await fs.promises.writeFile(keyPath, result.keyPem, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  await fs.promises.chmod(keyPath, 0o600);
  const use = 'Use in Config';
  const until = result.notAfter.slice(0, 10);
  const answer = await vscode.window.showInformationMessage(
    `Created ${base}.crt and ${base}.key (self-signed, valid until ${until}). The key is not encrypted: keep it out of version control.`, use);
  if (answer !== use || !client) return;
  const editParams: DevCertificateEditParams = { uri: config.uri.toString(), certPath, keyPath };
  const edit = await client.sendRequest(Requests.devCertificateEdit, editParams).catch(() => null);
  if (!edit) {
    void vscode.window.showWarningMessage(`The TLS settings of ${path.basename(config.uri.fsPath)} could not be filled in automatically; set the certificate and key paths by hand.`);
    return;
  }
  await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
}

/** Rewrites the active v5 config for v6 and says what could not be carried over. */
async function migrateToV6(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showWarningMessage('Open a Centrifugo v5 config to migrate it.');
    return;
  }
  const result = await client.sendRequest(Requests.migrateToV6, { uri: editor.document.uri.toString() }).catch(() => null);
  if (!result || 'error' in result) {
    void vscode.window.showWarningMessage(result ? result.error : 'The config could not be migrated.');
    return;
  }
  await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(result.edit));
  // The file is rewritten as a whole: a YAML or TOML file's comments are not in the new text (undo brings them back).
  const comments = result.droppedComments > 0
    ? ` The file was rewritten: its ${result.droppedComments} comment${result.droppedComments === 1 ? ' is' : 's are'} not in the new text.` : '';
  if (result.notCarried.length === 0) {
    void vscode.window.showInformationMessage(`Migrated to Centrifugo v6: every setting was carried over.${comments}`);
    return;
  }
  for (const item of result.notCarried) output?.warn(`Not carried over to v6: ${item.path}: ${item.reason}`);
  const show = 'Show List';
  const answer = await vscode.window.showInformationMessage(
    `Migrated to Centrifugo v6. ${result.notCarried.length} setting${result.notCarried.length === 1 ? '' : 's'} could not be carried over.${comments}`, show);
  if (answer === show) output?.show(true);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Centrifugo Config', { log: true });
  context.subscriptions.push(output);
  const details = new CertificateDetailsProvider();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.selectVersion, selectVersion),
    vscode.commands.registerCommand(Commands.showOutput, () => output?.show(true)),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    details,
    vscode.commands.registerCommand(Commands.showCertificateDetails, (uri?: unknown, configPath?: unknown) => showCertificateDetails(details, uri, configPath)),
    vscode.commands.registerCommand(Commands.generateDevCertificate, generateDevCertificate),
    vscode.commands.registerCommand(Commands.migrateToV6, migrateToV6),
  );
  client = await startClient(context, output);
  createVersionStatus(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
