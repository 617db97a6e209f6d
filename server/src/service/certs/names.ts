import { DerTag, childrenOf, contentOf, encodedOf, expectTag, readOid, readWhole, toHex } from './der';
import { COMMON_NAME_OID, NAME_ATTRIBUTES } from './oids';

/**
 * Distinguished names in the RFC 4514 string form (`CN=example.com,O=Example`).
 *
 * We format from the DER ourselves rather than with @peculiar/x509's `Name.toString()`, which
 * prints the least specific RDN first (`C=DE, O=...`), separates with ", " and keeps the
 * attribute order of multi-valued RDNs as encoded. RFC 4514, OpenSSL's `-nameopt RFC2253` and
 * Go's `pkix.Name.String()` (what Centrifugo logs) all reverse the whole attribute sequence, so
 * we do too and our strings match theirs byte for byte on ASCII names. Unlike OpenSSL we keep
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
export function parseName(nameDer: Uint8Array): NameAttribute[][] {
  const root = expectTag(readWhole(nameDer), DerTag.Sequence, 'a Name');
  return childrenOf(nameDer, root).map((rdn) =>
    childrenOf(nameDer, expectTag(rdn, DerTag.Set, 'an RDN set')).map((atv) => {
      const [typeNode, valueNode] = childrenOf(nameDer, expectTag(atv, DerTag.Sequence, 'an attribute'));
      if (!typeNode || !valueNode) throw new Error('incomplete name attribute');
      const oid = readOid(nameDer, typeNode);
      const known = NAME_ATTRIBUTES[oid];
      const value = known ? decodeDirectoryString(valueNode.tag, contentOf(nameDer, valueNode)) : undefined;
      const formatted = value === undefined ? '#' + toHex(encodedOf(nameDer, valueNode)) : escapeAttributeValue(value);
      return { oid, type: known ?? oid, value, formatted };
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

function decodeDirectoryString(tag: number, content: Uint8Array): string | undefined {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  switch (tag) {
    case DerTag.Utf8String:
      return new TextDecoder('utf-8').decode(content);
    case DerTag.PrintableString:
    case DerTag.Ia5String:
    case DerTag.NumericString:
    case DerTag.VisibleString:
    case DerTag.T61String: // OpenSSL reads TeletexString as Latin-1; so do we.
      return buffer.toString('latin1');
    case DerTag.BmpString:
      return decodeUtf16BigEndian(buffer);
    case DerTag.UniversalString:
      return decodeUtf32BigEndian(buffer);
    default:
      return undefined;
  }
}

function decodeUtf16BigEndian(buffer: Buffer): string {
  const swapped = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}

function decodeUtf32BigEndian(buffer: Buffer): string {
  let result = '';
  for (let i = 0; i + 4 <= buffer.length; i += 4) {
    const codePoint = buffer.readUInt32BE(i);
    result += codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
  }
  return result;
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
