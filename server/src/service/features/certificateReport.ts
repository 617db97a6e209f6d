/**
 * The certificates a config's TLS settings lead to, in the contract's JSON shape (the
 * `certificates[]` entries of `check --format json`). The CLI prints these; nothing here formats.
 */
import type { FeatureContext } from '../context';
import type { ReadAs } from '../materials';
import { loadPlanOf, reasonShort } from '../model/loadPlan';

/** One certificate found through a config value; field for field the `certificates[]` entry of the contract. */
export interface CertificateReport {
  /** Dotted config path of the value that holds or names the certificate: `http_server.tls.cert_pem`. */
  readonly path: string;
  /** How the value was read. */
  readonly source: ReadAs;
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
  /**
   * Present only when Centrifugo does not load the value at start-up (the load plan), saying why
   * in a few words: `grpc_api.enabled is false`, `cert_pem_file wins`. An addition to the contract.
   */
  readonly notLoaded?: string;
}

/**
 * Certificates of the certificate and CA settings, in document order. Key settings are left out
 * (a certificate in a key setting is a mistake the diagnostics report); so are sources that
 * could not be read.
 */
export async function getCertificates(ctx: FeatureContext): Promise<CertificateReport[]> {
  if (!ctx.model.recognition.isCentrifugo) return [];
  const sources = await ctx.allSources();
  const reports: CertificateReport[] = [];
  const ordered = [...sources].sort((a, b) => a.field.keyNode.offset - b.field.keyNode.offset);
  const plan = loadPlanOf(ctx.model);
  for (const source of ordered) {
    if (source.spec.role === 'key' || !source.analysis || !source.readAs) continue;
    const valuePlan = plan.value(source.block, source.field);
    const notLoaded = !valuePlan.loaded && valuePlan.reason ? reasonShort(valuePlan.reason) : undefined;
    for (const certificate of source.analysis.certificates) {
      reports.push({
        path: source.field.path,
        source: source.readAs,
        // Key order is the contract's: `file` sits between `source` and `index` when present.
        ...(source.readAs === 'file' && source.filePath ? { file: source.filePath } : {}),
        index: certificate.index,
        subject: certificate.subject,
        issuer: certificate.issuer,
        serialNumber: certificate.serialNumber,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
        dnsNames: [...certificate.dnsNames],
        ipAddresses: [...certificate.ipAddresses],
        isCA: certificate.isCA,
        publicKey: certificate.publicKey.description,
        signatureAlgorithm: certificate.signatureAlgorithm,
        sha256Fingerprint: certificate.sha256Fingerprint,
        ...(notLoaded ? { notLoaded } : {}),
      });
    }
  }
  return reports;
}
