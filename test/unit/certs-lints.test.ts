import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeMaterial,
  daysLeft,
  lintCertificates,
  validityPhrase,
  type CertificateLint,
  type CertificateRole,
  type MaterialAnalysis,
} from '../../server/src/service/certs';
import { NOW, createCertificate, createChain, daysFrom, generateKey, type TestChain, type TestCert, type TestKey } from '../helpers/certFactory';

let chain: TestChain;
let serverKey: TestKey;
let server: TestCert;

before(async () => {
  chain = await createChain('api.test', daysFrom(NOW, -30), daysFrom(NOW, 365));
  serverKey = await generateKey({ kind: 'ec', curve: 'P-256' });
  server = await createCertificate({ subject: 'CN=api.test', key: serverKey, dnsNames: ['api.test'], ca: false, notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 200) });
});

interface LintOptions {
  readonly role?: CertificateRole;
  readonly keyPem?: string;
  readonly now?: Date;
  readonly warningDays?: number;
}

async function lint(pem: string, options: LintOptions = {}): Promise<{ lints: CertificateLint[]; analysis: MaterialAnalysis }> {
  const analysis = await analyzeMaterial(pem, options.role === 'ca' ? 'ca' : 'certificate');
  const key = options.keyPem ? (await analyzeMaterial(options.keyPem, 'key')).keys[0] : undefined;
  const lints = lintCertificates({
    certificates: analysis.certificates,
    chainLinks: analysis.chainLinks,
    key,
    role: options.role ?? 'server',
    now: options.now ?? NOW,
    warningDays: options.warningDays ?? 30,
  });
  return { lints, analysis };
}

const codesOf = (lints: readonly CertificateLint[]): string[] => lints.map((item) => item.code);

test('phrases for days left are computed in UTC calendar days from the given now', () => {
  const now = new Date('2026-11-28T23:30:00Z');
  const period = (notBefore: string, notAfter: string) => ({ notBefore: new Date(notBefore), notAfter: new Date(notAfter) });
  assert.equal(validityPhrase(period('2026-01-01T00:00:00Z', '2027-01-08T10:00:00Z'), now), 'Expires in 41 days');
  assert.equal(validityPhrase(period('2026-01-01T00:00:00Z', '2026-11-28T23:59:59Z'), now), 'Expires today');
  assert.equal(validityPhrase(period('2026-01-01T00:00:00Z', '2026-11-29T00:00:01Z'), now), 'Expires tomorrow');
  assert.equal(validityPhrase(period('2026-01-01T00:00:00Z', '2026-11-25T12:00:00Z'), now), 'Expired 3 days ago');
  assert.equal(validityPhrase(period('2026-01-01T00:00:00Z', '2026-11-27T23:00:00Z'), now), 'Expired yesterday');
  assert.equal(validityPhrase(period('2026-01-01T00:00:00Z', '2026-11-28T01:00:00Z'), now), 'Expired today');
  assert.equal(validityPhrase(period('2027-01-08T09:00:00Z', '2028-01-01T00:00:00Z'), now), 'Not valid until 2027-01-08');
  assert.equal(daysLeft(new Date('2026-12-01T00:00:00Z'), now), 3);
  assert.equal(daysLeft(new Date('2026-11-01T00:00:00Z'), now), -27);
});

test('a healthy server chain with its key has no lints', async () => {
  const { lints } = await lint(chain.leaf.pem + chain.intermediate.pem, { keyPem: chain.leaf.key.pem });
  assert.deepEqual(lints, []);
});

test('cert-expired is an error on the expired certificate with its range', async () => {
  const expired = await createCertificate({ subject: 'CN=old.test', dnsNames: ['old.test'], notBefore: daysFrom(NOW, -400), notAfter: daysFrom(NOW, -3) });
  const { lints, analysis } = await lint(expired.pem);
  assert.deepEqual(codesOf(lints), ['cert-expired']);
  assert.equal(lints[0].severity, 'error');
  assert.match(lints[0].message, /^Expired 3 days ago/);
  assert.deepEqual(lints[0].range, analysis.certificates[0].range);
});

test('cert-expiring warns within the warning window, not outside it', async () => {
  const soon = await createCertificate({ subject: 'CN=soon.test', dnsNames: ['soon.test'], notBefore: daysFrom(NOW, -10), notAfter: daysFrom(NOW, 30) });
  const inside = await lint(soon.pem, { warningDays: 30 });
  assert.deepEqual(codesOf(inside.lints), ['cert-expiring']);
  assert.equal(inside.lints[0].severity, 'warning');
  assert.match(inside.lints[0].message, /^Expires in 30 days/);
  assert.deepEqual(codesOf((await lint(soon.pem, { warningDays: 29 })).lints), []);
});

test('cert-not-yet-valid is an error naming the start date', async () => {
  const future = await createCertificate({ subject: 'CN=new.test', dnsNames: ['new.test'], notBefore: new Date('2027-01-08T00:00:00Z'), notAfter: new Date('2028-01-08T00:00:00Z') });
  const { lints } = await lint(future.pem);
  assert.deepEqual(codesOf(lints), ['cert-not-yet-valid']);
  assert.equal(lints[0].severity, 'error');
  assert.match(lints[0].message, /Not valid until 2027-01-08/);
});

test('expiry of every certificate in a CA bundle is checked', async () => {
  const { lints } = await lint(chain.root.pem, { role: 'ca', now: daysFrom(NOW, 400) });
  assert.deepEqual(codesOf(lints), ['cert-expired']);
});

test('key-mismatch is an error when the key belongs to another certificate', async () => {
  const other = await generateKey({ kind: 'ec', curve: 'P-256' });
  const { lints } = await lint(server.pem, { keyPem: other.pem });
  assert.deepEqual(codesOf(lints), ['key-mismatch']);
  assert.equal(lints[0].severity, 'error');
  assert.match(lints[0].message, /does not match/);
  assert.deepEqual(codesOf((await lint(server.pem, { keyPem: serverKey.pem })).lints), []);
});

test('key-mismatch points at the right certificate when the chain is upside down', async () => {
  const { lints } = await lint(chain.intermediate.pem + chain.leaf.pem, { keyPem: chain.leaf.key.pem });
  // ca-as-leaf and no-san judge the real leaf, not the intermediate that sits first.
  assert.deepEqual(codesOf(lints).sort(), ['chain-order', 'key-mismatch']);
  const mismatch = lints.find((item) => item.code === 'key-mismatch');
  assert.match(mismatch?.message ?? '', /certificate #2 "CN=api.test": put that certificate first/);
  const order = lints.find((item) => item.code === 'chain-order');
  assert.match(order?.message ?? '', /List them as: #2 "CN=api.test", #1 "CN=Test Intermediate CA,O=Test"/);
});

test('chain-order warns when a certificate did not issue the one before it', async () => {
  const stranger = await createCertificate({ subject: 'CN=Stranger CA', ca: true, notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const { lints } = await lint(chain.leaf.pem + stranger.pem);
  assert.deepEqual(codesOf(lints), ['chain-order']);
  assert.equal(lints[0].severity, 'warning');
  assert.equal(lints[0].certificateIndex, 1);
  assert.match(lints[0].message, /issued by "CN=Test Intermediate CA,O=Test"/);
  assert.match(lints[0].message, /Remove certificates that do not belong/);
});

test('chain-order catches an issuer with the right name but the wrong key', async () => {
  const lookalike = await createCertificate({ subject: 'O=Test, CN=Test Intermediate CA', ca: true, keyIdentifiers: false, notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const { lints, analysis } = await lint(chain.leaf.pem + lookalike.pem);
  assert.equal(analysis.chainLinks[0].issuerNameMatches, true);
  assert.equal(analysis.chainLinks[0].signatureValid, false);
  assert.deepEqual(codesOf(lints), ['chain-order']);
  assert.match(lints[0].message, /its key did not sign it/);
  assert.match(lints[0].message, /Remove certificates that do not belong/);
});

test('a full chain ending in the root is in order', async () => {
  const { lints, analysis } = await lint(chain.leaf.pem + chain.intermediate.pem + chain.root.pem);
  assert.deepEqual(analysis.chainLinks.map((link) => link.signatureValid), [true, true]);
  assert.deepEqual(lints, []);
});

test('ca-as-leaf warns for a CA certificate used as server or client certificate, not in a CA bundle', async () => {
  const selfSignedCa = await createCertificate({ subject: 'CN=dev.test', ca: true, dnsNames: ['dev.test'], notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const asServer = await lint(selfSignedCa.pem);
  assert.deepEqual(codesOf(asServer.lints), ['ca-as-leaf']);
  assert.match(asServer.lints[0].message, /CA:FALSE/);
  assert.deepEqual(codesOf((await lint(selfSignedCa.pem, { role: 'client' })).lints), ['ca-as-leaf']);
  assert.deepEqual(codesOf((await lint(selfSignedCa.pem, { role: 'ca' })).lints), []);
});

test('no-san warns for a server certificate without DNS/IP names, not for a client certificate', async () => {
  const cnOnly = await createCertificate({ subject: 'CN=legacy.test', notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const asServer = await lint(cnOnly.pem);
  assert.deepEqual(codesOf(asServer.lints), ['no-san']);
  assert.match(asServer.lints[0].message, /subjectAltName=DNS:legacy\.test/);
  assert.deepEqual(codesOf((await lint(cnOnly.pem, { role: 'client' })).lints), []);
  const ipOnly = await createCertificate({ subject: 'CN=ip', ipAddresses: ['10.0.0.1'], notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  assert.deepEqual(codesOf((await lint(ipOnly.pem)).lints), []);
});

test('weak-key: RSA 1024 is a warning, RSA under 1024 an error', async () => {
  const rsa1024 = await createCertificate({ subject: 'CN=w', dnsNames: ['w'], key: await generateKey({ kind: 'rsa', bits: 1024 }), notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const weak = await lint(rsa1024.pem);
  assert.deepEqual(weak.lints.map((item) => [item.code, item.severity]), [['weak-key', 'warning']]);
  assert.match(weak.lints[0].message, /1024-bit RSA key/);
  const rsa512 = await createCertificate({ subject: 'CN=w', dnsNames: ['w'], key: await generateKey({ kind: 'rsa', bits: 512 }), notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  assert.deepEqual((await lint(rsa512.pem)).lints.map((item) => [item.code, item.severity]), [['weak-key', 'error']]);
});

test('weak-signature warns for SHA-1 signed by a CA, not for a self-signed certificate', async () => {
  const caKey = await generateKey({ kind: 'rsa', bits: 2048 });
  const ca = await createCertificate({ subject: 'CN=Old CA', ca: true, key: caKey, hash: 'SHA-1', notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const leaf = await createCertificate({ subject: 'CN=sha1.test', dnsNames: ['sha1.test'], issuer: ca, hash: 'SHA-1', notBefore: NOW, notAfter: daysFrom(NOW, 100) });
  const { lints, analysis } = await lint(leaf.pem + ca.pem);
  assert.equal(analysis.certificates[0].signatureAlgorithm, 'sha1WithRSAEncryption');
  assert.equal(analysis.chainLinks[0].signatureValid, true);
  assert.deepEqual(lints.map((item) => [item.code, item.certificateIndex]), [['weak-signature', 0]]);
  assert.match(lints[0].message, /SHA-1/);
});
