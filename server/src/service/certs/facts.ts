import { createHash } from 'node:crypto';
import { readExtensions } from './extensions';
import { commonNameOf, formatName, parseName } from './names';
import { SIGNATURE_ALGORITHMS } from './oids';
import type { TextRange } from './pem';
import { describePublicKeyInfo, spkiFingerprint, type PublicKeyFacts } from './publicKey';
import { decodeCertificate, x509 } from './x509';

/** Everything we show or lint about one certificate. Plain data: serialisable and cacheable. */
export interface CertificateFacts {
  /** Position in its file or value, 0 = first (the leaf, when the file is a chain). */
  readonly index: number;
  /** Where its PEM block sits in the analysed text (absent for DER input). */
  readonly range?: TextRange;
  /** RFC 4514 form, most specific RDN first: `CN=example.com,O=Example`. */
  readonly subject: string;
  readonly issuer: string;
  readonly commonName?: string;
  /** Lower-case hex without leading zeros. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly dnsNames: readonly string[];
  /** IPv4 dotted; IPv6 as OpenSSL prints it (eight upper-case hex groups, no `::`). */
  readonly ipAddresses: readonly string[];
  readonly emailAddresses: readonly string[];
  readonly uris: readonly string[];
  /** basicConstraints CA:TRUE. */
  readonly isCA: boolean;
  readonly pathLength?: number;
  /** Issuer equals subject and the key identifiers, when both are present, agree (AKI = SKI). */
  readonly selfSigned: boolean;
  /** `digitalSignature`, `keyEncipherment`, `keyCertSign`, ... (absent extension: empty). */
  readonly keyUsages: readonly string[];
  /** `serverAuth`, `clientAuth`, ... or the dotted OID. */
  readonly extendedKeyUsages: readonly string[];
  readonly publicKey: PublicKeyFacts;
  /** OpenSSL's name: `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `ED25519`, ... */
  readonly signatureAlgorithm: string;
  /** The hash behind the signature (`SHA-256`), when the algorithm names one. */
  readonly signatureHash?: string;
  /** Upper-case hex pairs joined with colons, as `openssl x509 -fingerprint -sha256`. */
  readonly sha256Fingerprint: string;
  /** Lower-case hex. */
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
}

/** A parsed certificate: facts for callers, the library object for signature checks. */
export interface ParsedCertificate {
  readonly facts: CertificateFacts;
  readonly certificate: x509.X509Certificate;
  /** The signature algorithm's OID, which decides whether WebCrypto can check the signature. */
  readonly signatureOid: string;
}

/**
 * Parses one DER certificate, once: @peculiar/asn1-x509's schema object gives every fact, and
 * the @peculiar/x509 certificate built on it checks signatures. Throws when it is not a
 * certificate.
 */
export function parseCertificate(der: Uint8Array, index: number, range?: TextRange): ParsedCertificate {
  // A copy: the decoded views point into it, and must not see later edits of the input.
  const { asn, certificate, encoded } = decodeCertificate(new Uint8Array(der));
  const tbs = asn.tbsCertificate;
  const subjectRdns = parseName(tbs.subject);
  const signatureOid = asn.signatureAlgorithm.algorithm;
  const signature = SIGNATURE_ALGORITHMS[signatureOid];
  const extensions = readExtensions(tbs.extensions);
  const facts: CertificateFacts = {
    index,
    range,
    subject: formatName(subjectRdns),
    issuer: formatName(parseName(tbs.issuer)),
    commonName: commonNameOf(subjectRdns),
    serialNumber: serialHex(new Uint8Array(tbs.serialNumber)),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    ...extensions,
    selfSigned: isSelfSigned(encoded.subject, encoded.issuer, extensions.subjectKeyId, extensions.authorityKeyId),
    publicKey: describePublicKeyInfo(tbs.subjectPublicKeyInfo, spkiFingerprint(encoded.spki)),
    signatureAlgorithm: signature?.name ?? signatureOid,
    signatureHash: signature?.hash,
    sha256Fingerprint: colonHex(createHash('sha256').update(der).digest('hex')),
  };
  return { facts, certificate, signatureOid };
}

/**
 * Self-issued in Go's and OpenSSL's sense: same name, and key identifiers (when both present)
 * agree. We do not verify the self-signature: nobody relies on it (trust in a root comes from
 * having it), and verifying it for each of the ~150 roots of a system bundle cost more than
 * parsing them.
 */
function isSelfSigned(subject: Uint8Array, issuer: Uint8Array, subjectKeyId?: string, authorityKeyId?: string): boolean {
  if (Buffer.compare(Buffer.from(subject), Buffer.from(issuer)) !== 0) return false;
  return subjectKeyId === undefined || authorityKeyId === undefined || subjectKeyId === authorityKeyId;
}

/**
 * Does `issuer`'s key verify `child`'s signature? `undefined` when it cannot be told: the
 * algorithm is one WebCrypto lacks (MD5, MD2, DSA) or the library refuses the combination.
 */
export async function signedBy(child: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean | undefined> {
  const signature = SIGNATURE_ALGORITHMS[child.signatureOid];
  if (!signature || signature.hash === 'MD5' || signature.hash === 'MD2' || signature.name.startsWith('dsa')) return undefined;
  try {
    return await child.certificate.verify({ publicKey: issuer.certificate.publicKey, signatureOnly: true });
  } catch {
    return undefined;
  }
}

/**
 * Lower-case hex without leading zeros. DER integers carry a 00 octet before a high bit; a
 * (non-conforming) negative serial is shown as its raw two's-complement octets.
 */
export function serialHex(serial: Uint8Array): string {
  const hex = Buffer.from(serial).toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

export function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
}
