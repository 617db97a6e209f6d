/**
 * The VS Code side: starts the language server, shows its log, puts the detected Centrifugo
 * version in the language status, and registers the commands. No domain logic here.
 */
import * as vscode from 'vscode';
import {
  CloseAction, type CloseHandlerResult, ErrorAction, type ErrorHandlerResult, LanguageClient,
  type LanguageClientOptions, type ServerOptions, TransportKind,
} from 'vscode-languageclient/node';
import { Commands, type DocumentInfo, Requests, SETTINGS_SECTION } from '../../server/src/protocol';

/** A crashing server is restarted this many times within the window, then left stopped: no restart loops. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;
const BASE_PATTERNS = ['**/config.json', '**/centrifugo*.json'];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

interface SelectorFilter {
  readonly scheme: string;
  readonly language: string;
  readonly pattern?: string;
}

function documentSelector(): SelectorFilter[] {
  const extra = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string[]>('files', []);
  const patterns = [...BASE_PATTERNS, ...extra.filter((p) => typeof p === 'string' && p.length > 0)];
  return [
    ...patterns.flatMap((pattern) => [
      { scheme: 'file', language: 'json', pattern },
      { scheme: 'file', language: 'jsonc', pattern },
    ]),
    { scheme: 'file', language: 'pem' },
  ];
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
  const item = vscode.languages.createLanguageStatusItem('centrifugo.version', documentSelector());
  item.name = 'Centrifugo version';
  item.text = 'Centrifugo';
  item.command = { title: 'Change', command: Commands.selectVersion };
  context.subscriptions.push(item);

  let timer: NodeJS.Timeout | undefined;
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const info = await client.sendRequest<DocumentInfo | null>(Requests.documentInfo, { uri: editor.document.uri.toString() }).catch(() => null);
      if (!info) return;
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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Centrifugo Config', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.selectVersion, selectVersion),
    vscode.commands.registerCommand(Commands.showOutput, () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts; new globs need a new client.
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.files`) && client && output) {
        await client.stop().catch(() => undefined);
        client = await startClient(context, output);
      }
    }),
  );
  client = await startClient(context, output);
  createVersionStatus(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
