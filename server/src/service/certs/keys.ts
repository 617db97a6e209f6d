import { createPrivateKey, type KeyObject } from 'node:crypto';
import { sniffDer, type DerKind } from './derKind';
import { isLegacyEncrypted, type PemBlock, type TextRange } from './pem';
import { describeKeyObject, type PublicKeyAlgorithm, type PublicKeyFacts } from './publicKey';

/**
 * Private keys, read just far enough to know their type and size, whether they are encrypted,
 * and the fingerprint of their public half (to match them with a certificate).
 *
 * Nothing derived from the private part ever leaves this module: results carry only public
 * facts, and OpenSSL's error texts are replaced by our own words in case they quote input.
 */

export type PrivateKeyFormat = 'pkcs1' | 'sec1' | 'pkcs8' | 'encrypted-pkcs8' | 'legacy-encrypted' | 'openssh' | 'unknown';

export interface PrivateKeyInfo {
  readonly format: PrivateKeyFormat;
  /** The PEM label it was found under; absent for a DER file. */
  readonly label?: string;
  readonly range?: TextRange;
  readonly encrypted: boolean;
  /** Known for readable keys, and for legacy-encrypted ones from their label. */
  readonly algorithm?: PublicKeyAlgorithm;
  /** Present when the key could be read (never for encrypted keys). */
  readonly publicKey?: PublicKeyFacts;
  /** `RSA 2048`, `EC P-256`, `encrypted RSA key`, `encrypted key`, `unreadable key`. */
  readonly description: string;
  /** Why the key could not be read, in our words; absent when it was read or is encrypted. */
  readonly unreadable?: string;
}

/** Go's rule in `tls.X509KeyPair`: the first block labelled `PRIVATE KEY` or `... PRIVATE KEY`. */
export function isPrivateKeyLabel(label: string): boolean {
  return label === 'PRIVATE KEY' || label.endsWith(' PRIVATE KEY');
}

export const FORMAT_NAMES: Readonly<Record<PrivateKeyFormat, string>> = {
  pkcs1: 'PKCS#1',
  sec1: 'SEC 1',
  pkcs8: 'PKCS#8',
  'encrypted-pkcs8': 'encrypted PKCS#8',
  'legacy-encrypted': 'OpenSSL legacy encrypted PEM',
  openssh: 'OpenSSH',
  unknown: 'unknown',
};

const LABEL_ALGORITHMS: Readonly<Record<string, PublicKeyAlgorithm>> = {
  'RSA PRIVATE KEY': 'RSA',
  'EC PRIVATE KEY': 'EC',
  'DSA PRIVATE KEY': 'DSA',
};

export function analyzePrivateKeyBlock(block: PemBlock): PrivateKeyInfo {
  const where = { label: block.label, range: block.range };
  if (isLegacyEncrypted(block)) {
    const algorithm = LABEL_ALGORITHMS[block.label];
    return {
      ...where,
      format: 'legacy-encrypted',
      encrypted: true,
      algorithm,
      description: algorithm ? `encrypted ${algorithm} key` : 'encrypted key',
    };
  }
  if (block.label === 'OPENSSH PRIVATE KEY') {
    return {
      ...where,
      format: 'openssh',
      encrypted: false,
      description: 'unreadable key',
      unreadable: 'it is in the OpenSSH key format, which TLS libraries do not read',
    };
  }
  return analyzePrivateKeyDer(block.der, sniffDer(block.der), where);
}

export function analyzePrivateKeyDer(
  der: Uint8Array,
  kind: DerKind,
  where: { readonly label?: string; readonly range?: TextRange } = {},
): PrivateKeyInfo {
  if (kind === 'encrypted-pkcs8-private-key') {
    return { ...where, format: 'encrypted-pkcs8', encrypted: true, description: 'encrypted key' };
  }
  const format = nodeKeyType(kind);
  if (!format) {
    return { ...where, format: 'unknown', encrypted: false, description: 'unreadable key', unreadable: 'its contents are not a private key structure we recognise' };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: format });
  } catch {
    return { ...where, format, encrypted: false, description: 'unreadable key', unreadable: 'its contents are damaged or use an algorithm that cannot be read' };
  }
  const publicKey = describeKeyObject(key);
  return { ...where, format, encrypted: false, algorithm: publicKey.algorithm, publicKey, description: publicKey.description };
}

function nodeKeyType(kind: DerKind): 'pkcs1' | 'sec1' | 'pkcs8' | undefined {
  switch (kind) {
    case 'pkcs1-private-key':
      return 'pkcs1';
    case 'sec1-private-key':
      return 'sec1';
    case 'pkcs8-private-key':
      return 'pkcs8';
    default:
      return undefined;
  }
}
