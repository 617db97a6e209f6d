import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  AsnIpConverter,
  KeyUsage,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  type Extension,
} from '@peculiar/asn1-x509';
import { EXTENDED_KEY_USAGES } from './oids';

/**
 * The X.509 extensions we report, each value decoded by its @peculiar/asn1-x509 schema. We do
 * not go through @peculiar/x509's extension objects: they serialise every extension and parse
 * it again, about a millisecond per certificate, too much for a 150-certificate CA bundle on
 * every change.
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

/** `extensions` is the TBSCertificate's list, absent when it has none. */
export function readExtensions(extensions: readonly Extension[] | undefined): ExtensionFacts {
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
  for (const extension of extensions ?? []) {
    const value = extension.extnValue.buffer;
    switch (extension.extnID) {
      case OIDS.basicConstraints: {
        const constraints = AsnConvert.parse(value, BasicConstraints);
        facts.isCA = constraints.cA;
        facts.pathLength = constraints.pathLenConstraint;
        break;
      }
      case OIDS.keyUsage: {
        const bits = new Uint8Array(AsnConvert.parse(value, KeyUsage).value);
        facts.keyUsages = KEY_USAGE_BITS.filter((_, bit) => ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
        break;
      }
      case OIDS.extendedKeyUsage:
        // Array.from: the schema's array subclass must not leak into plain, serialisable facts.
        facts.extendedKeyUsages = Array.from(AsnConvert.parse(value, ExtendedKeyUsage), (oid) => EXTENDED_KEY_USAGES[oid] ?? oid);
        break;
      case OIDS.subjectKeyIdentifier:
        facts.subjectKeyId = hex(AsnConvert.parse(value, SubjectKeyIdentifier).buffer);
        break;
      case OIDS.authorityKeyIdentifier: {
        // Only keyIdentifier; the issuer/serial alternative is not used for chain building.
        const keyId = AsnConvert.parse(value, AuthorityKeyIdentifier).keyIdentifier;
        if (keyId) facts.authorityKeyId = hex(keyId.buffer);
        break;
      }
      case OIDS.subjectAltName:
        for (const name of AsnConvert.parse(value, SubjectAlternativeName)) {
          if (name.rfc822Name !== undefined) facts.emailAddresses.push(name.rfc822Name);
          else if (name.dNSName !== undefined) facts.dnsNames.push(name.dNSName);
          else if (name.uniformResourceIdentifier !== undefined) facts.uris.push(name.uniformResourceIdentifier);
          else if (name.iPAddress !== undefined) facts.ipAddresses.push(opensslIpAddress(name.iPAddress));
          // otherName, directoryName, registeredID...: not used for TLS host matching
        }
        break;
      default:
        break;
    }
  }
  return facts;
}

function hex(buffer: ArrayBuffer): string {
  return Buffer.from(buffer).toString('hex');
}

/**
 * The schema layer hands iPAddress over as text, IPv6 compressed (`::1`); back to its octets
 * so that it reads as OpenSSL prints it.
 */
function opensslIpAddress(text: string): string {
  try {
    const octets = AsnIpConverter.toASN(text);
    if (octets instanceof asn1js.OctetString) return formatIpAddress(octets.valueBlock.valueHexView);
  } catch {
    // an address the converter could not print as one: show what it made of it
  }
  return `<invalid address ${text}>`;
}

/** OpenSSL's spelling: dotted IPv4; IPv6 as eight `%X` groups without `::` compression. */
export function formatIpAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16).toUpperCase());
    return groups.join(':');
  }
  return `<invalid ${bytes.length}-byte address ${Buffer.from(bytes).toString('hex')}>`;
}
