/**
 * The `data` a diagnostic carries to its quick fix, per code: one schema from which both the
 * type the validator must write (makeDiagnostic checks it) and the reader the quick fix uses
 * (readDiagnosticData, which also checks what the editor hands back) are derived, so the two
 * cannot drift. Codes without a quick fix carry the free-form DiagnosticData (path and details
 * for the CLI's JSON).
 *
 * A field is `'string'`, `'number'` or `'boolean'`, with `?` when it may be absent.
 */
import type { DiagnosticCode } from './codes';

type FieldKind = 'string' | 'number' | 'boolean';
type FieldSpec = FieldKind | `${FieldKind}?`;

const FIXABLE_DATA = {
  'shadowed-source': { path: 'string', role: 'string', winner: 'string', winnerPath: 'string' },
  'mixed-source-pair': { path: 'string', role: 'string', missing: 'string', missingPath: 'string' },
  'unknown-field': { path: 'string', suggestion: 'string?' },
  'unknown-in-version': {
    path: 'string', moveTo: 'string?', targetSet: 'boolean?', removedIn: 'string?', since: 'string?', replacement: 'string?',
    v5Path: 'string?', v6Path: 'string?',
  },
  'wrong-location': {
    path: 'string', moveTo: 'string?', targetShape: 'string?', alsoTo: 'string?', flatPrefix: 'string?', moveToKey: 'string?',
    targetPath: 'string?', remove: 'boolean?',
  },
  'type-mismatch': { path: 'string', expected: 'string?', replacement: 'string?' },
  'autocert-host': { path: 'string', host: 'string?', suggestion: 'string?' },
  'autocert-email': { path: 'string', suggestion: 'string?' },
  'autocert-http-addr': { path: 'string', suggestion: 'string?' },
  'invalid-value': { path: 'string', replacement: 'string?' },
  'undefined-name': { path: 'string', suggestion: 'string?' },
} as const satisfies Partial<Record<DiagnosticCode, Readonly<Record<string, FieldSpec>>>>;

type Fixable = typeof FIXABLE_DATA;
export type FixableCode = keyof Fixable;

type KindType<S> = S extends 'string' | 'string?' ? string : S extends 'number' | 'number?' ? number : boolean;
type Required<S> = { readonly [K in keyof S as S[K] extends `${string}?` ? never : K]: KindType<S[K]> };
type Optional<S> = { readonly [K in keyof S as S[K] extends `${string}?` ? K : never]?: KindType<S[K]> };
type Flatten<T> = { readonly [K in keyof T]: T[K] };

/** Free-form data of codes without a quick fix; never key material. */
export interface DiagnosticData {
  /** Contract path of the field or block the diagnostic is about. */
  readonly path?: string;
  /** Details for the CLI's JSON (the winning source, the line of the first definition...). */
  readonly [detail: string]: string | number | boolean | undefined;
}

/** What a diagnostic of `code` carries. */
export type DiagnosticDataOf<C extends DiagnosticCode> = C extends FixableCode ? Flatten<Required<Fixable[C]> & Optional<Fixable[C]>> : DiagnosticData;

/** The data of any fixable diagnostic (each carries at least `path`), checked against its own code's schema. */
export function readFixableData(diagnostic: { readonly code?: unknown; readonly data?: unknown }): DiagnosticDataOf<FixableCode> | undefined {
  return isFixableCode(diagnostic.code) ? readDiagnosticData(diagnostic, diagnostic.code) : undefined;
}

export function isFixableCode(code: unknown): code is FixableCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(FIXABLE_DATA, code);
}

/**
 * The data of a diagnostic the editor passed back, checked against its code's schema: undefined
 * when it is not that code or a field is missing or of the wrong type (a stale or foreign
 * diagnostic gets no fix). Empty strings count as missing, as no fix can use one.
 */
export function readDiagnosticData<C extends FixableCode>(diagnostic: { readonly code?: unknown; readonly data?: unknown }, code: C): DiagnosticDataOf<C> | undefined {
  if (diagnostic.code !== code) return undefined;
  const data = diagnostic.data;
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(FIXABLE_DATA[code] as Readonly<Record<string, FieldSpec>>)) {
    const optional = spec.endsWith('?');
    const kind = optional ? spec.slice(0, -1) : spec;
    const value = record[name];
    const present = value !== undefined && value !== '';
    if (!present) {
      if (!optional) return undefined;
      continue;
    }
    if (typeof value !== kind) return undefined;
    out[name] = value;
  }
  return out as DiagnosticDataOf<C>;
}
