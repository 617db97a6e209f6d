/**
 * Code actions: quick fixes attached to the diagnostics they fix (the editor passes back the
 * diagnostics under the cursor, with their `data`), and rewrites of the material under the
 * cursor that need no diagnostic.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { type FixableCode, isFixableCode } from '../../catalog/diagnosticData';
import type { FeatureContext } from '../../context';
import { DIAGNOSTIC_SOURCE } from '../diagnostic';
import { applyAutocertSuggestion, renameToSuggestion, replaceWithReplacement } from './fieldActions';
import { moveToReadLocation } from './layoutActions';
import { materialActions } from './materialActions';
import { moveOption, renameOption, replaceOptionValue, useDefinedName } from './optionActions';
import { addMissingHalf, moveToV6Key, removeShadowedSource } from './sourceActions';

type QuickFix = (ctx: FeatureContext, diagnostic: Diagnostic) => CodeAction | undefined;

/** The TLS fix when the finding is in a TLS block, else the whole-config one. */
function firstOf(...fixes: QuickFix[]): QuickFix {
  return (ctx, diagnostic) => {
    for (const fix of fixes) {
      const action = fix(ctx, diagnostic);
      if (action) return action;
    }
    return undefined;
  };
}

/** Only codes whose `data` has a schema (catalog/diagnosticData.ts) can have a quick fix. */
const QUICK_FIXES: Partial<Record<FixableCode, QuickFix>> = {
  'shadowed-source': removeShadowedSource,
  'mixed-source-pair': addMissingHalf,
  'unknown-field': firstOf(renameToSuggestion, renameOption),
  'unknown-in-version': firstOf(moveToV6Key, moveOption),
  'wrong-location': moveToReadLocation,
  'type-mismatch': firstOf(replaceWithReplacement, replaceOptionValue),
  'invalid-value': replaceOptionValue,
  'undefined-name': useDefinedName,
  'autocert-host': applyAutocertSuggestion,
  'autocert-email': applyAutocertSuggestion,
  'autocert-http-addr': applyAutocertSuggestion,
};

/** `only` as the client sends it: a kind matches itself and every kind below it (`refactor` takes `refactor.rewrite`). */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export async function doCodeActions(
  ctx: FeatureContext, range: Range, contextDiagnostics: readonly Diagnostic[], only?: readonly string[],
): Promise<CodeAction[]> {
  if (!ctx.model.recognition.isCentrifugo) return [];
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of contextDiagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const fix = isFixableCode(diagnostic.code) ? QUICK_FIXES[diagnostic.code] : undefined;
      const action = fix?.(ctx, diagnostic);
      if (action) actions.push(action);
    }
  }
  if (wanted(CodeActionKind.RefactorRewrite, only)) {
    actions.push(...await materialActions(ctx, ctx.model.document.offsetAt(range.start)));
  }
  return actions;
}
