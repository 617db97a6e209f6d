/**
 * The text a completion item inserts in a YAML or TOML config. Both completion sources (TLS
 * fields and the whole-config options) describe a value by its shape; this module writes that
 * shape in the file's own syntax, so labels, details and documentation stay the same in every
 * format and only the inserted text differs. JSON keeps its writer in completion.ts and
 * optionCompletion.ts.
 */
import { type CompletionItem, InsertTextFormat, InsertTextMode, type Range } from 'vscode-languageserver-types';
import type { ConfigFormat, PathSegment } from '../model/tree';
import { yamlString } from './codeActions/textEdits';

/** A value as a snippet should pre-fill it. `tab` is the snippet's tab stop (default 1). */
export type ValueShape =
  | { readonly kind: 'bool'; readonly first: 'true' | 'false'; readonly tab?: number }
  | { readonly kind: 'fixed'; readonly value: boolean }
  | { readonly kind: 'number'; readonly placeholder: string; readonly tab?: number }
  | { readonly kind: 'string'; readonly placeholder?: string; readonly choices?: readonly string[]; readonly tab?: number }
  | { readonly kind: 'stringList'; readonly placeholder?: string; readonly tab?: number }
  | { readonly kind: 'stringMap' }
  | { readonly kind: 'object'; readonly fields?: readonly (readonly [string, ValueShape])[] }
  | { readonly kind: 'objectList' };

/** Where a key is being inserted: what the writer needs beyond the key and its value. */
export interface KeyPlace {
  /** The column the key starts at (YAML nests by indentation). */
  readonly indent: number;
  /** The line already has `:` / `=` after the word: insert the key's name only. */
  readonly nameOnly: boolean;
  /** TOML: the path of the table the key goes into, and whether a `[header]` may start here. */
  readonly tablePath: readonly PathSegment[];
  readonly headerAllowed: boolean;
  /** TOML: the dotted key typed before the word (`grpc.`), repeated on each further line of a skeleton. */
  readonly dottedPrefix: string;
  /**
   * TOML: the key goes into an inline table (`tls = { en| }`), written on one line as TOML 1.0
   * requires, with the commas it needs around it; `present`: keys already written in it.
   */
  readonly inline?: { readonly before: string; readonly after: string; readonly present: readonly string[] };
}

export interface WrittenKey {
  readonly newText: string;
  /** The item wants the suggestions again right after it (a TOML dotted key `client.`). */
  readonly retrigger: boolean;
}

function snippetEscape(text: string, inChoice = false): string {
  return text.replace(inChoice ? /[$}\\|,]/g : /[$}\\]/g, (c) => `\\${c}`);
}

/** The text of a string value: YAML plain when both Go decoders read it back unchanged, TOML quoted. */
export function stringValue(format: Exclude<ConfigFormat, 'json'>, value: string): string {
  return format === 'yaml' ? yamlString(value) : JSON.stringify(value);
}

function yamlScalar(shape: ValueShape): string | undefined {
  const tab = 'tab' in shape && shape.tab !== undefined ? shape.tab : 1;
  switch (shape.kind) {
    case 'bool': return `\${${tab}|${shape.first},${shape.first === 'true' ? 'false' : 'true'}|}`;
    case 'fixed': return String(shape.value);
    case 'number': return `\${${tab}:${snippetEscape(shape.placeholder)}}`;
    case 'string': {
      if (shape.choices) return `\${${tab}|${shape.choices.map((c) => snippetEscape(yamlString(c), true)).join(',')}|}`;
      if (!shape.placeholder) return `$${tab}`;
      const written = yamlString(shape.placeholder);
      // A placeholder YAML must quote keeps the quotes outside the tab stop.
      return written.startsWith('"') ? `"\${${tab}:${snippetEscape(written.slice(1, -1))}}"` : `\${${tab}:${snippetEscape(written)}}`;
    }
    default: return undefined;
  }
}

function yamlProperty(key: string, shape: ValueShape, indent: number): string {
  const inner = ' '.repeat(indent + 2);
  const scalar = yamlScalar(shape);
  if (scalar !== undefined) return `${key}: ${scalar}`;
  switch (shape.kind) {
    case 'stringList': {
      const tab = shape.tab ?? 1;
      const item = shape.placeholder ? `\${${tab}:${snippetEscape(yamlString(shape.placeholder))}}` : `$${tab}`;
      return `${key}:\n${inner}- ${item}`;
    }
    case 'objectList': return `${key}:\n${inner}- $0`;
    case 'object':
      if (shape.fields) return `${key}:\n${shape.fields.map(([k, v]) => inner + yamlProperty(k, v, indent + 2)).join('\n')}`;
      return `${key}:\n${inner}$0`;
    default: return `${key}:\n${inner}$0`;
  }
}

function tomlScalar(shape: ValueShape): string | undefined {
  const tab = 'tab' in shape && shape.tab !== undefined ? shape.tab : 1;
  switch (shape.kind) {
    case 'bool': return `\${${tab}|${shape.first},${shape.first === 'true' ? 'false' : 'true'}|}`;
    case 'fixed': return String(shape.value);
    case 'number': return `\${${tab}:${snippetEscape(shape.placeholder)}}`;
    case 'string':
      if (shape.choices) return `"\${${tab}|${shape.choices.map((c) => snippetEscape(JSON.stringify(c).slice(1, -1), true)).join(',')}|}"`;
      return shape.placeholder ? `"\${${tab}:${snippetEscape(JSON.stringify(shape.placeholder).slice(1, -1))}}"` : `"$${tab}"`;
    case 'stringList': {
      const tab2 = shape.tab ?? 1;
      return shape.placeholder ? `["\${${tab2}:${snippetEscape(JSON.stringify(shape.placeholder).slice(1, -1))}}"]` : `["$${tab2}"]`;
    }
    case 'stringMap': return '{ $1 }';
    default: return undefined;
  }
}

function tomlKeyText(key: string | number): string {
  return typeof key === 'string' && /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(String(key));
}

/** A key and its value inside an inline table: everything on one line. */
function tomlInlineProperty(key: string, shape: ValueShape): string {
  const scalar = tomlScalar(shape);
  if (scalar !== undefined) return `${tomlKeyText(key)} = ${scalar}`;
  if (shape.kind === 'objectList') return `${tomlKeyText(key)} = [{ $0 }]`;
  if (shape.kind === 'object' && shape.fields) return `${tomlKeyText(key)} = { ${shape.fields.map(([k, v]) => tomlInlineProperty(k, v)).join(', ')} }`;
  return `${tomlKeyText(key)} = { $0 }`;
}

function tomlProperty(key: string, shape: ValueShape, place: KeyPlace): WrittenKey {
  if (place.inline) return { newText: `${place.inline.before}${tomlInlineProperty(key, shape)}${place.inline.after}`, retrigger: false };
  const scalar = tomlScalar(shape);
  if (scalar !== undefined) return { newText: `${tomlKeyText(key)} = ${scalar}`, retrigger: false };
  const indent = ' '.repeat(place.indent);
  // A header names the whole path; it is only offered where no key of the current table follows
  // (those would move into the new table) and the path has no array index (a header cannot name one).
  const header = place.headerAllowed && place.tablePath.every((s) => typeof s === 'string')
    ? [...place.tablePath, key].map(tomlKeyText).join('.') : undefined;
  if (shape.kind === 'objectList') {
    return header ? { newText: `[[${header}]]\n${indent}$0`, retrigger: false } : { newText: `${tomlKeyText(key)} = [{ $0 }]`, retrigger: false };
  }
  if (shape.kind === 'object' && shape.fields) {
    if (header) return { newText: `[${header}]\n${shape.fields.map(([k, v]) => indent + tomlProperty(k, v, { ...place, headerAllowed: false }).newText).join('\n')}`, retrigger: false };
    return { newText: shape.fields.map(([k, v], i) => (i === 0 ? '' : indent + place.dottedPrefix) + `${tomlKeyText(key)}.${tomlProperty(k, v, { ...place, headerAllowed: false }).newText}`).join('\n'), retrigger: false };
  }
  if (header) return { newText: `[${header}]\n${indent}$0`, retrigger: false };
  // A dotted key: the next suggestions are the object's own keys.
  return { newText: `${tomlKeyText(key)}.$0`, retrigger: true };
}

/** The text for a key item with its value in YAML or TOML. */
export function writeKey(format: Exclude<ConfigFormat, 'json'>, key: string, shape: ValueShape, place: KeyPlace): WrittenKey {
  if (place.nameOnly) return { newText: format === 'toml' ? tomlKeyText(key) : key, retrigger: false };
  if (format === 'yaml') return { newText: yamlProperty(key, shape, place.indent), retrigger: false };
  return tomlProperty(key, shape, place);
}

/** How a key item is written: JSON with the commas it needs around it, or YAML/TOML at a place. */
export type KeySyntax =
  | { readonly format: 'json'; readonly before: string; readonly after: string }
  | { readonly format: 'yaml' | 'toml'; readonly place: KeyPlace };

/** The edit part of a key item; `jsonValue` is the JSON snippet of the value, `shape` the same value for the other formats. */
export function keyItemEdit(syntax: KeySyntax, range: Range, key: string, jsonValue: string, shape: ValueShape): Partial<CompletionItem> {
  if (syntax.format === 'json') {
    return { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: `${syntax.before}"${key}": ${jsonValue}${syntax.after}` }, filterText: `"${key}"` };
  }
  const written = writeKey(syntax.format, key, shape, syntax.place);
  return {
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: written.newText },
    filterText: key,
    // The text carries its own indentation (YAML nests by it); the editor must not add the line's again.
    insertTextMode: InsertTextMode.asIs,
    ...(written.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

/** A value shape in JSON text (the TLS skeletons are written from the same shapes in every format). */
export function jsonValueText(shape: ValueShape, indent = ''): string {
  const tab = 'tab' in shape && shape.tab !== undefined ? shape.tab : 1;
  const quoted = (p: string | undefined) => (p ? `"\${${tab}:${snippetEscape(p)}}"` : `"$${tab}"`);
  switch (shape.kind) {
    case 'bool': return `\${${tab}|${shape.first},${shape.first === 'true' ? 'false' : 'true'}|}`;
    case 'fixed': return String(shape.value);
    case 'number': return `\${${tab}:${snippetEscape(shape.placeholder)}}`;
    case 'string': return shape.choices ? `"\${${tab}|${shape.choices.map((c) => snippetEscape(c, true)).join(',')}|}"` : quoted(shape.placeholder);
    case 'stringList': return `[${quoted(shape.placeholder)}]`;
    case 'stringMap': return '{$1}';
    case 'objectList': return '[\n\t{\n\t\t$0\n\t}\n]';
    case 'object':
      if (!shape.fields) return '{\n\t$0\n}';
      return `{\n${shape.fields.map(([k, v]) => `${indent}\t"${k}": ${jsonValueText(v, `${indent}\t`)}`).join(',\n')}\n${indent}}`;
  }
}
