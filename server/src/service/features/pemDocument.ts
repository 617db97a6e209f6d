/**
 * Certificate and key files opened in the editor (`.pem`, `.crt`, `.key`...): broken blocks and
 * expiry as diagnostics, a lens per certificate, hover facts and an outline of the blocks. A PEM
 * document never goes through the config model: the text is split and parsed as it stands, with
 * ranges from the PEM splitter's offsets.
 */
import { PEM_FILE_EXTENSIONS } from '../catalog/certificateFiles';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeLens, Command, type Diagnostic, type DocumentSymbol, type Hover, type Position, Range, SymbolKind,
} from 'vscode-languageserver-types';
import { ServiceCommands } from '../commands';
import {
  type CertificateCache, type CertificateFacts, isoDate, linkHolds, lintExpiry, type MaterialAnalysis, type PemProblem, type PrivateKeyInfo,
  type TextRange, validityPhrase, validityState,
} from '../certs';
import type { ServiceEnvironment } from '../environment';
import type { Settings } from '../settings';
import { analysisDetails } from './certificateDetails';
import { certificateHeadline, certificateTable, expiryLine, keyMarkdown, subjectLabel } from './certificateMarkdown';
import { makeDiagnostic } from './diagnostic';

export interface PemDocumentContext {
  readonly document: TextDocument;
  readonly settings: Settings;
  readonly env: ServiceEnvironment;
  readonly cache: CertificateCache;
}

/** By language (the client maps the extensions to `pem`), or by extension for clients that do not. */
export function isPemDocument(document: TextDocument): boolean {
  if (document.languageId === 'pem') return true;
  const path = document.uri.replace(/[?#].*$/, '').toLowerCase();
  return PEM_FILE_EXTENSIONS.some((extension) => path.endsWith(extension));
}

/** Parsed once per content: the certificate cache keys parses by the hash of the text. */
function analyze(ctx: PemDocumentContext): Promise<MaterialAnalysis> {
  return ctx.cache.analyzeBytes(ctx.document.getText(), 'certificate');
}

function rangeOf(document: TextDocument, range: TextRange): Range {
  return Range.create(document.positionAt(range.start), document.positionAt(range.end));
}

/** The first line of a block (its BEGIN line): underlining 30 lines of base64 helps nobody. */
function firstLineOf(document: TextDocument, range: TextRange): Range {
  const text = document.getText();
  const newline = text.indexOf('\n', range.start);
  let end = newline < 0 || newline > range.end ? range.end : newline;
  while (end > range.start && (text[end - 1] === '\r' || text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return rangeOf(document, { start: range.start, end });
}

/** The last line of a block (its END line). */
function lastLineOf(document: TextDocument, range: TextRange): Range {
  const text = document.getText();
  const start = text.lastIndexOf('\n', range.end - 1) + 1;
  return rangeOf(document, { start: Math.max(start, range.start), end: range.end });
}

const PEM_PROBLEM_OUTCOMES: Readonly<Record<PemProblem['kind'], string>> = {
  'bad-base64': "Go's PEM reader, and so Centrifugo, skips this block. Copy it again from its source; it was probably damaged in transit.",
  'end-without-begin': 'The start of a block is missing; Centrifugo ignores the stray line. Restore the BEGIN line or remove the leftover.',
  'begin-without-end': 'Centrifugo skips this block. Add the END line; the copy was probably cut short.',
  'label-mismatch': 'Centrifugo skips this block. Make the BEGIN and END lines name the same type.',
};

export async function pemValidation(ctx: PemDocumentContext): Promise<Diagnostic[]> {
  const { document } = ctx;
  const analysis = await analyze(ctx);
  const now = ctx.env.now();
  const out: Diagnostic[] = [];
  for (const problem of analysis.pemProblems) {
    const range = problem.kind === 'label-mismatch' ? lastLineOf(document, problem.range) : firstLineOf(document, problem.range);
    const detail = problem.detail.charAt(0).toUpperCase() + problem.detail.slice(1);
    out.push(makeDiagnostic(range, 'pem-block-invalid', `${detail}. ${PEM_PROBLEM_OUTCOMES[problem.kind]}`));
  }
  for (const broken of analysis.brokenCertificates) {
    if (!broken.range) continue;
    out.push(makeDiagnostic(firstLineOf(document, broken.range), 'pem-block-invalid',
      'This CERTIFICATE block does not hold a valid X.509 certificate. Centrifugo fails to start when it is used as a certificate, and skips it in a CA bundle. Replace it with an intact copy.'));
  }
  for (const key of analysis.keys) {
    // An OpenSSH key is intact, just not for TLS; the settings that use it say so.
    if (!key.unreadable || key.format === 'openssh' || !key.range) continue;
    out.push(makeDiagnostic(firstLineOf(document, key.range), 'pem-block-invalid',
      `This private key cannot be read: ${key.unreadable}. Centrifugo cannot use it. Replace it with an intact PEM private key.`));
  }
  for (const certificate of analysis.certificates) {
    if (!certificate.range) continue;
    for (const lint of lintExpiry(certificate, now, ctx.settings.expiryWarningDays)) {
      out.push(makeDiagnostic(firstLineOf(document, certificate.range), lint.code, lint.message, { severity: lint.severity }));
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/** `Private key · EC P-256 · matches certificate #1 (CN=api.example.com)`. */
function keyLensTitle(key: PrivateKeyInfo, certificates: readonly CertificateFacts[]): string {
  const parts = ['Private key', key.publicKey?.description ?? key.description];
  if (key.publicKey && certificates.length > 0) {
    const owner = certificates.find((certificate) => certificate.publicKey.fingerprint === key.publicKey?.fingerprint);
    parts.push(owner ? `matches certificate #${owner.index + 1} (${subjectLabel(owner)})` : 'matches no certificate in this file');
  }
  return parts.join(' · ');
}

export async function pemCodeLens(ctx: PemDocumentContext): Promise<CodeLens[]> {
  const { document } = ctx;
  const analysis = await analyze(ctx);
  const now = ctx.env.now();
  const lens = (range: TextRange, title: string): CodeLens => ({
    range: firstLineOf(document, range),
    command: Command.create(title, ServiceCommands.showCertificateDetails, document.uri, ''),
  });
  const lenses: CodeLens[] = [];
  for (const certificate of analysis.certificates) {
    if (certificate.range) lenses.push(lens(certificate.range, expiryLine(certificate, now)));
  }
  for (const key of analysis.keys) {
    if (key.range) lenses.push(lens(key.range, keyLensTitle(key, analysis.certificates)));
  }
  lenses.sort((a, b) => a.range.start.line - b.range.start.line);
  return lenses;
}

function contains(range: TextRange | undefined, offset: number): range is TextRange {
  return range !== undefined && offset >= range.start && offset <= range.end;
}

export async function pemHover(ctx: PemDocumentContext, position: Position): Promise<Hover | null> {
  const { document } = ctx;
  const analysis = await analyze(ctx);
  const offset = document.offsetAt(position);
  const now = ctx.env.now();
  const hover = (range: TextRange, value: string): Hover => ({ contents: { kind: 'markdown', value }, range: rangeOf(document, range) });

  const certificate = analysis.certificates.find((c) => contains(c.range, offset));
  if (certificate?.range) {
    const { certificates } = analysis;
    const parts = [certificateHeadline(certificate, now)];
    if (certificates.length > 1) parts.push(chainPosition(analysis, certificate.index));
    parts.push(certificateTable(certificate, now));
    return hover(certificate.range, parts.join('\n\n'));
  }
  const key = analysis.keys.find((k) => contains(k.range, offset));
  if (key?.range) return hover(key.range, keyMarkdown(key));
  const broken = analysis.brokenCertificates.find((b) => contains(b.range, offset));
  if (broken?.range) return hover(broken.range, 'This CERTIFICATE block does not hold a valid X.509 certificate.');
  const other = analysis.otherBlocks.find((b) => contains(b.range, offset));
  if (other) return hover(other.range, `A \`${other.label}\` block. Centrifugo reads only certificates and private keys.`);
  return null;
}

/** `Certificate 1 of 3, issued by #2.` */
function chainPosition(analysis: MaterialAnalysis, index: number): string {
  const count = analysis.certificates.length;
  const link = analysis.chainLinks[index];
  const certificate = analysis.certificates[index];
  let relation = '';
  if (link) {
    relation = linkHolds(link) ? `, issued by #${index + 2}` : `, **not** issued by #${index + 2}`;
  } else if (certificate.selfSigned) {
    relation = ', self-signed';
  }
  return `Certificate ${index + 1} of ${count}${relation}.`;
}

export async function pemSymbols(ctx: PemDocumentContext): Promise<DocumentSymbol[]> {
  const { document } = ctx;
  const analysis = await analyze(ctx);
  const now = ctx.env.now();
  const entries: { start: number; symbol: DocumentSymbol }[] = [];
  const add = (range: TextRange, name: string, detail: string, kind: SymbolKind): void => {
    entries.push({ start: range.start, symbol: { name, detail, kind, range: rangeOf(document, range), selectionRange: firstLineOf(document, range) } });
  };
  for (const certificate of analysis.certificates) {
    if (!certificate.range) continue;
    const when = validityState(certificate, now) === 'not-yet-valid'
      ? validityPhrase(certificate, now)
      : `${validityPhrase(certificate, now)} · ${isoDate(certificate.notAfter)}`;
    add(certificate.range, certificate.commonName || certificate.subject || 'CERTIFICATE', when, SymbolKind.Object);
  }
  for (const broken of analysis.brokenCertificates) {
    if (broken.range) add(broken.range, 'CERTIFICATE', 'not a valid certificate', SymbolKind.Object);
  }
  for (const key of analysis.keys) {
    if (key.range) add(key.range, key.label ?? 'PRIVATE KEY', key.publicKey?.description ?? key.description, SymbolKind.Key);
  }
  for (const other of analysis.otherBlocks) add(other.range, other.label, '', SymbolKind.Struct);
  return entries.sort((a, b) => a.start - b.start).map((entry) => entry.symbol);
}

/** The details document of a PEM file: all its certificates, the order, the keys. */
export async function pemDetails(ctx: PemDocumentContext): Promise<string> {
  const analysis = await analyze(ctx);
  const name = decodeURIComponent(ctx.document.uri.replace(/[?#].*$/, '').split('/').pop() ?? ctx.document.uri);
  const wanted = analysis.certificates.length === 0 && analysis.keys.length > 0 ? 'key' : 'certificate';
  const sections = [`# \`${name}\``, ...analysisDetails(analysis, wanted, ctx.env.now(), { verdict: false })];
  const broken = analysis.pemProblems.length + analysis.brokenCertificates.length;
  if (broken) sections.push(`## Broken blocks\n\n${broken} block${broken === 1 ? '' : 's'} Centrifugo would skip or refuse; see the Problems panel.`);
  return sections.join('\n\n') + '\n';
}
