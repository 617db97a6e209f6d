/** Finds what the cursor is on: a block, a field of it, the key or the value. */
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { ConfigModel } from '.';
import type { BlockField, TlsBlock } from './blocks';

export interface CursorTarget {
  readonly block: TlsBlock;
  /** The field under the cursor; undefined when the cursor is on the block's own key. */
  readonly field: BlockField | undefined;
  readonly on: 'key' | 'value';
  readonly node: Node;
}

function within(node: Node, offset: number): boolean {
  return offset >= node.offset && offset <= node.offset + node.length;
}

export function targetAt(model: ConfigModel, offset: number): CursorTarget | undefined {
  if (!model.root) return undefined;
  const node = findNodeAtOffset(model.root, offset, true);
  if (!node) return undefined;
  for (const block of model.blocks) {
    if (block.keyNode && within(block.keyNode, offset)) return { block, field: undefined, on: 'key', node: block.keyNode };
    const inside = block.keyNode ? within(block.node, offset) : block.fields.some((f) => within(f.property, offset));
    if (!inside) continue;
    for (const field of block.fields) {
      if (within(field.keyNode, offset)) return { block, field, on: 'key', node: field.keyNode };
      if (field.valueNode && within(field.valueNode, offset)) return { block, field, on: 'value', node: field.valueNode };
    }
  }
  return undefined;
}

/** Innermost block whose object contains the offset (for completion inside `{ }`). */
export function blockContaining(model: ConfigModel, offset: number): TlsBlock | undefined {
  let best: TlsBlock | undefined;
  for (const block of model.blocks) {
    if (!block.keyNode) continue;
    const n = block.node;
    if (offset > n.offset && offset < n.offset + n.length && (!best || n.length < best.node.length)) best = block;
  }
  return best;
}
