/**
 * Runs every validator over a model. Each validator lives in its own file and returns the
 * diagnostics of one concern; adding a check is adding a line here.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import { certificateDiagnostics } from './certificateDiagnostics';
import { materialDiagnostics } from './materialDiagnostics';
import { conversionDiagnostics, syntaxDiagnostics } from './syntaxDiagnostics';
import { autocertDiagnostics } from './diagnostics/autocertDiagnostics';
import { conflictDiagnostics } from './diagnostics/conflictDiagnostics';
import { duplicateDiagnostics } from './diagnostics/duplicateDiagnostics';
import { fieldDiagnostics } from './diagnostics/fieldDiagnostics';
import { layoutDiagnostics } from './diagnostics/layoutDiagnostics';
import { nameDiagnostics } from './diagnostics/nameDiagnostics';
import { optionDiagnostics } from './diagnostics/optionDiagnostics';
import { requiredValueDiagnostics } from './diagnostics/requiredValues';
import { sourceDiagnostics } from './diagnostics/sourceDiagnostics';
import { startupDiagnostics } from './diagnostics/startupDiagnostics';
import { stateDiagnostics } from './diagnostics/stateDiagnostics';
import { withoutUnreadEffects } from './diagnostics/unreadParts';

export type Validator = (ctx: FeatureContext) => Diagnostic[] | Promise<Diagnostic[]>;

const VALIDATORS: readonly Validator[] = [
  syntaxDiagnostics,
  conversionDiagnostics,
  fieldDiagnostics,
  optionDiagnostics,
  nameDiagnostics,
  requiredValueDiagnostics,
  duplicateDiagnostics,
  layoutDiagnostics,
  sourceDiagnostics,
  stateDiagnostics,
  autocertDiagnostics,
  conflictDiagnostics,
  startupDiagnostics,
  materialDiagnostics,
  certificateDiagnostics,
];

export async function doValidation(ctx: FeatureContext): Promise<Diagnostic[]> {
  // Another program's config.json gets nothing from us, not even its syntax errors.
  if (!ctx.model.recognition.isCentrifugo) return [];
  const results = await Promise.all(VALIDATORS.map((validate) => validate(ctx)));
  const all = withoutUnreadEffects(ctx.model, results.flat());
  all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return all;
}
