/**
 * The one config tree every feature reads, whatever the file's format (JSON, YAML, TOML). Its
 * node shape is jsonc-parser's `Node` (type, offset, length, parent, children, value), so code
 * written against jsonc-parser reads it unchanged; the builders and every walk here are
 * iterative, so a 100,000-deep document costs a loop, never the call stack.
 *
 * Memory: one class with a fixed field order (one hidden class for every node), `children` only on
 * containers and properties, scalar values decoded once, and property keys interned, since a large
 * config repeats a few dozen key names hundreds of thousands of times. Facts that only a few
 * nodes have (a YAML `yes` read as `true`) live in side tables on the tree, not on every node.
 */

export type NodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';
export type ConfigFormat = 'json' | 'yaml' | 'toml';
export type ScalarValue = string | number | boolean | null;
export type PathSegment = string | number;

/**
 * A node of the tree. A property has `children = [key, value]` (the value missing while the user
 * types); a key is a `string` node. `value` is the scalar as Centrifugo's loader decodes it (a YAML
 * `on` is `true` in v5, a TOML datetime a string), so the checks above never re-decode text.
 */
export class ConfigNode {
  constructor(
    public type: NodeType,
    public offset: number,
    public length: number,
    public parent: ConfigNode | undefined,
    public children: ConfigNode[] | undefined,
    public value: ScalarValue | undefined,
  ) {}
}

/**
 * A value that decoding turns into something other than it looks like (`on` -> `true`, an
 * unquoted `1h` kept as text, a datetime read as a string): what the user wrote and what the
 * loader sees, for findings to explain.
 */
export interface Conversion {
  readonly written: string;
  readonly note: string;
}

/** A problem the reader of the format would refuse, at a range of the text. */
export interface SyntaxProblem {
  /**
   * `syntax` in the format's own words; `comment` and `trailing-comma` are strict JSON's;
   * `ignored`: text the reader skips (YAML documents after the first).
   */
  readonly kind: 'syntax' | 'comment' | 'trailing-comma' | 'too-deep' | 'ignored';
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /**
   * The reader could not read the text here (YAML, TOML): the tree lacks what it says, so
   * findings that rest on its absence are not reported (features/diagnostics/unreadParts.ts).
   */
  readonly unread?: boolean;
}

export interface ConfigTree {
  readonly format: ConfigFormat;
  readonly root: ConfigNode | undefined;
  readonly problems: readonly SyntaxProblem[];
  /** Scalars whose decoded value differs from how they read; most files have none. */
  readonly conversions: ReadonlyMap<ConfigNode, Conversion>;
}

/**
 * Go's decoders refuse documents nested deeper than this: encoding/json's scanner
 * (`maxNestingDepth = 10000`) and yaml.v3's parser alike. Our walks never recurse, but past this
 * depth Centrifugo would not start, so the builders stop there and say so.
 */
export const MAX_DEPTH = 10000;

/** Shares one string per distinct key name across a tree. */
export class KeyInterner {
  private readonly names = new Map<string, string>();
  intern(name: string): string {
    if (name.length > 64) return name;
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }
}

/** The key of a property node as written (decoded), or undefined for a half-typed property. */
export function propertyKey(property: ConfigNode): string | undefined {
  const key = property.children?.[0]?.value;
  return typeof key === 'string' ? key : undefined;
}

/** A property's value node. */
export function propertyValue(property: ConfigNode): ConfigNode | undefined {
  return property.children?.[1];
}

/** The last property of `object` with this key: Go's decoders keep the last of duplicates. */
export function lastProperty(object: ConfigNode | undefined, key: string): ConfigNode | undefined {
  const children = object?.type === 'object' ? object.children : undefined;
  if (!children) return undefined;
  for (let i = children.length - 1; i >= 0; i--) if (propertyKey(children[i]) === key) return children[i];
  return undefined;
}

/**
 * Containers whose children are not one after another in the text (a TOML table reopened by a
 * later `[table.sub]`). Weak, so it holds no tree alive.
 */
const SCATTERED = new WeakSet<ConfigNode>();

export function markScattered(node: ConfigNode): void {
  SCATTERED.add(node);
}

function contains(node: ConfigNode, offset: number, includeRightBound: boolean): boolean {
  return (offset >= node.offset && offset < node.offset + node.length) || (includeRightBound && offset === node.offset + node.length);
}

/** The innermost node at `offset`, as jsonc-parser's `findNodeAtOffset` finds it, without recursion. */
export function findNodeAtOffset(root: ConfigNode, offset: number, includeRightBound = false): ConfigNode | undefined {
  if (!contains(root, offset, includeRightBound)) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    let next: ConfigNode | undefined;
    if (children) {
      // Children are in document order: a binary search finds the last that starts at or before offset.
      let lo = 0;
      let hi = children.length - 1;
      let last = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (children[mid].offset <= offset) { last = mid; lo = mid + 1; } else hi = mid - 1;
      }
      // Siblings do not overlap in JSON and YAML, so the last child starting at or before offset
      // is the one, or its left neighbour when both touch offset (right bound). TOML tables may be
      // reopened later in the file, so there a container can span siblings: look further back.
      if (SCATTERED.has(node)) {
        for (let i = last; i >= 0 && !next; i--) if (contains(children[i], offset, includeRightBound)) next = children[i];
      } else {
        // A YAML block value's range takes its final line break, so it touches the next key:
        // a node that holds offset wins over the one that only ends there.
        for (let i = Math.max(0, last - 1); i <= last && !next; i++) if (contains(children[i], offset, false)) next = children[i];
        if (includeRightBound) for (let i = Math.max(0, last - 1); i <= last && !next; i++) if (contains(children[i], offset, true)) next = children[i];
      }
    }
    if (!next) return node;
    node = next;
  }
}

/** The value node at a path of keys and indexes; with duplicate keys, the first (as jsonc-parser). */
export function findNodeAtLocation(root: ConfigNode | undefined, path: readonly PathSegment[]): ConfigNode | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'string') {
      if (node.type !== 'object' || !node.children) return undefined;
      let found: ConfigNode | undefined;
      for (const property of node.children) {
        if (property.children?.length === 2 && property.children[0].value === segment) { found = property.children[1]; break; }
      }
      node = found;
    } else {
      if (node.type !== 'array' || !node.children || segment < 0 || segment >= node.children.length) return undefined;
      node = node.children[segment];
    }
  }
  return node;
}

/** The path of keys and indexes from the root to `node`. */
export function getNodePath(node: ConfigNode): PathSegment[] {
  const path: PathSegment[] = [];
  for (let child = node, parent = node.parent; parent?.children; child = parent, parent = parent.parent) {
    if (parent.type === 'property') {
      const key = parent.children[0]?.value;
      if (typeof key === 'string') path.push(key);
    } else if (parent.type === 'array') {
      const index = parent.children.indexOf(child);
      if (index !== -1) path.push(index);
    }
  }
  return path.reverse();
}

/** Plain data for a node (objects keep the last of duplicate keys), built with an explicit stack. */
export function getNodeValue(node: ConfigNode): unknown {
  const scalar = (n: ConfigNode): unknown => (n.type === 'object' ? Object.create(null) as Record<string, unknown> : n.type === 'array' ? [] : n.type === 'property' ? undefined : n.value);
  const result = scalar(node);
  const stack: { readonly node: ConfigNode; readonly out: unknown }[] = [{ node, out: result }];
  while (stack.length > 0) {
    const { node: current, out } = stack.pop() as { node: ConfigNode; out: unknown };
    if (current.type === 'array') {
      const list = out as unknown[];
      for (const item of current.children ?? []) {
        const value = scalar(item);
        list.push(value);
        if (item.children) stack.push({ node: item, out: value });
      }
    } else if (current.type === 'object') {
      const object = out as Record<string, unknown>;
      for (const property of current.children ?? []) {
        const key = propertyKey(property);
        const valueNode = propertyValue(property);
        if (key === undefined || !valueNode) continue;
        const value = scalar(valueNode);
        object[key] = value;
        if (valueNode.children) stack.push({ node: valueNode, out: value });
      }
    }
  }
  return result;
}

/** Every node of the tree in document order, without recursion. */
export function* walkTree(root: ConfigNode | undefined): Generator<ConfigNode> {
  if (!root) return;
  const stack: ConfigNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ConfigNode;
    yield node;
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/**
 * Gives every `children` array exactly its length. Builders push as they read, and an array that
 * was pushed to keeps spare slots (V8 reserves 17 on the first push): on a large config, with an
 * array per property, that is a third of the tree's memory. Iterative, like every walk here.
 */
export function compactChildren(root: ConfigNode | undefined): void {
  if (!root) return;
  const stack: ConfigNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ConfigNode;
    const children = node.children;
    if (!children) continue;
    node.children = children.slice();
    for (const child of children) if (child.children) stack.push(child);
  }
}

/** jsonc-parser's name for a node, so code written against it ports by changing the import. */
export type Node = ConfigNode;
