/** Every certificate source of a document, resolved once per model and file generation. */
import type { CertificateCache } from '../certs';
import type { FeatureContext } from '../context';
import { materialFields, type MaterialSource, resolveSource } from './resolve';

export async function resolveAllSources(ctx: FeatureContext, cache: CertificateCache): Promise<MaterialSource[]> {
  const pending: Promise<MaterialSource | undefined>[] = [];
  for (const block of ctx.model.blocks) {
    if (block.kind !== 'tls') continue;
    for (const field of materialFields(block)) pending.push(resolveSource(ctx, cache, block, field));
  }
  const resolved = await Promise.all(pending);
  return resolved.filter((s): s is MaterialSource => s !== undefined);
}

export { expectationOf, looksLikePath, type MaterialSource, type ReadAs, type SourceProblem } from './resolve';
