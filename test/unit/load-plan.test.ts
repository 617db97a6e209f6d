/**
 * The load plan, rule by rule, in v5 and v6, on inline configs: the exact codes and severities a
 * user sees, and that no start-up error is ever reported about a value Centrifugo does not load.
 * The memory environment is empty, so every file path is missing: a loaded one is a missing-file
 * error, an inert one must not be. Each rule cites the Centrifugo source line it rests on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createCertificate, daysFrom, NOW } from '../helpers/certFactory';
import { CONFIG_DIR, makeRequest, newService } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';
import { loadPlanOf } from '../../server/src/service/model/loadPlan';
import { buildModel } from '../../server/src/service/model';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { codes, DiagnosticSeverity, includesAll, one, rangeOf, validateAll, withCode } from './diagnostics-support';

const { Error, Warning } = DiagnosticSeverity;

/** What a user must never see about an inert value: an error, or words that promise a failed start. */
function assertNoStartupError(diags: readonly Diagnostic[], path: string): void {
  for (const d of diags) {
    const about = (d.data as { path?: string } | undefined)?.path ?? '';
    if (!about.startsWith(path)) continue;
    assert.notEqual(d.severity, Error, `an error about inert ${path}: ${d.code} ${d.message}`);
    assert.doesNotMatch(String(d.message), /will fail to start|refuses to start|stops at start-up|exits at start-up/, `${d.code}: ${d.message}`);
  }
}

function planOf(text: string, version: 'v5' | 'v6') {
  const model = makeRequest(text, { settings: { version } });
  const built = buildModel(model.document, { settings: { ...DEFAULT_SETTINGS, version }, forced: false });
  return { model: built, plan: loadPlanOf(built) };
}

describe('load plan v6: the feature must run', () => {
  test('grpc_api.tls while grpc_api.enabled is false: a warning that names the switch (internal/app/run.go:285-292@v6.9.1)', async () => {
    const text = `{"grpc_api": {"enabled": false, "tls": {"enabled": true, "cert_pem": "/etc/g.crt", "key_pem": "/etc/g.key"}}}`;
    const diags = await validateAll(text, 'v6');
    const d = one(diags, 'missing-file', rangeOf(text, '"/etc/g.crt"'), Warning);
    includesAll(d.message, 'Not loaded while `grpc_api.enabled` is false; fix it before turning the gRPC API on.', 'would fail to start');
    one(diags, 'missing-file', rangeOf(text, '"/etc/g.key"'), Warning);
    assertNoStartupError(diags, 'grpc_api');
    // Switched on, the same files stop Centrifugo.
    const on = text.replace('"enabled": false', '"enabled": true');
    const onDiags = await validateAll(on, 'v6');
    includesAll(one(onDiags, 'missing-file', rangeOf(on, '"/etc/g.crt"'), Error).message, 'Centrifugo will fail to start');
  });

  test('engine.redis.tls while the engine is memory; broker.nats.tls without broker.enabled (internal/app/engine.go:26-59@v6.9.1)', async () => {
    const text = `{"engine": {"redis": {"tls": {"enabled": true, "server_ca_pem": "/ca.pem"}}}, "broker": {"type": "nats", "nats": {"tls": {"enabled": true, "server_ca_pem": "/nats-ca.pem"}}}}`;
    const diags = await validateAll(text, 'v6');
    includesAll(one(diags, 'missing-file', rangeOf(text, '"/ca.pem"'), Warning).message, 'Not loaded while `engine.type` is not set (default "memory")');
    includesAll(one(diags, 'missing-file', rangeOf(text, '"/nats-ca.pem"'), Warning).message, 'Not loaded while `broker.enabled` is not set');
    assertNoStartupError(diags, '');
    const redis = await validateAll(text.replace('{"redis"', '{"type": "redis", "redis"'), 'v6');
    assert.equal(withCode(redis, 'missing-file').filter((d) => d.severity === Error).length, 1);
  });

  test('a consumer without "enabled": true (internal/consuming/consuming.go:33-40@v6.9.1)', async () => {
    const text = `{"consumers": [{"name": "orders", "type": "kafka", "kafka": {"tls": {"enabled": true, "server_ca_pem": "/k-ca.pem"}}}]}`;
    const diags = await validateAll(text, 'v6');
    includesAll(one(diags, 'missing-file', rangeOf(text, '"/k-ca.pem"'), Warning).message,
      'Not loaded while `consumers[0].enabled` is not set; fix it before turning the Kafka consumer "orders" on.');
    assertNoStartupError(diags, 'consumers');
  });

  test('a named proxy that no namespace uses, then one that a namespace uses (internal/app/proxy.go:66-89@v6.9.1)', async () => {
    const unused = `{"proxies": [{"name": "auth", "endpoint": "grpc://auth:9000", "grpc": {"tls": {"enabled": true, "server_ca_pem": "/p-ca.pem"}}}]}`;
    const diags = await validateAll(unused, 'v6');
    includesAll(one(diags, 'missing-file', rangeOf(unused, '"/p-ca.pem"'), Warning).message,
      '`proxies[0].name` is "auth", and no namespace option that is turned on names this proxy; fix it before a namespace uses this proxy.');
    const used = unused.replace(/}$/, ', "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_enabled": true, "subscribe_proxy_name": "auth"}]}}');
    one(await validateAll(used, 'v6'), 'missing-file', rangeOf(used, '"/p-ca.pem"'), Error);
    // A name without its *_enabled switch builds nothing.
    const nameOnly = unused.replace(/}$/, ', "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_name": "auth"}]}}');
    one(await validateAll(nameOnly, 'v6'), 'missing-file', rangeOf(nameOnly, '"/p-ca.pem"'), Warning);
  });

  test('the endpoint picks the side: https:// reads http.tls, never grpc.tls (internal/proxy/proxy.go:90-100@v6.9.1)', async () => {
    const text = `{"client": {"proxy": {"connect": {"enabled": true, "endpoint": "https://auth/connect", "timeout": "1s",
      "http": {"tls": {"enabled": true, "server_ca_pem": "/http-ca.pem"}}, "grpc": {"tls": {"enabled": true, "server_ca_pem": "/grpc-ca.pem"}}}}}}`;
    const diags = await validateAll(text, 'v6');
    one(diags, 'missing-file', rangeOf(text, '"/http-ca.pem"'), Error);
    includesAll(one(diags, 'missing-file', rangeOf(text, '"/grpc-ca.pem"'), Warning).message, '`client.proxy.connect.endpoint` is "https://auth/connect"');
  });

  test('subscribe stream proxies are gRPC only: their http.tls is never read, and says nothing (internal/proxy/subscribe_stream_grpc.go:17-25@v6.9.1)', async () => {
    const text = `{"channel": {"without_namespace": {"subscribe_stream_proxy_enabled": true}, "proxy": {"subscribe_stream": {"endpoint": "grpc://s:1",
      "http": {"tls": {"enabled": true, "server_ca_pem": "/never.pem"}}}}}}`;
    const diags = await validateAll(text, 'v6');
    assert.deepEqual(withCode(diags, 'missing-file'), []);
  });
});

describe('load plan v6: block off, autocert, duplicates, locations', () => {
  test('a block that is off: only tls-disabled, a warning with certificate and key (internal/configtypes/tls.go:35@v6.9.1)', async () => {
    const text = `{"grpc_api": {"enabled": true, "tls": {"enabled": false, "cert_pem": "/g.crt", "key_pem": "/g.key"}}}`;
    const diags = await validateAll(text, 'v6');
    assert.deepEqual(codes(diags), ['tls-disabled']);
    one(diags, 'tls-disabled', rangeOf(text, 'false'), Warning);
  });

  test('autocert on: the HTTP server certificate is never loaded, so only autocert-conflict (internal/app/tls.go:29,75-77@v6.9.1)', async () => {
    const text = `{"http_server": {"tls": {"enabled": true, "cert_pem": "/s.crt", "key_pem": "/s.key"}, "tls_autocert": {"enabled": true, "host_whitelist": ["rt.acme.io"]}}}`;
    const diags = await validateAll(text, 'v6');
    assert.deepEqual(codes(diags), ['autocert-conflict']);
  });

  test('the earlier of two duplicate blocks: only duplicate-key; the later one counts', async () => {
    const text = `{"http_server": {"tls": {"enabled": true, "cert_pem": "/old.crt", "key_pem": "/old.key"}, "tls": {"enabled": true, "cert_pem": "/new.crt", "key_pem": "/new.key"}}}`;
    const diags = await validateAll(text, 'v6');
    assertNoStartupError(diags.filter((d) => d.range.start.character < text.indexOf('"tls"', 20)), 'http_server');
    assert.equal(withCode(diags, 'duplicate-key').length, 1);
    assert.equal(withCode(diags, 'missing-file').length, 2);
    one(diags, 'missing-file', rangeOf(text, '"/new.crt"'), Error);
  });

  test('a location v6 does not read: only wrong-location', async () => {
    const text = `{"http_server": {}, "tls": {"enabled": true, "cert_pem": "/x.crt", "key_pem": "/x.key"}}`;
    assert.deepEqual(codes(await validateAll(text, 'v6')), ['wrong-location']);
  });

  test('a losing source says "ignored" and nothing else (internal/tools/tls_v2.go:83-111@v5.4.9)', async () => {
    const text = `{"broker": "nats", "nats_tls": {"enabled": true, "cert_pem_file": "/c.pem", "key_pem_file": "/k.pem", "cert_pem": "not pem", "key_pem": "not pem"}}`;
    const diags = await validateAll(text, 'v5');
    assert.deepEqual(codes(diags), ['missing-file', 'missing-file', 'shadowed-source', 'shadowed-source']);
    assertNoStartupError(diags.filter((d) => d.code !== 'missing-file'), 'nats_tls');
  });
});

describe('start-up failures that need no bad file', () => {
  test('v6 HTTP server TLS on with no certificate (internal/app/mux.go:617-621@v6.9.1)', async () => {
    const text = `{"http_server": {"tls": {"enabled": true}}}`;
    const d = one(await validateAll(text, 'v6'), 'tls-no-certificate', rangeOf(text, 'true'), Error);
    includesAll(d.message, 'exits at start-up', '`CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM`', '`CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM`');
    // Not with automatic certificates, not on the gRPC API (which starts and fails at the handshake).
    assert.deepEqual(codes(await validateAll(`{"http_server": {"tls": {"enabled": true}, "tls_autocert": {"enabled": true, "host_whitelist": ["rt.acme.io"]}}}`, 'v6')), ['autocert-conflict']);
    assert.deepEqual(codes(await validateAll(`{"grpc_api": {"enabled": true, "tls": {"enabled": true}}}`, 'v6')), []);
  });

  test('a lone half of a named proxy names its item variable as envconfig spells it (NameForEnv, internal/config/envconfig/envconfig.go:251-260@v6.9.1)', async () => {
    const text = `{"proxies": [{"name": "auth.v1-eu", "endpoint": "grpc://auth:9000", "grpc": {"tls": {"enabled": true, "cert_pem": "/etc/p.crt"}}}],
      "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_name": "auth.v1-eu"}]}}`;
    const d = withCode(await validateAll(text, 'v6'), 'mixed-source-pair')[0];
    assert.ok(d, 'a lone certificate is reported');
    includesAll(String(d.message), '`CENTRIFUGO_PROXIES_AUTH_V1_EU_GRPC_TLS_KEY_PEM`');
  });

  test('v5 "tls": true alone (main.go:1752-1753@v5.4.9)', async () => {
    const text = `{"tls": true, "engine": "memory"}`;
    includesAll(one(await validateAll(text, 'v5'), 'tls-no-certificate', rangeOf(text, 'true'), Error).message, '`CENTRIFUGO_TLS_CERT`', '`CENTRIFUGO_TLS_KEY`');
  });

  test('HTTP/3 without TLS, v6 and v5 (internal/app/mux.go:558-560@v6.9.1, main.go:1701-1702@v5.4.9)', async () => {
    const v6 = `{"http_server": {"http3": {"enabled": true}}}`;
    includesAll(one(await validateAll(v6, 'v6'), 'http3-without-tls', rangeOf(v6, 'true'), Error).message, 'HTTP/3 requires TLS configured');
    const v5 = `{"http3": true, "engine": "memory"}`;
    one(await validateAll(v5, 'v5'), 'http3-without-tls', rangeOf(v5, 'true'), Error);
    // With TLS on and a certificate, nothing (the files are missing, which is another finding).
    const ok = `{"http_server": {"http3": {"enabled": true}, "tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"}}}`;
    assert.equal(withCode(await validateAll(ok, 'v6'), 'http3-without-tls').length, 0);
  });

  test('v5 Kafka consumer TLS keys v5 never reads: a warning, no file check (internal/tools/tls.go:232-237@v5.4.9)', async () => {
    const text = `{"engine": "memory", "consumers": [{"name": "k1", "type": "kafka", "kafka": {"brokers": ["b:9092"], "tls": true, "tls_root_ca": "/ca.pem", "tls_insecure_skip_verify": true}}]}`;
    const diags = await validateAll(text, 'v5');
    assert.deepEqual(codes(diags), ['kafka-tls-ignored', 'kafka-tls-ignored']);
    includesAll(one(diags, 'kafka-tls-ignored', rangeOf(text, '"tls_root_ca"'), Warning).message, 'never reads', 'system CA roots');
    includesAll(one(diags, 'kafka-tls-ignored', rangeOf(text, '"tls_insecure_skip_verify"'), Warning).message, 'verification stays on');
  });

  test('keys of older versions that do nothing', async () => {
    const text = `{"engine": "redis", "redis_tls": true, "redis_tls_skip_verify": true, "ssl": true, "ssl_cert": "/c", "ssl_key": "/k"}`;
    const diags = await validateAll(text, 'v5');
    assert.deepEqual(codes(diags), ['legacy-key', 'legacy-key', 'legacy-key', 'legacy-key']);
    includesAll(one(diags, 'legacy-key', rangeOf(text, '"redis_tls_skip_verify"'), Warning).message, 'v5 and v6 ignore it', '`redis_tls_insecure_skip_verify`');
    includesAll(one(diags, 'legacy-key', rangeOf(text, '"ssl"'), Warning).message, 'the HTTP server runs without TLS');
  });
});

describe('load plan v5: the feature must run', () => {
  test('grpc_api_tls_* while grpc_api is off (main.go:788-810@v5.4.9)', async () => {
    const text = `{"grpc_api": false, "grpc_api_tls": true, "grpc_api_tls_cert": "/g.crt", "grpc_api_tls_key": "/g.key"}`;
    const diags = await validateAll(text, 'v5');
    includesAll(one(diags, 'missing-file', rangeOf(text, '"/g.crt"'), Warning).message, 'Not loaded while `grpc_api` is false; fix it before turning the gRPC API on.');
    assertNoStartupError(diags, 'grpc_api');
  });

  test('redis_tls_* with the memory engine (main.go:644-657@v5.4.9)', async () => {
    const text = `{"engine": "memory", "redis_tls": true, "redis_tls_root_ca": "/r.pem"}`;
    includesAll(one(await validateAll(text, 'v5'), 'missing-file', rangeOf(text, '"/r.pem"'), Warning).message, '`engine` is "memory"');
  });

  test('proxies[].grpc_tls outside granular_proxy_mode; proxy_grpc_tls inside it (main.go:610-618@v5.4.9)', async () => {
    const text = `{"engine": "memory", "proxies": [{"name": "p", "endpoint": "grpc://p:1", "grpc_tls": {"enabled": true, "server_ca_pem_file": "/p.pem"}}], "connect_proxy_name": "p"}`;
    includesAll(one(await validateAll(text, 'v5'), 'missing-file', rangeOf(text, '"/p.pem"'), Warning).message, '`granular_proxy_mode` is not set');
    const granular = text.replace('"engine"', '"granular_proxy_mode": true, "engine"');
    one(await validateAll(granular, 'v5'), 'missing-file', rangeOf(granular, '"/p.pem"'), Error);
  });

  test('v5 consumers run unless disabled (internal/consuming/consuming.go:77-99@v5.4.9)', async () => {
    const { plan, model } = planOf(`{"engine": "memory", "consumers": [{"name": "k", "type": "kafka", "disabled": true, "kafka": {"tls": true}}]}`, 'v5');
    const block = model.blocks[0];
    assert.equal(plan.block(block).reason?.kind, 'feature-off');
  });
});

describe('the plan API', () => {
  test('every reason is reachable and the lookup is injectable (an overlay turns a feature on)', () => {
    const text = `{"grpc_api": {"tls": {"enabled": true, "cert_pem": "/g.crt", "key_pem": "/g.key"}}}`;
    const { plan, model } = planOf(text, 'v6');
    const block = model.blocks[0];
    const reason = plan.block(block).reason;
    assert.equal(reason?.kind, 'feature-off');
    assert.equal(reason?.kind === 'feature-off' ? reason.condition.path : '', 'grpc_api.enabled');
    // An environment layer (CENTRIFUGO_GRPC_API_ENABLED=true) comes in as an overlay, without touching the plan.
    const request = makeRequest(text, { settings: { version: 'v6' } });
    const withEnv = buildModel(request.document, {
      settings: { ...DEFAULT_SETTINGS, version: 'v6' }, forced: false,
      overlay: (path) => (path.join('.') === 'grpc_api.enabled' ? { kind: 'scalar', value: 'true', origin: 'env', envName: 'CENTRIFUGO_GRPC_API_ENABLED' } : undefined),
    });
    assert.equal(loadPlanOf(withEnv).block(withEnv.blocks[0]).loaded, true);
  });

  test('value reasons: source lost and unpaired', () => {
    const { plan, model } = planOf(`{"broker": "nats", "nats_tls": {"enabled": true, "cert_pem_file": "/c", "key_pem_file": "/k", "cert_pem": "x", "server_ca_pem": "/ca"}}`, 'v5');
    const block = model.blocks[0];
    const field = (key: string) => block.fields.find((f) => f.key === key)!;
    assert.equal(plan.value(block, field('cert_pem_file')).loaded, true);
    const lost = plan.value(block, field('cert_pem')).reason;
    assert.equal(lost?.kind === 'source-lost' ? lost.winner.key : '', 'cert_pem_file');
    const lone = planOf(`{"broker": "nats", "nats_tls": {"enabled": true, "cert_pem": "x"}}`, 'v5');
    assert.equal(lone.plan.value(lone.model.blocks[0], lone.model.blocks[0].fields[1]).reason?.kind, 'unpaired');
  });
});

describe('version detection', () => {
  test('a scalar under a v6 section name decides v5', async () => {
    const { service } = newService();
    const model = service.getModel(makeRequest(`{"engine": "redis", "client": {"allowed_origins": ["*"]}, "http_server": {"port": "8000"}}`));
    assert.equal(model.version.version, 'v5');
    assert.equal(service.getModel(makeRequest(`{"admin": true, "channel": {}, "log": {}}`)).version.version, 'v5');
    assert.equal(service.getModel(makeRequest(`{"admin": {"enabled": true}, "channel": {}}`)).version.version, 'v6');
  });
});

describe('invalid PEM names the real cause (Go encoding/pem Decode; internal/configtypes/pem.go:92-113@v6.9.1)', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ3Jq\n-----END CERTIFICATE-----\n';
  const cases: readonly (readonly [string, string, string])[] = [
    ['indented (a YAML block or a heredoc)', PEM.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n'), 'the -----BEGIN line is indented'],
    ['a literal \\n instead of line breaks', PEM.replace(/\n/g, '\\n'), 'the two characters \\n'],
    ['text before -----BEGIN', `cert: ${PEM}`, 'other text before -----BEGIN'],
  ];
  for (const [name, value, reason] of cases) {
    test(`v6: ${name}`, async () => {
      const text = JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: value, key_pem: value } } });
      const diags = await validateAll(text, 'v6');
      assert.equal(withCode(diags, 'missing-file').length, 0, diags.map((d) => d.message).join('\n'));
      const invalid = withCode(diags, 'invalid-pem');
      assert.equal(invalid.length, 2);
      assert.equal(invalid[0].severity, Error);
      includesAll(String(invalid[0].message), 'Invalid PEM: ', reason, '"invalid PEM data"');
      assert.doesNotMatch(String(invalid[0].message), /No file at/);
    });
  }

  test('v5 PEM text keys say why too', async () => {
    const value = PEM.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
    const text = JSON.stringify({ engine: 'memory', tls: true, tls_cert_pem: value, tls_key_pem: value });
    const invalid = withCode(await validateAll(text, 'v5'), 'invalid-pem');
    assert.ok(invalid.length >= 1);
    includesAll(String(invalid[0].message), 'Invalid PEM: the -----BEGIN line is indented');
  });
});

describe('the certificate list marks what is not loaded', () => {
  test('getCertificates: notLoaded says why, only where Centrifugo does not load the value', async () => {
    const cert = await createCertificate({ subject: 'CN=g.example.com', dnsNames: ['g.example.com'], notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 41) });
    const env = new MemoryEnvironment(NOW).addFile(`${CONFIG_DIR}/g.crt`, cert.pem).addFile(`${CONFIG_DIR}/g.key`, cert.key.pem);
    const { service } = newService(env);
    const text = JSON.stringify({
      http_server: { tls: { enabled: true, cert_pem: 'g.crt', key_pem: 'g.key' } },
      grpc_api: { enabled: false, tls: { enabled: true, cert_pem: 'g.crt', key_pem: 'g.key' } },
    });
    const reports = await service.getCertificates(makeRequest(text, { settings: { version: 'v6' } }));
    assert.deepEqual(reports.map((r) => [r.path, r.notLoaded]), [
      ['http_server.tls.cert_pem', undefined],
      ['grpc_api.tls.cert_pem', 'grpc_api.enabled is false'],
    ]);
    assert.equal('notLoaded' in reports[0], false);
  });
});
