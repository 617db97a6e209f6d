/**
 * The settings that name a proxy, per version: one table for the two questions asked of them —
 * which proxies a config turns on (model/featureGates.ts, for the load plan) and which names must
 * be defined (model/names.ts, for undefined-name). Keeping both on one list means a key added
 * for one cannot be missed by the other.
 */

/** v6 channel options (`channel.without_namespace`, each `channel.namespaces[]`): event, its switch, its proxy name. */
export const V6_CHANNEL_PROXY_EVENTS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['subscribe', ['subscribe_proxy_enabled'], ['subscribe_proxy_name']],
  ['publish', ['publish_proxy_enabled'], ['publish_proxy_name']],
  ['sub_refresh', ['sub_refresh_proxy_enabled'], ['sub_refresh_proxy_name']],
  ['subscribe_stream', ['subscribe_stream_proxy_enabled'], ['subscribe_stream_proxy_name']],
  ['map_publish', ['map', 'publish_proxy_enabled'], ['map', 'publish_proxy_name']],
  ['map_remove', ['map', 'remove_proxy_enabled'], ['map', 'remove_proxy_name']],
];

/** v5 channel events named at the top level and in each `namespaces[]` item: event, key. */
export const V5_CHANNEL_PROXY_NAME_KEYS: readonly (readonly [string, string])[] = [
  ['subscribe', 'subscribe_proxy_name'], ['publish', 'publish_proxy_name'], ['sub_refresh', 'sub_refresh_proxy_name'],
  ['subscribe_stream', 'subscribe_stream_proxy_name'],
];

/** v5 events named only at the top level (besides the channel events and `rpc_proxy_name`). */
export const V5_CLIENT_PROXY_NAME_KEYS: readonly (readonly [string, string])[] = [
  ['connect', 'connect_proxy_name'], ['refresh', 'refresh_proxy_name'],
];

/** v5 RPC: at the top level and in each `rpc_namespaces[]` item. */
export const V5_RPC_PROXY_NAME_KEY = 'rpc_proxy_name';
