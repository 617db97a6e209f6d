/**
 * A diagnostic's `data` is typed per code (catalog/diagnosticData.ts): what the validator writes
 * is what the quick fix reads, and what an editor hands back is checked before a fix uses it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readDiagnosticData } from '../../server/src/service/catalog/diagnosticData';
import { validateAll } from './diagnostics-support';

describe('diagnostic data', () => {
  test('the validator writes what the reader of its code accepts', async () => {
    // v5: the file key wins over the inline PEM (the PEM text is shadowed).
    const pem = '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n';
    const diags = await validateAll(`{"proxy_grpc_tls": {"enabled": true, "cert_pem_file": "c.crt", "cert_pem": "${pem}", "key_pem_file": "c.key"}}`, 'v5');
    const [shadowed] = diags.filter((d) => d.code === 'shadowed-source');
    assert.ok(shadowed, JSON.stringify(diags.map((d) => d.code)));
    const data = readDiagnosticData(shadowed, 'shadowed-source');
    assert.ok(data, JSON.stringify(shadowed.data));
    assert.equal(data.path, 'proxy_grpc_tls.cert_pem');
    assert.equal(data.winner, 'cert_pem_file');
  });

  test('data handed back with a missing, empty or mistyped field, or under another code, is refused', () => {
    const good = { code: 'type-mismatch', data: { path: 'http_server.tls.enabled', expected: 'boolean', replacement: 'true' } };
    assert.deepEqual(readDiagnosticData(good, 'type-mismatch'), good.data);
    assert.equal(readDiagnosticData(good, 'unknown-field'), undefined);
    assert.equal(readDiagnosticData({ ...good, data: { expected: 'boolean' } }, 'type-mismatch'), undefined);
    assert.equal(readDiagnosticData({ ...good, data: { path: '', expected: 'boolean' } }, 'type-mismatch'), undefined);
    assert.equal(readDiagnosticData({ ...good, data: { ...good.data, replacement: 42 } }, 'type-mismatch'), undefined);
    assert.equal(readDiagnosticData({ ...good, data: 'path' }, 'type-mismatch'), undefined);
    // Fields the schema does not name are dropped, not passed on.
    assert.deepEqual(readDiagnosticData({ ...good, data: { ...good.data, extra: 'x' } }, 'type-mismatch'), good.data);
  });
});
