/**
 * Finds what the cursor is on: a block, a field of it, the key or the value. Uses an index from
 * tree nodes to blocks built once per model, so a request costs the depth of the tree, not a
 * scan of every block (a 20 MB config has tens of thousands).
 */
import { findNodeAtLocation, findNodeAtOffset, type Node } from './tree';
import type { ConfigModel } from '.';
import type { BlockField, PathSegment, TlsBlock } from './blocks';

export interface CursorTarget {
  readonly block: TlsBlock;
  /** The field under the cursor; undefined when the cursor is on the block's own key. */
  readonly field: BlockField | undefined;
  readonly on: 'key' | 'value';
  readonly node: Node;
}

interface BlockIndex {
  /** Object blocks by their object node, and by the property node that holds them. */
  readonly byObject: Map<Node, TlsBlock>;
  readonly byBlockProperty: Map<Node, TlsBlock>;
  /** Every field (object blocks and flat keys) by its property node. */
  readonly byProperty: Map<Node, { readonly block: TlsBlock; readonly field: BlockField }>;
}

const indexes = new WeakMap<ConfigModel, BlockIndex>();

function indexOf(model: ConfigModel): BlockIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { byObject: new Map(), byBlockProperty: new Map(), byProperty: new Map() };
  for (const block of model.blocks) {
    if (block.keyNode) {
      index.byObject.set(block.node, block);
      if (block.keyNode.parent) index.byBlockProperty.set(block.keyNode.parent, block);
    }
    for (const field of block.fields) index.byProperty.set(field.property, { block, field });
  }
  indexes.set(model, index);
  return index;
}

function within(node: Node, offset: number): boolean {
  return offset >= node.offset && offset <= node.offset + node.length;
}

export function targetAt(model: ConfigModel, offset: number): CursorTarget | undefined {
  if (!model.root) return undefined;
  const index = indexOf(model);
  // The innermost node, then up to the nearest property that is a field or a block key.
  for (let node = findNodeAtOffset(model.root, offset, true); node; node = node.parent) {
    if (node.type !== 'property') continue;
    const hit = index.byProperty.get(node);
    if (hit) {
      const { block, field } = hit;
      if (within(field.keyNode, offset)) return { block, field, on: 'key', node: field.keyNode };
      if (field.valueNode && within(field.valueNode, offset)) return { block, field, on: 'value', node: field.valueNode };
      return undefined;
    }
    const block = index.byBlockProperty.get(node);
    if (block?.keyNode && within(block.keyNode, offset)) return { block, field: undefined, on: 'key', node: block.keyNode };
    if (block) return undefined;
  }
  return undefined;
}

/** The object block at a concrete path (`['proxies', 3, 'grpc', 'tls']`), if any. */
export function blockAtPath(model: ConfigModel, segments: readonly PathSegment[]): TlsBlock | undefined {
  if (!model.root || segments.length === 0) return undefined;
  const node = findNodeAtLocation(model.root, [...segments]);
  return node ? indexOf(model).byObject.get(node) : undefined;
}

/** The v5 flat family in the object at `segments` that holds `key`, if any. */
export function flatBlockWithKey(model: ConfigModel, segments: readonly PathSegment[], key: string): TlsBlock | undefined {
  const container = segments.length === 0 ? model.root : model.root && findNodeAtLocation(model.root, [...segments]);
  const property = container?.type === 'object' ? container.children?.find((p) => p.children?.[0]?.value === key) : undefined;
  const hit = property ? indexOf(model).byProperty.get(property) : undefined;
  return hit && !hit.block.keyNode ? hit.block : undefined;
}
