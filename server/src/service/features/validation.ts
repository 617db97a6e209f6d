/**
 * Runs every validator over a model. Each validator lives in its own file and returns the
 * diagnostics of one concern; adding a check is adding a line here.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import { syntaxDiagnostics } from './syntaxDiagnostics';

export type Validator = (ctx: FeatureContext) => Diagnostic[] | Promise<Diagnostic[]>;

const VALIDATORS: readonly Validator[] = [
  syntaxDiagnostics,
];

export async function doValidation(ctx: FeatureContext): Promise<Diagnostic[]> {
  // Another program's config.json gets nothing from us, not even its syntax errors.
  if (!ctx.model.recognition.isCentrifugo) return [];
  const results = await Promise.all(VALIDATORS.map((validate) => validate(ctx)));
  const all = results.flat();
  all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return all;
}
