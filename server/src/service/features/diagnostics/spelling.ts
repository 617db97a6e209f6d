/**
 * How a finding writes the syntax it asks for in the file's own format. The checks are
 * format-neutral (they read the one config tree), but their advice often quotes text to type:
 * `"enabled": true` is JSON; a YAML user types `enabled: true`, a TOML user `enabled = true`.
 * What quotes mean differs too: in JSON and TOML every string is quoted, in YAML a plain `t` or
 * `yes` is a string as well, so "without quotes" is only said where quotes were written.
 */
import type { ConfigFormat, Node } from '../../model/tree';
import { yamlString } from '../codeActions/textEdits';

export interface Spelling {
  readonly format: ConfigFormat;
  /** A setting as it is typed: `"key": value` / `key: value` / `key = value`. */
  setting(key: string, valueText: string): string;
  /** A string value as it is typed (YAML plain where both Go decoders read it back unchanged). */
  string(text: string): string;
  /** A list of strings in the format's inline syntax. */
  stringList(items: readonly string[]): string;
  /** The noun for an object / array value, as the format's users call them. */
  readonly object: string;
  readonly array: string;
  /** Which reader Centrifugo uses, for findings that say what it does with the text. */
  readonly reader: string;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

const SPELLINGS: Readonly<Record<ConfigFormat, Spelling>> = {
  json: {
    format: 'json',
    setting: (key, value) => `"${key}": ${value}`,
    string: (text) => JSON.stringify(text),
    stringList: (items) => JSON.stringify(items),
    object: 'object', array: 'array',
    reader: 'Centrifugo\'s JSON reader',
  },
  yaml: {
    format: 'yaml',
    setting: (key, value) => `${yamlString(key)}: ${value}`,
    string: (text) => yamlString(text),
    stringList: (items) => `[${items.map((i) => { const s = yamlString(i); return s.includes(',') || s.startsWith('[') ? JSON.stringify(i) : s; }).join(', ')}]`,
    object: 'mapping', array: 'list',
    reader: 'Centrifugo\'s YAML reader',
  },
  toml: {
    format: 'toml',
    setting: (key, value) => `${tomlKey(key)} = ${value}`,
    string: (text) => JSON.stringify(text),
    stringList: (items) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`,
    object: 'table', array: 'array',
    reader: 'Centrifugo\'s TOML reader',
  },
};

export function spellingOf(format: ConfigFormat): Spelling {
  return SPELLINGS[format];
}

/** `a string`, `an object` / `a mapping` / `a table`, ... for the kind of value the user wrote. */
export function articleOf(spelling: Spelling, kind: string): string {
  switch (kind) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'array': return spelling.array === 'array' ? 'an array' : `a ${spelling.array}`;
    case 'object': return spelling.object === 'object' ? 'an object' : `a ${spelling.object}`;
    default: return kind;
  }
}

/** The value was written between quotes (always so for a JSON or TOML string; in YAML only when the user quoted it). */
export function isQuoted(text: string, node: Node): boolean {
  const first = text.charCodeAt(node.offset);
  return first === 0x22 /* " */ || first === 0x27 /* ' */;
}

/**
 * The advice to write a bool instead of a string that reads as one: "write true without quotes"
 * where quotes stand, plainly "write true" where they do not (a YAML `t`).
 */
export function writeBoolAdvice(text: string, node: Node, values: string): string {
  return isQuoted(text, node) ? `write ${values} without quotes` : `write ${values}`;
}
