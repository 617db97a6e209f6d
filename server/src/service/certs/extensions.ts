import { DerTag, childrenOf, contentOf, expectTag, readOid, readWhole, toHex, type DerNode } from './der';
import { EXTENDED_KEY_USAGES } from './oids';

/**
 * The X.509 extensions we report, read straight from the DER. @peculiar/x509 decodes each
 * extension by serialising and re-parsing it through its schema layer, which costs about a
 * millisecond per certificate: too much for a 150-certificate CA bundle on every change. Its
 * SAN decoding also drops otherName entries and compresses IPv6, while we want OpenSSL's view.
 */

export interface ExtensionFacts {
  readonly isCA: boolean;
  readonly pathLength?: number;
  readonly keyUsages: readonly string[];
  readonly extendedKeyUsages: readonly string[];
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly emailAddresses: readonly string[];
  readonly uris: readonly string[];
}

const OIDS = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
} as const;

/** Bit 0 is the most significant bit of the first octet (RFC 5280 KeyUsage). */
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** `extensionsNode` is the TBSCertificate's `[3]` element, or undefined when it has none. */
export function readExtensions(der: Uint8Array, extensionsNode: DerNode | undefined): ExtensionFacts {
  const facts = {
    isCA: false,
    pathLength: undefined as number | undefined,
    keyUsages: [] as string[],
    extendedKeyUsages: [] as string[],
    subjectKeyId: undefined as string | undefined,
    authorityKeyId: undefined as string | undefined,
    dnsNames: [] as string[],
    ipAddresses: [] as string[],
    emailAddresses: [] as string[],
    uris: [] as string[],
  };
  if (!extensionsNode) return facts;
  const [list] = childrenOf(der, extensionsNode);
  if (!list) return facts;
  for (const extension of childrenOf(der, expectTag(list, DerTag.Sequence, 'Extensions'))) {
    const parts = childrenOf(der, expectTag(extension, DerTag.Sequence, 'Extension'));
    const oidNode = parts[0];
    const valueNode = parts[parts.length - 1];
    if (!oidNode || !valueNode || parts.length < 2) continue;
    const value = contentOf(der, expectTag(valueNode, DerTag.OctetString, 'extnValue'));
    switch (readOid(der, oidNode)) {
      case OIDS.basicConstraints: {
        const [first, second] = childrenOf(value, readWhole(value));
        facts.isCA = first?.tag === DerTag.Boolean && value[first.contentStart] !== 0;
        const length = first?.tag === DerTag.Integer ? first : second?.tag === DerTag.Integer ? second : undefined;
        if (length) facts.pathLength = smallInteger(contentOf(value, length));
        break;
      }
      case OIDS.keyUsage: {
        const bits = contentOf(value, expectTag(readWhole(value), DerTag.BitString, 'KeyUsage')).subarray(1);
        facts.keyUsages = KEY_USAGE_BITS.filter((_, bit) => ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
        break;
      }
      case OIDS.extendedKeyUsage:
        facts.extendedKeyUsages = childrenOf(value, readWhole(value)).map((node) => {
          const oid = readOid(value, node);
          return EXTENDED_KEY_USAGES[oid] ?? oid;
        });
        break;
      case OIDS.subjectKeyIdentifier:
        facts.subjectKeyId = toHex(contentOf(value, expectTag(readWhole(value), DerTag.OctetString, 'SubjectKeyIdentifier')));
        break;
      case OIDS.authorityKeyIdentifier: {
        // keyIdentifier is [0] IMPLICIT OCTET STRING; issuer/serial alternatives are ignored.
        const keyId = childrenOf(value, readWhole(value)).find((node) => node.tag === 0x80);
        if (keyId) facts.authorityKeyId = toHex(contentOf(value, keyId));
        break;
      }
      case OIDS.subjectAltName:
        readSubjectAltNames(value, facts);
        break;
      default:
        break;
    }
  }
  return facts;
}

function smallInteger(content: Uint8Array): number {
  let result = 0;
  for (const byte of content.subarray(0, 6)) result = result * 256 + byte;
  return result;
}

function readSubjectAltNames(
  value: Uint8Array,
  into: { dnsNames: string[]; ipAddresses: string[]; emailAddresses: string[]; uris: string[] },
): void {
  for (const name of childrenOf(value, expectTag(readWhole(value), DerTag.Sequence, 'GeneralNames'))) {
    const text = (): string => Buffer.from(contentOf(value, name)).toString('latin1');
    switch (name.tag) {
      case 0x81: // [1] rfc822Name
        into.emailAddresses.push(text());
        break;
      case 0x82: // [2] dNSName
        into.dnsNames.push(text());
        break;
      case 0x86: // [6] uniformResourceIdentifier
        into.uris.push(text());
        break;
      case 0x87: // [7] iPAddress
        into.ipAddresses.push(formatIpAddress(contentOf(value, name)));
        break;
      default: // otherName, directoryName, registeredID...: not used for TLS host matching
        break;
    }
  }
}

/** OpenSSL's spelling: dotted IPv4; IPv6 as eight `%X` groups without `::` compression. */
export function formatIpAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16).toUpperCase());
    return groups.join(':');
  }
  return `<invalid ${bytes.length}-byte address ${toHex(bytes)}>`;
}
