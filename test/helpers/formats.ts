/**
 * One configuration written in each format Centrifugo reads, the way people write them: YAML
 * block mappings (PEM as `|` block scalars, via the yaml package), TOML tables and arrays of
 * tables with PEM as multi-line strings. Tests compare what the service says about each.
 */
import { stringify } from 'yaml';

export type Format = 'json' | 'yaml' | 'toml';
export const FORMATS: readonly Format[] = ['json', 'yaml', 'toml'];

type Value = unknown;

function isTable(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTableArray(value: Value): value is Record<string, Value>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isTable);
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function tomlScalar(value: Value): string {
  if (typeof value === 'string') {
    if (value.includes('\n') && !value.includes('"""') && !value.includes('\\')) return `"""\n${value}"""`;
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlScalar).join(', ')}]`;
  if (isTable(value)) return `{ ${Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlScalar(v)}`).join(', ')} }`;
  throw new Error(`TOML has no ${String(value)}`);
}

function tomlTable(table: Record<string, Value>, path: string[], out: string[]): void {
  const nested: [string, Value][] = [];
  for (const [key, value] of Object.entries(table)) {
    if (value === null) continue; // TOML has no null: the key is left out, as a TOML user would
    if (isTable(value) || isTableArray(value)) nested.push([key, value]);
    else out.push(`${tomlKey(key)} = ${tomlScalar(value)}`);
  }
  for (const [key, value] of nested) {
    const inner = [...path, tomlKey(key)];
    if (isTableArray(value)) {
      for (const element of value) {
        out.push('', `[[${inner.join('.')}]]`);
        tomlTable(element, inner, out);
      }
    } else {
      out.push('', `[${inner.join('.')}]`);
      tomlTable(value as Record<string, Value>, inner, out);
    }
  }
}

export function toToml(value: Record<string, Value>): string {
  const out: string[] = [];
  tomlTable(value, [], out);
  return `${out.join('\n').replace(/^\n+/, '')}\n`;
}

export function toYaml(value: Value): string {
  return stringify(value, { lineWidth: 0, blockQuote: 'literal' });
}

export function write(value: Record<string, Value>, format: Format): string {
  if (format === 'yaml') return toYaml(value);
  if (format === 'toml') return toToml(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function fileName(format: Format): string {
  return `config.${format}`;
}
