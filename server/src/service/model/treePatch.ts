/**
 * Typing inside one value of a large JSON config should not cost a new tree. When the only
 * difference between two versions of a text lies inside one scalar value (a string's content, a
 * number, `true`/`false`/`null`) and the new text of that value is again exactly one clean token,
 * the previous tree is patched in place: the value and its length change, every node after it
 * moves by the difference, every node around it grows by it. Anything else (a key, a comma, a
 * bracket, a token that now scans differently, a file that had errors) returns false and the
 * caller parses the whole text, so the patched tree is always the tree a full parse would give.
 *
 * The tree is mutated: the caller hands over a tree no other model version will read again.
 */
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { type ConfigNode, type ConfigTree, findNodeAtOffset } from './tree';

/** Where two texts differ: `[start, endBefore)` of the old text became `[start, endAfter)` of the new one. */
export interface ChangedSpan {
  readonly start: number;
  readonly endBefore: number;
  readonly endAfter: number;
}

/** Texts are compared a chunk at a time first: slice equality is a native compare, a char loop over 35 MB is not. */
const CHUNK = 4096;

export function changedSpan(before: string, after: string): ChangedSpan {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore - CHUNK >= start && endAfter - CHUNK >= start
    && before.slice(endBefore - CHUNK, endBefore) === after.slice(endAfter - CHUNK, endAfter)) {
    endBefore -= CHUNK;
    endAfter -= CHUNK;
  }
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, endBefore, endAfter };
}

type ScalarToken = Pick<ConfigNode, 'type' | 'value'>;

/** The text as one scalar token and nothing else, or undefined. */
function singleScalar(text: string): ScalarToken | undefined {
  const scanner = createScanner(text, false);
  const token = scanner.scan();
  if (scanner.getTokenError() !== ScanError.None || scanner.getTokenOffset() !== 0 || scanner.getTokenLength() !== text.length) return undefined;
  let scalar: ScalarToken;
  switch (token) {
    case SyntaxKind.StringLiteral:
      scalar = { type: 'string', value: scanner.getTokenValue() };
      break;
    case SyntaxKind.NumericLiteral: {
      const value = Number(scanner.getTokenValue());
      if (Number.isNaN(value)) return undefined;
      scalar = { type: 'number', value };
      break;
    }
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
      scalar = { type: 'boolean', value: token === SyntaxKind.TrueKeyword };
      break;
    case SyntaxKind.NullKeyword:
      scalar = { type: 'null', value: null };
      break;
    default:
      return undefined;
  }
  return scanner.scan() === SyntaxKind.EOF ? scalar : undefined;
}

function isPropertyKey(node: ConfigNode): boolean {
  return node.parent?.type === 'property' && node.parent.children?.[0] === node;
}

/** Moves a subtree by `delta` characters, without recursion. */
function shift(node: ConfigNode, delta: number): void {
  const stack: ConfigNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as ConfigNode;
    current.offset += delta;
    const children = current.children;
    if (children) for (let i = 0; i < children.length; i++) stack.push(children[i]);
  }
}

/**
 * Patches `tree` (the tree of `before`) into the tree of `after` when the edit stays inside one
 * scalar value; true when it did. Keys are not patched: objects keep key indexes (duplicates.ts).
 */
export function patchJsonScalar(tree: ConfigTree, before: string, after: string): boolean {
  const root = tree.root;
  if (tree.format !== 'json' || !root || tree.problems.length > 0 || tree.conversions.size > 0) return false;
  const { start, endBefore, endAfter } = changedSpan(before, after);
  if (start === before.length && start === after.length) return true;
  const node = findNodeAtOffset(root, start, true);
  if (!node || node.children || isPropertyKey(node)) return false;
  const end = node.offset + node.length;
  // A string's quotes stay where they are: the change lies between them.
  const inside = node.type === 'string' ? start > node.offset && endBefore < end : start >= node.offset && endBefore <= end;
  if (!inside) return false;
  const delta = endAfter - endBefore;
  const scalar = singleScalar(after.slice(node.offset, end + delta));
  if (!scalar) return false;
  node.type = scalar.type;
  node.value = scalar.value;
  node.length += delta;
  if (delta !== 0) {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      parent.length += delta;
      const siblings = parent.children as ConfigNode[];
      for (let i = siblings.indexOf(child) + 1; i < siblings.length; i++) shift(siblings[i], delta);
    }
  }
  return true;
}
