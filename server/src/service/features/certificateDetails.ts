/**
 * The document a CodeLens click opens: everything about the material of one config setting
 * (every certificate with all its facts, the chain and how its links hold, the key's public
 * facts, and what Centrifugo will think of it). Never the value or any PEM body.
 */
import { type MaterialAnalysis, suggestChainOrder } from '../certs';
import type { FeatureContext } from '../context';
import type { MaterialSource } from '../materials';
import {
  certificateHeadline, certificateTable, chainInOrder, chainMarkdown, contentProblemWords, keyMarkdown, readAsMarkdown, sourceProblemWords,
} from './certificateMarkdown';

const ROLE_NOUNS = {
  cert: 'certificate',
  key: 'private key',
  serverCa: 'server CA',
  clientCa: 'client CA',
} as const;

export async function getCertificateDetails(ctx: FeatureContext, path: string): Promise<string | null> {
  if (!ctx.model.recognition.isCentrifugo) return null;
  const sources = await ctx.allSources();
  const source = sources.find((s) => s.field.path === path);
  if (!source) return null;
  return sourceDetails(source, ctx.env.now());
}

function sourceDetails(source: MaterialSource, now: Date): string {
  const sections: string[] = [];
  sections.push(`# \`${source.field.path}\``);
  const side = source.block.location.side === 'server' ? 'Centrifugo is the server here' : 'Centrifugo is the client here';
  sections.push(`The ${ROLE_NOUNS[source.spec.role]} of \`${source.block.path}\` (${side}).\n\n${readAsMarkdown(source)}`);
  if (source.problem && source.problem.kind === 'file') {
    sections.push(`Nothing was loaded: ${sourceProblemWords(source.problem)}${source.problem.detail ? ` (${source.problem.detail})` : ''}.`);
  } else if (source.problem && source.problem.kind === 'invalid-base64') {
    sections.push(`Nothing was loaded: ${sourceProblemWords(source.problem)} (${source.problem.detail}).`);
  }
  if (!source.analysis) {
    if (source.readAs === 'file' && !source.problem) sections.push('_The workspace is not trusted, so the file is not read._');
    return sections.join('\n\n') + '\n';
  }
  sections.push(...analysisDetails(source.analysis, source.spec.role === 'key' ? 'key' : 'certificate', now));
  return sections.join('\n\n') + '\n';
}

/** Sections for analysed material; shared with PEM documents. */
export function analysisDetails(analysis: MaterialAnalysis, wanted: 'certificate' | 'key', now: Date, options: { readonly verdict?: boolean } = {}): string[] {
  const sections: string[] = [];
  const { certificates } = analysis;
  if (analysis.kind !== 'pem' || (wanted === 'certificate' ? certificates.length === 0 : analysis.keys.length === 0)) {
    sections.push(`${wanted === 'key' ? 'No private key' : 'No certificate'} Centrifugo can load: ${contentProblemWords(analysis, wanted)}.`);
  }
  if (certificates.length > 1) {
    const order = [`## Order\n\n${certificates.length} certificates, in file order:\n\n${chainMarkdown(certificates, analysis.chainLinks)}`];
    const suggested = wanted === 'certificate' && !chainInOrder(analysis.chainLinks) ? suggestChainOrder(certificates) : undefined;
    if (suggested?.some((certificate, position) => certificate.index !== position)) {
      order.push(`As a chain they belong in this order, leaf first: ${suggested.map((certificate) => `#${certificate.index + 1}`).join(', ')}.`);
    }
    sections.push(order.join('\n\n'));
  }
  certificates.forEach((certificate, i) => {
    const title = certificates.length > 1 ? `## Certificate ${i + 1} of ${certificates.length}` : '## Certificate';
    sections.push(`${title}\n\n${certificateHeadline(certificate, now)}\n\n${certificateTable(certificate, now, true)}`);
  });
  analysis.keys.forEach((key, i) => {
    sections.push(`## Private key${analysis.keys.length > 1 ? ` ${i + 1}` : ''}\n\n${keyMarkdown(key)}`);
  });
  if (analysis.otherBlocks.length) {
    sections.push(`## Other PEM blocks\n\n${analysis.otherBlocks.map((b) => `- \`${b.label}\``).join('\n')}`);
  }
  // Centrifugo's verdict depends on the setting the material is used for; a lone file has none.
  if ((options.verdict ?? true) && analysis.problems.length) {
    sections.push(`## What Centrifugo will make of it\n\n${analysis.problems.map((p) => `- **${p.severity}** (\`${p.code}\`): ${p.message}`).join('\n')}`);
  }
  return sections;
}
