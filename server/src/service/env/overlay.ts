/**
 * Applies the environment to a config tree the way Centrifugo does, so every feature downstream
 * (TLS blocks, sources, pairs, load-plan switches, lenses) sees the config Centrifugo runs with.
 *
 * v6 applies variables after the file (`internal/config/config.go:226`@v6.9.1): first the
 * top-level struct (whole named arrays included), then the items of the named arrays by name
 * (lines 232-265), which reach only items that exist. An empty value changes nothing
 * (`envconfig.go:277`). A value that does not parse is not applied: Centrifugo would not start,
 * and the env file says so.
 *
 * The tree is the format-neutral one (type, offset, length, parent, children, value). Nodes made
 * here carry the offset of the nearest node the file has (the overridden value, or the key of
 * the closest existing ancestor), so positions stay inside the config; `nodes` says which are ours.
 */
import { ConfigNode as Node } from '../model/tree';
import type { ConfigLookup, Scalar } from '../model/lookup';
import type { MajorVersion, OptionInfo, PathPart } from '../catalog/options';
import { ENV_PREFIX, envItemName, optionOfEnvName } from './names';
import type { EnvVariable } from './sources';
import { type EnvJson, parseEnvValue } from './values';

export interface AppliedVariable {
  readonly variable: EnvVariable;
  readonly option: OptionInfo;
  readonly path: readonly PathPart[];
  /** Contract path: `proxies[2].grpc.tls.cert_pem`. */
  readonly contractPath: string;
  /** The file's value that the variable replaces; undefined when the file has none. */
  readonly replaced?: Node;
  /** The value node the variable puts in the tree. */
  readonly node: Node;
}

export type SkipReason = 'unknown-name' | 'no-such-item' | 'bad-value' | 'empty' | 'value-unknown';

export interface SkippedVariable {
  readonly variable: EnvVariable;
  readonly reason: SkipReason;
  readonly option?: OptionInfo;
}

export interface EnvOverlay {
  readonly applied: readonly AppliedVariable[];
  readonly skipped: readonly SkippedVariable[];
  /** Applied variables by contract path, and of every path below an applied whole array or map. */
  readonly byPath: ReadonlyMap<string, AppliedVariable>;
  /** Every node made from a variable. */
  readonly nodes: ReadonlyMap<Node, AppliedVariable>;
}

export function contractPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** The first variable of a name wins: pass them highest precedence first. */
export function effectiveVariables(variables: Iterable<EnvVariable>): EnvVariable[] {
  const seen = new Map<string, EnvVariable>();
  for (const v of variables) if (!seen.has(v.name)) seen.set(v.name, v);
  return [...seen.values()];
}

function childProperty(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  // The last duplicate is the one Go keeps; viper lower-cases keys.
  let found: Node | undefined;
  for (const prop of object.children ?? []) if (String(prop.children?.[0]?.value ?? '').toLowerCase() === key) found = prop;
  return found;
}

function valueAt(root: Node | undefined, path: readonly PathPart[]): Node | undefined {
  let node = root;
  for (const part of path) {
    if (!node) return undefined;
    node = typeof part === 'number' ? (node.type === 'array' ? node.children?.[part] : undefined) : childProperty(node, part)?.children?.[1];
  }
  return node;
}

/** Names of a named array's items in the tree (`proxies` → ['auth', 'chat']). */
export function itemNamesOf(root: Node | undefined, arrayPattern: string): string[] {
  const array = valueAt(root, arrayPattern.split('.'));
  if (array?.type !== 'array') return [];
  return (array.children ?? []).map((item) => {
    const v = childProperty(item, 'name')?.children?.[1]?.value;
    return typeof v === 'string' ? v : '';
  });
}

function makeNode(json: EnvJson, offset: number, length: number, parent: Node | undefined): Node {
  if (Array.isArray(json)) {
    const node = new Node('array', offset, length, parent, [], undefined);
    node.children = json.map((item) => makeNode(item, offset, length, node));
    return node;
  }
  if (json !== null && typeof json === 'object') {
    const node = new Node('object', offset, length, parent, [], undefined);
    node.children = Object.entries(json).map(([key, value]) => makeProperty(key, value, offset, length, node));
    return node;
  }
  const type = json === null ? 'null' : typeof json === 'boolean' ? 'boolean' : typeof json === 'number' ? 'number' : 'string';
  return new Node(type, offset, length, parent, undefined, json);
}

function makeProperty(key: string, value: EnvJson, offset: number, length: number, parent: Node): Node {
  const property = new Node('property', offset, length, parent, [], undefined);
  property.children = [new Node('string', offset, length, property, undefined, key), makeNode(value, offset, length, property)];
  return property;
}

/**
 * Puts `json` at `path`, creating the objects on the way. Returns the new value node and the one
 * it replaced; undefined when the path runs through something that is not an object.
 */
function setAt(root: Node, path: readonly PathPart[], json: EnvJson): { node: Node; replaced?: Node } | undefined {
  let holder = root;
  let anchor: { offset: number; length: number } = { offset: root.offset, length: 0 };
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    if (typeof part === 'number') {
      const item = holder.type === 'array' ? holder.children?.[part] : undefined;
      if (!item || last) return undefined;
      holder = item;
      anchor = item;
      continue;
    }
    if (holder.type !== 'object') return undefined;
    const prop = childProperty(holder, part);
    if (prop) {
      anchor = prop.children?.[0] ?? prop;
      if (last) {
        const old = prop.children?.[1];
        const at = old ?? anchor;
        const node = makeNode(json, at.offset, at.length, prop);
        prop.children = [prop.children![0]!, node];
        return { node, ...(old ? { replaced: old } : {}) };
      }
      const next = prop.children?.[1];
      if (!next) return undefined;
      if (next.type !== 'object' && next.type !== 'array') return undefined;
      holder = next;
      continue;
    }
    // The file lacks this key: a property anchored at the closest key the file has.
    const rest = path.slice(i + 1);
    let value: EnvJson = json;
    for (let j = rest.length - 1; j >= 0; j--) value = { [rest[j] as string]: value };
    if (rest.some((p) => typeof p === 'number')) return undefined;
    // Length 0 at the closest key the file has, first among its siblings: offsets stay in order.
    const property = makeProperty(part, value, anchor.offset, 0, holder);
    holder.children = [property, ...(holder.children ?? [])];
    let node = property.children![1]!;
    for (let j = 0; j < rest.length; j++) node = node.children!.find((c) => c.children?.[0]?.value === rest[j])!.children![1]!;
    return { node };
  }
  return undefined;
}

function concretePath(option: OptionInfo, itemIndex: number | undefined): PathPart[] {
  const out: PathPart[] = [];
  for (const seg of option.path.split('.')) {
    if (seg.endsWith('[]')) {
      out.push(seg.slice(0, -2));
      if (itemIndex === undefined) return [];
      out.push(itemIndex);
    } else {
      out.push(seg);
    }
  }
  return out;
}

/**
 * Applies `variables` (already one per name, see effectiveVariables) to `root` in place.
 * Names without the prefix are ignored: Centrifugo reads only `CENTRIFUGO_*`.
 */
export function applyEnvOverlay(root: Node | undefined, version: MajorVersion, variables: readonly EnvVariable[]): EnvOverlay {
  const applied: AppliedVariable[] = [];
  const skipped: SkippedVariable[] = [];
  const byPath = new Map<string, AppliedVariable>();
  const nodes = new Map<Node, AppliedVariable>();
  if (!root || root.type !== 'object') return { applied, skipped, byPath, nodes };
  const ours = variables.filter((v) => v.name.startsWith(ENV_PREFIX));
  const targets = ours.map((variable) => ({ variable, target: optionOfEnvName(version, variable.name, (a) => itemNamesOf(root, a)) }));
  // Top-level struct first (whole arrays included), then named items (config.go:226 then 232-265).
  const ordered = [...targets.filter((t) => !t.target?.array), ...targets.filter((t) => t.target?.array)];
  for (const { variable, target } of ordered) {
    if (!target) { skipped.push({ variable, reason: 'unknown-name' }); continue; }
    const { option } = target;
    if (variable.value === undefined) { skipped.push({ variable, reason: 'value-unknown', option }); continue; }
    if (variable.value === '') { skipped.push({ variable, reason: 'empty', option }); continue; }
    const parsed = parseEnvValue(version, option, variable.value);
    if (!parsed.ok) { skipped.push({ variable, reason: 'bad-value', option }); continue; }
    let itemIndex: number | undefined;
    if (target.array) {
      itemIndex = itemNamesOf(root, target.array).findIndex((n) => n !== '' && envItemName(n) === target.itemEnvName);
      if (itemIndex < 0) { skipped.push({ variable, reason: 'no-such-item', option }); continue; }
    }
    const path = concretePath(option, itemIndex);
    let json = parsed.value;
    if (parsed.form === 'names') {
      // Space-separated names append items to the file's (types.go:800-809).
      const existing = valueAt(root, path);
      json = [...(existing?.type === 'array' ? (existing.children ?? []).map(nodeToJson) : []), ...(json as EnvJson[])];
    }
    const set = setAt(root, path, json);
    if (!set) { skipped.push({ variable, reason: 'bad-value', option }); continue; }
    const entry: AppliedVariable = { variable, option, path, contractPath: contractPath(path), node: set.node, ...(set.replaced ? { replaced: set.replaced } : {}) };
    applied.push(entry);
    byPath.set(entry.contractPath, entry);
    markNodes(set.node, entry, nodes);
  }
  return { applied, skipped, byPath, nodes };
}

function markNodes(node: Node, entry: AppliedVariable, nodes: Map<Node, AppliedVariable>): void {
  nodes.set(node, entry);
  for (const child of node.children ?? []) markNodes(child, entry, nodes);
}

function nodeToJson(node: Node): EnvJson {
  if (node.type === 'array') return (node.children ?? []).map(nodeToJson);
  if (node.type === 'object') {
    const out: { [key: string]: EnvJson } = {};
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0]?.value;
      const value = prop.children?.[1];
      if (typeof key === 'string' && value) out[key] = nodeToJson(value);
    }
    return out;
  }
  return (node.value ?? null) as EnvJson;
}

/**
 * The load plan's overlay hook (model/lookup.ts): values the environment set, marked as such.
 * Paths match case-insensitively, as viper does.
 */
export function envLookup(overlay: EnvOverlay): ConfigLookup {
  return (path) => {
    const applied = overlay.byPath.get(contractPath(path.map((p) => (typeof p === 'string' ? p.toLowerCase() : p))));
    if (!applied) return undefined;
    const node = applied.node;
    if (node.type === 'object') return { kind: 'object', origin: 'env', envName: applied.variable.name };
    if (node.type === 'array') return { kind: 'array', length: node.children?.length ?? 0, origin: 'env', envName: applied.variable.name };
    return { kind: 'scalar', value: node.type === 'null' ? null : (node.value as Scalar), origin: 'env', envName: applied.variable.name };
  };
}
