/**
 * The certificate layer: pure reading and judging of PEM/DER material, certificate facts and
 * lints. No fs and no clock: files come through ServiceEnvironment, time as an argument.
 */
export { decodeBase64Strict, encodeBase64, isStrictBase64, type Base64DecodeResult } from './base64';
export {
  encodePem,
  headerValue,
  isLegacyEncrypted,
  looksLikePem,
  pemRefusal,
  splitPem,
  type PemBlock,
  type PemHeader,
  type PemProblem,
  type PemProblemKind,
  type PemSplit,
  type TextRange,
} from './pem';
export { sniffDer, type DerKind } from './derKind';
export { analyzeMaterial, parseMaterial, type GarbageHint, type MaterialKind, type ParsedMaterial } from './material';
export {
  judgeMaterial,
  MATERIAL_NOUNS,
  type MaterialAnalysis,
  type MaterialExpectation,
  type MaterialProblem,
  type MaterialProblemCode,
} from './judge';
export { analyzePrivateKeyBlock, analyzePrivateKeyDer, isPrivateKeyLabel, type PrivateKeyFormat, type PrivateKeyInfo } from './keys';
export { describeSpki, type PublicKeyAlgorithm, type PublicKeyFacts } from './publicKey';
export { parseCertificate, signedBy, type CertificateFacts, type ParsedCertificate } from './facts';
export { formatIpAddress, readExtensions, type ExtensionFacts } from './extensions';
export { escapeAttributeValue, formatName, parseName, type NameAttribute } from './names';
export { linkChain, linkHolds, suggestChainOrder, type ChainLink } from './chain';
export { daysLeft, isoDate, utcDayNumber, validityPhrase, validityState, type ValidityPeriod, type ValidityState } from './expiry';
export {
  lintCaAsLeaf,
  lintCertificates,
  lintChainOrder,
  lintExpiry,
  lintKeyMatch,
  lintNoSan,
  lintWeakKey,
  lintWeakSignature,
  type CertificateLint,
  type CertificateLintCode,
  type CertificateRole,
  type LintInput,
} from './lints';
export {
  createCertificateCache,
  fileCacheKey,
  type CertificateCache,
  type CertificateCacheOptions,
  type CertificateCacheStats,
  type CertificateFileResult,
} from './cache';
