import { createHash } from 'node:crypto';
import { MAX_CERT_FILE_BYTES, type FileProblem, type FileStat, type ServiceEnvironment } from '../environment';
import { judgeMaterial, type MaterialAnalysis, type MaterialExpectation } from './judge';
import { parseMaterial, type ParsedMaterial } from './material';
import { TimeSlice } from '../scheduling';

/**
 * Diagnostics run on every keystroke, and a config names the same few files again and again.
 * Two layers keep that cheap: a file whose path, size and mtime are unchanged is not read again,
 * and bytes seen before (same SHA-256) are not parsed again, whichever file or inline value
 * they came from. Both layers are bounded LRUs so a long session cannot grow without limit.
 */

export type CertificateFileResult =
  | { readonly ok: true; readonly path: string; readonly stat: FileStat; readonly analysis: MaterialAnalysis }
  | { readonly ok: false; readonly path: string; readonly reason: FileProblem; readonly detail?: string };

export interface CertificateCacheStats {
  /** Calls to env.readFile. */
  readonly reads: number;
  /** Material actually parsed (cache misses on content). */
  readonly parses: number;
}

export interface CertificateCache {
  /** `urgent`: someone waits for this one (a hover): its parse goes before the queued ones. */
  analyzeFile(env: ServiceEnvironment, absolutePath: string, expectation: MaterialExpectation, urgent?: boolean): Promise<CertificateFileResult>;
  /** For inline values (string) or bytes already in hand. */
  analyzeBytes(input: Uint8Array | string, expectation: MaterialExpectation, urgent?: boolean): Promise<MaterialAnalysis>;
  readonly stats: CertificateCacheStats;
  clear(): void;
}

export interface CertificateCacheOptions {
  /** Entries per layer; the default comfortably holds every file of a large workspace. */
  readonly maxEntries?: number;
}

/** Identity of a file version as far as we can tell without reading it. */
export function fileCacheKey(absolutePath: string, stat: Pick<FileStat, 'size' | 'mtimeMs'>): string {
  return `${absolutePath}\u0000${stat.size}\u0000${stat.mtimeMs}`;
}

/** A Map used as an LRU: Maps iterate in insertion order, so re-inserting marks recent use. */
class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

type ReadOutcome =
  | { readonly ok: true; readonly contentHash: string; readonly parsed: Promise<ParsedMaterial> }
  | { readonly ok: false; readonly reason: FileProblem; readonly detail?: string };

export function createCertificateCache(options: CertificateCacheOptions = {}): CertificateCache {
  const capacity = Math.max(1, options.maxEntries ?? 4096);
  const parsedByHash = new LruMap<string, Promise<ParsedMaterial>>(capacity);
  const hashByFileKey = new LruMap<string, string>(capacity);
  // Concurrent requests for the same file version share one read.
  const pendingReads = new Map<string, { readonly outcome: Promise<ReadOutcome>; readonly urgent: boolean }>();
  const stats = { reads: 0, parses: 0 };

  // Parsing is CPU work on the server's only thread: one queue, drained in slices of a few
  // milliseconds, so a thousand certificates never hold back a completion or hover request.
  const queue: (() => Promise<void>)[] = [];
  let head = 0;
  let draining = false;
  const drain = async () => {
    draining = true;
    const slice = new TimeSlice();
    while (head < queue.length) {
      await slice.yieldIfSpent();
      const job = queue[head];
      queue[head++] = undefined as never;
      await job();
    }
    queue.length = 0;
    head = 0;
    draining = false;
  };
  const scheduleParse = (bytes: Uint8Array | string, urgent: boolean): Promise<ParsedMaterial> => new Promise((resolve, reject) => {
    const job = () => parseMaterial(bytes).then(resolve, reject);
    if (urgent) queue.splice(head, 0, job);
    else queue.push(job);
    if (!draining) void drain();
  });

  const parseOnce = (bytes: Uint8Array | string, contentHash: string, urgent = false): Promise<ParsedMaterial> => {
    const cached = parsedByHash.get(contentHash);
    if (cached) return cached;
    stats.parses++;
    const parsing = scheduleParse(bytes, urgent);
    parsedByHash.set(contentHash, parsing);
    // A failed parse is a bug, not a property of the content: let the next call try again.
    parsing.catch(() => parsedByHash.delete(contentHash));
    return parsing;
  };

  const read = async (env: ServiceEnvironment, absolutePath: string, key: string, urgent: boolean): Promise<ReadOutcome> => {
    stats.reads++;
    const result = await env.readFile(absolutePath, MAX_CERT_FILE_BYTES, urgent);
    if (!result.ok) return result.detail === undefined ? { ok: false, reason: result.reason } : { ok: false, reason: result.reason, detail: result.detail };
    if (result.truncated) return { ok: false, reason: 'too-large', detail: `larger than ${MAX_CERT_FILE_BYTES} bytes` };
    const contentHash = hashOf(result.bytes);
    hashByFileKey.set(key, contentHash);
    return { ok: true, contentHash, parsed: parseOnce(result.bytes, contentHash, urgent) };
  };

  return {
    stats,
    async analyzeFile(env, absolutePath, expectation, urgent = false) {
      const stat = await env.stat(absolutePath, urgent);
      if (!stat) return { ok: false, path: absolutePath, reason: 'not-found' };
      if (stat.kind === 'directory') return { ok: false, path: absolutePath, reason: 'directory' };
      if (stat.kind !== 'file') return { ok: false, path: absolutePath, reason: 'not-regular' };
      if (stat.size > MAX_CERT_FILE_BYTES) {
        return { ok: false, path: absolutePath, reason: 'too-large', detail: `${stat.size} bytes; the limit is ${MAX_CERT_FILE_BYTES}` };
      }
      const key = fileCacheKey(absolutePath, stat);
      const knownHash = hashByFileKey.get(key);
      const known = knownHash !== undefined ? parsedByHash.get(knownHash) : undefined;
      if (known) return { ok: true, path: absolutePath, stat, analysis: judgeMaterial(await known, expectation) };

      let pending = pendingReads.get(key);
      // An urgent request does not wait for a read still queued behind a thousand others: it
      // starts its own at the front of the queue (the content hash still avoids a second parse).
      if (!pending || (urgent && !pending.urgent)) {
        const entry = { outcome: read(env, absolutePath, key, urgent), urgent };
        const settle = () => { if (pendingReads.get(key) === entry) pendingReads.delete(key); };
        entry.outcome.then(settle, settle);
        pendingReads.set(key, entry);
        pending = entry;
      }
      const outcome = await pending.outcome;
      if (!outcome.ok) return { ...outcome, path: absolutePath };
      return { ok: true, path: absolutePath, stat, analysis: judgeMaterial(await outcome.parsed, expectation) };
    },
    async analyzeBytes(input, expectation, urgent = false) {
      const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
      return judgeMaterial(await parseOnce(input, hashOf(bytes), urgent), expectation);
    },
    clear() {
      parsedByHash.clear();
      hashByFileKey.clear();
      pendingReads.clear();
    },
  };
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
