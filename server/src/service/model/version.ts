/**
 * Which Centrifugo version a config is written for. v6 moved almost everything into nested
 * sections (`http_server`, `client`, `channel`, `engine`...); v5 reads flat top-level keys. Keys
 * both versions know vote by their value's shape (`admin: true` is v5, `admin: {...}` is v6).
 * A scalar under a v6 section name (`"engine": "redis"`, `"admin": true`) decides v5 on its own:
 * v6 cannot load it (mapstructure refuses a string or a bool for a struct section).
 */
import type { Node } from './tree';
import type { CentrifugoVersion } from '../catalog/locations';
import { DOCUMENTED_TOP_LEVEL_KEYS, V5_EXTRA_AND_LEGACY_KEYS, V5_TOP_LEVEL_KEYS, V6_TOP_LEVEL_KEYS } from '../catalog/topLevelKeys';
import { type VersionSpec, parseVersion } from '../catalog/options';
import type { VersionSetting } from '../settings';

export interface VersionDecision {
  readonly version: CentrifugoVersion;
  /** `setting`: the user chose; `detected`: the keys told; `default`: nothing told, so the current line. */
  readonly origin: 'setting' | 'detected' | 'default';
  readonly v5Evidence: readonly string[];
  readonly v6Evidence: readonly string[];
  /** The v6 minor the user pinned (`centrifugo.version: "v6.2"`); undefined: the newest v6. */
  readonly pinned?: VersionSpec;
}

/** Nested sections are the strongest sign of v6: a v5 file never has them. */
const V6_SECTION_WEIGHT = 2;
/** Present in both versions as arrays, so they tell nothing. */
const NEUTRAL = new Set(['proxies', 'consumers', 'pid_file', 'enable_unreleased_features']);

export function detectVersion(root: Node | undefined, setting: VersionSetting): VersionDecision {
  const v5: string[] = [];
  const v6: string[] = [];
  let v5Score = 0;
  let v6Score = 0;
  let decisiveV5 = false;
  for (const prop of root?.type === 'object' ? root.children ?? [] : []) {
    const written = prop.children?.[0]?.value;
    const value = prop.children?.[1];
    if (typeof written !== 'string') continue;
    const key = written.toLowerCase();
    if (NEUTRAL.has(key)) continue;
    const isObject = value?.type === 'object';
    const inV6 = V6_TOP_LEVEL_KEYS.has(key);
    const inV5 = V5_TOP_LEVEL_KEYS.has(key) || V5_EXTRA_AND_LEGACY_KEYS.has(key);
    if (inV6 && isObject) {
      v6.push(key);
      v6Score += V6_SECTION_WEIGHT;
    } else if (inV6 && isScalar(value)) {
      v5.push(key);
      v5Score += 1;
      decisiveV5 = true;
    } else if (inV5 && !(isObject && DOCUMENTED_TOP_LEVEL_KEYS.has(key))) {
      // A top-level `tls` object is the documented layout, not v5 evidence (v5's `tls` is a boolean).
      v5.push(key);
      v5Score += 1;
    }
  }
  if (setting === 'v5' || setting === 'v6') return { version: setting, origin: 'setting', v5Evidence: v5, v6Evidence: v6 };
  const pinned = setting === 'auto' ? undefined : parseVersion(setting);
  if (pinned) return { version: pinned.major, origin: 'setting', v5Evidence: v5, v6Evidence: v6, pinned };
  if (v5Score === 0 && v6Score === 0) return { version: 'v6', origin: 'default', v5Evidence: v5, v6Evidence: v6 };
  const version = decisiveV5 || v5Score > v6Score ? 'v5' : 'v6';
  return { version, origin: 'detected', v5Evidence: v5, v6Evidence: v6 };
}

/** The version as the option catalog takes it: the major, and a pinned v6 minor if any. */
export function versionSpecOf(decision: VersionDecision): VersionSpec {
  return decision.pinned ?? { major: decision.version };
}

function isScalar(node: Node | undefined): boolean {
  return node?.type === 'string' || node?.type === 'boolean' || node?.type === 'number';
}
