/**
 * The real-world ServiceEnvironment for the server and the CLI. Reading a path a user typed must
 * never hang or eat memory: FIFOs and devices are refused before any read, reads are capped, and
 * a slow disk times out into a diagnostic.
 */
import { constants, promises as fs } from 'node:fs';
import type { FileReadResult, FileStat, ServiceEnvironment } from './service';

const READ_TIMEOUT_MS = 2000;
/**
 * A config may name thousands of files at once. libuv runs 4 file operations at a time; the rest
 * queue, and a timeout started at the call would fire for files that are merely waiting their turn
 * (seen: hundreds of false missing-file "timeout" diagnostics under load). Queue here instead, and
 * start each timeout when its operation starts.
 */
const MAX_CONCURRENT_FILE_OPS = 16;
let active = 0;
const waiting: (() => void)[] = [];

/** `urgent` operations (a hover waits for them) go to the front of the queue. */
async function limited<T>(work: () => Promise<T>, urgent = false): Promise<T> {
  if (active >= MAX_CONCURRENT_FILE_OPS) await new Promise<void>((resolve) => (urgent ? waiting.unshift(resolve) : waiting.push(resolve)));
  active++;
  try {
    return await work();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

function problemOf(error: unknown): FileReadResult {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'not-found' };
  if (code === 'EISDIR') return { ok: false, reason: 'directory' };
  return { ok: false, reason: 'unreadable', detail: code ?? String(error) };
}

function withTimeout<T>(work: Promise<T>, onTimeout: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(onTimeout), READ_TIMEOUT_MS); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function readCapped(absolutePath: string, maxBytes: number): Promise<FileReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
    handle = await fs.open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, reason: 'directory' };
    if (!stat.isFile()) return { ok: false, reason: 'not-regular' };
    const size = Math.min(stat.size, maxBytes);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, read), truncated: stat.size > maxBytes };
  } catch (error) {
    return problemOf(error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function createNodeEnvironment(clock: () => Date = () => new Date()): ServiceEnvironment {
  return {
    readFile: (absolutePath, maxBytes, urgent) =>
      limited(() => withTimeout(readCapped(absolutePath, maxBytes), { ok: false, reason: 'timeout' }), urgent),
    async stat(absolutePath, urgent): Promise<FileStat | undefined> {
      try {
        const s = await limited(() => withTimeout(fs.stat(absolutePath), undefined), urgent);
        if (!s) return undefined;
        return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtimeMs: s.mtimeMs };
      } catch {
        return undefined;
      }
    },
    async readDirectory(absolutePath) {
      try {
        const entries = await withTimeout(fs.readdir(absolutePath, { withFileTypes: true }), []);
        return entries.map((e) => ({ name: e.name, kind: e.isDirectory() ? 'directory' as const : e.isFile() ? 'file' as const : 'other' as const }));
      } catch {
        return [];
      }
    },
    now: clock,
  };
}

