/**
 * Agreement with OpenSSL: certificates and keys made by the openssl CLI, and our facts compared
 * with what `openssl x509` prints about them. These are made "now" by openssl; we compare facts
 * only, never expiry, so the wall clock does not matter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeMaterial, type CertificateFacts } from '../../server/src/service/certs';
import { openssl, opensslMissingReason, withTempDir } from '../helpers/openssl';

const skip = opensslMissingReason();

interface OpensslView {
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly sans: readonly string[];
  readonly fingerprint: string;
  readonly signatureAlgorithm: string;
  readonly publicKeyBits?: number;
  readonly isCA: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mar  1 12:00:00 2026 GMT`, the date form of `openssl x509 -startdate`. */
function opensslDate(text: string): Date {
  const match = /^(\w{3})\s+(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) GMT$/.exec(text.trim());
  assert.ok(match, `unexpected openssl date ${text}`);
  const [, month, day, hours, minutes, seconds, year] = match;
  return new Date(Date.UTC(Number(year), MONTHS.indexOf(month), Number(day), Number(hours), Number(minutes), Number(seconds)));
}

function opensslView(dir: string, file: string): OpensslView {
  const out = openssl(dir, ['x509', '-in', file, '-noout', '-subject', '-issuer', '-serial', '-startdate', '-enddate', '-ext', 'subjectAltName', '-fingerprint', '-sha256', '-nameopt', 'RFC2253']);
  const field = (prefix: string): string => {
    const line = out.split('\n').find((candidate) => candidate.startsWith(prefix));
    assert.ok(line !== undefined, `openssl printed no ${prefix}: ${out}`);
    return line.slice(prefix.length);
  };
  const lines = out.split('\n');
  const sanHeader = lines.findIndex((line) => line.startsWith('X509v3 Subject Alternative Name'));
  const sans = sanHeader >= 0 ? lines[sanHeader + 1].trim().split(', ') : [];
  const text = openssl(dir, ['x509', '-in', file, '-noout', '-text']);
  const bits = /Public-Key: \((\d+) bit\)/.exec(text)?.[1];
  return {
    subject: field('subject='),
    issuer: field('issuer='),
    serial: field('serial='),
    notBefore: opensslDate(field('notBefore=')),
    notAfter: opensslDate(field('notAfter=')),
    sans,
    fingerprint: field('sha256 Fingerprint='),
    signatureAlgorithm: (/Signature Algorithm: (\S+)/.exec(text)?.[1] ?? '').trim(),
    publicKeyBits: bits ? Number(bits) : undefined,
    isCA: /CA:TRUE/.test(text),
  };
}

/** Our SANs spelled the way `openssl x509 -ext subjectAltName` prints them. */
function ourSans(facts: CertificateFacts): string[] {
  return [
    ...facts.dnsNames.map((name) => `DNS:${name}`),
    ...facts.ipAddresses.map((ip) => `IP Address:${ip}`),
    ...facts.emailAddresses.map((email) => `email:${email}`),
    ...facts.uris.map((uri) => `URI:${uri}`),
  ];
}

/** OpenSSL 3 prints RSASSA-PSS by its long name; we use the short one the project agreed on. */
const OPENSSL_SIGNATURE_NAMES: Readonly<Record<string, string>> = { rsassaPss: 'RSASSA-PSS' };

async function assertAgreement(dir: string, file: string): Promise<CertificateFacts> {
  const view = opensslView(dir, file);
  const analysis = await analyzeMaterial(new Uint8Array(readFileSync(join(dir, file))), 'certificate');
  assert.deepEqual(analysis.problems, [], file);
  const facts = analysis.certificates[0];
  assert.equal(facts.subject, view.subject, `${file} subject`);
  assert.equal(facts.issuer, view.issuer, `${file} issuer`);
  assert.equal(facts.serialNumber, view.serial.toLowerCase().replace(/^0+(?=.)/, ''), `${file} serial`);
  assert.equal(facts.notBefore.toISOString(), view.notBefore.toISOString(), `${file} notBefore`);
  assert.equal(facts.notAfter.toISOString(), view.notAfter.toISOString(), `${file} notAfter`);
  assert.deepEqual(ourSans(facts).sort(), [...view.sans].sort(), `${file} SANs`);
  assert.equal(facts.sha256Fingerprint, view.fingerprint, `${file} fingerprint`);
  assert.equal(facts.signatureAlgorithm, OPENSSL_SIGNATURE_NAMES[view.signatureAlgorithm] ?? view.signatureAlgorithm, `${file} signature`);
  assert.equal(facts.isCA, view.isCA, `${file} CA flag`);
  if (view.publicKeyBits !== undefined && facts.publicKey.algorithm !== 'Ed25519' && facts.publicKey.algorithm !== 'Ed448') {
    assert.equal(facts.publicKey.bits, view.publicKeyBits, `${file} key size`);
  }
  return facts;
}

/** SHA-256 of the certificate's DER SubjectPublicKeyInfo, as OpenSSL exports it. */
function opensslSpkiFingerprint(dir: string, certFile: string): string {
  const pub = openssl(dir, ['x509', '-in', certFile, '-noout', '-pubkey']);
  writeFileSync(join(dir, 'pub.pem'), pub);
  openssl(dir, ['pkey', '-pubin', '-in', 'pub.pem', '-outform', 'DER', '-out', 'pub.der']);
  return createHash('sha256').update(readFileSync(join(dir, 'pub.der'))).digest('hex');
}

test('self-signed RSA and EC certificates agree with openssl x509', { skip }, async () => {
  await withTempDir(async (dir) => {
    openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rsa.key', '-out', 'rsa.pem', '-subj', '/CN=example.com/O=Example Org', '-addext', 'subjectAltName=DNS:example.com,IP:127.0.0.1', '-days', '30']);
    const rsa = await assertAgreement(dir, 'rsa.pem');
    assert.equal(rsa.subject, 'O=Example Org,CN=example.com');
    assert.equal(rsa.publicKey.description, 'RSA 2048');
    assert.equal(rsa.selfSigned, true);
    assert.equal(rsa.publicKey.fingerprint, opensslSpkiFingerprint(dir, 'rsa.pem'));

    openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ec.key', '-out', 'ec.pem', '-subj', '/CN=ec.example.com', '-addext', 'subjectAltName=DNS:ec.example.com,DNS:*.ec.example.com,IP:::1,IP:2001:db8::42,email:ops@example.com,URI:spiffe://example.com/api', '-days', '10']);
    const ec = await assertAgreement(dir, 'ec.pem');
    assert.equal(ec.publicKey.description, 'EC P-256');
    assert.equal(ec.signatureAlgorithm, 'ecdsa-with-SHA256');
    assert.equal(ec.publicKey.fingerprint, opensslSpkiFingerprint(dir, 'ec.pem'));

    // The keys openssl wrote match their certificates, and each other's not.
    const rsaKey = (await analyzeMaterial(new Uint8Array(readFileSync(join(dir, 'rsa.key'))), 'key')).keys[0];
    const ecKey = (await analyzeMaterial(new Uint8Array(readFileSync(join(dir, 'ec.key'))), 'key')).keys[0];
    assert.equal(rsaKey.publicKey?.fingerprint, rsa.publicKey.fingerprint);
    assert.equal(ecKey.publicKey?.fingerprint, ec.publicKey.fingerprint);
    assert.notEqual(rsaKey.publicKey?.fingerprint, ec.publicKey.fingerprint);
  });
});

test('a CA-signed leaf with an escaped subject and a leading-zero serial agrees with openssl', { skip }, async () => {
  await withTempDir(async (dir) => {
    openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/O=Test/CN=Test CA', '-days', '60']);
    openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/C=DE/O=Acme, Inc./CN=api.example.com']);
    writeFileSync(join(dir, 'ext.cnf'), 'basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:api.example.com,IP:10.1.2.3\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    openssl(dir, ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '0x00f00d01', '-days', '20', '-sha384', '-extfile', 'ext.cnf', '-out', 'leaf.pem']);
    const ca = await assertAgreement(dir, 'ca.pem');
    const leaf = await assertAgreement(dir, 'leaf.pem');
    assert.equal(leaf.subject, 'CN=api.example.com,O=Acme\\, Inc.,C=DE');
    assert.equal(leaf.issuer, ca.subject);
    assert.equal(leaf.serialNumber, 'f00d01');
    assert.equal(leaf.signatureAlgorithm, 'sha384WithRSAEncryption');
    assert.equal(leaf.publicKey.description, 'EC P-384');
    assert.equal(leaf.authorityKeyId, ca.subjectKeyId);
    assert.equal(leaf.selfSigned, false);

    const chain = await analyzeMaterial(readFileSync(join(dir, 'leaf.pem'), 'utf8') + readFileSync(join(dir, 'ca.pem'), 'utf8'), 'certificate');
    assert.deepEqual(chain.chainLinks, [{ issuerNameMatches: true, keyIdMatches: true, signatureValid: true }]);
  });
});

test('multi-valued RDNs and RFC 4514 special characters agree with openssl -nameopt RFC2253', { skip }, async () => {
  await withTempDir(async (dir) => {
    const subject = '/C=US/O=Semi;colon "quoted" <angle> a=b/OU=Ops+CN=multi.example.com';
    openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'multi.pem', '-multivalue-rdn', '-subj', subject, '-days', '5']);
    const facts = await assertAgreement(dir, 'multi.pem');
    assert.equal(facts.commonName, 'multi.example.com');
    assert.match(facts.subject, /\\;colon \\"quoted\\" \\<angle\\> a=b/);
  });
});

test('Ed25519, Ed448, RSASSA-PSS and MD5 signatures are named as openssl names them', { skip }, async () => {
  await withTempDir(async (dir) => {
    openssl(dir, ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', 'ed.key', '-out', 'ed25519.pem', '-subj', '/CN=ed', '-days', '5']);
    openssl(dir, ['req', '-x509', '-newkey', 'ed448', '-nodes', '-keyout', 'ed448.key', '-out', 'ed448.pem', '-subj', '/CN=ed448', '-days', '5']);
    openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'pss.key', '-out', 'pss.pem', '-subj', '/CN=pss', '-sigopt', 'rsa_padding_mode:pss', '-days', '5']);
    openssl(dir, ['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'md5.key', '-out', 'md5.pem', '-subj', '/CN=md5', '-md5', '-days', '5']);
    const ed = await assertAgreement(dir, 'ed25519.pem');
    assert.deepEqual([ed.signatureAlgorithm, ed.publicKey.description, ed.selfSigned], ['ED25519', 'Ed25519', true]);
    const ed448 = await assertAgreement(dir, 'ed448.pem');
    assert.deepEqual([ed448.signatureAlgorithm, ed448.publicKey.description], ['ED448', 'Ed448']);
    const pss = await assertAgreement(dir, 'pss.pem');
    assert.equal(pss.signatureAlgorithm, 'RSASSA-PSS');
    const md5 = await assertAgreement(dir, 'md5.pem');
    assert.deepEqual([md5.signatureAlgorithm, md5.signatureHash, md5.publicKey.description], ['md5WithRSAEncryption', 'MD5', 'RSA 1024']);
    // MD5 cannot be verified through WebCrypto: names decide, so it still counts as self-signed.
    assert.equal(md5.selfSigned, true);
  });
});

test('keys in the forms openssl writes: traditional, with EC PARAMETERS, legacy-encrypted, encrypted PKCS#8', { skip }, async () => {
  await withTempDir(async (dir) => {
    openssl(dir, ['genrsa', '-traditional', '-out', 'rsa1.pem', '3072']);
    openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-out', 'ec-with-params.pem']);
    openssl(dir, ['rsa', '-in', 'rsa1.pem', '-traditional', '-aes256', '-passout', 'pass:pw', '-out', 'rsa-legacy-enc.pem']);
    openssl(dir, ['pkcs8', '-topk8', '-in', 'ec-with-params.pem', '-v2', 'aes-256-cbc', '-passout', 'pass:pw', '-out', 'ec-enc.pem']);
    const analyze = async (file: string) => analyzeMaterial(new Uint8Array(readFileSync(join(dir, file))), 'key');

    const rsa = await analyze('rsa1.pem');
    assert.deepEqual(rsa.problems, []);
    assert.deepEqual([rsa.keys[0].format, rsa.keys[0].description], ['pkcs1', 'RSA 3072']);
    const ec = await analyze('ec-with-params.pem');
    assert.deepEqual(ec.problems, []);
    assert.deepEqual(ec.otherBlocks.map((block) => block.label), ['EC PARAMETERS']);
    assert.deepEqual([ec.keys[0].format, ec.keys[0].description], ['sec1', 'EC P-256']);
    const legacy = await analyze('rsa-legacy-enc.pem');
    assert.deepEqual(legacy.problems.map((problem) => problem.code), ['encrypted-key']);
    const pkcs8 = await analyze('ec-enc.pem');
    assert.deepEqual(pkcs8.problems.map((problem) => problem.code), ['encrypted-key']);
  });
});
