/**
 * Names a config defines (proxies, namespaces, rpc namespaces, consumers) and the settings that
 * refer to them, per version. Diagnostics check them; completion offers the defined names.
 *
 * v6 (internal/config/validate.go@v6.9.1, run at every start, whatever is switched on):
 * proxy names unique (:61-64), "default" reserved (:70) and always valid as a reference (:73);
 * channel option references (:272-318, shared_poll only with subscription_type shared_poll :345-350);
 * rpc references (:499); namespaces unique (:96), rpc namespaces unique (:137), consumers unique (:151);
 * the personal channel namespace must exist when the feature is on (:83-112).
 * v5 (v5.4.9): namespaces unique (internal/rule/rule.go:202), rpc namespaces (:223), consumers
 * (internal/consuming/consuming.go:57); proxies are read only in granular proxy mode
 * (main.go:610-617), which checks duplicates (main.go:1909) and references (main.go:2219-2381).
 */
import type { CentrifugoVersion } from '../catalog/locations';
import {
  V5_CHANNEL_PROXY_NAME_KEYS, V5_CLIENT_PROXY_NAME_KEYS, V5_RPC_PROXY_NAME_KEY, V6_CHANNEL_PROXY_EVENTS,
} from '../catalog/proxyNameKeys';
import { type Node, type PathSegment, lastProperty, propertyKey } from './tree';

export type NameKind = 'proxy' | 'namespace' | 'rpcNamespace' | 'consumer';

export interface NameDefinition {
  readonly kind: NameKind;
  readonly name: string;
  /** The `name` value node. */
  readonly node: Node;
  readonly path: readonly PathSegment[];
}

export interface NameReference {
  readonly kind: NameKind;
  readonly name: string;
  readonly node: Node;
  readonly path: readonly PathSegment[];
  /** Names that are valid without a definition (`default`, the channel.proxy.* block). */
  readonly builtIn: readonly string[];
}

/** The arrays that define names, per version. */
export const NAME_ARRAYS: Readonly<Record<CentrifugoVersion, readonly (readonly [NameKind, readonly string[]])[]>> = {
  v6: [['proxy', ['proxies']], ['namespace', ['channel', 'namespaces']], ['rpcNamespace', ['rpc', 'namespaces']], ['consumer', ['consumers']]],
  v5: [['proxy', ['proxies']], ['namespace', ['namespaces']], ['rpcNamespace', ['rpc_namespaces']], ['consumer', ['consumers']]],
};

/** Keys, relative to a channel-options object, that name a proxy (v6). */
const V6_CHANNEL_PROXY_KEYS: readonly (readonly string[])[] = V6_CHANNEL_PROXY_EVENTS.map(([, , nameKey]) => nameKey);
const V5_NAMESPACE_PROXY_KEYS: readonly string[] = V5_CHANNEL_PROXY_NAME_KEYS.map(([, key]) => key);
const V5_TOP_PROXY_KEYS: readonly string[] = [...V5_CLIENT_PROXY_NAME_KEYS.map(([, key]) => key), V5_RPC_PROXY_NAME_KEY, ...V5_NAMESPACE_PROXY_KEYS];

/** The value node at a relative path of keys. */
export function nodeAt(root: Node | undefined, keys: readonly PathSegment[]): Node | undefined {
  let node = root;
  for (const key of keys) {
    if (!node) return undefined;
    if (typeof key === 'number') node = node.type === 'array' ? node.children?.[key] : undefined;
    else node = lastProperty(node, key)?.children?.[1];
  }
  return node;
}

function items(root: Node | undefined, keys: readonly string[]): { node: Node; index: number }[] {
  const list = nodeAt(root, keys);
  return list?.type === 'array' ? (list.children ?? []).map((node, index) => ({ node, index })).filter((i) => i.node.type === 'object') : [];
}

function stringAt(object: Node, keys: readonly string[]): Node | undefined {
  const n = nodeAt(object, keys);
  return n?.type === 'string' ? n : undefined;
}

export function nameDefinitions(root: Node | undefined, version: CentrifugoVersion): NameDefinition[] {
  const out: NameDefinition[] = [];
  for (const [kind, keys] of NAME_ARRAYS[version]) {
    for (const { node, index } of items(root, keys)) {
      const nameNode = stringAt(node, ['name']);
      if (nameNode) out.push({ kind, name: nameNode.value as string, node: nameNode, path: [...keys, index, 'name'] });
    }
  }
  return out;
}

/** Every setting that names a proxy or a namespace, with the names valid without a definition. */
export function nameReferences(root: Node | undefined, version: CentrifugoVersion): NameReference[] {
  const out: NameReference[] = [];
  const add = (kind: NameKind, object: Node, base: readonly PathSegment[], keys: readonly string[], builtIn: readonly string[]): void => {
    const node = stringAt(object, keys);
    if (node && (node.value as string) !== '') out.push({ kind, name: node.value as string, node, path: [...base, ...keys], builtIn });
  };
  if (!root || root.type !== 'object') return out;
  if (version === 'v6') {
    const channelOptions: { node: Node; path: PathSegment[] }[] = [];
    const without = nodeAt(root, ['channel', 'without_namespace']);
    if (without?.type === 'object') channelOptions.push({ node: without, path: ['channel', 'without_namespace'] });
    for (const { node, index } of items(root, ['channel', 'namespaces'])) channelOptions.push({ node, path: ['channel', 'namespaces', index] });
    for (const { node, path } of channelOptions) {
      for (const keys of V6_CHANNEL_PROXY_KEYS) add('proxy', node, path, keys, ['default']);
      if (stringAt(node, ['subscription_type'])?.value === 'shared_poll') add('proxy', node, path, ['shared_poll', 'proxy_name'], ['default']);
    }
    const rpcWithout = nodeAt(root, ['rpc', 'without_namespace']);
    if (rpcWithout?.type === 'object') add('proxy', rpcWithout, ['rpc', 'without_namespace'], ['proxy_name'], ['default']);
    for (const { node, index } of items(root, ['rpc', 'namespaces'])) add('proxy', node, ['rpc', 'namespaces', index], ['proxy_name'], ['default']);
    const personal = nodeAt(root, ['client', 'subscribe_to_user_personal_channel']);
    if (personal?.type === 'object' && nodeAt(personal, ['enabled'])?.value === true) {
      add('namespace', personal, ['client', 'subscribe_to_user_personal_channel'], ['personal_channel_namespace'], []);
    }
    return out;
  }
  for (const key of V5_TOP_PROXY_KEYS) add('proxy', root, [], [key], []);
  for (const { node, index } of items(root, ['namespaces'])) {
    for (const key of V5_NAMESPACE_PROXY_KEYS) add('proxy', node, ['namespaces', index], [key], []);
  }
  for (const { node, index } of items(root, ['rpc_namespaces'])) add('proxy', node, ['rpc_namespaces', index], [V5_RPC_PROXY_NAME_KEY], []);
  return out;
}

/** The kind of name a key refers to, for completion (`subscribe_proxy_name` → proxy). */
export function referenceKindOfKey(version: CentrifugoVersion, key: string): NameKind | undefined {
  if (key.endsWith('proxy_name') || (version === 'v6' && key === 'proxy_name')) return 'proxy';
  if (key === 'personal_channel_namespace') return 'namespace';
  return undefined;
}

export { propertyKey };
