/**
 * Where things are written in a TOML text, for the edits: each table header with the JSON path of
 * the object its key-values go into, and the key-value lines of each section. The config tree
 * (model/tomlTree.ts) merges tables into objects and so no longer says which header defines what;
 * an edit that adds a key to a table, creates a table or renames one needs exactly that.
 */
import type { AST } from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import type { JsonPath } from './jsonEdits';

type TomlParser = typeof import('toml-eslint-parser', { with: { 'resolution-mode': 'import' } });
// An ES module; Node loads it with require() (20.19+), and the bundler inlines it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('toml-eslint-parser') as TomlParser;

export interface TomlKeyValue {
  /** The key's segments as written (`a.b = 1` has two). */
  readonly keys: readonly string[];
  readonly start: number;
  readonly end: number;
}

export interface TomlTable {
  readonly kind: 'standard' | 'array';
  /** The header's key segments (`[http_server.tls]` -> http_server, tls). */
  readonly keys: readonly string[];
  /** The object its key-values go into, array indexes included (`[[proxies]]` -> proxies, 2). */
  readonly path: JsonPath;
  /** Offset of the header's first `[`. */
  readonly start: number;
  /** The header's key text, between the brackets. */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** End of the header or of its last key-value. */
  readonly end: number;
  readonly body: readonly TomlKeyValue[];
}

export interface TomlLayout {
  /** Key-values before the first header. */
  readonly rootBody: readonly TomlKeyValue[];
  readonly tables: readonly TomlTable[];
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

function keyValues(body: readonly AST.TOMLKeyValue[]): TomlKeyValue[] {
  return body.map((kv) => ({ keys: kv.key.keys.map(keyName), start: kv.range[0], end: kv.range[1] }));
}

/** The layout of a TOML text, or undefined when it does not parse. */
export function tomlLayout(text: string): TomlLayout | undefined {
  let program: AST.TOMLProgram;
  try {
    program = toml.parseTOML(text);
  } catch {
    return undefined;
  }
  const top = program.body[0];
  const rootBody: TomlKeyValue[] = [];
  const tables: TomlTable[] = [];
  // Elements so far of each array of tables, by its JSON path: `[a.b]` after `[[a]]` goes into the last one.
  const arrays = new Map<string, number>();
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      rootBody.push(...keyValues([item]));
      continue;
    }
    const keys = item.key.keys.map(keyName);
    const path: (string | number)[] = [];
    keys.forEach((key, i) => {
      path.push(key);
      const id = JSON.stringify(path);
      if (item.kind === 'array' && i === keys.length - 1) {
        const count = arrays.get(id) ?? 0;
        arrays.set(id, count + 1);
        path.push(count);
      } else {
        const count = arrays.get(id);
        if (count !== undefined) path.push(count - 1);
      }
    });
    tables.push({
      kind: item.kind, keys, path, start: item.range[0], keyStart: item.key.range[0], keyEnd: item.key.range[1],
      end: item.range[1], body: keyValues(item.body),
    });
  }
  return { rootBody, tables };
}

export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

export function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return path.length >= prefix.length && prefix.every((s, i) => s === path[i]);
}

export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** A TOML value on one line (a multi-line string for text with line breaks), or undefined (null has no TOML form). */
export function tomlValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // A line break right after `"""` is dropped by the reader, so the text starts on its own line.
    if (value.includes('\n') && !value.includes('"""') && !value.includes('\\') && !/[\u0000-\u0008\u000b-\u001f]/.test(value)) return `"""\n${value}"""`;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(tomlValue);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => { const t = tomlValue(v); return t === undefined ? undefined : `${tomlKey(k)} = ${t}`; });
    return entries.every((e) => e !== undefined) ? `{ ${entries.join(', ')} }` : undefined;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isTableArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

/**
 * `value` (an object) as the table `[keys]`: its scalars and lists as key-values, its objects as
 * sub-tables `[keys.k]`, its lists of objects as arrays of tables `[[keys.k]]`. A table with no
 * key-values of its own but sub-tables gets no header (TOML defines it through them); with no
 * keys, the key-values are the root's. Undefined when a value has no TOML form (null).
 */
export function tomlTables(keys: readonly string[], value: Record<string, unknown>, header: 'standard' | 'array' = 'standard'): string | undefined {
  const lines: string[] = [];
  const nested: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (isPlainObject(item)) {
      const sub = tomlTables([...keys, key], item);
      if (sub === undefined) return undefined;
      nested.push(sub);
    } else if (isTableArray(item)) {
      for (const element of item) {
        const sub = tomlTables([...keys, key], element, 'array');
        if (sub === undefined) return undefined;
        nested.push(sub);
      }
    } else {
      const text = tomlValue(item);
      if (text === undefined) return undefined;
      lines.push(`${tomlKey(key)} = ${text}`);
    }
  }
  const name = keys.map(tomlKey).join('.');
  let own = lines;
  if (header === 'array') own = [`[[${name}]]`, ...lines];
  else if (keys.length > 0 && (lines.length > 0 || nested.length === 0)) own = [`[${name}]`, ...lines];
  return [own.join('\n'), ...nested].filter((b) => b !== '').join('\n\n');
}

/** The number of comments in a TOML text (0 when it does not parse). */
export function tomlComments(text: string): number {
  try {
    return toml.parseTOML(text).comments.length;
  } catch {
    return 0;
  }
}
