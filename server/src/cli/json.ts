/** `--format json`: the contract's shape, one object for the whole run. */
import type { CertificateReport } from './certificates';
import type { FileReport, Problem } from './check';

export interface JsonReport {
  readonly files: readonly {
    readonly file: string;
    readonly centrifugoVersion: string;
    readonly diagnostics: readonly Problem[];
    readonly certificates: readonly CertificateReport[];
  }[];
}

export function toJsonReport(reports: readonly FileReport[]): JsonReport {
  return {
    files: reports.map((r) => ({
      file: r.input.displayName,
      centrifugoVersion: r.centrifugoVersion,
      diagnostics: r.problems.map((p) => ({
        code: p.code,
        severity: p.severity,
        message: p.message,
        range: {
          start: { line: p.range.start.line, character: p.range.start.character },
          end: { line: p.range.end.line, character: p.range.end.character },
        },
        path: p.path,
        ...(p.envVar ? { envVar: p.envVar } : {}),
      })),
      certificates: r.certificates,
    })),
  };
}

export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(toJsonReport(reports), null, 2)}\n`;
}
