/** JSON syntax problems, including the comments and trailing commas we tolerate but Centrifugo does not. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import type { DiagnosticCode } from '../catalog/codes';
import type { SyntaxProblem } from '../model/tree';
import { makeDiagnostic } from './diagnostic';

const CODE_BY_KIND: Readonly<Record<SyntaxProblem['kind'], DiagnosticCode>> = {
  syntax: 'json-syntax',
  comment: 'json-comment',
  'trailing-comma': 'json-trailing-comma',
  'too-deep': 'nested-too-deeply',
};

export function syntaxDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const doc = ctx.model.document;
  return ctx.model.syntaxProblems.map((p) =>
    makeDiagnostic(Range.create(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length)), CODE_BY_KIND[p.kind], p.message));
}
