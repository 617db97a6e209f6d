/**
 * Repeated keys. Centrifugo reads JSON with Go's encoding/json, which keeps the last value of a
 * repeated key and drops the others without a word. We report repeats inside TLS and autocert
 * blocks, on the path to them (two `tls` objects under one `http_server`), and at the top level.
 */
import { getNodePath, type Node } from '../../model/tree';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { formatPath } from '../../catalog/locations';
import type { ConfigModel } from '../../model';
import { makeDiagnostic } from '../diagnostic';
import { isOverriddenProperty, lastProperties, lineOf, nodeRange, q } from './shared';
import { spellingOf } from './spelling';

export function duplicateDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const root = model.root;
  if (!root || root.type !== 'object') return [];
  const out: Diagnostic[] = [];
  const reported = new Set<Node>();
  const report = (property: Node): void => {
    if (reported.has(property)) return;
    reported.add(property);
    const diagnostic = duplicate(model, property);
    if (diagnostic) out.push(diagnostic);
  };
  for (const property of root.children ?? []) {
    if (isOverriddenProperty(property)) report(property);
  }
  const visited = new Set<Node>();
  for (const block of model.blocks) {
    for (const field of block.fields) {
      if (field.overriddenBy) report(field.property);
    }
    // The properties on the way down to the block; stop at the first one already walked.
    for (let node = block.node.parent; node && node !== root; node = node.parent) {
      if (visited.has(node)) break;
      visited.add(node);
      if (node.type === 'property' && isOverriddenProperty(node)) report(node);
    }
  }
  return out;
}

function duplicate(model: ConfigModel, property: Node): Diagnostic | undefined {
  const keyNode = property.children?.[0];
  const key = keyNode?.value;
  const parent = property.parent;
  if (!keyNode || typeof key !== 'string' || !parent) return undefined;
  const winner = lastProperties(parent).get(key);
  if (!winner || winner === property) return undefined;
  const value = property.children?.[1];
  // JSON and v5's yaml.v2 keep the last of repeated keys (v6's yaml.v3 and TOML refuse them: a syntax error).
  const spelling = spellingOf(model.tree.format);
  const what = value?.type === 'object' ? `the whole ${q(key)} ${spelling.object} here is ignored` : 'this value is ignored';
  return makeDiagnostic(nodeRange(model, keyNode), 'duplicate-key',
    `${q(key)} appears again on line ${lineOf(model, winner)}. ${spelling.reader} keeps only the last of repeated keys, so ${what}. Remove one of the two.`,
    { data: { path: formatPath(getNodePath(keyNode)), key, winnerLine: lineOf(model, winner) - 1 } });
}
