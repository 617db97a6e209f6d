/** Every certificate source of a document, resolved once per model and file generation. */
import type { CertificateCache } from '../certs';
import { TimeSlice } from '../scheduling';
import { materialFields, type MaterialSource, type ResolutionCache, resolveSource, type SourceContext } from './resolve';

export async function resolveAllSources(ctx: SourceContext, cache: CertificateCache, resolutions: ResolutionCache): Promise<MaterialSource[]> {
  const pending: Promise<MaterialSource | undefined>[] = [];
  const slice = new TimeSlice();
  for (const block of ctx.model.blocks) {
    if (block.kind !== 'tls') continue;
    for (const field of materialFields(block)) pending.push(resolveSource(ctx, cache, resolutions, block, field));
    // Thousands of fields are a second of work on a 20 MB config: let requests in between.
    await slice.yieldIfSpent();
  }
  const resolved = await Promise.all(pending);
  return resolved.filter((s): s is MaterialSource => s !== undefined);
}

export { expectationOf, looksLikePath, type MaterialSource, type ReadAs, ResolutionCache, type SourceContext, type SourceProblem } from './resolve';
