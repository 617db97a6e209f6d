/**
 * The words and Markdown shared by the CodeLens, the hover, the details document and PEM
 * documents: how a value is read, a certificate's facts, a key's public facts, a chain.
 *
 * Only facts derived from public data are ever printed: never a value, never a PEM body, so
 * private key material cannot leak into an editor surface through here.
 */
import { type CertificateFacts, type ChainLink, daysLeft, isoDate, linkHolds, type MaterialAnalysis, type PrivateKeyInfo, validityPhrase, validityState } from '../certs';
import { FORMAT_NAMES } from '../certs/keys';
import type { MaterialSource, SourceProblem } from '../materials';

/** `CN=api.example.com`, or the whole subject when it has no common name. */
export function subjectLabel(certificate: CertificateFacts): string {
  if (certificate.commonName) return `CN=${certificate.commonName}`;
  return certificate.subject || '(empty subject)';
}

/** `today`, `tomorrow`, `in 41 days`, `yesterday`, `3 days ago`: UTC calendar days, like expiry.ts. */
export function relativeDays(date: Date, now: Date): string {
  const days = daysLeft(date, now);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** `2027-01-08 00:00:00 UTC`. */
export function utcDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** The single-certificate lens text: `Expires in 41 days · 2027-01-08 · CN=api.example.com`. */
export function expiryLine(certificate: CertificateFacts, now: Date): string {
  const phrase = validityPhrase(certificate, now);
  // "Not valid until <date>" already carries its date.
  if (validityState(certificate, now) === 'not-yet-valid') return `${phrase} · ${subjectLabel(certificate)}`;
  return `${phrase} · ${isoDate(certificate.notAfter)} · ${subjectLabel(certificate)}`;
}

/**
 * The lens text of several certificates, naming the one that needs attention first: an expired
 * one, else one not valid yet, else the earliest to expire.
 */
export function bundleLine(certificates: readonly CertificateFacts[], now: Date): string {
  const count = `${certificates.length} certificates`;
  const byExpiry = [...certificates].sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
  const expired = byExpiry.find((c) => validityState(c, now) === 'expired');
  if (expired) {
    return `${count} · ${lowerFirst(validityPhrase(expired, now))} (${subjectLabel(expired)}) · ${isoDate(expired.notAfter)}`;
  }
  const early = certificates.find((c) => validityState(c, now) === 'not-yet-valid');
  if (early) return `${count} · ${lowerFirst(validityPhrase(early, now))} (${subjectLabel(early)})`;
  const first = byExpiry[0];
  const when = validityPhrase(first, now).replace(/^Expires /, '');
  return `${count} · earliest expiry ${when} (${subjectLabel(first)}) · ${isoDate(first.notAfter)}`;
}

export function certificatesLine(certificates: readonly CertificateFacts[], now: Date): string | undefined {
  if (certificates.length === 0) return undefined;
  return certificates.length === 1 ? expiryLine(certificates[0], now) : bundleLine(certificates, now);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `file`, `base64`, `PEM`: the short form the CodeLens puts first for v6 values. */
export const READ_AS_SHORT = { file: 'file', base64: 'base64', pem: 'PEM' } as const;

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  'not-found': 'file not found',
  directory: 'the path is a folder',
  'not-regular': 'not a regular file',
  unreadable: 'the file cannot be read',
  'too-large': 'the file is too large',
  timeout: 'reading the file timed out',
};

/** Why a source yields nothing, in a few words: `file not found`, `not valid base64`... */
export function sourceProblemWords(problem: SourceProblem): string {
  switch (problem.kind) {
    case 'file': return FILE_PROBLEMS[problem.reason] ?? 'the file cannot be read';
    case 'invalid-base64': return 'not valid base64';
    case 'base64-not-pem': return 'the base64 does not decode to PEM';
    case 'unrecognised': return 'neither PEM, base64 of PEM, nor an existing file';
    case 'invalid-pem': return 'invalid PEM';
  }
}

/** Why material holds no certificate (or no key), in a few words. */
export function contentProblemWords(analysis: MaterialAnalysis, wanted: 'certificate' | 'key'): string {
  switch (analysis.kind) {
    case 'empty': return 'empty';
    case 'garbage': return 'not PEM';
    case 'der-certificate': return 'a binary DER certificate, not PEM';
    case 'der-key': return 'a binary DER key, not PEM';
    case 'pkcs12': return 'a PKCS#12 bundle, not PEM';
    case 'pkcs7': return 'a PKCS#7 bundle, not PEM';
    case 'pem':
      if (wanted === 'certificate') {
        if (analysis.brokenCertificates.length > 0) return 'the CERTIFICATE block is damaged';
        if (analysis.keys.length > 0) return 'it holds a private key';
      } else if (analysis.certificates.length > 0) {
        return 'it holds a certificate';
      }
      if (analysis.otherBlocks.length > 0) return `it holds ${analysis.otherBlocks[0].label}`;
      return wanted === 'certificate' ? 'no CERTIFICATE block' : 'no PRIVATE KEY block';
  }
}

/**
 * How Centrifugo will read the value, one sentence of Markdown. For v6 values it says which of
 * the three readings the content detection picks, and why.
 */
export function readAsMarkdown(source: MaterialSource): string {
  const file = source.filePath ? `\`${source.filePath}\`` : 'a file';
  if (source.spec.source !== 'detect') {
    switch (source.readAs) {
      case 'file': return `**Read as a file:** ${file}`;
      case 'base64': return '**Read as base64 of PEM**';
      default: return '**Read as PEM text**';
    }
  }
  switch (source.readAs) {
    case 'pem':
      return '**Read as PEM text**: Centrifugo v6 tries PEM first, and this value holds a PEM block.';
    case 'base64':
      return source.problem?.kind === 'base64-not-pem'
        ? '**Read as base64**, but it does not decode to PEM and names no existing file: Centrifugo v6 stops with "invalid PEM data".'
        : '**Read as base64 of PEM**: the value is not PEM text itself, and its base64 decodes to PEM (Centrifugo v6 tries PEM, then base64, then a file).';
    case 'file':
      return `**Read as a file:** ${file}. The value is neither PEM text nor base64 of PEM, so Centrifugo v6 opens it as a path.`;
    default:
      // Untrusted workspace: no file was looked for, so there is nothing to conclude from.
      if (!source.problem) return '**Read as a file**, if it names one: the value is neither PEM text nor base64 of PEM. Files are not checked in an untrusted workspace.';
      return `**Cannot be read**: the value is not PEM text, its base64 does not decode to PEM, and no file ${file} exists. Centrifugo v6 stops with "invalid PEM data".`;
  }
}

/** A table cell: code span, pipes escaped (GFM splits cells before it parses code spans). */
export function cell(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = longest > 0 ? ` ${value} ` : value;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

function list(values: readonly string[]): string {
  return values.map(cell).join(', ');
}

/** What kind of certificate: leaf or CA, self-signed or not. */
export function certificateKind(certificate: CertificateFacts): string {
  const kind = certificate.isCA
    ? `CA${certificate.pathLength !== undefined ? ` (path length ${certificate.pathLength})` : ''}`
    : 'leaf (end entity)';
  return certificate.selfSigned ? `${kind}, self-signed` : kind;
}

/** `**CN=api.example.com** · Expires in 41 days (2027-01-08)`. */
export function certificateHeadline(certificate: CertificateFacts, now: Date): string {
  const phrase = validityPhrase(certificate, now);
  const date = validityState(certificate, now) === 'not-yet-valid' ? '' : ` (${isoDate(certificate.notAfter)})`;
  return `**${escapeMarkdown(subjectLabel(certificate))}** · ${phrase}${date}`;
}

/**
 * Every fact of one certificate as a two-column table, then its fingerprint. `full` adds what only the details
 * document needs (key identifiers, e-mail and URI names are shown whenever present).
 */
export function certificateTable(certificate: CertificateFacts, now: Date, full = false): string {
  const rows: [string, string][] = [
    ['Subject', cell(certificate.subject || '(empty)')],
    ['Issuer', cell(certificate.issuer || '(empty)')],
    ['Serial number', cell(certificate.serialNumber)],
    ['Valid from', `${utcDateTime(certificate.notBefore)} (${relativeDays(certificate.notBefore, now)})`],
    ['Valid until', `${utcDateTime(certificate.notAfter)} (${relativeDays(certificate.notAfter, now)})`],
    ['DNS names', certificate.dnsNames.length ? list(certificate.dnsNames) : 'none'],
    ['IP addresses', certificate.ipAddresses.length ? list(certificate.ipAddresses) : 'none'],
  ];
  if (certificate.emailAddresses.length) rows.push(['E-mail addresses', list(certificate.emailAddresses)]);
  if (certificate.uris.length) rows.push(['URIs', list(certificate.uris)]);
  rows.push(
    ['Public key', certificate.publicKey.description],
    ['Signature', cell(certificate.signatureAlgorithm)],
    ['Type', certificateKind(certificate)],
    ['Key usage', certificate.keyUsages.length ? certificate.keyUsages.join(', ') : 'not restricted'],
    ['Extended key usage', certificate.extendedKeyUsages.length ? certificate.extendedKeyUsages.join(', ') : 'not restricted'],
  );
  if (full) {
    if (certificate.subjectKeyId) rows.push(['Subject key ID', cell(certificate.subjectKeyId)]);
    if (certificate.authorityKeyId) rows.push(['Authority key ID', cell(certificate.authorityKeyId)]);
  }
  const table = ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
  // 95 characters do not fit a hover or a table cell: two lines of 16 bytes, below the table.
  // The colon stays at the break, so the lines joined without white space are the fingerprint.
  const fingerprint = certificate.sha256Fingerprint.replace(/^((?:[0-9A-F]{2}:){16})/, '$1\n');
  return `${table}\n\nSHA-256 fingerprint:\n\n\`\`\`text\n${fingerprint}\n\`\`\``;
}

/** A private key, by its public facts only: type, size, format, encryption. */
export function keyMarkdown(key: PrivateKeyInfo): string {
  const type = key.publicKey?.description ?? (key.algorithm && key.algorithm !== 'unknown' ? key.algorithm : key.encrypted ? 'type hidden by the encryption' : 'unknown type');
  const parts = [type];
  parts.push(key.format === 'unknown' ? 'unknown format' : FORMAT_NAMES[key.format]);
  parts.push(key.encrypted ? 'encrypted (passphrase-protected)' : 'not encrypted');
  const lines = [`**Private key** · ${parts.join(' · ')}`];
  if (key.unreadable) lines.push(`It cannot be read: ${key.unreadable}.`);
  return lines.join('\n\n');
}

/** How the certificates of a file follow each other: `#1 → issued by #2 ✓`. */
export function chainMarkdown(certificates: readonly CertificateFacts[], links: readonly ChainLink[]): string {
  const lines = certificates.map((certificate, i) => {
    const link = links[i];
    const name = escapeMarkdown(subjectLabel(certificate));
    if (!link) return `${i + 1}. ${name}${certificate.selfSigned ? ' (self-signed)' : ''}`;
    const next = `#${i + 2}`;
    if (linkHolds(link)) return `${i + 1}. ${name} — issued by ${next}${link.signatureValid ? ' (signature verified)' : ''}`;
    const why = !link.issuerNameMatches
      ? `not issued by ${next}: its issuer is ${cell(certificate.issuer)}`
      : link.signatureValid === false ? `not signed by the key of ${next}` : `its authority key ID differs from the key ID of ${next}`;
    return `${i + 1}. ${name} — ${why}`;
  });
  return lines.join('\n');
}

/** Whether the certificates form a chain in order, leaf first: for a one-line summary. */
export function chainInOrder(links: readonly ChainLink[]): boolean {
  return links.every(linkHolds);
}

/** Escapes the characters Markdown would act on in free text (subjects, labels). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}
