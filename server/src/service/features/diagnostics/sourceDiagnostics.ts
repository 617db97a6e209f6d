/**
 * Where certificate material comes from, and which source Centrifugo really uses.
 *
 * v5 form and v5 flat keys: one setting may come from several sources; the file wins over
 * base64, base64 over PEM text (tls_v2.go makeTLSConfig; tls.go MakeTLSConfig for flat keys).
 * Certificate and key are chosen as a pair: the file pair only when both files are set, else the
 * base64 pair when both are set, else the PEM pair. Anything else loads no certificate, silently.
 * CA settings are chosen one by one. v6 form: one key per setting; a certificate without a key (or
 * the reverse) is skipped silently.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { type MaterialRole, type SourceKind, sourcePriority } from '../../catalog/fields';
import type { ConfigModel } from '../../model';
import type { TlsBlock } from '../../model/blocks';
import { loadedPair, sourceInUse } from '../../materials/pair';
import { envNameForKey, loadPlanOf } from '../../model/loadPlan';
import { makeDiagnostic } from '../diagnostic';
import { underBlockPlan } from './plan';
import {
  type CountedField, factsOf, isSetString, keyFor, liveBlocks, nodeRange, pathInBlock, q, realKey, subjectOf,
} from './shared';

export function sourceDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const out: Diagnostic[] = [];
  const plan = loadPlanOf(model);
  for (const block of liveBlocks(model)) {
    if (block.kind !== 'tls') continue;
    // The plan decides: a block that is off, not read, or replaced by automatic certificates uses
    // nothing (tls-disabled, wrong-location, autocert-conflict say so once); under a feature that
    // is off the findings are warnings that name the switch.
    const blockPlan = plan.block(block);
    if (!blockPlan.loaded && blockPlan.reason?.kind !== 'feature-off') continue;
    // v5 Kafka consumers read none of these keys (kafka-tls-ignored says so).
    if (block.location.shape === 'flat' && block.location.container === 'consumers[].kafka') continue;
    const found = block.form === 'tls-object-v6' ? v6Pair(model, block)
      : block.form === 'tls-object-v5' || block.form === 'tls-flat-v5' ? v5Sources(model, block) : [];
    for (const d of found) {
      const shown = d.code === 'mixed-source-pair' ? underBlockPlan(model, block, d) : d;
      if (shown) out.push(shown);
    }
  }
  return out;
}

/** Set sources of one role, by kind; of each kind only the field that counts. */
function presentSources(block: TlsBlock, role: MaterialRole): Map<SourceKind, CountedField> {
  const map = new Map<SourceKind, CountedField>();
  for (const counted of factsOf(block).byRole.get(role) ?? []) {
    if (counted.spec.source && isSetString(counted.field.valueNode)) map.set(counted.spec.source, counted);
  }
  return map;
}

const KIND_WORDS: Readonly<Record<SourceKind, string>> = {
  file: 'files', base64: 'base64', pem: 'PEM text', detect: 'values',
};

const KEY_VALUE_WORDS: Readonly<Record<SourceKind, string>> = {
  file: 'the path of the private key file', base64: 'the base64 of the private key PEM', pem: 'the private key as PEM text', detect: 'the private key',
};
const CERT_VALUE_WORDS: Readonly<Record<SourceKind, string>> = {
  file: 'the path of the certificate file', base64: 'the base64 of the certificate PEM', pem: 'the certificate as PEM text', detect: 'the certificate',
};

function consequence(block: TlsBlock): string {
  return block.location.side === 'server'
    ? `Without a certificate, TLS connections to ${subjectOf(block)} fail.`
    : 'Centrifugo then connects without a client certificate, which fails if the server asks for one.';
}

/**
 * A lone half: on the HTTP server Centrifugo then serves TLS with no certificate and exits
 * (ListenAndServeTLS("", ""): internal/app/mux.go:617-621@v6.9.1, main.go:1752-1753@v5.4.9);
 * elsewhere it starts, and the handshakes fail later.
 */
function lonePairOutcome(model: ConfigModel, block: TlsBlock, missingKey: string): { readonly text: string; readonly fatal: boolean } {
  const env = envNameForKey(model, block, missingKey);
  const fromEnv = env ? ` (It may also come from the environment variable ${q(env)}.)` : '';
  if (loadPlanOf(model).block(block).isHttpServer) {
    return {
      text: `On the HTTP server this is fatal: TLS is on but no certificate is loaded, so Centrifugo exits at start-up ("open : no such file or directory").${fromEnv}`,
      fatal: true,
    };
  }
  return { text: `Centrifugo starts and reports no error. ${consequence(block)}${fromEnv}`, fatal: false };
}

function v5Sources(model: ConfigModel, block: TlsBlock): Diagnostic[] {
  const out: Diagnostic[] = [];
  const certs = presentSources(block, 'cert');
  const keys = presentSources(block, 'key');
  // The pair rule lives in one place: the same one decides key-mismatch and the lenses.
  const winner = loadedPair(block)?.source;
  const pairs: readonly [MaterialRole, Map<SourceKind, CountedField>, Map<SourceKind, CountedField>][] = [
    ['cert', certs, keys], ['key', keys, certs],
  ];
  for (const [role, mine, theirs] of pairs) {
    const partnerRole: MaterialRole = role === 'cert' ? 'key' : 'cert';
    for (const [kind, counted] of mine) {
      const key = counted.field.key;
      const range = nodeRange(model, counted.field.keyNode);
      const partnerKey = realKey(block, keyFor(block.form, partnerRole, kind) as string);
      if (winner) {
        if (kind === winner) continue;
        const winnerKey = (mine.get(winner) as CountedField).field.key;
        const winnerPartner = (theirs.get(winner) as CountedField).field.key;
        const pair = role === 'cert' ? `${q(winnerKey)} and ${q(winnerPartner)}` : `${q(winnerPartner)} and ${q(winnerKey)}`;
        const message = sourcePriority(kind) < sourcePriority(winner)
          ? `${q(key)} is ignored: Centrifugo takes the certificate and key as a pair of the same kind, and ${q(partnerKey)} is not set, so it loads ${pair} instead. Add ${q(partnerKey)} or remove ${q(key)}.`
          : `${q(key)} is ignored: the certificate and key are loaded from ${pair}, which take priority. Remove ${q(key)} so that only one source is set.`;
        out.push(makeDiagnostic(range, 'shadowed-source', message, {
          unnecessary: true,
          data: { path: counted.field.path, role, winner: winnerKey, winnerPath: pathInBlock(block, winnerKey) },
        }));
        continue;
      }
      const others = [...theirs.values()].map((c) => q(c.field.key));
      const words = role === 'cert' ? KEY_VALUE_WORDS[kind] : CERT_VALUE_WORDS[kind];
      const outcome = lonePairOutcome(model, block, partnerKey);
      const message = others.length === 0
        ? `${q(key)} is set but no ${partnerRole === 'key' ? 'key' : 'certificate'} is: Centrifugo loads a certificate only together with its key, so it loads none here. ${outcome.text} Add ${q(partnerKey)} with ${words}.`
        : `${q(key)} has no ${q(partnerKey)} to pair with (the ${partnerRole === 'key' ? 'key' : 'certificate'} is given as ${others.join(', ')}). Centrifugo takes the certificate and key only as a pair of the same kind, so it loads no certificate here. ${outcome.text} Give both as ${KIND_WORDS[kind]}, or both as ${KIND_WORDS[[...theirs.keys()][0]]}.`;
      out.push(makeDiagnostic(range, 'mixed-source-pair', message, {
        severity: outcome.fatal ? 'error' : 'warning',
        data: { path: counted.field.path, role, missing: partnerKey, missingPath: pathInBlock(block, partnerKey) },
      }));
    }
  }
  for (const role of ['serverCa', 'clientCa'] as const) {
    // CA settings are chosen one by one: the source Centrifugo reads wins, the others are ignored.
    const winner = sourceInUse(block, role);
    if (!winner) continue;
    const winnerKey = winner.key;
    for (const counted of presentSources(block, role).values()) {
      if (counted.field === winner) continue;
      out.push(makeDiagnostic(nodeRange(model, counted.field.keyNode), 'shadowed-source',
        `${q(counted.field.key)} is ignored: ${q(winnerKey)} is set and takes priority (a file first, then base64, then PEM text). Remove one of them.`,
        { unnecessary: true, data: { path: counted.field.path, role, winner: winnerKey, winnerPath: pathInBlock(block, winnerKey) } }));
    }
  }
  return out;
}

function v6Pair(model: ConfigModel, block: TlsBlock): Diagnostic[] {
  const byRole = factsOf(block).byRole;
  const cert = byRole.get('cert')?.find((c) => isSetString(c.field.valueNode));
  const key = byRole.get('key')?.find((c) => isSetString(c.field.valueNode));
  if ((cert && key) || (!cert && !key)) return [];
  const lone = (cert ?? key) as CountedField;
  const missing = cert ? 'key_pem' : 'cert_pem';
  const missingWhat = cert ? 'the private key' : 'the certificate';
  const outcome = lonePairOutcome(model, block, missing);
  return [makeDiagnostic(nodeRange(model, lone.field.keyNode), 'mixed-source-pair',
    `${q(lone.field.key)} is set but ${q(missing)} is not: Centrifugo v6 loads the certificate only together with its key and skips it here. ${outcome.text} Add ${q(missing)} with ${missingWhat}.`,
    { severity: outcome.fatal ? 'error' : 'warning', data: { path: lone.field.path, role: lone.spec.role, missing, missingPath: pathInBlock(block, missing) } })];
}
