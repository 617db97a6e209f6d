/**
 * Completion inside TLS and autocert blocks (fields not yet present, with snippets), for values
 * (booleans, file paths near the config), and for block keys where a TLS block may stand;
 * everywhere else the whole-config catalog's keys and values (optionCompletion.ts).
 */
import * as path from 'node:path';
import { getLocation, type Location as JsonLocation } from 'jsonc-parser';
import { findNodeAtLocation, findNodeAtOffset, getNodePath } from '../model/tree';
import {
  CompletionItemKind, type CompletionItem, type CompletionList, InsertTextFormat, type Position, Range,
} from 'vscode-languageserver-types';
import { baseDirectory, type FeatureContext, resolveAgainst } from '../context';
import { FORMS, type FieldSpec, type FormId } from '../catalog/fields';
import { FLAT_FAMILIES, type ObjectLocation, describeLocation, matchesSegments } from '../catalog/locations';
import { roleDescription, typeLabel } from '../catalog/docs';
import { blockKeysUnder, type PathSegment, type TlsBlock } from '../model/blocks';
import type { ConfigModel } from '../model';
import { blockAtPath, flatBlockWithKey } from '../model/position';
import { fieldDocumentation, locationDocumentation } from './hover';
import { optionHeaderItems, optionKeyItems, optionValueItems } from './optionCompletion';
import { isLoadableCertificateName } from '../catalog/certificateFiles';
import { jsonValueText, keyItemEdit, type KeySyntax, stringValue, type ValueShape } from './completionSyntax';
import { locateInText } from './completionCursor';
import type { ConfigFormat } from '../model/tree';

export async function doComplete(ctx: FeatureContext, position: Position): Promise<CompletionList> {
  const { model } = ctx;
  const empty: CompletionList = { isIncomplete: false, items: [] };
  if (!model.recognition.isCentrifugo) return empty;
  const text = model.document.getText();
  const offset = model.document.offsetAt(position);
  const format = model.tree.format;
  if (format !== 'json') {
    // YAML and TOML: the same items, written in the file's own syntax.
    const cursor = locateInText(format, model.root, text, offset);
    if (!cursor) return empty;
    if (cursor.header) {
      const header = cursor.header;
      return { isIncomplete: false, items: optionHeaderItems(model, {
        containerPath: cursor.place.tablePath, brackets: header.brackets, typedPrefix: header.typedPrefix,
        typedBefore: text.slice(header.start, cursor.start),
        range: Range.create(model.document.positionAt(header.start), model.document.positionAt(header.end)),
      }) };
    }
    const range = Range.create(model.document.positionAt(cursor.start), model.document.positionAt(cursor.end));
    const written = cursor.place.inline?.present;
    const items = cursor.isAtPropertyKey
      ? keyCompletions(ctx, cursor.path.slice(0, -1) as PathSegment[], range, { format, place: cursor.place })
        // An inline table being typed is often not valid TOML yet: its keys come from the line.
        .filter((item) => !written?.includes(item.label))
      : await valueCompletions(ctx, cursor.path as PathSegment[], range, cursor.typed, format);
    if (!cursor.valueLead) return { isIncomplete: false, items };
    return { isIncomplete: false, items: items.map((item) => (item.textEdit && 'range' in item.textEdit ? { ...item, textEdit: { ...item.textEdit, newText: cursor.valueLead + item.textEdit.newText } } : item)) };
  }
  const location = locate(model, text, offset);
  if (location.isAtPropertyKey) return { isIncomplete: false, items: jsonKeyCompletions(ctx, location, offset, '') };
  const previous = location.previousNode;
  if (previous && previous.type !== 'property' && offset > previous.offset + previous.length) {
    // After a complete value with no comma yet (the user is about to add a key): complete the
    // next key of the same object and supply the missing comma.
    const nextKey: CursorLocation = { path: [...location.path.slice(0, -1), ''], isAtPropertyKey: true, previousNode: undefined };
    return { isIncomplete: false, items: jsonKeyCompletions(ctx, nextKey, offset, ', ') };
  }
  const typed = typeof previous?.value === 'string' ? previous.value : '';
  return { isIncomplete: false, items: await valueCompletions(ctx, location.path as PathSegment[], overwriteRange(ctx, location, offset), typed, 'json') };
}

function jsonKeyCompletions(ctx: FeatureContext, location: CursorLocation, offset: number, separatorBefore: string): CompletionItem[] {
  const range = overwriteRange(ctx, location, offset);
  const syntax: KeySyntax = { format: 'json', before: separatorBefore, after: separatorAfter(ctx, range) };
  return keyCompletions(ctx, location.path.slice(0, -1) as PathSegment[], range, syntax);
}

/** What completion needs of jsonc-parser's Location. */
export type CursorLocation = Pick<JsonLocation, 'path' | 'isAtPropertyKey' | 'previousNode'>;

/**
 * jsonc-parser's getLocation scans from the start of the text, which on a 20 MB config is most
 * of a completion's time. Scan only the innermost object around the cursor (found in the tree we
 * already have) and put its path in front. Broken text whose objects run to the end of the
 * document falls back to the whole scan, which is what recovers best there.
 */
export function locate(model: ConfigModel, text: string, offset: number): CursorLocation {
  const root = model.root;
  let container = root ? findNodeAtOffset(root, offset, true) : undefined;
  while (container && !(container.type === 'object' && offset > container.offset && offset < container.offset + container.length - 1)) {
    container = container.parent;
  }
  if (!container || container === root || text[container.offset + container.length - 1] !== '}') return getLocation(text, offset);
  const inner = getLocation(text.slice(container.offset, container.offset + container.length), offset - container.offset);
  const previous = inner.previousNode;
  return {
    path: [...getNodePath(container), ...inner.path],
    isAtPropertyKey: inner.isAtPropertyKey,
    previousNode: previous ? { ...previous, offset: previous.offset + container.offset } : undefined,
  };
}

/** The replace range for what the user already typed of a key or value (a string token under the cursor). */
function overwriteRange(ctx: FeatureContext, location: CursorLocation, offset: number): Range {
  const doc = ctx.model.document;
  const node = location.previousNode;
  if (node && offset >= node.offset && offset <= node.offset + node.length && (node.type === 'string' || node.type === 'property' || node.type === 'boolean' || node.type === 'number' || node.type === 'null')) {
    return Range.create(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
  }
  // A bare word the user started without a quote.
  const text = doc.getText();
  let start = offset;
  while (start > 0 && /[\w.-]/.test(text[start - 1])) start--;
  return Range.create(doc.positionAt(start), doc.positionAt(offset));
}

/** A comma is needed after the inserted property when another property follows it. */
function separatorAfter(ctx: FeatureContext, range: Range): string {
  const text = ctx.model.document.getText();
  let i = ctx.model.document.offsetAt(range.end);
  while (i < text.length && /\s/.test(text[i])) i++;
  return text[i] === '"' ? ',' : '';
}

function fieldShape(spec: FieldSpec): ValueShape {
  if (spec.type === 'boolean') return { kind: 'bool', first: 'true' };
  if (spec.type === 'stringArray') return { kind: 'stringList' };
  return { kind: 'string' };
}

function fieldItem(ctx: FeatureContext, block: TlsBlock, spec: FieldSpec, realKey: string, range: Range, syntax: KeySyntax): CompletionItem {
  const shape = fieldShape(spec);
  return {
    label: realKey,
    kind: CompletionItemKind.Property,
    detail: `${typeLabel(spec)} · ${spec.summary}`,
    documentation: { kind: 'markdown', value: fieldDocumentation(ctx, block, spec, realKey) },
    ...keyItemEdit(syntax, range, realKey, jsonValueText(shape), shape),
    // Material first, then switches: the order a person fills a block in.
    sortText: `${spec.role === 'enabled' || spec.role === 'autocertEnabled' ? '0' : spec.source ? '1' : '2'}_${realKey}`,
  };
}

/** The block a TLS key item fills in: switched on, with the material its side needs. */
function skeleton(version: 'v5' | 'v6', location: ObjectLocation): ValueShape {
  const enabled = ['enabled', { kind: 'fixed', value: true }] as const;
  if (location.kind === 'autocert') {
    const host = 'realtime.example.com';
    return { kind: 'object', fields: [
      enabled,
      ['host_whitelist', version === 'v6' ? { kind: 'stringList', placeholder: host } : { kind: 'string', placeholder: host }],
      ['cache_dir', { kind: 'string', placeholder: '/var/lib/centrifugo/certs', tab: 2 }],
    ] };
  }
  const form: FormId = location.readBy[version] ?? 'tls-object-v6';
  const suffix = form === 'tls-object-v5' ? '_file' : '';
  if (location.side === 'client') return { kind: 'object', fields: [enabled, [`server_ca_pem${suffix}`, { kind: 'string' }]] };
  return { kind: 'object', fields: [
    enabled,
    [`cert_pem${suffix}`, { kind: 'string', placeholder: 'server.crt' }],
    [`key_pem${suffix}`, { kind: 'string', placeholder: 'server.key', tab: 2 }],
  ] };
}

function keyCompletions(ctx: FeatureContext, objectPath: PathSegment[], range: Range, syntax: KeySyntax): CompletionItem[] {
  const { model } = ctx;
  const version = model.version.version;
  const items: CompletionItem[] = [];

  const block = blockAtPath(model, objectPath) ?? emptyBlockAt(ctx, objectPath);
  if (block) {
    for (const spec of FORMS[block.form]) {
      if (!block.effective.has(spec.key)) items.push(fieldItem(ctx, block, spec, spec.key, range, syntax));
    }
    return items;
  }

  for (const loc of blockKeysUnder(objectPath, version)) {
    const key = loc.segments[loc.segments.length - 1];
    items.push({
      label: key,
      kind: CompletionItemKind.Module,
      detail: `TLS settings for ${describeLocation(loc.pattern)}${loc.since && loc.since !== 'v6.0.0' ? ` (since ${loc.since})` : ''}`,
      documentation: { kind: 'markdown', value: locationDocumentation(loc, version) },
      ...keyItemEdit(syntax, range, key, jsonValueText(skeleton(version, loc)), skeleton(version, loc)),
      sortText: `0_${key}`,
    });
  }

  // v5 flat keys: offered in the objects that hold them (top level, consumers[].kafka).
  const present = new Set(presentKeys(ctx, objectPath));
  if (version === 'v5') {
    for (const family of FLAT_FAMILIES) {
      if (!matchesSegments(objectPath, family.containerSegments)) continue;
      const pseudoBlock = model.blocks.find((b) => b.location === family);
      for (const spec of FORMS[family.form]) {
        const suffix = spec.key;
        const realKey = family.kind === 'autocert' ? suffix : family.prefix + suffix;
        if (family.kind === 'tls' && !family.keys.has(suffix)) continue;
        if (present.has(realKey)) continue;
        const item = fieldItem(ctx, pseudoBlock ?? flatPlaceholder(ctx, family), spec, realKey, range, syntax);
        items.push({ ...item, sortText: `3_${realKey}` });
      }
    }
  }
  // Every other option of the object or array item at the cursor (the whole-config catalog).
  const skip = new Set(items.map((i) => i.label));
  items.push(...optionKeyItems(model, { objectPath, present, skip, range, syntax }));
  return items;
}

/**
 * A TLS block whose key is written but holds nothing yet (YAML `tls:` reads as null; a TOML dotted
 * `tls.` before its first key): the model has no block there, but its fields are what comes next.
 */
function emptyBlockAt(ctx: FeatureContext, objectPath: readonly PathSegment[]): TlsBlock | undefined {
  const { model } = ctx;
  const key = objectPath[objectPath.length - 1];
  if (typeof key !== 'string' || !model.root) return undefined;
  const node = findNodeAtLocation(model.root, [...objectPath]);
  if (node && node.type !== 'null') return undefined;
  const version = model.version.version;
  const location = blockKeysUnder(objectPath.slice(0, -1), version).find((loc) => loc.segments[loc.segments.length - 1] === key);
  const form = location?.readBy[version];
  if (!location || !form) return undefined;
  return {
    kind: location.kind, location, segments: objectPath, path: location.pattern, form, isRead: true,
    node: node ?? model.root, keyNode: undefined, fields: [], effective: new Map(),
  };
}

/** A flat family with no key in the file yet still gets documented completion items. */
function flatPlaceholder(ctx: FeatureContext, family: (typeof FLAT_FAMILIES)[number]): TlsBlock {
  return {
    kind: family.kind, location: family, segments: [], path: family.prefix + 'tls', form: family.form, isRead: true,
    node: ctx.model.root!, keyNode: undefined, fields: [], effective: new Map(),
  };
}

function presentKeys(ctx: FeatureContext, objectPath: PathSegment[]): string[] {
  let node = ctx.model.root;
  for (const seg of objectPath) {
    if (!node) return [];
    if (typeof seg === 'number') node = node.type === 'array' ? node.children?.[seg] : undefined;
    else node = node.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === seg)?.children?.[1] : undefined;
  }
  if (!node || node.type !== 'object') return [];
  return (node.children ?? []).map((p) => p.children?.[0]?.value).filter((k): k is string => typeof k === 'string');
}

async function valueCompletions(ctx: FeatureContext, fieldPath: PathSegment[], range: Range, typed: string, format: ConfigFormat): Promise<CompletionItem[]> {
  const { model } = ctx;
  const key = fieldPath[fieldPath.length - 1];
  if (typeof key !== 'string') return [];
  const parent = fieldPath.slice(0, -1);
  const block = blockAtPath(model, parent) ?? flatBlockWithKey(model, parent, key);
  const spec = block?.effective.get(key)?.spec;
  if (!block || !spec) return optionValueItems(model, fieldPath, range, format === 'yaml' ? (v) => stringValue('yaml', v) : JSON.stringify);
  if (spec.type === 'boolean') {
    return ['true', 'false'].map((v) => ({
      label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v },
      documentation: { kind: 'markdown', value: roleDescription(spec.role, block.location.side) },
    }));
  }
  if (spec.source === 'file' || spec.source === 'detect' || spec.role === 'cacheDir') {
    return pathCompletions(ctx, typed, range, spec.role === 'cacheDir', format);
  }
  return [];
}

/** Files near the config, certificate-like ones first; follows what the user typed into sub-folders. */
async function pathCompletions(ctx: FeatureContext, typed: string, range: Range, directoriesOnly: boolean, format: ConfigFormat): Promise<CompletionItem[]> {
  if (ctx.document.readsFiles === false) return [];
  if (typed.includes('-----BEGIN')) return [];
  const slash = typed.lastIndexOf('/');
  const typedDir = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const base = baseDirectory(ctx.settings, ctx.document);
  const dir = path.isAbsolute(typedDir) ? typedDir : resolveAgainst(base, typedDir || '.');
  const entries = await ctx.env.readDirectory(dir);
  const items: CompletionItem[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const isDir = entry.kind === 'directory';
    if (directoriesOnly && !isDir) continue;
    const value = typedDir + entry.name + (isDir ? '/' : '');
    const certLike = !isDir && isLoadableCertificateName(entry.name);
    const written = format === 'yaml' ? stringValue('yaml', value) : JSON.stringify(value);
    const quoted = written.startsWith('"');
    items.push({
      label: entry.name + (isDir ? '/' : ''),
      kind: isDir ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: isDir ? 'folder' : certLike ? 'certificate or key file' : 'file',
      // A folder keeps the cursor inside the quotes so the next level can be suggested at once.
      ...(isDir
        ? { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: quoted ? `${snippetEscape(written.slice(0, -1))}$0"` : `${snippetEscape(written)}$0` } }
        : { textEdit: { range, newText: written } }),
      filterText: written,
      sortText: `${certLike ? '0' : isDir ? '1' : '2'}_${entry.name}`,
      ...(isDir ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    });
  }
  return items;
}

function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
