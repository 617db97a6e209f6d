/**
 * Certificates and keys for tests, made with @peculiar/x509 over WebCrypto. Every validity date
 * is explicit, so no test depends on the wall clock. Returns PEM strings (and DER bytes) the way
 * users would put them in files.
 */
import { createPrivateKey, webcrypto } from 'node:crypto';
import { x509 } from '../../server/src/service/certs/x509';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export type KeySpec =
  | { readonly kind: 'rsa'; readonly bits: number }
  | { readonly kind: 'ec'; readonly curve: 'P-256' | 'P-384' | 'P-521' }
  | { readonly kind: 'ed25519' };

export interface TestKey {
  readonly spec: KeySpec;
  readonly keys: CryptoKeyPair;
  /** PKCS#8 `PRIVATE KEY` PEM. */
  readonly pem: string;
}

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface CertSpec {
  /** Passed to @peculiar/x509 as is: attributes in DER order, least specific first (`O=Acme, CN=host`). */
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Defaults to a fresh EC P-256 key (fast to generate). */
  readonly key?: TestKey;
  /** Signing certificate; self-signed when absent. */
  readonly issuer?: TestCert;
  readonly serialNumber?: string;
  /** Adds basicConstraints (critical) with this CA flag; omitted when undefined. */
  readonly ca?: boolean;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly emails?: readonly string[];
  readonly uris?: readonly string[];
  readonly keyUsages?: number;
  readonly extendedKeyUsages?: readonly string[];
  /** Hash of the signature (RSA and ECDSA issuers); SHA-256 by default. */
  readonly hash?: HashName;
  /** Add SKI/AKI extensions (default true). */
  readonly keyIdentifiers?: boolean;
}

export interface TestCert {
  readonly certificate: x509.X509Certificate;
  readonly pem: string;
  readonly der: Uint8Array;
  readonly key: TestKey;
}

export async function generateKey(spec: KeySpec): Promise<TestKey> {
  let algorithm: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm;
  if (spec.kind === 'rsa') {
    algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: spec.bits };
  } else if (spec.kind === 'ec') {
    algorithm = { name: 'ECDSA', namedCurve: spec.curve };
  } else {
    algorithm = { name: 'Ed25519' };
  }
  const keys = (await subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  return { spec, keys, pem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n' };
}

/** WebCrypto binds an RSA key to one hash, so signing with another hash needs a re-import. */
async function signingKeyFor(key: TestKey, hash: HashName): Promise<{ key: CryptoKey; algorithm: Algorithm }> {
  if (key.spec.kind === 'ed25519') return { key: key.keys.privateKey, algorithm: { name: 'Ed25519' } };
  if (key.spec.kind === 'ec') return { key: key.keys.privateKey, algorithm: { name: 'ECDSA', hash } as EcdsaParams };
  const pkcs8 = await subtle.exportKey('pkcs8', key.keys.privateKey);
  const algorithm: RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5', hash };
  return { key: await subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']), algorithm };
}

let serialCounter = 0x1000;

export async function createCertificate(spec: CertSpec): Promise<TestCert> {
  const key = spec.key ?? (await generateKey({ kind: 'ec', curve: 'P-256' }));
  const issuerKey = spec.issuer?.key ?? key;
  const issuerName = spec.issuer?.certificate.subjectName ?? spec.subject;
  const extensions: x509.Extension[] = [];
  if (spec.ca !== undefined) extensions.push(new x509.BasicConstraintsExtension(spec.ca, undefined, true));
  if (spec.keyUsages !== undefined) extensions.push(new x509.KeyUsagesExtension(spec.keyUsages, true));
  if (spec.extendedKeyUsages) extensions.push(new x509.ExtendedKeyUsageExtension([...spec.extendedKeyUsages]));
  const altNames: x509.JsonGeneralName[] = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(spec.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(spec.emails ?? []).map((value) => ({ type: 'email' as const, value })),
    ...(spec.uris ?? []).map((value) => ({ type: 'url' as const, value })),
  ];
  if (altNames.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(altNames));
  if (spec.keyIdentifiers ?? true) {
    extensions.push(await x509.SubjectKeyIdentifierExtension.create(key.keys.publicKey));
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerKey.keys.publicKey));
  }
  const signing = await signingKeyFor(issuerKey, spec.hash ?? 'SHA-256');
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: spec.serialNumber ?? (serialCounter++).toString(16),
    subject: spec.subject,
    issuer: issuerName,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    publicKey: key.keys.publicKey,
    signingKey: signing.key,
    signingAlgorithm: signing.algorithm,
    extensions,
  });
  return { certificate, pem: certificate.toString('pem') + '\n', der: new Uint8Array(certificate.rawData), key };
}

/** Encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`). */
export function encryptedPkcs8Pem(key: TestKey, passphrase = 'secret'): string {
  return createPrivateKey(key.pem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

/** Traditional OpenSSL format with `Proc-Type: 4,ENCRYPTED` headers (RSA or EC keys). */
export function legacyEncryptedPem(key: TestKey, passphrase = 'secret'): string {
  const type = key.spec.kind === 'rsa' ? 'pkcs1' : 'sec1';
  return createPrivateKey(key.pem).export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

/** `RSA PRIVATE KEY` (PKCS#1) for RSA keys, `EC PRIVATE KEY` (SEC 1) for EC keys. */
export function traditionalPem(key: TestKey): string {
  const type = key.spec.kind === 'rsa' ? 'pkcs1' : 'sec1';
  return createPrivateKey(key.pem).export({ type, format: 'pem' }).toString();
}

export function keyDer(key: TestKey): Uint8Array {
  return new Uint8Array(createPrivateKey(key.pem).export({ type: 'pkcs8', format: 'der' }));
}

export interface TestChain {
  readonly root: TestCert;
  readonly intermediate: TestCert;
  readonly leaf: TestCert;
}

/** Root CA -> intermediate CA -> leaf for `host`, all valid over the given period. */
export async function createChain(host: string, notBefore: Date, notAfter: Date): Promise<TestChain> {
  const root = await createCertificate({ subject: 'O=Test, CN=Test Root CA', ca: true, notBefore, notAfter });
  const intermediate = await createCertificate({ subject: 'O=Test, CN=Test Intermediate CA', ca: true, issuer: root, notBefore, notAfter });
  const leaf = await createCertificate({ subject: `CN=${host}`, ca: false, dnsNames: [host], issuer: intermediate, notBefore, notAfter });
  return { root, intermediate, leaf };
}

/** A fixed "now" and helpers to place dates around it. */
export const NOW = new Date('2026-03-01T12:00:00Z');
export function daysFrom(base: Date, days: number): Date {
  return new Date(base.getTime() + days * 24 * 60 * 60 * 1000);
}
