/**
 * Fixes for one field: a misspelt or wrongly cased key (`unknown-field`), a value of the wrong
 * JSON type (`type-mismatch`), and autocert values with an obvious correction (`autocert-*`).
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { oneLineArray, propertyAt } from './jsonEdits';
import { readDiagnosticData } from '../../catalog/diagnosticData';
import { locateField, locateWithDetail, makeAction, newSession, replacementAction, shortenedForTitle } from './shared';

/** `unknown-field` with a suggestion: renames the key and keeps the value. */
export function renameToSuggestion(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const found = locateWithDetail(ctx, diagnostic, 'unknown-field', 'suggestion');
  if (!found) return undefined;
  const { located, value: suggestion } = found;
  const session = newSession(ctx);
  // The right key is already there too: renaming would make a duplicate, and which one to keep is the user's call.
  if (propertyAt(session.root, [...located.path.slice(0, -1), suggestion])) return undefined;
  if (!session.rename(located.path, suggestion)) return undefined;
  return makeAction(ctx, `Rename to ${suggestion}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

/** `type-mismatch` with a replacement (JSON text): writes it instead of the value. */
export function replaceWithReplacement(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const found = locateWithDetail(ctx, diagnostic, 'type-mismatch', 'replacement');
  if (!found) return undefined;
  return replacementAction(ctx, diagnostic, found.located.path, found.value, (value) => {
    const compact = oneLineArray(value) ?? JSON.stringify(value);
    if (compact.length <= 48) return `Change to ${compact}`;
    return Array.isArray(value) ? 'Change to an array of host names' : typeof value === 'string' ? 'Change to one string' : 'Change to the value Centrifugo reads';
  });
}

/** Index into a string value's content where a diagnostic starts, when the literal has no escapes. */
function indexInString(ctx: FeatureContext, node: { offset: number; length: number; value?: unknown }, diagnostic: Diagnostic): number | undefined {
  const raw = ctx.model.document.getText().slice(node.offset + 1, node.offset + node.length - 1);
  if (raw !== node.value) return undefined;
  const index = ctx.model.document.offsetAt(diagnostic.range.start) - node.offset - 1;
  return index >= 0 && index <= raw.length ? index : undefined;
}

/** `autocert-host`: corrects one entry of the whitelist, in a comma-separated string or an array. */
function fixHost(ctx: FeatureContext, diagnostic: Diagnostic, suggestion: string): CodeAction | undefined {
  const data = readDiagnosticData(diagnostic, 'autocert-host');
  if (!data) return undefined;
  const { path, host } = data;
  const located = locateField(ctx.model, path, diagnostic.range);
  const value = located?.field.valueNode;
  if (!located || !value) return undefined;
  const session = newSession(ctx);
  let spaces = false;
  if (value.type === 'array') {
    const start = ctx.model.document.offsetAt(diagnostic.range.start);
    const index = (value.children ?? []).findIndex((item) => item.offset === start && item.type === 'string');
    if (index < 0 || !session.setValue([...located.path, index], suggestion)) return undefined;
    spaces = typeof value.children?.[index].value === 'string' && (value.children[index].value as string).trim() === suggestion;
  } else if (value.type === 'string') {
    const parts = (value.value as string).split(',');
    const at = indexInString(ctx, value, diagnostic);
    let index = -1;
    if (at !== undefined) {
      for (let i = 0, start = 0; i < parts.length; start += parts[i].length + 1, i++) {
        if (at >= start && at <= start + parts[i].length) { index = i; break; }
      }
    }
    if (index < 0) index = parts.findIndex((p) => p.trim() === host);
    if (index < 0) return undefined;
    const part = parts[index];
    spaces = part !== part.trim() && part.trim() === suggestion;
    // Spaces Centrifugo keeps are the problem; other fixes keep the user's spacing.
    parts[index] = spaces ? suggestion : part.slice(0, part.length - part.trimStart().length) + suggestion + part.slice(part.trimEnd().length);
    if (!session.setValue(located.path, parts.join(','))) return undefined;
  } else {
    return undefined;
  }
  const title = spaces ? `Remove the spaces around ${shortenedForTitle(suggestion)}` : `Change to ${JSON.stringify(shortenedForTitle(suggestion))}`;
  return makeAction(ctx, title, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

/** `autocert-host`, `autocert-email`, `autocert-http-addr` with a suggestion. */
export function applyAutocertSuggestion(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  if (diagnostic.code === 'autocert-host') {
    const suggestion = readDiagnosticData(diagnostic, 'autocert-host')?.suggestion;
    return suggestion ? fixHost(ctx, diagnostic, suggestion) : undefined;
  }
  const data = readDiagnosticData(diagnostic, 'autocert-email') ?? readDiagnosticData(diagnostic, 'autocert-http-addr');
  const suggestion = data?.suggestion;
  if (!data || !suggestion) return undefined;
  const located = locateField(ctx.model, data.path, diagnostic.range);
  if (!located || located.field.valueNode?.type !== 'string') return undefined;
  const session = newSession(ctx);
  if (!session.setValue(located.path, suggestion)) return undefined;
  return makeAction(ctx, `Change to ${JSON.stringify(shortenedForTitle(suggestion))}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}
