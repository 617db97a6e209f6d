/** tls-disabled, insecure-skip-verify and no-effect-here. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';

const { Warning, Hint } = DiagnosticSeverity;

describe('tls-disabled', () => {
  // A certificate and key with the block off: TLS is silently off (the v6 migration trap,
  // internal/configtypes/tls.go:35@v6.9.1), a warning; a CA alone stays a hint.
  test('v6 object without "enabled": pointed at the block key', async () => {
    const text = `{
  "http_server": {
    "tls": {
      "cert_pem": "/etc/tls/server.crt",
      "key_pem": "/etc/tls/server.key"
    }
  }
}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'tls-disabled', rangeOf(text, '"tls"'), Warning);
    includesAll(d.message, 'has no `enabled`', 'ignores the whole object', 'TLS for the HTTP server stays off', '"enabled": true');
    assert.deepEqual(d.data, { path: 'http_server.tls.enabled', switchKey: 'enabled', state: 'missing' });
    assert.equal(d.range.start.line, 2);
    assert.equal(diags.length, 1);
  });

  test('v5 object with "enabled": false: pointed at the value', async () => {
    const text = `{"nats_tls": {"enabled": false, "server_ca_pem_file": "/ca.pem"}}`;
    const d = one(await validate(text, 'v5'), 'tls-disabled', rangeOf(text, 'false'), Hint);
    includesAll(d.message, '`enabled` is false');
    assert.deepEqual(d.data, { path: 'nats_tls.enabled', switchKey: 'enabled', state: 'false' });
  });

  test('v5 top-level flat keys switched by "tls"', async () => {
    const text = `{"tls": false, "tls_cert": "/c.crt", "tls_key": "/c.key"}`;
    const d = one(await validate(text, 'v5'), 'tls-disabled', rangeOf(text, 'false'), Warning);
    includesAll(d.message, '`tls` is not true', 'does not use `tls_cert`, `tls_key`', 'the HTTP server serves without these', '`"tls": true`');
    assert.deepEqual(d.data, { path: 'tls', switchKey: 'tls', state: 'false' });
  });

  test('v5 grpc_api_ keys without grpc_api_tls: the gRPC server inherits the top-level TLS instead', async () => {
    const text = `{
  "grpc_api": true,
  "grpc_api_tls_cert": "/g.crt",
  "grpc_api_tls_key": "/g.key"
}`;
    const d = one(await validate(text, 'v5'), 'tls-disabled', rangeOf(text, '"grpc_api_tls_cert"'), Warning);
    includesAll(d.message, '`grpc_api_tls` is missing', 'the gRPC API server takes the top-level TLS settings', '`grpc_api_tls_disable`', '`"grpc_api_tls": true`');
    assert.deepEqual(d.data, { path: 'grpc_api_tls', switchKey: 'grpc_api_tls', state: 'missing' });
  });

  test('v5 redis_ keys', async () => {
    const text = `{"engine": "redis", "redis_tls_root_ca": "/ca.pem"}`;
    const d = one(await validate(text, 'v5'), 'tls-disabled', rangeOf(text, '"redis_tls_root_ca"'), Hint);
    includesAll(d.message, 'there is no TLS for connections to Redis');
  });

  test('nothing when no certificate, key or CA is set, or when the block is not read at all', async () => {
    assert.deepEqual(await validate(`{"nats_tls": {"enabled": false, "server_name": "n"}}`, 'v5'), []);
    // A top-level tls object in v6 is not read: wrong-location says so, tls-disabled stays quiet.
    const diags = await validate(`{"tls": {"cert_pem": "/c", "key_pem": "/k"}}`, 'v6');
    assert.deepEqual(diags.map((d) => d.code), ['wrong-location']);
  });
});

describe('insecure-skip-verify', () => {
  test('v6 Redis connection with verification off', async () => {
    const text = `{
  "engine": {"type": "redis", "redis": {"tls": {"enabled": true, "insecure_skip_verify": true}}}
}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'insecure-skip-verify', rangeOf(text, 'true', 1), Warning);
    includesAll(d.message, 'Certificate verification is off for connections to Redis', 'a forged one included', 'set `server_ca_pem`', 'set `server_name`');
    assert.deepEqual(d.data, { path: 'engine.redis.tls.insecure_skip_verify' });
  });

  test('v5 flat redis keys, and a string "true" counts', async () => {
    const text = `{"redis_tls": true, "redis_tls_insecure_skip_verify": "true"}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'insecure-skip-verify', rangeOf(text, '"true"'), Warning);
    includesAll(d.message, '`redis_tls_root_ca`', '`redis_tls_server_name`');
    one(diags, 'type-mismatch', rangeOf(text, '"true"'), Warning);
  });

  test('not reported when the block is off, when false, or where Centrifugo is the server', async () => {
    assert.deepEqual(withCode(await validate(`{"redis_tls": false, "redis_tls_insecure_skip_verify": true}`, 'v5'), 'insecure-skip-verify'), []);
    assert.deepEqual(await validate(`{"broker": {"nats": {"tls": {"enabled": true, "insecure_skip_verify": false}}}}`, 'v6'), []);
    const server = `{"grpc_api": {"enabled": true, "tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k", "insecure_skip_verify": true}}}`;
    const diags = await validate(server, 'v6');
    assert.deepEqual(diags.map((d) => d.code), ['no-effect-here']);
  });
});

describe('no-effect-here', () => {
  test('client-side keys on the HTTP server (v6)', async () => {
    const text = `{
  "http_server": {
    "tls": {
      "enabled": true,
      "cert_pem": "/c",
      "key_pem": "/k",
      "server_name": "rt.acme.io",
      "server_ca_pem": "/ca.pem",
      "insecure_skip_verify": false
    }
  }
}`;
    const diags = await validate(text, 'v6');
    const name = one(diags, 'no-effect-here', rangeOf(text, '"server_name"'), Hint);
    assert.deepEqual(name.tags, [DiagnosticTag.Unnecessary]);
    includesAll(name.message, 'Here Centrifugo is the server (the HTTP server)', '`server_name`', 'has no effect');
    assert.deepEqual(name.data, { path: 'http_server.tls.server_name', side: 'server', role: 'serverName' });
    const ca = one(diags, 'no-effect-here', rangeOf(text, '"server_ca_pem"'), Hint);
    includesAll(ca.message, 'mutual TLS', 'use `client_ca_pem`');
    assert.equal(ca.data.alternative, 'client_ca_pem');
    // insecure_skip_verify: false changes nothing anywhere: not reported.
    assert.equal(diags.length, 2);
  });

  test('a client CA where Centrifugo is the client (v6 named proxy)', async () => {
    const text = `{"proxies": [{"name": "p", "grpc": {"tls": {"enabled": true, "client_ca_pem": "/ca.pem"}}}]}`;
    const d = one(await validate(text, 'v6'), 'no-effect-here', rangeOf(text, '"client_ca_pem"'), Hint);
    includesAll(d.message, 'Here Centrifugo is the client (calls to this named gRPC proxy)', 'verifies clients', 'use `server_ca_pem`');
    assert.deepEqual(d.data, { path: 'proxies[0].grpc.tls.client_ca_pem', side: 'client', role: 'clientCa', alternative: 'server_ca_pem' });
  });

  test('v5 flat keys keep their prefix in the alternative', async () => {
    const text = `{"tls": true, "tls_cert": "/c", "tls_key": "/k", "tls_root_ca": "/ca.pem", "redis_tls": true, "redis_tls_client_ca_pem": "CA"}`;
    const diags = await validate(text, 'v5');
    assert.equal(one(diags, 'no-effect-here', rangeOf(text, '"tls_root_ca"'), Hint).data.alternative, 'tls_client_ca');
    assert.equal(one(diags, 'no-effect-here', rangeOf(text, '"redis_tls_client_ca_pem"'), Hint).data.alternative, 'redis_tls_root_ca_pem');
    assert.equal(diags.length, 2);
  });
});
