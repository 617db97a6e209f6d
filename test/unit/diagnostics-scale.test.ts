/**
 * Big configs: thousands of proxies[] TLS blocks. The validators must stay linear and keep
 * reporting per block with the right concrete paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate, withCode } from './diagnostics-support';

function bigConfig(proxies: number): string {
  const items: unknown[] = [];
  for (let i = 0; i < proxies; i++) {
    items.push({
      name: `p${i}`,
      endpoint: `grpc://backend-${i}:9000`,
      timeout: '1s',
      grpc: { tls: { enabled: true, cert_pem: `/etc/tls/p${i}.crt`, key_pem: `/etc/tls/p${i}.key`, server_ca_pem_fille: '/ca.pem' } },
    });
  }
  // One broken proxy at the end: a lone certificate.
  items.push({ name: 'last', endpoint: 'grpc://last:9000', grpc: { tls: { enabled: true, cert_pem: '/only.crt' } } });
  return JSON.stringify({ http_server: { port: 8000 }, client: {}, proxies: items }, null, 2);
}

test('5000 proxies: one finding per block, concrete paths, in reasonable time', async () => {
  const text = bigConfig(5000);
  const started = Date.now();
  const diags = await validate(text, 'v6');
  const elapsed = Date.now() - started;
  const unknown = withCode(diags, 'unknown-field');
  assert.equal(unknown.length, 5000);
  assert.equal(unknown[4999].data.path, 'proxies[4999].grpc.tls.server_ca_pem_fille');
  assert.equal(unknown[4999].data.suggestion, 'server_ca_pem');
  const mixed = withCode(diags, 'mixed-source-pair');
  assert.equal(mixed.length, 1);
  assert.equal(mixed[0].data.path, 'proxies[5000].grpc.tls.cert_pem');
  assert.equal(diags.length, 5001);
  // Generous: a few hundred milliseconds on a laptop; a quadratic walk would take minutes.
  assert.ok(elapsed < 20000, `validation took ${elapsed} ms`);
});
