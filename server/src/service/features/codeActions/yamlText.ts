/**
 * YAML text for the values the edits write, in block style as people write YAML configs: mappings
 * one key per line indented under their key, lists of objects as `- ` items, short lists of
 * scalars on one line, multi-line text (PEM) as a literal block scalar `|`. Every scalar is
 * written so that both of Centrifugo's decoders (yaml.v2 in v5, yaml.v3 in v6) read it back as
 * exactly the value meant: plain when that holds, double-quoted (JSON spelling) otherwise.
 */
import { resolvePlainScalar } from '../../model/yamlScalars';

/** A YAML scalar that both Go decoders read back as exactly this string, or a quoted one. */
export function yamlString(value: string): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./ :@+-]*$/.test(value) && !/[ :]$/.test(value) && !value.includes(': ') && !value.includes(' #');
  const readsSame = resolvePlainScalar(value, 'yaml.v2').value === value && resolvePlainScalar(value, 'yaml.v3').value === value;
  return plain && readsSame ? value : JSON.stringify(value);
}

/** A scalar after `key: ` whose block scalar lines (if any) are indented by `indent`. */
export function yamlValue(value: unknown, indent: string): string | undefined {
  if (typeof value === 'string') {
    if (!value.includes('\n')) return yamlString(value);
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    // A block scalar cannot keep leading or trailing white space on its lines, nor more than one final line break.
    if (/^\s/.test(body) || body.endsWith('\n') || body.split('\n').some((line) => /\s$/.test(line))) return JSON.stringify(value);
    return `|${value.endsWith('\n') ? '' : '-'}\n${body.split('\n').map((line) => (line ? `${indent}${line}` : '')).join('\n')}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    const items = value.map(flowScalar);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  // A flow collection in JSON spelling is valid YAML and decodes to the same value.
  return JSON.stringify(value);
}

export function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && resolvePlainScalar(key, 'yaml.v2').value === key && resolvePlainScalar(key, 'yaml.v3').value === key ? key : JSON.stringify(key);
}

/** A scalar inside `[...]`, where `,` `[` `]` `{` `}` and `:` would end a plain one. */
function flowScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return /^[A-Za-z0-9_./@+-]+$/.test(value) && yamlString(value) === value ? value : JSON.stringify(value);
  return yamlValue(value, '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The indentation step of a YAML text: its smallest indentation of a key or item line, else 2. */
export function yamlIndentUnit(text: string): string {
  let smallest = Number.POSITIVE_INFINITY;
  for (const match of text.slice(0, 64 * 1024).matchAll(/^( +)[^\s#]/gm)) smallest = Math.min(smallest, match[1].length);
  return ' '.repeat(Number.isFinite(smallest) && smallest <= 8 ? smallest : 2);
}

/**
 * `key: value` as lines starting at `indent` (the first line without it), children indented one
 * `unit` deeper. Undefined when a value has no YAML form here (a non-finite number).
 */
export function yamlEntry(key: string, value: unknown, indent: string, unit: string): string | undefined {
  const body = yamlBody(value, indent, unit);
  return body === undefined ? undefined : `${yamlKey(key)}:${body}`;
}

/** What follows `key:`: ` scalar`, or a line break and the nested lines. */
function yamlBody(value: unknown, indent: string, unit: string): string | undefined {
  const inner = indent + unit;
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    const lines = entries.map(([k, v]) => yamlEntry(k, v, inner, unit));
    return lines.every((l) => l !== undefined) ? `\n${lines.map((l) => inner + l).join('\n')}` : undefined;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const list = yamlValue(value, inner);
      return list === undefined ? undefined : ` ${list}`;
    }
    const items = value.map((item) => yamlItem(item, inner, unit));
    return items.every((i) => i !== undefined) ? `\n${items.join('\n')}` : undefined;
  }
  const scalar = yamlValue(value, inner);
  return scalar === undefined ? undefined : ` ${scalar}`;
}

/** One `- item` of a block sequence at `indent`; an object's keys line up after the `- `. */
function yamlItem(item: unknown, indent: string, unit: string): string | undefined {
  const keyIndent = `${indent}  `;
  if (isPlainObject(item) && Object.keys(item).length > 0) {
    const lines = Object.entries(item).map(([k, v]) => yamlEntry(k, v, keyIndent, unit));
    return lines.every((l) => l !== undefined) ? `${indent}- ${lines.map((l, i) => (i === 0 ? l : keyIndent + l)).join('\n')}` : undefined;
  }
  const scalar = item !== null && typeof item === 'object' ? JSON.stringify(item) : yamlValue(item, keyIndent);
  return scalar === undefined ? undefined : `${indent}- ${scalar}`;
}
