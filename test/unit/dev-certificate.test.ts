import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { DevCertificateError, type ServiceRequest } from '../../server/src/service';
import { x509 } from '../../server/src/service/certs/x509';
import { NOW } from '../helpers/certFactory';
import { applyEdits, CONFIG_DIR, makeRequest, newService } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';
import { openssl, opensslMissingReason, withTempDir } from '../helpers/openssl';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function devService() {
  return newService(new MemoryEnvironment(NOW));
}

function edited(request: ServiceRequest, edit: WorkspaceEdit | null): string {
  assert.ok(edit, 'an edit is offered');
  const edits = edit.changes?.[request.document.uri];
  assert.ok(edits);
  return applyEdits(request.document.getText(), edits);
}

describe('development certificate', () => {
  it('is a self-signed end-entity certificate for the given names plus localhost and 127.0.0.1, valid from an hour ago for 825 days', async () => {
    const { service } = devService();
    const dev = await service.generateDevCertificate(['Chat.Acme.test, 10.0.0.5', '*.dev.test']);
    const certificate = new x509.X509Certificate(dev.certPem);
    assert.equal(certificate.subject, 'CN=chat.acme.test');
    assert.equal(certificate.issuer, certificate.subject);
    assert.equal(certificate.notBefore.getTime(), NOW.getTime() - HOUR);
    assert.equal(certificate.notAfter.getTime(), NOW.getTime() + 825 * DAY);
    const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
    assert.deepEqual(san?.names.toJSON(), [
      { type: 'dns', value: 'chat.acme.test' }, { type: 'dns', value: '*.dev.test' }, { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '10.0.0.5' }, { type: 'ip', value: '127.0.0.1' },
    ]);
    assert.equal(certificate.getExtension(x509.BasicConstraintsExtension)?.ca, false);
    assert.equal(certificate.getExtension(x509.KeyUsagesExtension)?.usages, x509.KeyUsageFlags.digitalSignature);
    assert.deepEqual([...certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? []], [x509.ExtendedKeyUsage.serverAuth]);
    assert.match(dev.keyPem, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    assert.equal(dev.notAfter, new Date(NOW.getTime() + 825 * DAY).toISOString());
  });

  it('defaults to localhost and refuses names that cannot be in a certificate', async () => {
    const { service } = devService();
    const dev = await service.generateDevCertificate([]);
    assert.deepEqual([...dev.dnsNames], ['localhost']);
    assert.deepEqual([...dev.ipAddresses], ['127.0.0.1']);
    await assert.rejects(service.generateDevCertificate(['chat_server.test']), DevCertificateError);
    await assert.rejects(service.generateDevCertificate(['https://chat.acme.test']), /neither a host name nor an IP address/);
  });

  it('passes openssl verify against itself, and openssl checkhost/checkip for every name', { skip: opensslMissingReason() }, async () => {
    const { service } = devService();
    const dev = await service.generateDevCertificate(['chat.acme.test', '10.0.0.5']);
    await withTempDir((dir) => {
      writeFileSync(join(dir, 'cert.pem'), dev.certPem);
      writeFileSync(join(dir, 'key.pem'), dev.keyPem);
      // At the injected time, not the wall clock's.
      const at = String(Math.floor(NOW.getTime() / 1000));
      assert.equal(openssl(dir, ['verify', '-attime', at, '-CAfile', 'cert.pem', 'cert.pem']).trim(), 'cert.pem: OK');
      assert.equal(openssl(dir, ['verify', '-attime', at, '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'cert.pem', 'cert.pem']).trim(), 'cert.pem: OK');
      for (const host of ['chat.acme.test', 'localhost']) {
        assert.match(openssl(dir, ['x509', '-noout', '-checkhost', host, '-in', 'cert.pem']), new RegExp(`Hostname ${host} does match certificate`));
      }
      assert.match(openssl(dir, ['x509', '-noout', '-checkhost', 'other.test', '-in', 'cert.pem']), /does NOT match/);
      for (const ip of ['127.0.0.1', '10.0.0.5']) {
        assert.match(openssl(dir, ['x509', '-noout', '-checkip', ip, '-in', 'cert.pem']), new RegExp(`IP ${ip.replace(/\./g, '\\.')} does match certificate`));
      }
      assert.equal(openssl(dir, ['pkey', '-in', 'key.pem', '-pubout']), openssl(dir, ['x509', '-noout', '-pubkey', '-in', 'cert.pem']), 'the key belongs to the certificate');
    });
  });

  it('gets no warning from our own checks in a v6 or v5 config (no ca-as-leaf, no no-san, no key-mismatch)', async () => {
    const { service, env } = devService();
    const dev = await service.generateDevCertificate(['localhost']);
    env.addFile(`${CONFIG_DIR}/dev.crt`, dev.certPem).addFile(`${CONFIG_DIR}/dev.key`, dev.keyPem);
    const configs = [
      { version: 'v6' as const, text: '{"http_server": {"tls": {"enabled": true, "cert_pem": "dev.crt", "key_pem": "dev.key"}}}' },
      { version: 'v6' as const, text: JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: dev.certPem, key_pem: dev.keyPem } } }) },
      { version: 'v5' as const, text: '{"token_hmac_secret_key": "s", "tls": true, "tls_cert": "dev.crt", "tls_key": "dev.key"}' },
    ];
    for (const { version, text } of configs) {
      const diagnostics = await service.doValidation(makeRequest(text, { settings: { version } }));
      assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), [], `${version}: ${text.slice(0, 60)}`);
    }
  });
});

describe('putting the development certificate into the config', () => {
  const cert = `${CONFIG_DIR}/localhost.crt`;
  const key = `${CONFIG_DIR}/localhost.key`;

  it('v6: adds http_server.tls with relative paths, keeping the rest of the file as it is', async () => {
    const { service } = devService();
    const request = makeRequest(`{
    // local dev
    "http_server": {
        "port": 8000
    },
    "admin": {"enabled": true},
}
`, { settings: { version: 'v6' } });
    assert.equal(edited(request, service.devCertificateEdit(request, cert, key)), `{
    // local dev
    "http_server": {
        "port": 8000,
        "tls": {
            "enabled": true,
            "cert_pem": "localhost.crt",
            "key_pem": "localhost.key"
        }
    },
    "admin": {"enabled": true},
}
`);
  });

  it('v6: updates an existing http_server.tls key by key, and creates http_server when there is none', async () => {
    const { service } = devService();
    const existing = makeRequest('{\n\t"http_server": {\n\t\t"tls": {\n\t\t\t"enabled": false,\n\t\t\t"cert_pem": "old.crt"\n\t\t}\n\t}\n}', { settings: { version: 'v6' } });
    assert.equal(edited(existing, service.devCertificateEdit(existing, cert, '/etc/keys/localhost.key')),
      '{\n\t"http_server": {\n\t\t"tls": {\n\t\t\t"enabled": true,\n\t\t\t"cert_pem": "localhost.crt",\n\t\t\t"key_pem": "/etc/keys/localhost.key"\n\t\t}\n\t}\n}');
    const none = makeRequest('{\n  "token_hmac_secret_key": "secret"\n}', { settings: { version: 'v6' } });
    assert.equal(edited(none, service.devCertificateEdit(none, cert, key)),
      '{\n  "token_hmac_secret_key": "secret",\n  "http_server": {\n    "tls": {\n      "enabled": true,\n      "cert_pem": "localhost.crt",\n      "key_pem": "localhost.key"\n    }\n  }\n}');
  });

  it('v5: sets the flat tls, tls_cert and tls_key keys; refuses to overwrite a documented tls object', async () => {
    const { service } = devService();
    const flat = makeRequest('{\n  "token_hmac_secret_key": "secret",\n  "tls": false\n}', { settings: { version: 'v5' } });
    assert.equal(edited(flat, service.devCertificateEdit(flat, cert, key)),
      '{\n  "token_hmac_secret_key": "secret",\n  "tls": true,\n  "tls_cert": "localhost.crt",\n  "tls_key": "localhost.key"\n}');
    const documented = makeRequest('{"token_hmac_secret_key": "s", "tls": {"enabled": true}}', { settings: { version: 'v5' } });
    assert.equal(service.devCertificateEdit(documented, cert, key), null);
  });
});
