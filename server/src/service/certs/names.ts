import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { AttributeValue, Name } from '@peculiar/asn1-x509';
import { COMMON_NAME_OID, NAME_ATTRIBUTES } from './oids';

/**
 * Distinguished names in the RFC 4514 string form (`CN=example.com,O=Example`), from the
 * schema object @peculiar/asn1-x509 decoded.
 *
 * We format ourselves rather than with @peculiar/x509's `Name.toString()`, which prints the
 * least specific RDN first (`C=DE, O=...`), separates with ", " and keeps the attribute order
 * of multi-valued RDNs as encoded. RFC 4514, OpenSSL's `-nameopt RFC2253` and Go's
 * `pkix.Name.String()` (what Centrifugo logs) all reverse the whole attribute sequence, so we
 * do too and our strings match theirs byte for byte on ASCII names. Unlike OpenSSL we keep
 * non-ASCII characters readable instead of `\XX`-escaping them (RFC 4514 allows both).
 */

export interface NameAttribute {
  readonly oid: string;
  /** `CN`, `O`, ... or the dotted OID when we have no name for it. */
  readonly type: string;
  /** The decoded string, or `undefined` when the value is not a string type. */
  readonly value: string | undefined;
  /** The RFC 4514 form of the value: escaped string, or `#` + hex of the DER encoding. */
  readonly formatted: string;
}

/** RDNs in encoded order (least specific first), each with its attributes in encoded order. */
export function parseName(name: Name): NameAttribute[][] {
  return Array.from(name, (rdn) =>
    Array.from(rdn, (atv) => {
      const known = NAME_ATTRIBUTES[atv.type];
      const value = known ? directoryString(atv.value) : undefined;
      const formatted = value === undefined ? '#' + Buffer.from(AsnConvert.serialize(atv.value)).toString('hex') : escapeAttributeValue(value);
      return { oid: atv.type, type: known ?? atv.type, value, formatted };
    }),
  );
}

export function formatName(rdns: readonly (readonly NameAttribute[])[]): string {
  return [...rdns]
    .reverse()
    .map((rdn) => [...rdn].reverse().map((atv) => `${atv.type}=${atv.formatted}`).join('+'))
    .join(',');
}

/** The most specific CN, which is the one Go (and so Centrifugo) keeps as `CommonName`. */
export function commonNameOf(rdns: readonly (readonly NameAttribute[])[]): string | undefined {
  let found: string | undefined;
  for (const rdn of rdns) for (const atv of rdn) if (atv.oid === COMMON_NAME_OID && atv.value !== undefined) found = atv.value;
  return found;
}

/**
 * The string of a directory-string value. asn1js decodes TeletexString byte for byte (Latin-1,
 * as OpenSSL reads it), BMPString as UTF-16 and UniversalString as UTF-32, both big-endian.
 * NumericString and VisibleString are outside the schema's choice and arrive encoded.
 */
function directoryString(value: AttributeValue): string | undefined {
  const text = value.utf8String ?? value.printableString ?? value.ia5String ?? value.teletexString ?? value.bmpString ?? value.universalString;
  if (text !== undefined) return text;
  if (!value.anyValue) return undefined;
  const inner = asn1js.fromBER(value.anyValue).result;
  return inner instanceof asn1js.NumericString || inner instanceof asn1js.VisibleString ? inner.valueBlock.value : undefined;
}

const SPECIAL = new Set(['"', '+', ',', ';', '<', '>', '\\']);

/** RFC 4514 section 2.4, plus `\XX` for control characters so a name never breaks a line. */
export function escapeAttributeValue(value: string): string {
  let result = '';
  const chars = [...value];
  chars.forEach((char, index) => {
    const code = char.codePointAt(0) ?? 0;
    if (SPECIAL.has(char)) result += '\\' + char;
    else if (code < 0x20 || code === 0x7f) result += '\\' + code.toString(16).toUpperCase().padStart(2, '0');
    else if (char === ' ' && (index === 0 || index === chars.length - 1)) result += '\\ ';
    else if (char === '#' && index === 0) result += '\\#';
    else result += char;
  });
  return result;
}
