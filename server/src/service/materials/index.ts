/** Every certificate source of a document, resolved once per model and file generation. */
import type { CertificateCache } from '../certs';
import { TimeSlice } from '../scheduling';
import { materialFields, type MaterialSource, type ResolutionCache, resolutionScope, type SourceContext, sourceOf } from './resolve';

export async function resolveAllSources(ctx: SourceContext, cache: CertificateCache, resolutions: ResolutionCache): Promise<MaterialSource[]> {
  const out: (MaterialSource | undefined)[] = [];
  const pending: Promise<unknown>[] = [];
  const slice = new TimeSlice();
  const scope = resolutionScope(ctx, resolutions);
  for (const block of ctx.model.blocks) {
    if (block.kind !== 'tls') continue;
    for (const field of materialFields(block)) {
      const source = sourceOf(ctx, cache, resolutions, block, field, scope);
      if (source instanceof Promise) {
        const at = out.push(undefined) - 1;
        pending.push(source.then((s) => { out[at] = s; }));
      } else if (source) {
        out.push(source);
      }
    }
    // Thousands of fields are a second of work on a 20 MB config: let requests in between.
    await slice.yieldIfSpent();
  }
  await Promise.all(pending);
  return out.filter((s): s is MaterialSource => s !== undefined);
}

export { expectationOf, looksLikePath, type MaterialSource, type ReadAs, ResolutionCache, type SourceContext, type SourceProblem } from './resolve';
