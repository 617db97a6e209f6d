/**
 * Our own one-line descriptions (written for this extension, not taken from Centrifugo's docs)
 * of every v6 section and of the options people set most, keyed by pattern. v5 keys get the
 * description of the v6 path they moved to (v5-to-v6.tsv), so both versions share one text.
 */
import { optionAt, v6TargetsOf, type OptionInfo } from './options';

const SECTIONS: Readonly<Record<string, string>> = {
  http_server: 'Where the HTTP server listens: client transports, the HTTP API, admin and metrics.',
  log: 'How much Centrifugo logs and where.',
  engine: 'Where publications, history and presence live when no separate broker or presence manager is on (memory or Redis).',
  broker: 'A PUB/SUB and history backend used instead of the engine for those jobs, once enabled.',
  presence_manager: 'A presence backend used instead of the engine for presence, once enabled.',
  map_broker: 'The backend that keeps map subscriptions (keyed channel state).',
  controller: 'A separate backend for the control messages Centrifugo nodes send each other.',
  shared_poll: 'Shared polling: one backend poll serves every subscriber of a channel.',
  client: 'Rules for client connections: origins, tokens, limits, connect and refresh proxies.',
  channel: 'Channel behaviour: options for channels without a namespace, the namespaces, and channel proxies.',
  rpc: 'Client RPC calls: proxy, options without namespace and RPC namespaces.',
  proxies: 'Named proxies that channel and RPC options refer to by name.',
  http_api: 'The server HTTP API: key, prefix, and where it is exposed.',
  grpc_api: 'The server API over gRPC, on its own port.',
  consumers: 'Consumers that read API commands from queues and databases (Kafka, PostgreSQL outbox, NATS, ...).',
  websocket: 'The bidirectional WebSocket transport.',
  sse: 'The bidirectional emulation over Server-Sent Events.',
  http_stream: 'The bidirectional emulation over HTTP streaming.',
  webtransport: 'The experimental WebTransport transport (needs HTTP/3).',
  uni_sse: 'The unidirectional Server-Sent Events transport.',
  uni_http_stream: 'The unidirectional HTTP streaming transport.',
  uni_websocket: 'The unidirectional WebSocket transport.',
  uni_grpc: 'The unidirectional gRPC stream transport, on its own port.',
  emulation: 'The endpoint bidirectional emulation sends client-to-server messages to.',
  admin: 'The web admin UI and its login.',
  prometheus: 'The Prometheus metrics endpoint.',
  health: 'The health check endpoint.',
  swagger: 'The Swagger UI for the HTTP API.',
  debug: 'Go pprof debug endpoints.',
  init: 'Commands Centrifugo runs against itself right after start-up.',
  opentelemetry: 'OpenTelemetry tracing of API and proxy calls.',
  graphite: 'Exporting metrics to Graphite.',
  usage_stats: 'Anonymous usage statistics sent to the Centrifugo team.',
  node: 'This node: its name and how often it reports to other nodes.',
  shutdown: 'How long a graceful shutdown may take.',
  'http_server.tls': 'TLS for the HTTP server (certificate and key).',
  'http_server.tls_autocert': "Certificates from Let's Encrypt for the HTTP server, obtained automatically.",
  'http_server.internal_tls': 'TLS for the internal port only.',
  'engine.redis': 'The Redis engine: addresses, prefix, TLS, Sentinel and Cluster.',
  'broker.redis': 'The Redis broker.',
  'broker.nats': 'The NATS broker.',
  'broker.postgres': 'The PostgreSQL broker.',
  'presence_manager.redis': 'Redis as presence manager.',
  'client.proxy': 'Proxies Centrifugo calls when a client connects or refreshes its connection.',
  'client.token': 'How connection tokens (JWT) are verified: HMAC secret, public keys, JWKS.',
  'client.subscription_token': 'A separate verification setup for subscription tokens.',
  'client.subscribe_to_user_personal_channel': "Subscribes each connection to its user's personal channel on the server side.",
  'channel.proxy': 'The proxy blocks channel options use when they name the proxy "default".',
  'channel.without_namespace': 'Options of channels that have no namespace prefix.',
  'channel.namespaces': 'Channel namespaces: each name gives channels "name:..." their own options.',
  'channel.namespaces[]': 'One channel namespace: its name and the options of its channels.',
  'rpc.proxy': 'The proxy block RPC uses when it names the proxy "default".',
  'rpc.without_namespace': 'Options of RPC methods without a namespace.',
  'rpc.namespaces': 'RPC namespaces: methods "name:..." get their own proxy.',
  'proxies[]': 'One named proxy: an HTTP or gRPC endpoint and how to call it.',
  'consumers[]': 'One consumer: its name, type, whether it runs, and the settings of its type.',
  'grpc_api.tls': 'TLS for the gRPC server API.',
  'uni_grpc.tls': 'TLS for the unidirectional gRPC server.',
};

const OPTIONS: Readonly<Record<string, string>> = {
  'http_server.port': 'The port of the HTTP server (clients, API, admin).',
  'http_server.address': 'The interface to bind; empty means all.',
  'http_server.internal_port': 'A second port for API, admin, metrics and health, kept off the public port.',
  'log.level': 'Log level; an unknown value falls back to info with a warning.',
  'engine.type': 'memory (one node) or redis (several nodes).',
  'engine.redis.address': 'Redis addresses; several shard the data.',
  'broker.enabled': 'Turns the separate broker on; without it the engine does the job.',
  'broker.type': 'Which broker to use.',
  'presence_manager.enabled': 'Turns the separate presence manager on.',
  'client.allowed_origins': 'Origins a browser may connect from; Centrifugo refuses others (patterns allowed).',
  'client.token.hmac_secret_key': 'Secret that connection tokens signed with HMAC must match.',
  'client.token.rsa_public_key': 'Public key for RS-signed connection tokens.',
  'client.token.jwks_public_endpoint': 'A JWKS URL to fetch token verification keys from.',
  'client.insecure': 'Lets clients connect and subscribe without tokens (development only).',
  'client.channel_limit': 'How many channels one connection may subscribe to.',
  'client.user_connection_limit': 'How many connections one user may have on one node.',
  'http_api.key': 'The key API requests must send in the X-API-Key header.',
  'http_api.insecure': 'Accepts API requests without a key (only behind a trusted network).',
  'admin.enabled': 'Turns the admin web UI on.',
  'admin.password': 'Password for the admin UI login.',
  'admin.secret': 'Secret that signs admin UI sessions.',
  'prometheus.enabled': 'Serves metrics at /metrics.',
  'health.enabled': 'Serves the health check at /health.',
  'grpc_api.enabled': 'Starts the gRPC server API.',
  'grpc_api.port': 'Port of the gRPC server API.',
  'channel.without_namespace.presence': 'Keeps track of who is subscribed to each channel.',
  'channel.without_namespace.join_leave': 'Sends join and leave messages to subscribers.',
  'channel.without_namespace.history_size': 'How many publications each channel keeps; needs history_ttl too.',
  'channel.without_namespace.history_ttl': 'How long publications stay in history (a duration).',
  'channel.without_namespace.force_recovery': 'Lets clients recover missed publications after a reconnect.',
  'channel.without_namespace.allow_subscribe_for_client': 'Lets clients subscribe without a subscription token.',
  'channel.without_namespace.allow_publish_for_client': 'Lets clients publish into channels directly.',
  'channel.without_namespace.subscribe_proxy_enabled': 'Asks the subscribe proxy before each subscription.',
  'channel.without_namespace.subscribe_proxy_name': 'Which named proxy answers subscribe requests ("default": channel.proxy.subscribe).',
  'channel.namespaces[].name': 'The namespace name: channels "name:..." use this namespace.',
  'proxies[].name': 'The name channel and RPC options use to pick this proxy.',
  'proxies[].endpoint': 'URL the proxy calls: http(s):// for HTTP, grpc:// for gRPC.',
  'proxies[].timeout': 'How long a proxy call may take (a duration).',
  'consumers[].name': 'The consumer name: letters, digits and underscores, unique.',
  'consumers[].enabled': 'Runs the consumer; off by default.',
  'consumers[].type': 'Which kind of source the consumer reads.',
  'consumers[].kafka.brokers': 'Kafka broker addresses (an array).',
  'consumers[].kafka.topics': 'Kafka topics to read commands from.',
  'consumers[].kafka.consumer_group': 'The Kafka consumer group name.',
  'consumers[].postgresql.dsn': 'PostgreSQL connection string of the outbox database.',
};

/** Channel options are the same in a namespace item: one text for both. */
function channelOptionKey(path: string): string {
  return path.replace(/^channel\.namespaces\[\]\./, 'channel.without_namespace.');
}

/** Our one line for an option or section, if we wrote one. */
export function describeOption(option: OptionInfo): string | undefined {
  const path = option.version === 'v5' ? v6TargetsOf(option.path).find((m) => m.v6Path)?.v6Path : option.path;
  if (!path) return undefined;
  return SECTIONS[path] ?? OPTIONS[path] ?? OPTIONS[channelOptionKey(path)];
}

/** The sections (ancestor objects) an option belongs to, outermost first, as patterns. */
export function sectionsOf(option: OptionInfo): string[] {
  const out: string[] = [];
  const parts = option.path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const pattern = parts.slice(0, i).join('.');
    if (optionAt(option.version, pattern.replace(/\[\]$/, ''))) out.push(pattern);
  }
  return out;
}

export const DESCRIBED_SECTIONS: readonly string[] = Object.keys(SECTIONS);
export const DESCRIBED_OPTIONS: readonly string[] = Object.keys(OPTIONS);
