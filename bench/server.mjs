// @ts-check
// Measurements on the real language server process (dist/server.js --stdio): time to the first
// diagnostics of the example config, resident memory with a large config open, and completion /
// hover latency while the certificates of a freshly opened config are still loading.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServerProcess } from './lsp.mjs';
import { configPath, loadService, log, now, ROOT, round, summarize, WORK } from './lib.mjs';
import { editTimeout } from './generate.mjs';
import { positionsFor } from './measure.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'v6', 'config.json');

/** Diagnostics by code; the generated configs are clean, so any code here deserves a look. */
function codesOf(diagnostics) {
  const codes = {};
  for (const d of diagnostics) codes[d.code] = (codes[d.code] ?? 0) + 1;
  return codes;
}

/** 7. Spawn -> first publishDiagnostics of examples/v6/config.json; a fresh process each run. */
export async function measureFirstDiagnostics({ runs = 7, budgetMs = 60_000 } = {}) {
  const text = readFileSync(EXAMPLE, 'utf8');
  const toDiagnostics = [];
  const toInitialize = [];
  let count = 0;
  const started = now();
  for (let i = 0; i < runs + 1; i++) {
    const server = await ServerProcess.start({ rootPath: path.dirname(EXAMPLE) });
    try {
      const uri = pathToFileURL(EXAMPLE).href;
      const published = server.nextDiagnostics(uri, 30_000);
      await server.open(EXAMPLE, text);
      const { at, params } = await published;
      count = params.diagnostics.length;
      // The first run warms the OS file cache and is not counted.
      if (i > 0) {
        toDiagnostics.push(at - server.spawnedAt);
        toInitialize.push((server.initializedAt ?? at) - server.spawnedAt);
      }
    } finally {
      await server.stop();
    }
    if (i >= 3 && now() - started > budgetMs) break;
  }
  return { ...summarize(toDiagnostics), initialize: summarize(toInitialize), diagnostics: count };
}

/** 6. Resident memory after opening a config and receiving its diagnostics. */
export async function measureServerMemory(sizeId, { timeoutMs = 300_000 } = {}) {
  const file = configPath(sizeId);
  const text = readFileSync(file, 'utf8');
  const server = await ServerProcess.start({ rootPath: WORK });
  try {
    const idle = server.memory();
    const uri = pathToFileURL(file).href;
    const published = server.nextDiagnostics(uri, timeoutMs);
    const openedAt = now();
    await server.open(file, text);
    const { at, params } = await published;
    const afterDiagnostics = server.memory();
    // Settled: give the GC a moment, then read again.
    await new Promise((r) => setTimeout(r, 2000));
    const settled = server.memory();
    return {
      size: sizeId, idleMB: idle.rssMB, rssMB: afterDiagnostics.rssMB, settledRssMB: settled.rssMB, peakMB: settled.peakMB,
      diagnosticsMs: round(at - openedAt), diagnostics: params.diagnostics.length, codes: codesOf(params.diagnostics),
    };
  } finally {
    await server.stop();
  }
}

/**
 * "Certificate loading never blocks the server": a fresh server (nothing cached) opens a config
 * whose ~1,000 certificate files it must read and parse. A first request waits for the document
 * to be parsed (reported apart: that is parsing, not certificates); from then on, while the
 * certificates load, we fire completion and hover requests every `intervalMs` (a brisk typist and
 * a moving mouse) without waiting for answers, and record each latency.
 */
export async function measureWhileLoading(sizeId, { intervalMs = 50, maxRequests = 400, timeoutMs = 180_000 } = {}) {
  const S = loadService();
  const file = configPath(sizeId);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  // Positions from our model (no file is read for that).
  const offline = S.createLanguageService(S.createNodeEnvironment());
  const model = offline.getModel({ document: S.TextDocument.create(uri, 'json', 1, text), settings: S.DEFAULT_SETTINGS, context: { configPath: file, workspaceFolder: WORK } });
  const positions = positionsFor(model, 100, ['material', 'key', 'field']);
  const server = await ServerProcess.start({ rootPath: WORK });
  /** @type {{ i: number, kind: string, during: boolean, sentMs: number, latency: number, error?: string }[]} */
  const samples = [];
  try {
    const published = server.nextDiagnostics(uri, timeoutMs);
    let loadedAt;
    let codes;
    published.then(({ at, params }) => { loadedAt = at; codes = codesOf(params.diagnostics); }, () => undefined);
    const openedAt = now();
    await server.open(file, text);
    const opener = positions.find((p) => p.kind === 'key');
    const firstSent = now();
    await server.request('textDocument/completion', { textDocument: { uri }, position: opener.position }, timeoutMs);
    samples.push({ i: 0, kind: 'completion', during: loadedAt === undefined, sentMs: round(firstSent - openedAt), latency: now() - firstSent });
    const pending = [];
    let afterLoad = 0;
    for (let i = 1; i < maxRequests && now() - openedAt < timeoutMs; i++) {
      const p = positions[i % positions.length];
      const method = p.kind === 'key' ? 'textDocument/completion' : 'textDocument/hover';
      const kind = p.kind === 'key' ? 'completion' : p.kind === 'material' ? 'hover-certificate' : 'hover-field';
      const sentAt = now();
      const during = loadedAt === undefined;
      pending.push(server.request(method, { textDocument: { uri }, position: p.position }, timeoutMs).then(
        () => samples.push({ i, kind, during, sentMs: round(sentAt - openedAt), latency: now() - sentAt }),
        (error) => samples.push({ i, kind, during, sentMs: round(sentAt - openedAt), latency: NaN, error: String(error) }),
      ));
      if (!during && ++afterLoad >= 10) break;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    await Promise.allSettled(pending);
    await published.catch(() => undefined);
    const loadMs = loadedAt !== undefined ? round(loadedAt - openedAt) : undefined;
    // The first request waits for the parse of the just-opened document (not a certificate matter).
    const during = samples.filter((s) => s.during && s.i > 0 && Number.isFinite(s.latency));
    const byKind = {};
    for (const s of during) (byKind[s.kind] ??= []).push(s.latency);
    const first = samples.find((s) => s.i === 0);
    return {
      size: sizeId, loadMs, codes, intervalMs, requests: samples.length, duringLoad: during.length,
      firstRequestMs: first ? round(first.latency) : undefined,
      ...summarize(during.map((s) => s.latency)),
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])),
      errors: samples.filter((s) => s.error).length,
    };
  } finally {
    await server.stop();
  }
}

const JSON_SERVER = path.join(ROOT, 'bench', 'jsonServer.mjs');

/** Opens `file`, waits for its first diagnostics, then times `edits` one-value edits to the diagnostics each one brings. */
async function editSession(server, file, text, edits, timeoutMs) {
  const uri = pathToFileURL(file).href;
  const first = server.nextDiagnostics(uri, timeoutMs);
  const openedAt = now();
  await server.open(file, text);
  const opened = await first;
  const times = [];
  for (let i = 0; i < edits; i++) {
    const published = server.nextDiagnostics(uri, timeoutMs);
    const sentAt = now();
    await server.change(uri, editTimeout(text, 11 + i), i + 2);
    const { at } = await published;
    times.push(at - sentAt);
  }
  return { uri, openMs: round(opened.at - openedAt), times };
}

/**
 * Edit -> diagnostics published, over LSP, ours against VS Code's JSON support served the same
 * way (bench/jsonServer.mjs): each server with its own pause after typing (ours 250 ms, the
 * JSON server's 300 ms), one process per server, the same document and edits.
 */
export async function measureEditLatency(sizeId, { edits = sizeId === '35m' ? 5 : 7, timeoutMs = 300_000 } = {}) {
  const file = configPath(sizeId);
  const text = readFileSync(file, 'utf8');
  const result = { size: sizeId, bytes: Buffer.byteLength(text) };
  for (const [name, entry] of [['ours', undefined], ['json', JSON_SERVER]]) {
    const server = await ServerProcess.start({ rootPath: WORK, entry });
    try {
      const session = await editSession(server, file, text, edits, timeoutMs);
      result[name] = { openMs: session.openMs, ...summarize(session.times), rssMB: server.memory().rssMB };
    } catch (error) {
      result[name] = { error: String(error) };
    } finally {
      await server.stop();
    }
  }
  if (result.ours.median && result.json.median) result.ratio = round(result.ours.median / result.json.median);
  return result;
}

/** Our server's memory with the config open and edited `edits` times, and after it is closed. */
export async function measureEditMemory(sizeId, { edits = 20, timeoutMs = 300_000 } = {}) {
  const file = configPath(sizeId);
  const text = readFileSync(file, 'utf8');
  const server = await ServerProcess.start({ rootPath: WORK });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = server.memory();
    const session = await editSession(server, file, text, edits, timeoutMs);
    const edited = server.memory();
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: session.uri } });
    await new Promise((r) => setTimeout(r, 5000));
    const closed = server.memory();
    return {
      size: sizeId, edits, idleMB: idle.rssMB, editedMB: edited.rssMB, peakMB: closed.peakMB, closedMB: closed.rssMB,
      closedVsIdle: round(closed.rssMB / idle.rssMB), edit: summarize(session.times),
    };
  } finally {
    await server.stop();
  }
}
