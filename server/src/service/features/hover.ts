/**
 * Hover on a TLS block key or field: what it holds, which forms it accepts, which side of the
 * connection uses it, the source priority, path rules and an example. Certificate facts for the
 * value are appended by the certificate section.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import { FORMS, type FieldSpec } from '../catalog/fields';
import {
  PATH_RESOLUTION_NOTE, V5_PRIORITY_NOTE, V6_DETECTION_NOTE, roleDescription, roleExample, roleHasNoEffectOn, sourceDescription, typeLabel,
} from '../catalog/docs';
import { type CentrifugoVersion, type Location, type ObjectLocation, describeLocation } from '../catalog/locations';
import type { TlsBlock } from '../model/blocks';
import { loadPlanOf, reasonWords } from '../model/loadPlan';
import { targetAt } from '../model/position';
import { materialHoverSection } from './materialHover';
import { envHoverSection } from './envConfigHover';
import { optionHover } from './optionHover';

export async function doHover(ctx: FeatureContext, position: Position): Promise<Hover | null> {
  const { model } = ctx;
  if (!model.recognition.isCentrifugo) return null;
  const offset = model.document.offsetAt(position);
  const target = targetAt(model, offset);
  // Outside TLS blocks: the whole-config catalog.
  if (!target) return optionHover(model, offset);
  const range = Range.create(model.document.positionAt(target.node.offset), model.document.positionAt(target.node.offset + target.node.length));
  if (!target.field) {
    const env = envHoverSection(model, target.block);
    const value = `${loadLine(ctx, target.block)}\n\n${locationDocumentation(target.block.location as ObjectLocation, model.version.version)}`;
    return { contents: { kind: 'markdown', value: env ? `${value}\n\n${env}` : value }, range };
  }
  const spec = target.field.spec;
  if (!spec) {
    return { contents: { kind: 'markdown', value: `**\`${target.field.key}\`** is not a field of this block in Centrifugo ${model.version.version}.` }, range };
  }
  const env = envHoverSection(model, target.block, target.field);
  let documentation = env ? `${env}\n\n${fieldDocumentation(ctx, target.block, spec, target.field.key)}` : fieldDocumentation(ctx, target.block, spec, target.field.key);
  // The switch of a v5 flat family stands for its block: say whether the block is loaded.
  if (target.block.location.shape === 'flat' && (spec.role === 'enabled' || spec.role === 'autocertEnabled')) {
    documentation = `${loadLine(ctx, target.block)}\n\n${documentation}`;
  }
  const material = await materialHoverSection(ctx, target.block, target.field);
  // On a value the user asks about that certificate, on a key about the setting: lead with it.
  const sections = material ? (target.on === 'value' ? [material, documentation] : [documentation, material]) : [documentation];
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range };
}

/** One line: does Centrifugo load this block at start-up, and if not, why (the load plan). */
export function loadLine(ctx: FeatureContext, block: TlsBlock): string {
  const plan = loadPlanOf(ctx.model).block(block);
  if (plan.loaded) return `**Loaded at start-up**${plan.gate.conditions.length > 0 ? ` (${plan.gate.feature} runs)` : ''}.`;
  return plan.reason ? `**${reasonWords(plan.reason)}**` : '**Not loaded.**';
}

function otherForms(block: TlsBlock, spec: FieldSpec, realKey: string): string[] {
  const prefix = realKey.slice(0, realKey.length - spec.key.length);
  return FORMS[block.form].filter((f) => f.role === spec.role && f.key !== spec.key && f.source).map((f) => `\`${prefix}${f.key}\``);
}

function blockLine(location: Location, version: CentrifugoVersion): string {
  if (location.shape === 'flat') {
    return `Flat Centrifugo v5 key for ${location.subject}${location.v6Location ? `; in v6 it lives in \`${location.v6Location}\`` : ''}.`;
  }
  const read = location.readBy[version] ? `read by Centrifugo ${version}` : `**not read by Centrifugo ${version}**`;
  return `In \`${location.pattern}\`: TLS for ${describeLocation(location.pattern)}; ${read}.`;
}

export function fieldDocumentation(ctx: FeatureContext, block: TlsBlock, spec: FieldSpec, realKey: string): string {
  const side = block.location.side;
  const version = ctx.model.version.version;
  const lines: string[] = [];
  lines.push(`**\`${realKey}\`** · \`${typeLabel(spec)}\` · default \`${spec.defaultValue}\``);
  lines.push(roleDescription(spec.role, side));
  const noEffect = roleHasNoEffectOn(spec.role);
  if (noEffect && noEffect === side) {
    lines.push(`_Here Centrifugo is the ${side}: this key has no effect in this block._`);
  }
  if (spec.source) {
    const others = otherForms(block, spec, realKey);
    lines.push(`**Accepts** ${sourceDescription(spec.source)}.${others.length ? ` The same setting in other forms: ${others.join(', ')}.` : ''}`);
    lines.push(spec.source === 'detect' ? V6_DETECTION_NOTE : V5_PRIORITY_NOTE);
    if (spec.source === 'file' || spec.source === 'detect') lines.push(PATH_RESOLUTION_NOTE);
  }
  if (spec.role === 'hostWhitelist' && block.location.shape === 'object') {
    lines.push(version === 'v6' ? 'Centrifugo v6 reads an **array** of host names.' : 'Centrifugo v5 reads one **comma-separated string**.');
  }
  lines.push(blockLine(block.location, version));
  const example = roleExample(spec.role);
  if (example) {
    const exampleValue = spec.role === 'hostWhitelist' && (version === 'v5' || block.location.shape === 'flat') ? '"realtime.example.com"' : example;
    lines.push(`Example:\n\`\`\`json\n"${realKey}": ${exampleValue}\n\`\`\``);
  }
  return lines.join('\n\n');
}

export function locationDocumentation(location: ObjectLocation, version: CentrifugoVersion): string {
  const lines: string[] = [];
  lines.push(`**\`${location.pattern}\`** · ${location.kind === 'autocert' ? 'automatic certificates (ACME)' : 'TLS configuration object'}`);
  lines.push(`TLS for ${describeLocation(location.pattern)}. Here Centrifugo is the **${location.side}**${location.side === 'server'
    ? ': it presents its certificate to clients; a client CA turns on mutual TLS.'
    : ': it verifies the server with the server CA and server name, and presents a client certificate only for mutual TLS.'}`);
  const readers = (['v5', 'v6'] as const).filter((v) => location.readBy[v]);
  if (readers.length === 0) {
    const where = [location.moveTo.v6 ? `v6 reads \`${location.moveTo.v6}\`` : '', location.moveTo.v5 ? `v5 reads \`${location.moveTo.v5}\`` : ''].filter(Boolean).join('; ');
    lines.push(`**No Centrifugo version reads this location**${location.documented ? ' (it comes from the documentation page)' : ''}. ${where ? `${where}.` : ''}`);
  } else {
    lines.push(`Read by Centrifugo ${readers.join(' and ')}${location.since ? ` (since ${location.since})` : ''}.${location.readBy[version] ? '' : ` Not read by ${version}${location.moveTo[version] ? `: use \`${location.moveTo[version]}\`` : ''}.`}`);
  }
  return lines.join('\n\n');
}
