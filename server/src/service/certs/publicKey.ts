import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
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

/** Describes a DER SubjectPublicKeyInfo, the form keys are exported in. */
export function describeSpki(spki: Uint8Array): PublicKeyFacts {
  return describePublicKeyInfo(AsnConvert.parse(spki, SubjectPublicKeyInfo), spkiFingerprint(spki));
}

/** Describes a decoded SubjectPublicKeyInfo; `fingerprint` is that of its encoding. */
export function describePublicKeyInfo(info: SubjectPublicKeyInfo, fingerprint: string): PublicKeyFacts {
  const oid = info.algorithm.algorithm;
  const params = info.algorithm.parameters ?? undefined;
  switch (oid) {
    case PUBLIC_KEY_ALGORITHMS.rsa:
    case PUBLIC_KEY_ALGORITHMS.rsaPss: {
      const bits = integerBitLength(new Uint8Array(AsnConvert.parse(info.subjectPublicKey, RSAPublicKey).modulus));
      const name = oid === PUBLIC_KEY_ALGORITHMS.rsaPss ? 'RSA-PSS' : 'RSA';
      return { algorithm: 'RSA', bits, description: bits ? `${name} ${bits}` : name, fingerprint };
    }
    case PUBLIC_KEY_ALGORITHMS.ec: {
      const curveOid = params ? namedCurveOf(params) : undefined;
      const curve = curveOid ? (CURVES[curveOid] ?? curveOid) : undefined;
      const bits = curve ? CURVE_BITS[curve] : undefined;
      return { algorithm: 'EC', bits, curve, description: curve ? `EC ${curve}` : 'EC (explicit curve parameters)', fingerprint };
    }
    case PUBLIC_KEY_ALGORITHMS.ed25519:
      return { algorithm: 'Ed25519', description: 'Ed25519', fingerprint };
    case PUBLIC_KEY_ALGORITHMS.ed448:
      return { algorithm: 'Ed448', description: 'Ed448', fingerprint };
    case PUBLIC_KEY_ALGORITHMS.dsa: {
      // Dss-Parms ::= SEQUENCE { p, q, g }; no schema package covers DSA, asn1js decodes it.
      const dssParms = params ? asn1js.fromBER(params).result : undefined;
      const p = dssParms instanceof asn1js.Sequence ? dssParms.valueBlock.value[0] : undefined;
      const bits = p instanceof asn1js.Integer ? integerBitLength(p.valueBlock.valueHexView) : undefined;
      return { algorithm: 'DSA', bits, description: bits ? `DSA ${bits}` : 'DSA', fingerprint };
    }
    default:
      return { algorithm: 'unknown', description: `unknown key (${oid})`, fingerprint };
  }
}

/** The curve of named-curve parameters; undefined for explicit (or unreadable) parameters. */
function namedCurveOf(params: ArrayBuffer): string | undefined {
  try {
    return AsnConvert.parse(params, ECParameters).namedCurve;
  } catch {
    return undefined;
  }
}

/** Bit length of a non-negative INTEGER's octets (leading zero octets ignored). */
function integerBitLength(content: Uint8Array): number {
  let index = 0;
  while (index < content.length && content[index] === 0) index++;
  if (index === content.length) return 0;
  return (content.length - index - 1) * 8 + (32 - Math.clz32(content[index]));
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
