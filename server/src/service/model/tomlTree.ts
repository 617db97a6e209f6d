/**
 * TOML text -> config tree. toml-eslint-parser gives every key, header and value with its exact
 * range (and keeps comments in the text we edit); it validates the document as TOML 1.0, as
 * pelletier/go-toml v2 (Centrifugo v6, viper internal/encoding/toml/codec.go:15@v1.21.0) and v1
 * (v5, viper-lite util.go:168) do. Tables reopen objects anywhere in the file (`[a]`, `[b]`,
 * `[a.c]`), so a container's range is stretched over every part that defines it and marked
 * "scattered" for offset lookups. Datetimes are kept as their text with a note: Go decodes them to
 * time values, which no string field accepts.
 */
import type { AST } from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import { compactChildren, ConfigNode, type Conversion, type ConfigTree, KeyInterner, MAX_DEPTH, type SyntaxProblem, markScattered } from './tree';

type TomlParser = typeof import('toml-eslint-parser', { with: { 'resolution-mode': 'import' } });
// An ES module; Node loads it with require() (20.19+), and the bundler inlines it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('toml-eslint-parser') as TomlParser;

/** Past this many table headers the file is not read: no Centrifugo config has nearly so many, and each costs nodes. */
export const MAX_TOML_TABLES = 200_000;

/** How many broken lines are skipped to keep a tree of a file being typed. */
const MAX_RECOVERIES = 8;

class TomlTreeBuilder {
  private readonly keys = new KeyInterner();
  readonly conversions = new Map<ConfigNode, Conversion>();
  readonly root: ConfigNode;

  constructor(program: AST.TOMLProgram) {
    const top = program.body[0];
    this.root = new ConfigNode('object', top.range[0], top.range[1] - top.range[0], undefined, [], undefined);
    markScattered(this.root);
  }

  private static stretch(node: ConfigNode, end: number): void {
    for (let n: ConfigNode | undefined = node; n; n = n.parent) {
      if (n.offset + n.length < end) n.length = end - n.offset;
    }
  }

  /** The value under `key` in `object`, created as an empty container of `type` when missing. */
  private child(object: ConfigNode, key: string, keyRange: AST.Range, spanEnd: number, type: 'object' | 'array'): ConfigNode {
    for (const property of object.children ?? []) {
      if (property.children?.[0]?.value === key && property.children[1]) {
        TomlTreeBuilder.stretch(property, spanEnd);
        return property.children[1];
      }
    }
    const property = new ConfigNode('property', keyRange[0], spanEnd - keyRange[0], object, [], undefined);
    object.children?.push(property);
    property.children?.push(new ConfigNode('string', keyRange[0], keyRange[1] - keyRange[0], property, undefined, this.keys.intern(key)));
    const container = new ConfigNode(type, keyRange[0], spanEnd - keyRange[0], property, [], undefined);
    markScattered(container);
    property.children?.push(container);
    TomlTreeBuilder.stretch(property, spanEnd);
    return container;
  }

  private static keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
    return key.type === 'TOMLBare' ? key.name : key.value;
  }

  /** `[a.b]` / `[[a.b]]`: the object the table's key-values go into. */
  private table(table: AST.TOMLTable): ConfigNode {
    let node = this.root;
    const end = table.range[1];
    const segments = table.key.keys;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      const isArrayHere = table.kind === 'array' && last;
      const value = this.child(node, TomlTreeBuilder.keyName(segment), segment.range, end, isArrayHere ? 'array' : 'object');
      if (isArrayHere) {
        const element = new ConfigNode('object', table.range[0], end - table.range[0], value, [], undefined);
        value.children?.push(element);
        TomlTreeBuilder.stretch(value, end);
        node = element;
      } else if (value.type === 'array') {
        // `[a.b]` under an array of tables `[[a]]` adds to its last element.
        const element = value.children?.[value.children.length - 1];
        if (!element) return value;
        TomlTreeBuilder.stretch(element, end);
        node = element;
      } else {
        node = value;
      }
    }
    return node;
  }

  private keyValue(object: ConfigNode, kv: AST.TOMLKeyValue, pending: { node: AST.TOMLContentNode; parent: ConfigNode }[]): void {
    let node = object;
    const segments = kv.key.keys;
    for (let i = 0; i < segments.length - 1; i++) node = this.child(node, TomlTreeBuilder.keyName(segments[i]), segments[i].range, kv.range[1], 'object');
    const last = segments[segments.length - 1];
    const property = new ConfigNode('property', last.range[0], kv.range[1] - last.range[0], node, [], undefined);
    node.children?.push(property);
    property.children?.push(new ConfigNode('string', last.range[0], last.range[1] - last.range[0], property, undefined, this.keys.intern(TomlTreeBuilder.keyName(last))));
    pending.push({ node: kv.value, parent: property });
  }

  private value(value: AST.TOMLContentNode, parent: ConfigNode, pending: { node: AST.TOMLContentNode; parent: ConfigNode }[]): void {
    const [start, end] = value.range;
    let node: ConfigNode;
    if (value.type === 'TOMLArray') {
      node = new ConfigNode('array', start, end - start, parent, [], undefined);
      for (const element of value.elements) pending.push({ node: element, parent: node });
    } else if (value.type === 'TOMLInlineTable') {
      node = new ConfigNode('object', start, end - start, parent, [], undefined);
      for (const kv of value.body) this.keyValue(node, kv, pending);
    } else if (value.kind === 'string') {
      node = new ConfigNode('string', start, end - start, parent, undefined, value.value);
    } else if (value.kind === 'integer' || value.kind === 'float') {
      node = new ConfigNode('number', start, end - start, parent, undefined, value.value);
    } else if (value.kind === 'boolean') {
      node = new ConfigNode('boolean', start, end - start, parent, undefined, value.value);
    } else {
      node = new ConfigNode('string', start, end - start, parent, undefined, value.datetime);
      this.conversions.set(node, {
        written: value.datetime,
        note: `Centrifugo's TOML reader decodes \`${value.datetime}\` as a TOML ${value.kind.replace(/-/g, ' ')}, not as text: quote it if a string is meant.`,
      });
    }
    parent.children?.push(node);
  }

  build(program: AST.TOMLProgram): ConfigNode {
    // Values are built after the structure, in reverse so the stack yields them in document order.
    const pending: { node: AST.TOMLContentNode; parent: ConfigNode }[] = [];
    for (const item of program.body[0].body) {
      if (item.type === 'TOMLKeyValue') this.keyValue(this.root, item, pending);
      else {
        const object = this.table(item);
        for (const kv of item.body) this.keyValue(object, kv, pending);
      }
    }
    const stack = pending.reverse();
    while (stack.length > 0) {
      const { node, parent } = stack.pop() as { node: AST.TOMLContentNode; parent: ConfigNode };
      const before = stack.length;
      this.value(node, parent, stack);
      // Children were pushed in document order: reverse them so they pop in order.
      for (let i = before, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
    }
    return this.root;
  }
}

/** Deepest array / inline-table nesting outside strings and comments. */
function nestingExceeded(text: string): number {
  let depth = 0;
  let tables = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (depth === 0 && c === '[' && (i === 0 || text[i - 1] === '\n' || /^\s*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)))) {
        if (++tables > MAX_TOML_TABLES) return -2 - i;
      }
      if (++depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === '\'') {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      for (; j < text.length && !text.startsWith(close, j); j++) if (c === '"' && text[j] === '\\') j++;
      i = j + close.length - 1;
    }
  }
  return -1;
}

function problem(offset: number, message: string): SyntaxProblem {
  return { kind: 'syntax', offset, length: 1, message, unread: true };
}

interface LineSpan { start: number; end: number }

function lineAt(text: string, offset: number): LineSpan {
  const newline = text.indexOf('\n', offset);
  return { start: text.lastIndexOf('\n', offset - 1) + 1, end: newline < 0 ? text.length : newline };
}

/** The nearest line above `line` with text on it. */
function previousLine(text: string, line: LineSpan): LineSpan | undefined {
  for (let end = line.start - 1; end >= 0;) {
    const above = lineAt(text, end);
    if (/\S/.test(text.slice(above.start, above.end))) return above;
    end = above.start - 1;
  }
  return undefined;
}

/** A line the parser reads on into the next one: `key =` with no value, `[table` with no `]`, an open array. */
function isUnfinished(line: string): boolean {
  const trimmed = line.trim();
  if (/[=,[{]$/.test(trimmed) || (trimmed.startsWith('[') && !trimmed.includes(']'))) return true;
  // A value that opens more brackets than it closes (`a = [1, 2`), strings and comments aside.
  if (!/^[^[]*=/.test(trimmed)) return false;
  let open = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '#') break;
    if (c === '"' || c === '\'') {
      for (i++; i < trimmed.length && trimmed[i] !== c; i++) if (c === '"' && trimmed[i] === '\\') i++;
    } else if (c === '[' || c === '{') open++;
    else if (c === ']' || c === '}') open--;
  }
  return open > 0;
}

/**
 * The text a parse error makes unreadable: the broken line, which is not always where the parser
 * points (a blank line, the end of the text, or the start of the line after an unfinished one).
 * A broken table header takes its section with it: its keys would otherwise land in the table
 * above and be checked there.
 */
function unreadableSpan(text: string, offset: number): { span: LineSpan; at: number; openHeader: boolean } | undefined {
  let line = lineAt(text, offset);
  let at = offset;
  while (line.start > 0 && !/\S/.test(text.slice(line.start, line.end))) {
    line = lineAt(text, line.start - 1);
    at = line.end;
  }
  if (!/\S/.test(text.slice(line.start, line.end))) return undefined;
  if (!/\S/.test(text.slice(line.start, at))) {
    const above = previousLine(text, line);
    if (above && isUnfinished(text.slice(above.start, above.end))) {
      line = above;
      at = above.start + text.slice(above.start, above.end).trimEnd().length - 1;
    }
  }
  const written = text.slice(line.start, line.end);
  const isHeader = /^\s*\[/.test(written);
  const end = isHeader ? sectionEnd(text, line.end) : line.end;
  return { span: { start: line.start, end }, at, openHeader: isHeader && !written.includes(']') };
}

/** Where the section whose header ends at `headerEnd` ends: before the next header line, or at the end. */
function sectionEnd(text: string, headerEnd: number): number {
  let end = headerEnd;
  for (let start = headerEnd + 1; start < text.length;) {
    const line = lineAt(text, start);
    if (/^\s*\[/.test(text.slice(line.start, line.end))) break;
    end = line.end;
    start = line.end + 1;
  }
  return end;
}

export function parseToml(text: string): ConfigTree {
  const limit = nestingExceeded(text);
  if (limit >= 0) {
    return { format: 'toml', root: undefined, conversions: new Map(), problems: [{ kind: 'too-deep', offset: limit, length: 1,
      message: `Nested too deeply: this checker reads values nested up to ${MAX_DEPTH.toLocaleString('en-US')} levels and does not check this file.` }] };
  }
  if (limit < -1) {
    return { format: 'toml', root: undefined, conversions: new Map(), problems: [{ kind: 'too-deep', offset: -2 - limit, length: 1,
      message: `More than ${MAX_TOML_TABLES.toLocaleString('en-US')} tables: this checker does not read a TOML file this large.` }] };
  }
  // The parser stops at the first error. To keep a tree while the user types (recognition,
  // completion, the rest of the findings), the offending line is blanked and the text parsed
  // again, a few times at most; every error found on the way is reported.
  const problems: SyntaxProblem[] = [];
  // A UTF-8 byte-order mark (the CLI keeps it; editors drop it) is read as a space, which keeps
  // every offset. Whether go-toml accepts one we have not established, so we say nothing of it.
  let source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  let program: AST.TOMLProgram | undefined;
  for (let attempt = 0; attempt < MAX_RECOVERIES && !program; attempt++) {
    try {
      program = toml.parseTOML(source, { tomlVersion: '1.0' });
    } catch (error) {
      if (error instanceof RangeError) return { format: 'toml', root: undefined, conversions: new Map(), problems: [problem(0, 'Nested too deeply: this checker cannot read this file.')] };
      const parseError = error as { message?: string; index?: number };
      const offset = Math.min(Math.max(0, parseError.index ?? 0), Math.max(0, text.length - 1));
      const unreadable = unreadableSpan(source, offset);
      // toml-eslint-parser words an unclosed header as a key-value problem on the next line.
      const said = unreadable?.openHeader ? 'The table header is not closed: a `]` is missing' : (parseError.message ?? 'invalid document').replace(/\.$/, '');
      problems.push(problem(unreadable?.at ?? offset, `TOML: ${said}. Centrifugo cannot read this file until it is fixed.`));
      if (!unreadable) break;
      const { start, end } = unreadable.span;
      // Blanked, not cut: every offset and line of the tree stays that of the text.
      source = source.slice(0, start) + source.slice(start, end).replace(/[^\r\n]/g, ' ') + source.slice(end);
    }
  }
  if (!program) return { format: 'toml', root: undefined, conversions: new Map(), problems };
  const builder = new TomlTreeBuilder(program);
  const root = builder.build(program);
  compactChildren(root);
  return { format: 'toml', root, problems, conversions: builder.conversions };
}
