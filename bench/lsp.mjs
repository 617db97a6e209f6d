// @ts-check
// A minimal LSP client over stdio for the real server process (dist/server.js --stdio).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { now, require, ROOT, withTimeout } from './lib.mjs';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class ServerProcess {
  /**
   * Spawns the server; `spawnedAt` is taken just before spawn(). BENCH_SERVER (another entry, e.g.
   * the unminified out/server/src/server.js) and BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof) are for profiling.
   */
  /** @param {{ rootPath?: string, entry?: string }} [options] */
  static async start({ rootPath, entry: otherEntry } = {}) {
    const entry = otherEntry ?? (process.env.BENCH_SERVER ? path.resolve(ROOT, process.env.BENCH_SERVER) : path.join(ROOT, 'dist', 'server.js'));
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const spawnedAt = now();
    const child = spawn(process.execPath, [...nodeArgs, entry, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new ServerProcess(child, spawnedAt);
    const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
    server.initializeResult = await withTimeout(server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootPath ? [{ uri: rootUri, name: 'bench' }] : null,
      // No workspace/configuration: the server uses its defaults, as with a client that knows nothing of our section.
      // Like VS Code: reports file changes (so the server may trust resolved files until one changes).
      capabilities: {
        textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true } } },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    }), 30_000, 'initialize');
    server.initializedAt = now();
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  /** @type {unknown} */
  initializeResult;
  /** @type {number | undefined} */
  initializedAt;

  /** @param {import('node:child_process').ChildProcessWithoutNullStreams} child @param {number} spawnedAt */
  constructor(child, spawnedAt) {
    this.child = child;
    this.spawnedAt = spawnedAt;
    this.stderr = '';
    this.waiters = [];
    this.diagnostics = new Map();
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.on('data', (chunk) => { this.stderr += chunk.toString(); });
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = now();
      this.diagnostics.set(params.uri, { at, params });
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve({ at, params });
        }
      }
    });
    this.connection.listen();
  }

  get pid() { return this.child.pid; }

  open(file, text = readFileSync(file, 'utf8')) {
    const uri = pathToFileURL(file).href;
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } }).then(() => uri);
  }

  /** A full-text change, as VS Code sends it to a full-sync server. */
  change(uri, text, version) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The next diagnostics published for `uri` (or ones already received when `already`). */
  nextDiagnostics(uri, timeoutMs) {
    return withTimeout(new Promise((resolve) => this.waiters.push({ uri, resolve })), timeoutMs, `diagnostics for ${uri}`);
  }

  request(method, params, timeoutMs = 60_000) {
    return withTimeout(this.connection.sendRequest(method, params), timeoutMs, method);
  }

  /** VmRSS and VmHWM (peak) of the server process, in MB. */
  memory() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (name) => Number(/^(\w+):\s+(\d+) kB/m.exec(status.split('\n').find((l) => l.startsWith(`${name}:`)) ?? '')?.[2] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
  }

  async stop() {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 10_000, 'shutdown');
      await this.connection.sendNotification('exit');
      await withTimeout(this.exited, 10_000, 'exit');
    } catch {
      this.child.kill('SIGKILL');
    } finally {
      this.connection.dispose();
    }
  }
}
