/**
 * The certificates the checker lists, in the contract's JSON shape. The certificate layer owns
 * the facts; the CLI only asks the service for them and prints them.
 */
import type { CentrifugoLanguageService, ServiceRequest } from '../service';

/** One certificate found through a config value; field for field the `certificates[]` entry of the contract. */
export interface CertificateReport {
  /** Dotted config path of the value that holds or names the certificate: `http_server.tls.cert_pem`. */
  readonly path: string;
  /** How the value was read: `file`, `pem`, `base64`... */
  readonly source: string;
  /** Absolute path of the file read, when the certificate came from a file. */
  readonly file?: string;
  /** Position in its file or value, 0 = first (the leaf of a chain). */
  readonly index: number;
  /** RFC 4514 form. */
  readonly subject: string;
  readonly issuer: string;
  /** Lower-case hex without leading zeros. */
  readonly serialNumber: string;
  /** ISO-8601 instants (`Date#toISOString`). */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly isCA: boolean;
  /** `RSA 2048`, `EC P-256`, `Ed25519`... */
  readonly publicKey: string;
  /** OpenSSL's name: `sha256WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  /** Upper-case hex pairs joined with colons. */
  readonly sha256Fingerprint: string;
}

/** What the service offers once the certificate layer is wired in. */
interface CertificateSource {
  getCertificates(request: ServiceRequest): Promise<readonly CertificateReport[]>;
}

/**
 * Every certificate the config's TLS settings lead to, in document order. Until the service has
 * `getCertificates`, there is nothing to list.
 */
export async function certificatesOf(service: CentrifugoLanguageService, request: ServiceRequest): Promise<CertificateReport[]> {
  const source = service as unknown as Partial<CertificateSource>;
  if (typeof source.getCertificates !== 'function') return [];
  return [...await source.getCertificates(request)];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `now` until the certificate expires; negative once it has. */
export function daysLeft(certificate: CertificateReport, now: Date): number {
  return Math.floor((Date.parse(certificate.notAfter) - now.getTime()) / DAY_MS);
}
