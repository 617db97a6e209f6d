// @ts-check
// Shared helpers of the benchmark: paths, loading the compiled service, bounded sampling, statistics.
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORK = path.join(ROOT, 'bench', '.work');
export const require = createRequire(path.join(ROOT, 'package.json'));

/** The compiled language service (tsc output, CommonJS). */
export function loadService() {
  const service = require(path.join(ROOT, 'out/server/src/service/index.js'));
  const node = require(path.join(ROOT, 'out/server/src/nodeEnvironment.js'));
  const certs = require(path.join(ROOT, 'out/server/src/service/certs/index.js'));
  const { TextDocument } = require('vscode-languageserver-textdocument');
  return { ...service, ...node, certs, TextDocument };
}

// A full GC between timed runs keeps one run's garbage out of the next run's time.
setFlagsFromString('--expose-gc');
const gcFn = runInNewContext('gc');
export function gc() { gcFn(); }

export const now = () => performance.now();

/**
 * Times `fn` repeatedly: `warmup` untimed runs, then at least `min` and at most `max` timed runs,
 * stopping early once `budgetMs` of timed work has passed. `setup(i)` runs untimed before each
 * call and its result is passed to `fn`. Every loop is bounded in count and time.
 * @param {(input: any) => unknown} fn
 * @param {{ warmup?: number, min?: number, max?: number, budgetMs?: number, setup?: (i: number) => unknown }} [options]
 */
export async function sample(fn, { warmup = 1, min = 3, max = 20, budgetMs = 10_000, setup } = {}) {
  for (let i = 0; i < warmup; i++) await fn(setup ? await setup(-1 - i) : undefined);
  const times = [];
  let spent = 0;
  for (let i = 0; i < max; i++) {
    const arg = setup ? await setup(i) : undefined;
    gc();
    const t0 = now();
    await fn(arg);
    const dt = now() - t0;
    times.push(dt);
    spent += dt;
    if (i + 1 >= min && spent > budgetMs) break;
  }
  return summarize(times);
}

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** median, p95, min, max and the interquartile spread relative to the median (our noise figure). */
export function summarize(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  return {
    n: sorted.length,
    median: round(median),
    p95: round(quantile(sorted, 0.95)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    spread: median > 0 ? round(iqr / median, 3) : 0,
  };
}

export function round(x, digits = 2) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function loadAverage() {
  return os.loadavg().map((x) => round(x));
}

export function log(...args) {
  process.stderr.write(`${args.join(' ')}\n`);
}

/** Races a promise against a timeout; the bench never waits forever on a child process. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const SIZES = [
  { id: '2k', label: '2 KB', bytes: 2 * 1024 },
  { id: '200k', label: '200 KB', bytes: 200 * 1024 },
  { id: '2m', label: '2 MB', bytes: 2 * 1024 * 1024 },
  { id: '20m', label: '20 MB', bytes: 20 * 1024 * 1024 },
];

/** Sizes of the edit -> diagnostics comparison over LSP (the 200 KB, 3.5 MB and 35 MB, and 2 KB). */
export const EDIT_SIZES = [
  { id: '2k', label: '2 KB', bytes: 2 * 1024 },
  { id: '200k', label: '200 KB', bytes: 200 * 1024 },
  { id: '3.5m', label: '3.5 MB', bytes: 3.5 * 1024 * 1024 },
  { id: '35m', label: '35 MB', bytes: 35 * 1024 * 1024 },
];

/** Every config the workspace holds. */
export const ALL_SIZES = [...SIZES, ...EDIT_SIZES.filter((e) => !SIZES.some((s) => s.id === e.id))];

export function configPath(sizeId) {
  // A default config name (server/src/configFiles.ts): the language server serves it unlisted.
  return path.join(WORK, `centrifugo-${sizeId}.json`);
}
