/**
 * An in-memory ServiceEnvironment for unit tests: files, directories, FIFOs and a fixed clock,
 * so tests never touch the disk's state or the wall clock. Counts reads so tests can check caching.
 */
import * as path from 'node:path';
import type { FileReadResult, FileStat, ServiceEnvironment } from '../../server/src/service/environment';

export type MemoryEntry =
  | { kind: 'file'; bytes: Uint8Array; mtimeMs: number }
  | { kind: 'directory' }
  | { kind: 'other' }
  | { kind: 'unreadable' }
  /** A read that does not finish in time (a hung network file system). */
  | { kind: 'slow' };

export class MemoryEnvironment implements ServiceEnvironment {
  readonly entries = new Map<string, MemoryEntry>();
  reads = 0;
  /** Calls of stat and readFile: every file system call the service makes. */
  fileSystemCalls = 0;
  private clock: Date;

  constructor(now: Date | string = '2026-06-01T12:00:00Z') {
    this.clock = new Date(now);
  }

  now(): Date {
    return new Date(this.clock.getTime());
  }

  setNow(now: Date | string): void {
    this.clock = new Date(now);
  }

  /** Adds a file (string or bytes); parent folders appear as directories. */
  addFile(absolutePath: string, content: string | Uint8Array, mtimeMs = 1): this {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.entries.set(path.resolve(absolutePath), { kind: 'file', bytes, mtimeMs });
    for (let dir = path.dirname(path.resolve(absolutePath)); ; dir = path.dirname(dir)) {
      if (!this.entries.has(dir)) this.entries.set(dir, { kind: 'directory' });
      if (dir === path.dirname(dir)) break;
    }
    return this;
  }

  addEntry(absolutePath: string, entry: MemoryEntry): this {
    this.entries.set(path.resolve(absolutePath), entry);
    return this;
  }

  remove(absolutePath: string): void {
    this.entries.delete(path.resolve(absolutePath));
  }

  async readFile(absolutePath: string, maxBytes: number): Promise<FileReadResult> {
    this.fileSystemCalls++;
    const entry = this.entries.get(path.resolve(absolutePath));
    if (!entry) return { ok: false, reason: 'not-found' };
    if (entry.kind === 'directory') return { ok: false, reason: 'directory' };
    if (entry.kind === 'other') return { ok: false, reason: 'not-regular' };
    if (entry.kind === 'unreadable') return { ok: false, reason: 'unreadable', detail: 'EACCES' };
    if (entry.kind === 'slow') return { ok: false, reason: 'timeout' };
    this.reads++;
    const truncated = entry.bytes.length > maxBytes;
    return { ok: true, bytes: truncated ? entry.bytes.slice(0, maxBytes) : entry.bytes, truncated };
  }

  async stat(absolutePath: string): Promise<FileStat | undefined> {
    this.fileSystemCalls++;
    const entry = this.entries.get(path.resolve(absolutePath));
    if (!entry) return undefined;
    if (entry.kind === 'file') return { kind: 'file', size: entry.bytes.length, mtimeMs: entry.mtimeMs };
    if (entry.kind === 'unreadable' || entry.kind === 'slow') return { kind: 'file', size: 10, mtimeMs: 1 };
    return { kind: entry.kind, size: 0, mtimeMs: 0 };
  }

  async readDirectory(absolutePath: string): Promise<{ name: string; kind: FileStat['kind'] }[]> {
    const dir = path.resolve(absolutePath);
    const out: { name: string; kind: FileStat['kind'] }[] = [];
    for (const [p, entry] of this.entries) {
      if (path.dirname(p) === dir && p !== dir) out.push({ name: path.basename(p), kind: entry.kind === 'directory' ? 'directory' : entry.kind === 'other' ? 'other' : 'file' });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }
}
