/**
 * Turns a certificate-bearing field into material: decides how Centrifugo will read the value
 * (a file, base64 of PEM, or PEM text; in v6 by content, in Centrifugo's order), fetches the
 * bytes and analyses them through the shared certificate cache.
 */
import type { FieldSpec, MaterialRole, SourceKind } from '../catalog/fields';
import { isMaterialRole } from '../catalog/fields';
import type { CertificateCache, MaterialAnalysis, MaterialExpectation } from '../certs';
import { decodeBase64Strict, looksLikePem, pemRefusal } from '../certs';
import { baseDirectory, type DocumentContext, resolveConfigPath } from '../documentContext';
import type { FileProblem, ServiceEnvironment } from '../environment';
import type { ConfigModel } from '../model';
import type { BlockField, TlsBlock } from '../model/blocks';
import type { Settings } from '../settings';

/** What resolving a value needs: the document, where it lives, and the outside world. */
export interface SourceContext {
  readonly model: ConfigModel;
  readonly settings: Settings;
  readonly env: ServiceEnvironment;
  readonly document: DocumentContext;
  /** Someone waits for this answer: the file parses it needs go before queued ones. */
  readonly urgent?: boolean;
}

export type ReadAs = 'file' | 'base64' | 'pem';

export type SourceProblem =
  | { readonly kind: 'file'; readonly reason: FileProblem; readonly detail?: string }
  | { readonly kind: 'invalid-base64'; readonly detail: string }
  | { readonly kind: 'base64-not-pem' }
  /** v6 only: neither PEM, nor base64 of PEM, nor an existing file: start-up fails with "invalid PEM data". */
  | { readonly kind: 'unrecognised' }
  /** v6 only: PEM text Go's pem.Decode refuses (indented, a literal \n...); `detail` says why. */
  | { readonly kind: 'invalid-pem'; readonly detail: string };

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

/** How a value resolves: everything about a source that does not depend on where it is written. */
export type Resolution = Pick<MaterialSource, 'readAs' | 'filePath' | 'problem' | 'analysis'>;

interface ResolveInput {
  readonly ctx: SourceContext;
  readonly cache: CertificateCache;
  readonly expectation: MaterialExpectation;
  readonly value: string;
}

async function fromFile({ ctx, cache, expectation, value }: ResolveInput): Promise<Resolution> {
  const filePath = resolveConfigPath(value, ctx.settings, ctx.document);
  if (ctx.document.readsFiles === false) return { readAs: 'file', filePath };
  const result = await cache.analyzeFile(ctx.env, filePath, expectation, ctx.urgent);
  if (!result.ok) return { readAs: 'file', filePath, problem: { kind: 'file', reason: result.reason, detail: result.detail } };
  return { readAs: 'file', filePath, analysis: result.analysis };
}

async function fromBase64({ ctx, cache, expectation, value }: ResolveInput): Promise<Resolution> {
  const decoded = decodeBase64Strict(value);
  if (!decoded.ok) return { readAs: 'base64', problem: { kind: 'invalid-base64', detail: decoded.reason } };
  const analysis = await cache.analyzeBytes(decoded.bytes, expectation, ctx.urgent);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(decoded.bytes);
  return looksLikePem(text) ? { readAs: 'base64', analysis } : { readAs: 'base64', problem: { kind: 'base64-not-pem' }, analysis };
}

/** Centrifugo v6 (configtypes/pem.go): PEM first, then base64 of PEM, then an existing file. */
async function detectV6(input: ResolveInput): Promise<Resolution> {
  const { ctx, cache, expectation, value } = input;
  if (looksLikePem(value)) return { readAs: 'pem', analysis: await cache.analyzeBytes(value, expectation, ctx.urgent) };
  const decoded = decodeBase64Strict(value);
  if (decoded.ok && looksLikePem(new TextDecoder().decode(decoded.bytes))) {
    return { readAs: 'base64', analysis: await cache.analyzeBytes(decoded.bytes, expectation, ctx.urgent) };
  }
  // PEM that Go cannot decode is no path either: Centrifugo says "invalid PEM data" (configtypes/pem.go:92-113@v6.9.1).
  const refusal = pemRefusal(value, ctx.model.tree.format);
  if (refusal) return { readAs: 'pem', problem: { kind: 'invalid-pem', detail: refusal } };
  const filePath = resolveConfigPath(value, ctx.settings, ctx.document);
  if (ctx.document.readsFiles === false) return looksLikePath(value) ? { readAs: 'file', filePath } : { readAs: undefined };
  const stat = await ctx.env.stat(filePath, ctx.urgent);
  if (stat || looksLikePath(value)) return fromFile(input);
  if (decoded.ok) return { readAs: 'base64', problem: { kind: 'base64-not-pem' } };
  return { readAs: undefined, filePath, problem: { kind: 'unrecognised' } };
}

function resolveValue(input: ResolveInput, source: SourceKind): Promise<Resolution> {
  switch (source) {
    case 'file': return fromFile(input);
    case 'base64': return fromBase64(input);
    case 'pem': return input.cache.analyzeBytes(input.value, input.expectation, input.ctx.urgent).then((analysis) => ({ readAs: 'pem', analysis }));
    case 'detect': return detectV6(input);
  }
}

interface ResolutionEntry {
  readonly at: number;
  readonly resolution: Promise<Resolution>;
  /** The settled answer, once there is one. */
  value: Resolution | undefined;
}

/** The resolutions of one kind of source (everything but the value): value -> entry. */
export type ResolutionBucket = Map<string, ResolutionEntry>;

/**
 * Resolutions remembered across document versions: an edit that touches no certificate field
 * must cost no file system call. Entries are dropped by `clear()` when watched files change and,
 * for clients that cannot watch files, expire after `maxAgeMs`.
 *
 * Two levels, so that the inner key is the value string the tree holds: V8 keeps a string's hash,
 * and an edit elsewhere leaves those strings as they were, so a field costs one flat lookup
 * instead of building and hashing a long key.
 */
export class ResolutionCache {
  private readonly buckets = new Map<string, ResolutionBucket>();
  private size = 0;
  maxAgeMs = 3000;

  constructor(private readonly capacity = 50_000) {}

  bucket(key: string): ResolutionBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Map()));
    return bucket;
  }

  /**
   * The answer already settled for `value`, without a promise: on an edit elsewhere in a large
   * config every field is such a hit, and a promise and a microtask each cost more than the lookup.
   */
  settled(bucket: ResolutionBucket, value: string, now: number): Resolution | undefined {
    return this.fresh(bucket, value, now, false)?.value;
  }

  /** `urgent`: a request waits (a hover); it does not join a resolution still queued behind others. */
  get(bucket: ResolutionBucket, value: string, now: number, compute: () => Promise<Resolution>, urgent = false): Promise<Resolution> {
    const entry = this.fresh(bucket, value, now, urgent);
    if (entry) return entry.resolution;
    const resolution = compute();
    if (bucket.delete(value)) this.size--;
    const fresh: ResolutionEntry = { at: now, resolution, value: undefined };
    bucket.set(value, fresh);
    this.size++;
    void resolution.then((r) => {
      fresh.value = r;
      // A timeout says nothing lasting about the file (a busy disk, a long queue): never remember
      // it, or with a watching client the error would stay until the file changes.
      if (r.problem?.kind === 'file' && r.problem.reason === 'timeout' && bucket.get(value) === fresh && bucket.delete(value)) this.size--;
    }, () => undefined);
    if (this.size > this.capacity) this.evictOne();
    return resolution;
  }

  clear(): void {
    this.buckets.clear();
    this.size = 0;
  }

  private fresh(bucket: ResolutionBucket, value: string, now: number, urgent: boolean): ResolutionEntry | undefined {
    const entry = bucket.get(value);
    if (!entry || now - entry.at > this.maxAgeMs || now < entry.at || (urgent && !entry.value)) return undefined;
    // Re-insert: Maps iterate in insertion order, so this keeps the LRU order within a bucket.
    bucket.delete(value);
    bucket.set(value, entry);
    return entry;
  }

  /** The least recently used entry of the oldest bucket that has any (buckets are few: one per kind of source and base directory). */
  private evictOne(): void {
    for (const [key, bucket] of this.buckets) {
      const first = bucket.keys().next();
      if (first.done) {
        this.buckets.delete(key);
        continue;
      }
      bucket.delete(first.value);
      this.size--;
      return;
    }
  }
}

/**
 * What every resolution of one document shares, worked out once per pass over its fields: the
 * clock, and everything a resolution depends on but the value (the format, since the words of a
 * PEM refusal depend on it; whether files may be read; where relative paths point; the kind of
 * source and the use), as one bucket of the cache per kind of source and use.
 */
export interface ResolutionScope {
  readonly now: number;
  bucket(source: SourceKind, expectation: MaterialExpectation): ResolutionBucket;
}

export function resolutionScope(ctx: SourceContext, resolutions: ResolutionCache): ResolutionScope {
  const prefix = `${ctx.model.tree.format}\u0000${ctx.document.readsFiles !== false}\u0000${baseDirectory(ctx.settings, ctx.document)}\u0000`;
  const buckets = new Map<string, ResolutionBucket>();
  return {
    now: ctx.env.now().getTime(),
    bucket(source, expectation) {
      const kind = `${source}\u0000${expectation}`;
      let bucket = buckets.get(kind);
      if (!bucket) buckets.set(kind, (bucket = resolutions.bucket(prefix + kind)));
      return bucket;
    },
  };
}

/** The source of a material field: at once when its resolution is remembered and settled, else a promise. */
export function sourceOf(
  ctx: SourceContext, cache: CertificateCache, resolutions: ResolutionCache, block: TlsBlock, field: BlockField, scope: ResolutionScope,
): MaterialSource | undefined | Promise<MaterialSource> {
  const spec = field.spec;
  if (!spec || !isMaterialRole(spec.role) || !spec.source) return undefined;
  const value = field.valueNode?.type === 'string' && typeof field.valueNode.value === 'string' ? field.valueNode.value : '';
  if (!value) return undefined;
  const expectation = expectationOf(spec.role);
  const source = spec.source;
  const bucket = scope.bucket(source, expectation);
  const made = (resolution: Resolution): MaterialSource => ({ block, field, spec: spec as FieldSpec & { role: MaterialRole }, expectation, value, ...resolution });
  const known = resolutions.settled(bucket, value, scope.now);
  if (known) return made(known);
  return resolutions.get(bucket, value, scope.now, () => resolveValue({ ctx, cache, expectation, value }, source), ctx.urgent).then(made);
}

export async function resolveSource(
  ctx: SourceContext, cache: CertificateCache, resolutions: ResolutionCache, block: TlsBlock, field: BlockField,
): Promise<MaterialSource | undefined> {
  return sourceOf(ctx, cache, resolutions, block, field, resolutionScope(ctx, resolutions));
}
