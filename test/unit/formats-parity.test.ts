/**
 * The same configuration written as JSON, YAML and TOML gives the same findings at the same config
 * paths: one row per diagnostic code the service has (those that only one format can have are
 * tested on their own in formats-syntax.test.ts). Each row also asserts its code in JSON, so a row
 * that stops producing its finding fails instead of agreeing on nothing.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CODES } from '../../server/src/service/catalog/codes';
import { createCertificate, daysFrom, encryptedPkcs8Pem, generateKey, NOW, type TestCert, type TestKey } from '../helpers/certFactory';
import { CONFIG_DIR, makeRequest, newService } from '../helpers/documents';
import { FORMATS, type Format, write } from '../helpers/formats';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';
import { ca, leaf } from './certificates-support';

interface Row {
  readonly code: string;
  readonly version: 'v5' | 'v6';
  readonly config: () => Record<string, unknown>;
}

/** Codes about one format's own syntax; tested per format elsewhere. */
const FORMAT_ONLY = new Set(['json-syntax', 'json-comment', 'json-trailing-comma', 'yaml-syntax', 'toml-syntax', 'yaml-ignored-document', 'value-converted', 'nested-too-deeply', 'duplicate-key', 'pem-block-invalid']);

let good: TestCert;
let goodKey: TestKey;
let expired: TestCert;
let future: TestCert;
let expiring: TestCert;
let noSan: TestCert;
let weak: TestCert;
let sha1: TestCert;
let root: TestCert;
let other: TestKey;

function files(env: MemoryEnvironment): void {
  env.addFile(`${CONFIG_DIR}/good.crt`, good.pem);
  env.addFile(`${CONFIG_DIR}/good.key`, goodKey.pem);
  env.addFile(`${CONFIG_DIR}/expired.crt`, expired.pem);
  env.addFile(`${CONFIG_DIR}/future.crt`, future.pem);
  env.addFile(`${CONFIG_DIR}/expiring.crt`, expiring.pem);
  env.addFile(`${CONFIG_DIR}/nosan.crt`, noSan.pem);
  env.addFile(`${CONFIG_DIR}/weak.crt`, weak.pem);
  env.addFile(`${CONFIG_DIR}/sha1.crt`, sha1.pem);
  env.addFile(`${CONFIG_DIR}/root.crt`, root.pem);
  env.addFile(`${CONFIG_DIR}/other.key`, other.pem);
  env.addFile(`${CONFIG_DIR}/chain.crt`, root.pem + good.pem);
  env.addFile(`${CONFIG_DIR}/der.crt`, good.der);
}

const tls6 = (tls: Record<string, unknown>) => ({ http_server: { tls: { enabled: true, ...tls } } });
const withKey = (cert: string) => tls6({ cert_pem: cert, key_pem: 'good.key' });
const nats5 = (tls: Record<string, unknown>) => ({ token_hmac_secret_key: 's', nats_tls: { enabled: true, ...tls } });

const ROWS: readonly Row[] = [
  { code: 'missing-file', version: 'v6', config: () => tls6({ cert_pem: 'missing.crt', key_pem: 'missing.key' }) },
  { code: 'shadowed-source', version: 'v5', config: () => nats5({ cert_pem: good.pem, cert_pem_file: 'good.crt', key_pem_file: 'good.key' }) },
  { code: 'mixed-source-pair', version: 'v6', config: () => tls6({ cert_pem: good.pem, key_pem_file: 'good.key' }) },
  { code: 'invalid-base64', version: 'v5', config: () => nats5({ cert_pem_b64: 'not base64!', key_pem_file: 'good.key' }) },
  { code: 'base64-not-pem', version: 'v5', config: () => nats5({ cert_pem_b64: Buffer.from('hello').toString('base64'), key_pem_file: 'good.key' }) },
  { code: 'invalid-pem', version: 'v6', config: () => tls6({ cert_pem: '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n', key_pem: goodKey.pem }) },
  { code: 'wrong-pem-type', version: 'v6', config: () => tls6({ cert_pem: goodKey.pem, key_pem: goodKey.pem }) },
  { code: 'der-not-pem', version: 'v6', config: () => withKey('der.crt') },
  { code: 'encrypted-key', version: 'v6', config: () => tls6({ cert_pem: good.pem, key_pem: encryptedPkcs8Pem(goodKey) }) },
  { code: 'type-mismatch', version: 'v6', config: () => tls6({ cert_pem: 5, key_pem: 'good.key' }) },
  { code: 'unknown-field', version: 'v6', config: () => tls6({ bogus: 1 }) },
  { code: 'tls-disabled', version: 'v6', config: () => ({ http_server: { tls: { enabled: false, cert_pem: 'good.crt', key_pem: 'good.key' } } }) },
  { code: 'insecure-skip-verify', version: 'v6', config: () => ({ proxies: [{ name: 'p', endpoint: 'grpc://x:1', grpc: { tls: { enabled: true, insecure_skip_verify: true } } }] }) },
  { code: 'unknown-in-version', version: 'v6', config: () => tls6({ cert_pem_file: 'good.crt', key_pem: 'good.key' }) },
  { code: 'wrong-location', version: 'v6', config: () => ({ http_server: { port: 8000 }, tls: { enabled: true, cert_pem_file: 'good.crt', key_pem_file: 'good.key' } }) },
  { code: 'no-effect-here', version: 'v6', config: () => tls6({ cert_pem: 'good.crt', key_pem: 'good.key', server_name: 'rt.acme.io' }) },
  { code: 'autocert-host', version: 'v5', config: () => ({ tls_autocert: true, tls_autocert_host_whitelist: 'rt.acme.io,https://acme.io/ws' }) },
  { code: 'autocert-email', version: 'v5', config: () => ({ tls_autocert: true, tls_autocert_host_whitelist: 'rt.acme.io', tls_autocert_email: 'not-an-email' }) },
  { code: 'autocert-http-addr', version: 'v5', config: () => ({ tls_autocert: true, tls_autocert_host_whitelist: 'rt.acme.io', tls_autocert_http: true, tls_autocert_http_addr: 'eighty' }) },
  { code: 'autocert-conflict', version: 'v6', config: () => ({ http_server: { tls: { enabled: true, cert_pem_file: 'good.crt', key_pem_file: 'good.key' }, tls_autocert: { enabled: true, host_whitelist: ['rt.acme.io'] } } }) },
  { code: 'h2c-with-tls', version: 'v6', config: () => ({ http_server: { h2c_external: true, tls: { enabled: true, cert_pem_file: 'good.crt', key_pem_file: 'good.key' } } }) },
  { code: 'cert-expired', version: 'v6', config: () => withKey('expired.crt') },
  { code: 'cert-expiring', version: 'v6', config: () => withKey('expiring.crt') },
  { code: 'cert-not-yet-valid', version: 'v6', config: () => withKey('future.crt') },
  { code: 'key-mismatch', version: 'v6', config: () => tls6({ cert_pem: 'good.crt', key_pem: 'other.key' }) },
  { code: 'chain-order', version: 'v6', config: () => withKey('chain.crt') },
  { code: 'ca-as-leaf', version: 'v6', config: () => tls6({ cert_pem: 'root.crt', key_pem: 'good.key' }) },
  { code: 'no-san', version: 'v6', config: () => withKey('nosan.crt') },
  { code: 'weak-key', version: 'v6', config: () => withKey('weak.crt') },
  { code: 'weak-signature', version: 'v6', config: () => withKey('sha1.crt') },
  { code: 'ca-bundle-invalid', version: 'v6', config: () => tls6({ cert_pem: 'good.crt', key_pem: 'good.key', client_ca_pem: goodKey.pem }) },
  { code: 'invalid-value', version: 'v6', config: () => ({ channel: { namespaces: [{ name: 'bad name!' }] } }) },
  { code: 'undefined-name', version: 'v6', config: () => ({ proxies: [{ name: 'auth', endpoint: 'http://app/sub' }], channel: { namespaces: [{ name: 'chat', subscribe_proxy_enabled: true, subscribe_proxy_name: 'auht' }] } }) },
  { code: 'duplicate-name', version: 'v6', config: () => ({ channel: { namespaces: [{ name: 'chat' }, { name: 'chat' }] } }) },
  { code: 'tls-no-certificate', version: 'v6', config: () => ({ http_server: { tls: { enabled: true } } }) },
  { code: 'http3-without-tls', version: 'v6', config: () => ({ http_server: { http3: { enabled: true } } }) },
  { code: 'kafka-tls-ignored', version: 'v5', config: () => ({ engine: 'memory', consumers: [{ name: 'k1', type: 'kafka', kafka: { brokers: ['b:9092'], tls: true, tls_root_ca: '/ca.pem', tls_insecure_skip_verify: true } }] }) },
  { code: 'legacy-key', version: 'v5', config: () => ({ engine: 'redis', redis_tls: true, redis_tls_skip_verify: true, ssl: true, ssl_cert: '/c', ssl_key: '/k' }) },
  // v5 flat keys and arrays of tables: `[[proxies]]` in TOML, a sequence of mappings in YAML.
  { code: 'missing-file', version: 'v5', config: () => ({ tls: true, tls_cert: 'missing.crt', tls_key: 'good.key', proxies: [{ name: 'a', endpoint: 'grpc://a:1', grpc_tls: { enabled: true, cert_pem_file: 'missing.crt', key_pem_file: 'good.key' } }] }) },
  { code: 'cert-expired', version: 'v6', config: () => ({ channel: { namespaces: [{ name: 'a' }] }, consumers: [{ name: 'k', type: 'kafka', kafka: { brokers: ['k:9092'], tls: { enabled: true, cert_pem: 'expired.crt', key_pem: 'good.key' } } }] }) },
];

async function findings(text: string, format: Format, version: 'v5' | 'v6'): Promise<string[]> {
  const env = new MemoryEnvironment(NOW);
  files(env);
  const { service } = newService(env);
  const configPath = `${CONFIG_DIR}/config.${format}`;
  const request = makeRequest(text, { settings: { version }, context: { configPath, workspaceFolder: CONFIG_DIR } });
  const diagnostics = await service.doValidation(request);
  return diagnostics.map((d) => `${String(d.code)} at ${String((d.data as { path?: string } | undefined)?.path)}`).sort();
}

describe('the same configuration in JSON, YAML and TOML', () => {
  before(async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    goodKey = key;
    good = await leaf('rt.acme.io', -30, 300, { key });
    expired = await leaf('rt.acme.io', -300, -3, { key });
    future = await leaf('rt.acme.io', 10, 300, { key });
    expiring = await leaf('rt.acme.io', -300, 5, { key });
    root = await ca('Test Root', -100, 3000);
    noSan = await createCertificate({ subject: 'CN=rt.acme.io', notBefore: daysFrom(NOW, -3), notAfter: daysFrom(NOW, 300), ca: false, key });
    weak = await createCertificate({ subject: 'CN=rt.acme.io', notBefore: daysFrom(NOW, -3), notAfter: daysFrom(NOW, 300), ca: false, dnsNames: ['rt.acme.io'], key: await generateKey({ kind: 'rsa', bits: 1024 }) });
    const rsaCa = await createCertificate({ subject: 'CN=RSA CA', notBefore: daysFrom(NOW, -30), notAfter: daysFrom(NOW, 3000), ca: true, key: await generateKey({ kind: 'rsa', bits: 2048 }) });
    sha1 = await createCertificate({ subject: 'CN=rt.acme.io', notBefore: daysFrom(NOW, -3), notAfter: daysFrom(NOW, 300), ca: false, dnsNames: ['rt.acme.io'], key, issuer: rsaCa, hash: 'SHA-1' });
    other = await generateKey({ kind: 'ec', curve: 'P-256' });
  });

  it('has a row for every diagnostic code that is not about one format\'s syntax', () => {
    const covered = new Set(ROWS.map((r) => r.code));
    // `env-*` codes are about env files, not configs: env-document.test.ts has one test each.
    assert.deepEqual(Object.keys(CODES).filter((c) => !covered.has(c) && !FORMAT_ONLY.has(c) && !c.startsWith('env-')), []);
  });

  for (const row of ROWS) {
    it(`${row.code} (${row.version}): same codes at the same paths`, async () => {
      const config = row.config();
      const json = await findings(write(config, 'json'), 'json', row.version);
      assert.ok(json.some((f) => f.startsWith(`${row.code} at`)), `JSON gives ${row.code}: ${json.join(', ')}`);
      for (const format of FORMATS.filter((f) => f !== 'json')) {
        const text = write(config, format);
        assert.deepEqual(await findings(text, format, row.version), json, `${format}:\n${text}`);
      }
    });
  }
});
