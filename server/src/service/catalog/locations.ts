/**
 * Where TLS and autocert settings can stand, in each layout users write: the documented layout of
 * the public page, Centrifugo v5 and Centrifugo v6. A location says which version reads it, in
 * which form, which side of the connection Centrifugo is on there, and where its settings belong
 * in the other version.
 */
import type { FormId } from './fields';
import { V6_TLS_PATHS } from './v6TlsPaths';

export type CentrifugoVersion = 'v5' | 'v6';

/** Server: Centrifugo accepts connections (its certificate, client CA). Client: it dials out (server CA, server name). */
export type Side = 'server' | 'client';

export interface ObjectLocation {
  readonly shape: 'object';
  readonly kind: 'tls' | 'autocert';
  /** Dotted pattern; `[]` stands for any array element: `proxies[].grpc.tls`. */
  readonly pattern: string;
  readonly segments: readonly string[];
  /** The versions that read an object here, and the form each reads. Empty: no version reads it. */
  readonly readBy: Partial<Record<CentrifugoVersion, FormId>>;
  /** Shown on the public documentation page. */
  readonly documented: boolean;
  /** v6 release that introduced this location. */
  readonly since?: string;
  readonly side: Side;
  /** Where the same settings go in each version, when this location is not read there. */
  readonly moveTo: Partial<Record<CentrifugoVersion, string>>;
}

/** A v5 family of flat keys sharing a prefix (`grpc_api_tls_cert`, ...) inside one object. */
export interface FlatFamily {
  readonly shape: 'flat';
  readonly kind: 'tls' | 'autocert';
  /** Dotted pattern of the object that holds the keys; '' is the top level. */
  readonly container: string;
  readonly containerSegments: readonly string[];
  /** Key prefix before the form's keys: '' for `tls_cert`, 'grpc_api_' for `grpc_api_tls_cert`. */
  readonly prefix: string;
  readonly form: FormId;
  readonly side: Side;
  /** Suffixes of the flat form that exist for this family (tls_external, tls_disable are not universal). */
  readonly keys: ReadonlySet<string>;
  /** Where the same settings live in v6. */
  readonly v6Location?: string;
  /** A name for the part of Centrifugo these keys configure. */
  readonly subject: string;
}

export type Location = ObjectLocation | FlatFamily;

/** Locations where Centrifugo accepts connections; everywhere else it is the TLS client. */
const SERVER_SIDE = new Set(['tls', 'http_server.tls', 'http_server.internal_tls', 'grpc_api.tls', 'uni_grpc.tls']);

export function splitPattern(pattern: string): string[] {
  // 'proxies[].grpc.tls' -> ['proxies', '[]', 'grpc', 'tls']
  return pattern.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
}

function objectLocation(
  pattern: string,
  kind: ObjectLocation['kind'],
  readBy: ObjectLocation['readBy'],
  extra: Partial<Pick<ObjectLocation, 'documented' | 'since' | 'moveTo'>> = {},
): ObjectLocation {
  return {
    shape: 'object',
    kind,
    pattern,
    segments: splitPattern(pattern),
    readBy,
    documented: extra.documented ?? false,
    since: extra.since,
    side: SERVER_SIDE.has(pattern) || kind === 'autocert' ? 'server' : 'client',
    moveTo: extra.moveTo ?? {},
  };
}

const V5_OBJECT: FormId = 'tls-object-v5';
const V6_OBJECT: FormId = 'tls-object-v6';

/** v5 reads these unified TLSConfig objects; in v6 their settings moved. */
const V5_OBJECT_LOCATIONS: readonly ObjectLocation[] = [
  objectLocation('nats_tls', 'tls', { v5: V5_OBJECT }, { moveTo: { v6: 'broker.nats.tls' } }),
  objectLocation('proxy_grpc_tls', 'tls', { v5: V5_OBJECT }, { moveTo: { v6: 'client.proxy.connect.grpc.tls' } }),
  objectLocation('proxies[].grpc_tls', 'tls', { v5: V5_OBJECT }, { moveTo: { v6: 'proxies[].grpc.tls' } }),
];

const DOCUMENTED_ONLY_LOCATIONS: readonly ObjectLocation[] = [
  objectLocation('tls', 'tls', {}, { documented: true, moveTo: { v6: 'http_server.tls', v5: 'tls' } }),
  objectLocation('tls_autocert', 'autocert', {}, { documented: true, moveTo: { v6: 'http_server.tls_autocert', v5: 'tls_autocert' } }),
  objectLocation('unified_proxy.grpc.tls', 'tls', {}, { documented: true, moveTo: { v6: 'proxies[].grpc.tls', v5: 'proxy_grpc_tls' } }),
];

/** The documented page also shows grpc_api.tls and uni_grpc.tls: those are real v6 locations. */
const DOCUMENTED_V6 = new Set(['grpc_api.tls', 'uni_grpc.tls']);
const V5_FLAT_EQUIVALENT: Readonly<Record<string, string>> = {
  'http_server.tls': 'tls',
  'grpc_api.tls': 'grpc_api_tls',
  'uni_grpc.tls': 'uni_grpc_tls',
  'engine.redis.tls': 'redis_tls',
  'engine.redis.sentinel_tls': 'redis_sentinel_tls',
  'broker.nats.tls': 'nats_tls',
  'proxies[].grpc.tls': 'proxies[].grpc_tls',
  'http_server.tls_autocert': 'tls_autocert',
};

const V6_LOCATIONS: readonly ObjectLocation[] = [
  ...V6_TLS_PATHS.map(([pattern, since]) =>
    objectLocation(pattern, 'tls', { v6: V6_OBJECT }, {
      since,
      documented: DOCUMENTED_V6.has(pattern),
      moveTo: V5_FLAT_EQUIVALENT[pattern] ? { v5: V5_FLAT_EQUIVALENT[pattern] } : {},
    }),
  ),
  objectLocation('http_server.tls_autocert', 'autocert', { v6: 'autocert-object' }, { since: 'v6.0.0', moveTo: { v5: 'tls_autocert' } }),
];

export const OBJECT_LOCATIONS: readonly ObjectLocation[] = [...DOCUMENTED_ONLY_LOCATIONS, ...V5_OBJECT_LOCATIONS, ...V6_LOCATIONS];

const COMMON_FLAT_KEYS = ['tls', 'tls_cert', 'tls_key', 'tls_cert_pem', 'tls_key_pem', 'tls_root_ca', 'tls_root_ca_pem',
  'tls_client_ca', 'tls_client_ca_pem', 'tls_server_name', 'tls_insecure_skip_verify'];

function flatFamily(
  container: string, prefix: string, side: Side, subject: string, v6Location: string | undefined, extraKeys: string[] = [],
): FlatFamily {
  return {
    shape: 'flat', kind: 'tls', container, containerSegments: container ? splitPattern(container) : [], prefix,
    form: 'tls-flat-v5', side, keys: new Set([...COMMON_FLAT_KEYS, ...extraKeys]), v6Location, subject,
  };
}

export const FLAT_FAMILIES: readonly FlatFamily[] = [
  flatFamily('', '', 'server', 'the HTTP server', 'http_server.tls', ['tls_external']),
  flatFamily('', 'grpc_api_', 'server', 'the gRPC API server', 'grpc_api.tls', ['tls_disable']),
  flatFamily('', 'uni_grpc_', 'server', 'the unidirectional gRPC server', 'uni_grpc.tls', ['tls_disable']),
  flatFamily('', 'redis_', 'client', 'connections to Redis', 'engine.redis.tls'),
  flatFamily('', 'redis_sentinel_', 'client', 'connections to Redis Sentinel', 'engine.redis.sentinel_tls'),
  flatFamily('consumers[].kafka', '', 'client', 'the Kafka consumer', 'consumers[].kafka.tls'),
  {
    shape: 'flat', kind: 'autocert', container: '', containerSegments: [], prefix: '', form: 'autocert-flat-v5', side: 'server',
    keys: new Set(['tls_autocert', 'tls_autocert_host_whitelist', 'tls_autocert_cache_dir', 'tls_autocert_email',
      'tls_autocert_server_name', 'tls_autocert_http', 'tls_autocert_http_addr']),
    v6Location: 'http_server.tls_autocert', subject: 'automatic certificates',
  },
];

/** True when a concrete path (keys and array indexes) matches a location pattern's segments. */
export function matchesSegments(path: readonly (string | number)[], segments: readonly string[]): boolean {
  if (path.length !== segments.length) return false;
  for (let i = 0; i < path.length; i++) {
    const seg = segments[i];
    const part = path[i];
    if (seg === '[]' ? typeof part !== 'number' : part !== seg) return false;
  }
  return true;
}

/** Formats a concrete path the way the contract names it: `proxies[2].grpc.tls.cert_pem`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** Words for what a location configures, derived from its path so all 43 v6 paths read naturally. */
export function describeLocation(pattern: string): string {
  const known: Record<string, string> = {
    tls: 'the HTTP server (documented layout)',
    tls_autocert: "automatic Let's Encrypt certificates (documented layout)",
    'http_server.tls': 'the HTTP server: WebSocket, SSE, HTTP streaming, API and admin',
    'http_server.internal_tls': 'the internal HTTP port (API, admin, metrics)',
    'http_server.tls_autocert': "automatic Let's Encrypt certificates for the HTTP server",
    'grpc_api.tls': 'the gRPC server API',
    'uni_grpc.tls': 'the unidirectional gRPC stream server',
    'unified_proxy.grpc.tls': 'gRPC proxy calls (documented example)',
    nats_tls: 'connections to NATS',
    proxy_grpc_tls: 'gRPC proxy calls',
    'proxies[].grpc_tls': 'calls to this named gRPC proxy',
  };
  if (known[pattern]) return known[pattern];
  const parts = pattern.replace(/\[\]/g, '').split('.');
  const last = parts[parts.length - 1];
  const target = parts.slice(0, -1);
  const sentinel = last === 'sentinel_tls' ? ' Sentinel' : '';
  const words: Record<string, string> = {
    redis: `Redis${sentinel}`, nats: 'NATS', postgres: 'PostgreSQL', postgresql: 'PostgreSQL', kafka: 'Kafka',
    nats_jetstream: 'NATS JetStream', redis_stream: `Redis Streams${sentinel}`, http: 'HTTP', grpc: 'gRPC',
  };
  const tech = words[target[target.length - 1]] ?? target[target.length - 1];
  const owner = target[0];
  if (owner === 'proxies') return `calls to this named ${tech} proxy`;
  if (owner === 'consumers') return `the ${tech} consumer`;
  if (owner === 'client' || owner === 'channel' || owner === 'rpc') {
    const event = target.length >= 3 ? target[target.length - 2].replace(/_/g, ' ') : owner;
    return `${tech} calls of the ${event} proxy`;
  }
  return `connections to ${tech} (${owner.replace(/_/g, ' ')})`;
}
