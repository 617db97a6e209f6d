import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { DerTag, childrenOf, contentOf, expectTag, integerBitLength, readOid, readWhole } from './der';
import { CURVES, NODE_CURVE_NAMES, PUBLIC_KEY_ALGORITHMS } from './oids';

export type PublicKeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';

export interface PublicKeyFacts {
  readonly algorithm: PublicKeyAlgorithm;
  /** RSA/DSA modulus size, or the EC curve size. */
  readonly bits?: number;
  /** NIST name where there is one (`P-256`), else the curve's usual name. */
  readonly curve?: string;
  /** What a user reads: `RSA 2048`, `EC P-256`, `Ed25519`. */
  readonly description: string;
  /**
   * SHA-256 (lower-case hex) of the DER SubjectPublicKeyInfo: equal for a certificate and its
   * private key. Public data only.
   */
  readonly fingerprint: string;
}

const CURVE_BITS: Readonly<Record<string, number>> = {
  'P-192': 192,
  'P-224': 224,
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  secp256k1: 256,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

/** Describes a DER SubjectPublicKeyInfo, the form certificates carry. */
export function describeSpki(spki: Uint8Array): PublicKeyFacts {
  const fingerprint = spkiFingerprint(spki);
  const [algorithmId, keyBits] = childrenOf(spki, expectTag(readWhole(spki), DerTag.Sequence, 'SubjectPublicKeyInfo'));
  if (!algorithmId || !keyBits) return { algorithm: 'unknown', description: 'unknown key', fingerprint };
  const [oidNode, params] = childrenOf(spki, expectTag(algorithmId, DerTag.Sequence, 'AlgorithmIdentifier'));
  if (!oidNode) return { algorithm: 'unknown', description: 'unknown key', fingerprint };
  const oid = readOid(spki, oidNode);
  switch (oid) {
    case PUBLIC_KEY_ALGORITHMS.rsa:
    case PUBLIC_KEY_ALGORITHMS.rsaPss: {
      // BIT STRING: one "unused bits" octet, then RSAPublicKey ::= SEQUENCE { n, e }.
      const rsaKey = contentOf(spki, expectTag(keyBits, DerTag.BitString, 'a BIT STRING')).subarray(1);
      const [modulus] = childrenOf(rsaKey, expectTag(readWhole(rsaKey), DerTag.Sequence, 'RSAPublicKey'));
      const bits = modulus ? integerBitLength(contentOf(rsaKey, modulus)) : undefined;
      const name = oid === PUBLIC_KEY_ALGORITHMS.rsaPss ? 'RSA-PSS' : 'RSA';
      return { algorithm: 'RSA', bits, description: bits ? `${name} ${bits}` : name, fingerprint };
    }
    case PUBLIC_KEY_ALGORITHMS.ec: {
      const curveOid = params && params.tag === DerTag.Oid ? readOid(spki, params) : undefined;
      const curve = curveOid ? (CURVES[curveOid] ?? curveOid) : undefined;
      const bits = curve ? CURVE_BITS[curve] : undefined;
      return { algorithm: 'EC', bits, curve, description: curve ? `EC ${curve}` : 'EC (explicit curve parameters)', fingerprint };
    }
    case PUBLIC_KEY_ALGORITHMS.ed25519:
      return { algorithm: 'Ed25519', description: 'Ed25519', fingerprint };
    case PUBLIC_KEY_ALGORITHMS.ed448:
      return { algorithm: 'Ed448', description: 'Ed448', fingerprint };
    case PUBLIC_KEY_ALGORITHMS.dsa: {
      const [p] = params && params.tag === DerTag.Sequence ? childrenOf(spki, params) : [];
      const bits = p ? integerBitLength(contentOf(spki, p)) : undefined;
      return { algorithm: 'DSA', bits, description: bits ? `DSA ${bits}` : 'DSA', fingerprint };
    }
    default:
      return { algorithm: 'unknown', description: `unknown key (${oid})`, fingerprint };
  }
}

/**
 * Hashes the SPKI as encoded. No re-encoding is needed for matching: Go (and so Centrifugo)
 * only accepts certificates whose keys use the canonical encoding (RSA with NULL parameters,
 * uncompressed EC points on a named curve), which is also how Node exports a private key's
 * public half. Re-encoding through OpenSSL cost more than the rest of the parse together.
 */
export function spkiFingerprint(spki: Uint8Array): string {
  return createHash('sha256').update(spki).digest('hex');
}

/** Public-key facts of a Node KeyObject (a private key's public half), for key-file analysis. */
export function describeKeyObject(key: KeyObject): PublicKeyFacts {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  try {
    return describeSpki(new Uint8Array(spki));
  } catch {
    const details = key.asymmetricKeyDetails;
    const curve = details?.namedCurve ? (NODE_CURVE_NAMES[details.namedCurve] ?? details.namedCurve) : undefined;
    return {
      algorithm: 'unknown',
      bits: details?.modulusLength,
      curve,
      description: key.asymmetricKeyType ?? 'unknown key',
      fingerprint: spkiFingerprint(new Uint8Array(spki)),
    };
  }
}
