/**
 * "Migrate this config to Centrifugo v6": rewrites a v5 config with the v5→v6 table
 * (v5-to-v6.tsv, via catalog/options.ts) and lists what it could not carry over. Keys keep the
 * order of their first appearance; values are converted to the v6 type where v5 read them
 * loosely (`"port": "8000"` → 8000, a comma-separated host list → an array). The new text is in
 * the file's own format (migrationText.ts); the whole file is rewritten, so the comments of a YAML
 * or TOML file are not in it, and the result says how many there were (a JSON config for
 * Centrifugo has none: encoding/json refuses them).
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import { type PathPart, childOptions, optionAt, patternOf, v6TargetsOf } from '../catalog/options';
import type { ConfigModel } from '../model';
import { type Node, getNodeValue } from '../model/tree';
import { formatPath } from '../catalog/locations';
import { commentCount, writeConfig } from './migrationText';

export interface NotCarried {
  /** The v5 path as written (`namespaces[0].proxy_cache_empty`). */
  readonly path: string;
  readonly reason: string;
}

export interface Migration {
  readonly text: string;
  readonly edit: TextEdit;
  readonly notCarried: readonly NotCarried[];
  /** Comments of the original (YAML, TOML) that the rewritten text does not have. */
  readonly droppedComments: number;
}

const FORMAT_NAMES = { json: 'JSON', yaml: 'YAML', toml: 'TOML' } as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A v6 pattern with `[]` filled by the v5 item indexes, in order. */
function concrete(pattern: string, indexes: readonly number[]): PathPart[] | undefined {
  const out: PathPart[] = [];
  let next = 0;
  for (const part of pattern.split('.')) {
    if (part.endsWith('[]')) {
      if (next >= indexes.length) return undefined;
      out.push(part.slice(0, -2), indexes[next++]);
    } else {
      out.push(part);
    }
  }
  return out;
}

/** Turn a value v5 read loosely into what v6's decoder wants for the target's kind. */
function convert(value: Json, v6Pattern: string): Json {
  const option = optionAt('v6', v6Pattern);
  if (!option) return value;
  if ((option.kind === 'int' || option.kind === 'uint') && typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  if (option.kind === 'stringList' && typeof value === 'string') {
    return value.split(option.key.includes('whitelist') ? ',' : /[,\s]+/).map((s) => s.trim()).filter((s) => s !== '');
  }
  if (option.kind === 'bool' && typeof value === 'string' && /^(true|false|1|0)$/i.test(value)) return /^(true|1)$/i.test(value);
  if (option.kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  return value;
}

class Builder {
  readonly root: JsonObject = {};
  readonly notCarried: NotCarried[] = [];
  private readonly setBy = new Map<string, string>();

  set(path: readonly PathPart[], value: Json, from: string): void {
    const key = formatPath(path);
    const earlier = this.setBy.get(key);
    if (earlier !== undefined) {
      this.notCarried.push({ path: from, reason: `\`${key}\` already takes the value of \`${earlier}\`` });
      return;
    }
    let node: Json = this.root;
    for (let i = 0; i < path.length - 1; i++) {
      const part = path[i];
      const nextIsIndex = typeof path[i + 1] === 'number';
      const container = node as JsonObject & Json[];
      let child: Json | undefined = (container as Record<string | number, Json>)[part as string];
      if (child === undefined || child === null || typeof child !== 'object') {
        child = nextIsIndex ? [] : {};
        if (typeof part === 'number') {
          const list = node as Json[];
          while (list.length < part) list.push({});
          list[part] = child;
        } else {
          (node as JsonObject)[part] = child;
        }
      }
      node = child;
    }
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      const list = node as Json[];
      while (list.length < last) list.push({});
      list[last] = value;
    } else {
      (node as JsonObject)[last] = value;
    }
    this.setBy.set(key, from);
  }

  /** The v5 path (as written) that gave the v6 path `v6`, or a value inside it. */
  sourceOf(v6: string): string {
    for (let path = v6; ;) {
      const from = this.setBy.get(path);
      if (from !== undefined) return from + v6.slice(path.length);
      const shorter = path.replace(/(?:\.[^.[\]]*|\[\d+\])$/, '');
      if (shorter === path) return v6;
      path = shorter;
    }
  }
}

/** Every property of a v5 object, walked in order; objects the v5 table describes field by field are entered. */
function walk(builder: Builder, node: Node, v5Path: PathPart[], indexes: number[]): void {
  for (const prop of node.children ?? []) {
    const keyNode = prop.children?.[0];
    const valueNode = prop.children?.[1];
    if (!keyNode || typeof keyNode.value !== 'string' || !valueNode) continue;
    const path = [...v5Path, keyNode.value];
    const pattern = patternOf(path);
    const written = formatPath(path);
    const hasFields = childOptions('v5', path.map((p) => (typeof p === 'number' ? 0 : p))).length > 0;
    if (valueNode.type === 'object' && hasFields && optionAt('v5', pattern)?.kind !== 'stringMap') {
      walk(builder, valueNode, path, indexes);
      continue;
    }
    const itemsHaveFields = childOptions('v5', [...path, 0]).length > 0;
    if (valueNode.type === 'array' && itemsHaveFields) {
      (valueNode.children ?? []).forEach((item, i) => {
        if (item.type === 'object') walk(builder, item, [...path, i], [...indexes, i]);
        else builder.notCarried.push({ path: `${written}[${i}]`, reason: 'an item that is not an object' });
      });
      continue;
    }
    const v5Option = optionAt('v5', pattern);
    const scalarKinds = ['bool', 'int', 'uint', 'float', 'string', 'duration', 'pem'];
    if (v5Option && scalarKinds.includes(v5Option.kind) && (valueNode.type === 'object' || valueNode.type === 'array')) {
      // v5 read a value of the wrong shape as a zero value: there is nothing to carry over.
      builder.notCarried.push({ path: written, reason: `v5 reads ${valueNode.type === 'object' ? 'an object' : 'an array'} here as an empty value, so it never took effect` });
      continue;
    }
    const targets = v6TargetsOf(pattern);
    if (targets.length === 0) {
      builder.notCarried.push({ path: written, reason: optionAt('v5', pattern) ? 'no v6 equivalent' : 'not a Centrifugo v5 option' });
      continue;
    }
    const places = targets.filter((m) => m.v6Path);
    if (places.length === 0) {
      builder.notCarried.push({ path: written, reason: targets[0].note || 'no v6 equivalent' });
      continue;
    }
    const value = getNodeValue(valueNode) as Json;
    for (const target of places) {
      const v6 = concrete(target.v6Path as string, indexes);
      if (!v6) {
        builder.notCarried.push({ path: written, reason: `no single place for it in \`${target.v6Path}\`` });
        continue;
      }
      builder.set(v6, convert(value, target.v6Path as string), written);
    }
  }
}

/** v5 `broker: nats` replaced the engine's PUB/SUB; in v6 the broker section must also be enabled. */
function finish(builder: Builder): void {
  const broker = builder.root.broker;
  if (broker && typeof broker === 'object' && !Array.isArray(broker) && 'type' in broker && broker.type !== '' && !('enabled' in broker)) {
    broker.enabled = true;
  }
}

export function migrateToV6(model: ConfigModel): Migration | { readonly error: string } {
  const format = model.tree.format;
  const name = FORMAT_NAMES[format];
  const root = model.root;
  if (model.syntaxProblems.some((p) => p.kind === 'syntax' || p.kind === 'too-deep')) return { error: `Fix the ${name} syntax errors first: the migration needs the whole file.` };
  if (!root || root.type !== 'object') return { error: `The file has no top-level ${format === 'yaml' ? 'mapping' : format === 'toml' ? 'table' : 'object'} to migrate.` };
  const builder = new Builder();
  walk(builder, root, [], []);
  finish(builder);
  const written = writeConfig(builder.root, format);
  if (!written) return { error: `The migrated config could not be written as ${name} that reads back the same; nothing was changed.` };
  for (const path of written.leftOut) builder.notCarried.push({ path: builder.sourceOf(path), reason: `${name} has no null, so it is left out` });
  const doc = model.document;
  const edit: TextEdit = { range: Range.create(doc.positionAt(0), doc.positionAt(doc.getText().length)), newText: written.text };
  return { text: written.text, edit, notCarried: builder.notCarried, droppedComments: commentCount(doc.getText(), format) };
}
