/**
 * A self-signed certificate for local development, and the config edit that puts it to use.
 *
 * The certificate is an end-entity certificate (basicConstraints CA:FALSE, keyUsage
 * digitalSignature, extendedKeyUsage serverAuth): browsers reject a CA certificate presented by a
 * server, and our own `ca-as-leaf` check would flag it. Trusting it means trusting this exact
 * certificate, which OpenSSL (`openssl verify -CAfile cert.pem cert.pem`), Go and the browsers'
 * certificate stores all accept for a self-signed end-entity certificate.
 */
import { isIP } from 'node:net';
import * as path from 'node:path';
import { webcrypto } from 'node:crypto';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { x509 } from '../certs/x509';
import { baseDirectory, type FeatureContext } from '../context';
import type { ServiceEnvironment } from '../environment';
import { propertyAt, valueAt } from './codeActions/jsonEdits';
import { newSession } from './codeActions/shared';

/** Apple's limit for TLS server certificates (public CAs allow 398 days, but that rule is for them). */
export const DEV_CERTIFICATE_DAYS = 825;
const HOUR_MS = 60 * 60 * 1000;

export interface DevCertificate {
  readonly certPem: string;
  /** PKCS#8 `PRIVATE KEY` PEM, unencrypted: Centrifugo cannot read an encrypted key. */
  readonly keyPem: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** A host list a certificate cannot be made for; the message is for the user. */
export class DevCertificateError extends Error {}

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isDnsName(name: string): boolean {
  const labels = name.replace(/\.$/, '').split('.');
  if (labels[0] === '*' && labels.length > 1) labels.shift();
  return name.length <= 253 && labels.every((label) => DNS_LABEL.test(label));
}

/** The subject alternative names: the user's names first (the first also becomes the CN), then localhost and 127.0.0.1. */
export function devCertificateNames(hosts: readonly string[]): { dnsNames: string[]; ipAddresses: string[]; commonName: string } {
  const entries = hosts.flatMap((h) => h.split(/[\s,]+/)).map((h) => h.trim()).filter((h) => h.length > 0);
  const names = [...entries, 'localhost', '127.0.0.1'];
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/^\[(.*)\]$/, '$1');
    if (isIP(name)) {
      if (!ipAddresses.includes(name)) ipAddresses.push(name);
    } else if (isDnsName(name.toLowerCase())) {
      const lower = name.toLowerCase();
      if (!dnsNames.includes(lower)) dnsNames.push(lower);
    } else {
      throw new DevCertificateError(`${JSON.stringify(raw)} is neither a host name nor an IP address.`);
    }
  }
  const first = entries[0] ? entries[0].replace(/^\[(.*)\]$/, '$1') : 'localhost';
  return { dnsNames, ipAddresses, commonName: isIP(first) ? first : first.toLowerCase() };
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  // Positive and without a leading zero byte, as RFC 5280 wants serial numbers.
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

export async function generateDevCertificate(env: ServiceEnvironment, hosts: readonly string[]): Promise<DevCertificate> {
  const { dnsNames, ipAddresses, commonName } = devCertificateNames(hosts);
  const now = env.now().getTime();
  const notBefore = new Date(now - HOUR_MS);
  const notAfter = new Date(now + DEV_CERTIFICATE_DAYS * 24 * HOUR_MS);
  const algorithm: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${commonName}`,
    issuer: `CN=${commonName}`,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as unknown as webcrypto.CryptoKey));
  return {
    certPem: `${certificate.toString('pem')}\n`,
    keyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    dnsNames,
    ipAddresses,
  };
}

/** A path as the config should name it: relative to the folder paths are checked against when inside it. */
function configPathFor(ctx: FeatureContext, file: string): string {
  const relative = path.relative(baseDirectory(ctx.settings, ctx.document), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

/**
 * The edit that makes the config use a certificate and key file: `http_server.tls` with
 * `enabled`, `cert_pem` and `key_pem` in v6; `tls`, `tls_cert` and `tls_key` in v5. Null when
 * the config's structure is in the way (a v5 `tls` object, a TLS value that is not an object).
 */
export function devCertificateEdit(ctx: FeatureContext, certPath: string, keyPath: string): WorkspaceEdit | null {
  const document = ctx.model.document;
  const session = newSession(ctx);
  if (session.root && session.root.type !== 'object') return null;
  const cert = configPathFor(ctx, certPath);
  const key = configPathFor(ctx, keyPath);
  if (ctx.model.version.version === 'v6') {
    const tls = valueAt(session.root, ['http_server', 'tls']);
    if (!tls) {
      if (!session.set(['http_server', 'tls'], { enabled: true, cert_pem: cert, key_pem: key })) return null;
    } else {
      if (tls.type !== 'object') return null;
      for (const [name, value] of [['enabled', true], ['cert_pem', cert], ['key_pem', key]] as const) {
        if (!session.set(['http_server', 'tls', name], value)) return null;
      }
    }
  } else {
    // A top-level `tls` object is the documented layout, which v5 ignores; replacing it by `true` would lose its settings.
    if (propertyAt(session.root, ['tls'])?.children?.[1]?.type === 'object') return null;
    for (const [name, value] of [['tls', true], ['tls_cert', cert], ['tls_key', key]] as const) {
      if (!session.set([name], value)) return null;
    }
  }
  const edits = session.textEdits(document);
  if (edits.length === 0) return null;
  return { changes: { [document.uri]: edits } };
}
