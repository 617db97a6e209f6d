/**
 * Checks on the certificates themselves: validity against the injected clock, chain order, key
 * match for the pair Centrifugo loads, CA used as a leaf, missing SANs, weak keys and signatures.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticCode } from '../catalog/codes';
import { type CertificateRole, lintCertificates } from '../certs';
import type { FeatureContext } from '../context';
import type { MaterialSource } from '../materials';
import { loadedPair } from '../materials/pair';
import { makeDiagnostic, rangeOfNode } from './diagnostic';
import { underPlan } from './diagnostics/plan';

export async function certificateDiagnostics(ctx: FeatureContext): Promise<Diagnostic[]> {
  const sources = await ctx.allSources();
  const byField = new Map(sources.map((s) => [s.field, s]));
  const now = ctx.env.now();
  const out: Diagnostic[] = [];
  for (const source of sources) {
    const analysis = source.analysis;
    if (!analysis || source.problem || analysis.certificates.length === 0 || source.expectation === 'key') continue;
    const role: CertificateRole = source.expectation === 'ca' ? 'ca' : source.block.location.side === 'server' ? 'server' : 'client';
    const key = role === 'ca' ? undefined : pairedKey(source, byField);
    const lints = lintCertificates({
      certificates: analysis.certificates, chainLinks: analysis.chainLinks, key, role, now, warningDays: ctx.settings.expiryWarningDays,
    });
    if (lints.length === 0) continue;
    // Positions cost a line-offset table over the whole text: only for what is reported.
    const range = rangeOfNode(ctx.model.document, source.field.valueNode!);
    for (const lint of lints) {
      const shown = underPlan(ctx.model, source.block, source.field, makeDiagnostic(range, lint.code as DiagnosticCode, lint.message, {
        severity: lint.severity,
        data: { path: source.field.path, ...(lint.certificateIndex !== undefined ? { certificateIndex: lint.certificateIndex } : {}) },
      }));
      if (shown) out.push(shown);
    }
  }
  return out;
}

/** The private key Centrifugo pairs with this certificate, when this certificate is the one it loads. */
function pairedKey(source: MaterialSource, byField: ReadonlyMap<unknown, MaterialSource>) {
  const pair = loadedPair(source.block);
  if (!pair || pair.cert !== source.field) return undefined;
  const keySource = byField.get(pair.key);
  return keySource && !keySource.problem ? keySource.analysis?.keys[0] : undefined;
}
