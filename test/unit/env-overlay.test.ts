/**
 * A config whose TLS values come from the environment: the key from `.env`, the certificate from
 * the compose file's `environment:`. Centrifugo v6 applies variables after the file
 * (internal/config/config.go:226@v6.9.1), so the pair is complete and the compose certificate is
 * the one it loads.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64, configRequest, leaf, setup } from './certificates-support';
import { makeRequest } from '../helpers/documents';

const CONFIG = { http_server: { tls: { enabled: true, cert_pem: 'old/server.crt' } } };

async function fixture() {
  const cert = await leaf('api.example.com', -30, 41);
  const compose = [
    'services:',
    '  centrifugo:',
    '    image: centrifugo/centrifugo:v6',
    '    environment:',
    '      CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM: /certs/server.crt',
    '',
  ].join('\n');
  const { service, env } = setup({
    '.env': `# the key, in base64\nCENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=${base64(cert.key.pem)}\n`,
    'docker-compose.yml': compose,
  });
  env.addFile('/certs/server.crt', cert.pem);
  return { service, env, cert };
}

describe('config + .env + compose: what Centrifugo loads', () => {
  it('no missing half, and the file value the environment replaces is no start-up failure', async () => {
    const { service } = await fixture();
    const diagnostics = await service.doValidation(configRequest(CONFIG));
    assert.deepEqual(diagnostics.map((d) => d.code), []);
    // Without the env files the same config has a lone certificate.
    const { service: bare } = setup();
    const codes = (await bare.doValidation(configRequest(CONFIG))).map((d) => d.code);
    assert.ok(codes.includes('mixed-source-pair'), codes.join(','));
  });

  it('the lens shows the compose certificate and the key from .env', async () => {
    const { service } = await fixture();
    const titles = (await service.doCodeLens(configRequest(CONFIG))).map((l) => l.command?.title).sort();
    assert.deepEqual(titles, [
      'From CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM (docker-compose.yml:5) · file · Expires in 41 days · 2026-04-11 · CN=api.example.com',
      'From CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM (.env:2) · base64 · Private key · EC P-256 · matches the certificate',
    ]);
  });

  it('the hover on the certificate names both variables', async () => {
    const { service } = await fixture();
    const text = JSON.stringify(CONFIG, null, 2);
    const request = makeRequest(text);
    const hover = await service.doHover(request, request.document.positionAt(text.indexOf('"cert_pem"') + 2));
    const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(markdown, /Overridden by `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM` in docker-compose\.yml:5: the value in this file is not used\./);
    assert.match(markdown, /`key_pem` ← `CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM` in \.env:2/);
    assert.match(markdown, /CN=api\.example\.com/, 'the certificate shown is the compose one');
  });

  it('the environment can turn a switch on: a block the file leaves off is loaded', async () => {
    const cert = await leaf('grpc.example.com', -30, 5);
    const { service } = setup({
      '.env': 'CENTRIFUGO_GRPC_API_TLS_ENABLED=true\n',
      'server.crt': cert.pem,
      'server.key': cert.key.pem,
    });
    const config = { grpc_api: { enabled: true, tls: { cert_pem: 'server.crt', key_pem: 'server.key' } } };
    const codes = (await service.doValidation(configRequest(config))).map((d) => d.code);
    assert.ok(codes.includes('cert-expiring'), codes.join(','));
    assert.ok(!codes.includes('tls-disabled'), codes.join(','));
  });

  it('a named proxy item is reached by its name; an empty or unparsable value changes nothing', async () => {
    const cert = await leaf('proxy.example.com', -30, 3);
    const { service, env } = setup({
      '.env': [
        'CENTRIFUGO_PROXIES_AUTH_V1_GRPC_TLS_CERT_PEM=/certs/proxy.crt',
        'CENTRIFUGO_PROXIES_AUTH_V1_GRPC_TLS_ENABLED=',
        'CENTRIFUGO_PROXIES_AUTH_V1_GRPC_TLS_INSECURE_SKIP_VERIFY=yes',
      ].join('\n'),
    });
    env.addFile('/certs/proxy.crt', cert.pem);
    // A named proxy is loaded only when a namespace uses it (internal/app/proxy.go:66-89@v6.9.1), or its lens says "Not loaded".
    const config = {
      proxies: [{ name: 'auth.v1', endpoint: 'grpc://auth:9000', grpc: { tls: { enabled: true, cert_pem: 'missing.crt', key_pem: 'missing.key' } } }],
      channel: { without_namespace: { subscribe_proxy_enabled: true, subscribe_proxy_name: 'auth.v1' } },
    };
    const request = configRequest(config);
    const model = (service as unknown as { getModel: typeof service.getModel }).getModel(request);
    assert.equal(model.env, undefined, 'getModel alone applies no environment');
    const lenses = (await service.doCodeLens(request)).map((l) => l.command?.title ?? '');
    assert.ok(lenses.includes('From CENTRIFUGO_PROXIES_AUTH_V1_GRPC_TLS_CERT_PEM (.env:1) · file · Expires in 3 days · 2026-03-04 · CN=proxy.example.com'), lenses.join('\n'));
  });
});
