/**
 * Go's JSON reader (and viper's, on top of it) keeps the LAST of repeated keys in an object and
 * drops the earlier ones without a word. This is the one place that rule is written down; the
 * blocks, the load plan and the validators all ask it.
 *
 * Written against the shape of a config tree node only (`type`, `children`, `parent`, `value`),
 * so any front end (JSON today, YAML/TOML through the format-neutral tree) can use it.
 */

/** The part of a tree node this module reads. jsonc-parser's `Node` and the format-neutral tree both fit. */
export interface TreeNode {
  readonly type: string;
  readonly offset: number;
  readonly length: number;
  readonly children?: readonly TreeNode[];
  readonly parent?: TreeNode;
  readonly value?: unknown;
}

/**
 * Of items sharing a key, the last one: `keyOf` names an item's key (undefined: no key, skipped).
 * The generic form of "the last duplicate wins", used for object members and for block fields.
 */
export function keepLast<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) map.set(key, item);
  }
  return map;
}

function propertyKey(property: TreeNode): string | undefined {
  const key = property.children?.[0]?.value;
  return typeof key === 'string' ? key : undefined;
}

const lastPropertyCache = new WeakMap<TreeNode, Map<string, TreeNode>>();

/** Key -> the property that counts in an object (the last of duplicates). */
export function lastProperties<N extends TreeNode>(object: N): Map<string, N> {
  let map = lastPropertyCache.get(object);
  if (!map) {
    map = keepLast(object.children ?? [], propertyKey);
    lastPropertyCache.set(object, map);
  }
  return map as Map<string, N>;
}

/** Below this many properties a scan is cheaper than building (and keeping) a key map. */
const SCAN_LIMIT = 16;

/** A property that a later property with the same key overrides: Centrifugo never sees it. */
export function isOverriddenProperty(property: TreeNode): boolean {
  const parent = property.parent;
  const key = propertyKey(property);
  if (!parent || parent.type !== 'object' || key === undefined) return false;
  const siblings = parent.children ?? [];
  if (siblings.length <= SCAN_LIMIT) {
    for (let i = siblings.length - 1; i >= 0; i--) {
      const sibling = siblings[i];
      if (sibling === property) return false;
      if (propertyKey(sibling) === key) return true;
    }
    return false;
  }
  return lastProperties(parent).get(key) !== property;
}

/** The property that wins over `property` (itself when it is the last of its key). */
export function winningProperty<N extends TreeNode>(property: N): N | undefined {
  const parent = property.parent;
  const key = propertyKey(property);
  if (!parent || key === undefined) return undefined;
  return lastProperties(parent).get(key) as N | undefined;
}

/**
 * The earlier-duplicate property that makes Go drop `node` (the node's own property or one on its
 * way to the root, the nearest first), or undefined when Centrifugo's reader keeps the node.
 *
 * A plain walk up, not memoized: it is asked per TLS block (a handful of ancestors, each checked by
 * a short sibling scan or the cached key map), and a per-node cache cost more than the walk, both
 * in the lookups and in the collector's work on tens of thousands of weak entries per model.
 */
export function droppedBy(node: TreeNode | undefined): TreeNode | undefined {
  for (let n = node; n; n = n.parent) {
    if (n.type === 'property' && isOverriddenProperty(n)) return n;
  }
  return undefined;
}
