/**
 * Completion for every option outside TLS blocks (those keep the TLS completion): the keys valid
 * in the object or array item at the cursor, with type, default and a snippet, and values —
 * enumerations, booleans, duration examples, and names defined elsewhere in the file (a
 * namespace's `subscribe_proxy_name` offers the `proxies[].name` values).
 */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { type OptionInfo, childOptions, lookupOption } from '../catalog/options';
import { describeOption } from '../catalog/descriptions';
import type { ConfigModel } from '../model';
import { nameDefinitions, referenceKindOfKey } from '../model/names';
import type { PathSegment } from '../model/tree';
import { versionSpecOf } from '../model/version';
import { typeWords } from './diagnostics/valueRules';
import { optionMarkdown } from './optionHover';
import { keyItemEdit, type KeySyntax, type ValueShape } from './completionSyntax';

function escape(text: string): string {
  return text.replace(/[$}\\|,]/g, (c) => `\\${c}`);
}

/** The snippet for a value of `option`, its default pre-filled where it has one. */
export function valueSnippet(option: OptionInfo): string {
  const d = option.defaultValue;
  switch (option.kind) {
    case 'bool': return d === 'true' ? '${1|true,false|}' : '${1|false,true|}';
    case 'int': case 'uint': case 'float': return `\${1:${d === '' ? '0' : escape(d)}}`;
    case 'duration': return `"\${1:${d === '' || d === '0' ? '1s' : escape(d)}}"`;
    case 'string': case 'pem':
      if (option.enumValues) {
        const values = option.enumValues.filter((v) => v !== '');
        return `"\${1|${values.map(escape).join(',')}|}"`;
      }
      return d === '' ? '"$1"' : `"\${1:${escape(d)}}"`;
    case 'stringList': return d === '' || d === '[]' ? '["$1"]' : `["\${1:${escape(d)}}"]`;
    case 'stringMap': return '{$1}';
    case 'object': return '{\n\t$0\n}';
    case 'objectList': return '[\n\t{\n\t\t$0\n\t}\n]';
  }
}

/** The same value as `valueSnippet`, as a shape the YAML and TOML writers spell in their syntax. */
export function valueShape(option: OptionInfo): ValueShape {
  const d = option.defaultValue;
  switch (option.kind) {
    case 'bool': return { kind: 'bool', first: d === 'true' ? 'true' : 'false' };
    case 'int': case 'uint': case 'float': return { kind: 'number', placeholder: d === '' ? '0' : d };
    // A duration is written as text ("1s"): the loader turns strings into durations
    // (mapstructure.StringToTimeDurationHookFunc, internal/config/config.go:171@v6.9.1).
    case 'duration': return { kind: 'string', placeholder: d === '' || d === '0' ? '1s' : d };
    case 'string': case 'pem':
      if (option.enumValues) return { kind: 'string', choices: option.enumValues.filter((v) => v !== '') };
      return { kind: 'string', placeholder: d === '' ? undefined : d };
    case 'stringList': return { kind: 'stringList', placeholder: d === '' || d === '[]' ? undefined : d };
    case 'stringMap': return { kind: 'stringMap' };
    case 'object': return { kind: 'object' };
    case 'objectList': return { kind: 'objectList' };
  }
}

export interface KeyRequest {
  readonly objectPath: readonly PathSegment[];
  readonly present: ReadonlySet<string>;
  /** Keys another completion source already offers (TLS block keys, v5 flat TLS keys). */
  readonly skip: ReadonlySet<string>;
  readonly range: Range;
  readonly syntax: KeySyntax;
}

export function optionKeyItems(model: ConfigModel, request: KeyRequest): CompletionItem[] {
  const version = versionSpecOf(model.version);
  const items: CompletionItem[] = [];
  for (const option of childOptions(version, request.objectPath)) {
    if (option.hidden || request.present.has(option.key) || request.skip.has(option.key)) continue;
    const isSection = option.kind === 'object' || option.kind === 'objectList';
    const summary = describeOption(option);
    items.push({
      label: option.key,
      kind: isSection ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: `${typeWords(option)}${option.defaultValue !== '' && !isSection ? ` · default ${option.defaultValue}` : ''}${summary ? ` · ${summary}` : ''}`,
      documentation: { kind: 'markdown', value: optionMarkdown(option) },
      ...keyItemEdit(request.syntax, request.range, option.key, valueSnippet(option), valueShape(option)),
      // After the TLS items (0_/1_/2_/3_): described, most-set options first.
      sortText: `${summary ? '4' : '5'}_${option.key}`,
    });
  }
  return items;
}

/** The catalog path of a tree path: an array of objects the tree does not have yet still has an item. */
function withItemIndexes(version: ReturnType<typeof versionSpecOf>, path: readonly PathSegment[]): PathSegment[] {
  const out: PathSegment[] = [];
  for (let i = 0; i < path.length; i++) {
    out.push(path[i]);
    if (typeof path[i] === 'string' && typeof path[i + 1] !== 'number') {
      const found = lookupOption(version, out);
      if (found.status === 'option' && found.option.kind === 'objectList') out.push(0);
    }
  }
  return out;
}

function holdsObjectList(version: ReturnType<typeof versionSpecOf>, path: readonly PathSegment[], depth = 0): boolean {
  if (depth > 6) return false;
  return childOptions(version, path).some((o) => !o.hidden && (o.kind === 'objectList' || (o.kind === 'object' && holdsObjectList(version, [...path, o.key], depth + 1))));
}

export interface HeaderRequest {
  /** The path the typed dotted key names (the table the new header goes under). */
  readonly containerPath: readonly PathSegment[];
  readonly brackets: '[' | '[[';
  /** The header's text before the word as written (`[http_server.`), so the editor's filter matches. */
  readonly typedBefore: string;
  /** The dotted key typed before the word, as written, kept in the new header. */
  readonly typedPrefix: string;
  readonly range: Range;
}

/**
 * TOML table headers: the sections of the catalog under the typed path. `[` names a table (or an
 * array of tables, written `[[...]]`); `[[` names an array of tables, or a table on the way to one.
 */
export function optionHeaderItems(model: ConfigModel, request: HeaderRequest): CompletionItem[] {
  const version = versionSpecOf(model.version);
  const items: CompletionItem[] = [];
  const path = withItemIndexes(version, request.containerPath);
  for (const option of childOptions(version, path)) {
    if (option.hidden || (option.kind !== 'object' && option.kind !== 'objectList' && option.kind !== 'stringMap')) continue;
    const name = /^[A-Za-z0-9_-]+$/.test(option.key) ? option.key : JSON.stringify(option.key);
    const full = `${request.typedPrefix}${name}`;
    let newText: string;
    let retrigger = false;
    if (option.kind === 'objectList') newText = `[[${full}]]`;
    else if (request.brackets === '[') newText = `[${full}]`;
    else if (option.kind === 'object' && holdsObjectList(version, [...path, option.key])) { newText = `[[${full}.`; retrigger = true; }
    else continue;
    const summary = describeOption(option);
    items.push({
      label: option.key,
      kind: CompletionItemKind.Module,
      detail: `${typeWords(option)}${summary ? ` · ${summary}` : ''}`,
      documentation: { kind: 'markdown', value: optionMarkdown(option) },
      textEdit: { range: request.range, newText },
      filterText: `${request.typedBefore}${option.key}`,
      sortText: `${summary ? '4' : '5'}_${option.key}`,
      ...(retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    });
  }
  return items;
}

const DURATIONS = ['1s', '5s', '10s', '30s', '1m', '5m', '1h', '500ms'];

/** `quote` writes a string value in the file's syntax (JSON and TOML: a quoted string; YAML: plain where it reads the same). */
export function optionValueItems(
  model: ConfigModel, path: readonly PathSegment[], range: Range, quote: (value: string) => string = JSON.stringify,
): CompletionItem[] {
  const found = lookupOption(versionSpecOf(model.version), path);
  if (found.status !== 'option') return [];
  const option = found.option;
  const item = (label: string, newText: string, detail: string, sort: string): CompletionItem => ({
    label, kind: CompletionItemKind.Value, detail, textEdit: { range, newText }, filterText: newText, sortText: sort,
  });
  const refKind = referenceKindOfKey(model.version.version, option.key);
  if (refKind && (option.kind === 'string')) {
    const names = [...new Set(nameDefinitions(model.root, model.version.version).filter((d) => d.kind === refKind).map((d) => d.name))];
    const out = names.map((n, i) => item(n, quote(n), `defined ${refKind === 'proxy' ? 'proxy' : 'namespace'} in this file`, `0_${String(i).padStart(4, '0')}`));
    if (refKind === 'proxy' && model.version.version === 'v6') {
      out.push(item('default', quote('default'), 'the proxy block under channel.proxy / rpc.proxy', '1_default'));
    }
    return out;
  }
  switch (option.kind) {
    case 'bool':
      return ['true', 'false'].map((v) => item(v, v, v === (option.defaultValue || 'false') ? 'default' : '', v === (option.defaultValue || 'false') ? '0' : '1'));
    case 'duration': {
      const values = [...new Set([option.defaultValue, ...DURATIONS].filter((v) => v !== '' && v !== '0'))];
      return values.map((v, i) => item(v, quote(v), v === option.defaultValue ? 'default' : 'Go duration', `${i === 0 && v === option.defaultValue ? '0' : '1'}_${String(i).padStart(2, '0')}`));
    }
    default:
      if (option.enumValues) {
        return option.enumValues.filter((v) => v !== '').map((v, i) => item(v, quote(v), v === option.defaultValue ? 'default' : '', `0_${String(i).padStart(2, '0')}`));
      }
      return [];
  }
}
