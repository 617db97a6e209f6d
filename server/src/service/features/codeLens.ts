/**
 * A CodeLens above each certificate, CA and key setting of every TLS block: when the certificate
 * expires, whose it is, and (for v6 values) how the value is read. Titles are computed from
 * `env.now()` on every request, so they move on as days pass without the document changing;
 * resolved material carries no time.
 */
import { type CodeLens, Command, Range } from 'vscode-languageserver-types';
import { ServiceCommands } from '../commands';
import type { FeatureContext } from '../context';
import type { MaterialSource } from '../materials';
import type { TlsBlock } from '../model/blocks';
import { loadPlanOf, reasonShort } from '../model/loadPlan';
import { appliedTo, whereSet } from './envConfigHover';
import { certificatesLine, contentProblemWords, READ_AS_SHORT, sourceProblemWords } from './certificateMarkdown';

export async function doCodeLens(ctx: FeatureContext): Promise<CodeLens[]> {
  if (!ctx.model.recognition.isCentrifugo) return [];
  const sources = await ctx.allSources();
  const now = ctx.env.now();
  const uri = ctx.model.document.uri;
  const lenses: CodeLens[] = [];
  // The certificate a key is compared with: the one of the same block read the same way
  // (Centrifugo pairs a file with a file...). One lookup per key, not a scan of all sources.
  const certificates = new Map<TlsBlock, Map<string | undefined, MaterialSource>>();
  for (const source of sources) {
    if (source.spec.role !== 'cert') continue;
    const byKind = certificates.get(source.block) ?? new Map<string | undefined, MaterialSource>();
    byKind.set(source.spec.source, source);
    certificates.set(source.block, byKind);
  }
  for (const source of sources) {
    const described = source.spec.role === 'key'
      ? keyTitle(source, certificates.get(source.block)?.get(source.spec.source))
      : certificateTitle(source, now);
    if (!described) continue;
    // A value Centrifugo does not load says so first, with why (the load plan): its dates must not
    // read as if they mattered. A value that came from the environment says where it was set.
    const plan = loadPlanOf(ctx.model).value(source.block, source.field);
    const fromEnv = appliedTo(ctx.model, source.field);
    const envPrefix = fromEnv ? `From ${fromEnv.variable.name} (${whereSet(fromEnv.variable)}) · ` : '';
    const title = !plan.loaded && plan.reason ? `Not loaded: ${reasonShort(plan.reason)} · ${envPrefix}${described}` : `${envPrefix}${described}`;
    const key = source.field.keyNode;
    const doc = ctx.model.document;
    lenses.push({
      range: Range.create(doc.positionAt(key.offset), doc.positionAt(key.offset + key.length)),
      command: Command.create(title, ServiceCommands.showCertificateDetails, uri, source.field.path),
    });
  }
  lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return lenses;
}

/** `file · ` for v6 values, whose reading depends on the content; v5 keys say it in their name. */
function prefix(source: MaterialSource): string {
  return source.spec.source === 'detect' && source.readAs ? `${READ_AS_SHORT[source.readAs]} · ` : '';
}

export function certificateTitle(source: MaterialSource, now: Date): string | undefined {
  if (source.problem && !source.analysis?.certificates.length) return `No certificate: ${sourceProblemWords(source.problem)}`;
  const analysis = source.analysis;
  // Untrusted workspace: the file was deliberately not read, and nothing is said about it.
  if (!analysis) return undefined;
  // Centrifugo cannot load DER or PKCS#12, so their dates would suggest a certificate that will never be used.
  if (analysis.kind !== 'pem' || analysis.certificates.length === 0) return `No certificate: ${contentProblemWords(analysis, 'certificate')}`;
  return `${prefix(source)}${certificatesLine(analysis.certificates, now)}`;
}

/**
 * `Private key · EC P-256 · matches the certificate`. The partner is the certificate of the same
 * block read the same way (Centrifugo pairs a file with a file, base64 with base64...).
 */
export function keyTitle(source: MaterialSource, partner: MaterialSource | undefined): string | undefined {
  if (source.problem && !source.analysis?.keys.length) return `No private key: ${sourceProblemWords(source.problem)}`;
  const analysis = source.analysis;
  if (!analysis) return undefined;
  const key = analysis.kind === 'pem' ? analysis.keys[0] : undefined;
  if (!key) return `No private key: ${contentProblemWords(analysis, 'key')}`;
  const parts = [`${prefix(source)}Private key`, key.publicKey?.description ?? key.description];
  const leaf = partner?.analysis?.kind === 'pem' ? partner.analysis.certificates[0] : undefined;
  if (leaf && key.publicKey) {
    parts.push(leaf.publicKey.fingerprint === key.publicKey.fingerprint ? 'matches the certificate' : 'does not match the certificate');
  }
  return parts.join(' · ');
}
