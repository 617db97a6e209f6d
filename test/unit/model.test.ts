import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeRequest, newService } from '../helpers/documents';

describe('the config model reads keys the way Centrifugo does', () => {
  it('matches keys without regard to case (Viper lower-cases them), in paths, objects and flat keys', async () => {
    const { service } = newService();
    const model = service.getModel(makeRequest(JSON.stringify({
      HTTP_Server: { TLS: { Enabled: true, Cert_Pem: 'missing.crt', key_pem: 'missing.key' } },
    })));
    const [block] = model.blocks;
    assert.equal(block.path, 'HTTP_Server.TLS');
    assert.equal(block.effective.get('cert_pem')?.key, 'Cert_Pem');
    assert.equal(block.effective.get('enabled')?.canonicalKey, 'enabled');

    const diagnostics = await service.doValidation(makeRequest(JSON.stringify({
      http_server: { tls: { Enabled: true, Cert_Pem: 'missing.crt', key_pem: 'missing.key' } },
    })));
    const codes = diagnostics.map((d) => `${d.code}@${(d.data as { path?: string }).path}`);
    assert.ok(codes.includes('missing-file@http_server.tls.Cert_Pem'), codes.join());
    assert.ok(codes.includes('unknown-field@http_server.tls.Cert_Pem'), 'the case variant is pointed out');
    assert.ok(!codes.some((c) => c.startsWith('tls-disabled')), 'Enabled counts as enabled');
  });

  it('lets the last of duplicate keys win, case variants included', () => {
    const { service } = newService();
    const model = service.getModel(makeRequest('{"http_server": {"tls": {"cert_pem": "a", "CERT_PEM": "b"}}}'));
    const field = model.blocks[0].effective.get('cert_pem')!;
    assert.equal(field.valueNode?.value, 'b');
    assert.equal(model.blocks[0].fields[0].overriddenBy, field);
  });

  it('groups v5 flat keys written in another case', () => {
    const { service } = newService();
    const model = service.getModel(makeRequest('{"token_hmac_secret_key": "s", "TLS": true, "Tls_Cert": "a.crt", "GRPC_API_TLS_KEY": "b.key"}'));
    assert.deepEqual(model.blocks.map((b) => [b.path, [...b.effective.keys()]]), [
      ['tls', ['tls', 'tls_cert']],
      ['grpc_api_tls', ['grpc_api_tls_key']],
    ]);
  });
});
