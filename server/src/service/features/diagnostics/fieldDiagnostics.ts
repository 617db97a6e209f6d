/**
 * Each field of a TLS or autocert block on its own: does the value have the type Centrifugo
 * reads (`type-mismatch`), does the key exist in the block's form (`unknown-field`), and is it a
 * v5 key that Centrifugo v6 no longer reads (`unknown-in-version`).
 */
import type { Node } from '../../model/tree';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { FORMS, type FieldSpec, fieldSpec, isMaterialRole } from '../../catalog/fields';
import { sourceDescription } from '../../catalog/docs';
import type { CentrifugoVersion } from '../../catalog/locations';
import type { ConfigModel } from '../../model';
import type { BlockField, TlsBlock } from '../../model/blocks';
import { makeDiagnostic } from '../diagnostic';
import { factsOf, keyFor, liveBlocks, nodeRange, q, readBool, subjectOf } from './shared';
import { closestKey } from './suggest';
import { articleOf, type Spelling, spellingOf, writeBoolAdvice } from './spelling';

export function fieldDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const version = model.version.version;
  const out: Diagnostic[] = [];
  for (const block of liveBlocks(model)) {
    const isObject = block.location.shape === 'object';
    // v5 flat keys in a v6 config are reported once, as wrong-location, by the layout validator.
    if (!isObject && !block.isRead) continue;
    for (const field of block.fields) {
      if (field.overriddenBy) continue; // the duplicate-key validator reports it; its value is never read
      const spec = field.spec;
      if (!spec) {
        if (isObject) out.push(unknownKey(model, block, field, version));
        continue;
      }
      if (field.key !== field.canonicalKey) out.push(caseVariant(model, field, spec));
      // Go decodes (and refuses) a wrong type wherever the section is read, switched on or not;
      // a location the version does not read decodes nothing (wrong-location says so).
      if (block.isRead) out.push(...typeMismatches(model, block, field, spec, version));
    }
  }
  return out;
}

function caseVariant(model: ConfigModel, field: BlockField, spec: FieldSpec): Diagnostic {
  return makeDiagnostic(nodeRange(model, field.keyNode), 'unknown-field',
    `Centrifugo matches keys without regard to case, so this is read as ${q(spec.key)}; write it in lower case as ${q(spec.key)}, like every other Centrifugo key.`,
    { severity: 'information', data: { path: field.path, suggestion: spec.key } });
}

function unknownKey(model: ConfigModel, block: TlsBlock, field: BlockField, version: CentrifugoVersion): Diagnostic {
  const range = nodeRange(model, field.keyNode);
  const key = field.key;
  if (block.form === 'tls-object-v6') {
    const v5Spec = fieldSpec('tls-object-v5', key) ?? fieldSpec('tls-object-v5', key.toLowerCase());
    if (v5Spec?.source) {
      const target = keyFor('tls-object-v6', v5Spec.role) as string;
      const targetSet = factsOf(block).byRole.get(v5Spec.role)?.some((c) => c.spec.key === target) ?? false;
      const accepts = v5Spec.source === 'file' ? 'a path to a PEM file' : v5Spec.source === 'base64' ? 'base64-encoded PEM' : 'PEM text';
      const advice = targetSet
        ? `${q(target)} is already set in this block, so remove this key.`
        : `Rename it to ${q(target)}, which accepts ${accepts} as well as PEM text.`;
      return makeDiagnostic(range, 'unknown-in-version',
        `Centrifugo v6 does not read ${q(key)} (it existed in v5 only): v6 logs it as an unknown key and ignores the value, and \`centrifugo checkconfig --strict\` fails on it. ${advice}`,
        { data: { path: field.path, moveTo: target, targetSet } });
    }
  }
  const suggestion = closestKey(block.form, key);
  const what = block.kind === 'autocert' ? 'the autocert object' : 'a TLS object';
  const effect = version === 'v6' ? 'Centrifugo v6 logs it as an unknown key and ignores it' : 'Centrifugo does not read it';
  const hint = suggestion
    ? ` Did you mean ${q(suggestion)}?`
    : ` The keys of this object are ${FORMS[block.form].map((f) => q(f.key)).join(', ')}.`;
  return makeDiagnostic(range, 'unknown-field', `${q(key)} is not a key of ${what}: ${effect}.${hint}`,
    { data: { path: field.path, ...(suggestion ? { suggestion } : {}) } });
}

type JsonKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

function kindOf(node: Node): JsonKind | undefined {
  return node.type === 'null' || node.type === 'property' ? undefined : node.type;
}


/** v5 flat keys are read with viper.GetBool/GetString, which turn what they cannot convert into false or "" without a word. */
function readsSilently(block: TlsBlock): boolean {
  return block.location.shape === 'flat';
}

function expectedType(block: TlsBlock, spec: FieldSpec, version: CentrifugoVersion): FieldSpec['type'] {
  // v6 reads host_whitelist as []string; v5 (flat) and the documented layout as one comma-separated string.
  if (spec.role === 'hostWhitelist') return version === 'v6' && block.location.shape === 'object' ? 'stringArray' : 'string';
  return spec.type;
}

function typeMismatches(model: ConfigModel, block: TlsBlock, field: BlockField, spec: FieldSpec, version: CentrifugoVersion): Diagnostic[] {
  const value = field.valueNode;
  if (!value) return [];
  const kind = kindOf(value);
  if (!kind) return [];
  const spelling = spellingOf(model.tree.format);
  switch (expectedType(block, spec, version)) {
    case 'boolean': return booleanMismatch(model, spelling, block, field, value, kind);
    case 'string': return stringMismatch(model, spelling, block, field, spec, value, kind, version);
    case 'stringArray': return arrayMismatch(model, spelling, field, value, kind);
  }
}

const TRUTHY_WORDS = new Set(['yes', 'y', 'on', 'enable', 'enabled']);
const FALSY_WORDS = new Set(['no', 'n', 'off', 'disable', 'disabled']);

function booleanMismatch(model: ConfigModel, spelling: Spelling, block: TlsBlock, field: BlockField, value: Node, kind: JsonKind): Diagnostic[] {
  if (kind === 'boolean') return [];
  const text = model.document.getText();
  const ARTICLE = (k: JsonKind): string => articleOf(spelling, k);
  const range = nodeRange(model, value);
  const key = field.key;
  const path = field.path;
  const read = readBool(value);
  if (kind === 'string' && read !== 'invalid') {
    return [makeDiagnostic(range, 'type-mismatch',
      `${q(key)} takes a boolean, but this is the string ${JSON.stringify(value.value as string)}. Centrifugo converts it and reads ${read}; ${writeBoolAdvice(text, value, String(read))}.`,
      { severity: 'warning', data: { path, expected: 'boolean', replacement: String(read) } })];
  }
  if (kind === 'number') {
    return [makeDiagnostic(range, 'type-mismatch',
      `${q(key)} takes a boolean, not a number. Centrifugo reads ${value.value as number} as ${read}; write ${read}.`,
      { severity: 'warning', data: { path, expected: 'boolean', replacement: String(read) } })];
  }
  if (kind === 'string') {
    const written = value.value as string;
    const lower = written.trim().toLowerCase();
    const replacement = TRUTHY_WORDS.has(lower) ? 'true' : FALSY_WORDS.has(lower) ? 'false' : undefined;
    const effect = readsSilently(block)
      ? `Centrifugo v5 reads ${JSON.stringify(written)} as false`
      : `Centrifugo cannot read ${JSON.stringify(written)} as a boolean and refuses to start`;
    const advice = writeBoolAdvice(text, value, 'true or false');
    return [makeDiagnostic(range, 'type-mismatch', `${q(key)} takes a boolean: ${effect}. ${advice[0].toUpperCase()}${advice.slice(1)}.`,
      { data: { path, expected: 'boolean', ...(replacement ? { replacement } : {}) } })];
  }
  if (kind === 'object' && readsSilently(block) && block.kind === 'tls' && field.spec?.role === 'enabled'
      && block.location.shape === 'flat') {
    const prefix = block.location.prefix;
    return [makeDiagnostic(range, 'type-mismatch',
      `In Centrifugo v5 ${q(key)} is an on/off switch, not ${ARTICLE('object')}: ${ARTICLE('object')} reads as false, so TLS for ${subjectOf(block)} stays off. Write ${q(spelling.setting(key, 'true'))} and give the settings as flat keys beside it (${q(`${prefix}tls_cert`)}, ${q(`${prefix}tls_key`)}, ...).`,
      { data: { path, expected: 'boolean' } })];
  }
  const effect = readsSilently(block)
    ? `Centrifugo v5 reads ${ARTICLE(kind)} here as false`
    : `Centrifugo cannot read ${ARTICLE(kind)} as a boolean and refuses to start`;
  return [makeDiagnostic(range, 'type-mismatch', `${q(key)} takes a boolean: ${effect}. Write true or false.`,
    { data: { path, expected: 'boolean' } })];
}

/** How PEM text is written as one value: a JSON string with `\n`, a YAML block scalar, a TOML multi-line string. */
const PEM_ADVICE: Readonly<Record<Spelling['format'], string>> = {
  json: ' To give PEM text, write it as one string with \\n between the lines.',
  yaml: ' To give PEM text, write it as one block scalar (`|` and the PEM lines indented below).',
  toml: ' To give PEM text, write it as one multi-line string (between `"""` and `"""`).',
};

function stringElements(value: Node): string[] | undefined {
  const items = value.children ?? [];
  if (items.some((i) => i.type !== 'string')) return undefined;
  return items.map((i) => i.value as string);
}

function stringMismatch(
  model: ConfigModel, spelling: Spelling, block: TlsBlock, field: BlockField, spec: FieldSpec, value: Node, kind: JsonKind, version: CentrifugoVersion,
): Diagnostic[] {
  if (kind === 'string') return [];
  const ARTICLE = (k: JsonKind): string => articleOf(spelling, k);
  const range = nodeRange(model, value);
  const key = field.key;
  const path = field.path;
  const what = spec.source ? sourceDescription(spec.source) : spec.role === 'hostWhitelist' ? 'host names separated by commas' : 'text';
  if (spec.role === 'hostWhitelist' && kind === 'array') {
    const names = stringElements(value);
    const joined = names?.map((n) => n.trim()).join(',');
    const replacement = joined !== undefined ? JSON.stringify(joined) : undefined;
    const effect = readsSilently(block)
      ? `Centrifugo v5 reads ${q(key)} as one comma-separated string and reads ${ARTICLE('array')} as empty: the whitelist is off, and Centrifugo asks Let's Encrypt for a certificate for any host name a client sends.`
      : `Here ${q(key)} is one comma-separated string (Centrifugo ${version} and the documented layout); only Centrifugo v6 at ${q('http_server.tls_autocert')} reads ${ARTICLE('array')}.`;
    return [makeDiagnostic(range, 'type-mismatch', `${effect} Write the names as one string${joined !== undefined ? `: ${spelling.string(joined)}` : ''}.`,
      { data: { path, expected: 'string', ...(replacement ? { replacement } : {}) } })];
  }
  if (kind === 'number' || kind === 'boolean') {
    const text = String(value.value);
    return [makeDiagnostic(range, 'type-mismatch',
      `${q(key)} takes a string (${what}), not ${ARTICLE(kind)}. Centrifugo turns ${text} into the text ${JSON.stringify(text)}${isMaterialRole(spec.role) ? ', which is no certificate source' : ''}. ${spelling.format === 'json' ? 'Write the value as a JSON string' : `Write the value in quotes, ${JSON.stringify(text)}`}.`,
      { data: { path, expected: 'string', ...(kind === 'number' ? { replacement: JSON.stringify(text) } : {}) } })];
  }
  let replacement: string | undefined;
  let advice = '';
  if (kind === 'array' && isMaterialRole(spec.role)) {
    const lines = stringElements(value);
    if (lines && lines.length > 0) {
      if (spec.source === 'pem' || spec.source === 'detect') {
        replacement = JSON.stringify(lines.join('\n'));
        advice = PEM_ADVICE[spelling.format];
      } else if (lines.length === 1) {
        replacement = JSON.stringify(lines[0]);
      }
    }
  }
  const effect = readsSilently(block)
    ? `Centrifugo v5 reads ${ARTICLE(kind)} here as an empty string, so this setting is ignored without a word`
    : `Centrifugo cannot read ${ARTICLE(kind)} as a string and refuses to start`;
  return [makeDiagnostic(range, 'type-mismatch', `${q(key)} takes a string (${what}): ${effect}.${advice}`,
    { data: { path, expected: 'string', ...(replacement ? { replacement } : {}) } })];
}

function arrayMismatch(model: ConfigModel, spelling: Spelling, field: BlockField, value: Node, kind: JsonKind): Diagnostic[] {
  const key = field.key;
  const ARTICLE = (k: JsonKind): string => articleOf(spelling, k);
  // In YAML a host name needs no quotes; in JSON and TOML every string has them.
  const hostName = spelling.format === 'yaml' ? 'host name' : 'host name in quotes';
  const hostNames = spelling.format === 'yaml' ? 'host names' : 'host names in quotes';
  const path = field.path;
  if (kind === 'array') {
    const out: Diagnostic[] = [];
    for (const item of value.children ?? []) {
      if (item.type === 'string') continue;
      out.push(makeDiagnostic(nodeRange(model, item), 'type-mismatch',
        `Each entry of ${q(key)} is a ${hostName}; Centrifugo cannot use ${ARTICLE(kindOf(item) ?? 'string')} here.`,
        { data: { path, expected: 'string' } }));
    }
    return out;
  }
  const range = nodeRange(model, value);
  if (kind === 'string') {
    const text = value.value as string;
    const names = text.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
    const replacement = JSON.stringify(names);
    if (names.length > 1) {
      return [makeDiagnostic(range, 'type-mismatch',
        `Centrifugo v6 reads ${q(key)} as ${ARTICLE('array')} of host names and does not split this string at commas: it becomes one name, ${JSON.stringify(text)}, that matches no host, so no certificate is issued. Write ${ARTICLE('array')}: ${spelling.stringList(names)}.`,
        { data: { path, expected: 'stringArray', replacement } })];
    }
    return [makeDiagnostic(range, 'type-mismatch',
      `Centrifugo v6 reads ${q(key)} as ${ARTICLE('array')} of host names. A single name in a string happens to work (it is read as a one-name list), but write it as ${ARTICLE('array')}: ${spelling.stringList(names)}.`,
      { severity: 'warning', data: { path, expected: 'stringArray', replacement } })];
  }
  const effect = kind === 'object' ? 'Centrifugo refuses to start with it' : 'Centrifugo reads it as a list of one name that no host has';
  return [makeDiagnostic(range, 'type-mismatch',
    `${q(key)} takes ${ARTICLE('array')} of ${hostNames}, not ${ARTICLE(kind)}: ${effect}.`,
    { data: { path, expected: 'stringArray' } })];
}
