/** One way to make a diagnostic, so source, code, severity and tags are always consistent. */
import type { Node } from '../model/tree';
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODES, type DiagnosticCode, type Severity } from '../catalog/codes';
import type { DiagnosticDataOf } from '../catalog/diagnosticData';

export const DIAGNOSTIC_SOURCE = 'centrifugo';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SEVERITY_NAME = new Map<DiagnosticSeverity, Severity>(
  (Object.entries(SEVERITY) as [Severity, DiagnosticSeverity][]).map(([name, level]) => [level, name]),
);

/** The catalog's name for an LSP severity (LSP's default, when absent, is error). */
export function severityName(severity: DiagnosticSeverity | undefined): Severity {
  return SEVERITY_NAME.get(severity ?? DiagnosticSeverity.Error) ?? 'error';
}

export type { DiagnosticData } from '../catalog/diagnosticData';

export interface DiagnosticOptions<C extends DiagnosticCode = DiagnosticCode> {
  readonly severity?: Severity;
  readonly unnecessary?: boolean;
  readonly deprecated?: boolean;
  /** Typed per code (catalog/diagnosticData.ts): what the quick fix of this code reads. */
  readonly data?: DiagnosticDataOf<C>;
}

export function rangeOfNode(document: TextDocument, node: Node): Range {
  return Range.create(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
}

export function makeDiagnostic<C extends DiagnosticCode>(range: Range, code: C, message: string, options: DiagnosticOptions<C> = {}): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (options.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (options.deprecated) tags.push(DiagnosticTag.Deprecated);
  return {
    range,
    severity: SEVERITY[options.severity ?? CODES[code].severity],
    code,
    source: DIAGNOSTIC_SOURCE,
    message,
    ...(tags.length ? { tags } : {}),
    ...(options.data ? { data: options.data } : {}),
  };
}
