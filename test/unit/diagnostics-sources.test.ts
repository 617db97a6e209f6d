/** shadowed-source and mixed-source-pair: which source Centrifugo really loads. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';

const { Error, Warning } = DiagnosticSeverity;

describe('shadowed-source', () => {
  test('v5 proxy_grpc_tls: the file pair wins over the PEM pair', async () => {
    const text = `{
  "proxy_grpc_tls": {
    "enabled": true,
    "cert_pem_file": "/etc/tls/proxy.crt",
    "key_pem_file": "/etc/tls/proxy.key",
    "cert_pem": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----",
    "key_pem": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"
  }
}`;
    const diags = await validate(text, 'v5');
    assert.equal(withCode(diags, 'shadowed-source').length, 2);
    const cert = one(diags, 'shadowed-source', rangeOf(text, '"cert_pem"'), Warning);
    assert.deepEqual(cert.tags, [DiagnosticTag.Unnecessary]);
    includesAll(cert.message, '`cert_pem` is ignored', 'loaded from `cert_pem_file` and `key_pem_file`', 'take priority');
    assert.deepEqual(cert.data, {
      path: 'proxy_grpc_tls.cert_pem', role: 'cert', winner: 'cert_pem_file', winnerPath: 'proxy_grpc_tls.cert_pem_file',
    });
    assert.equal(cert.range.start.line, 5);
    const key = one(diags, 'shadowed-source', rangeOf(text, '"key_pem"'), Warning);
    assert.equal(key.data.winner, 'key_pem_file');
    assert.equal(withCode(diags, 'mixed-source-pair').length, 0);
  });

  test('cert and key are chosen as a pair: a file certificate without a file key loses to the base64 pair', async () => {
    const text = `{
  "nats_tls": {
    "enabled": true,
    "cert_pem_file": "/c.pem",
    "cert_pem_b64": "Y2VydA==",
    "key_pem_b64": "a2V5"
  }
}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'shadowed-source', rangeOf(text, '"cert_pem_file"'), Warning);
    includesAll(d.message, '`cert_pem_file` is ignored', '`key_pem_file` is not set', 'loads `cert_pem_b64` and `key_pem_b64` instead');
    assert.equal(d.data.winner, 'cert_pem_b64');
    assert.equal(withCode(diags, 'shadowed-source').length, 1);
    assert.equal(withCode(diags, 'mixed-source-pair').length, 0);
  });

  test('CA settings are chosen one by one, file > base64 > PEM', async () => {
    const text = `{
  "proxies": [{"name": "a", "grpc_tls": {
    "enabled": true,
    "server_ca_pem_file": "/ca.pem",
    "server_ca_pem_b64": "Y2E=",
    "server_ca_pem": "-----BEGIN CERTIFICATE-----"
  }}]
}`;
    const diags = await validate(text, 'v5');
    const b64 = one(diags, 'shadowed-source', rangeOf(text, '"server_ca_pem_b64"'), Warning);
    includesAll(b64.message, '`server_ca_pem_b64` is ignored', '`server_ca_pem_file` is set and takes priority');
    assert.deepEqual(b64.data, {
      path: 'proxies[0].grpc_tls.server_ca_pem_b64', role: 'serverCa', winner: 'server_ca_pem_file', winnerPath: 'proxies[0].grpc_tls.server_ca_pem_file',
    });
    assert.equal(one(diags, 'shadowed-source', rangeOf(text, '"server_ca_pem"'), Warning).data.winner, 'server_ca_pem_file');
  });

  test('empty strings count as unset', async () => {
    const text = `{"nats_tls": {"enabled": true, "cert_pem_file": "", "key_pem_file": "", "cert_pem": "C", "key_pem": "K"}}`;
    assert.deepEqual(await validate(text, 'v5'), []);
  });

  test('v5 flat keys: tls_cert/tls_key beat tls_cert_pem/tls_key_pem; tls_client_ca beats tls_client_ca_pem', async () => {
    const text = `{
  "tls": true,
  "tls_cert": "/c.crt",
  "tls_key": "/c.key",
  "tls_cert_pem": "CERT",
  "tls_key_pem": "KEY",
  "tls_client_ca": "/ca.crt",
  "tls_client_ca_pem": "CA"
}`;
    const diags = await validate(text, 'v5');
    assert.equal(one(diags, 'shadowed-source', rangeOf(text, '"tls_cert_pem"'), Warning).data.winner, 'tls_cert');
    assert.equal(one(diags, 'shadowed-source', rangeOf(text, '"tls_key_pem"'), Warning).data.winner, 'tls_key');
    const ca = one(diags, 'shadowed-source', rangeOf(text, '"tls_client_ca_pem"'), Warning);
    assert.deepEqual(ca.data, { path: 'tls_client_ca_pem', role: 'clientCa', winner: 'tls_client_ca', winnerPath: 'tls_client_ca' });
    assert.equal(diags.length, 3);
  });

  test('no finding in a block that is off (tls-disabled covers it)', async () => {
    const text = `{"nats_tls": {"enabled": false, "cert_pem_file": "/c", "key_pem_file": "/k", "cert_pem": "C"}}`;
    assert.deepEqual((await validate(text, 'v5')).map((d) => d.code), ['tls-disabled']);
  });
});

describe('mixed-source-pair', () => {
  // A lone half loads nothing; outside the HTTP server Centrifugo still starts (warning), so nats_tls
  // needs the NATS broker for its TLS to be loaded at all (main.go:650-695@v5.4.9).
  test('certificate from a file, key as base64: both halves flagged, each with its missing partner', async () => {
    const text = `{
  "broker": "nats",
  "nats_tls": {
    "enabled": true,
    "cert_pem_file": "/c.pem",
    "key_pem_b64": "a2V5"
  }
}`;
    const diags = await validate(text, 'v5');
    assert.equal(withCode(diags, 'mixed-source-pair').length, 2);
    const cert = one(diags, 'mixed-source-pair', rangeOf(text, '"cert_pem_file"'), Warning);
    includesAll(cert.message, '`cert_pem_file` has no `key_pem_file` to pair with', 'given as `key_pem_b64`', 'loads no certificate', 'reports no error',
      'without a client certificate', 'Give both as files, or both as base64');
    assert.deepEqual(cert.data, { path: 'nats_tls.cert_pem_file', role: 'cert', missing: 'key_pem_file', missingPath: 'nats_tls.key_pem_file' });
    const key = one(diags, 'mixed-source-pair', rangeOf(text, '"key_pem_b64"'), Warning);
    assert.deepEqual(key.data, { path: 'nats_tls.key_pem_b64', role: 'key', missing: 'cert_pem_b64', missingPath: 'nats_tls.cert_pem_b64' });
  });

  test('a lone certificate: add the key of the same kind', async () => {
    // proxy_grpc_tls is built only for a gRPC proxy endpoint (main.go:2044-2059@v5.4.9).
    const text = `{"proxy_connect_endpoint": "grpc://auth:9000", "proxy_grpc_tls": {"enabled": true, "cert_pem_file": "/c.pem", "cert_pem": ""}}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'mixed-source-pair', rangeOf(text, '"cert_pem_file"'), Warning);
    includesAll(d.message, 'is set but no key is', 'Add `key_pem_file` with the path of the private key file');
    assert.equal(d.data.missing, 'key_pem_file');
    assert.equal(diags.length, 1);
  });

  test('a lone key after an empty certificate', async () => {
    const text = `{"broker": "nats", "nats_tls": {"enabled": true, "cert_pem_file": "", "key_pem_file": "/k.pem"}}`;
    const d = one(await validate(text, 'v5'), 'mixed-source-pair', rangeOf(text, '"key_pem_file"'), Warning);
    includesAll(d.message, 'is set but no certificate is');
    assert.equal(d.data.missing, 'cert_pem_file');
  });

  test('v5 flat grpc_api_ keys: a file certificate with a PEM key; server-side consequence', async () => {
    const text = `{"grpc_api": true, "grpc_api_tls": true, "grpc_api_tls_cert": "/g.crt", "grpc_api_tls_key_pem": "KEY"}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'mixed-source-pair', rangeOf(text, '"grpc_api_tls_cert"'), Warning);
    includesAll(d.message, 'no `grpc_api_tls_key` to pair with', 'Centrifugo starts and reports no error', 'TLS connections to the gRPC API server fail',
      'environment variable `CENTRIFUGO_GRPC_API_TLS_KEY`');
    assert.deepEqual(d.data, { path: 'grpc_api_tls_cert', role: 'cert', missing: 'grpc_api_tls_key', missingPath: 'grpc_api_tls_key' });
    assert.equal(one(diags, 'mixed-source-pair', rangeOf(text, '"grpc_api_tls_key_pem"'), Warning).data.missing, 'grpc_api_tls_cert_pem');
  });

  test('v5 Kafka consumer flat keys: never read by v5, so no pair finding (kafka-tls-ignored instead)', async () => {
    // TLSOptions.ToMap() marshals an empty map: internal/tools/tls.go:232-237@v5.4.9.
    const text = `{"consumers": [{"name": "k", "type": "kafka", "kafka": {"brokers": ["b:9092"], "tls": true, "tls_cert": "/k.crt"}}], "token_hmac_secret_key": "s"}`;
    const diags = await validate(text, 'v5');
    assert.equal(withCode(diags, 'mixed-source-pair').length, 0);
  });

  test('not on the HTTP server while automatic certificates replace its certificate (autocert-conflict instead)', async () => {
    const text = `{"tls": true, "tls_cert": "/c.crt", "tls_autocert": true, "tls_autocert_host_whitelist": "rt.acme.io"}`;
    const diags = await validate(text, 'v5');
    assert.deepEqual(diags.map((d) => d.code), ['autocert-conflict']);
    // The same lone certificate without autocert is an error.
    const alone = `{"tls": true, "tls_cert": "/c.crt"}`;
    const fatal = one(await validate(alone, 'v5'), 'mixed-source-pair', rangeOf(alone, '"tls_cert"'), Error);
    includesAll(fatal.message, 'exits at start-up', '`CENTRIFUGO_TLS_KEY`');
  });

  test('v6: a lone key on the HTTP server is fatal; a lone certificate of a proxy is skipped', async () => {
    // HTTP server: ListenAndServeTLS("", "") with no certificate exits (internal/app/mux.go:617-621@v6.9.1).
    const text = `{
  "http_server": {"tls": {"enabled": true, "key_pem": "/etc/tls/server.key"}},
  "proxies": [{"name": "p", "grpc": {"tls": {"enabled": true, "cert_pem": "/etc/tls/client.crt"}}}],
  "channel": {"without_namespace": {"subscribe_proxy_enabled": true, "subscribe_proxy_name": "p"}},
  "consumers": [{"name": "k", "type": "kafka", "kafka": {"tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"}}}]
}`;
    const diags = await validate(text, 'v6');
    assert.equal(withCode(diags, 'mixed-source-pair').length, 2);
    const server = one(diags, 'mixed-source-pair', rangeOf(text, '"key_pem"'), Error);
    includesAll(server.message, '`key_pem` is set but `cert_pem` is not', 'skips it here', 'this is fatal', 'exits at start-up',
      '`CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM`', 'Add `cert_pem`');
    assert.deepEqual(server.data, { path: 'http_server.tls.key_pem', role: 'key', missing: 'cert_pem', missingPath: 'http_server.tls.cert_pem' });
    const client = one(diags, 'mixed-source-pair', rangeOf(text, '"cert_pem"'), Warning);
    includesAll(client.message, 'without a client certificate', '`CENTRIFUGO_PROXIES_P_GRPC_TLS_KEY_PEM`');
    assert.deepEqual(client.data, { path: 'proxies[0].grpc.tls.cert_pem', role: 'cert', missing: 'key_pem', missingPath: 'proxies[0].grpc.tls.key_pem' });
  });
});
