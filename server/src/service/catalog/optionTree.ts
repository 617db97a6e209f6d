/**
 * Builds the option trees of v5 and v6 from the generated tables (catalog/generated/, made by
 * scripts/generate-catalog.mjs). Internal to the catalog: features use `options.ts`.
 *
 * A tree node is one path pattern (`channel.namespaces[].presence`); `[]` is the item of an array
 * of objects. Trees are built on first use and kept, so a lookup costs the depth of the path.
 */
import { V5_OPTION_ROWS } from './generated/v5Options';
import { V6_ENUM_ROWS } from './generated/v6Enums';
import { V6_OPTION_ROWS } from './generated/v6Options';
import { V6_REMOVED_ROWS } from './generated/v6Removed';

export type MajorVersion = 'v5' | 'v6';

/**
 * How Centrifugo decodes a value, whatever the Go type is called: this decides which JSON values
 * are accepted (`type-mismatch`), which completions fit, and how hover names the type.
 */
export type ValueKind =
  | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'duration' | 'pem'
  | 'stringList' | 'stringMap' | 'object' | 'objectList';

export interface OptionInfo {
  readonly version: MajorVersion;
  /** Pattern with `[]` for array items: `proxies[].http.tls`. */
  readonly path: string;
  /** The last segment: the key as written in the file. */
  readonly key: string;
  /** Go type as the tables name it (`Duration`, `[]string`, `TLSConfig`); v5 uses the viper read type. */
  readonly goType: string;
  readonly kind: ValueKind;
  /** Default as the tables give it ('' when none). */
  readonly defaultValue: string;
  /** First v6 release that reads it (`v6.2.0`); undefined in v5. */
  readonly since?: string;
  /**
   * The environment variable (v6): `CENTRIFUGO_HTTP_SERVER_PORT`; items of named arrays carry
   * `<NAME>` for the item's name (`CENTRIFUGO_PROXIES_<NAME>_TIMEOUT`). Undefined: no variable of
   * its own (a struct walked into, an item of an unnamed array, and every v5 key).
   */
  readonly env?: string;
  /** Values Centrifugo accepts ('' = empty allowed); undefined: no fixed set. */
  readonly enumValues?: readonly string[];
  /** The Go lines that check `enumValues`, and what happens to other values (our words). */
  readonly enumSource?: string;
  readonly enumNote?: string;
  /** Read by Centrifugo but left out of its generated docs (`broker.redisnats.*`). */
  readonly hidden: boolean;
  /** For paths v6.9.1 no longer reads: the release that dropped it, and the last one that had it. */
  readonly removedIn?: string;
  readonly lastRelease?: string;
  /** v5: the Go line the key comes from. */
  readonly source?: string;
}

export interface OptionNode {
  readonly option: OptionInfo | undefined;
  readonly children: ReadonlyMap<string, OptionNode>;
}

interface BuildNode {
  option: OptionInfo | undefined;
  readonly children: Map<string, BuildNode>;
}

/** Split a pattern into segments: 'proxies[].grpc.tls' -> ['proxies', '[]', 'grpc', 'tls']. */
export function patternSegments(pattern: string): string[] {
  if (pattern === '') return [];
  return pattern.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
}

export function joinSegments(segments: readonly string[]): string {
  let out = '';
  for (const seg of segments) out += seg === '[]' ? '[]' : out ? `.${seg}` : seg;
  return out;
}

export function v6Kind(goType: string, isObject: boolean): ValueKind {
  if (isObject) return goType.startsWith('[]') ? 'objectList' : 'object';
  switch (goType) {
    case 'bool': return 'bool';
    case 'int': case 'int64': case 'int32': case 'int16': case 'int8': return 'int';
    case 'uint': case 'uint64': case 'uint32': case 'uint16': case 'uint8': return 'uint';
    case 'float64': case 'float32': return 'float';
    case 'Duration': return 'duration';
    case 'PEMData': return 'pem';
    case 'MapStringString': case 'StringKeyValues': return 'stringMap';
    case 'string': return 'string';
    default:
      if (goType.startsWith('[]')) return 'stringList';
      throw new Error(`catalog: no value kind for Go type ${goType}`);
  }
}

export function v5Kind(type: string): ValueKind {
  switch (type) {
    case 'object': return 'object';
    case '[]object': return 'objectList';
    case 'map[string]string': return 'stringMap';
    case 'duration': return 'duration';
    case '[]string': return 'stringList';
    default: return v6Kind(type, false);
  }
}

function emptyNode(): BuildNode {
  return { option: undefined, children: new Map() };
}

/** Insert, creating the intermediate nodes (`[]` item nodes have no option of their own). */
function insert(root: BuildNode, segments: readonly string[], option: OptionInfo): void {
  let node = root;
  for (const segment of segments) {
    let next = node.children.get(segment);
    if (!next) node.children.set(segment, (next = emptyNode()));
    node = next;
  }
  // The first row of a path wins (v5 lists a few struct fields twice).
  node.option ??= option;
}

function enumsByPath(): Map<string, (typeof V6_ENUM_ROWS)[number]> {
  return new Map(V6_ENUM_ROWS.map((row) => [row[0], row]));
}

function buildV6(): BuildNode {
  const root = emptyNode();
  const enums = enumsByPath();
  for (const [path, goType, flags, defaultValue, since, env] of V6_OPTION_ROWS) {
    const isObject = (flags & 1) !== 0;
    const segments = patternSegments(path);
    const e = enums.get(path);
    const option: OptionInfo = {
      version: 'v6', path, key: segments[segments.length - 1], goType, kind: v6Kind(goType, isObject), defaultValue,
      since: `v6.${since}`,
      env: env === 0 ? undefined : env === 1 ? derivedEnvName(path) : env,
      enumValues: e?.[1], enumSource: e?.[2], enumNote: e?.[3],
      hidden: (flags & 2) !== 0,
    };
    insert(root, segments, option);
  }
  return root;
}

/** Paths some v6 release read and v6.9.1 does not: a tree of their own, never "known". */
function buildV6Removed(): BuildNode {
  const root = emptyNode();
  for (const [path, goType, kind, defaultValue, since, lastTag, removedIn] of V6_REMOVED_ROWS) {
    const segments = patternSegments(path);
    insert(root, segments, {
      version: 'v6', path, key: segments[segments.length - 1], goType, kind: v6Kind(goType, kind === 'object'), defaultValue,
      since, hidden: false, removedIn, lastRelease: lastTag,
    });
  }
  return root;
}

function buildV5(): BuildNode {
  const root = emptyNode();
  for (const [path, type, defaultValue, source] of V5_OPTION_ROWS) {
    const segments = patternSegments(path);
    insert(root, segments, {
      version: 'v5', path, key: segments[segments.length - 1], goType: type, kind: v5Kind(type), defaultValue, hidden: false, source,
    });
  }
  return root;
}

/** The arrays whose items Centrifugo v6 addresses by name in env variables (config.go:232-265@v6.9.1). */
export const NAMED_ARRAYS: readonly string[] = ['channel.namespaces', 'rpc.namespaces', 'proxies', 'consumers'];

/** The v6 env rule (envconfig.go gatherInfo@v6.9.1): upper-cased path joined by `_`; named items by `<NAME>`. */
export function derivedEnvName(path: string): string {
  const upper = (p: string): string => p.replace(/\./g, '_').toUpperCase();
  for (const array of NAMED_ARRAYS) {
    const prefix = `${array}[].`;
    if (path.startsWith(prefix)) return `CENTRIFUGO_${upper(array)}_<NAME>_${upper(path.slice(prefix.length))}`;
  }
  return `CENTRIFUGO_${upper(path)}`;
}

const trees: Partial<Record<MajorVersion | 'v6-removed', OptionNode>> = {};

export function optionTree(version: MajorVersion): OptionNode {
  return (trees[version] ??= version === 'v6' ? buildV6() : buildV5());
}

/** v5 removed nothing we track (v5.4.9 is one release); v6's removed paths. */
export function removedTree(version: MajorVersion): OptionNode | undefined {
  return version === 'v6' ? (trees['v6-removed'] ??= buildV6Removed()) : undefined;
}
