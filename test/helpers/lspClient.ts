/**
 * Drives the built language server as a real process over stdio, the way any LSP client does.
 * Answers `workspace/configuration` with whatever the test says (null by default, like a client
 * that does not know our section) and records published diagnostics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './paths';

export interface LspClientOptions {
  readonly capabilities?: ClientCapabilities;
  /** What `workspace/configuration` answers for the centrifugo section. */
  readonly settings?: unknown;
  readonly rootPath?: string;
}

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; check: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  settings: unknown;
  stderr = '';

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection, settings: unknown) {
    this.settings = settings;
  }

  static async start(options: LspClientOptions = {}): Promise<{ client: LspTestClient; initializeResult: InitializeResult }> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options.settings ?? null);
    child.stderr!.on('data', (chunk: Buffer) => { client.stderr += chunk.toString(); });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = client.diagnostics.get(params.uri) ?? [];
      list.push(params);
      client.diagnostics.set(params.uri, list);
      for (const waiter of [...client.waiters]) {
        if (waiter.uri === params.uri && waiter.check(params.diagnostics)) {
          client.waiters.splice(client.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.listen();
    const rootUri = options.rootPath ? `file://${options.rootPath}` : null;
    const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: options.rootPath ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: options.capabilities ?? { workspace: { configuration: true } },
    });
    await connection.sendNotification('initialized', {});
    return { client, initializeResult };
  }

  open(uri: string, text: string, languageId = 'json', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `check` (including ones already received). */
  waitForDiagnostics(uri: string, check: (d: Diagnostic[]) => boolean, timeoutMs = 5000): Promise<Diagnostic[]> {
    const last = this.diagnostics.get(uri)?.at(-1);
    if (last && check(last.diagnostics)) return Promise.resolve(last.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)?.at(-1)?.diagnostics.map((d) => d.code))}`)), timeoutMs);
      this.waiters.push({ uri, check, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  /** shutdown + exit, and waits for the process to end; resolves with its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }
}
