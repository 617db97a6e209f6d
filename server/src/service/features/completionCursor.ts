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
  /** A TOML table header being typed (`[http_server.t`, `[[prox`): complete table names, not keys. */
  readonly header?: HeaderCursor;
}

export interface HeaderCursor {
  /** `[` for a table, `[[` for an array of tables. */
  readonly brackets: '[' | '[[';
  /** The dotted key typed before the word, as written (`http_server.`). */
  readonly typedPrefix: string;
  /** The text the item replaces starts at the bracket, so the whole header is written at once. */
  readonly start: number;
  readonly end: number;
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
    return { path: resolveTomlPath(root, dottedSegments(m[1]), start) };
  }
  return { path: [] };
}

/** Keys of a header as a tree path: an array of tables adds the index of its last item before `before`. */
function resolveTomlPath(root: ConfigNode | undefined, segments: readonly string[], before: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node = root;
  for (const segment of segments) {
    path.push(segment);
    node = lastProperty(node, segment)?.children?.[1];
    if (node?.type === 'array') {
      const items = node.children ?? [];
      let index = items.length - 1;
      while (index > 0 && items[index].offset > before) index--;
      path.push(Math.max(0, index));
      node = items[index];
    }
  }
  return path;
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

/** The cursor in a table header being typed: the path of the table the typed dotted key names. */
function locateTomlHeader(root: ConfigNode | undefined, text: string, offset: number, line: { start: number; end: number }): TextCursor | undefined {
  const prefix = text.slice(line.start, offset);
  const m = /^([ \t]*)(\[\[?)[ \t]*((?:[\w-]+[ \t]*\.[ \t]*)*)([\w-]*)$/.exec(prefix);
  if (!m) return undefined;
  const rest = text.slice(offset, line.end);
  const after = /^[\w-]*[ \t]*(?:\]\]?)?/.exec(rest)?.[0] ?? '';
  const start = line.start + m[1].length;
  // The header's own path, resolved in the tree like a header above: indexes of arrays of tables.
  const segments = dottedSegments(m[3]);
  const container = resolveTomlPath(root, segments, line.start);
  return {
    path: [...container, m[4]], isAtPropertyKey: true, start: offset - m[4].length, end: offset + after.length, typed: '', valueLead: '',
    place: { indent: 0, nameOnly: false, tablePath: container, headerAllowed: false, dottedPrefix: '' },
    header: { brackets: m[2] === '[[' ? '[[' : '[', typedPrefix: m[3], start, end: offset + after.length },
  };
}

/** A frame of the inline tables and arrays open on the cursor line, left of the cursor. */
interface InlineFrame {
  readonly kind: 'table' | 'array';
  /** From the line's table: the keys (and array indexes) that lead into this frame. */
  readonly path: PathSegment[];
  /** Where the element the cursor may be in starts (after the opener or the last comma). */
  elementStart: number;
  items: number;
  /** Keys already written in this inline table. */
  readonly keys: string[];
}

/** `key = value` then white space and the word being typed: a string, or a value without spaces. */
const AFTER_COMPLETE_VALUE = /^[ \t]*[\w-]+(?:[ \t]*\.[ \t]*[\w-]+)*[ \t]*=[ \t]*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,{}[\]]+)[ \t]+([\w-]*)$/;

const KEY_BEFORE_EQUALS = /^[ \t]*([\w-]+(?:[ \t]*\.[ \t]*[\w-]+)*)[ \t]*=[ \t]*$/;

/**
 * The inline tables and arrays still open at the end of `prefix` (a TOML line up to the cursor),
 * innermost last; undefined when the cursor is in a string or a comment, or nothing is open.
 */
function openInlineFrames(prefix: string): InlineFrame[] | undefined {
  const frames: InlineFrame[] = [];
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (c === '"' || c === '\'') {
      let j = i + 1;
      for (; j < prefix.length && prefix[j] !== c; j++) if (c === '"' && prefix[j] === '\\') j++;
      if (j >= prefix.length) return undefined;
      i = j;
      continue;
    }
    if (c === '#') return undefined;
    const top = frames[frames.length - 1];
    if (c === '{' || c === '[') {
      let path: PathSegment[];
      if (top?.kind === 'array') path = [...top.path, top.items];
      else {
        const key = KEY_BEFORE_EQUALS.exec(prefix.slice(top ? top.elementStart : 0, i));
        if (!key) return undefined; // a header, or text that is no value
        path = [...(top?.path ?? []), ...dottedSegments(key[1])];
      }
      frames.push({ kind: c === '{' ? 'table' : 'array', path, elementStart: i + 1, items: 0, keys: [] });
    } else if (c === '}' || c === ']') {
      frames.pop();
      const outer = frames[frames.length - 1];
      if (!outer) return undefined; // the value is closed: what follows is no key
    } else if (c === ',' && top) {
      if (top.kind === 'table') {
        const key = /^[ \t]*([\w-]+)/.exec(prefix.slice(top.elementStart, i));
        if (key) top.keys.push(key[1]);
      } else top.items++;
      top.elementStart = i + 1;
    }
  }
  return frames.length > 0 ? frames : undefined;
}

/** The cursor inside an inline table on one line (`tls = { en|`): keys and values in `key = value` form. */
function locateTomlInline(root: ConfigNode | undefined, text: string, offset: number, line: { start: number; end: number }): TextCursor | undefined | null {
  const prefix = text.slice(line.start, offset);
  if (!prefix.includes('{')) return null;
  const frames = openInlineFrames(prefix);
  if (!frames) return null;
  const top = frames[frames.length - 1];
  if (top.kind !== 'table') return undefined;
  const table = tomlTable(root, text, line.start).path;
  const element = prefix.slice(top.elementStart);
  const rest = text.slice(offset, line.end);
  // Keys after the cursor in the same table (up to its closing brace) are present too.
  const later = [...(/^[^}]*/.exec(rest)?.[0] ?? '').matchAll(/,[ \t]*([\w-]+)[ \t]*=/g)].map((k) => k[1]);
  const present = [...top.keys, ...later];
  const typing = /^[ \t]*((?:[\w-]+[ \t]*\.[ \t]*)*)([\w-]*)$/.exec(element);
  // After a complete value with no comma yet (`{ enabled = true |`): the next key, with the comma.
  const next = typing ? undefined : AFTER_COMPLETE_VALUE.exec(element);
  const key = typing ? { dotted: typing[1], word: typing[2] } : next ? { dotted: '', word: next[1] } : undefined;
  if (key) {
    const needsComma = next !== undefined;
    const after = /^[\w-]*/.exec(rest)?.[0] ?? '';
    const following = rest.slice(after.length).trimStart();
    const container = [...table, ...top.path, ...dottedSegments(key.dotted)];
    return {
      path: [...container, key.word], isAtPropertyKey: true, start: offset - key.word.length, end: offset + after.length, typed: '', valueLead: '',
      place: {
        indent: 0, nameOnly: /^[\w-]*[ \t]*=/.test(rest), tablePath: table, headerAllowed: false, dottedPrefix: key.dotted,
        inline: { before: needsComma ? ', ' : '', after: following === '' || /^[},]/.test(following) ? '' : ', ', present },
      },
    };
  }
  const value = /^[ \t]*([\w-]+(?:[ \t]*\.[ \t]*[\w-]+)*)[ \t]*=[ \t]*(\S*)$/.exec(element);
  if (!value) return undefined;
  const after = /^[^\s#,}]*/.exec(rest)?.[0] ?? '';
  return {
    path: [...table, ...top.path, ...dottedSegments(value[1])], isAtPropertyKey: false, start: offset - value[2].length, end: offset + after.length,
    typed: value[2].replace(/^["']/, ''), valueLead: '', place: { indent: 0, nameOnly: false, tablePath: table, headerAllowed: false, dottedPrefix: '' },
  };
}

function locateToml(root: ConfigNode | undefined, text: string, offset: number): TextCursor | undefined {
  const line = lineBounds(text, offset);
  const prefix = text.slice(line.start, offset);
  if (/^[ \t]*\[/.test(prefix)) return locateTomlHeader(root, text, offset, line);
  const inline = locateTomlInline(root, text, offset, line);
  if (inline !== null) return inline;
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
