/**
 * What reading certificate/key material found, as plain data: material.ts produces it and
 * judge.ts weighs it, so neither imports the other for its shape.
 */
import type { ChainLink } from './chain';
import type { CertificateFacts } from './facts';
import type { PrivateKeyInfo } from './keys';
import type { PemProblem, TextRange } from './pem';

export type MaterialKind =
  | 'pem'
  | 'der-certificate'
  | 'der-key'
  | 'pkcs12'
  | 'pkcs7'
  | 'empty'
  | 'garbage';

/** What a non-PEM text turned out to be, so a message can say how to fix it. */
export type GarbageHint = 'base64-pem' | 'base64-der-certificate' | 'base64-der-key' | 'utf8-bom';

export interface ParsedMaterial {
  readonly kind: MaterialKind;
  /** SHA-256 (lower-case hex) of the analysed bytes; strings are hashed as UTF-8. */
  readonly contentHash: string;
  /** Parsed certificates in file order; `certificates[i].index === i`. */
  readonly certificates: readonly CertificateFacts[];
  /** `chainLinks[i]` relates certificates[i] to certificates[i + 1]. */
  readonly chainLinks: readonly ChainLink[];
  /** Private keys in file order (Go uses the first one). */
  readonly keys: readonly PrivateKeyInfo[];
  /** PEM blocks that are neither certificates nor private keys (`PUBLIC KEY`, `EC PARAMETERS`...). */
  readonly otherBlocks: readonly { readonly label: string; readonly range: TextRange }[];
  /** CERTIFICATE blocks whose contents are not a certificate. */
  readonly brokenCertificates: readonly { readonly range?: TextRange }[];
  /** Blocks Go's PEM decoder would skip (bad base64, unmatched markers). */
  readonly pemProblems: readonly PemProblem[];
  readonly hint?: GarbageHint;
}
