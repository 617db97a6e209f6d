import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-types';
import { assertNoKeyMaterial, base64, ca, CONFIG_DIR, configRequest, daysFrom, generateKey, leaf, NOW, setup } from './certificates-support';

function titles(lenses: readonly CodeLens[]): string[] {
  return lenses.map((lens) => lens.command?.title ?? '(no command)');
}

async function lensesOf(files: Record<string, string>, config: unknown, settings: Parameters<typeof configRequest>[1] = {}): Promise<CodeLens[]> {
  const { service } = setup(files);
  return service.doCodeLens(configRequest(config, settings));
}

describe('CodeLens above certificate settings', () => {
  it('shows when a healthy certificate expires, its date and its CN, and says a v6 value is read as a file', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    const lenses = await lensesOf({ 'server.crt': cert.pem, 'server.key': cert.key.pem },
      { http_server: { tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' } } });
    assert.equal(titles(lenses)[0], 'file · Expires in 41 days · 2026-04-11 · CN=api.example.com');
  });

  it('counts UTC calendar days: expiring in 10 days, today, tomorrow, expired 3 days ago, not yet valid', async () => {
    const cases: [number, number, string][] = [
      [-30, 10, 'Expires in 10 days · 2026-03-11 · CN=soon.example.com'],
      [-30, 0.25, 'Expires today · 2026-03-01 · CN=soon.example.com'],
      [-30, 1, 'Expires tomorrow · 2026-03-02 · CN=soon.example.com'],
      [-30, -3, 'Expired 3 days ago · 2026-02-26 · CN=soon.example.com'],
      [-30, -1, 'Expired yesterday · 2026-02-28 · CN=soon.example.com'],
      [5, 400, 'Not valid until 2026-03-06 · CN=soon.example.com'],
    ];
    for (const [from, to, expected] of cases) {
      const cert = await leaf('soon.example.com', from, to);
      // A CA needs no pair; proxy_grpc_tls is loaded for a gRPC endpoint (main.go:2044-2059@v5.4.9).
      const lenses = await lensesOf({ 'c.pem': cert.pem }, { proxy_connect_endpoint: 'grpc://auth:9000', proxy_grpc_tls: { enabled: true, server_ca_pem_file: `${CONFIG_DIR}/c.pem` } }, { settings: { version: 'v5' } });
      assert.deepEqual(titles(lenses), [expected]);
    }
  });

  it('names the certificate of a chain that expires first', async () => {
    const root = await ca('Test Root CA', -100, 3000);
    const intermediate = await ca('Test Intermediate CA', -100, 12, root);
    const cert = await leaf('api.example.com', -30, 41, { issuer: intermediate });
    const lenses = await lensesOf({ 'chain.pem': cert.pem + intermediate.pem + root.pem, 'server.key': cert.key.pem },
      { http_server: { tls: { enabled: true, cert_pem: './chain.pem', key_pem: 'server.key' } } });
    assert.deepEqual(titles(lenses).slice(0, 1), ['file · 3 certificates · earliest expiry in 12 days (CN=Test Intermediate CA) · 2026-03-13']);
  });

  it('puts an expired or not-yet-valid certificate of a bundle before the earliest expiry', async () => {
    const old = await ca('Old CA', -800, -3);
    const fresh = await ca('Fresh CA', -10, 900);
    const future = await ca('Future CA', 7, 900);
    const expired = await lensesOf({ 'bundle.pem': fresh.pem + old.pem + future.pem }, { grpc_api: { enabled: true, tls: { enabled: true, client_ca_pem: 'bundle.pem' } } });
    assert.deepEqual(titles(expired), ['file · 3 certificates · expired 3 days ago (CN=Old CA) · 2026-02-26']);
    const early = await lensesOf({ 'bundle.pem': fresh.pem + future.pem }, { grpc_api: { enabled: true, tls: { enabled: true, client_ca_pem: 'bundle.pem' } } });
    assert.deepEqual(titles(early), ['file · 2 certificates · not valid until 2026-03-08 (CN=Future CA)']);
  });

  it('reads v5 flat keys, and pairs the key with its certificate', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await leaf('flat.example.com', -30, 41, { key });
    const lenses = await lensesOf(
      { 'server.crt': cert.pem, 'server.key': key.pem },
      { tls: true, tls_cert: `${CONFIG_DIR}/server.crt`, tls_key: `${CONFIG_DIR}/server.key`, token_hmac_secret_key: 'x' },
      { settings: { version: 'v5' } },
    );
    assert.deepEqual(titles(lenses), ['Expires in 41 days · 2026-04-11 · CN=flat.example.com', 'Private key · EC P-256 · matches the certificate']);
    assert.deepEqual(lenses.map((lens) => lens.command?.arguments), [
      ['file:///work/project/config.json', 'tls_cert'],
      ['file:///work/project/config.json', 'tls_key'],
    ]);
  });

  it('says when the key does not belong to the certificate, and tells an RSA key by its size', async () => {
    const key = await generateKey({ kind: 'rsa', bits: 2048 });
    const cert = await leaf('api.example.com', -30, 41);
    const lenses = await lensesOf(
      { 'server.crt': cert.pem, 'server.key': key.pem },
      { http_server: { tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' } } },
    );
    assert.deepEqual(titles(lenses), ['file · Expires in 41 days · 2026-04-11 · CN=api.example.com', 'file · Private key · RSA 2048 · does not match the certificate']);
  });

  it('says how each v6 value is read: file, base64 or PEM text', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-384' });
    const cert = await leaf('api.example.com', -30, 41, { key });
    const authority = await ca('Client CA', -30, 90);
    const lenses = await lensesOf({ 'server.key': key.pem }, {
      http_server: { tls: { enabled: true, cert_pem: base64(cert.pem), key_pem: 'server.key', client_ca_pem: authority.pem } },
    });
    assert.deepEqual(titles(lenses), [
      'base64 · Expires in 41 days · 2026-04-11 · CN=api.example.com',
      'file · Private key · EC P-384 · matches the certificate',
      'PEM · Expires in 90 days · 2026-05-30 · CN=Client CA',
    ]);
  });

  it('shows the v5 object form without a prefix (the key names the form) and keeps the path with array indexes', async () => {
    const cert = await leaf('proxy.example.com', -30, 41);
    const lenses = await lensesOf({}, {
      // Loaded in granular mode when a *_proxy_name names it (main.go:610-618,2195-2390@v5.4.9).
      granular_proxy_mode: true, connect_proxy_name: 'b',
      proxies: [{ name: 'a', endpoint: 'grpc://a' }, { name: 'b', endpoint: 'grpc://b', grpc_tls: { enabled: true, server_ca_pem_b64: base64(cert.pem) } }],
    }, { settings: { version: 'v5' } });
    assert.deepEqual(titles(lenses), ['Expires in 41 days · 2026-04-11 · CN=proxy.example.com']);
    assert.deepEqual(lenses[0].command?.arguments, ['file:///work/project/config.json', 'proxies[1].grpc_tls.server_ca_pem_b64']);
    assert.equal(lenses[0].command?.command, 'centrifugo.showCertificateDetails');
  });

  it('sits on the line of the setting', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    const lenses = await lensesOf({ 'server.crt': cert.pem }, { http_server: { port: 443, tls: { enabled: true, cert_pem: 'server.crt' } } });
    // {"http_server": {"port", "tls": {"enabled", "cert_pem"...: line 5 of the pretty-printed JSON.
    assert.deepEqual(lenses[0].range, { start: { line: 5, character: 6 }, end: { line: 5, character: 16 } });
  });

  it('gives a short reason when there is no certificate to show', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const lenses = await lensesOf({ 'key-as-cert.pem': key.pem }, {
      http_server: { tls: { enabled: true, cert_pem: '/work/project/missing.crt', client_ca_pem: 'key-as-cert.pem' } },
      grpc_api: { tls: { enabled: true, cert_pem: 'not a certificate at all' } },
    });
    // A lone certificate and a block under a feature that is off are not loaded: the lens says so first.
    assert.deepEqual(titles(lenses), [
      'Not loaded: no key_pem · No certificate: file not found',
      'No certificate: it holds a private key',
      'Not loaded: grpc_api.enabled is not set · No certificate: neither PEM, base64 of PEM, nor an existing file',
    ]);
  });

  it('moves on by itself when the clock does, without the document changing', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    const { service, env } = setup({ 'server.crt': cert.pem, 'server.key': cert.key.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' } } });
    const first = async () => titles(await service.doCodeLens(request))[0];
    assert.equal(await first(), 'file · Expires in 41 days · 2026-04-11 · CN=api.example.com');
    env.setNow(daysFrom(NOW, 7));
    assert.equal(await first(), 'file · Expires in 34 days · 2026-04-11 · CN=api.example.com');
    env.setNow(daysFrom(NOW, 44));
    assert.equal(await first(), 'file · Expired 3 days ago · 2026-04-11 · CN=api.example.com');
  });

  it('never shows key material, even for a PEM value holding the certificate and its key together', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await leaf('api.example.com', -30, 41, { key });
    const lenses = await lensesOf({}, { http_server: { tls: { enabled: true, cert_pem: cert.pem + key.pem, key_pem: key.pem } } });
    assert.deepEqual(titles(lenses), ['PEM · Expires in 41 days · 2026-04-11 · CN=api.example.com', 'PEM · Private key · EC P-256 · matches the certificate']);
    assertNoKeyMaterial(JSON.stringify(lenses), key.pem);
  });

  it('gives nothing for a JSON file that is not a Centrifugo config', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    assert.deepEqual(await lensesOf({ 'server.crt': cert.pem }, { name: 'my-app', dependencies: {} }), []);
  });
});

describe('lenses on sources Centrifugo ignores', () => {
  it('says which source wins above a shadowed certificate', async () => {
    const cert = await leaf('a.example.com', -1, 30);
    const lenses = await lensesOf({ 'a.crt': cert.pem, 'a.key': cert.key.pem }, {
      // proxy_grpc_tls is built only for a gRPC proxy endpoint (main.go:2044-2059@v5.4.9).
      token_hmac_secret_key: 's', proxy_connect_endpoint: 'grpc://auth:9000',
      proxy_grpc_tls: { enabled: true, cert_pem_file: 'a.crt', key_pem_file: 'a.key', cert_pem: cert.pem },
    });
    const shown = titles(lenses);
    assert.ok(shown.includes('Expires in 30 days · 2026-03-31 · CN=a.example.com'), shown.join('\n'));
    assert.ok(shown.includes('Not loaded: cert_pem_file wins · Expires in 30 days · 2026-03-31 · CN=a.example.com'), shown.join('\n'));
  });

  it('says first that a certificate under a feature that is off is not loaded (internal/app/run.go:285-292@v6.9.1)', async () => {
    const cert = await leaf('g.example.com', -1, 41);
    const lenses = await lensesOf({ 'g.crt': cert.pem, 'g.key': cert.key.pem }, {
      grpc_api: { enabled: false, tls: { enabled: true, cert_pem: 'g.crt', key_pem: 'g.key' } },
    });
    const shown = titles(lenses);
    assert.equal(shown[0], 'Not loaded: grpc_api.enabled is false · file · Expires in 41 days · 2026-04-11 · CN=g.example.com', shown.join('\n'));
    assert.match(shown[1], /^Not loaded: grpc_api\.enabled is false · file · Private key/);
  });
});
