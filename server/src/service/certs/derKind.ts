import * as asn1js from 'asn1js';
import { CONTENT_TYPE_OIDS } from './oids';

/**
 * Recognises a DER structure by its outline alone, without mapping it onto a schema. Go (and so
 * Centrifugo) decides key formats by trying parsers, not by PEM labels, so we do the same:
 * a PKCS#8 body under an `RSA PRIVATE KEY` label is still a PKCS#8 key. The outline comes from
 * asn1js, the BER decoder under @peculiar/asn1-schema.
 */
export type DerKind =
  | 'certificate'
  | 'pkcs1-private-key'
  | 'sec1-private-key'
  | 'pkcs8-private-key'
  | 'encrypted-pkcs8-private-key'
  | 'pkcs12'
  | 'pkcs7'
  | 'unknown';

export function isPrivateKeyKind(kind: DerKind): boolean {
  return kind.endsWith('-private-key');
}

export function sniffDer(bytes: Uint8Array): DerKind {
  const decoded = asn1js.fromBER(bytes);
  // Exactly one value: trailing bytes make it "not DER".
  if (decoded.offset !== bytes.length || decoded.result.error || !(decoded.result instanceof asn1js.Sequence)) return 'unknown';
  const items = decoded.result.valueBlock.value;
  const [first, second, third] = items;
  // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }
  if (items.length === 3 && first instanceof asn1js.Sequence && second instanceof asn1js.Sequence && third instanceof asn1js.BitString) {
    return 'certificate';
  }
  // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm SEQUENCE, encryptedData OCTET STRING }
  if (items.length === 2 && first instanceof asn1js.Sequence && second instanceof asn1js.OctetString) return 'encrypted-pkcs8-private-key';
  // ContentInfo ::= SEQUENCE { contentType OID, [0] content } — a .p7b certificate bundle.
  if (first instanceof asn1js.ObjectIdentifier && first.getValue() === CONTENT_TYPE_OIDS.pkcs7SignedData) return 'pkcs7';
  const version = smallInteger(first);
  // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData OPTIONAL }
  if (version === 3 && second instanceof asn1js.Sequence) {
    const contentType = second.valueBlock.value[0];
    if (contentType instanceof asn1js.ObjectIdentifier) {
      const oid = contentType.getValue();
      if (oid === CONTENT_TYPE_OIDS.pkcs7Data || oid === CONTENT_TYPE_OIDS.pkcs7SignedData) return 'pkcs12';
    }
  }
  // OneAsymmetricKey/PrivateKeyInfo ::= SEQUENCE { version (0|1), algorithm SEQUENCE, privateKey OCTET STRING, ... }
  if ((version === 0 || version === 1) && second instanceof asn1js.Sequence && third instanceof asn1js.OctetString) return 'pkcs8-private-key';
  // ECPrivateKey ::= SEQUENCE { version (1), privateKey OCTET STRING, [0] parameters, [1] publicKey }
  if (version === 1 && second instanceof asn1js.OctetString) return 'sec1-private-key';
  // RSAPrivateKey ::= SEQUENCE { version (0|1), n, e, d, p, q, dp, dq, qinv, ... }
  if ((version === 0 || version === 1) && items.length >= 9 && items.slice(0, 9).every((item) => item instanceof asn1js.Integer)) {
    return 'pkcs1-private-key';
  }
  return 'unknown';
}

/** A one-octet INTEGER's value, else undefined. */
function smallInteger(item: asn1js.AsnType | undefined): number | undefined {
  if (!(item instanceof asn1js.Integer) || item.valueBlock.valueHexView.length !== 1) return undefined;
  return item.valueBlock.valueHexView[0];
}
