/**
 * Completion for every option outside TLS blocks (those keep the TLS completion): the keys valid
 * in the object or array item at the cursor, with type, default and a snippet, and values —
 * enumerations, booleans, duration examples, and names defined elsewhere in the file (a
 * namespace's `subscribe_proxy_name` offers the `proxies[].name` values).
 */
import { CompletionItemKind, type CompletionItem, InsertTextFormat, type Range } from 'vscode-languageserver-types';
import { type OptionInfo, childOptions, lookupOption } from '../catalog/options';
import { describeOption } from '../catalog/descriptions';
import type { ConfigModel } from '../model';
import { nameDefinitions, referenceKindOfKey } from '../model/names';
import type { PathSegment } from '../model/tree';
import { versionSpecOf } from '../model/version';
import { typeWords } from './diagnostics/valueRules';
import { optionMarkdown } from './optionHover';

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

export interface KeyRequest {
  readonly objectPath: readonly PathSegment[];
  readonly present: ReadonlySet<string>;
  /** Keys another completion source already offers (TLS block keys, v5 flat TLS keys). */
  readonly skip: ReadonlySet<string>;
  readonly range: Range;
  readonly separatorBefore: string;
  readonly separatorAfter: string;
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
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: request.range, newText: `${request.separatorBefore}"${option.key}": ${valueSnippet(option)}${request.separatorAfter}` },
      filterText: `"${option.key}"`,
      // After the TLS items (0_/1_/2_/3_): described, most-set options first.
      sortText: `${summary ? '4' : '5'}_${option.key}`,
    });
  }
  return items;
}

const DURATIONS = ['1s', '5s', '10s', '30s', '1m', '5m', '1h', '500ms'];

export function optionValueItems(model: ConfigModel, path: readonly PathSegment[], range: Range): CompletionItem[] {
  const found = lookupOption(versionSpecOf(model.version), path);
  if (found.status !== 'option') return [];
  const option = found.option;
  const item = (label: string, newText: string, detail: string, sort: string): CompletionItem => ({
    label, kind: CompletionItemKind.Value, detail, textEdit: { range, newText }, filterText: newText, sortText: sort,
  });
  const refKind = referenceKindOfKey(model.version.version, option.key);
  if (refKind && (option.kind === 'string')) {
    const names = [...new Set(nameDefinitions(model.root, model.version.version).filter((d) => d.kind === refKind).map((d) => d.name))];
    const out = names.map((n, i) => item(n, JSON.stringify(n), `defined ${refKind === 'proxy' ? 'proxy' : 'namespace'} in this file`, `0_${String(i).padStart(4, '0')}`));
    if (refKind === 'proxy' && model.version.version === 'v6') {
      out.push(item('default', '"default"', 'the proxy block under channel.proxy / rpc.proxy', '1_default'));
    }
    return out;
  }
  switch (option.kind) {
    case 'bool':
      return ['true', 'false'].map((v) => item(v, v, v === (option.defaultValue || 'false') ? 'default' : '', v === (option.defaultValue || 'false') ? '0' : '1'));
    case 'duration': {
      const values = [...new Set([option.defaultValue, ...DURATIONS].filter((v) => v !== '' && v !== '0'))];
      return values.map((v, i) => item(v, JSON.stringify(v), v === option.defaultValue ? 'default' : 'Go duration', `${i === 0 && v === option.defaultValue ? '0' : '1'}_${String(i).padStart(2, '0')}`));
    }
    default:
      if (option.enumValues) {
        return option.enumValues.filter((v) => v !== '').map((v, i) => item(v, JSON.stringify(v), v === option.defaultValue ? 'default' : '', `0_${String(i).padStart(2, '0')}`));
      }
      return [];
  }
}
