/**
 * Shared by the diagnostics-*.test.ts files: validate inline text and locate expected ranges by
 * the text they cover, so every assertion names the exact span a user would see underlined.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag, type Range } from 'vscode-languageserver-types';
import { makeRequest, newService } from '../helpers/documents';

export { DiagnosticSeverity, DiagnosticTag };

/** The codes of the structural validators under test; certificate and file checks belong to other suites. */
export const STRUCTURAL_CODES: ReadonlySet<string> = new Set([
  'type-mismatch', 'unknown-field', 'unknown-in-version', 'duplicate-key', 'tls-disabled', 'insecure-skip-verify',
  'shadowed-source', 'mixed-source-pair', 'wrong-location', 'no-effect-here', 'autocert-host', 'autocert-email',
  'autocert-http-addr', 'autocert-conflict', 'h2c-with-tls', 'tls-no-certificate', 'http3-without-tls', 'kafka-tls-ignored', 'legacy-key',
  'invalid-value', 'undefined-name', 'duplicate-name',
]);

/** Every diagnostic of the document, whatever validator made it. */
export async function validateAll(text: string, version?: 'v5' | 'v6'): Promise<Diagnostic[]> {
  const { service } = newService();
  return service.doValidation(makeRequest(text, version ? { settings: { version } } : {}));
}

/** The diagnostics of the structural validators (no file reading: the memory environment is empty). */
export async function validate(text: string, version?: 'v5' | 'v6'): Promise<Diagnostic[]> {
  return (await validateAll(text, version)).filter((d) => STRUCTURAL_CODES.has(String(d.code)));
}

/** Diagnostics with one of the given codes. */
export function withCode(diagnostics: readonly Diagnostic[], ...codes: string[]): Diagnostic[] {
  return diagnostics.filter((d) => codes.includes(String(d.code)));
}

/** The range of the `nth` occurrence of `needle` in `text` (0-based). */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${nth + 1} times`);
  }
  const doc = TextDocument.create('file:///x.json', 'json', 1, text);
  return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
}

export function fmt(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** A diagnostic as the tests read it: a plain-text message and the data quick fixes get. */
export type Found = Diagnostic & { readonly message: string; readonly data: Record<string, unknown> };

/** Exactly one diagnostic with `code` covers `range`; returns it for further checks. */
export function one(diagnostics: readonly Diagnostic[], code: string, range: Range, severity: DiagnosticSeverity): Found {
  const matching = diagnostics.filter((d) => d.code === code && fmt(d.range) === fmt(range));
  assert.equal(matching.length, 1,
    `expected one ${code} at ${fmt(range)}; got:\n${diagnostics.map((d) => `  ${d.code} ${fmt(d.range)} ${d.message}`).join('\n')}`);
  const d = matching[0];
  assert.equal(d.severity, severity, `severity of ${code} at ${fmt(range)}`);
  assert.equal(d.source, 'centrifugo');
  assert.equal(typeof d.message, 'string');
  return { ...d, data: (d.data ?? {}) as Record<string, unknown> } as Found;
}

/** The codes of all diagnostics, sorted, for whole-document expectations. */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

export function includesAll(message: string, ...fragments: string[]): void {
  for (const fragment of fragments) assert.ok(message.includes(fragment), `message lacks ${JSON.stringify(fragment)}:\n${message}`);
}
