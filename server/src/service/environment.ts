/**
 * Everything the language service needs from the outside world. The service never touches
 * `fs`, the clock or the LSP connection directly, so tests inject files and time, and the CLI
 * and the server share one engine.
 */
export interface FileStat {
  readonly kind: 'file' | 'directory' | 'other';
  readonly size: number;
  /** Modification time in milliseconds since the epoch; part of the certificate cache key. */
  readonly mtimeMs: number;
}

export type FileReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly truncated: boolean }
  | { readonly ok: false; readonly reason: FileProblem; readonly detail?: string };

export type FileProblem = 'not-found' | 'directory' | 'not-regular' | 'unreadable' | 'too-large' | 'timeout';

export interface ServiceEnvironment {
  /**
   * Reads at most `maxBytes` bytes of a regular file; never blocks on FIFOs or devices.
   * `urgent`: a request waits for this file (a hover), so it goes before queued reads.
   */
  readFile(absolutePath: string, maxBytes: number, urgent?: boolean): Promise<FileReadResult>;
  /** `undefined` when nothing exists at the path. */
  stat(absolutePath: string, urgent?: boolean): Promise<FileStat | undefined>;
  /** Lists a directory (names only); used by path completion. Empty when unreadable. */
  readDirectory(absolutePath: string): Promise<readonly { name: string; kind: FileStat['kind'] }[]>;
  /** The current time. Injected so that expiry logic is testable and refreshes as days pass. */
  now(): Date;
}

/** Largest certificate/key file we read. Real PEM bundles are a few KB; this keeps /dev/zero or a 2 GB file harmless. */
export const MAX_CERT_FILE_BYTES = 1024 * 1024;
