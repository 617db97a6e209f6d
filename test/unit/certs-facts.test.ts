import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { analyzeMaterial, escapeAttributeValue, parseCertificate, type CertificateFacts } from '../../server/src/service/certs';
import { x509 } from '../../server/src/service/certs/x509';
import { NOW, createCertificate, createChain, daysFrom, generateKey, type TestCert, type TestKey } from '../helpers/certFactory';

let rsa: TestKey;
let plain: TestCert;

before(async () => {
  rsa = await generateKey({ kind: 'rsa', bits: 2048 });
  plain = await createCertificate({
    subject: 'C=DE, O=Acme\\, Inc., CN=api.example.com',
    key: rsa,
    serialNumber: '00ff01',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    ca: false,
    dnsNames: ['api.example.com', '*.example.com'],
    ipAddresses: ['127.0.0.1', '2001:db8::1'],
    emails: ['ops@example.com'],
    uris: ['spiffe://example.com/api'],
    keyUsages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
    extendedKeyUsages: [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth, '1.2.3.4'],
  });
});

async function factsOf(cert: TestCert): Promise<CertificateFacts> {
  return parseCertificate(cert.der, 0).facts;
}

test('subject and issuer in RFC 4514 form, most specific first, commas escaped', async () => {
  const facts = await factsOf(plain);
  assert.equal(facts.subject, 'CN=api.example.com,O=Acme\\, Inc.,C=DE');
  assert.equal(facts.issuer, facts.subject);
  assert.equal(facts.commonName, 'api.example.com');
});

test('multi-valued RDNs are joined with + in reversed order, like OpenSSL and Go', async () => {
  const cert = await createCertificate({ subject: 'O=Example, CN=host+OU=Ops', notBefore: NOW, notAfter: daysFrom(NOW, 1) });
  assert.equal((await factsOf(cert)).subject, 'OU=Ops+CN=host,O=Example');
});

test('RFC 4514 escaping of special characters', () => {
  assert.equal(escapeAttributeValue(' #a,b+c"d\\e<f>g;h '), '\\ #a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\ ');
  assert.equal(escapeAttributeValue('#lead'), '\\#lead');
  assert.equal(escapeAttributeValue('tab\there'), 'tab\\09here');
  assert.equal(escapeAttributeValue('München'), 'München');
});

test('serial number is lower-case hex without leading zeros', async () => {
  assert.equal((await factsOf(plain)).serialNumber, 'ff01');
  const small = await createCertificate({ subject: 'CN=s', serialNumber: '0A1B', notBefore: NOW, notAfter: daysFrom(NOW, 1) });
  assert.equal((await factsOf(small)).serialNumber, 'a1b');
});

test('validity dates are the certificate dates', async () => {
  const facts = await factsOf(plain);
  assert.equal(facts.notBefore.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(facts.notAfter.toISOString(), '2027-01-01T00:00:00.000Z');
});

test('subject alternative names, IPv6 in OpenSSL spelling', async () => {
  const facts = await factsOf(plain);
  assert.deepEqual(facts.dnsNames, ['api.example.com', '*.example.com']);
  assert.deepEqual(facts.ipAddresses, ['127.0.0.1', '2001:DB8:0:0:0:0:0:1']);
  assert.deepEqual(facts.emailAddresses, ['ops@example.com']);
  assert.deepEqual(facts.uris, ['spiffe://example.com/api']);
});

test('key usages and extended key usages by name; unknown purposes as OIDs', async () => {
  const facts = await factsOf(plain);
  assert.deepEqual(facts.keyUsages, ['digitalSignature', 'keyEncipherment']);
  assert.deepEqual(facts.extendedKeyUsages, ['serverAuth', 'clientAuth', '1.2.3.4']);
});

test('CA flag, self-signed flag and key identifiers along a chain', async () => {
  const chain = await createChain('svc.test', NOW, daysFrom(NOW, 30));
  const [leaf, intermediate, root] = await Promise.all([chain.leaf, chain.intermediate, chain.root].map(factsOf));
  assert.deepEqual([leaf.isCA, intermediate.isCA, root.isCA], [false, true, true]);
  assert.deepEqual([leaf.selfSigned, intermediate.selfSigned, root.selfSigned], [false, false, true]);
  assert.equal(leaf.issuer, 'CN=Test Intermediate CA,O=Test');
  assert.equal(leaf.authorityKeyId, intermediate.subjectKeyId);
  assert.equal(intermediate.authorityKeyId, root.subjectKeyId);
  assert.match(root.subjectKeyId ?? '', /^[0-9a-f]{40}$/);
  const withoutIds = await createCertificate({ subject: 'CN=bare', keyIdentifiers: false, notBefore: NOW, notAfter: daysFrom(NOW, 1) });
  const bare = await factsOf(withoutIds);
  assert.equal(bare.subjectKeyId, undefined);
  assert.equal(bare.authorityKeyId, undefined);
  assert.equal(bare.isCA, false);
});

test('a certificate whose name matches its issuer but was signed by another key is not self-signed', async () => {
  const impostor = await createCertificate({ subject: 'CN=Same Name', notBefore: NOW, notAfter: daysFrom(NOW, 1) });
  const other = await createCertificate({ subject: 'CN=Same Name', issuer: impostor, notBefore: NOW, notAfter: daysFrom(NOW, 1) });
  assert.equal((await factsOf(other)).selfSigned, false);
  assert.equal((await factsOf(impostor)).selfSigned, true);
});

test('public key descriptions and OpenSSL signature algorithm names', async () => {
  const cases: [TestKey, string, string, 'SHA-1' | 'SHA-256' | 'SHA-384' | undefined][] = [
    [rsa, 'RSA 2048', 'sha256WithRSAEncryption', 'SHA-256'],
    [rsa, 'RSA 2048', 'sha1WithRSAEncryption', 'SHA-1'],
    [await generateKey({ kind: 'ec', curve: 'P-256' }), 'EC P-256', 'ecdsa-with-SHA256', 'SHA-256'],
    [await generateKey({ kind: 'ec', curve: 'P-384' }), 'EC P-384', 'ecdsa-with-SHA384', 'SHA-384'],
    [await generateKey({ kind: 'ed25519' }), 'Ed25519', 'ED25519', undefined],
  ];
  for (const [key, description, signature, hash] of cases) {
    const cert = await createCertificate({ subject: 'CN=k', key, hash: hash ?? 'SHA-256', notBefore: NOW, notAfter: daysFrom(NOW, 1) });
    const facts = await factsOf(cert);
    assert.equal(facts.publicKey.description, description);
    assert.equal(facts.signatureAlgorithm, signature);
    assert.equal(facts.signatureHash, hash);
    assert.equal(facts.selfSigned, true, signature);
  }
  const ec = await factsOf(await createCertificate({ subject: 'CN=k', notBefore: NOW, notAfter: daysFrom(NOW, 1) }));
  assert.deepEqual([ec.publicKey.algorithm, ec.publicKey.bits, ec.publicKey.curve], ['EC', 256, 'P-256']);
});

test('SHA-256 fingerprint matches what OpenSSL (via node) computes', async () => {
  const facts = await factsOf(plain);
  assert.equal(facts.sha256Fingerprint, new NodeX509(plain.pem).fingerprint256);
  assert.match(facts.sha256Fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
});

test('the public key fingerprint of a certificate equals that of its private key', async () => {
  const keyAnalysis = await analyzeMaterial(rsa.pem, 'key');
  assert.equal((await factsOf(plain)).publicKey.fingerprint, keyAnalysis.keys[0].publicKey?.fingerprint);
});

test('facts survive JSON, with ISO dates, for the CLI', async () => {
  const json = JSON.parse(JSON.stringify(await factsOf(plain))) as Record<string, unknown>;
  assert.equal(json.notAfter, '2027-01-01T00:00:00.000Z');
  assert.equal(json.subject, 'CN=api.example.com,O=Acme\\, Inc.,C=DE');
});
