import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import type { ServiceRequest } from '../../server/src/service';
import { createCertificate, generateKey, NOW, type TestCert, type TestKey, daysFrom } from '../helpers/certFactory';
import { applyEdits, CONFIG_DIR, CONFIG_PATH, makeRequest, newService, withCursor } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

interface Scenario {
  readonly text: string;
  readonly request: ServiceRequest;
  /** The diagnostics under the cursor, as an editor passes them. */
  readonly diagnostics: Diagnostic[];
  readonly actions: CodeAction[];
}

interface ScenarioOptions {
  readonly version?: 'v5' | 'v6';
  readonly files?: Record<string, string>;
  readonly only?: string[];
  readonly readsFiles?: boolean;
}

function covers(range: Range, position: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}

/** Validates the document, then asks for code actions at the `|` cursor with the diagnostics there: what an editor does. */
async function actionsAt(textWithCursor: string, options: ScenarioOptions = {}): Promise<Scenario> {
  const { text, offset } = withCursor(textWithCursor);
  const env = new MemoryEnvironment(NOW);
  for (const [name, content] of Object.entries(options.files ?? {})) env.addFile(`${CONFIG_DIR}/${name}`, content);
  const { service } = newService(env);
  const request = makeRequest(text, {
    settings: options.version ? { version: options.version } : {},
    context: { configPath: CONFIG_PATH, workspaceFolder: CONFIG_DIR, readsFiles: options.readsFiles ?? true },
  });
  const all = await service.doValidation(request);
  const position = request.document.positionAt(offset);
  const diagnostics = all.filter((d) => covers(d.range, position));
  const actions = await service.doCodeActions(request, { start: position, end: position }, diagnostics, options.only);
  return { text, request, diagnostics, actions };
}

function titles(scenario: Scenario): string[] {
  return scenario.actions.map((a) => a.title);
}

function action(scenario: Scenario, title: string): CodeAction {
  const found = scenario.actions.find((a) => a.title === title);
  assert.ok(found, `no action ${JSON.stringify(title)}; got ${JSON.stringify(titles(scenario))}`);
  return found;
}

/** The whole document after applying an action's edit. */
function apply(scenario: Scenario, title: string): string {
  const edit = action(scenario, title).edit;
  const edits = edit?.changes?.[scenario.request.document.uri];
  assert.ok(edits, 'the edit changes the document it was asked for');
  return applyEdits(scenario.text, edits);
}

/** The quick fix is attached to the diagnostic it fixes (and only to it). */
function assertFixes(scenario: Scenario, title: string, code: string): void {
  const fix = action(scenario, title);
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.diagnostics?.length, 1);
  assert.equal(fix.diagnostics?.[0].code, code);
  assert.ok(scenario.diagnostics.includes(fix.diagnostics![0]), 'references the diagnostic the editor passed');
}

const CRLF_CERT = '-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIUQQ==\r\n-----END CERTIFICATE-----\r\n';

let cert: TestCert;
let key: TestKey;

before(async () => {
  key = await generateKey({ kind: 'ec', curve: 'P-256' });
  cert = await createCertificate({ subject: 'CN=api.example.org', notBefore: daysFrom(NOW, -10), notAfter: daysFrom(NOW, 300), ca: false, dnsNames: ['api.example.org'], key });
});

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

describe('converting PEM text to base64 and back', () => {
  it('v5 form: turns cert_pem and key_pem into *_pem_b64 together, keeping comments and trailing commas, and back byte for byte', async () => {
    const certPem = cert.pem.replace(/\n/g, '\r\n');
    const keyPem = key.pem;
    const original = `{
  // gRPC proxy
  "proxy_grpc_tls": {
    "enabled": true, // on
    "cert_pem": ${JSON.stringify(certPem)},
    "key_pem": ${JSON.stringify(keyPem)}, // inline key
  },
}
`;
    assert.ok(original.includes('\\r\\n'), 'the JSON string holds CRLF escapes');
    const toBase64 = await actionsAt(original.replace('"cert_pem"', '"cert|_pem"'), { version: 'v5' });
    assert.deepEqual(titles(toBase64), ['Convert certificate and key to base64 (cert_pem_b64, key_pem_b64)']);
    assert.equal(action(toBase64, titles(toBase64)[0]).kind, 'refactor.rewrite');
    const converted = apply(toBase64, 'Convert certificate and key to base64 (cert_pem_b64, key_pem_b64)');
    assert.equal(converted, `{
  // gRPC proxy
  "proxy_grpc_tls": {
    "enabled": true, // on
    "cert_pem_b64": "${b64(certPem)}",
    "key_pem_b64": "${b64(keyPem)}", // inline key
  },
}
`);
    const back = await actionsAt(converted.replace('"key_pem_b64"', '"key_pem_b64|"'), { version: 'v5' });
    assert.equal(apply(back, 'Convert certificate and key to PEM text (cert_pem, key_pem)'), original, 'round trip is byte-identical');
  });

  it('v5 form: a CA setting converts on its own, into its own key', async () => {
    const text = `{"token_hmac_secret_key": "s", "proxies": [{"name": "p", "grpc_tls": {"enabled": true, "server_ca_pem": ${JSON.stringify(CRLF_CERT)}|}}]}`;
    const scenario = await actionsAt(text, { version: 'v5' });
    assert.equal(apply(scenario, 'Convert to base64 in server_ca_pem_b64'),
      `{"token_hmac_secret_key": "s", "proxies": [{"name": "p", "grpc_tls": {"enabled": true, "server_ca_pem_b64": "${b64(CRLF_CERT)}"}}]}`);
  });

  it('v6 form: converts the value in place, same key, and back byte for byte (CRLF and final newline kept)', async () => {
    const original = `{
  "http_server": {
    "tls": {
      "enabled": true,
      "cert_pem": ${JSON.stringify(CRLF_CERT)},
      "key_pem": "server.key"
    }
  }
}`;
    const toBase64 = await actionsAt(original.replace('"cert_pem":', '"cert_pem|":'), { version: 'v6' });
    const converted = apply(toBase64, 'Convert to base64');
    assert.equal(converted, original.replace(JSON.stringify(CRLF_CERT), JSON.stringify(b64(CRLF_CERT))));
    const back = await actionsAt(converted.replace('"cert_pem":', '"|cert_pem":'), { version: 'v6' });
    assert.deepEqual(titles(back), ['Convert to PEM text']);
    const restored = apply(back, 'Convert to PEM text');
    assert.equal(restored, original);
    assert.equal(JSON.parse(restored).http_server.tls.cert_pem, CRLF_CERT);
  });

  it('offers nothing on v5 flat keys, which have no base64 form', async () => {
    const text = `{"tls": true, "tls_cert_pem": ${JSON.stringify(cert.pem)}|, "tls_key_pem": ${JSON.stringify(key.pem)}}`;
    const scenario = await actionsAt(text, { version: 'v5' });
    assert.deepEqual(titles(scenario), []);
  });

  it('offers nothing when the base64 key is already there, or when only quick fixes are asked for', async () => {
    const taken = await actionsAt(`{"nats_tls": {"cert_pem": ${JSON.stringify(CRLF_CERT)}|, "cert_pem_b64": ""}}`, { version: 'v5' });
    assert.deepEqual(titles(taken), []);
    const onlyFixes = await actionsAt(`{"http_server": {"tls": {"cert_pem": ${JSON.stringify(CRLF_CERT)}|}}}`, { version: 'v6', only: ['quickfix'] });
    assert.deepEqual(titles(onlyFixes), []);
  });
});

describe('embedding a file as base64', () => {
  it('v5 form: replaces the file pair by base64, says so when a private key goes into the config', async () => {
    const text = `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_file": "client.crt", // issued by ops
    "key_pem_file": "|client.key"
  }
}`;
    const scenario = await actionsAt(text, { version: 'v5', files: { 'client.crt': cert.pem, 'client.key': key.pem } });
    const title = 'Embed client.crt and client.key as base64 (puts the private key into the config)';
    assert.deepEqual(titles(scenario), [title]);
    assert.equal(apply(scenario, title), `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_b64": "${b64(cert.pem)}", // issued by ops
    "key_pem_b64": "${b64(key.pem)}"
  }
}`);
  });

  it('v6 form: embeds in place; a certificate file gets no warning, a key file does', async () => {
    const files = { 'tls/server.crt': cert.pem, 'tls/server.key': key.pem };
    const text = (cursorOnKey: boolean) => `{"http_server": {"tls": {"enabled": true, "cert_pem": "tls/server.crt"${cursorOnKey ? '' : '|'}, "key_pem": "tls/server.key"${cursorOnKey ? '|' : ''}}}}`;
    const onCert = await actionsAt(text(false), { version: 'v6', files });
    assert.deepEqual(titles(onCert), ['Embed server.crt as base64']);
    assert.equal(apply(onCert, 'Embed server.crt as base64'),
      `{"http_server": {"tls": {"enabled": true, "cert_pem": "${b64(cert.pem)}", "key_pem": "tls/server.key"}}}`);
    const onKey = await actionsAt(text(true), { version: 'v6', files });
    assert.deepEqual(titles(onKey), ['Embed server.key as base64 (puts the private key into the config)']);
  });

  it('offers nothing for a missing or non-PEM file, or in an untrusted workspace', async () => {
    const text = '{"http_server": {"tls": {"enabled": true, "cert_pem": "server.crt"|, "key_pem": "server.key"}}}';
    assert.deepEqual(titles(await actionsAt(text, { version: 'v6' })), []);
    assert.deepEqual(titles(await actionsAt(text, { version: 'v6', files: { 'server.crt': 'not a certificate' } })), []);
    assert.deepEqual(titles(await actionsAt(text, { version: 'v6', files: { 'server.crt': cert.pem }, readsFiles: false })), []);
  });
});

describe('quick fixes for certificate sources', () => {
  it('removes a shadowed source with its line, keeping the comment above the next key and the trailing comma', async () => {
    const text = `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_file": "c.crt", // from vault
    "cert_pem|": "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n", // old
    "key_pem_file": "c.key",
  }
}`;
    const scenario = await actionsAt(text, { version: 'v5' });
    assertFixes(scenario, 'Remove cert_pem, which Centrifugo ignores', 'shadowed-source');
    assert.equal(action(scenario, 'Remove cert_pem, which Centrifugo ignores').isPreferred, true);
    assert.equal(apply(scenario, 'Remove cert_pem, which Centrifugo ignores'), `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_file": "c.crt", // from vault
    "key_pem_file": "c.key",
  }
}`);
  });

  it('removes the last key without leaving a trailing comma behind', async () => {
    const text = `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_file": "c.crt",
    "key_pem_file": "c.key", // files
    "key_pem|": "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"
  }
}`;
    const scenario = await actionsAt(text, { version: 'v5' });
    assert.equal(apply(scenario, 'Remove key_pem, which Centrifugo ignores'), `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_file": "c.crt",
    "key_pem_file": "c.key" // files
  }
}`);
  });

  it('adds the missing half right after the existing one, in the document\'s tabs and line endings', async () => {
    const text = '{\r\n\t"http_server": {\r\n\t\t"tls": {\r\n\t\t\t"enabled": true,\r\n\t\t\t"cert_pem|": "server.crt", // mine\r\n\t\t\t"server_name": ""\r\n\t\t}\r\n\t}\r\n}\r\n';
    const scenario = await actionsAt(text, { version: 'v6' });
    assertFixes(scenario, 'Add key_pem', 'mixed-source-pair');
    assert.equal(apply(scenario, 'Add key_pem'),
      '{\r\n\t"http_server": {\r\n\t\t"tls": {\r\n\t\t\t"enabled": true,\r\n\t\t\t"cert_pem": "server.crt", // mine\r\n\t\t\t"key_pem": "",\r\n\t\t\t"server_name": ""\r\n\t\t}\r\n\t}\r\n}\r\n');
  });

  it('adds the missing half of a v5 flat pair, inline when the keys are inline', async () => {
    const scenario = await actionsAt('{"grpc_api_tls": true, "grpc_api_tls_cert|": "c.crt"}', { version: 'v5' });
    assert.equal(apply(scenario, 'Add grpc_api_tls_key'), '{"grpc_api_tls": true, "grpc_api_tls_cert": "c.crt", "grpc_api_tls_key": ""}');
  });

  it('moves a v5 source key of a v6 block to the v6 key, or removes it when the v6 key is set', async () => {
    const text = '{"http_server": {"tls": {"enabled": true, "cert_pem_file|": "c.crt", "key_pem_b64": "a2V5"}}}';
    const rename = await actionsAt(text, { version: 'v6' });
    assertFixes(rename, 'Rename to cert_pem', 'unknown-in-version');
    assert.equal(apply(rename, 'Rename to cert_pem'), '{"http_server": {"tls": {"enabled": true, "cert_pem": "c.crt", "key_pem_b64": "a2V5"}}}');
    const empty = await actionsAt('{"http_server": {"tls": {"cert_pem": "", "cert_pem_file|": "c.crt"}}}', { version: 'v6' });
    assert.equal(apply(empty, 'Move the value to cert_pem'), '{"http_server": {"tls": {"cert_pem": "c.crt"}}}');
    const set = await actionsAt('{"http_server": {"tls": {"cert_pem": "a.crt", "cert_pem_file|": "c.crt"}}}', { version: 'v6' });
    assert.equal(apply(set, 'Remove cert_pem_file (cert_pem is set)'), '{"http_server": {"tls": {"cert_pem": "a.crt"}}}');
  });
});

describe('quick fixes for keys and values', () => {
  it('renames a misspelt or wrongly cased key to the suggestion, keeping its value', async () => {
    const typo = await actionsAt('{"http_server": {"tls": {"enabled": true, "server_nmae|": "api"}}}', { version: 'v6' });
    assertFixes(typo, 'Rename to server_name', 'unknown-field');
    assert.equal(apply(typo, 'Rename to server_name'), '{"http_server": {"tls": {"enabled": true, "server_name": "api"}}}');
    const cased = await actionsAt('{"http_server": {"tls": {"Enabled|": true}}}', { version: 'v6' });
    assert.equal(apply(cased, 'Rename to enabled'), '{"http_server": {"tls": {"enabled": true}}}');
  });

  it('writes the value Centrifugo means for a type mismatch', async () => {
    const bool = await actionsAt('{"http_server": {"tls": {"enabled": "true"|}}}', { version: 'v6' });
    assertFixes(bool, 'Change to true', 'type-mismatch');
    assert.equal(apply(bool, 'Change to true'), '{"http_server": {"tls": {"enabled": true}}}');
    const hosts = await actionsAt(`{
  "http_server": {
    "tls_autocert": {
      "enabled": true,
      "host_whitelist": "chat.acme.io, api.acme.io"|, // both
    },
  },
}`, { version: 'v6' });
    assert.equal(apply(hosts, 'Change to ["chat.acme.io", "api.acme.io"]'), `{
  "http_server": {
    "tls_autocert": {
      "enabled": true,
      "host_whitelist": ["chat.acme.io", "api.acme.io"], // both
    },
  },
}`);
  });

  it('corrects autocert values: one host of a list, the e-mail, the challenge address', async () => {
    const host = await actionsAt('{"tls_autocert": true, "tls_autocert_host_whitelist": "chat.acme.io,https://|api.acme.io"}', { version: 'v5' });
    assertFixes(host, 'Change to "api.acme.io"', 'autocert-host');
    assert.equal(apply(host, 'Change to "api.acme.io"'), '{"tls_autocert": true, "tls_autocert_host_whitelist": "chat.acme.io,api.acme.io"}');
    const spaces = await actionsAt('{"tls_autocert": true, "tls_autocert_host_whitelist": "chat.acme.io,| api.acme.io"}', { version: 'v5' });
    assert.equal(apply(spaces, 'Remove the spaces around api.acme.io'), '{"tls_autocert": true, "tls_autocert_host_whitelist": "chat.acme.io,api.acme.io"}');
    const item = await actionsAt('{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": ["chat.acme.io", "|api.acme.io:443"]}}}', { version: 'v6' });
    assert.equal(apply(item, 'Change to "api.acme.io"'), '{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": ["chat.acme.io", "api.acme.io"]}}}');
    const email = await actionsAt('{"http_server": {"tls_autocert": {"enabled": true, "email": "mailto:ops@acme.io"|}}}', { version: 'v6' });
    assertFixes(email, 'Change to "ops@acme.io"', 'autocert-email');
    assert.equal(apply(email, 'Change to "ops@acme.io"'), '{"http_server": {"tls_autocert": {"enabled": true, "email": "ops@acme.io"}}}');
    const addr = await actionsAt('{"http_server": {"tls_autocert": {"enabled": true, "http": true, "http_addr": "80"|}}}', { version: 'v6' });
    assertFixes(addr, 'Change to ":80"', 'autocert-http-addr');
    assert.equal(apply(addr, 'Change to ":80"'), '{"http_server": {"tls_autocert": {"enabled": true, "http": true, "http_addr": ":80"}}}');
  });
});

describe('moving settings to where the version reads them', () => {
  it('moves the documented top-level tls object into http_server, comments inside and all', async () => {
    const text = `{
  "http_server": {
    "port": 8443 // public
  },
  "tl|s": {
    // issued by ops
    "enabled": true,
    "cert_pem": "server.crt",
    "key_pem": "server.key"
  },
  "token_hmac_secret_key": "secret"
}`;
    const scenario = await actionsAt(text, { version: 'v6' });
    assertFixes(scenario, 'Move to http_server.tls', 'wrong-location');
    assert.equal(apply(scenario, 'Move to http_server.tls'), `{
  "http_server": {
    "port": 8443, // public
    "tls": {
      // issued by ops
      "enabled": true,
      "cert_pem": "server.crt",
      "key_pem": "server.key"
    }
  },
  "token_hmac_secret_key": "secret"
}`);
  });

  it('creates http_server where the block was, and moves tls_autocert the same way', async () => {
    const text = `{
  "token_hmac_secret_key": "secret",
  "|tls_autocert": {
    "enabled": true,
    "host_whitelist": ["chat.acme.io"]
  },
  "admin": {"enabled": false}
}`;
    const scenario = await actionsAt(text, { version: 'v6' });
    assert.equal(apply(scenario, 'Move to http_server.tls_autocert'), `{
  "token_hmac_secret_key": "secret",
  "http_server": {
    "tls_autocert": {
      "enabled": true,
      "host_whitelist": ["chat.acme.io"]
    }
  },
  "admin": {"enabled": false}
}`);
  });

  it('does not move onto an http_server.tls that exists, nor guess a target for unified_proxy in v6', async () => {
    const taken = await actionsAt('{"http_server": {"tls": {"enabled": false}}, "|tls": {"enabled": true}}', { version: 'v6' });
    assert.equal(taken.diagnostics.some((d) => d.code === 'wrong-location'), true);
    assert.deepEqual(titles(taken), []);
    const unified = await actionsAt('{"unified_proxy": {"grpc": {"|tls": {"enabled": true}}}}', { version: 'v6' });
    assert.deepEqual(titles(unified), []);
  });

  it('v5: moves the documented unified_proxy example to proxy_grpc_tls and drops the empty shell', async () => {
    const text = `{
  "token_hmac_secret_key": "secret",
  "unified_proxy": {
    "grpc": {
      "tls|": {
        "enabled": true,
        "server_ca_pem_file": "ca.pem"
      }
    }
  }
}`;
    const scenario = await actionsAt(text, { version: 'v5' });
    assert.equal(apply(scenario, 'Move to proxy_grpc_tls'), `{
  "token_hmac_secret_key": "secret",
  "proxy_grpc_tls": {
    "enabled": true,
    "server_ca_pem_file": "ca.pem"
  }
}`);
  });

  it('moves v5 flat keys of a v6 config into their v6 object one by one, and removes *_tls_disable', async () => {
    const text = `{
  "token_hmac_secret_key": "secret",
  "tls|": true,
  "tls_cert": "server.crt",
  "grpc_api_tls_disable": true,
  "tls_autocert_host_whitelist": "chat.acme.io,api.acme.io"
}`;
    const first = await actionsAt(text, { version: 'v6' });
    const step1 = apply(first, 'Move to http_server.tls.enabled');
    assert.equal(step1, `{
  "token_hmac_secret_key": "secret",
  "http_server": {
    "tls": {
      "enabled": true
    }
  },
  "tls_cert": "server.crt",
  "grpc_api_tls_disable": true,
  "tls_autocert_host_whitelist": "chat.acme.io,api.acme.io"
}`);
    const step2 = apply(await actionsAt(step1.replace('"tls_cert"', '"tls_cert|"'), { version: 'v6' }), 'Move to http_server.tls.cert_pem');
    const step3 = apply(await actionsAt(step2.replace('"grpc_api_tls_disable"', '"|grpc_api_tls_disable"'), { version: 'v6' }), 'Remove grpc_api_tls_disable');
    const step4 = apply(await actionsAt(step3.replace('"tls_autocert_host_whitelist"', '"|tls_autocert_host_whitelist"'), { version: 'v6' }),
      'Move to http_server.tls_autocert.host_whitelist as an array');
    assert.equal(step4, `{
  "token_hmac_secret_key": "secret",
  "http_server": {
    "tls": {
      "enabled": true,
      "cert_pem": "server.crt"
    },
    "tls_autocert": {
      "host_whitelist": ["chat.acme.io", "api.acme.io"]
    }
  }
}`);
  });
});

describe('every quick fix belongs to its diagnostic', () => {
  it('offers each fix only with the diagnostic it fixes, and nothing for diagnostics of others', async () => {
    const text = `{
  "tls": {"enabled": true},
  "http_server": {"tls_autocert": {"enabled": true, "email": "mailto:a@acme.io", "host_whitelist": "chat.acme.io"}},
  "grpc_api": {"tls": {"enabled": true, "insecure_skip_verify": "yes", "cert_pem": "a.crt", "sever_name": "x", "key_pem_file": "a.key"}}
}`;
    const env = new MemoryEnvironment(NOW);
    const { service } = newService(env);
    const request = makeRequest(text, { settings: { version: 'v6' } });
    const diagnostics = await service.doValidation(request);
    const fixed = new Set<string>();
    for (const diagnostic of diagnostics) {
      const actions = await service.doCodeActions(request, diagnostic.range, [diagnostic]);
      for (const fix of actions.filter((a) => a.kind === 'quickfix')) {
        assert.deepEqual(fix.diagnostics, [diagnostic], `${fix.title} names its diagnostic`);
        fixed.add(String(diagnostic.code));
      }
    }
    assert.deepEqual([...fixed].sort(), ['autocert-email', 'mixed-source-pair', 'type-mismatch', 'unknown-field', 'unknown-in-version', 'wrong-location']);
    const foreign: Diagnostic = { ...diagnostics.find((d) => d.code === 'wrong-location')!, source: 'json' };
    assert.deepEqual(await service.doCodeActions(request, foreign.range, [foreign]), []);
  });

  it('offers nothing for a diagnostic from an older text that no longer matches', async () => {
    const { service } = newService();
    const old = makeRequest('{"http_server": {"tls": {"sever_name": "x"}}}', { settings: { version: 'v6' } });
    const [stale] = (await service.doValidation(old)).filter((d) => d.code === 'unknown-field');
    const now = makeRequest('{"http_server": {"tls": {}}, "admin": {"enabled": false, "x": 1}}', { settings: { version: 'v6' } });
    assert.deepEqual(await service.doCodeActions(now, stale.range, [stale]), []);
  });
});
