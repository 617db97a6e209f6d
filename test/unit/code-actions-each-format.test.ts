/**
 * Every quick fix and command, in each of the three formats Centrifugo reads: one table of
 * scenarios, each written as JSON, YAML and TOML. Each test applies the edit, parses the edited
 * text with the format's own reader (which must find no problem), compares the value with the one
 * intended, and checks that a comment in an untouched part survives.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CodeAction, Position, Range } from 'vscode-languageserver-types';
import { writeConfig } from '../../server/src/service/features/migrationText';
import { parseJson } from '../../server/src/service/model/parse';
import { parseToml } from '../../server/src/service/model/tomlTree';
import { getNodeValue } from '../../server/src/service/model/tree';
import { parseYaml } from '../../server/src/service/model/yamlTree';
import { createCertificate, daysFrom, generateKey, NOW, type TestCert } from '../helpers/certFactory';
import { applyEdits, CONFIG_DIR, makeRequest, newService } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

type Format = 'json' | 'yaml' | 'toml';
const FORMATS: readonly Format[] = ['json', 'yaml', 'toml'];

/** The cursor, where `|` would be YAML's block scalar. */
const CURSOR = '‸';

function covers(range: Range, position: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}

function requestFor(format: Format, text: string, version: 'v5' | 'v6') {
  return makeRequest(text, { settings: { version }, context: { configPath: `${CONFIG_DIR}/config.${format}`, workspaceFolder: CONFIG_DIR } });
}

/** Validates, asks for code actions at the cursor with the diagnostics there (as an editor does), applies the one titled. */
async function applyFix(format: Format, withCursor: string, title: string, version: 'v5' | 'v6', files: Record<string, string> = {}): Promise<string> {
  const offset = withCursor.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the scenario marks the cursor');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + CURSOR.length);
  const env = new MemoryEnvironment(NOW);
  for (const [name, content] of Object.entries(files)) env.addFile(`${CONFIG_DIR}/${name}`, content);
  const { service } = newService(env);
  const request = requestFor(format, text, version);
  const position = request.document.positionAt(offset);
  const diagnostics = (await service.doValidation(request)).filter((d) => covers(d.range, position));
  const actions: CodeAction[] = await service.doCodeActions(request, { start: position, end: position }, diagnostics);
  const found = actions.find((a) => a.title === title);
  assert.ok(found, `${format}: no action ${JSON.stringify(title)}; got ${JSON.stringify(actions.map((a) => a.title))}; diagnostics ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return applyEdits(text, found.edit?.changes?.[request.document.uri] ?? []);
}

/** The value the format's reader reads; it must find no problem (JSON's comments aside, which these files have on purpose). */
function read(format: Format, text: string, version: 'v5' | 'v6'): unknown {
  const tree = format === 'json' ? parseJson(text) : format === 'yaml' ? parseYaml(text, version === 'v5' ? 'yaml.v2' : 'yaml.v3') : parseToml(text);
  assert.deepEqual(tree.problems.filter((p) => p.kind !== 'comment'), [], `${format}:\n${text}`);
  assert.ok(tree.root, `${format}: a config is read`);
  return JSON.parse(JSON.stringify(getNodeValue(tree.root)));
}

function comment(format: Format, text: string): string {
  return `${format === 'json' ? '//' : '#'} ${text}`;
}

interface Scenario {
  readonly name: string;
  readonly version: 'v5' | 'v6';
  readonly title: string;
  /** Files beside the config (built when the test runs: the certificates are generated then). */
  readonly files?: () => Record<string, string>;
  /** The config with the cursor; `KEEP` stands for a comment in a part the fix must not touch. */
  readonly text: Readonly<Record<Format, string>>;
  readonly expected: unknown | (() => unknown);
}

const KEEP = 'KEEP';
const KEEP_TEXT = 'left as written';

let cert: TestCert;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

before(async () => {
  const key = await generateKey({ kind: 'ec', curve: 'P-256' });
  cert = await createCertificate({ subject: 'CN=api.example.org', notBefore: daysFrom(NOW, -10), notAfter: daysFrom(NOW, 300), ca: false, dnsNames: ['api.example.org'], key });
});

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'embed a file: the certificate file becomes base64 in place (v6)',
    version: 'v6', title: 'Embed server.crt as base64',
    files: () => ({ 'server.crt': cert.pem }),
    text: {
      json: '{\n  KEEP\n  "http_server": {\n    "tls": {\n      "enabled": true,\n      "cert_pem": "server‸.crt",\n      "key_pem": "server.key"\n    }\n  }\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls:\n    enabled: true\n    cert_pem: server‸.crt\n    key_pem: server.key\n',
      toml: 'KEEP\n[http_server.tls]\nenabled = true\ncert_pem = "server‸.crt"\nkey_pem = "server.key"\n',
    },
    expected: () => ({ http_server: { tls: { enabled: true, cert_pem: b64(cert.pem), key_pem: 'server.key' } } }),
  },
  {
    name: 'unknown-field in a TLS block: rename to the suggestion',
    version: 'v6', title: 'Rename to server_name',
    text: {
      json: '{\n  KEEP\n  "http_server": {\n    "tls": {\n      "enabled": true,\n      "server_n‸mae": "api"\n    }\n  }\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls:\n    enabled: true\n    server_n‸mae: api\n',
      toml: 'KEEP\n[http_server.tls]\nenabled = true\nserver_n‸mae = "api"\n',
    },
    expected: { http_server: { tls: { enabled: true, server_name: 'api' } } },
  },
  {
    name: 'unknown-field in the whole config: rename to the closest key, in a namespace item',
    version: 'v6', title: 'Rename to presence',
    text: {
      json: '{\n  KEEP\n  "channel": {"namespaces": [{"name": "chat", "pres‸ense": true}]}\n}\n',
      yaml: 'KEEP\nchannel:\n  namespaces:\n    - name: chat\n      pres‸ense: true\n',
      toml: 'KEEP\n[[channel.namespaces]]\nname = "chat"\npres‸ense = true\n',
    },
    expected: { channel: { namespaces: [{ name: 'chat', presence: true }] } },
  },
  {
    name: 'shadowed-source: remove the source Centrifugo ignores',
    version: 'v5', title: 'Remove cert_pem, which Centrifugo ignores',
    text: {
      json: '{\n  "proxy_grpc_tls": {\n    "enabled": true,\n    "cert_pem_file": "c.crt", KEEP\n    "cert_p‸em": "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n",\n    "key_pem_file": "c.key"\n  }\n}\n',
      yaml: 'proxy_grpc_tls:\n  enabled: true\n  cert_pem_file: c.crt KEEP\n  cert_p‸em: |\n    -----BEGIN CERTIFICATE-----\n    AAAA\n    -----END CERTIFICATE-----\n  key_pem_file: c.key\n',
      toml: '[proxy_grpc_tls]\nenabled = true\ncert_pem_file = "c.crt" KEEP\ncert_p‸em = """\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"""\nkey_pem_file = "c.key"\n',
    },
    expected: { proxy_grpc_tls: { enabled: true, cert_pem_file: 'c.crt', key_pem_file: 'c.key' } },
  },
  {
    name: 'mixed-source-pair: add the missing half after the half that is there',
    version: 'v6', title: 'Add key_pem',
    text: {
      json: '{\n  "http_server": {\n    "tls": {\n      "enabled": true, KEEP\n      "cert_p‸em": "server.crt",\n      "server_name": "api"\n    }\n  }\n}\n',
      yaml: 'http_server:\n  tls:\n    enabled: true KEEP\n    cert_p‸em: server.crt\n    server_name: api\n',
      toml: '[http_server.tls]\nenabled = true KEEP\ncert_p‸em = "server.crt"\nserver_name = "api"\n',
    },
    expected: { http_server: { tls: { enabled: true, cert_pem: 'server.crt', key_pem: '', server_name: 'api' } } },
  },
  {
    name: 'unknown-in-version: a v5 source key of a v6 block becomes the v6 key',
    version: 'v6', title: 'Rename to cert_pem',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls": {"enabled": true, "cert_pem_f‸ile": "c.crt", "key_pem": "c.key"}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls:\n    enabled: true\n    cert_pem_f‸ile: c.crt\n    key_pem: c.key\n',
      toml: 'KEEP\n[http_server.tls]\nenabled = true\ncert_pem_f‸ile = "c.crt"\nkey_pem = "c.key"\n',
    },
    expected: { http_server: { tls: { enabled: true, cert_pem: 'c.crt', key_pem: 'c.key' } } },
  },
  {
    name: 'unknown-in-version: the v5 value moves into an empty v6 key',
    version: 'v6', title: 'Move the value to cert_pem',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls": {"cert_pem": "", "cert_pem_f‸ile": "c.crt"}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls:\n    cert_pem: ""\n    cert_pem_f‸ile: c.crt\n',
      toml: 'KEEP\n[http_server.tls]\ncert_pem = ""\ncert_pem_f‸ile = "c.crt"\n',
    },
    expected: { http_server: { tls: { cert_pem: 'c.crt' } } },
  },
  {
    name: 'unknown-in-version: the v5 key goes when the v6 key is set',
    version: 'v6', title: 'Remove cert_pem_file (cert_pem is set)',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls": {"cert_pem": "a.crt", "cert_pem_f‸ile": "c.crt"}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls:\n    cert_pem: a.crt\n    cert_pem_f‸ile: c.crt\n',
      toml: 'KEEP\n[http_server.tls]\ncert_pem = "a.crt"\ncert_pem_f‸ile = "c.crt"\n',
    },
    expected: { http_server: { tls: { cert_pem: 'a.crt' } } },
  },
  {
    name: 'unknown-field on a TOML table header or a YAML block key: rename the section',
    version: 'v6', title: 'Rename to client',
    text: {
      json: '{\n  KEEP\n  "log_level": "info",\n  "admin": {"enabled": true},\n  "cli‸nt": {"allowed_origins": ["*"]}\n}\n',
      yaml: 'KEEP\nlog_level: info\nadmin:\n  enabled: true\ncli‸nt:\n  allowed_origins: ["*"]\n',
      toml: 'KEEP\nlog_level = "info"\n\n[admin]\nenabled = true\n\n[cli‸nt]\nallowed_origins = ["*"]\n',
    },
    expected: { log_level: 'info', admin: { enabled: true }, client: { allowed_origins: ['*'] } },
  },
  {
    name: 'type-mismatch in a TLS block: write the value Centrifugo means',
    version: 'v6', title: 'Change to true',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls": {"enabled": "tr‸ue"}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls:\n    enabled: "tr‸ue"\n',
      toml: 'KEEP\n[http_server.tls]\nenabled = "tr‸ue"\n',
    },
    expected: { http_server: { tls: { enabled: true } } },
  },
  {
    name: 'type-mismatch: a comma-separated host list becomes an array',
    version: 'v6', title: 'Change to ["chat.acme.io", "api.acme.io"]',
    text: {
      json: '{\n  "http_server": {\n    "tls_autocert": {\n      "enabled": true, KEEP\n      "host_whitelist": "chat.acme.io, api.acme.io‸"\n    }\n  }\n}\n',
      yaml: 'http_server:\n  tls_autocert:\n    enabled: true KEEP\n    host_whitelist: chat.acme.io, api.acme.io‸\n',
      toml: '[http_server.tls_autocert]\nenabled = true KEEP\nhost_whitelist = "chat.acme.io, api.acme.io‸"\n',
    },
    expected: { http_server: { tls_autocert: { enabled: true, host_whitelist: ['chat.acme.io', 'api.acme.io'] } } },
  },
  {
    name: 'type-mismatch in the whole config: a duration without its unit',
    version: 'v6', title: 'Change to "10s"',
    text: {
      json: '{\n  KEEP\n  "proxies": [{"name": "p1", "endpoint": "http://p", "timeout": "1‸0"}]\n}\n',
      yaml: 'KEEP\nproxies:\n  - name: p1\n    endpoint: http://p\n    timeout: "1‸0"\n',
      toml: 'KEEP\n[[proxies]]\nname = "p1"\nendpoint = "http://p"\ntimeout = "1‸0"\n',
    },
    expected: { proxies: [{ name: 'p1', endpoint: 'http://p', timeout: '10s' }] },
  },
  {
    name: 'invalid-value: the spelling Centrifugo accepts',
    version: 'v6', title: 'Change to "stream"',
    text: {
      json: '{\n  KEEP\n  "channel": {"namespaces": [{"name": "chat", "force_recovery_mode": "Str‸eam"}]}\n}\n',
      yaml: 'KEEP\nchannel:\n  namespaces:\n    - name: chat\n      force_recovery_mode: Str‸eam\n',
      toml: 'KEEP\n[[channel.namespaces]]\nname = "chat"\nforce_recovery_mode = "Str‸eam"\n',
    },
    expected: { channel: { namespaces: [{ name: 'chat', force_recovery_mode: 'stream' }] } },
  },
  {
    name: 'undefined-name: use the defined name',
    version: 'v6', title: 'Use "auth"',
    text: {
      json: '{\n  KEEP\n  "proxies": [{"name": "auth", "endpoint": "http://p"}],\n  "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_name": "au‸ht"}]}\n}\n',
      yaml: 'KEEP\nproxies:\n  - name: auth\n    endpoint: http://p\nchannel:\n  namespaces:\n    - name: chat\n      subscribe_proxy_name: au‸ht\n',
      toml: 'KEEP\n[[proxies]]\nname = "auth"\nendpoint = "http://p"\n\n[[channel.namespaces]]\nname = "chat"\nsubscribe_proxy_name = "au‸ht"\n',
    },
    expected: { proxies: [{ name: 'auth', endpoint: 'http://p' }], channel: { namespaces: [{ name: 'chat', subscribe_proxy_name: 'auth' }] } },
  },
  {
    name: 'autocert-email: drop the mailto: prefix',
    version: 'v6', title: 'Change to "ops@acme.io"',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls_autocert": {"enabled": true, "email": "mailto:ops@acme.io‸"}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls_autocert:\n    enabled: true\n    email: mailto:ops@acme.io‸\n',
      toml: 'KEEP\n[http_server.tls_autocert]\nenabled = true\nemail = "mailto:ops@acme.io‸"\n',
    },
    expected: { http_server: { tls_autocert: { enabled: true, email: 'ops@acme.io' } } },
  },
  {
    name: 'autocert-host: one host of a list, without its scheme',
    version: 'v6', title: 'Change to "api.acme.io"',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls_autocert": {"enabled": true, "host_whitelist": ["chat.acme.io", "‸api.acme.io:443"]}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls_autocert:\n    enabled: true\n    host_whitelist:\n      - chat.acme.io\n      - ‸api.acme.io:443\n',
      toml: 'KEEP\n[http_server.tls_autocert]\nenabled = true\nhost_whitelist = ["chat.acme.io", "‸api.acme.io:443"]\n',
    },
    expected: { http_server: { tls_autocert: { enabled: true, host_whitelist: ['chat.acme.io', 'api.acme.io'] } } },
  },
  {
    name: 'autocert-http-addr: a port alone becomes an address',
    version: 'v6', title: 'Change to ":80"',
    text: {
      json: '{\n  KEEP\n  "http_server": {"tls_autocert": {"enabled": true, "http": true, "http_addr": "80‸"}}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  tls_autocert:\n    enabled: true\n    http: true\n    http_addr: "80‸"\n',
      toml: 'KEEP\n[http_server.tls_autocert]\nenabled = true\nhttp = true\nhttp_addr = "80‸"\n',
    },
    expected: { http_server: { tls_autocert: { enabled: true, http: true, http_addr: ':80' } } },
  },
  {
    name: 'wrong-location: the top-level tls block moves into http_server, comments inside and all',
    version: 'v6', title: 'Move to http_server.tls',
    text: {
      json: '{\n  "http_server": {\n    "port": 8443 KEEP\n  },\n  "tl‸s": {\n    // issued by ops\n    "enabled": true,\n    "cert_pem": "server.crt",\n    "key_pem": "server.key"\n  },\n  "token_hmac_secret_key": "secret"\n}\n',
      yaml: 'http_server:\n  port: 8443 KEEP\ntl‸s:\n  # issued by ops\n  enabled: true\n  cert_pem: server.crt\n  key_pem: server.key\ntoken_hmac_secret_key: secret\n',
      toml: 'token_hmac_secret_key = "secret"\n\n[http_server]\nport = 8443 KEEP\n\n[tl‸s]\n# issued by ops\nenabled = true\ncert_pem = "server.crt"\nkey_pem = "server.key"\n',
    },
    expected: { http_server: { port: 8443, tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' } }, token_hmac_secret_key: 'secret' },
  },
  {
    name: 'wrong-location: http_server is created for a moved tls_autocert',
    version: 'v6', title: 'Move to http_server.tls_autocert',
    text: {
      json: '{\n  "token_hmac_secret_key": "secret", KEEP\n  "‸tls_autocert": {\n    "enabled": true,\n    "host_whitelist": ["chat.acme.io"]\n  },\n  "admin": {"enabled": false}\n}\n',
      yaml: 'token_hmac_secret_key: secret KEEP\n‸tls_autocert:\n  enabled: true\n  host_whitelist:\n    - chat.acme.io\nadmin:\n  enabled: false\n',
      toml: 'token_hmac_secret_key = "secret" KEEP\n\n[‸tls_autocert]\nenabled = true\nhost_whitelist = ["chat.acme.io"]\n\n[admin]\nenabled = false\n',
    },
    expected: { token_hmac_secret_key: 'secret', http_server: { tls_autocert: { enabled: true, host_whitelist: ['chat.acme.io'] } }, admin: { enabled: false } },
  },
  {
    name: 'wrong-location in v5: the documented unified_proxy example moves to proxy_grpc_tls, the empty shell goes',
    version: 'v5', title: 'Move to proxy_grpc_tls',
    text: {
      json: '{\n  "token_hmac_secret_key": "secret", KEEP\n  "unified_proxy": {\n    "grpc": {\n      "tls‸": {\n        "enabled": true,\n        "server_ca_pem_file": "ca.pem"\n      }\n    }\n  }\n}\n',
      yaml: 'token_hmac_secret_key: secret KEEP\nunified_proxy:\n  grpc:\n    tls‸:\n      enabled: true\n      server_ca_pem_file: ca.pem\n',
      toml: 'token_hmac_secret_key = "secret" KEEP\n\n[unified_proxy.grpc.tls‸]\nenabled = true\nserver_ca_pem_file = "ca.pem"\n',
    },
    expected: { token_hmac_secret_key: 'secret', proxy_grpc_tls: { enabled: true, server_ca_pem_file: 'ca.pem' } },
  },
  {
    name: 'wrong-location: a v5 flat switch of a v6 config moves into its v6 object',
    version: 'v6', title: 'Move to http_server.tls.enabled',
    text: {
      json: '{\n  "token_hmac_secret_key": "secret", KEEP\n  "tls‸": true,\n  "tls_cert": "server.crt"\n}\n',
      yaml: 'token_hmac_secret_key: secret KEEP\ntls‸: true\ntls_cert: server.crt\n',
      toml: 'token_hmac_secret_key = "secret" KEEP\ntls‸ = true\ntls_cert = "server.crt"\n',
    },
    expected: { token_hmac_secret_key: 'secret', http_server: { tls: { enabled: true } }, tls_cert: 'server.crt' },
  },
  {
    name: 'wrong-location: a v5 host list moves into the v6 object as an array',
    version: 'v6', title: 'Move to http_server.tls_autocert.host_whitelist as an array',
    text: {
      json: '{\n  "token_hmac_secret_key": "secret", KEEP\n  "http_server": {"port": 8443},\n  "‸tls_autocert_host_whitelist": "chat.acme.io,api.acme.io"\n}\n',
      yaml: 'token_hmac_secret_key: secret KEEP\nhttp_server:\n  port: 8443\n‸tls_autocert_host_whitelist: chat.acme.io,api.acme.io\n',
      toml: 'token_hmac_secret_key = "secret" KEEP\n‸tls_autocert_host_whitelist = "chat.acme.io,api.acme.io"\n\n[http_server]\nport = 8443\n',
    },
    expected: { token_hmac_secret_key: 'secret', http_server: { port: 8443, tls_autocert: { host_whitelist: ['chat.acme.io', 'api.acme.io'] } } },
  },
  {
    name: 'unknown-in-version in the whole config: a v5 key moves to where v6 reads it',
    version: 'v6', title: 'Move to client.allowed_origins',
    text: {
      json: '{\n  KEEP\n  "http_server": {"port": 8000},\n  "allowed_or‸igins": ["*"]\n}\n',
      yaml: 'KEEP\nhttp_server:\n  port: 8000\nallowed_or‸igins:\n  - "*"\n',
      toml: 'KEEP\nallowed_or‸igins = ["*"]\n\n[http_server]\nport = 8000\n',
    },
    expected: { http_server: { port: 8000 }, client: { allowed_origins: ['*'] } },
  },
];

/** The titles of the code actions at the cursor. */
async function titlesAt(format: Format, withCursor: string, version: 'v5' | 'v6'): Promise<string[]> {
  const offset = withCursor.indexOf(CURSOR);
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + CURSOR.length);
  const { service } = newService(new MemoryEnvironment(NOW));
  const request = requestFor(format, text, version);
  const position = request.document.positionAt(offset);
  const diagnostics = (await service.doValidation(request)).filter((d) => covers(d.range, position));
  assert.ok(diagnostics.length > 0, `${format}: a finding at the cursor`);
  return (await service.doCodeActions(request, { start: position, end: position }, diagnostics)).map((a) => a.title);
}

describe('what the edits refuse, rather than guess', () => {
  it('yaml: a key a merge key brings in is the anchor\'s text: it is not renamed through the place that merges it', async () => {
    // `client.insecure` is right where it is written; in http_server.tls (merged) it is unknown.
    const text = 'log_level: info\nadmin:\n  enabled: true\nclient: &tls\n  insec‸ure: true\nhttp_server:\n  tls:\n    <<: *tls\n';
    const titles = await titlesAt('yaml', text, 'v6');
    assert.ok(!titles.includes('Rename to insecure_skip_verify'), JSON.stringify(titles));
  });

  it('toml: no key goes into a table written with dotted keys, where a new line could land in the wrong table', async () => {
    const text = '[http_server]\ntls.enabled = true\ntls.cert_p‸em = "server.crt"\n';
    assert.ok(!(await titlesAt('toml', text, 'v6')).includes('Add key_pem'));
  });

  it('yaml: no key goes into a flow mapping', async () => {
    const text = 'http_server:\n  tls: {enabled: true, cert_p‸em: server.crt}\n';
    assert.ok(!(await titlesAt('yaml', text, 'v6')).includes('Add key_pem'));
  });
});

describe('every quick fix in every format', () => {
  for (const scenario of SCENARIOS) {
    for (const format of FORMATS) {
      it(`${format}: ${scenario.name}`, async () => {
        const text = scenario.text[format].replace(KEEP, comment(format, KEEP_TEXT));
        const edited = await applyFix(format, text, scenario.title, scenario.version, scenario.files?.());
        const expected = typeof scenario.expected === 'function' ? (scenario.expected as () => unknown)() : scenario.expected;
        assert.deepEqual(read(format, edited, scenario.version), expected, edited);
        assert.ok(edited.includes(comment(format, KEEP_TEXT)), `the comment survives:\n${edited}`);
      });
    }
  }
});

interface CommandScenario {
  readonly name: string;
  readonly version: 'v5' | 'v6';
  readonly text: Readonly<Record<Format, string>>;
  readonly expected: unknown;
}

const DEV_CERTIFICATE: readonly CommandScenario[] = [
  {
    name: 'v6: http_server.tls goes into the http_server there is',
    version: 'v6',
    text: {
      json: '{\n  KEEP\n  "http_server": {\n    "port": 8000\n  },\n  "admin": {"enabled": true}\n}\n',
      yaml: 'KEEP\nhttp_server:\n  port: 8000\nadmin:\n  enabled: true\n',
      toml: 'KEEP\n[http_server]\nport = 8000\n\n[admin]\nenabled = true\n',
    },
    expected: { http_server: { port: 8000, tls: { enabled: true, cert_pem: 'localhost.crt', key_pem: 'localhost.key' } }, admin: { enabled: true } },
  },
  {
    name: 'v6: http_server is created when there is none',
    version: 'v6',
    text: {
      json: '{\n  "client": {"allowed_origins": ["*"]} KEEP\n}\n',
      yaml: 'client:\n  allowed_origins: ["*"] KEEP\n',
      toml: '[client]\nallowed_origins = ["*"] KEEP\n',
    },
    expected: { client: { allowed_origins: ['*'] }, http_server: { tls: { enabled: true, cert_pem: 'localhost.crt', key_pem: 'localhost.key' } } },
  },
  {
    name: 'v6: an existing http_server.tls is updated key by key',
    version: 'v6',
    text: {
      json: '{\n  "http_server": {\n    "tls": {\n      "enabled": false, KEEP\n      "cert_pem": "old.crt"\n    }\n  }\n}\n',
      yaml: 'http_server:\n  tls:\n    enabled: false KEEP\n    cert_pem: old.crt\n',
      toml: '[http_server.tls]\nenabled = false KEEP\ncert_pem = "old.crt"\n',
    },
    expected: { http_server: { tls: { enabled: true, cert_pem: 'localhost.crt', key_pem: 'localhost.key' } } },
  },
  {
    name: 'v5: the flat tls, tls_cert and tls_key keys, before any table',
    version: 'v5',
    text: {
      json: '{\n  "token_hmac_secret_key": "secret", KEEP\n  "tls": false,\n  "admin": {"enabled": true}\n}\n',
      yaml: 'token_hmac_secret_key: secret KEEP\ntls: false\nadmin:\n  enabled: true\n',
      toml: 'token_hmac_secret_key = "secret" KEEP\ntls = false\n\n[admin]\nenabled = true\n',
    },
    expected: { token_hmac_secret_key: 'secret', tls: true, tls_cert: 'localhost.crt', tls_key: 'localhost.key', admin: { enabled: true } },
  },
];

describe('the development certificate command in every format', () => {
  for (const scenario of DEV_CERTIFICATE) {
    for (const format of FORMATS) {
      it(`${format}: ${scenario.name}`, () => {
        const text = scenario.text[format].replace(KEEP, comment(format, KEEP_TEXT));
        const { service } = newService(new MemoryEnvironment(NOW));
        const request = requestFor(format, text, scenario.version);
        const edit = service.devCertificateEdit(request, `${CONFIG_DIR}/localhost.crt`, `${CONFIG_DIR}/localhost.key`);
        assert.ok(edit, `${format}: an edit is offered`);
        const edited = applyEdits(text, edit.changes?.[request.document.uri] ?? []);
        assert.deepEqual(read(format, edited, scenario.version), scenario.expected, edited);
        assert.ok(edited.includes(comment(format, KEEP_TEXT)), `the comment survives:\n${edited}`);
      });
    }
  }

  it('yaml and toml: a documented v5 tls object is not overwritten, as in JSON', () => {
    for (const [format, text] of [['yaml', 'tls:\n  enabled: true\n'], ['toml', '[tls]\nenabled = true\n']] as const) {
      const { service } = newService(new MemoryEnvironment(NOW));
      const request = requestFor(format, text, 'v5');
      assert.equal(service.devCertificateEdit(request, `${CONFIG_DIR}/localhost.crt`, `${CONFIG_DIR}/localhost.key`), null, format);
    }
  });
});

/** One v5 config in the three formats (the YAML and TOML with two comments each, which a rewrite drops). */
function v5Source(format: Format, pem: string): string {
  const indented = pem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  if (format === 'json') {
    return `${JSON.stringify({
      port: '8000', engine: 'redis', redis_address: 'redis://r:6379', allowed_origins: ['https://a.example'],
      namespaces: [{ name: 'chat', presence: true, proxy_cache_empty: true }, { name: 'news', history_size: 10, history_ttl: '300s' }],
      tls_autocert: true, tls_autocert_host_whitelist: 'a.example,b.example', sockjs: true,
      proxy_grpc_tls: { enabled: true, cert_pem: pem },
    }, null, 2)}\n`;
  }
  if (format === 'yaml') {
    return `# v5 config\nport: "8000"\nengine: redis # the engine\nredis_address: redis://r:6379\nallowed_origins:\n  - https://a.example\n`
      + 'namespaces:\n  - name: chat\n    presence: true\n    proxy_cache_empty: true\n  - name: news\n    history_size: 10\n    history_ttl: 300s\n'
      + `tls_autocert: true\ntls_autocert_host_whitelist: a.example,b.example\nsockjs: true\nproxy_grpc_tls:\n  enabled: true\n  cert_pem: |\n${indented}\n`;
  }
  return '# v5 config\nport = "8000"\nengine = "redis" # the engine\nredis_address = "redis://r:6379"\nallowed_origins = ["https://a.example"]\n'
    + 'tls_autocert = true\ntls_autocert_host_whitelist = "a.example,b.example"\nsockjs = true\n\n'
    + '[[namespaces]]\nname = "chat"\npresence = true\nproxy_cache_empty = true\n\n[[namespaces]]\nname = "news"\nhistory_size = 10\nhistory_ttl = "300s"\n\n'
    + `[proxy_grpc_tls]\nenabled = true\ncert_pem = """\n${pem}"""\n`;
}

describe('migrate to v6 in every format', () => {
  it('writes the same v6 config in the file\'s own format, PEM as a block scalar / multi-line string', () => {
    const results = FORMATS.map((format) => {
      const { service } = newService();
      const result = service.migrateToV6(requestFor(format, v5Source(format, cert.pem), 'v5'));
      assert.ok(!('error' in result), 'error' in result ? result.error : '');
      return { format, result };
    });
    const expected = read('json', results[0].result.text, 'v6');
    assert.deepEqual((expected as { http_server: unknown }).http_server, { port: 8000, tls_autocert: { enabled: true, host_whitelist: ['a.example', 'b.example'] } });
    for (const { format, result } of results) {
      assert.deepEqual(read(format, result.text, 'v6'), expected, `${format}:\n${result.text}`);
      // In the order of the file's tree: a TOML file's top-level keys come before its tables.
      assert.deepEqual(result.notCarried.map((n) => n.path).sort(), ['namespaces[0].proxy_cache_empty', 'sockjs'], format);
      assert.equal(result.droppedComments, format === 'json' ? 0 : 2, format);
    }
    const yaml = results[1].result.text;
    const toml = results[2].result.text;
    assert.match(yaml, /\n( +)cert_pem: \|\n\1 {2}-----BEGIN CERTIFICATE-----\n/);
    assert.ok(toml.includes('[[channel.namespaces]]\nname = "chat"'), toml);
    assert.ok(toml.includes('cert_pem = """\n-----BEGIN CERTIFICATE-----\n'), toml);
  });

  it('says which format has syntax errors, and changes nothing then', () => {
    for (const [format, text, name] of [['yaml', 'port: [8000\n', 'YAML'], ['toml', 'port = \n', 'TOML'], ['json', '{"port": "8000", ', 'JSON']] as const) {
      const { service } = newService();
      const result = service.migrateToV6(requestFor(format, text, 'v5'));
      assert.ok('error' in result, format);
      assert.match(result.error, new RegExp(`Fix the ${name} syntax errors first`));
    }
  });

  it('TOML has no null: such a value is left out of the text and reported; YAML keeps it', () => {
    const toml = writeConfig({ client: { token: { hmac_secret_key: null, user_id_claim: 'sub' } }, list: [1, null] }, 'toml');
    assert.ok(toml);
    assert.deepEqual(read('toml', toml.text, 'v6'), { client: { token: { user_id_claim: 'sub' } }, list: [1] });
    assert.deepEqual([...toml.leftOut].sort(), ['client.token.hmac_secret_key', 'list[1]']);
    const yaml = writeConfig({ client: { token: { hmac_secret_key: null } } }, 'yaml');
    assert.ok(yaml);
    assert.deepEqual(read('yaml', yaml.text, 'v6'), { client: { token: { hmac_secret_key: null } } });
    assert.deepEqual(yaml.leftOut, []);
  });

  it('YAML strings that a Go decoder would read as something else are quoted', () => {
    const value = { a: 'yes', b: '0777', c: '1_000', d: '2024-01-01', e: 'on', f: '10s' };
    const yaml = writeConfig(value, 'yaml');
    assert.ok(yaml);
    for (const decoder of ['yaml.v2', 'yaml.v3'] as const) {
      const tree = parseYaml(yaml.text, decoder);
      assert.deepEqual(tree.root && JSON.parse(JSON.stringify(getNodeValue(tree.root))), value, `${decoder}:\n${yaml.text}`);
    }
  });
});

describe('line ends and empty shells', () => {
  it('yaml and toml with CRLF line ends: moved and added lines keep CRLF, the rest is untouched', async () => {
    const texts = {
      yaml: 'http_server:\r\n  port: 8443 # public\r\ntl‸s:\r\n  # issued by ops\r\n  enabled: true\r\n  cert_pem: server.crt\r\n  key_pem: server.key\r\ntoken_hmac_secret_key: secret\r\n',
      toml: 'token_hmac_secret_key = "secret"\r\n\r\n[http_server]\r\nport = 8443 # public\r\n\r\n[tl‸s]\r\n# issued by ops\r\nenabled = true\r\ncert_pem = "server.crt"\r\nkey_pem = "server.key"\r\n',
    } as const;
    for (const format of ['yaml', 'toml'] as const) {
      const edited = await applyFix(format, texts[format], 'Move to http_server.tls', 'v6');
      assert.equal(edited.replace(/\r\n/g, '').includes('\n'), false, `${format}: only CRLF line ends:\n${JSON.stringify(edited)}`);
      assert.deepEqual(read(format, edited, 'v6'), { token_hmac_secret_key: 'secret', http_server: { port: 8443, tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' } } });
      assert.ok(edited.includes('# issued by ops\r\n') && edited.includes('# public\r\n'), edited);
    }
    const yaml = await applyFix('yaml', 'http_server:\r\n  tls:\r\n    enabled: true # on\r\n    cert_p‸em: server.crt\r\n', 'Add key_pem', 'v6');
    assert.equal(yaml, 'http_server:\r\n  tls:\r\n    enabled: true # on\r\n    cert_pem: server.crt\r\n    key_pem: ""\r\n');
  });

  it('toml: moving the unified_proxy example also removes the emptied [unified_proxy] and [unified_proxy.grpc] headers', async () => {
    const text = '# v5\r\ntoken_hmac_secret_key = "secret"\r\n\r\n[unified_proxy]\r\n\r\n[unified_proxy.grpc]\r\n\r\n[unified_proxy.grpc.tls‸]\r\nenabled = true\r\n';
    const edited = await applyFix('toml', text, 'Move to proxy_grpc_tls', 'v5');
    assert.deepEqual(read('toml', edited, 'v5'), { token_hmac_secret_key: 'secret', proxy_grpc_tls: { enabled: true } });
    assert.ok(!edited.includes('unified_proxy') && edited.startsWith('# v5\r\n'), edited);
  });
});
