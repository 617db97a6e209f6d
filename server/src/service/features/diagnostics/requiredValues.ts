/**
 * Values Centrifugo v6 requires together, checked by Validate() at every start whatever is
 * switched on (internal/config/validate.go@v6.9.1):
 * - every named proxy needs an endpoint (validateProxy :525-527, called for each of proxies[] at :65);
 *   its timeout has a default (1s, applied by envconfig to items too), so only the endpoint is required;
 * - channel options with history need both history_size and history_ttl (:233-235), for channels
 *   without namespace (:75) and every namespace (:99);
 * - history_ttl and history_meta_ttl must be whole seconds (:227-232, validateSecondPrecisionDuration :511-516).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { formatPath } from '../../catalog/locations';
import { nodeAt } from '../../model/names';
import type { Node, PathSegment } from '../../model/tree';
import { makeDiagnostic } from '../diagnostic';
import { nodeRange, q } from './shared';

function items(root: Node, keys: readonly string[]): { node: Node; path: PathSegment[] }[] {
  const list = nodeAt(root, keys);
  return list?.type === 'array'
    ? (list.children ?? []).flatMap((node, i) => (node.type === 'object' ? [{ node, path: [...keys, i] }] : []))
    : [];
}

/** Zero as Go reads it: absent, null, 0, "", "0", or a duration string of zero. */
function isZero(node: Node | undefined): boolean {
  if (!node || node.type === 'null') return true;
  if (node.type === 'number') return node.value === 0;
  if (node.type === 'string') return /^\s*([-+]?0+(\.0*)?(ns|us|µs|ms|s|m|h)?)*\s*$/.test(node.value as string);
  return false;
}

const UNIT_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a JSON duration as Centrifugo decodes it (a number is nanoseconds); undefined when it is not one. */
export function durationNanos(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === 'number') return node.value as number;
  if (node.type !== 'string') return undefined;
  const text = (node.value as string).trim();
  if (text === '0') return 0;
  const parts = /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(text) ? text.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g) : undefined;
  if (!parts) return undefined;
  let total = 0;
  for (const [, amount, unit] of parts) total += Number(amount) * UNIT_NS[unit];
  return text.startsWith('-') ? -total : total;
}

export function requiredValueDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const root = model.root;
  if (!root || root.type !== 'object' || model.version.version !== 'v6') return [];
  const out: Diagnostic[] = [];
  for (const { node, path } of items(root, ['proxies'])) {
    const endpoint = nodeAt(node, ['endpoint']);
    if (endpoint?.type === 'string' && endpoint.value !== '') continue;
    const anchor = nodeAt(node, ['name']) ?? node;
    out.push(makeDiagnostic(nodeRange(model, endpoint ?? anchor), 'invalid-value',
      `This proxy has no ${q('endpoint')}: Centrifugo checks every named proxy at start-up and stops ("endpoint not set"). Give the URL it calls (http://, https:// or grpc://).`,
      { data: { path: formatPath([...path, 'endpoint']) } }));
  }
  const channelOptions = [{ node: nodeAt(root, ['channel', 'without_namespace']), path: ['channel', 'without_namespace'] as PathSegment[] },
    ...items(root, ['channel', 'namespaces'])];
  for (const { node, path } of channelOptions) {
    if (node?.type !== 'object') continue;
    for (const key of ['history_ttl', 'history_meta_ttl']) {
      const value = nodeAt(node, [key]);
      const ns = durationNanos(value);
      if (!value || ns === undefined || ns <= 0 || Math.round(ns) % 1e9 === 0) continue;
      out.push(makeDiagnostic(nodeRange(model, value), 'invalid-value',
        `${q(key)} must be whole seconds: Centrifugo stops at start-up on a sub-second value${value.type === 'number' ? ` (a bare number is nanoseconds: this is ${String(value.value)} ns)` : ''}.`,
        { data: { path: formatPath([...path, key]) } }));
    }
    const size = nodeAt(node, ['history_size']);
    const ttl = nodeAt(node, ['history_ttl']);
    if (isZero(size) === isZero(ttl)) continue;
    const [set, missing] = isZero(size) ? [ttl, 'history_size'] : [size, 'history_ttl'];
    if (!set) continue;
    out.push(makeDiagnostic(nodeRange(model, set), 'invalid-value',
      `History needs both ${q('history_size')} and ${q('history_ttl')}: with ${q(missing)} unset, Centrifugo stops at start-up. Set ${q(missing)} too, or remove this one.`,
      { data: { path: formatPath([...path, missing === 'history_ttl' ? 'history_size' : 'history_ttl']) } }));
  }
  return out;
}
