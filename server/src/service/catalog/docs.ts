/**
 * The words we show for each field: what it holds, who uses it, which forms it accepts. Kept
 * next to the catalog so a field and its documentation cannot drift apart.
 */
import type { FieldRole, FieldSpec, SourceKind } from './fields';
import type { Side } from './locations';

interface RoleDoc {
  /** What the value is, from the side Centrifugo is on at this location. */
  readonly server: string;
  readonly client: string;
  /** Said when the field has no effect on this side. */
  readonly noEffectOn?: Side;
  readonly example?: string;
}

const ROLE_DOCS: Readonly<Record<FieldRole, RoleDoc>> = {
  enabled: {
    server: 'Switches this TLS configuration on. While it is `false` or missing, every other key of the block is ignored and the connection stays plain.',
    client: 'Switches this TLS configuration on. While it is `false` or missing, every other key of the block is ignored and the connection stays plain.',
    example: 'true',
  },
  cert: {
    server: 'The certificate Centrifugo presents to the clients that connect to it. Put the server certificate first, followed by any intermediate certificates; the root is not needed.',
    client: 'The client certificate Centrifugo presents when it connects out. Needed only when the other side asks for a client certificate (mutual TLS).',
    example: '"/etc/centrifugo/tls/server.crt"',
  },
  key: {
    server: 'The private key of the certificate. It must be unencrypted PEM (PKCS#1, SEC1 or PKCS#8): Centrifugo cannot ask for a passphrase.',
    client: 'The private key of the client certificate. It must be unencrypted PEM (PKCS#1, SEC1 or PKCS#8): Centrifugo cannot ask for a passphrase.',
    example: '"/etc/centrifugo/tls/server.key"',
  },
  serverCa: {
    server: 'CA certificates used to verify a server that Centrifugo connects to. Where Centrifugo is itself the server this key changes nothing.',
    client: 'CA certificates Centrifugo trusts when it verifies the server it connects to. Set it for a private CA; without it the system roots are used.',
    noEffectOn: 'server',
    example: '"/etc/centrifugo/tls/ca.crt"',
  },
  clientCa: {
    server: 'Turns on mutual TLS: every client must present a certificate signed by one of these CA certificates, or the handshake fails.',
    client: 'CA certificates used to verify clients that connect to Centrifugo. Where Centrifugo is the one connecting out this key changes nothing.',
    noEffectOn: 'client',
    example: '"/etc/centrifugo/tls/client-ca.crt"',
  },
  serverName: {
    server: 'The host name expected in the certificate of a server Centrifugo connects to. Where Centrifugo is itself the server this key changes nothing.',
    client: 'The host name Centrifugo expects in the server certificate, also sent as SNI. Set it when you connect by IP address or through an alias.',
    noEffectOn: 'server',
    example: '"redis.internal.example.com"',
  },
  insecureSkipVerify: {
    server: 'Skips verification of the certificate of a server Centrifugo connects to. Where Centrifugo is itself the server this key changes nothing.',
    client: 'Accepts any certificate the server shows, including a forged one: the connection is encrypted but not authenticated. For local testing only.',
    noEffectOn: 'server',
    example: 'false',
  },
  external: {
    server: 'Serves TLS on the external port only, so the internal port (API, admin, metrics) stays plain HTTP.',
    client: 'Serves TLS on the external port only, so the internal port (API, admin, metrics) stays plain HTTP.',
    example: 'true',
  },
  disable: {
    server: 'In v5 this server inherits the top-level TLS settings (`tls`, `tls_cert`, `tls_key`). Set this to `true` to serve it without TLS.',
    client: 'In v5 this server inherits the top-level TLS settings (`tls`, `tls_cert`, `tls_key`). Set this to `true` to serve it without TLS.',
    example: 'true',
  },
  autocertEnabled: {
    server: "Gets and renews certificates from Let's Encrypt automatically. It takes precedence over a certificate configured for the HTTP server. It cannot issue certificates for `localhost` or IP addresses.",
    client: "Gets and renews certificates from Let's Encrypt automatically.",
    example: 'true',
  },
  hostWhitelist: {
    server: 'The host names Centrifugo may request certificates for. Without it any name a client asks for triggers an ACME request. Centrifugo v6 takes an array of names; v5 and the documentation page take one comma-separated string.',
    client: 'The host names Centrifugo may request certificates for.',
    example: '["realtime.example.com"]',
  },
  cacheDir: {
    server: 'Directory where issued certificates are stored, so a restart does not ask Let\'s Encrypt again (and run into its rate limits).',
    client: 'Directory where issued certificates are stored.',
    example: '"/var/lib/centrifugo/certs"',
  },
  email: {
    server: "Contact address for the ACME account; Let's Encrypt writes to it about problems with your certificates.",
    client: 'Contact address for the ACME account.',
    example: '"ops@example.com"',
  },
  autocertServerName: {
    server: 'Host name to use when a client connects without sending SNI (some old clients, or connections by IP).',
    client: 'Host name to use when a client sends no SNI.',
    example: '"realtime.example.com"',
  },
  http: {
    server: 'Answers the ACME HTTP-01 challenge on a plain HTTP listener (`http_addr`). Without it the TLS-ALPN-01 challenge is answered on the TLS port itself.',
    client: 'Answers the ACME HTTP-01 challenge on a plain HTTP listener.',
    example: 'true',
  },
  httpAddr: {
    server: "Address of the HTTP-01 challenge listener, `host:port` or `:port`. Let's Encrypt always connects to port 80, so anything else needs a forward from port 80.",
    client: 'Address of the HTTP-01 challenge listener.',
    example: '":80"',
  },
};

const SOURCE_WORDS: Readonly<Record<SourceKind, string>> = {
  file: 'a path to a PEM file',
  base64: 'the base64 (standard alphabet, with padding) of the whole PEM text',
  pem: 'the PEM text itself, line breaks included (each written `\\n` in a JSON string)',
  detect: 'PEM text, the base64 of PEM text, or a path to a PEM file',
};

export function roleDescription(role: FieldRole, side: Side): string {
  return ROLE_DOCS[role][side];
}

/** The side on which a role changes nothing, if any: server_name on a server, client CA on a client... */
export function roleHasNoEffectOn(role: FieldRole): Side | undefined {
  return ROLE_DOCS[role].noEffectOn;
}

export function roleExample(role: FieldRole): string | undefined {
  return ROLE_DOCS[role].example;
}

export function sourceDescription(source: SourceKind): string {
  return SOURCE_WORDS[source];
}

export const PATH_RESOLUTION_NOTE =
  "Centrifugo opens a relative path from its **working directory**, not from this file's folder, and does not expand `~`. Prefer absolute paths.";

export const V6_DETECTION_NOTE =
  'Centrifugo v6 decides by the content: a value that parses as PEM is PEM; else a value whose base64 decodes to PEM is base64; else an existing file is read; anything else stops start-up with "invalid PEM data".';

export const V5_PRIORITY_NOTE =
  'When several forms are set, the file wins over base64, and base64 over PEM text. Certificate and key are taken as a pair of the same form: a certificate from a file with a key in base64 loads nothing, without an error.';

export function typeLabel(spec: FieldSpec): string {
  return spec.type === 'stringArray' ? 'string[]' : spec.type;
}
