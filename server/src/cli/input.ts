/**
 * Reads the configs named on the command line. Whatever the user points us at, the answer is a
 * text or one sentence saying why not: a FIFO or a device is refused after a stat (opening one
 * could wait forever), a directory or a missing file is named as such, never a stack trace.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Far above any real config (the benchmark's biggest is 20 MB), low enough that /dev/zero-like input cannot eat memory. */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** How standard input is named in every output format. */
export const STDIN_NAME = '<stdin>';

export interface ConfigInput {
  /** The name the user gave (as typed), or `<stdin>`. */
  readonly displayName: string;
  /** Absolute path on disk; undefined for standard input. */
  readonly absolutePath: string | undefined;
  readonly text: string;
}

export type InputResult =
  | { readonly ok: true; readonly input: ConfigInput }
  | { readonly ok: false; readonly displayName: string; readonly message: string };

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory, not a config file';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    default: return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function decode(bytes: Uint8Array): string {
  // ignoreBOM keeps a leading byte-order mark in the text: Centrifugo's JSON reader refuses one.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

export async function readConfigFile(name: string, cwd: string): Promise<InputResult> {
  const absolutePath = path.resolve(cwd, name);
  const refuse = (message: string): InputResult => ({ ok: false, displayName: name, message: `cannot read ${name}: ${message}` });
  let stat;
  try {
    stat = await fs.stat(absolutePath);
  } catch (error) {
    return refuse(describeError(error));
  }
  if (stat.isDirectory()) return refuse('it is a directory, not a config file');
  if (!stat.isFile()) {
    return refuse('not a regular file (a FIFO, socket or device); to check such a stream, pipe it to standard input and name - instead');
  }
  if (stat.size > MAX_CONFIG_BYTES) return refuse(`larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB`);
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO since the stat, opening it must still not wait.
    handle = await fs.open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const opened = await handle.stat();
    if (!opened.isFile()) return refuse('not a regular file');
    const bytes = await handle.readFile();
    return { ok: true, input: { displayName: name, absolutePath, text: decode(bytes) } };
  } catch (error) {
    return refuse(describeError(error));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function readStandardInput(stdin: NodeJS.ReadableStream): Promise<InputResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > MAX_CONFIG_BYTES) {
        return { ok: false, displayName: STDIN_NAME, message: `cannot read standard input: larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB` };
      }
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, displayName: STDIN_NAME, message: `cannot read standard input: ${describeError(error)}` };
  }
  return { ok: true, input: { displayName: STDIN_NAME, absolutePath: undefined, text: decode(Buffer.concat(chunks)) } };
}
