/**
 * A minimal DER reader. We need it for the few places where @peculiar/x509 either loses
 * information we must show exactly as OpenSSL does (name attribute order and string types,
 * signature algorithm OIDs, IPv6 SANs, otherName SANs it silently drops) or cannot help at all
 * (telling a DER certificate from a DER key or a PKCS#12 bundle before parsing).
 *
 * Everything here throws `DerError` on malformed input; callers turn that into a problem.
 */

export class DerError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'DerError';
  }
}

/** Universal tags we read; an object rather than a const enum so that esbuild needs no cross-file inlining. */
export const DerTag = {
  Boolean: 0x01,
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  Utf8String: 0x0c,
  Sequence: 0x30,
  Set: 0x31,
  NumericString: 0x12,
  PrintableString: 0x13,
  T61String: 0x14,
  Ia5String: 0x16,
  UtcTime: 0x17,
  GeneralizedTime: 0x18,
  VisibleString: 0x1a,
  UniversalString: 0x1c,
  BmpString: 0x1e,
} as const;

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
}

/**
 * Reads one TLV at `offset`, bounded by `limit`. Indefinite lengths (BER) and tag numbers
 * >= 31 are rejected: neither occurs in the DER structures we inspect, and accepting them
 * would only widen what garbage we pretend to understand.
 */
export function readNode(bytes: Uint8Array, offset: number, limit: number = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated DER header', offset);
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported', offset);
  let length = bytes[offset + 1];
  let cursor = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 0 is BER's indefinite form; more than 4 length octets cannot describe a 1 MiB file.
    if (count === 0 || count > 4) throw new DerError('unsupported DER length form', offset);
    if (cursor + count > limit) throw new DerError('truncated DER length', offset);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[cursor + i];
    cursor += count;
  }
  const end = cursor + length;
  if (end > limit) throw new DerError('DER length runs past the end of the data', offset);
  return { tag, start: offset, contentStart: cursor, end };
}

/** Parses `bytes` as exactly one DER value: trailing bytes make it "not DER". */
export function readWhole(bytes: Uint8Array): DerNode {
  const node = readNode(bytes, 0);
  if (node.end !== bytes.length) throw new DerError('trailing data after the DER value', node.end);
  return node;
}

export function childrenOf(bytes: Uint8Array, node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new DerError('expected a constructed DER value', node.start);
  const result: DerNode[] = [];
  let offset = node.contentStart;
  while (offset < node.end) {
    const child = readNode(bytes, offset, node.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

export function contentOf(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.contentStart, node.end);
}

export function encodedOf(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.start, node.end);
}

export function expectTag(node: DerNode, tag: number, what: string): DerNode {
  if (node.tag !== tag) throw new DerError(`expected ${what}`, node.start);
  return node;
}

export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new DerError('empty OID', 0);
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

export function readOid(bytes: Uint8Array, node: DerNode): string {
  return decodeOid(contentOf(bytes, expectTag(node, DerTag.Oid, 'an OID')));
}

/** Bit length of a non-negative INTEGER's content (leading zero octets ignored). */
export function integerBitLength(content: Uint8Array): number {
  let index = 0;
  while (index < content.length && content[index] === 0) index++;
  if (index === content.length) return 0;
  return (content.length - index - 1) * 8 + (32 - Math.clz32(content[index]));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
