/**
 * `--format text`: one line per problem in the `file:line:col: severity code message` form that
 * editors' problem matchers read (1-based), a table of the certificates found, and a summary.
 */
import { type CertificateReport, daysLeft } from './certificates';
import type { FileReport, Problem } from './check';

export interface TextOptions {
  readonly color: boolean;
  readonly now: Date;
  readonly expiryWarningDays: number;
}

/** Colour only for a person at a terminal who has not opted out (https://no-color.org). */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

type Paint = (text: string) => string;
const ansi = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const STYLES = { red: ansi(31, 39), yellow: ansi(33, 39), cyan: ansi(36, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
const PLAIN: typeof STYLES = { red: (t) => t, yellow: (t) => t, cyan: (t) => t, dim: (t) => t, bold: (t) => t };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Messages are one line in this format: a problem matcher reads line by line. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

function problemLine(file: string, p: Problem, paint: typeof STYLES): string {
  const severity = p.severity === 'error' ? paint.red('error')
    : p.severity === 'warning' ? paint.yellow('warning')
      : p.severity === 'information' ? paint.cyan('info') : paint.dim('hint');
  return `${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${severity} ${paint.dim(p.code)} ${oneLine(p.message)}`;
}

function expiryCell(certificate: CertificateReport, options: TextOptions, paint: typeof STYLES): string {
  // Centrifugo does not load it: its dates are no alarm, and the reason is what matters.
  if (certificate.notLoaded) return paint.dim(`${daysLeft(certificate, options.now)} (not loaded: ${certificate.notLoaded})`);
  const days = daysLeft(certificate, options.now);
  if (Date.parse(certificate.notBefore) > options.now.getTime()) return paint.red(`${days} (not yet valid)`);
  if (days < 0 || Date.parse(certificate.notAfter) <= options.now.getTime()) return paint.red(`${days} (expired)`);
  if (days <= options.expiryWarningDays) return paint.yellow(`${days} (expiring)`);
  return String(days);
}

/** Lays out rows in columns; the width counts the text without colour codes. */
function table(rows: readonly (readonly string[])[]): string[] {
  const visible = (cell: string) => cell.replace(/\u001b\[\d+m/g, '').length;
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => visible(row[col]))));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell + ' '.repeat(widths[col] - visible(cell)))).join('  ').trimEnd());
}

function certificateTable(report: FileReport, options: TextOptions, paint: typeof STYLES): string[] {
  const header = ['CONFIG PATH', 'SUBJECT', 'EXPIRES', 'DAYS LEFT'].map(paint.bold);
  const rows = report.certificates.map((c) => [
    c.index > 0 ? `${c.path} #${c.index}` : c.path,
    c.subject || '(empty subject)',
    c.notAfter.slice(0, 10),
    expiryCell(c, options, paint),
  ]);
  return [`Certificates in ${report.input.displayName}:`, ...table([header, ...rows]).map((line) => `  ${line}`)];
}

export function formatText(reports: readonly FileReport[], unreadable: readonly string[], options: TextOptions): string {
  const paint = options.color ? STYLES : PLAIN;
  const lines: string[] = [];
  for (const report of reports) {
    const file = report.input.displayName;
    if (!report.checked) {
      lines.push(`${file}: not a Centrifugo config: ${report.recognitionReason}`);
      continue;
    }
    if (!report.looksLikeCentrifugo) {
      lines.push(`${file}: ${paint.cyan('note')}: not a Centrifugo config by its content (${report.recognitionReason}); checked anyway because it was named on the command line`);
    }
    for (const problem of report.problems) lines.push(problemLine(file, problem, paint));
  }
  const withCertificates = reports.filter((r) => r.certificates.length > 0);
  for (const report of withCertificates) {
    lines.push('', ...certificateTable(report, options, paint));
  }
  const all = reports.flatMap((r) => r.problems);
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.filter((p) => p.severity === 'warning').length;
  const checkedFiles = reports.length + unreadable.length;
  let summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(checkedFiles, 'file')}`;
  if (unreadable.length > 0) summary += ` (${unreadable.length} could not be read)`;
  const certificates = reports.flatMap((r) => r.certificates);
  const notLoaded = certificates.filter((c) => c.notLoaded).length;
  if (notLoaded > 0) summary += `; ${notLoaded} of ${plural(certificates.length, 'certificate')} not loaded by Centrifugo`;
  const painted = errors > 0 ? paint.red(summary) : warnings > 0 ? paint.yellow(summary) : summary;
  lines.push('', painted);
  return `${(lines[0] === '' ? lines.slice(1) : lines).join('\n')}\n`;
}
