/** wrong-location: TLS settings where the Centrifugo version in use does not read them. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, codes, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';
import { DOC_AUTOCERT, DOC_TLS, DOC_UNIFIED_PROXY } from '../helpers/docsExamples';

const { Warning } = DiagnosticSeverity;

/** The first example of the documentation page, as users copy it. */
describe('wrong-location: the documented layout', () => {
  test('top-level tls object, no version setting (a file with no other keys is taken as v6)', async () => {
    const diags = await validate(DOC_TLS);
    const d = one(diags, 'wrong-location', { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } }, Warning);
    includesAll(d.message, 'Centrifugo v6 does not read a top-level `tls` object', 'documentation page', 'unknown key', 'runs without TLS', '`http_server.tls`');
    assert.deepEqual(d.data, { path: 'tls', moveTo: 'http_server.tls', targetShape: 'object' });
    assert.deepEqual(codes(diags), ['unknown-in-version', 'unknown-in-version', 'wrong-location']);
  });

  test('top-level tls object in a v5 config: v5 reads flat keys', async () => {
    const diags = await validate(DOC_TLS, 'v5');
    const d = one(diags, 'wrong-location', rangeOf(DOC_TLS, '"tls"'), Warning);
    includesAll(d.message, 'Centrifugo v5 does not read a `tls` object', 'on/off switch', 'reads as false', '`"tls": true`', '`tls_cert`', '`tls_key`');
    assert.deepEqual(d.data, { path: 'tls', moveTo: 'tls', targetShape: 'flat', flatPrefix: '' });
    assert.deepEqual(codes(diags), ['wrong-location']);
  });

  test('top-level tls_autocert object: v6 and v5 targets', async () => {
    const v6 = await validate(DOC_AUTOCERT, 'v6');
    const d6 = one(v6, 'wrong-location', rangeOf(DOC_AUTOCERT, '"tls_autocert"'), Warning);
    includesAll(d6.message, 'top-level `tls_autocert` object', 'no automatic certificates are requested', '`http_server.tls_autocert`');
    assert.deepEqual(d6.data, { path: 'tls_autocert', moveTo: 'http_server.tls_autocert', targetShape: 'object' });
    // v6 does not read this object at all, so its values get no findings of their own (load plan, issue 13):
    // the move (whose quick fix converts host_whitelist to an array) is the one finding.
    assert.deepEqual(codes(v6), ['wrong-location']);

    const v5 = await validate(DOC_AUTOCERT, 'v5');
    const d5 = one(v5, 'wrong-location', rangeOf(DOC_AUTOCERT, '"tls_autocert"'), Warning);
    includesAll(d5.message, '`"tls_autocert": true`', '`tls_autocert_host_whitelist` (one comma-separated string)');
    assert.deepEqual(d5.data, { path: 'tls_autocert', moveTo: 'tls_autocert', targetShape: 'flat', flatPrefix: '' });
    assert.equal(withCode(v5, 'type-mismatch').length, 0);
  });

  test('unified_proxy.grpc.tls is read by no version', async () => {
    const v6 = await validate(DOC_UNIFIED_PROXY, 'v6');
    const d6 = one(v6, 'wrong-location', { start: { line: 3, character: 6 }, end: { line: 3, character: 11 } }, Warning);
    includesAll(d6.message, 'No Centrifugo version reads `unified_proxy`', '`proxies[].grpc.tls`', '`client.proxy.connect.grpc.tls`');
    assert.equal(d6.data.path, 'unified_proxy.grpc.tls');
    assert.equal(d6.data.moveTo, 'proxies[].grpc.tls');
    assert.equal(withCode(v6, 'unknown-in-version').length, 2);

    const v5 = await validate(DOC_UNIFIED_PROXY, 'v5');
    const d5 = one(v5, 'wrong-location', rangeOf(DOC_UNIFIED_PROXY, '"tls"'), Warning);
    includesAll(d5.message, 'the top-level `proxy_grpc_tls` object');
    assert.deepEqual(d5.data, { path: 'unified_proxy.grpc.tls', moveTo: 'proxy_grpc_tls', targetShape: 'object' });
    assert.deepEqual(codes(v5), ['wrong-location']);
  });
});

describe('wrong-location: v6 sections in a v5 config', () => {
  const text = `{
  "http_server": {"tls": {"enabled": true, "cert_pem": "C", "key_pem": "K"}},
  "grpc_api": {"tls": {"enabled": true, "cert_pem": "C", "key_pem": "K"}},
  "broker": {"nats": {"tls": {"enabled": true}}, "postgres": {"tls": {"enabled": true}}},
  "proxies": [{"name": "a"}, {"name": "b"}, {"name": "c", "grpc": {"tls": {"enabled": true}}}],
  "consumers": [{"name": "k", "kafka": {"tls": {"enabled": true}}}]
}`;

  test('each points to where v5 reads the same settings', async () => {
    const diags = await validate(text, 'v5');
    const http = one(diags, 'wrong-location', rangeOf(text, '"tls"', 0), Warning);
    includesAll(http.message, 'Centrifugo v5 does not read `http_server.tls`', 'v6 layout', 'flat keys at the top level');
    assert.deepEqual(http.data, { path: 'http_server.tls', moveTo: 'tls', targetShape: 'flat', flatPrefix: '' });

    const grpc = one(diags, 'wrong-location', rangeOf(text, '"tls"', 1), Warning);
    includesAll(grpc.message, '`"grpc_api_tls": true`', '`grpc_api_tls_cert`');
    assert.deepEqual(grpc.data, { path: 'grpc_api.tls', moveTo: 'grpc_api_tls', targetShape: 'flat', flatPrefix: 'grpc_api_' });

    const nats = one(diags, 'wrong-location', rangeOf(text, '"tls"', 2), Warning);
    includesAll(nats.message, 'reads this TLS object at `nats_tls`');
    assert.deepEqual(nats.data, { path: 'broker.nats.tls', moveTo: 'nats_tls', targetShape: 'object' });

    const postgres = one(diags, 'wrong-location', rangeOf(text, '"tls"', 3), Warning);
    includesAll(postgres.message, '(since v6.8.0)', 'Centrifugo v5 has no TLS setting for this part');
    assert.deepEqual(postgres.data, { path: 'broker.postgres.tls' });

    const proxy = one(diags, 'wrong-location', rangeOf(text, '"tls"', 4), Warning);
    assert.deepEqual(proxy.data, { path: 'proxies[2].grpc.tls', moveTo: 'proxies[2].grpc_tls', targetShape: 'object' });

    const kafka = one(diags, 'wrong-location', rangeOf(text, '"tls"', 5), Warning);
    includesAll(kafka.message, 'flat keys inside `consumers[0].kafka`');
    assert.deepEqual(kafka.data, { path: 'consumers[0].kafka.tls', moveTo: 'consumers[0].kafka.tls', targetShape: 'flat', flatPrefix: '' });
    assert.equal(withCode(diags, 'wrong-location').length, 6);
  });
});

describe('wrong-location: v5 settings in a v6 config', () => {
  test('v5 TLS objects', async () => {
    const text = `{
  "http_server": {"port": 8000},
  "nats_tls": {"enabled": true},
  "proxy_grpc_tls": {"enabled": true},
  "proxies": [{"name": "pa", "endpoint": "grpc://a:1"}, {"name": "pb", "endpoint": "grpc://b:1", "grpc_tls": {"enabled": true}}]
}`;
    const diags = await validate(text, 'v6');
    const nats = one(diags, 'wrong-location', rangeOf(text, '"nats_tls"'), Warning);
    includesAll(nats.message, 'Centrifugo v6 does not read `nats_tls`', 'v5 layout', 'unknown key', '`broker.nats.tls`');
    assert.deepEqual(nats.data, { path: 'nats_tls', moveTo: 'broker.nats.tls', targetShape: 'object' });

    const proxy = one(diags, 'wrong-location', rangeOf(text, '"proxy_grpc_tls"'), Warning);
    includesAll(proxy.message, 'one TLS object per gRPC proxy', '`client.proxy.connect.grpc.tls`', '`rpc.proxy.grpc.tls`');
    assert.ok(!proxy.message.includes('map_publish'), 'v6.8 events never read proxy_grpc_tls');
    assert.equal(proxy.data.moveTo, 'client.proxy.connect.grpc.tls');
    assert.equal(proxy.data.alsoTo, 'client.proxy.refresh.grpc.tls,channel.proxy.subscribe.grpc.tls,channel.proxy.publish.grpc.tls,'
      + 'channel.proxy.sub_refresh.grpc.tls,channel.proxy.subscribe_stream.grpc.tls,rpc.proxy.grpc.tls');

    const named = one(diags, 'wrong-location', rangeOf(text, '"grpc_tls"'), Warning);
    assert.deepEqual(named.data, { path: 'proxies[1].grpc_tls', moveTo: 'proxies[1].grpc.tls', targetShape: 'object' });
    assert.equal(diags.length, 3);
  });

  test('v5 flat keys: one finding per key, each with its v6 path', async () => {
    const text = `{
  "http_server": {"port": 443},
  "tls": true,
  "tls_cert": "/c.crt",
  "tls_key": "/c.key",
  "tls_external": true,
  "grpc_api_tls_disable": true,
  "tls_autocert_host_whitelist": "a.io",
  "consumers": [{"name": "k1", "kafka": {"tls": true, "tls_cert": "/k.crt"}}]
}`;
    const diags = await validate(text, 'v6');
    const sw = one(diags, 'wrong-location', rangeOf(text, '"tls"'), Warning);
    includesAll(sw.message, 'Centrifugo v6 does not read the flat key `tls`', '`http_server.tls.enabled`');
    assert.deepEqual(sw.data, { path: 'tls', moveTo: 'http_server.tls', moveToKey: 'enabled', targetPath: 'http_server.tls.enabled' });
    assert.equal(one(diags, 'wrong-location', rangeOf(text, '"tls_cert"'), Warning).data.targetPath, 'http_server.tls.cert_pem');
    assert.equal(one(diags, 'wrong-location', rangeOf(text, '"tls_key"'), Warning).data.targetPath, 'http_server.tls.key_pem');
    assert.equal(one(diags, 'wrong-location', rangeOf(text, '"tls_external"'), Warning).data.targetPath, 'http_server.tls_external');
    const disable = one(diags, 'wrong-location', rangeOf(text, '"grpc_api_tls_disable"'), Warning);
    includesAll(disable.message, 'no counterpart', 'remove it');
    assert.deepEqual(disable.data, { path: 'grpc_api_tls_disable', remove: true });
    const hosts = one(diags, 'wrong-location', rangeOf(text, '"tls_autocert_host_whitelist"'), Warning);
    includesAll(hosts.message, '`http_server.tls_autocert.host_whitelist` (an array of host names in v6)');
    const kafka = one(diags, 'wrong-location', rangeOf(text, '"tls_cert"', 1), Warning);
    assert.deepEqual(kafka.data, {
      path: 'consumers[0].kafka.tls_cert', moveTo: 'consumers[0].kafka.tls', moveToKey: 'cert_pem', targetPath: 'consumers[0].kafka.tls.cert_pem',
    });
    // The flat keys get wrong-location only: no type or source findings on settings v6 ignores.
    assert.deepEqual([...new Set(codes(diags))], ['wrong-location']);
    assert.equal(diags.length, 8);
  });

  test('v5 flat keys in a v5 config are where they belong', async () => {
    const text = `{"tls": true, "tls_cert": "/c", "tls_key": "/k", "grpc_api_tls": true, "grpc_api_tls_cert": "/g", "grpc_api_tls_key": "/gk"}`;
    assert.deepEqual(await validate(text, 'v5'), []);
  });
});
