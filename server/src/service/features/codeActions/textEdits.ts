/**
 * Edits of YAML and TOML configs, behind the interface the quick fixes use for JSON
 * (jsonEdits.ts). Every edit replaces only the text of the key or value it is about, found by
 * the config tree's ranges, and writes the file's own syntax: PEM (any multi-line text) as a YAML
 * block scalar `|` indented under its key, or a TOML multi-line string. Everything else in the file,
 * comments and indentation included, stays as it was. After each edit the text is parsed again.
 *
 * What it cannot do with certainty (moving a block, inserting into a flow mapping or under a TOML
 * dotted key) fails, and a session that failed once gives no edit at all: a half-applied fix
 * would lose the user's text.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseToml } from '../../model/tomlTree';
import { type ConfigFormat, type ConfigNode, findNodeAtLocation, type PathSegment } from '../../model/tree';
import { parseYaml } from '../../model/yamlTree';
import { resolvePlainScalar } from '../../model/yamlScalars';
import type { JsonPath } from './jsonEdits';

/** What the quick fixes ask of an edit session, whatever the format. */
export interface EditSession {
  readonly text: string;
  readonly root: ConfigNode | undefined;
  setValue(path: JsonPath, value: unknown): boolean;
  rename(path: JsonPath, newKey: string): boolean;
  remove(path: JsonPath): boolean;
  insert(objectPath: JsonPath, key: string, value: unknown, index?: number): boolean;
  set(path: JsonPath, value: unknown, place?: (objectPath: JsonPath) => number | undefined): boolean;
  move(from: JsonPath, to: JsonPath): boolean;
  textEdits(document: TextDocument): TextEdit[];
}

/** The property node at a path (its last segment a key). */
function propertyAtPath(root: ConfigNode | undefined, path: JsonPath): ConfigNode | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const container = path.length === 1 ? root : findNodeAtLocation(root, path.slice(0, -1) as PathSegment[]);
  if (container?.type !== 'object') return undefined;
  const children = container.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) if (children[i].children?.[0]?.value === last) return children[i];
  return undefined;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** A YAML scalar that both Go decoders read back as exactly this string, or a quoted one. */
export function yamlString(value: string): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./ :@+-]*$/.test(value) && !/[ :]$/.test(value) && !value.includes(': ') && !value.includes(' #');
  const readsSame = resolvePlainScalar(value, 'yaml.v2').value === value && resolvePlainScalar(value, 'yaml.v3').value === value;
  return plain && readsSame ? value : JSON.stringify(value);
}

function yamlValue(value: unknown, indent: string): string | undefined {
  if (typeof value === 'string') {
    if (!value.includes('\n')) return yamlString(value);
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    if (/^\s/.test(body) || body.split('\n').some((line) => /\s$/.test(line))) return JSON.stringify(value);
    return `|${value.endsWith('\n') ? '' : '-'}\n${body.split('\n').map((line) => (line ? `${indent}${line}` : '')).join('\n')}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  // A flow collection in JSON spelling is valid YAML and decodes to the same value.
  return JSON.stringify(value);
}

function tomlValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
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

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && resolvePlainScalar(key, 'yaml.v2').value === key ? key : JSON.stringify(key);
}

export class TreeTextEditSession implements EditSession {
  private current: string;
  private tree: ConfigNode | undefined;
  private failed = false;

  constructor(readonly original: string, readonly format: Exclude<ConfigFormat, 'json'>, root?: ConfigNode) {
    this.current = original;
    this.tree = root ?? this.parse(original);
  }

  private parse(text: string): ConfigNode | undefined {
    return this.format === 'yaml' ? parseYaml(text).root : parseToml(text).root;
  }

  get text(): string {
    return this.current;
  }

  get root(): ConfigNode | undefined {
    return this.tree;
  }

  private fail(): false {
    this.failed = true;
    return false;
  }

  private replace(offset: number, length: number, content: string): void {
    this.current = this.current.slice(0, offset) + content + this.current.slice(offset + length);
    this.tree = this.parse(this.current);
  }

  private indentOf(offset: number): string {
    const start = lineStartOf(this.current, offset);
    return /^[ \t]*/.exec(this.current.slice(start, offset))?.[0] ?? '';
  }

  /** The text for `value` standing after the key at `keyOffset`. */
  private render(value: unknown, keyOffset: number): string | undefined {
    if (this.format === 'toml') return tomlValue(value);
    const column = keyOffset - lineStartOf(this.current, keyOffset);
    return yamlValue(value, ' '.repeat(column + 2));
  }

  setValue(path: JsonPath, value: unknown): boolean {
    const property = propertyAtPath(this.tree, path);
    const node = property?.children?.[1];
    const key = property?.children?.[0];
    if (!node || !key) return this.fail();
    // A TOML table (or array of tables) is written by headers, not by one value.
    if (this.format === 'toml' && (node.type === 'object' || node.type === 'array') && !/^[[{]/.test(this.current.slice(node.offset, node.offset + 1))) return this.fail();
    const text = this.render(value, key.offset);
    if (text === undefined) return this.fail();
    let end = node.offset + node.length;
    // A YAML block scalar's range takes its last line break; keep the break.
    if (this.format === 'yaml' && this.current[end - 1] === '\n') end--;
    this.replace(node.offset, end - node.offset, text);
    return true;
  }

  rename(path: JsonPath, newKey: string): boolean {
    const key = propertyAtPath(this.tree, path)?.children?.[0];
    if (!key) return this.fail();
    this.replace(key.offset, key.length, this.format === 'toml' ? tomlKey(newKey) : yamlKey(newKey));
    return true;
  }

  remove(path: JsonPath): boolean {
    const property = propertyAtPath(this.tree, path);
    const key = property?.children?.[0];
    if (!property || !key) return this.fail();
    const start = lineStartOf(this.current, key.offset);
    // Only a property that has its lines to itself (not `- key: v` or a flow mapping) is removed.
    if (this.current.slice(start, key.offset).trim() !== '') return this.fail();
    const value = property.children?.[1];
    if (this.format === 'toml' && value && (value.type === 'object' || value.type === 'array') && !/^[[{]/.test(this.current.slice(value.offset, value.offset + 1))) return this.fail();
    const lastOffset = property.offset + property.length;
    let end = lineEndOf(this.current, Math.max(key.offset, lastOffset - 1));
    if (end < this.current.length) end++;
    this.replace(start, end - start, '');
    return true;
  }

  insert(objectPath: JsonPath, key: string, value: unknown): boolean {
    const object = objectPath.length === 0 ? this.tree : findNodeAtLocation(this.tree, objectPath as PathSegment[]);
    if (object?.type !== 'object') return this.fail();
    const siblings = (object.children ?? []).filter((p) => {
      const k = p.children?.[0];
      // Siblings written as their own `key: value` / `key = value` lines (not TOML headers or dotted keys).
      return k && this.current.slice(lineStartOf(this.current, k.offset), k.offset).trim() === ''
        && (this.format === 'yaml' || !this.current.slice(lineStartOf(this.current, k.offset), k.offset + k.length).includes('['));
    });
    const last = siblings[siblings.length - 1];
    const lastKey = last?.children?.[0];
    if (!last || !lastKey || siblings.length !== (object.children ?? []).length) return this.fail();
    const indent = this.indentOf(lastKey.offset);
    const text = this.render(value, lastKey.offset);
    if (text === undefined) return this.fail();
    const name = this.format === 'toml' ? tomlKey(key) : yamlKey(key);
    const line = this.format === 'toml' ? `${indent}${name} = ${text}` : `${indent}${name}: ${text}`;
    const end = last.offset + last.length;
    const at = this.current[end - 1] === '\n' ? end - 1 : lineEndOf(this.current, end);
    this.replace(at, 0, `\n${line}`);
    return true;
  }

  set(path: JsonPath, value: unknown): boolean {
    if (propertyAtPath(this.tree, path)) return this.setValue(path, value);
    const last = path[path.length - 1];
    if (typeof last !== 'string') return this.fail();
    return this.insert(path.slice(0, -1), last, value);
  }

  move(): boolean {
    return this.fail();
  }

  textEdits(document: TextDocument): TextEdit[] {
    if (this.failed || this.current === this.original) return [];
    const before = this.original;
    const after = this.current;
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) { endBefore--; endAfter--; }
    return [{ range: { start: document.positionAt(start), end: document.positionAt(endBefore) }, newText: after.slice(start, endAfter) }];
  }
}
