/**
 * The one catalog of TLS and autocert fields: which keys exist in which form, what role each
 * plays, what type and default it has, and the words we show for it. Features never hard-code a
 * key name; they ask the catalog.
 */

/** What a field contributes to the TLS configuration Centrifugo builds. */
export type FieldRole =
  | 'enabled'
  | 'cert'
  | 'key'
  | 'serverCa'
  | 'clientCa'
  | 'serverName'
  | 'insecureSkipVerify'
  | 'external'
  | 'disable'
  | 'autocertEnabled'
  | 'hostWhitelist'
  | 'cacheDir'
  | 'email'
  | 'autocertServerName'
  | 'http'
  | 'httpAddr';

/**
 * How a value is read. `file`, `base64` and `pem` are fixed by the key (v5 and the documented
 * table); `detect` is v6, where one key accepts all three and Centrifugo decides by the content.
 */
export type SourceKind = 'file' | 'base64' | 'pem' | 'detect';

export type ValueType = 'boolean' | 'string' | 'stringArray';

/** Roles whose value is certificate material. */
export type MaterialRole = 'cert' | 'key' | 'serverCa' | 'clientCa';

export interface FieldSpec {
  readonly key: string;
  readonly role: FieldRole;
  readonly type: ValueType;
  readonly source?: SourceKind;
  readonly defaultValue: string;
  /** One line, shown as completion detail. */
  readonly summary: string;
}

/** The shapes a TLS or autocert block can take; each has its own field list. */
export type FormId = 'tls-object-v5' | 'tls-object-v6' | 'tls-flat-v5' | 'autocert-object' | 'autocert-flat-v5';

export function isMaterialRole(role: FieldRole): role is MaterialRole {
  return role === 'cert' || role === 'key' || role === 'serverCa' || role === 'clientCa';
}

const enabled: FieldSpec = { key: 'enabled', role: 'enabled', type: 'boolean', defaultValue: 'false', summary: 'Turns this TLS configuration on' };
const insecure: FieldSpec = {
  key: 'insecure_skip_verify', role: 'insecureSkipVerify', type: 'boolean', defaultValue: 'false',
  summary: 'Skips verification of the peer certificate (never in production)',
};
const serverName: FieldSpec = { key: 'server_name', role: 'serverName', type: 'string', defaultValue: '""', summary: 'Host name expected in the peer certificate' };

function material(prefix: string, role: MaterialRole, what: string): FieldSpec[] {
  return [
    { key: `${prefix}_pem_file`, role, type: 'string', source: 'file', defaultValue: '""', summary: `Path to a PEM file with the ${what}` },
    { key: `${prefix}_pem_b64`, role, type: 'string', source: 'base64', defaultValue: '""', summary: `The ${what} as base64 of the PEM text` },
    { key: `${prefix}_pem`, role, type: 'string', source: 'pem', defaultValue: '""', summary: `The ${what} as PEM text` },
  ];
}

/** The documented 15-field table; read by Centrifugo v5 at nats_tls, proxy_grpc_tls, proxies[].grpc_tls. */
const TLS_OBJECT_V5: readonly FieldSpec[] = [
  enabled,
  ...material('cert', 'cert', 'certificate (chain)'),
  ...material('key', 'key', 'private key'),
  ...material('server_ca', 'serverCa', 'CA that signed the server certificate'),
  ...material('client_ca', 'clientCa', 'CA that signed client certificates'),
  insecure,
  serverName,
];

function v6Material(key: string, role: MaterialRole, what: string): FieldSpec {
  return { key, role, type: 'string', source: 'detect', defaultValue: '""', summary: `The ${what}: PEM text, base64 of PEM, or a file path` };
}

/** Centrifugo v6 TLSConfig (internal/configtypes/tls.go): one key per material, content-detected. */
const TLS_OBJECT_V6: readonly FieldSpec[] = [
  enabled,
  v6Material('cert_pem', 'cert', 'certificate (chain)'),
  v6Material('key_pem', 'key', 'private key'),
  v6Material('server_ca_pem', 'serverCa', 'CA that signed the server certificate'),
  v6Material('client_ca_pem', 'clientCa', 'CA that signed client certificates'),
  insecure,
  serverName,
];

/**
 * Suffixes of the v5 flat family. The real key is prefix + suffix: `tls_cert`, `grpc_api_tls_cert`,
 * `redis_sentinel_tls_root_ca`... `tls_external` exists only without a prefix and `tls_disable`
 * only for grpc_api_ and uni_grpc_ (see FlatFamily in locations.ts).
 */
const TLS_FLAT_V5: readonly FieldSpec[] = [
  { key: 'tls', role: 'enabled', type: 'boolean', defaultValue: 'false', summary: 'Turns TLS on for this part of Centrifugo' },
  { key: 'tls_cert', role: 'cert', type: 'string', source: 'file', defaultValue: '""', summary: 'Path to a PEM file with the certificate (chain)' },
  { key: 'tls_key', role: 'key', type: 'string', source: 'file', defaultValue: '""', summary: 'Path to a PEM file with the private key' },
  { key: 'tls_cert_pem', role: 'cert', type: 'string', source: 'pem', defaultValue: '""', summary: 'The certificate (chain) as PEM text' },
  { key: 'tls_key_pem', role: 'key', type: 'string', source: 'pem', defaultValue: '""', summary: 'The private key as PEM text' },
  { key: 'tls_root_ca', role: 'serverCa', type: 'string', source: 'file', defaultValue: '""', summary: 'Path to a PEM file with the CA that signed the server certificate' },
  { key: 'tls_root_ca_pem', role: 'serverCa', type: 'string', source: 'pem', defaultValue: '""', summary: 'The CA that signed the server certificate, as PEM text' },
  { key: 'tls_client_ca', role: 'clientCa', type: 'string', source: 'file', defaultValue: '""', summary: 'Path to a PEM file with the CA that signed client certificates' },
  { key: 'tls_client_ca_pem', role: 'clientCa', type: 'string', source: 'pem', defaultValue: '""', summary: 'The CA that signed client certificates, as PEM text' },
  { key: 'tls_server_name', role: 'serverName', type: 'string', defaultValue: '""', summary: 'Host name expected in the peer certificate' },
  { key: 'tls_insecure_skip_verify', role: 'insecureSkipVerify', type: 'boolean', defaultValue: 'false', summary: 'Skips verification of the peer certificate (never in production)' },
  { key: 'tls_external', role: 'external', type: 'boolean', defaultValue: 'false', summary: 'Serves TLS only on the external port, not on the internal one' },
  { key: 'tls_disable', role: 'disable', type: 'boolean', defaultValue: 'false', summary: 'Stops this server from inheriting the top-level TLS settings' },
];

/** Autocert as an object: the documented top-level `tls_autocert` and v6 `http_server.tls_autocert`. */
const AUTOCERT_OBJECT: readonly FieldSpec[] = [
  { key: 'enabled', role: 'autocertEnabled', type: 'boolean', defaultValue: 'false', summary: "Gets certificates automatically from Let's Encrypt (ACME)" },
  { key: 'host_whitelist', role: 'hostWhitelist', type: 'stringArray', defaultValue: '[]', summary: 'Host names Centrifugo may request certificates for' },
  { key: 'cache_dir', role: 'cacheDir', type: 'string', defaultValue: '""', summary: 'Directory where issued certificates are kept between restarts' },
  { key: 'email', role: 'email', type: 'string', defaultValue: '""', summary: 'Contact address for the ACME account' },
  { key: 'server_name', role: 'autocertServerName', type: 'string', defaultValue: '""', summary: 'Host name used when a client sends no SNI' },
  { key: 'http', role: 'http', type: 'boolean', defaultValue: 'false', summary: 'Answers the HTTP-01 challenge on a plain HTTP port' },
  { key: 'http_addr', role: 'httpAddr', type: 'string', defaultValue: '":80"', summary: 'Address of the HTTP-01 challenge listener' },
];

/** Autocert as v5 flat keys (tls_autocert, tls_autocert_host_whitelist, ...). */
const AUTOCERT_FLAT_V5: readonly FieldSpec[] = AUTOCERT_OBJECT.map((f) => ({
  ...f,
  key: f.key === 'enabled' ? 'tls_autocert' : `tls_autocert_${f.key}`,
  // v5 reads one comma-separated string, not an array.
  type: f.role === 'hostWhitelist' ? 'string' : f.type,
  defaultValue: f.role === 'hostWhitelist' ? '""' : f.defaultValue,
}));

export const FORMS: Readonly<Record<FormId, readonly FieldSpec[]>> = {
  'tls-object-v5': TLS_OBJECT_V5,
  'tls-object-v6': TLS_OBJECT_V6,
  'tls-flat-v5': TLS_FLAT_V5,
  'autocert-object': AUTOCERT_OBJECT,
  'autocert-flat-v5': AUTOCERT_FLAT_V5,
};

const byForm = new Map<FormId, Map<string, FieldSpec>>(
  (Object.keys(FORMS) as FormId[]).map((form) => [form, new Map(FORMS[form].map((f) => [f.key, f]))]),
);

export function fieldSpec(form: FormId, key: string): FieldSpec | undefined {
  return byForm.get(form)?.get(key);
}

/** Source priority inside one role, highest first (makeTLSConfig in v5's tls_v2.go; tls.go for the flat keys). */
export const SOURCE_PRIORITY: readonly SourceKind[] = ['file', 'base64', 'pem'];

export function sourcePriority(source: SourceKind | undefined): number {
  const i = source ? SOURCE_PRIORITY.indexOf(source) : -1;
  return i < 0 ? SOURCE_PRIORITY.length : i;
}

/** Fields in `form` with the given role and source; used by quick fixes that move a value between keys. */
export function fieldFor(form: FormId, role: FieldRole, source?: SourceKind): FieldSpec | undefined {
  return FORMS[form].find((f) => f.role === role && (source === undefined || f.source === source));
}
