/**
 * The hover section for a certificate-bearing value: how Centrifugo will read it, then the facts
 * of every certificate it holds, or the public facts of the private key. Never the value itself.
 */
import { isMaterialRole } from '../catalog/fields';
import type { FeatureContext } from '../context';
import type { MaterialAnalysis } from '../certs';
import type { MaterialSource } from '../materials';
import type { BlockField, TlsBlock } from '../model/blocks';
import {
  certificateHeadline, certificateTable, chainInOrder, contentProblemWords, keyMarkdown, readAsMarkdown, sourceProblemWords,
} from './certificateMarkdown';

/** A hover stays readable: a system CA bundle holds ~150 certificates; the details document has them all. */
const HOVER_CERTIFICATES = 3;

export async function materialHoverSection(ctx: FeatureContext, block: TlsBlock, field: BlockField): Promise<string | undefined> {
  if (!field.spec || !isMaterialRole(field.spec.role)) return undefined;
  // A hover waits for its own certificate only, never for the thousand others of the document.
  const source = await ctx.sourceOf(block, field);
  if (!source) return undefined;
  return materialMarkdown(source, ctx.env.now(), HOVER_CERTIFICATES);
}

/** The section for one source; `limit` caps the certificates shown in full. */
export function materialMarkdown(source: MaterialSource, now: Date, limit = Infinity): string {
  const parts: string[] = [readAsMarkdown(source)];
  const analysis = source.analysis;
  if (source.problem?.kind === 'invalid-pem') {
    parts.push(`${source.spec.role === 'key' ? 'No private key' : 'No certificate'}: invalid PEM (${source.problem.detail}).`);
  } else if (source.problem && source.problem.kind !== 'unrecognised' && source.problem.kind !== 'base64-not-pem') {
    parts.push(`${source.spec.role === 'key' ? 'No private key' : 'No certificate'}: ${sourceProblemWords(source.problem)}.`);
  } else if (!analysis && source.readAs === 'file' && !source.problem) {
    parts.push('_The workspace is not trusted, so the file is not read._');
  }
  if (analysis) parts.push(...contentsMarkdown(analysis, source.spec.role === 'key' ? 'key' : 'certificate', now, limit));
  return parts.join('\n\n');
}

/** Certificates, keys and other blocks of analysed material. */
export function contentsMarkdown(analysis: MaterialAnalysis, wanted: 'certificate' | 'key', now: Date, limit = Infinity): string[] {
  const parts: string[] = [];
  const { certificates } = analysis;
  const nothing = wanted === 'certificate' ? certificates.length === 0 : analysis.keys.length === 0;
  if (nothing || analysis.kind !== 'pem') {
    parts.push(`${wanted === 'key' ? 'No private key' : 'No certificate'} Centrifugo can load: ${contentProblemWords(analysis, wanted)}.`);
  }
  if (certificates.length > 1) {
    const order = analysis.chainLinks.length && wanted === 'certificate'
      ? chainInOrder(analysis.chainLinks) ? ', each issued by the next' : ', **not in chain order**'
      : '';
    parts.push(`**${certificates.length} certificates**${order}.`);
  }
  certificates.slice(0, limit).forEach((certificate, i) => {
    const position = certificates.length > 1 ? `#${i + 1} ` : '';
    parts.push(`${position}${certificateHeadline(certificate, now)}\n\n${certificateTable(certificate, now)}`);
  });
  if (certificates.length > limit) {
    parts.push(`…and ${certificates.length - limit} more: run **Centrifugo: Show Certificate Details** from the CodeLens to see them all.`);
  }
  for (const key of analysis.keys) parts.push(keyMarkdown(key));
  if (analysis.otherBlocks.length) parts.push(`Other PEM blocks: ${[...new Set(analysis.otherBlocks.map((b) => `\`${b.label}\``))].join(', ')}.`);
  return parts;
}
