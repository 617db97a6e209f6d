/**
 * What a TLS block does as a whole: settings in a block that is switched off (`tls-disabled`),
 * certificate verification turned off (`insecure-skip-verify`), and keys that only matter on the
 * other side of the connection (`no-effect-here`: a server CA where Centrifugo is the server...).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { type FieldRole, isMaterialRole } from '../../catalog/fields';
import { roleHasNoEffectOn } from '../../catalog/docs';
import type { ConfigModel } from '../../model';
import type { TlsBlock } from '../../model/blocks';
import { loadPlanOf } from '../../model/loadPlan';
import { makeDiagnostic } from '../diagnostic';
import { spellingOf } from './spelling';
import {
  type CountedField, factsOf, isSetString, keyFor, liveBlocks, nodeRange, pathInBlock, q, readBool, realKey, subjectOf, switchKeyOf,
} from './shared';

export function stateDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const out: Diagnostic[] = [];
  for (const block of liveBlocks(model)) {
    if (block.kind !== 'tls') continue;
    const isObject = block.location.shape === 'object';
    if (block.isRead) {
      const disabled = tlsDisabled(model, block);
      if (disabled) out.push(disabled);
      const insecure = insecureSkipVerify(model, block);
      if (insecure) out.push(insecure);
    }
    if (isObject || block.isRead) out.push(...noEffectHere(model, block));
  }
  return out;
}

function materialFields(block: TlsBlock): CountedField[] {
  const list: CountedField[] = [];
  for (const [role, fields] of factsOf(block).byRole) {
    if (!isMaterialRole(role)) continue;
    for (const counted of fields) if (isSetString(counted.field.valueNode)) list.push(counted);
  }
  return list.sort((a, b) => a.field.property.offset - b.field.property.offset);
}

function listKeys(fields: readonly CountedField[]): string {
  const keys = fields.slice(0, 3).map((c) => q(c.field.key));
  return fields.length > 3 ? `${keys.join(', ')}, ...` : keys.join(', ');
}

function tlsDisabled(model: ConfigModel, block: TlsBlock): Diagnostic | undefined {
  const facts = factsOf(block);
  if (facts.switchState !== 'off' && facts.switchState !== 'absent') return undefined;
  const material = materialFields(block);
  if (material.length === 0) return undefined;
  const switchKey = switchKeyOf(block);
  const state = facts.switchState === 'off' ? 'false' : 'missing';
  const range = facts.switchField?.field.valueNode
    ? nodeRange(model, facts.switchField.field.valueNode)
    : block.keyNode ? nodeRange(model, block.keyNode) : nodeRange(model, material[0].field.keyNode);
  const data = { path: pathInBlock(block, switchKey), switchKey, state };
  const subject = subjectOf(block);
  // A certificate and key with the block off is the v6 migration trap: TLS silently off (warning);
  // a CA or a lone half alone is more likely parked on purpose (hint).
  const roles = new Set(material.map((c) => c.spec.role));
  const severity = roles.has('cert') && roles.has('key') ? 'warning' : 'hint';
  if (block.location.shape === 'object') {
    const what = facts.switchState === 'off' ? `${q('enabled')} is false` : `This TLS object has no ${q('enabled')}`;
    return makeDiagnostic(range, 'tls-disabled',
      `${what}, so Centrifugo ignores the whole object: none of its certificate, key or CA settings is used, and TLS for ${subject} stays off. Set ${q(spellingOf(model.tree.format).setting('enabled', 'true'))} to use them.`,
      { severity, data });
  }
  const prefix = block.location.prefix;
  const is = facts.switchState === 'off' ? 'is not true' : 'is missing';
  let effect: string;
  if (block.location.container === '' && (prefix === 'grpc_api_' || prefix === 'uni_grpc_')) {
    effect = `${subject} takes the top-level TLS settings (${q('tls')}, ${q('tls_cert')}, ... or automatic certificates) instead, or none with ${q(`${prefix}tls_disable`)}`;
  } else if (block.location.container === '' && prefix === '') {
    effect = `${subject} serves without these (plain HTTP unless automatic certificates are on)`;
  } else {
    effect = `there is no TLS for ${subject}`;
  }
  return makeDiagnostic(range, 'tls-disabled',
    `${q(switchKey)} ${is}, so Centrifugo v5 does not use ${listKeys(material)}: ${effect}. Set ${q(spellingOf(model.tree.format).setting(switchKey, 'true'))} to use them.`,
    { severity, data });
}

function insecureSkipVerify(model: ConfigModel, block: TlsBlock): Diagnostic | undefined {
  if (block.location.side !== 'client') return undefined;
  const facts = factsOf(block);
  if (facts.switchState !== 'on') return undefined;
  const field = facts.byRole.get('insecureSkipVerify')?.[0];
  if (!field?.field.valueNode || readBool(field.field.valueNode) !== true) return undefined;
  // A value Centrifugo never reads turns nothing off (v5 Kafka consumers: kafka-tls-ignored says so).
  if (loadPlanOf(model).value(block, field.field).reason?.kind === 'v5-kafka-key') return undefined;
  const caKey = realKey(block, keyFor(block.form, 'serverCa', 'file') as string);
  const nameKey = realKey(block, keyFor(block.form, 'serverName') as string);
  return makeDiagnostic(nodeRange(model, field.field.valueNode), 'insecure-skip-verify',
    `Certificate verification is off for ${subjectOf(block)}: Centrifugo accepts any certificate the server presents, a forged one included, so the connection is encrypted but anyone in between can impersonate the server. For a private CA set ${q(caKey)}; when connecting by IP address or alias set ${q(nameKey)}; then remove this.`,
    { data: { path: field.field.path } });
}

const NO_EFFECT_REASON: Partial<Record<FieldRole, string>> = {
  serverCa: 'verifies the server Centrifugo connects to',
  serverName: 'is the name Centrifugo expects in the certificate of a server it connects to',
  insecureSkipVerify: 'only affects connections Centrifugo makes to other servers',
  clientCa: 'verifies clients that connect to Centrifugo',
};

function noEffectHere(model: ConfigModel, block: TlsBlock): Diagnostic[] {
  const out: Diagnostic[] = [];
  const side = block.location.side;
  for (const [role, fields] of factsOf(block).byRole) {
    if (roleHasNoEffectOn(role) !== side) continue;
    for (const counted of fields) {
      const value = counted.field.valueNode;
      if (!isSetString(value) && readBool(value) !== true) continue;
      const key = counted.field.key;
      let advice = '';
      let alternative: string | undefined;
      if (role === 'serverCa' || role === 'clientCa') {
        const otherRole = role === 'serverCa' ? 'clientCa' : 'serverCa';
        alternative = realKey(block, keyFor(block.form, otherRole, counted.spec.source) as string);
        advice = role === 'serverCa'
          ? ` To require client certificates signed by this CA (mutual TLS), use ${q(alternative)}.`
          : ` To verify the server with this CA, use ${q(alternative)}.`;
      }
      const sideWords = side === 'server' ? `Here Centrifugo is the server (${subjectOf(block)})` : `Here Centrifugo is the client (${subjectOf(block)})`;
      out.push(makeDiagnostic(nodeRange(model, counted.field.keyNode), 'no-effect-here',
        `${sideWords}: ${q(key)} ${NO_EFFECT_REASON[role] ?? 'belongs to the other side of the connection'}, so it has no effect.${advice}`,
        { unnecessary: true, data: { path: counted.field.path, side, role, ...(alternative ? { alternative } : {}) } }));
    }
  }
  return out;
}
