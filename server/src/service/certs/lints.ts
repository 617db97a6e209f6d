import { linkHolds, suggestChainOrder, type ChainLink } from './chain';
import { daysLeft, isoDate, validityPhrase, validityState } from './expiry';
import type { CertificateFacts } from './facts';
import type { PrivateKeyInfo } from './keys';
import { WEAK_SIGNATURE_HASHES } from './oids';
import type { TextRange } from './pem';

/**
 * Pure checks over certificate facts. Nothing here reads a clock or a file: `now` and the
 * warning window come from the caller, and signature checks were done while parsing
 * (chain.ts), so every function is synchronous and deterministic.
 */

export type CertificateLintCode =
  | 'cert-expired'
  | 'cert-expiring'
  | 'cert-not-yet-valid'
  | 'key-mismatch'
  | 'chain-order'
  | 'ca-as-leaf'
  | 'no-san'
  | 'weak-key'
  | 'weak-signature';

export interface CertificateLint {
  readonly code: CertificateLintCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The certificate the lint is about, when it is about one. */
  readonly certificateIndex?: number;
  /** That certificate's block in the analysed input, when known. */
  readonly range?: TextRange;
}

/**
 * What the certificates are used as: `server` (Centrifugo presents them to clients), `client`
 * (Centrifugo presents them to a server it connects to) or `ca` (trusted issuers).
 */
export type CertificateRole = 'server' | 'client' | 'ca';

export interface LintInput {
  readonly certificates: readonly CertificateFacts[];
  readonly chainLinks?: readonly ChainLink[];
  /** The private key paired with the certificates (roles server/client). */
  readonly key?: PrivateKeyInfo;
  readonly role: CertificateRole;
  readonly now: Date;
  readonly warningDays: number;
}

export function lintCertificates(input: LintInput): CertificateLint[] {
  const lints: CertificateLint[] = [];
  const leaf = input.certificates[0];
  if (leaf && input.role !== 'ca') {
    if (input.key) lints.push(...lintKeyMatch(input.certificates, input.key));
    lints.push(...lintChainOrder(input.certificates, input.chainLinks ?? []));
    // In a misordered chain, judge the certificate that will be the leaf once reordered:
    // lints about an intermediate sitting in first place would vanish with the fix.
    const realLeaf = suggestChainOrder(input.certificates)?.[0] ?? leaf;
    lints.push(...lintCaAsLeaf(realLeaf));
    if (input.role === 'server') lints.push(...lintNoSan(realLeaf));
  }
  for (const certificate of input.certificates) {
    lints.push(...lintExpiry(certificate, input.now, input.warningDays));
    lints.push(...lintWeakKey(certificate));
    lints.push(...lintWeakSignature(certificate));
  }
  return lints;
}

function at(certificate: CertificateFacts): Pick<CertificateLint, 'certificateIndex' | 'range'> {
  return certificate.range ? { certificateIndex: certificate.index, range: certificate.range } : { certificateIndex: certificate.index };
}

function label(certificate: CertificateFacts): string {
  return `"${certificate.subject || '(empty subject)'}"`;
}

export function lintExpiry(certificate: CertificateFacts, now: Date, warningDays: number): CertificateLint[] {
  const phrase = validityPhrase(certificate, now);
  switch (validityState(certificate, now)) {
    case 'expired':
      return [{ code: 'cert-expired', severity: 'error', message: `${phrase}: the certificate ${label(certificate)} was valid until ${isoDate(certificate.notAfter)}. Peers reject expired certificates, so TLS connections fail. Renew it.`, ...at(certificate) }];
    case 'not-yet-valid':
      return [{ code: 'cert-not-yet-valid', severity: 'error', message: `${phrase}: the certificate ${label(certificate)} starts being valid on ${isoDate(certificate.notBefore)}, and peers reject it until then. Check the clock of the machine that issued it, or wait.`, ...at(certificate) }];
    case 'valid':
      if (daysLeft(certificate.notAfter, now) > warningDays) return [];
      return [{ code: 'cert-expiring', severity: 'warning', message: `${phrase} (${isoDate(certificate.notAfter)}): the certificate ${label(certificate)} needs renewing soon, or TLS connections will start failing.`, ...at(certificate) }];
  }
}

/**
 * Go's `tls.X509KeyPair` pairs the key with the first certificate and refuses to start when
 * they differ. When the key fits a later certificate, the order is the real mistake.
 */
export function lintKeyMatch(certificates: readonly CertificateFacts[], key: PrivateKeyInfo): CertificateLint[] {
  const leaf = certificates[0];
  const fingerprint = key.publicKey?.fingerprint;
  if (!leaf || !fingerprint || leaf.publicKey.fingerprint === fingerprint) return [];
  const owner = certificates.find((certificate) => certificate.publicKey.fingerprint === fingerprint);
  const hint = owner
    ? ` The key belongs to certificate #${owner.index + 1} ${label(owner)}: put that certificate first.`
    : ' Use the key that was generated together with this certificate, or reissue the certificate for this key.';
  return [{
    code: 'key-mismatch',
    severity: 'error',
    message: `The private key (${key.description}) does not match the certificate ${label(leaf)} (${leaf.publicKey.description}). Centrifugo refuses to start with a mismatched pair.${hint}`,
    ...at(leaf),
  }];
}

/** Leaf first, then each issuer right after the certificate it signed. */
export function lintChainOrder(certificates: readonly CertificateFacts[], links: readonly ChainLink[]): CertificateLint[] {
  const broken = links.findIndex((link) => !linkHolds(link));
  if (certificates.length < 2 || broken < 0) return [];
  const child = certificates[broken];
  const next = certificates[broken + 1];
  const order = suggestChainOrder(certificates);
  // A suggestion identical to the current order means names fit but keys do not: no reorder helps.
  const fix = order && order.some((certificate, position) => certificate.index !== position)
    ? ` List them as: ${order.map((certificate) => `#${certificate.index + 1} ${label(certificate)}`).join(', ')}.`
    : ' Remove certificates that do not belong to this chain and list each issuer right after the certificate it signed.';
  const link = links[broken];
  const why = link.issuerNameMatches
    ? `its name matches, but ${link.signatureValid === false ? 'its key did not sign it' : 'its key identifier differs'}`
    : `it was issued by "${child.issuer}"`;
  return [{
    code: 'chain-order',
    severity: 'warning',
    message: `Certificate #${broken + 2} ${label(next)} did not issue the certificate before it, #${broken + 1} ${label(child)} (${why}). Centrifugo sends the chain as listed and peers expect the leaf first, then each issuer, so verification can fail.${fix}`,
    ...at(next),
  }];
}

export function lintCaAsLeaf(leaf: CertificateFacts): CertificateLint[] {
  if (!leaf.isCA) return [];
  const origin = leaf.selfSigned ? ' `openssl req -x509` marks certificates as CA unless told otherwise (`-addext basicConstraints=critical,CA:FALSE`).' : '';
  return [{
    code: 'ca-as-leaf',
    severity: 'warning',
    message: `The certificate ${label(leaf)} is a CA certificate (basicConstraints CA:TRUE) used as an end-entity certificate. Go accepts it, but stricter peers (Firefox, for one) reject a CA certificate in that place. Issue a separate certificate from the CA for this use.${origin}`,
    ...at(leaf),
  }];
}

export function lintNoSan(leaf: CertificateFacts): CertificateLint[] {
  if (leaf.dnsNames.length > 0 || leaf.ipAddresses.length > 0) return [];
  const cn = leaf.commonName ? ` "${leaf.commonName}"` : '';
  return [{
    code: 'no-san',
    severity: 'warning',
    message: `The certificate ${label(leaf)} has no DNS or IP Subject Alternative Name. Browsers and Go clients (since Go 1.15) ignore the Common Name${cn} and will reject it for every host name. Reissue it with e.g. \`-addext "subjectAltName=DNS:${leaf.commonName ?? 'example.com'}"\`.`,
    ...at(leaf),
  }];
}

const TLS_CURVES: ReadonlySet<string> = new Set(['P-256', 'P-384', 'P-521']);

export function lintWeakKey(certificate: CertificateFacts): CertificateLint[] {
  const key = certificate.publicKey;
  if (key.algorithm === 'RSA' && key.bits !== undefined && key.bits < 2048) {
    const consequence =
      key.bits < 1024
        ? 'Go 1.24 and later refuse RSA keys under 1024 bits, so TLS handshakes fail'
        : 'keys under 2048 bits are considered breakable and many clients reject them';
    return [{ code: 'weak-key', severity: key.bits < 1024 ? 'error' : 'warning', message: `The certificate ${label(certificate)} has a ${key.bits}-bit RSA key: ${consequence}. Reissue it with RSA 2048 or larger, or EC P-256.`, ...at(certificate) }];
  }
  if (key.algorithm === 'EC' && key.curve !== undefined && !TLS_CURVES.has(key.curve)) {
    return [{ code: 'weak-key', severity: 'warning', message: `The certificate ${label(certificate)} uses the curve ${key.curve}, which TLS peers such as Go do not accept. Reissue it with P-256 or P-384.`, ...at(certificate) }];
  }
  return [];
}

/**
 * Nobody verifies the signature of a self-signed certificate (trust comes from having it), so
 * only certificates signed by someone else are flagged.
 */
export function lintWeakSignature(certificate: CertificateFacts): CertificateLint[] {
  if (certificate.selfSigned || !certificate.signatureHash || !WEAK_SIGNATURE_HASHES.has(certificate.signatureHash)) return [];
  return [{
    code: 'weak-signature',
    severity: 'warning',
    message: `The certificate ${label(certificate)} is signed with ${certificate.signatureAlgorithm} (${certificate.signatureHash}). Go clients and browsers reject ${certificate.signatureHash} signatures, so verification fails. Have it reissued with SHA-256.`,
    ...at(certificate),
  }];
}
