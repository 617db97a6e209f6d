/**
 * How the load plan reads the settings that decide whether a TLS block is loaded (switches such as
 * `grpc_api.enabled`, `engine.type`, proxy names, endpoints). It reads them through ONE injectable
 * function so that other sources Centrifugo merges over the file (CENTRIFUGO_* variables, flags)
 * can be layered on without touching the plan: wrap `treeLookup(root)` with `overlayLookup`.
 *
 * Paths are concrete segments: `['grpc_api', 'enabled']`, `['proxies', 2, 'endpoint']`.
 */
import { lastProperties, type TreeNode } from './duplicates';

export type PathSegment = string | number;
export type Scalar = string | number | boolean | null;

export interface LookedUp {
  readonly kind: 'scalar' | 'object' | 'array';
  /** The value of a scalar (JSON escapes decoded). */
  readonly value?: Scalar;
  /** Number of elements of an array. */
  readonly length?: number;
  /** Where it is written in the file; absent for values from elsewhere (the environment). */
  readonly node?: TreeNode;
  /** `file`: the config text; `env`: an environment variable (named by `envName`). */
  readonly origin: 'file' | 'env';
  readonly envName?: string;
}

/** The value Centrifugo reads at a path after every override, or undefined when nothing sets it. */
export type ConfigLookup = (path: readonly PathSegment[]) => LookedUp | undefined;

/** Viper matches keys without regard to case: as written first, else lower-cased. */
function member(object: TreeNode, key: string): TreeNode | undefined {
  const props = lastProperties(object);
  const prop = props.get(key) ?? props.get(key.toLowerCase());
  if (prop) return prop.children?.[1];
  for (const [written, candidate] of props) if (written.toLowerCase() === key) return candidate.children?.[1];
  return undefined;
}

function describe(node: TreeNode): LookedUp {
  if (node.type === 'object') return { kind: 'object', node, origin: 'file' };
  if (node.type === 'array') return { kind: 'array', node, length: node.children?.length ?? 0, origin: 'file' };
  const value = node.type === 'null' ? null : (node.value as Scalar);
  return { kind: 'scalar', value, node, origin: 'file' };
}

/** Reads a config tree the way Go's reader does: the last of duplicate keys, keys case-insensitive. */
export function treeLookup(root: TreeNode | undefined): ConfigLookup {
  return (path) => {
    let node = root;
    for (const segment of path) {
      if (!node) return undefined;
      if (typeof segment === 'number') node = node.type === 'array' ? node.children?.[segment] : undefined;
      else node = node.type === 'object' ? member(node, segment) : undefined;
    }
    return node ? describe(node) : undefined;
  };
}

/** `overlay` first (e.g. environment variables, which Centrifugo applies over the file), then `base`. */
export function overlayLookup(base: ConfigLookup, overlay: ConfigLookup): ConfigLookup {
  return (path) => overlay(path) ?? base(path);
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** On/off as Centrifugo decodes it (weakly: strconv.ParseBool for strings, non-zero numbers are true). */
export type SwitchState = 'on' | 'off' | 'absent' | 'invalid';

export function switchStateOf(found: LookedUp | undefined): SwitchState {
  if (!found || (found.kind === 'scalar' && found.value === null)) return 'absent';
  if (found.kind !== 'scalar') return 'invalid';
  const v = found.value;
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'number') return v !== 0 ? 'on' : 'off';
  if (typeof v === 'string') {
    if (GO_TRUE.has(v)) return 'on';
    if (GO_FALSE.has(v) || v === '') return 'off';
  }
  return 'invalid';
}

/** A string setting; numbers and booleans read as their text (weak decoding); containers as undefined. */
export function stringOf(found: LookedUp | undefined): string | undefined {
  if (!found || found.kind !== 'scalar' || found.value === null) return undefined;
  return String(found.value);
}

/** An address setting that may be one string or a list (Redis `address`, `sentinel_address`...): set when non-empty. */
export function isNonEmpty(found: LookedUp | undefined): boolean {
  if (!found) return false;
  if (found.kind === 'array') return (found.length ?? 0) > 0;
  const s = stringOf(found);
  return s !== undefined && s !== '';
}
