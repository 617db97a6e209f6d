/**
 * Decides whether a JSON document is a Centrifugo config at all. Files named config.json belong
 * to every program under the sun, and several reuse Centrifugo's key names (`tls`, `tls_cert`,
 * `cert_pem_file`), so one familiar key proves nothing: we look at the share of all top-level keys
 * that some Centrifugo version (or the documented layout) reads.
 */
import type { Node } from './tree';
import {
  DOCUMENTED_TOP_LEVEL_KEYS, GENERIC_KEYS, V5_EXTRA_AND_LEGACY_KEYS, V5_TOP_LEVEL_KEYS, V6_TOP_LEVEL_KEYS,
} from '../catalog/topLevelKeys';

export interface Recognition {
  readonly isCentrifugo: boolean;
  /** Why, in a sentence, for logs and the status item. */
  readonly reason: string;
  readonly knownKeys: number;
  readonly totalKeys: number;
}

/** A Centrifugo config written by a person has almost only Centrifugo keys; other programs' configs fall well below this. */
export const RECOGNITION_THRESHOLD = 0.6;

export function isKnownTopLevelKey(key: string): boolean {
  return V5_TOP_LEVEL_KEYS.has(key) || V6_TOP_LEVEL_KEYS.has(key) || DOCUMENTED_TOP_LEVEL_KEYS.has(key) || V5_EXTRA_AND_LEGACY_KEYS.has(key);
}

/** Top-level keys, lower-cased as Centrifugo's config reader (Viper) sees them. */
export function topLevelKeys(root: Node | undefined): string[] {
  if (!root || root.type !== 'object' || !root.children) return [];
  const keys: string[] = [];
  for (const prop of root.children) {
    const keyNode = prop.children?.[0];
    if (keyNode && typeof keyNode.value === 'string') keys.push(keyNode.value.toLowerCase());
  }
  return keys;
}

/** `forced`: the user listed this file in `centrifugo.files`, so we trust them over the content. */
export function recognize(root: Node | undefined, forced: boolean): Recognition {
  return recognizeKeys(topLevelKeys(root), forced);
}

/** The decision on the top-level keys alone, lower-cased (see topLevelKeys and quickTopLevelKeys). */
export function recognizeKeys(keys: readonly string[], forced: boolean): Recognition {
  const known = keys.filter(isKnownTopLevelKey);
  const distinctive = known.filter((k) => !GENERIC_KEYS.has(k));
  if (forced) {
    return { isCentrifugo: true, reason: 'listed in the centrifugo.files setting', knownKeys: known.length, totalKeys: keys.length };
  }
  if (keys.length === 0) {
    return { isCentrifugo: false, reason: 'no top-level keys yet', knownKeys: 0, totalKeys: 0 };
  }
  const share = known.length / keys.length;
  const isCentrifugo = share >= RECOGNITION_THRESHOLD && distinctive.length > 0;
  const reason = `${known.length} of ${keys.length} top-level keys are Centrifugo options`;
  return { isCentrifugo, reason, knownKeys: known.length, totalKeys: keys.length };
}
