/**
 * Edits a JSON(C) config text so that what the user did not ask to change stays as it was:
 * indentation style, line endings, comments, trailing commas and key order.
 *
 * Values are replaced with jsonc-parser's `modify()`, and new structure in an empty object is
 * created with it too. Removing, renaming and inserting next to a sibling are done here instead,
 * line by line: `modify()` removes a property from the end of the previous one (taking that line's
 * comment and every comment in between with it), leaves `{ , }` behind when the removed property
 * was followed by a trailing comma, and inserts after the previous value but before its comma, so
 * the previous line's comment moves to the new property. It cannot rename at all.
 *
 * A session applies steps one after another, re-parsing in between, so every step addresses the
 * current text by JSON path; the result is one minimal text edit against the original.
 */
import { type FormattingOptions, modify, applyEdits } from 'jsonc-parser';
import { buildJsonTree } from '../../model/jsonTree';
import { findNodeAtLocation, type Node } from '../../model/tree';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';

export type JsonPath = readonly (string | number)[];

export interface Formatting extends FormattingOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
  readonly eol: string;
}

const FORMATTING_SAMPLE = 64 * 1024;

/** Tabs or spaces (and how many) and the line ending, as the document itself uses them. */
export function detectFormatting(fullText: string): Formatting {
  // The style shows in the first lines; a 20 MB config need not be scanned to the end for it.
  const text = fullText.length > FORMATTING_SAMPLE ? fullText.slice(0, FORMATTING_SAMPLE) : fullText;
  const eol = /\r\n/.test(text.slice(0, (text.indexOf('\n') + 1) || text.length)) ? '\r\n' : '\n';
  let tabs = 0;
  let spaces = 0;
  let smallest = Number.POSITIVE_INFINITY;
  // Only lines that start with a key or a closing bracket: block comments and wrapped text say nothing.
  for (const match of text.matchAll(/^([ \t]+)["}\]]/gm)) {
    const indent = match[1];
    if (indent[0] === '\t') tabs++;
    else {
      spaces++;
      smallest = Math.min(smallest, indent.length);
    }
  }
  const insertSpaces = spaces >= tabs;
  return { insertSpaces, tabSize: insertSpaces && Number.isFinite(smallest) ? smallest : insertSpaces ? 2 : 4, eol };
}

/** The property (key and value) that Go's JSON reader keeps at `path`: of duplicate keys, the last. */
export function propertyAt(root: Node | undefined, path: JsonPath): Node | undefined {
  let node = root;
  let property: Node | undefined;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      if (node.type !== 'array') return undefined;
      property = undefined;
      node = node.children?.[segment];
      continue;
    }
    if (node.type !== 'object') return undefined;
    property = undefined;
    for (const child of node.children ?? []) if (child.children?.[0]?.value === segment) property = child;
    node = property?.children?.[1];
  }
  return property;
}

export function valueAt(root: Node | undefined, path: JsonPath): Node | undefined {
  if (path.length === 0) return root;
  if (typeof path[path.length - 1] === 'number') {
    const parent = valueAt(root, path.slice(0, -1));
    return parent?.type === 'array' ? parent.children?.[path[path.length - 1] as number] : undefined;
  }
  return propertyAt(root, path)?.children?.[1];
}

/** Where a property sits on its line(s): alone (one per line) or inline with others. */
interface Layout {
  /** Start of the property's first line, when only white space precedes the property on it. */
  readonly lineStart: number | undefined;
  /** Offset of the comma that follows the property, or -1. */
  readonly comma: number;
  /** Start of the next line, when nothing but the comma, white space and comments follows on the property's last line. */
  readonly nextLineStart: number | undefined;
}

function layoutOf(text: string, property: Node): Layout {
  let start = property.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const lineStart = start === 0 || text[start - 1] === '\n' ? start : undefined;
  let i = property.offset + property.length;
  let comma = -1;
  let nextLineStart: number | undefined;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === ',' && comma < 0) comma = i++;
    else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || text.slice(i, close).includes('\n')) break;
      i = close + 2;
    } else {
      if (c === '\n') nextLineStart = i + 1;
      break;
    }
  }
  // A comma may also sit on a later line (`"a": 1\n  , "b": 2`); then the layout is not one per line.
  if (comma < 0) comma = commaAfter(text, property.offset + property.length);
  return { lineStart, comma, nextLineStart };
}

/** The comma after `offset`, skipping white space and comments, or -1 when something else comes first. */
function commaAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text[i];
    if (c === ',') return i;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else return -1;
  }
  return -1;
}

const ONE_LINE_ARRAY_MAX = 80;

/** `["a.com", "b.com"]` for a short array of strings, numbers or booleans; undefined otherwise. */
export function oneLineArray(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.some((v) => v !== null && typeof v === 'object')) return undefined;
  const text = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return text.length <= ONE_LINE_ARRAY_MAX ? text : undefined;
}

/** JSON text of a value for a line indented by `indent`: objects one property per line, short lists on one line. */
function layOut(value: unknown, indent: string, unit: string, eol: string): string {
  const oneLine = oneLineArray(value);
  if (oneLine !== undefined) return oneLine;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + unit;
  const items = Array.isArray(value)
    ? value.map((v) => inner + layOut(v, inner, unit, eol))
    : Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layOut(v, inner, unit, eol)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length === 0 ? open + close : `${open}${eol}${items.join(`,${eol}`)}${eol}${indent}${close}`;
}

function indentOfLine(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** Puts a new property where the one at `path` was, when it goes into the same object. */
export function placeOf(root: Node | undefined, path: JsonPath): (objectPath: JsonPath) => number | undefined {
  const property = propertyAt(root, path);
  const index = property?.parent?.children?.indexOf(property) ?? -1;
  const parentPath = path.slice(0, -1);
  return (objectPath) => (index >= 0 && objectPath.length === parentPath.length && objectPath.every((s, i) => s === parentPath[i]) ? index : undefined);
}

export class JsonEditSession {
  private current: string;
  private tree: Node | undefined;
  private parsed = false;
  readonly formatting: Formatting;

  /** `root`: the tree of `original` when the caller has it already (the model's), to spare a parse. */
  constructor(readonly original: string, formatting?: Formatting, root?: Node) {
    this.current = original;
    this.formatting = formatting ?? detectFormatting(original);
    if (root) {
      this.tree = root;
      this.parsed = true;
    }
  }

  get text(): string {
    return this.current;
  }

  get root(): Node | undefined {
    if (!this.parsed) {
      this.tree = buildJsonTree(this.current).root;
      this.parsed = true;
    }
    return this.tree;
  }

  private replace(offset: number, length: number, content: string): void {
    this.current = this.current.slice(0, offset) + content + this.current.slice(offset + length);
    this.parsed = false;
  }

  /** Several replacements in the current text, given in any order (none may overlap). */
  private replaceAll(edits: { offset: number; length: number; content: string }[]): void {
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) this.replace(edit.offset, edit.length, edit.content);
  }

  private get indentUnit(): string {
    return this.formatting.insertSpaces ? ' '.repeat(this.formatting.tabSize) : '\t';
  }

  /** A value as JSON text, laid out to start on a line indented by `indent`. */
  private valueText(value: unknown, indent: string, multiline: boolean): string {
    if (!multiline) return oneLineArray(value) ?? JSON.stringify(value);
    return layOut(value, indent, this.indentUnit, this.formatting.eol);
  }

  /** Replaces the value at `path` (which must exist). */
  setValue(path: JsonPath, value: unknown): boolean {
    const node = valueAt(this.root, path);
    if (!node) return false;
    const oneLine = oneLineArray(value);
    if (oneLine !== undefined) {
      // A short list of names reads best on one line, as people write them (modify() would give one per line).
      this.replace(node.offset, node.length, oneLine);
    } else if (findNodeAtLocation(this.root as Node, [...path]) === node) {
      // modify() finds the first of duplicate keys; Go reads the last, and so do we.
      this.current = applyEdits(this.current, modify(this.current, [...path], value, { formattingOptions: this.formatting }));
      this.parsed = false;
    } else {
      this.replace(node.offset, node.length, JSON.stringify(value));
    }
    return true;
  }

  /** Gives the property at `path` another key, leaving its value, comments and place alone. */
  rename(path: JsonPath, newKey: string): boolean {
    const key = propertyAt(this.root, path)?.children?.[0];
    if (!key) return false;
    this.replace(key.offset, key.length, JSON.stringify(newKey));
    return true;
  }

  /** Removes the property at `path` with the comment on its line; the comma of the one before goes when it was the last. */
  remove(path: JsonPath): boolean {
    const property = propertyAt(this.root, path);
    const parent = property?.parent;
    if (!property || !parent) return false;
    const siblings = parent.children ?? [];
    const index = siblings.indexOf(property);
    const previous = index > 0 ? siblings[index - 1] : undefined;
    const layout = layoutOf(this.current, property);
    const edits: { offset: number; length: number; content: string }[] = [];
    const ownLines = layout.lineStart !== undefined && layout.nextLineStart !== undefined && layout.comma < (layout.nextLineStart ?? 0);
    if (ownLines) {
      const start = layout.lineStart as number;
      edits.push({ offset: start, length: (layout.nextLineStart as number) - start, content: '' });
    } else if (layout.comma >= 0) {
      let end = layout.comma + 1;
      while (this.current[end] === ' ' || this.current[end] === '\t') end++;
      edits.push({ offset: property.offset, length: end - property.offset, content: '' });
    } else {
      edits.push({ offset: property.offset, length: property.length, content: '' });
    }
    // The last property had no comma: the one before must lose its own, or it becomes a trailing comma.
    if (layout.comma < 0 && previous) {
      const comma = commaAfter(this.current, previous.offset + previous.length);
      if (comma >= 0) {
        if (ownLines) edits.push({ offset: comma, length: 1, content: '' });
        else edits[0] = { offset: comma, length: property.offset + property.length - comma, content: '' };
      }
    }
    this.replaceAll(edits);
    return true;
  }

  /**
   * Inserts `"key": value` into the object at `objectPath` at position `index` among its
   * properties (default: last), on its own line like its siblings, or inline when they are.
   */
  insert(objectPath: JsonPath, key: string, value: unknown, index?: number): boolean {
    const object = valueAt(this.root, objectPath);
    if (!object || object.type !== 'object') return false;
    const siblings = object.children ?? [];
    if (siblings.length === 0) {
      this.current = applyEdits(this.current, modify(this.current, [...objectPath, key], value, { formattingOptions: this.formatting }));
      this.parsed = false;
      return true;
    }
    const at = Math.max(0, Math.min(index ?? siblings.length, siblings.length));
    const name = JSON.stringify(key);
    if (at === 0) {
      const first = siblings[0];
      const layout = layoutOf(this.current, first);
      if (layout.lineStart !== undefined) {
        const indent = this.current.slice(layout.lineStart, first.offset);
        this.replace(layout.lineStart, 0, `${indent}${name}: ${this.valueText(value, indent, true)},${this.formatting.eol}`);
      } else {
        this.replace(first.offset, 0, `${name}: ${this.valueText(value, '', false)}, `);
      }
      return true;
    }
    const anchor = siblings[at - 1];
    const layout = layoutOf(this.current, anchor);
    const anchorEnd = anchor.offset + anchor.length;
    if (layout.lineStart !== undefined && layout.nextLineStart !== undefined && layout.comma < layout.nextLineStart) {
      const indent = indentOfLine(this.current, anchor.offset);
      const hasComma = layout.comma >= 0;
      const line = `${indent}${name}: ${this.valueText(value, indent, true)}${hasComma ? ',' : ''}${this.formatting.eol}`;
      this.replaceAll([
        { offset: layout.nextLineStart, length: 0, content: line },
        ...(hasComma ? [] : [{ offset: anchorEnd, length: 0, content: ',' }]),
      ]);
    } else {
      this.replace(anchorEnd, 0, `, ${name}: ${this.valueText(value, '', false)}`);
    }
    return true;
  }

  /**
   * Sets `path` to `value`: replaces the value when the property exists, otherwise inserts it,
   * creating missing objects on the way. Fails when something on the way is not an object.
   * `place` may choose the position of the new property in the object it goes into.
   */
  set(path: JsonPath, value: unknown, place?: (objectPath: JsonPath) => number | undefined): boolean {
    if (path.length === 0) return false;
    if (propertyAt(this.root, path) || (typeof path[path.length - 1] === 'number' && valueAt(this.root, path))) return this.setValue(path, value);
    if (!this.root) {
      let wrapped: unknown = value;
      for (let i = path.length - 1; i >= 0; i--) {
        if (typeof path[i] === 'number') return false;
        wrapped = { [path[i] as string]: wrapped };
      }
      this.current = applyEdits(this.current, modify(this.current, [], wrapped, { formattingOptions: this.formatting }));
      this.parsed = false;
      return true;
    }
    // The deepest object that exists; everything below it is created in one insertion.
    let depth = path.length - 1;
    while (depth > 0 && !valueAt(this.root, path.slice(0, depth))) depth--;
    const container = valueAt(this.root, path.slice(0, depth));
    if (!container || container.type !== 'object') return false;
    let wrapped: unknown = value;
    for (let i = path.length - 1; i > depth; i--) {
      if (typeof path[i] === 'number') return false;
      wrapped = { [path[i] as string]: wrapped };
    }
    if (typeof path[depth] !== 'string') return false;
    const objectPath = path.slice(0, depth);
    return this.insert(objectPath, path[depth] as string, wrapped, place?.(objectPath));
  }

  /**
   * Moves the value at `from` to `to` as it is written, comments inside included, re-indented for
   * its new depth. `to` must not exist yet. When a new property lands in the object `from` left,
   * it takes `from`'s place.
   */
  move(from: JsonPath, to: JsonPath): boolean {
    const property = propertyAt(this.root, from);
    const value = property?.children?.[1];
    if (!property || !value || propertyAt(this.root, to)) return false;
    const raw = this.current.slice(value.offset, value.offset + value.length);
    const oldIndent = indentOfLine(this.current, property.offset);
    const placeholder = `\u0000centrifugo-move-${raw.length}-${this.current.length}\u0000`;
    const place = placeOf(this.root, from);
    if (!this.remove(from) || !this.set(to, placeholder, place)) return false;
    const literal = JSON.stringify(placeholder);
    const at = this.current.indexOf(literal);
    if (at < 0) return false;
    const newIndent = indentOfLine(this.current, at);
    const moved = raw.split('\n').map((line, i) => (i === 0 ? line : newIndent + (line.startsWith(oldIndent) ? line.slice(oldIndent.length) : line.trimStart()))).join('\n');
    this.replace(at, literal.length, moved);
    return true;
  }

  /** The change from the original text, as one edit over the smallest range that differs. */
  textEdits(document: TextDocument): TextEdit[] {
    const before = this.original;
    const after = this.current;
    if (before === after) return [];
    let start = 0;
    const limit = Math.min(before.length, after.length);
    while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
    let tail = 0;
    while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
    // Never split a CRLF or a surrogate pair between the kept and the replaced text.
    const splits = (text: string, i: number) => i > 0 && i < text.length
      && ((text[i - 1] === '\r' && text[i] === '\n') || (/[\uD800-\uDBFF]/.test(text[i - 1]) && /[\uDC00-\uDFFF]/.test(text[i])));
    while (start > 0 && (splits(before, start) || splits(after, start))) start--;
    while (tail > 0 && (splits(before, before.length - tail) || splits(after, after.length - tail))) tail--;
    return [{
      range: { start: document.positionAt(start), end: document.positionAt(before.length - tail) },
      newText: after.slice(start, after.length - tail),
    }];
  }
}
