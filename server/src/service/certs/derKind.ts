import { DerTag, DerError, childrenOf, readOid, readWhole, type DerNode } from './der';
import { CONTENT_TYPE_OIDS } from './oids';

/**
 * Recognises a DER structure by its outline alone, without parsing it fully. Go (and so
 * Centrifugo) decides key formats by trying parsers, not by PEM labels, so we do the same:
 * a PKCS#8 body under an `RSA PRIVATE KEY` label is still a PKCS#8 key.
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
  let root: DerNode;
  let items: DerNode[];
  try {
    root = readWhole(bytes);
    if (root.tag !== DerTag.Sequence) return 'unknown';
    items = childrenOf(bytes, root);
  } catch (error) {
    if (error instanceof DerError) return 'unknown';
    throw error;
  }
  const tags = items.map((item) => item.tag);
  const smallInteger = (node: DerNode | undefined): number | undefined => {
    if (!node || node.tag !== DerTag.Integer || node.end - node.contentStart !== 1) return undefined;
    return bytes[node.contentStart];
  };
  try {
    // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }
    if (tags.length === 3 && tags[0] === DerTag.Sequence && tags[1] === DerTag.Sequence && tags[2] === DerTag.BitString) {
      return 'certificate';
    }
    // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm SEQUENCE, encryptedData OCTET STRING }
    if (tags.length === 2 && tags[0] === DerTag.Sequence && tags[1] === DerTag.OctetString) return 'encrypted-pkcs8-private-key';
    // ContentInfo ::= SEQUENCE { contentType OID, [0] content } — a .p7b certificate bundle.
    if (tags[0] === DerTag.Oid && readOid(bytes, items[0]) === CONTENT_TYPE_OIDS.pkcs7SignedData) return 'pkcs7';
    const version = smallInteger(items[0]);
    // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData OPTIONAL }
    if (version === 3 && tags[1] === DerTag.Sequence) {
      const [contentType] = childrenOf(bytes, items[1]);
      if (contentType?.tag === DerTag.Oid) {
        const oid = readOid(bytes, contentType);
        if (oid === CONTENT_TYPE_OIDS.pkcs7Data || oid === CONTENT_TYPE_OIDS.pkcs7SignedData) return 'pkcs12';
      }
    }
    // OneAsymmetricKey/PrivateKeyInfo ::= SEQUENCE { version (0|1), algorithm SEQUENCE, privateKey OCTET STRING, ... }
    if ((version === 0 || version === 1) && tags[1] === DerTag.Sequence && tags[2] === DerTag.OctetString) return 'pkcs8-private-key';
    // ECPrivateKey ::= SEQUENCE { version (1), privateKey OCTET STRING, [0] parameters, [1] publicKey }
    if (version === 1 && tags[1] === DerTag.OctetString) return 'sec1-private-key';
    // RSAPrivateKey ::= SEQUENCE { version (0|1), n, e, d, p, q, dp, dq, qinv, ... }
    if ((version === 0 || version === 1) && tags.length >= 9 && tags.slice(0, 9).every((tag) => tag === DerTag.Integer)) {
      return 'pkcs1-private-key';
    }
  } catch (error) {
    if (error instanceof DerError) return 'unknown';
    throw error;
  }
  return 'unknown';
}

