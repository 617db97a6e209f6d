/**
 * Edits of YAML and TOML configs, behind the interface the quick fixes use for JSON
 * (jsonEdits.ts). Every edit replaces only the text of the key or value it is about, found by
 * the config tree's ranges, and writes the file's own syntax: PEM (any multi-line text) as a YAML
 * block scalar `|` indented under its key, or a TOML multi-line string. Everything else in the file,
 * comments and indentation included, stays as it was. Objects that do not exist yet are written
 * as nested YAML `key:` lines or a TOML `[a.b]` table; a moved block keeps its own text.
 *
 * After each edit the text is parsed again, and the edit is kept only when the reader finds no new
 * problem and reads exactly the intended value where it was meant to go. What cannot be done with
 * certainty (inserting into a flow mapping or under a TOML dotted key, editing a YAML value that an
 * alias or merge key brought in) fails, and a session that failed once gives no edit at all: a
 * half-applied fix would lose the user's text.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseToml } from '../../model/tomlTree';
import { changedSpan } from '../../model/treePatch';
import { type ConfigFormat, type ConfigNode, type ConfigTree, findNodeAtLocation, getNodeValue, type PathSegment } from '../../model/tree';
import { parseYaml } from '../../model/yamlTree';
import { type JsonPath, placeOf, valueAt } from './jsonEdits';
import { samePath, startsWith, type TomlLayout, tomlLayout, tomlKey, tomlTables, tomlValue } from './tomlLayout';
import { yamlEntry, yamlIndentUnit, yamlKey, yamlValue } from './yamlText';

export { yamlString } from './yamlText';

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


/** Stands for a moved value while the structure around it is written; replaced by the value's own text. */
const PLACEHOLDER = 'centrifugo_moved_value_placeholder';

/** Equal as data: TOML writes a table's key-values before its sub-tables, so key order may differ. */
export function equalData(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop() as [unknown, unknown];
    if (x === y) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) !== Array.isArray(y)) return false;
    const xKeys = Object.keys(x);
    const yKeys = Object.keys(y);
    if (xKeys.length !== yKeys.length) return false;
    for (const key of xKeys) {
      if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
      pending.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}

function sameValue(node: ConfigNode | undefined, expected: unknown): boolean {
  return node !== undefined && equalData(getNodeValue(node), expected);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A YAML node written where it stands: not reached through an alias or a merge key (`<<`), whose
 * text is the anchor's, elsewhere, and read by every alias of it.
 */
function writtenInPlace(node: ConfigNode): boolean {
  for (let n = node; n.parent; n = n.parent) {
    if (n.offset < n.parent.offset || n.offset + n.length > n.parent.offset + n.parent.length) return false;
  }
  return true;
}

export class TreeTextEditSession implements EditSession {
  /**
   * The text edited: the original, with CRLF line ends as LF when the file uses CRLF throughout,
   * so every edit works on one kind of line end; the edit converts back (see textEdits).
   */
  private readonly base: string;
  private readonly crlf: boolean;
  private current: string;
  private tree: ConfigNode | undefined;
  private failed = false;
  /** Problems the reader finds in the text before any edit: an edit must not add one. */
  private baseline: number | undefined;

  constructor(readonly original: string, readonly format: Exclude<ConfigFormat, 'json'>, root?: ConfigNode) {
    this.crlf = original.includes('\r\n') && !/(?:^|[^\r])\n/.test(original);
    this.base = this.crlf ? original.replace(/\r\n/g, '\n') : original;
    this.current = this.base;
    // The model's tree has the original's offsets; with the line ends changed it is parsed again.
    this.tree = root && !this.crlf ? root : this.parse(this.base).root;
  }

  private parse(text: string): ConfigTree {
    return this.format === 'yaml' ? parseYaml(text) : parseToml(text);
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

  /**
   * Takes `text` as the new state when it parses with no more problems than the original and
   * `check` holds on its tree; otherwise the session fails and keeps nothing.
   */
  private commit(text: string, check: (root: ConfigNode | undefined) => boolean): boolean {
    if (this.failed) return false;
    this.baseline ??= this.parse(this.base).problems.length;
    const parsed = this.parse(text);
    if (parsed.problems.length > this.baseline || !check(parsed.root)) return this.fail();
    this.current = text;
    this.tree = parsed.root;
    return true;
  }

  private splice(offset: number, length: number, content: string): string {
    return this.current.slice(0, offset) + content + this.current.slice(offset + length);
  }

  private indentOf(offset: number): string {
    const start = lineStartOf(this.current, offset);
    return /^[ \t]*/.exec(this.current.slice(start, offset))?.[0] ?? '';
  }

  /** Spaces as wide as the text before `offset` on its line (a key after `- ` stands deeper than the dash). */
  private columnOf(offset: number): string {
    return ' '.repeat(offset - lineStartOf(this.current, offset));
  }

  /** Only white space before `offset` on its line. */
  private startsLine(offset: number): boolean {
    return this.current.slice(lineStartOf(this.current, offset), offset).trim() === '';
  }

  /** The property at `path` when the edits may touch its text. */
  private property(path: JsonPath): ConfigNode | undefined {
    const property = propertyAtPath(this.tree, path);
    if (property && this.format === 'yaml' && !writtenInPlace(property)) return undefined;
    return property;
  }

  /** End of a value's text; a YAML block scalar's range takes its last line break, which stays. */
  private valueEnd(node: ConfigNode): number {
    const end = node.offset + node.length;
    return this.format === 'yaml' && end > node.offset && this.current[end - 1] === '\n' ? end - 1 : end;
  }

  /** A TOML table (or array of tables) defined by headers, whose key stands in a `[...]` line. */
  private isTomlTable(property: ConfigNode, layout: TomlLayout): boolean {
    const key = property.children?.[0];
    return !!key && layout.tables.some((t) => key.offset >= t.keyStart && key.offset < t.keyEnd);
  }

  setValue(path: JsonPath, value: unknown): boolean {
    let node: ConfigNode | undefined;
    // Where a YAML block scalar's lines are indented from: its key, or its `- ` item.
    let column: number | undefined;
    if (typeof path[path.length - 1] === 'number') {
      node = valueAt(this.tree, path);
      if (node && this.format === 'yaml' && !writtenInPlace(node)) return this.fail();
      column = node?.offset;
    } else {
      const property = this.property(path);
      node = property?.children?.[1];
      column = property?.children?.[0]?.offset;
    }
    if (!node || column === undefined) return this.fail();
    // A TOML table (or array of tables, or one of its elements `[[...]]`) is written by headers, not by one value.
    const opening = this.current.slice(node.offset, node.offset + 2);
    if (this.format === 'toml' && (node.type === 'object' || node.type === 'array') && (!/^[[{]/.test(opening) || opening === '[[')) return this.fail();
    const text = this.format === 'toml' ? tomlValue(value) : yamlValue(value, this.columnOf(column) + yamlIndentUnit(this.current));
    if (text === undefined) return this.fail();
    const end = this.valueEnd(node);
    return this.commit(this.splice(node.offset, end - node.offset, text), (root) => sameValue(valueAt(root, path), value));
  }

  rename(path: JsonPath, newKey: string): boolean {
    const key = this.property(path)?.children?.[0];
    if (!key) return this.fail();
    const newPath = [...path.slice(0, -1), newKey];
    const before = getNodeValue(this.property(path)?.children?.[1] as ConfigNode);
    return this.commit(this.splice(key.offset, key.length, this.format === 'toml' ? tomlKey(newKey) : yamlKey(newKey)),
      (root) => sameValue(valueAt(root, newPath), before));
  }

  remove(path: JsonPath): boolean {
    const property = this.property(path);
    const key = property?.children?.[0];
    if (!property || !key) return this.fail();
    if (this.format === 'toml') {
      const layout = tomlLayout(this.current);
      if (!layout) return this.fail();
      if (this.isTomlTable(property, layout)) return this.removeTomlTables(path, layout);
    }
    // Only a property that has its lines to itself (not `- key: v` or a flow mapping) is removed.
    if (!this.startsLine(key.offset)) return this.fail();
    const start = lineStartOf(this.current, key.offset);
    const lastOffset = property.offset + property.length;
    let end = lineEndOf(this.current, Math.max(key.offset, lastOffset - 1));
    if (end < this.current.length) end++;
    return this.commit(this.splice(start, end - start, ''), () => true);
  }

  /** Removes every table under `path`, header and key-values (comments above a header stay). */
  private removeTomlTables(path: JsonPath, layout: TomlLayout): boolean {
    const tables = layout.tables.filter((t) => startsWith(t.path, path));
    if (tables.length === 0) return this.fail();
    let text = this.current;
    for (const table of [...tables].reverse()) {
      const start = lineStartOf(text, table.start);
      let end = lineEndOf(text, table.end);
      if (end < text.length) end++;
      // A blank line after it goes too when one comes before it (or it starts the file): one gap stays.
      if (text[end] === '\n' && (start === 0 || text[start - 2] === '\n')) end++;
      text = text.slice(0, start) + text.slice(end);
    }
    return this.commit(text, (root) => valueAt(root, path) === undefined);
  }

  insert(objectPath: JsonPath, key: string, value: unknown, index?: number): boolean {
    return this.format === 'yaml' ? this.insertYaml(objectPath, key, value, index) : this.insertToml(objectPath, key, value, index);
  }

  private insertYaml(objectPath: JsonPath, key: string, value: unknown, index: number | undefined): boolean {
    const unit = yamlIndentUnit(this.current);
    const check = (root: ConfigNode | undefined) => sameValue(valueAt(root, [...objectPath, key]), value);
    const object = objectPath.length === 0 ? this.tree : valueAt(this.tree, objectPath);
    if (!object) {
      // An empty document (nothing but comments): the mapping starts here.
      if (objectPath.length > 0 || this.current.replace(/#.*$/gm, '').trim() !== '') return this.fail();
      const entry = yamlEntry(key, value, '', unit);
      if (entry === undefined) return this.fail();
      const gap = this.current === '' || this.current.endsWith('\n') ? '' : '\n';
      return this.commit(`${this.current}${gap}${entry}\n`, check);
    }
    if (!writtenInPlace(object)) return this.fail();
    if (object.type === 'null' && object.length === 0 && object.parent?.children?.[0]) {
      // `client:` with nothing after it: its first key goes on the next line, one step in.
      const owner = object.parent.children[0];
      if (!this.startsLine(owner.offset)) return this.fail();
      const indent = this.columnOf(owner.offset) + unit;
      const entry = yamlEntry(key, value, indent, unit);
      if (entry === undefined) return this.fail();
      return this.commit(this.splice(lineEndOf(this.current, owner.offset), 0, `\n${indent}${entry}`), check);
    }
    if (object.type !== 'object') return this.fail();
    const siblings = object.children ?? [];
    // Every sibling on its own line (a block mapping), the first of a list item after its `- `.
    const inBlock = siblings.every((p) => {
      const k = p.children?.[0];
      return !!k && /^[ \t]*(?:-[ \t]+)*$/.test(this.current.slice(lineStartOf(this.current, k.offset), k.offset));
    });
    if (siblings.length === 0 || !inBlock) return this.fail();
    const at = Math.max(0, Math.min(index ?? siblings.length, siblings.length));
    const anchorKey = (at === 0 ? siblings[0] : siblings[at - 1]).children?.[0] as ConfigNode;
    const indent = this.columnOf(anchorKey.offset);
    const entry = yamlEntry(key, value, indent, unit);
    if (entry === undefined) return this.fail();
    if (at === 0) {
      if (!this.startsLine(anchorKey.offset)) return this.fail();
      return this.commit(this.splice(lineStartOf(this.current, anchorKey.offset), 0, `${indent}${entry}\n`), check);
    }
    const anchor = siblings[at - 1];
    const end = anchor.offset + anchor.length;
    const where = this.current[end - 1] === '\n' ? end - 1 : lineEndOf(this.current, end);
    return this.commit(this.splice(where, 0, `\n${indent}${entry}`), check);
  }

  private insertToml(objectPath: JsonPath, key: string, value: unknown, index: number | undefined): boolean {
    const layout = tomlLayout(this.current);
    if (!layout) return this.fail();
    const path = [...objectPath, key];
    if (isPlainObject(value) || (Array.isArray(value) && value.length > 0 && value.every(isPlainObject))) return this.addTomlTable(path, value, layout);
    const text = tomlValue(value);
    if (text === undefined) return this.fail();
    const check = (root: ConfigNode | undefined) => sameValue(valueAt(root, path), value);
    const line = `${tomlKey(key)} = ${text}`;
    let body: TomlLayout['rootBody'];
    let headerEnd: number | undefined;
    if (objectPath.length === 0) {
      body = layout.rootBody;
    } else {
      const table = layout.tables.find((t) => samePath(t.path, objectPath));
      if (!table) {
        // Defined only through its sub-tables (`[a.b]` without `[a]`): it gets its own header.
        const property = propertyAtPath(this.tree, objectPath);
        return property && this.isTomlTable(property, layout) ? this.addTomlTable(objectPath, { [key]: value }, layout) : this.fail();
      }
      body = table.body;
      headerEnd = table.keyEnd;
    }
    const object = objectPath.length === 0 ? this.tree : valueAt(this.tree, objectPath);
    const children = object?.children ?? [];
    const before = index === undefined ? undefined : children[index - 1];
    const anchor = index === 0 ? undefined : body.find((kv) => before && kv.start === before.offset) ?? body[body.length - 1];
    if (anchor) return this.commit(this.splice(lineEndOf(this.current, anchor.end), 0, `\n${this.indentOf(anchor.start)}${line}`), check);
    if (index === 0 && body.length > 0) {
      const first = lineStartOf(this.current, body[0].start);
      return this.commit(this.splice(first, 0, `${this.indentOf(body[0].start)}${line}\n`), check);
    }
    if (headerEnd !== undefined) return this.commit(this.splice(lineEndOf(this.current, headerEnd), 0, `\n${line}`), check);
    // The root has no key-values yet: the new one goes before the first table and the comments above it.
    const firstTable = layout.tables[0];
    if (!firstTable) {
      const gap = this.current === '' || this.current.endsWith('\n') ? '' : '\n';
      return this.commit(`${this.current}${gap}${line}\n`, check);
    }
    let start = lineStartOf(this.current, firstTable.start);
    for (let above = start; above > 0;) {
      const lineStart = lineStartOf(this.current, above - 1);
      if (!this.current.slice(lineStart, above).trimStart().startsWith('#')) break;
      above = lineStart;
      if (lineStart > 0) start = lineStart;
    }
    return this.commit(this.splice(start, 0, `${line}\n\n`), check);
  }

  /**
   * A new table `[path]` (or tables `[[path]]`) holding `value`, after the last table of the
   * nearest enclosing one that has headers (`[http_server.tls]` after `[http_server]` and its
   * sub-tables), else at the end of the file.
   */
  private addTomlTable(path: JsonPath, value: unknown, layout: TomlLayout): boolean {
    const keys = path.filter((s): s is string => typeof s === 'string');
    let text: string | undefined;
    if (Array.isArray(value)) {
      const tables = value.map((item) => tomlTables(keys, item as Record<string, unknown>, 'array'));
      text = tables.every((t) => t !== undefined) ? tables.join('\n\n') : undefined;
    } else {
      text = tomlTables(keys, value as Record<string, unknown>);
    }
    if (text === undefined || text === '') return this.fail();
    const check = (root: ConfigNode | undefined) => sameValue(valueAt(root, path), value);
    for (let length = path.length; length > 0; length--) {
      const prefix = path.slice(0, length);
      const last = [...layout.tables].reverse().find((t) => startsWith(t.path, prefix));
      if (last) return this.commit(this.splice(lineEndOf(this.current, last.end), 0, `\n\n${text}`), check);
    }
    const gap = this.current === '' || this.current.endsWith('\n\n') ? '' : this.current.endsWith('\n') ? '\n' : '\n\n';
    return this.commit(`${this.current}${gap}${text}\n`, check);
  }

  set(path: JsonPath, value: unknown, place?: (objectPath: JsonPath) => number | undefined): boolean {
    if (path.length === 0) return this.fail();
    if (propertyAtPath(this.tree, path)) return this.setValue(path, value);
    // The deepest object that exists; everything below it is written in one insertion.
    let depth = path.length - 1;
    while (depth > 0 && !valueAt(this.tree, path.slice(0, depth))) depth--;
    let wrapped: unknown = value;
    for (let i = path.length - 1; i > depth; i--) {
      const segment = path[i];
      if (typeof segment !== 'string') return this.fail();
      wrapped = { [segment]: wrapped };
    }
    const key = path[depth];
    if (typeof key !== 'string') return this.fail();
    const objectPath = path.slice(0, depth);
    return this.insert(objectPath, key, wrapped, place?.(objectPath));
  }

  /**
   * Moves the setting at `from` to `to` (which must not exist) as it is written, comments inside
   * included: a YAML value re-indented for its new depth, a TOML key-value's value text, a TOML
   * table by rewriting its header and its sub-tables' headers in place.
   */
  move(from: JsonPath, to: JsonPath): boolean {
    const property = this.property(from);
    const key = property?.children?.[0];
    const value = property?.children?.[1];
    if (!property || !key || !value || propertyAtPath(this.tree, to)) return this.fail();
    const expected = getNodeValue(value);
    const arrived = (root: ConfigNode | undefined) => sameValue(valueAt(root, to), expected);
    if (this.format === 'toml') {
      const layout = tomlLayout(this.current);
      if (!layout) return this.fail();
      if (this.isTomlTable(property, layout)) return this.moveTomlTables(from, to, layout, arrived);
    }
    // Everything after the key: `:` or ` =`, comments before the first nested key, the value, a comment after it.
    const valueEnd = this.valueEnd(value);
    const tail = this.current.slice(key.offset + key.length, this.current[valueEnd] === '\n' ? valueEnd : lineEndOf(this.current, valueEnd));
    const oldIndent = this.columnOf(key.offset);
    const place = placeOf(this.tree, from);
    if (!this.remove(from) || !this.set(to, PLACEHOLDER, place)) return this.fail();
    const moved = propertyAtPath(this.tree, to);
    const newKey = moved?.children?.[0];
    const stub = moved?.children?.[1];
    if (!newKey || !stub) return this.fail();
    const newIndent = this.columnOf(newKey.offset);
    // TOML's nesting is in its headers, not its indentation (and a multi-line string must keep its lines).
    const lines = this.format === 'toml' ? [tail] : tail.split('\n').map((line, i) => {
      if (i === 0 || line.trim() === '') return i === 0 ? line : '';
      return newIndent + (line.startsWith(oldIndent) ? line.slice(oldIndent.length) : line.trimStart());
    });
    const start = newKey.offset + newKey.length;
    return this.commit(this.splice(start, stub.offset + stub.length - start, lines.join('\n')), arrived);
  }

  /** `[tls]` -> `[http_server.tls]`, `[tls.x]` -> `[http_server.tls.x]`: each header rewritten where it stands, the bodies untouched. */
  private moveTomlTables(from: JsonPath, to: JsonPath, layout: TomlLayout, arrived: (root: ConfigNode | undefined) => boolean): boolean {
    // A header names no array element: the target must be reachable by names alone.
    if (to.some((s) => typeof s !== 'string')) return this.fail();
    const named = from.filter((s) => typeof s === 'string').length;
    const tables = layout.tables.filter((t) => startsWith(t.path, from));
    if (tables.length === 0) return this.fail();
    let text = this.current;
    for (const table of [...tables].reverse()) {
      const keys = [...(to as string[]), ...table.keys.slice(named)];
      text = text.slice(0, table.keyStart) + keys.map(tomlKey).join('.') + text.slice(table.keyEnd);
    }
    return this.commit(text, (root) => arrived(root) && valueAt(root, from) === undefined);
  }

  /** The change from the original text, as one edit over the smallest range that differs. */
  textEdits(document: TextDocument): TextEdit[] {
    const before = this.original;
    const after = this.crlf ? this.current.replace(/\n/g, '\r\n') : this.current;
    if (this.failed || after === before) return [];
    let { start, endBefore, endAfter } = changedSpan(before, after);
    // Never split a CRLF between the kept and the replaced text.
    while (start > 0 && before[start - 1] === '\r' && (before[start] === '\n' || after[start] === '\n')) start--;
    while (endBefore < before.length && before[endBefore] === '\n' && before[endBefore - 1] === '\r' && endBefore > start) { endBefore++; endAfter++; }
    return [{ range: { start: document.positionAt(start), end: document.positionAt(endBefore) }, newText: after.slice(start, endAfter) }];
  }
}
