/**
 * One shape for every place a `CENTRIFUGO_*` variable can come from: a `.env` file, a compose
 * file's `environment:`, a Kubernetes container's `env:`, or the process environment of the CLI.
 * Readers produce it; the overlay and the features consume it without knowing the format.
 */

export type EnvSourceKind = 'dotenv' | 'compose' | 'kubernetes' | 'process';

export interface EnvVariable {
  readonly name: string;
  /**
   * The value the process sees; undefined when the file does not say (a Secret or ConfigMap
   * reference, a compose variable taken from the shell, or one compose interpolates).
   */
  readonly value: string | undefined;
  /** Why the value is unknown, in a phrase: "set from Secret `tls` (key `tls.crt`), value unknown". */
  readonly unknownReason?: string;
  /** Absolute path of the file that sets it; undefined for the process environment. */
  readonly file?: string;
  /** Zero-based line of the name in that file. */
  readonly line: number;
  /** Offsets of the name and of the value as written (quotes included) in the file. */
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** How a dotenv value was quoted; other formats say 'none'. */
  readonly quote?: 'none' | 'single' | 'double';
  /** The value as written (dotenv: raw text with quotes). */
  readonly raw?: string;
}

/** Something that supplies names without listing them: `envFrom` in Kubernetes. */
export interface OpaqueEnvSource {
  readonly description: string;
  /** Names it can set start with this (Kubernetes `envFrom.prefix`); '' when any name. */
  readonly prefix: string;
  readonly line: number;
  readonly offset: number;
  readonly length: number;
}

export interface EnvSource {
  readonly kind: EnvSourceKind;
  /** Absolute path; undefined for the process environment. */
  readonly file?: string;
  /** The compose service or Kubernetes container the variables belong to. */
  readonly scope?: string;
  readonly variables: readonly EnvVariable[];
  readonly opaque: readonly OpaqueEnvSource[];
  /** Files a compose service lists in `env_file:`, resolved against the compose file's folder. */
  readonly envFiles: readonly { readonly path: string; readonly required: boolean; readonly line: number }[];
  /** A problem that stops the file from being read (syntax), located. */
  readonly problem?: { readonly message: string; readonly offset: number; readonly length: number };
}

/** Zero-based line of an offset; `lineStarts` from lineStartsOf. */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
