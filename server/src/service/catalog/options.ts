/**
 * THE catalog API for every Centrifugo option, v5.4.9 and v6.0–v6.9.1. Features (diagnostics,
 * completion, hover, migration, env names) ask this module; nothing else reads the generated
 * tables.
 *
 * - `parseVersion('v6.2')` → `{ major: 'v6', minor: 2 }`: a version may pin a v6 minor (or patch).
 * - `patternOf(path)`: a concrete path (`['proxies', 2, 'grpc', 'tls']`) as a pattern
 *   (`proxies[].grpc.tls`); keys are lower-cased as viper reads them.
 * - `lookupOption(version, path)`: what Centrifugo makes of that path — an `option` (type, kind,
 *   default, since, env variable, enum values), the `item` of an array of objects, an `element` of
 *   a list, a `map-entry` of a string map (any key), `removed` (with the release it went in),
 *   `newer` (the pinned minor predates it), or `unknown` (with the closest known key).
 * - `childOptions(version, path)`: the keys valid inside the object or array item at `path`
 *   (completion), in table order.
 * - `v6TargetsOf(v5Pattern)` / `v5SourcesOf(v6Pattern)`: the v5→v6 mapping (`v5-to-v6.tsv`).
 * - `tlsLocationOf(version, path)`: the TLS location (catalog/locations.ts) at that path, for the
 *   deeper TLS knowledge (forms, roles, sides) the plain table does not have.
 * - `docsUrl(option)`: the configuration page of the option's version on centrifugal.dev.
 */
import { closestKeyAmong } from './closest';
import { V5_TO_V6_BASES, V5_TO_V6_NOTES, V5_TO_V6_ROWS } from './generated/v5ToV6';
import { OBJECT_LOCATIONS, type ObjectLocation, matchesSegments } from './locations';
import { type MajorVersion, type OptionInfo, type OptionNode, optionTree, removedTree } from './optionTree';

export type { MajorVersion, OptionInfo, ValueKind } from './optionTree';
export { NAMED_ARRAYS, derivedEnvName, patternSegments } from './optionTree';

export interface VersionSpec {
  readonly major: MajorVersion;
  /** Pinned v6 minor (`v6.2` → 2); undefined: the newest release we know (v6.9.1). */
  readonly minor?: number;
  readonly patch?: number;
}

/** `v5`, `v6`, `v6.2`, `v6.2.3` (a leading `v` optional); undefined for anything else. */
export function parseVersion(text: string): VersionSpec | undefined {
  const m = /^v?([56])(?:\.(\d{1,2})(?:\.(\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const major = m[1] === '5' ? 'v5' : 'v6';
  if (major === 'v5' || m[2] === undefined) return { major };
  return { major, minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}

export function formatVersion(v: VersionSpec): string {
  return v.minor === undefined ? v.major : `${v.major}.${v.minor}${v.patch !== undefined ? `.${v.patch}` : ''}`;
}

function spec(version: MajorVersion | VersionSpec): VersionSpec {
  return typeof version === 'string' ? { major: version } : version;
}

/** True when the release `since` (`v6.2.0`) is later than the pinned version. */
export function isNewerThanPinned(since: string | undefined, version: VersionSpec): boolean {
  if (!since || version.minor === undefined) return false;
  const m = /^v6\.(\d+)\.(\d+)$/.exec(since);
  if (!m) return false;
  const minor = Number(m[1]);
  if (minor !== version.minor) return minor > version.minor;
  // With only a minor pinned, any patch of it may be meant: only a pinned patch is compared.
  return version.patch !== undefined && Number(m[2]) > version.patch;
}

export type PathPart = string | number;

/** `['proxies', 2, 'grpc']` → `proxies[].grpc`; keys lower-cased (viper). */
export function patternOf(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? '[]' : out ? `.${part.toLowerCase()}` : part.toLowerCase();
  return out;
}

export type OptionLookup =
  | { readonly status: 'option'; readonly option: OptionInfo }
  | { readonly status: 'item'; readonly array: OptionInfo }
  | { readonly status: 'element'; readonly list: OptionInfo }
  | { readonly status: 'map-entry'; readonly map: OptionInfo }
  | { readonly status: 'newer'; readonly option: OptionInfo; readonly pinned: VersionSpec }
  | { readonly status: 'removed'; readonly option: OptionInfo }
  /** Below a value that holds no keys (`"port": {"x": 1}`): the value itself is the problem. */
  | { readonly status: 'inside-value'; readonly value: OptionInfo }
  | {
    readonly status: 'unknown';
    /** The object or item the key stands in; undefined at the top level. */
    readonly parent: OptionInfo | undefined;
    readonly parentPattern: string;
    readonly key: string;
    readonly closest: string | undefined;
  };

function walk(root: OptionNode, path: readonly PathPart[]): { node: OptionNode | undefined; depth: number; last: OptionNode } {
  let node: OptionNode = root;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const next = node.children.get(typeof part === 'number' ? '[]' : part.toLowerCase());
    if (!next) return { node: undefined, depth: i, last: node };
    node = next;
  }
  return { node, depth: path.length, last: node };
}

export function lookupOption(version: MajorVersion | VersionSpec, path: readonly PathPart[]): OptionLookup {
  const v = spec(version);
  const { node, depth, last } = walk(optionTree(v.major), path);
  if (node) {
    if (node.option) {
      if (isNewerThanPinned(node.option.since, v)) return { status: 'newer', option: node.option, pinned: v };
      return { status: 'option', option: node.option };
    }
    // Only `[]` nodes have no option: the item of an array of objects.
    const array = walk(optionTree(v.major), path.slice(0, -1)).node?.option;
    if (array) return { status: 'item', array };
  }
  const holder = last.option;
  if (holder && depth === path.length - 1) {
    const part = path[depth];
    if (holder.kind === 'stringMap' && typeof part === 'string') return { status: 'map-entry', map: holder };
    if (holder.kind === 'stringList' && typeof part === 'number') return { status: 'element', list: holder };
  }
  if (holder && holder.kind !== 'object' && holder.kind !== 'objectList') return { status: 'inside-value', value: holder };
  const removed = removedTree(v.major);
  // The first key Centrifugo does not know is the finding; below it nothing is read.
  const gone = removed ? walk(removed, path.slice(0, depth + 1)).node?.option : undefined;
  if (gone) return { status: 'removed', option: gone };
  const parentPath = path.slice(0, depth);
  const part = path[depth];
  const key = typeof part === 'string' ? part : String(part);
  const candidates = [...last.children.keys()].filter((k) => k !== '[]');
  return {
    status: 'unknown',
    parent: holder ?? (depth > 0 ? walk(optionTree(v.major), parentPath.slice(0, -1)).node?.option : undefined),
    parentPattern: patternOf(parentPath),
    key,
    closest: closestKeyAmong(key, candidates),
  };
}

/** The option at a pattern (`channel.namespaces[].presence`), ignoring any pinned minor. */
export function optionAt(version: MajorVersion, pattern: string): OptionInfo | undefined {
  let node: OptionNode | undefined = optionTree(version);
  for (const seg of pattern === '' ? [] : pattern.split('.').flatMap((p) => (p.endsWith('[]') ? [p.slice(0, -2), '[]'] : [p]))) {
    node = node?.children.get(seg);
  }
  return node?.option;
}

/**
 * Keys valid inside the object (or array item) at `path`, in table order. An array of objects
 * offers its items' keys when `path` names an item (`['proxies', 0]`). Options newer than a
 * pinned minor are left out.
 */
export function childOptions(version: MajorVersion | VersionSpec, path: readonly PathPart[]): OptionInfo[] {
  const v = spec(version);
  const { node } = walk(optionTree(v.major), path);
  if (!node) return [];
  const out: OptionInfo[] = [];
  for (const [seg, child] of node.children) {
    if (seg === '[]' || !child.option) continue;
    if (isNewerThanPinned(child.option.since, v)) continue;
    out.push(child.option);
  }
  return out;
}

/** Every option of a version, in table order (the generated tests walk these). */
export function allOptions(version: MajorVersion): OptionInfo[] {
  const out: OptionInfo[] = [];
  const visit = (node: OptionNode): void => {
    for (const child of node.children.values()) {
      if (child.option) out.push(child.option);
      visit(child);
    }
  };
  visit(optionTree(version));
  return out;
}

export type MappingBasis = (typeof V5_TO_V6_BASES)[number];

export interface V5ToV6Mapping {
  readonly v5Path: string;
  /** Undefined: v6 has nothing that does the same. */
  readonly v6Path: string | undefined;
  /** Our words on what changed (type, moved under a block, Pro-only, ...); '' when nothing. */
  readonly note: string;
  /** `converter-map`/`converter-logic`: Centrifugo's own converter; `inferred`: our reading of both structs. */
  readonly basis: MappingBasis;
}

let mappingsByV5: Map<string, V5ToV6Mapping[]> | undefined;
let mappingsByV6: Map<string, V5ToV6Mapping[]> | undefined;

function buildMappings(): void {
  mappingsByV5 = new Map();
  mappingsByV6 = new Map();
  for (const [v5Path, v6Path, note, basis] of V5_TO_V6_ROWS) {
    const m: V5ToV6Mapping = { v5Path, v6Path: v6Path || undefined, note: V5_TO_V6_NOTES[note], basis: V5_TO_V6_BASES[basis] };
    const a = mappingsByV5.get(v5Path) ?? [];
    a.push(m);
    mappingsByV5.set(v5Path, a);
    if (m.v6Path) {
      const b = mappingsByV6.get(m.v6Path) ?? [];
      b.push(m);
      mappingsByV6.set(m.v6Path, b);
    }
  }
}

/** Where a v5 key (pattern: `namespaces[].presence`) lives in v6; several targets for shared proxy options. */
export function v6TargetsOf(v5Pattern: string): readonly V5ToV6Mapping[] {
  if (!mappingsByV5) buildMappings();
  return mappingsByV5?.get(v5Pattern) ?? [];
}

/** The v5 keys whose settings went to a v6 path. */
export function v5SourcesOf(v6Pattern: string): readonly V5ToV6Mapping[] {
  if (!mappingsByV6) buildMappings();
  return mappingsByV6?.get(v6Pattern) ?? [];
}

/** The v5 keys whose settings went somewhere inside a v6 section (`client` → `client_channel_limit`, ...). */
export function v5SourcesUnder(v6Prefix: string): readonly V5ToV6Mapping[] {
  if (!mappingsByV6) buildMappings();
  const out: V5ToV6Mapping[] = [];
  for (const [path, mappings] of mappingsByV6 ?? []) {
    if (path === v6Prefix || path.startsWith(`${v6Prefix}.`) || path.startsWith(`${v6Prefix}[]`)) out.push(...mappings);
  }
  return out;
}

/** The TLS or autocert location the version reads at a concrete path, if any (the deep TLS catalog). */
export function tlsLocationOf(version: MajorVersion, path: readonly PathPart[]): ObjectLocation | undefined {
  return OBJECT_LOCATIONS.find((l) => l.readBy[version] !== undefined && matchesSegments(path, l.segments));
}

/**
 * The centrifugal.dev page that documents the configuration of the option's major version (the
 * v6 page covers every section; v5's lives in the versioned docs). Per-option pages do not exist.
 */
export function docsUrl(option: OptionInfo): string {
  return option.version === 'v5'
    ? 'https://centrifugal.dev/docs/5/server/configuration'
    : 'https://centrifugal.dev/docs/server/configuration';
}
