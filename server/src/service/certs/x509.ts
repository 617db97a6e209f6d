// @peculiar/x509 2.x resolves its parsers through tsyringe, which needs the Reflect metadata
// polyfill to be loaded before the library itself; every module reaches x509 through this file.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AsnParser } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';

// Explicit rather than relying on globalThis.crypto, so the bundle behaves the same in any host
// that happens to lack the global (node's webcrypto type differs from the DOM one only nominally).
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

/**
 * One certificate decoded once: the schema object (@peculiar/asn1-x509) that every fact is read
 * from, the @peculiar/x509 object built on that same object (for signature checks, no second
 * parse), and the encodings of the parts whose exact bytes matter (name comparison, the public
 * key fingerprint), which the BER decoder keeps for every element anyway.
 */
export interface DecodedCertificate {
  readonly asn: Certificate;
  readonly certificate: x509.X509Certificate;
  readonly encoded: { readonly issuer: Uint8Array; readonly subject: Uint8Array; readonly spki: Uint8Array };
}

/**
 * Decodes one DER certificate. Throws when it is not one: Go's crypto/x509 (and so Centrifugo)
 * accepts only DER, so BER's indefinite lengths and data after the certificate are refused here
 * too, which the schema layer alone would let through.
 */
export function decodeCertificate(der: Uint8Array): DecodedCertificate {
  const decoded = asn1js.fromBER(der);
  if (decoded.offset === -1 || decoded.result.error) throw new Error(`not DER: ${decoded.result.error || 'unreadable'}`);
  if (decoded.offset !== der.length) throw new Error('trailing data after the certificate');
  const root = decoded.result;
  if (!(root instanceof asn1js.Sequence)) throw new Error('a certificate is a SEQUENCE');
  refuseBer(root);
  const asn = AsnParser.fromASN<Certificate>(root, Certificate);
  const tbs = root.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) throw new Error('incomplete certificate');
  // TBSCertificate: [0] version (absent for v1), serial, signature, issuer, validity, subject, spki, ...
  const fields = tbs.valueBlock.value;
  const first = fields[0]?.idBlock.tagClass === 3 ? 1 : 0;
  const encodedAt = (index: number): Uint8Array => {
    const field = fields[first + index];
    if (!field) throw new Error('incomplete TBSCertificate');
    return field.valueBeforeDecodeView;
  };
  return {
    asn,
    certificate: new x509.X509Certificate(asn),
    encoded: { issuer: encodedAt(2), subject: encodedAt(4), spki: encodedAt(5) },
  };
}

/** Walks the decoded tree with an explicit stack (no recursion on hostile nesting). */
function refuseBer(root: asn1js.AsnType): void {
  const stack: asn1js.AsnType[] = [root];
  for (let block = stack.pop(); block; block = stack.pop()) {
    if (block.lenBlock.isIndefiniteForm) throw new Error('indefinite length (BER, not DER)');
    if (block instanceof asn1js.Constructed) stack.push(...block.valueBlock.value);
  }
}
