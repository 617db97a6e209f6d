/**
 * Turns a certificate-bearing field into material: decides how Centrifugo will read the value
 * (a file, base64 of PEM, or PEM text; in v6 by content, in Centrifugo's order), fetches the
 * bytes and analyses them through the shared certificate cache.
 */
import type { FieldSpec, MaterialRole } from '../catalog/fields';
import { isMaterialRole } from '../catalog/fields';
import type { CertificateCache, MaterialAnalysis, MaterialExpectation } from '../certs';
import { decodeBase64Strict, looksLikePem } from '../certs';
import { type FeatureContext, resolveConfigPath } from '../context';
import type { FileProblem } from '../environment';
import type { BlockField, TlsBlock } from '../model/blocks';

export type ReadAs = 'file' | 'base64' | 'pem';

export type SourceProblem =
  | { readonly kind: 'file'; readonly reason: FileProblem; readonly detail?: string }
  | { readonly kind: 'invalid-base64'; readonly detail: string }
  | { readonly kind: 'base64-not-pem' }
  /** v6 only: neither PEM, nor base64 of PEM, nor an existing file: start-up fails with "invalid PEM data". */
  | { readonly kind: 'unrecognised' };

export interface MaterialSource {
  readonly block: TlsBlock;
  readonly field: BlockField;
  readonly spec: FieldSpec & { readonly role: MaterialRole };
  readonly expectation: MaterialExpectation;
  /** The string value as Centrifugo gets it (JSON escapes decoded). */
  readonly value: string;
  /** How Centrifugo reads it; undefined when it cannot tell (see `problem`). */
  readonly readAs: ReadAs | undefined;
  /** Absolute path checked for file sources (and for v6 values that look like paths). */
  readonly filePath?: string;
  readonly problem?: SourceProblem;
  /** Present whenever bytes were obtained, even when they turn out to be unusable. */
  readonly analysis?: MaterialAnalysis;
}

export function expectationOf(role: MaterialRole): MaterialExpectation {
  return role === 'cert' ? 'certificate' : role === 'key' ? 'key' : 'ca';
}

/** Material fields of a block that carry a non-empty string (empty strings count as unset in Centrifugo). */
export function materialFields(block: TlsBlock): BlockField[] {
  const out: BlockField[] = [];
  for (const field of block.effective.values()) {
    if (!field.spec || !isMaterialRole(field.spec.role) || !field.spec.source) continue;
    if (field.valueNode?.type !== 'string' || typeof field.valueNode.value !== 'string' || field.valueNode.value === '') continue;
    out.push(field);
  }
  return out;
}

/** A v6 value that is not PEM and not base64: does it read as a path the user meant? */
export function looksLikePath(value: string): boolean {
  return /[/\\]/.test(value) || /^~/.test(value) || /\.[A-Za-z0-9-]{1,10}$/.test(value);
}

async function fromFile(ctx: FeatureContext, cache: CertificateCache, base: Omit<MaterialSource, 'readAs'>, value: string): Promise<MaterialSource> {
  const filePath = resolveConfigPath(value, ctx.settings, ctx.document);
  if (ctx.document.readsFiles === false) return { ...base, readAs: 'file', filePath };
  const result = await cache.analyzeFile(ctx.env, filePath, base.expectation);
  if (!result.ok) return { ...base, readAs: 'file', filePath, problem: { kind: 'file', reason: result.reason, detail: result.detail } };
  return { ...base, readAs: 'file', filePath, analysis: result.analysis };
}

async function fromBase64(cache: CertificateCache, base: Omit<MaterialSource, 'readAs'>, value: string): Promise<MaterialSource> {
  const decoded = decodeBase64Strict(value);
  if (!decoded.ok) return { ...base, readAs: 'base64', problem: { kind: 'invalid-base64', detail: decoded.reason } };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(decoded.bytes);
  if (!looksLikePem(text)) {
    return { ...base, readAs: 'base64', problem: { kind: 'base64-not-pem' }, analysis: await cache.analyzeBytes(decoded.bytes, base.expectation) };
  }
  return { ...base, readAs: 'base64', analysis: await cache.analyzeBytes(decoded.bytes, base.expectation) };
}

/** Centrifugo v6 (configtypes/pem.go): PEM first, then base64 of PEM, then an existing file. */
async function detectV6(ctx: FeatureContext, cache: CertificateCache, base: Omit<MaterialSource, 'readAs'>, value: string): Promise<MaterialSource> {
  if (looksLikePem(value)) return { ...base, readAs: 'pem', analysis: await cache.analyzeBytes(value, base.expectation) };
  const decoded = decodeBase64Strict(value);
  if (decoded.ok && looksLikePem(new TextDecoder().decode(decoded.bytes))) {
    return { ...base, readAs: 'base64', analysis: await cache.analyzeBytes(decoded.bytes, base.expectation) };
  }
  const filePath = resolveConfigPath(value, ctx.settings, ctx.document);
  if (ctx.document.readsFiles === false) return looksLikePath(value) ? { ...base, readAs: 'file', filePath } : { ...base, readAs: undefined };
  const stat = await ctx.env.stat(filePath);
  if (stat || looksLikePath(value)) return fromFile(ctx, cache, base, value);
  if (decoded.ok) return { ...base, readAs: 'base64', problem: { kind: 'base64-not-pem' } };
  return { ...base, readAs: undefined, filePath, problem: { kind: 'unrecognised' } };
}

export async function resolveSource(ctx: FeatureContext, cache: CertificateCache, block: TlsBlock, field: BlockField): Promise<MaterialSource | undefined> {
  const spec = field.spec;
  if (!spec || !isMaterialRole(spec.role) || !spec.source) return undefined;
  const value = field.valueNode?.type === 'string' && typeof field.valueNode.value === 'string' ? field.valueNode.value : '';
  if (!value) return undefined;
  const base = { block, field, spec: spec as FieldSpec & { role: MaterialRole }, expectation: expectationOf(spec.role), value };
  switch (spec.source) {
    case 'file': return fromFile(ctx, cache, base, value);
    case 'base64': return fromBase64(cache, base, value);
    case 'pem': return { ...base, readAs: 'pem', analysis: await cache.analyzeBytes(value, base.expectation) };
    case 'detect': return detectV6(ctx, cache, base, value);
  }
}
