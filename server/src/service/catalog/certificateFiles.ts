/**
 * File name extensions of certificate and key files: one table, from which the `pem` language's
 * extensions (package.json `contributes.languages`, checked by test/unit/config-files.test.ts),
 * the server's file watcher and path completion's ordering are derived.
 */
interface CertificateExtension {
  /** Without the dot, lower case. */
  readonly extension: string;
  /** Holds PEM text: opened as the `pem` language and served as a certificate file. */
  readonly pemText: boolean;
  /** A TLS setting may load it (path completion offers these first); a CSR is a request, not loadable. */
  readonly loadable: boolean;
}

const CERTIFICATE_EXTENSIONS: readonly CertificateExtension[] = [
  { extension: 'pem', pemText: true, loadable: true },
  { extension: 'crt', pemText: true, loadable: true },
  { extension: 'cer', pemText: true, loadable: true },
  { extension: 'key', pemText: true, loadable: true },
  { extension: 'csr', pemText: true, loadable: false },
  { extension: 'ca-bundle', pemText: true, loadable: true },
  // `.cert` is a common spelling but no editor convention maps it to PEM.
  { extension: 'cert', pemText: false, loadable: true },
  // Binary forms: a setting naming one gets a finding that tells how to convert it, so they are watched too.
  { extension: 'der', pemText: false, loadable: false },
  { extension: 'p12', pemText: false, loadable: false },
  { extension: 'pfx', pemText: false, loadable: false },
];

/** `.pem`, `.crt`, ...: the extensions of the `pem` language, with the dot. */
export const PEM_FILE_EXTENSIONS: readonly string[] = CERTIFICATE_EXTENSIONS.filter((e) => e.pemText).map((e) => `.${e.extension}`);

/** Every certificate-ish extension, without the dot: what the server watches for changes. */
export const WATCHED_CERTIFICATE_EXTENSIONS: readonly string[] = CERTIFICATE_EXTENSIONS.map((e) => e.extension);

/** Whether a file name looks like something a TLS setting loads (path completion sorts these first). */
export function isLoadableCertificateName(name: string): boolean {
  const lower = name.toLowerCase();
  return CERTIFICATE_EXTENSIONS.some((e) => e.loadable && lower.endsWith(`.${e.extension}`));
}
