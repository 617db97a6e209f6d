/**
 * Syntax problems in the words of each format, including the JSON comments and trailing commas we
 * tolerate but Centrifugo does not, and values its decoders turn into something else.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import type { DiagnosticCode } from '../catalog/codes';
import type { ConfigFormat, SyntaxProblem } from '../model/tree';
import { makeDiagnostic } from './diagnostic';

const SYNTAX_CODE: Readonly<Record<ConfigFormat, DiagnosticCode>> = { json: 'json-syntax', yaml: 'yaml-syntax', toml: 'toml-syntax' };

function codeOf(kind: SyntaxProblem['kind'], format: ConfigFormat): DiagnosticCode {
  switch (kind) {
    case 'comment': return 'json-comment';
    case 'trailing-comma': return 'json-trailing-comma';
    case 'too-deep': return 'nested-too-deeply';
    case 'ignored': return 'yaml-ignored-document';
    default: return SYNTAX_CODE[format];
  }
}

export function syntaxDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const doc = ctx.model.document;
  const format = ctx.model.tree.format;
  return ctx.model.syntaxProblems.map((p) =>
    makeDiagnostic(Range.create(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length)), codeOf(p.kind, format), p.message));
}

/** Values the format's decoder reads unlike they look (YAML `on`, a TOML datetime): said where they stand. */
export function conversionDiagnostics(ctx: FeatureContext): Diagnostic[] {
  if (!ctx.model.recognition.isCentrifugo) return [];
  const doc = ctx.model.document;
  const out: Diagnostic[] = [];
  for (const [node, conversion] of ctx.model.tree.conversions) {
    out.push(makeDiagnostic(Range.create(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length)), 'value-converted', conversion.note));
  }
  return out;
}
