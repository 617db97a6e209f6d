import { createHash } from 'node:crypto';
import { DerTag, childrenOf, contentOf, encodedOf, expectTag, readOid, readWhole, toHex, type DerNode } from './der';
import { readExtensions } from './extensions';
import { commonNameOf, formatName, parseName } from './names';
import { SIGNATURE_ALGORITHMS } from './oids';
import type { TextRange } from './pem';
import { describeSpki, type PublicKeyFacts } from './publicKey';
import { x509 } from './x509';

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
}

/** The parts of the DER we read ourselves (see der.ts for why). */
interface CertificateOutline {
  readonly serial: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly spki: Uint8Array;
  readonly extensions?: DerNode;
  readonly signatureOid: string;
}

function outline(der: Uint8Array): CertificateOutline {
  const [tbs, signatureAlgorithm] = childrenOf(der, expectTag(readWhole(der), DerTag.Sequence, 'Certificate'));
  if (!tbs || !signatureAlgorithm) throw new Error('incomplete certificate');
  const fields = childrenOf(der, expectTag(tbs, DerTag.Sequence, 'TBSCertificate'));
  // The version is an explicit [0] tag and absent for v1 certificates.
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const field = (index: number): DerNode => {
    const node = fields[offset + index];
    if (!node) throw new Error('incomplete TBSCertificate');
    return node;
  };
  const [signatureOidNode] = childrenOf(der, expectTag(signatureAlgorithm, DerTag.Sequence, 'AlgorithmIdentifier'));
  if (!signatureOidNode) throw new Error('empty signature algorithm');
  return {
    serial: contentOf(der, expectTag(field(0), DerTag.Integer, 'serial number')),
    issuer: encodedOf(der, field(2)),
    subject: encodedOf(der, field(4)),
    spki: encodedOf(der, field(5)),
    // [3] EXPLICIT Extensions, after the optional [1]/[2] unique identifiers.
    extensions: fields.slice(offset + 6).find((node) => node.tag === 0xa3),
    signatureOid: readOid(der, signatureOidNode),
  };
}

/** Parses one DER certificate. Throws when it is not a certificate @peculiar/x509 accepts. */
export function parseCertificate(der: Uint8Array, index: number, range?: TextRange): ParsedCertificate {
  // A copy: the library wants an ArrayBuffer-backed view, and must not see later edits of the input.
  const certificate = new x509.X509Certificate(new Uint8Array(der));
  const parts = outline(der);
  const subjectRdns = parseName(parts.subject);
  const signature = SIGNATURE_ALGORITHMS[parts.signatureOid];
  const extensions = readExtensions(der, parts.extensions);
  const facts: CertificateFacts = {
    index,
    range,
    subject: formatName(subjectRdns),
    issuer: formatName(parseName(parts.issuer)),
    commonName: commonNameOf(subjectRdns),
    serialNumber: serialHex(parts.serial),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    ...extensions,
    selfSigned: isSelfSigned(parts.subject, parts.issuer, extensions.subjectKeyId, extensions.authorityKeyId),
    publicKey: describeSpki(parts.spki),
    signatureAlgorithm: signature?.name ?? parts.signatureOid,
    signatureHash: signature?.hash,
    sha256Fingerprint: colonHex(createHash('sha256').update(der).digest('hex')),
  };
  return { facts, certificate };
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
export async function signedBy(child: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean | undefined> {
  const signature = SIGNATURE_ALGORITHMS[signatureOidOf(child)];
  if (!signature || signature.hash === 'MD5' || signature.hash === 'MD2' || signature.name.startsWith('dsa')) return undefined;
  try {
    return await child.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return undefined;
  }
}

function signatureOidOf(certificate: x509.X509Certificate): string {
  try {
    return outline(new Uint8Array(certificate.rawData)).signatureOid;
  } catch {
    return '';
  }
}

/**
 * Lower-case hex without leading zeros. DER integers carry a 00 octet before a high bit; a
 * (non-conforming) negative serial is shown as its raw two's-complement octets.
 */
export function serialHex(serial: Uint8Array): string {
  const hex = toHex(serial).replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

export function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
}
