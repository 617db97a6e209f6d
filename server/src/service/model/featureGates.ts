/**
 * Which part of Centrifugo must run for a TLS location to be built, and whether it runs. TLS is
 * built when its feature starts, never when the config is parsed, so a block under a feature that
 * is off is inert. Sources (file:line@tag in Centrifugo's repository), per location:
 * - v6 grpc_api.tls / uni_grpc.tls: internal/app/run.go:285-301@v6.9.1
 * - v6 engine / broker / presence_manager / map_broker / controller: internal/app/engine.go:26-127,264-305@v6.9.1
 * - v6 client/channel/rpc proxies and named proxies[]: internal/app/proxy.go:36-519@v6.9.1; the side
 *   an endpoint selects: internal/proxy/proxy.go:90-100@v6.9.1
 * - v6 consumers[]: internal/consuming/consuming.go:33-58@v6.9.1 (`enabled` must be true)
 * - v5 grpc_api_tls*: main.go:788-810@v5.4.9; uni_grpc: main.go:843-862; redis_*: main.go:644-657,
 *   2680-2774; nats_tls: main.go:650-695; proxy_grpc_tls / proxies[].grpc_tls: main.go:610-618,
 *   2044-2390; v5 consumers run unless `disabled`: internal/consuming/consuming.go:77-99@v5.4.9
 * A flag or a CENTRIFUGO_* variable can switch a feature on (internal/config/config.go:133-167@v6.9.1),
 * so a gate that is off is never a reason for silence: the findings become warnings.
 *
 * Public API (also for the whole-config checks that apply "the feature is off" to other names):
 * `featureGate(lookup, version, location, segments)` and `proxyReferences(lookup, version)`.
 */
import type { CentrifugoVersion, Location } from '../catalog/locations';
import {
  V5_CHANNEL_PROXY_NAME_KEYS, V5_CLIENT_PROXY_NAME_KEYS, V5_RPC_PROXY_NAME_KEY, V6_CHANNEL_PROXY_EVENTS,
} from '../catalog/proxyNameKeys';
import { type ConfigLookup, isNonEmpty, type PathSegment, stringOf, switchStateOf } from './lookup';

/** One condition on another setting. `path` is the dotted concrete path it reads. */
export interface Condition {
  readonly path: string;
  readonly holds: boolean;
  /** What the setting is now, as words after the path: `is false`, `is not set`, `is "memory"`. */
  readonly actual: string;
  /** False when nothing the user can switch makes it hold (a subscribe-stream proxy over HTTP). */
  readonly switchable: boolean;
  /** A few words for a CodeLens when `path actual` would be long: `no namespace uses proxy "a"`. */
  readonly short?: string;
}

export interface FeatureGate {
  /** What runs: `the gRPC API`, `the Redis engine`, `the subscribe proxy`. */
  readonly feature: string;
  /** Every condition, in the order Centrifugo checks them. */
  readonly conditions: readonly Condition[];
  readonly on: boolean;
  /** The first condition that does not hold. */
  readonly failing?: Condition;
  /** What turns it on, for "fix it before ...": `turning the gRPC API on`. */
  readonly before: string;
}

const ALWAYS: FeatureGate = { feature: 'Centrifugo', conditions: [], on: true, before: 'starting Centrifugo' };

function dotted(path: readonly PathSegment[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function gate(feature: string, conditions: readonly Condition[], before = `turning ${feature} on`): FeatureGate {
  const failing = conditions.find((c) => !c.holds);
  return { feature, conditions, on: !failing, before, ...(failing ? { failing } : {}) };
}

const TECH_WORDS: Readonly<Record<string, string>> = {
  kafka: 'Kafka', postgresql: 'PostgreSQL', nats_jetstream: 'NATS JetStream', redis_stream: 'Redis Streams',
};

function actualWords(lookup: ConfigLookup, path: readonly PathSegment[], fallback?: string): string {
  const found = lookup(path);
  if (!found) return fallback !== undefined ? `is not set (default ${JSON.stringify(fallback)})` : 'is not set';
  if (found.kind !== 'scalar') return `is ${found.kind === 'array' ? 'a list' : 'an object'}`;
  if (found.value === null) return 'is null';
  return `is ${typeof found.value === 'string' ? JSON.stringify(found.value) : String(found.value)}`;
}

type Words = (lookup: ConfigLookup, path: readonly PathSegment[], fallback?: string) => string;

/**
 * A condition on the setting at `segments`. Its words are put together only when asked for: a
 * finding or a lens shows the failing condition alone, while every block of a large config
 * evaluates several (one lookup each, no strings kept per block).
 */
class PathCondition implements Condition {
  readonly switchable = true;

  constructor(
    private readonly lookup: ConfigLookup,
    private readonly segments: readonly PathSegment[],
    readonly holds: boolean,
    private readonly words: Words,
    private readonly fallback?: string,
  ) {}

  get path(): string {
    return dotted(this.segments);
  }

  get actual(): string {
    return this.words(this.lookup, this.segments, this.fallback);
  }

  /** The same condition, decided otherwise (v5 `redisnats` builds the NATS broker whatever `broker` says). */
  holding(holds: boolean): PathCondition {
    return new PathCondition(this.lookup, this.segments, holds, this.words, this.fallback);
  }
}

const NOT_SET: Words = () => 'is not set';
const CLUSTER_SET: Words = () => 'is set (a cluster takes precedence)';
const HTTP_SIDE_MISSED: Words = (lookup, path) => `${actualWords(lookup, path)} (not http:// or https://, so the gRPC side is used)`;
const GRPC_SIDE_MISSED: Words = (lookup, path) => `${actualWords(lookup, path)} (an HTTP endpoint, so the HTTP side is used)`;

export function isTrue(lookup: ConfigLookup, path: readonly PathSegment[]): Condition {
  return new PathCondition(lookup, path, switchStateOf(lookup(path)) === 'on', actualWords);
}

function isNotTrue(lookup: ConfigLookup, path: readonly PathSegment[]): Condition {
  return new PathCondition(lookup, path, switchStateOf(lookup(path)) !== 'on', actualWords);
}

function equals(lookup: ConfigLookup, path: readonly PathSegment[], wanted: readonly string[], fallback: string): PathCondition {
  const value = stringOf(lookup(path)) ?? fallback;
  return new PathCondition(lookup, path, wanted.includes(value), actualWords, fallback);
}

function present(lookup: ConfigLookup, path: readonly PathSegment[]): Condition {
  return new PathCondition(lookup, path, isNonEmpty(lookup(path)), NOT_SET);
}

function absent(lookup: ConfigLookup, path: readonly PathSegment[]): Condition {
  return new PathCondition(lookup, path, !isNonEmpty(lookup(path)), CLUSTER_SET);
}

function isHttpEndpoint(endpoint: string | undefined): boolean {
  return endpoint !== undefined && (endpoint.startsWith('http://') || endpoint.startsWith('https://'));
}

/** The block at `<proxy>.http.tls` needs an http(s) endpoint, `<proxy>.grpc.tls` any other. */
function endpointSide(lookup: ConfigLookup, proxy: readonly PathSegment[], side: 'http' | 'grpc'): Condition {
  const path = [...proxy, 'endpoint'];
  const http = isHttpEndpoint(stringOf(lookup(path)));
  return side === 'http' ? new PathCondition(lookup, path, http, HTTP_SIDE_MISSED) : new PathCondition(lookup, path, !http, GRPC_SIDE_MISSED);
}

/** A reference to a proxy that Centrifugo builds: the switch is on, and it names `name`. */
export interface ProxyReference {
  /** `subscribe`, `publish`, `sub_refresh`, `subscribe_stream`, `map_publish`, `map_remove`, `shared_poll_refresh`, `rpc` (v5 also `connect`, `refresh`). */
  readonly event: string;
  readonly name: string;
  /** Dotted path of the setting that switches it on (v6) or names it (v5). */
  readonly path: string;
}

const DEFAULT_PROXY = 'default';

function elements(lookup: ConfigLookup, path: readonly PathSegment[]): PathSegment[][] {
  const found = lookup(path);
  const count = found?.kind === 'array' ? found.length ?? 0 : 0;
  return Array.from({ length: count }, (_, i) => [...path, i]);
}

/**
 * Every proxy reference that makes Centrifugo build a proxy, in v6 (internal/app/proxy.go:66-519@v6.9.1:
 * only a reference whose `*_enabled` is on counts; the name defaults to "default", the
 * `channel.proxy.*` / `rpc.proxy` block) or v5 in granular mode (main.go:1895-1926,2195-2390@v5.4.9:
 * a non-empty `*_proxy_name` is the switch).
 */
export function proxyReferences(lookup: ConfigLookup, version: CentrifugoVersion): readonly ProxyReference[] {
  // Asked once per proxy block: tens of thousands of proxies must not re-walk every namespace each time.
  const cache = referenceCache.get(lookup);
  const cached = cache?.[version];
  if (cached) return cached;
  const refs = collectReferences(lookup, version);
  referenceCache.set(lookup, { ...cache, [version]: refs });
  return refs;
}

const referenceCache = new WeakMap<ConfigLookup, Partial<Record<CentrifugoVersion, readonly ProxyReference[]>>>();

/**
 * The references of proxyReferences grouped by name, in their order: each named proxy block asks
 * about its own name, and scanning every reference per block was quadratic in big configs.
 */
function referencesNamed(lookup: ConfigLookup, version: CentrifugoVersion, name: string): readonly ProxyReference[] {
  const cache = byNameCache.get(lookup);
  let byName = cache?.[version];
  if (!byName) {
    const grouped = new Map<string, ProxyReference[]>();
    for (const ref of proxyReferences(lookup, version)) {
      const list = grouped.get(ref.name);
      if (list) list.push(ref);
      else grouped.set(ref.name, [ref]);
    }
    byName = grouped;
    byNameCache.set(lookup, { ...cache, [version]: byName });
  }
  return byName.get(name) ?? [];
}

const byNameCache = new WeakMap<ConfigLookup, Partial<Record<CentrifugoVersion, ReadonlyMap<string, readonly ProxyReference[]>>>>();

function collectReferences(lookup: ConfigLookup, version: CentrifugoVersion): ProxyReference[] {
  const out: ProxyReference[] = [];
  if (version === 'v6') {
    const channelOptions = [['channel', 'without_namespace'], ...elements(lookup, ['channel', 'namespaces'])];
    for (const options of channelOptions) {
      for (const [event, enabledKey, nameKey] of V6_CHANNEL_PROXY_EVENTS) {
        if (switchStateOf(lookup([...options, ...enabledKey])) !== 'on') continue;
        out.push({ event, name: stringOf(lookup([...options, ...nameKey])) ?? DEFAULT_PROXY, path: dotted([...options, ...enabledKey]) });
      }
      if (stringOf(lookup([...options, 'subscription_type'])) === 'shared_poll') {
        const name = stringOf(lookup([...options, 'shared_poll', 'proxy_name']));
        out.push({ event: 'shared_poll_refresh', name: name === undefined || name === '' ? DEFAULT_PROXY : name, path: dotted([...options, 'subscription_type']) });
      }
    }
    for (const options of [['rpc', 'without_namespace'], ...elements(lookup, ['rpc', 'namespaces'])]) {
      if (switchStateOf(lookup([...options, 'proxy_enabled'])) !== 'on') continue;
      out.push({ event: 'rpc', name: stringOf(lookup([...options, 'proxy_name'])) ?? DEFAULT_PROXY, path: dotted([...options, 'proxy_enabled']) });
    }
    return out;
  }
  const named = (event: string, path: PathSegment[]): void => {
    const name = stringOf(lookup(path));
    if (name) out.push({ event, name, path: dotted(path) });
  };
  for (const [event, key] of [...V5_CLIENT_PROXY_NAME_KEYS, ...V5_CHANNEL_PROXY_NAME_KEYS]) named(event, [key]);
  named('rpc', [V5_RPC_PROXY_NAME_KEY]);
  for (const ns of elements(lookup, ['namespaces'])) for (const [event, key] of V5_CHANNEL_PROXY_NAME_KEYS) named(event, [...ns, key]);
  for (const ns of elements(lookup, ['rpc_namespaces'])) named('rpc', [...ns, V5_RPC_PROXY_NAME_KEY]);
  return out;
}

function referenced(refs: readonly ProxyReference[], test: (ref: ProxyReference) => boolean, path: string, words: string, short: string): Condition {
  return { path, holds: refs.some(test), actual: words, switchable: true, short };
}

/**
 * "No namespace uses the named proxy": asked for each of the tens of thousands of `proxies[]`
 * blocks a large config may have, so its words are put together only when a finding shows them.
 */
class NamedProxyCondition implements Condition {
  readonly switchable = true;

  constructor(
    readonly holds: boolean,
    private readonly proxy: readonly PathSegment[],
    private readonly name: string,
    private readonly namer: string,
  ) {}

  get path(): string {
    return dotted([...this.proxy, 'name']);
  }

  get actual(): string {
    return `is ${JSON.stringify(this.name)}, and no ${this.namer} names this proxy`;
  }

  get short(): string {
    return `no namespace uses proxy ${JSON.stringify(this.name)}`;
  }
}

const REDIS_SECTIONS = new Set(['engine', 'broker', 'presence_manager', 'map_broker']);

function redisMode(lookup: ConfigLookup, section: readonly PathSegment[], last: string): Condition[] {
  if (last !== 'sentinel_tls') return [];
  // Sentinel TLS is read only when sentinels are configured and no cluster is (internal/confighelpers/redis.go:65,84-90@v6.9.1).
  return [present(lookup, [...section, 'sentinel_address']), absent(lookup, [...section, 'cluster_address'])];
}

function v6Gate(lookup: ConfigLookup, pattern: string, segments: readonly PathSegment[]): FeatureGate {
  const top = pattern.split('.')[0].replace('[]', '');
  const parts = pattern.split('.');
  const last = parts[parts.length - 1];
  if (top === 'http_server') return ALWAYS;
  if (top === 'grpc_api') return gate('the gRPC API', [isTrue(lookup, ['grpc_api', 'enabled'])]);
  if (top === 'uni_grpc') return gate('the unidirectional gRPC server', [isTrue(lookup, ['uni_grpc', 'enabled'])]);
  if (REDIS_SECTIONS.has(top) || top === 'controller') {
    const kind = parts[1];
    const section = segments.slice(0, 2);
    const words = kind === 'redis' ? 'Redis' : kind === 'nats' ? 'NATS' : 'PostgreSQL';
    if (top === 'engine') {
      const bothOn = switchStateOf(lookup(['broker', 'enabled'])) === 'on' && switchStateOf(lookup(['presence_manager', 'enabled'])) === 'on';
      const skipped: Condition = { path: 'broker.enabled', holds: !bothOn, actual: 'and `presence_manager.enabled` are both true (the engine is not built then)', switchable: true, short: 'broker and presence manager replace the engine' };
      return gate('the Redis engine', [equals(lookup, ['engine', 'type'], ['redis'], 'memory'), skipped, ...redisMode(lookup, section, last)]);
    }
    if (top === 'map_broker') return gate(`the ${words} map broker`, [equals(lookup, ['map_broker', 'type'], [kind], 'memory'), ...redisMode(lookup, section, last)]);
    const types = top === 'broker' && kind !== 'postgres' && switchStateOf(lookup(['enable_unreleased_features'])) === 'on' ? [kind, 'redisnats'] : [kind];
    const label = top === 'broker' ? `the ${words} broker` : top === 'controller' ? `the ${words} controller` : `the ${words} presence manager`;
    return gate(label, [isTrue(lookup, [top, 'enabled']), equals(lookup, [top, 'type'], types, top === 'controller' ? '' : 'memory'), ...redisMode(lookup, section, last)]);
  }
  if (top === 'consumers') {
    const consumer = segments.slice(0, 2);
    const type = parts[1];
    const name = stringOf(lookup([...consumer, 'name']));
    return gate(`the ${TECH_WORDS[type] ?? type} consumer${name ? ` ${JSON.stringify(name)}` : ''}`, [isTrue(lookup, [...consumer, 'enabled']), equals(lookup, [...consumer, 'type'], [type], ''), ...redisMode(lookup, segments.slice(0, 3), last)]);
  }
  const side = parts[parts.length - 2] === 'http' ? 'http' : 'grpc';
  if (top === 'client') {
    const proxy = segments.slice(0, 3);
    const event = String(segments[2]);
    return gate(`the ${event} proxy`, [isTrue(lookup, [...proxy, 'enabled']), endpointSide(lookup, proxy, side)]);
  }
  if (top === 'channel' || top === 'rpc') {
    const proxy = top === 'rpc' ? segments.slice(0, 2) : segments.slice(0, 3);
    const event = top === 'rpc' ? 'rpc' : String(segments[2]);
    const words = event.replace(/_/g, ' ');
    if (event === 'subscribe_stream' && side === 'http') {
      // Subscribe-stream proxies speak only gRPC (internal/proxy/subscribe_stream_grpc.go:17-25@v6.9.1).
      return gate('the subscribe stream proxy', [{ path: dotted(segments), holds: false, actual: 'is never read: subscribe stream proxies use only gRPC', switchable: false, short: 'subscribe stream proxies use only gRPC' }]);
    }
    const where = top === 'rpc' ? 'rpc.namespaces[].proxy_enabled' : event === 'shared_poll_refresh' ? 'channel.namespaces[].subscription_type' : `channel.namespaces[].${event.startsWith('map_') ? `map.${event.slice(4)}` : event}_proxy_enabled`;
    const what = event === 'shared_poll_refresh' ? 'no namespace uses `subscription_type: "shared_poll"` with this proxy' : `no namespace (nor ${top === 'rpc' ? '`rpc.without_namespace`' : '`channel.without_namespace`'}) turns the ${words} proxy on with the default name`;
    return gate(`the ${words} proxy`, [referenced(referencesNamed(lookup, 'v6', DEFAULT_PROXY), (r) => r.event === event, where, what, `no namespace uses the ${words} proxy`), endpointSide(lookup, proxy, side)]);
  }
  if (top === 'proxies') {
    const proxy = segments.slice(0, 2);
    const name = stringOf(lookup([...proxy, 'name'])) ?? '';
    const holds = referencesNamed(lookup, 'v6', name).some((r) => !(r.event === 'subscribe_stream' && side === 'http'));
    const condition = new NamedProxyCondition(holds, proxy, name, 'namespace option that is turned on');
    return gate(`the named proxy ${JSON.stringify(name)}`, [condition, endpointSide(lookup, proxy, side)], 'a namespace uses this proxy');
  }
  return ALWAYS;
}

function v5Gate(lookup: ConfigLookup, location: Location, segments: readonly PathSegment[]): FeatureGate {
  const redisEngine = (): Condition => equals(lookup, ['engine'],
    switchStateOf(lookup(['enable_unreleased_features'])) === 'on' ? ['redis', 'redisnats'] : ['redis'], 'memory');
  if (location.shape === 'flat') {
    if (location.container === 'consumers[].kafka') {
      const consumer = segments.slice(0, 2);
      return gate('the Kafka consumer', [isNotTrue(lookup, [...consumer, 'disabled']), equals(lookup, [...consumer, 'type'], ['kafka'], '')]);
    }
    switch (location.prefix) {
      case 'grpc_api_': return gate('the gRPC API', [isTrue(lookup, ['grpc_api'])]);
      case 'uni_grpc_': return gate('the unidirectional gRPC server', [isTrue(lookup, ['uni_grpc'])]);
      case 'redis_': return gate('the Redis engine', [redisEngine()]);
      case 'redis_sentinel_': return gate('the Redis engine', [redisEngine(), present(lookup, ['redis_sentinel_address']), absent(lookup, ['redis_cluster_address'])]);
      default: return ALWAYS;
    }
  }
  switch (location.pattern) {
    case 'nats_tls': {
      const broker = equals(lookup, ['broker'], ['nats'], '');
      const redisnats = switchStateOf(lookup(['enable_unreleased_features'])) === 'on' && stringOf(lookup(['engine'])) === 'redisnats';
      return gate('the NATS broker', [redisnats ? broker.holding(true) : broker]);
    }
    case 'proxy_grpc_tls': {
      const endpoints = ['connect', 'refresh', 'subscribe', 'publish', 'rpc', 'sub_refresh', 'subscribe_stream']
        .map((event) => stringOf(lookup([`proxy_${event}_endpoint`])));
      const grpc: Condition = { path: 'proxy_connect_endpoint', holds: endpoints.some((e) => e !== undefined && e !== '' && !isHttpEndpoint(e)), actual: 'and the other `proxy_*_endpoint` settings name no gRPC endpoint', switchable: true, short: 'no gRPC proxy endpoint' };
      return gate('the gRPC proxies', [isNotTrue(lookup, ['granular_proxy_mode']), grpc]);
    }
    case 'proxies[].grpc_tls': {
      const proxy = segments.slice(0, 2);
      const name = stringOf(lookup([...proxy, 'name'])) ?? '';
      return gate(`the named proxy ${JSON.stringify(name)}`, [
        isTrue(lookup, ['granular_proxy_mode']),
        new NamedProxyCondition(referencesNamed(lookup, 'v5', name).length > 0, proxy, name, '`*_proxy_name` setting'),
        endpointSide(lookup, proxy, 'grpc'),
      ], 'a namespace uses this proxy');
    }
    default: return ALWAYS;
  }
}

/** Whether the part of Centrifugo that builds the TLS block at `segments` (a `location`) runs. */
export function featureGate(lookup: ConfigLookup, version: CentrifugoVersion, location: Location, segments: readonly PathSegment[]): FeatureGate {
  if (version === 'v5') return v5Gate(lookup, location, segments);
  return location.shape === 'object' ? v6Gate(lookup, location.pattern, segments) : ALWAYS;
}
