import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeMaterial, type MaterialAnalysis } from '../../server/src/service/certs';
import {
  NOW,
  createCertificate,
  daysFrom,
  encryptedPkcs8Pem,
  generateKey,
  keyDer,
  legacyEncryptedPem,
  traditionalPem,
  type TestCert,
  type TestKey,
} from '../helpers/certFactory';
import { openssl, opensslMissingReason, withTempDir } from '../helpers/openssl';

let rsa2048: TestKey;
let ec256: TestKey;
let cert: TestCert;

before(async () => {
  rsa2048 = await generateKey({ kind: 'rsa', bits: 2048 });
  ec256 = await generateKey({ kind: 'ec', curve: 'P-256' });
  cert = await createCertificate({ subject: 'CN=example.com', key: rsa2048, dnsNames: ['example.com'], notBefore: NOW, notAfter: daysFrom(NOW, 90) });
});

const codes = (analysis: MaterialAnalysis): string[] => analysis.problems.map((problem) => problem.code);

test('a PEM certificate is usable and has no problems', async () => {
  const analysis = await analyzeMaterial(cert.pem, 'certificate');
  assert.equal(analysis.kind, 'pem');
  assert.equal(analysis.usable, true);
  assert.deepEqual(analysis.problems, []);
  assert.equal(analysis.certificates[0].subject, 'CN=example.com');
});

test('empty input: invalid-pem for a certificate, ca-bundle-invalid for a CA', async () => {
  const asCert = await analyzeMaterial(new Uint8Array(0), 'certificate');
  assert.equal(asCert.kind, 'empty');
  assert.deepEqual(codes(asCert), ['invalid-pem']);
  assert.match(asCert.problems[0].message, /empty/);
  const asCa = await analyzeMaterial('  \n', 'ca');
  assert.deepEqual(codes(asCa), ['ca-bundle-invalid']);
  assert.equal(asCa.usable, false);
});

test('garbage is invalid-pem, with advice when it is a bare base64 body', async () => {
  const garbage = await analyzeMaterial('hello world', 'key');
  assert.equal(garbage.kind, 'garbage');
  assert.deepEqual(codes(garbage), ['invalid-pem']);
  const body = Buffer.from(cert.der).toString('base64');
  const bare = await analyzeMaterial(body, 'certificate');
  assert.equal(bare.hint, 'base64-der-certificate');
  assert.match(bare.problems[0].message, /-----BEGIN CERTIFICATE-----/);
  const encodedPem = await analyzeMaterial(Buffer.from(cert.pem).toString('base64'), 'certificate');
  assert.equal(encodedPem.hint, 'base64-pem');
  assert.match(encodedPem.problems[0].message, /base64 -d/);
});

test('a DER certificate is recognised, parsed and reported as der-not-pem', async () => {
  const analysis = await analyzeMaterial(cert.der, 'certificate');
  assert.equal(analysis.kind, 'der-certificate');
  assert.deepEqual(codes(analysis), ['der-not-pem']);
  assert.equal(analysis.problems[0].severity, 'error');
  assert.match(analysis.problems[0].message, /openssl x509 -inform der/);
  assert.equal(analysis.certificates[0].subject, 'CN=example.com');
  assert.equal(analysis.usable, false);
});

test('a DER private key is recognised as a key and reported as der-not-pem', async () => {
  const analysis = await analyzeMaterial(keyDer(ec256), 'key');
  assert.equal(analysis.kind, 'der-key');
  assert.deepEqual(codes(analysis), ['der-not-pem']);
  assert.equal(analysis.keys[0].publicKey?.description, 'EC P-256');
  const misplaced = await analyzeMaterial(keyDer(ec256), 'certificate');
  assert.match(misplaced.problems[0].message, /private key, not a certificate/);
});

test('a PKCS#12 bundle made by openssl is recognised', async (t) => {
  const missing = opensslMissingReason();
  if (missing) {
    t.skip(`PKCS#12 detection not tested: ${missing}`);
    return;
  }
  const p12 = await withTempDir((dir) => {
    writeFileSync(join(dir, 'cert.pem'), cert.pem);
    writeFileSync(join(dir, 'key.pem'), rsa2048.pem);
    openssl(dir, ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'bundle.p12', '-passout', 'pass:test']);
    return new Uint8Array(readFileSync(join(dir, 'bundle.p12')));
  });
  for (const expectation of ['certificate', 'key', 'ca'] as const) {
    const analysis = await analyzeMaterial(p12, expectation);
    assert.equal(analysis.kind, 'pkcs12');
    assert.deepEqual(codes(analysis), ['der-not-pem']);
    assert.match(analysis.problems[0].message, /PKCS#12/);
  }
  const forKey = await analyzeMaterial(p12, 'key');
  assert.match(forKey.problems[0].message, /-nocerts -nodes/);
});

test('wrong-pem-type: a key where the certificate belongs, and the reverse', async () => {
  const keyAsCert = await analyzeMaterial(rsa2048.pem, 'certificate');
  assert.deepEqual(codes(keyAsCert), ['wrong-pem-type']);
  assert.match(keyAsCert.problems[0].message, /swapped/);
  assert.deepEqual(keyAsCert.problems[0].range, keyAsCert.keys[0].range);
  const certAsKey = await analyzeMaterial(cert.pem, 'key');
  assert.deepEqual(codes(certAsKey), ['wrong-pem-type']);
  assert.match(certAsKey.problems[0].message, /certificate where the private key belongs/);
});

test('wrong-pem-type: a public key where the private key belongs', async () => {
  const publicPem = cert.certificate.publicKey.toString('pem');
  const analysis = await analyzeMaterial(publicPem, 'key');
  assert.deepEqual(codes(analysis), ['wrong-pem-type']);
  assert.match(analysis.problems[0].message, /public key/);
});

test('wrong-pem-type warning: a private key inside a CA bundle', async () => {
  const analysis = await analyzeMaterial(cert.pem + rsa2048.pem, 'ca');
  assert.deepEqual(codes(analysis), ['wrong-pem-type']);
  assert.equal(analysis.problems[0].severity, 'warning');
  assert.equal(analysis.usable, true);
});

test('a combined file serves as certificate and as key', async () => {
  const combined = cert.pem + rsa2048.pem;
  assert.deepEqual(codes(await analyzeMaterial(combined, 'certificate')), []);
  assert.deepEqual(codes(await analyzeMaterial(combined, 'key')), []);
});

test('encrypted-key for PKCS#8 and legacy Proc-Type encryption', async () => {
  const pkcs8 = await analyzeMaterial(encryptedPkcs8Pem(rsa2048), 'key');
  assert.deepEqual(codes(pkcs8), ['encrypted-key']);
  assert.equal(pkcs8.keys[0].format, 'encrypted-pkcs8');
  assert.equal(pkcs8.keys[0].publicKey, undefined);
  const legacy = await analyzeMaterial(legacyEncryptedPem(rsa2048), 'key');
  assert.deepEqual(codes(legacy), ['encrypted-key']);
  assert.equal(legacy.keys[0].format, 'legacy-encrypted');
  assert.equal(legacy.keys[0].algorithm, 'RSA');
  assert.equal(legacy.keys[0].description, 'encrypted RSA key');
  const legacyEc = await analyzeMaterial(legacyEncryptedPem(ec256), 'key');
  assert.equal(legacyEc.keys[0].description, 'encrypted EC key');
});

test('ca-bundle-invalid when a CA holds no usable certificate', async () => {
  const onlyKey = await analyzeMaterial(rsa2048.pem, 'ca');
  assert.deepEqual(codes(onlyKey), ['ca-bundle-invalid']);
  assert.match(onlyKey.problems[0].message, /private key instead/);
  const broken = await analyzeMaterial('-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n', 'ca');
  assert.deepEqual(codes(broken), ['invalid-pem', 'ca-bundle-invalid']);
  assert.equal(broken.problems[0].severity, 'error');
});

test('a broken block next to good certificates: warning in a CA bundle, error in a certificate chain', async () => {
  const text = cert.pem + '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n';
  const asCa = await analyzeMaterial(text, 'ca');
  assert.deepEqual(asCa.problems.map((p) => [p.code, p.severity]), [['invalid-pem', 'warning']]);
  assert.equal(text.slice(asCa.problems[0].range?.start, asCa.problems[0].range?.end).split('\n')[0], '-----BEGIN CERTIFICATE-----');
  const asCert = await analyzeMaterial(text, 'certificate');
  assert.deepEqual(asCert.problems.map((p) => [p.code, p.severity]), [['invalid-pem', 'error']]);
});

test('invalid-pem with the range of a damaged block; the good block still loads', async () => {
  const damaged = cert.pem.replace(/\n(.{10})/, '\n$1!');
  const text = damaged + cert.pem;
  const analysis = await analyzeMaterial(text, 'certificate');
  assert.deepEqual(analysis.problems.map((p) => [p.code, p.severity]), [['invalid-pem', 'warning']]);
  const range = analysis.problems[0].range;
  assert.ok(range && text.slice(range.start, range.end).includes('!'));
  assert.equal(analysis.certificates.length, 1);
});

test('a byte-order mark hiding the first block is explained once', async () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cert.pem)]);
  const analysis = await analyzeMaterial(new Uint8Array(bytes), 'certificate');
  assert.deepEqual(codes(analysis), ['invalid-pem']);
  assert.match(analysis.problems[0].message, /byte-order mark/);
});

test('key types and sizes: RSA, EC, Ed25519 in PKCS#1, SEC 1 and PKCS#8', async () => {
  const rsa1024 = await generateKey({ kind: 'rsa', bits: 1024 });
  const ec384 = await generateKey({ kind: 'ec', curve: 'P-384' });
  const ed = await generateKey({ kind: 'ed25519' });
  const cases: [string, string, string, number | undefined, string | undefined][] = [
    [rsa2048.pem, 'pkcs8', 'RSA', 2048, undefined],
    [traditionalPem(rsa1024), 'pkcs1', 'RSA', 1024, undefined],
    [traditionalPem(ec256), 'sec1', 'EC', 256, 'P-256'],
    [ec384.pem, 'pkcs8', 'EC', 384, 'P-384'],
    [ed.pem, 'pkcs8', 'Ed25519', undefined, undefined],
  ];
  for (const [pem, format, algorithm, bits, curve] of cases) {
    const analysis = await analyzeMaterial(pem, 'key');
    assert.deepEqual(analysis.problems, [], pem.split('\n')[0]);
    const [key] = analysis.keys;
    assert.equal(key.format, format);
    assert.equal(key.publicKey?.algorithm, algorithm);
    assert.equal(key.publicKey?.bits, bits);
    assert.equal(key.publicKey?.curve, curve);
    assert.match(key.publicKey?.fingerprint ?? '', /^[0-9a-f]{64}$/);
  }
});

test('a PKCS#8 body under an RSA PRIVATE KEY label is read as Go reads it, by structure', async () => {
  const relabelled = rsa2048.pem.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY');
  const analysis = await analyzeMaterial(relabelled, 'key');
  assert.deepEqual(analysis.problems, []);
  assert.equal(analysis.keys[0].format, 'pkcs8');
});

test('an OpenSSH key is invalid-pem with conversion advice', async () => {
  const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from('openssh-key-v1\0whatever').toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
  const analysis = await analyzeMaterial(text, 'key');
  assert.deepEqual(codes(analysis), ['invalid-pem']);
  assert.match(analysis.problems[0].message, /ssh-keygen/);
});

test('no analysis result ever contains private key material', async () => {
  const inputs = [rsa2048.pem, traditionalPem(ec256), encryptedPkcs8Pem(rsa2048), legacyEncryptedPem(ec256), cert.pem + rsa2048.pem];
  for (const input of inputs) {
    for (const expectation of ['certificate', 'key', 'ca'] as const) {
      const serialised = JSON.stringify(await analyzeMaterial(input, expectation));
      const keyLines = input
        .split('\n')
        .filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line))
        .filter((line) => !cert.pem.includes(line));
      for (const line of keyLines) assert.ok(!serialised.includes(line.slice(0, 24)), 'key material leaked');
    }
  }
  // The DER form too: the hex of the private key must not appear.
  const der = Buffer.from(keyDer(ec256)).toString('hex');
  const serialised = JSON.stringify(await analyzeMaterial(keyDer(ec256), 'key'));
  assert.ok(!serialised.includes(der.slice(-64)));
});

test('ranges are byte offsets for bytes and string offsets for strings', async () => {
  const prefix = 'Zertifikat für example.com\n';
  const text = prefix + cert.pem;
  const fromString = await analyzeMaterial(text, 'certificate');
  assert.equal(fromString.certificates[0].range?.start, prefix.length);
  const fromBytes = await analyzeMaterial(new Uint8Array(Buffer.from(text)), 'certificate');
  assert.equal(fromBytes.certificates[0].range?.start, Buffer.byteLength(prefix));
});
