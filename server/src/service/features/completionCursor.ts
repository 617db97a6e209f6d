/**
 * Where the cursor stands in a YAML or TOML config, for completion: the path of the mapping /
 * table / array item it is in, and whether it is on a key or after `key:` / `key =`. While the
 * user types, the tree often has no node at the cursor yet (a blank line, a half-typed key, an
 * empty `tls:` or `[http_server.tls]`), so the line's own text says what is being typed and the
 * tree around it says where: for YAML the nearest line above at the same or a smaller
 * indentation, for TOML the nearest table header above and the line's dotted key.
 */
import { type ConfigFormat, type ConfigNode, findNodeAtOffset, getNodePath, lastProperty, type PathSegment, propertyKey } from '../model/tree';
import type { KeyPlace } from './completionSyntax';

export interface TextCursor {
  /** As jsonc-parser's location: on a key, the container's path then the typed word; on a value, the key's path. */
  readonly path: readonly PathSegment[];
  readonly isAtPropertyKey: boolean;
  /** The text the chosen item replaces (what is already typed of the key or value). */
  readonly start: number;
  readonly end: number;
  /** What the user typed of a value, quotes taken off. */
  readonly typed: string;
  /** Written before a value: a space when the cursor stands right after `key:` (YAML needs one). */
  readonly valueLead: string;
  readonly place: KeyPlace;
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  return { start, end: newline < 0 ? text.length : newline };
}

/** The property whose key starts at `offset`. */
function propertyAt(root: ConfigNode | undefined, offset: number): ConfigNode | undefined {
  const node = root ? findNodeAtOffset(root, offset) : undefined;
  const parent = node?.parent;
  return node?.type === 'string' && parent?.type === 'property' && parent.children?.[0] === node && node.offset === offset ? parent : undefined;
}

/** The lines above `lineStart`, nearest first, as [start, text]. */
function* linesAbove(text: string, lineStart: number): Generator<readonly [number, string]> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield [start, text.slice(start, end).replace(/\r$/, '')];
    end = start - 1;
  }
}

/** The lines above `lineStart` (and, with `includeLine`, its own line first), nearest first. */
function* linesFrom(text: string, lineStart: number, includeLine: boolean): Generator<readonly [number, string]> {
  if (includeLine) {
    const own = lineBounds(text, lineStart);
    yield [own.start, text.slice(own.start, own.end).replace(/\r$/, '')];
  }
  yield* linesAbove(text, lineStart);
}

/**
 * The path of the YAML mapping a key at `column` on the line at `lineStart` belongs to: a line
 * above with a key at the same column is a sibling (its mapping is ours); one with a key at a
 * smaller column is the parent key.
 */
function yamlContainer(root: ConfigNode | undefined, text: string, lineStart: number, column: number): PathSegment[] {
  for (const [start, line] of linesAbove(text, lineStart)) {
    const m = /^([ \t]*)((?:-[ \t]+)*)(\S)/.exec(line);
    if (!m || m[3] === '#') continue;
    const keyColumn = m[1].length + m[2].length;
    if (keyColumn > column) continue;
    const property = propertyAt(root, start + keyColumn);
    // A line that is not a key (block scalar text, a scalar list item) says nothing of the mapping.
    if (!property?.parent) continue;
    if (keyColumn === column) return getNodePath(property.parent);
    const key = propertyKey(property);
    return key === undefined ? getNodePath(property.parent) : [...getNodePath(property.parent), key];
  }
  return [];
}

/** A list item started on the cursor line (`- |`): the list's path and the item's index. */
function yamlItemPath(root: ConfigNode | undefined, text: string, lineStart: number, dashColumn: number): PathSegment[] {
  // The list's key stands above at a smaller column, or at the same column (`proxies:\n- name: a`).
  for (const [start, line] of linesAbove(text, lineStart)) {
    const m = /^([ \t]*)((?:-[ \t]+)*)(\S)/.exec(line);
    if (!m || m[3] === '#') continue;
    const keyColumn = m[1].length + m[2].length;
    if (keyColumn > dashColumn || (m[2] !== '' && m[1].length >= dashColumn)) continue;
    const property = propertyAt(root, start + keyColumn);
    const key = property ? propertyKey(property) : undefined;
    if (!property?.parent || key === undefined) continue;
    const list = property.children?.[1];
    const index = list?.type === 'array' ? (list.children ?? []).filter((item) => item.offset < lineStart).length : 0;
    return [...getNodePath(property.parent), key, index];
  }
  return [0];
}

function locateYaml(root: ConfigNode | undefined, text: string, offset: number): TextCursor | undefined {
  const line = lineBounds(text, offset);
  const prefix = text.slice(line.start, offset);
  const rest = text.slice(offset, line.end);
  const key = /^([ \t]*)((?:-[ \t]+)*)([\w.-]*)$/.exec(prefix);
  if (key) {
    const column = prefix.length - key[3].length;
    const container = key[2]
      ? yamlItemPath(root, text, line.start, key[1].length)
      : yamlContainer(root, text, line.start, column);
    const after = /^[\w.-]*/.exec(rest)?.[0] ?? '';
    return {
      path: [...container, key[3]], isAtPropertyKey: true, start: offset - key[3].length, end: offset + after.length, typed: '', valueLead: '',
      place: { indent: column, nameOnly: /^[\w.-]*[ \t]*:/.test(rest), tablePath: container, headerAllowed: false, dottedPrefix: '' },
    };
  }
  // `key:` just typed (`:` triggers completion) or `key: par`.
  const value = /^([ \t]*)((?:-[ \t]+)*)([\w.-]+)[ \t]*:(?:[ \t]+(\S*))?$/.exec(prefix);
  if (!value) return undefined;
  const typed = value[4] ?? '';
  const column = value[1].length + value[2].length;
  const container = value[2]
    ? yamlItemPath(root, text, line.start, value[1].length)
    : yamlContainer(root, text, line.start, column);
  const after = /^[^\s#]*/.exec(rest)?.[0] ?? '';
  return {
    path: [...container, value[3]], isAtPropertyKey: false, start: offset - typed.length, end: offset + after.length,
    typed: typed.replace(/^["']/, ''), valueLead: value[4] === undefined ? ' ' : '', place: { indent: column, nameOnly: false, tablePath: container, headerAllowed: false, dottedPrefix: '' },
  };
}

export function dottedSegments(key: string): string[] {
  return key.split('.').map((s) => s.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2')).filter((s) => s !== '');
}

/**
 * The table the line at `lineStart` is in: its path, with the index of each array of tables it
 * passes. `includeLine`: the line itself may be the header (a header being typed, a broken one).
 */
export function tomlTable(root: ConfigNode | undefined, text: string, lineStart: number, includeLine = false): { path: PathSegment[] } {
  for (const [start, line] of linesFrom(text, lineStart, includeLine)) {
    const m = /^[ \t]*\[\[?([^\]]+)\]?\]?/.exec(line);
    if (!m) continue;
    const path: PathSegment[] = [];
    let node = root;
    for (const segment of dottedSegments(m[1])) {
      path.push(segment);
      node = lastProperty(node, segment)?.children?.[1];
      if (node?.type === 'array') {
        const items = node.children ?? [];
        let index = items.length - 1;
        while (index > 0 && items[index].offset > start) index--;
        path.push(Math.max(0, index));
        node = items[index];
      }
    }
    return { path };
  }
  return { path: [] };
}

/** No key of the current table follows the cursor line, so a new `[header]` there moves nothing. */
function tableEndsHere(text: string, lineEnd: number): boolean {
  // Line by line, so a large file costs only the lines up to the next key or header.
  for (let start = lineEnd + 1; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const trimmed = text.slice(start, end).trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return trimmed.startsWith('[');
    start = end + 1;
  }
  return true;
}

function locateToml(root: ConfigNode | undefined, text: string, offset: number): TextCursor | undefined {
  const line = lineBounds(text, offset);
  const prefix = text.slice(line.start, offset);
  const rest = text.slice(offset, line.end);
  const table = tomlTable(root, text, line.start);
  const key = /^([ \t]*)((?:[\w-]+[ \t]*\.[ \t]*)*)([\w-]*)$/.exec(prefix);
  if (key) {
    const dotted = dottedSegments(key[2]);
    const container = [...table.path, ...dotted];
    const after = /^[\w-]*/.exec(rest)?.[0] ?? '';
    const lineIsEmpty = key[2] === '' && rest.slice(after.length).trim() === '';
    return {
      path: [...container, key[3]], isAtPropertyKey: true, start: offset - key[3].length, end: offset + after.length, typed: '', valueLead: '',
      place: {
        indent: key[1].length, nameOnly: /^[\w-]*[ \t]*=/.test(rest), tablePath: table.path,
        headerAllowed: lineIsEmpty && tableEndsHere(text, line.end), dottedPrefix: key[2],
      },
    };
  }
  const value = /^[ \t]*([\w-]+(?:[ \t]*\.[ \t]*[\w-]+)*)[ \t]*=[ \t]*(\S*)$/.exec(prefix);
  if (!value) return undefined;
  const after = /^[^\s#,]*/.exec(rest)?.[0] ?? '';
  return {
    path: [...table.path, ...dottedSegments(value[1])], isAtPropertyKey: false, start: offset - value[2].length, end: offset + after.length,
    typed: value[2].replace(/^["']/, ''), valueLead: '', place: { indent: 0, nameOnly: false, tablePath: table.path, headerAllowed: false, dottedPrefix: '' },
  };
}

/** Inside a string that started on an earlier line (a PEM block scalar, a TOML multi-line string): text, not keys. */
function insideMultiLineString(root: ConfigNode | undefined, text: string, offset: number): boolean {
  const node = root ? findNodeAtOffset(root, offset, true) : undefined;
  return node?.type === 'string' && node.offset < lineBounds(text, offset).start && offset < node.offset + node.length + 1;
}

export function locateInText(format: Exclude<ConfigFormat, 'json'>, root: ConfigNode | undefined, text: string, offset: number): TextCursor | undefined {
  if (insideMultiLineString(root, text, offset)) return undefined;
  return format === 'yaml' ? locateYaml(root, text, offset) : locateToml(root, text, offset);
}
