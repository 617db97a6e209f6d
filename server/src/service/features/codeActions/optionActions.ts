/**
 * Quick fixes for the whole-config findings (optionDiagnostics.ts, nameDiagnostics.ts), on any
 * key outside TLS blocks: rename to the closest key, move a v5 key to where v6 reads it, write
 * the value Centrifugo reads, and use the defined name a reference most likely meant. Edits go
 * through the file's edit session (JSON, YAML or TOML), which keeps the rest of the text as it is.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { formatPath } from '../../catalog/locations';
import { findNodeAtOffset, getNodePath, type PathSegment } from '../../model/tree';
import { propertyAt } from './jsonEdits';
import { readDiagnosticData, readFixableData } from '../../catalog/diagnosticData';
import { makeAction, newSession, replacementAction, shortenedForTitle } from './shared';

/**
 * The path of the key or value a diagnostic covers, when the text still has it there: a
 * diagnostic from an older version of the text gets no fix. Every format's tree gives keys and
 * values their exact ranges (a TOML header's key included), and the diagnostics carry them.
 */
function nodePathAt(ctx: FeatureContext, diagnostic: Diagnostic): PathSegment[] | undefined {
  const root = ctx.model.root;
  const doc = ctx.model.document;
  if (!root) return undefined;
  const start = doc.offsetAt(diagnostic.range.start);
  const node = findNodeAtOffset(root, start);
  if (!node || node.offset !== start || node.offset + node.length !== doc.offsetAt(diagnostic.range.end)) return undefined;
  const path = getNodePath(node);
  return formatPath(path) === readFixableData(diagnostic)?.path ? path : undefined;
}

/** A v6 pattern (`proxies[].http.static_headers`) at the item indexes of the path it moves from. */
function concreteTarget(pattern: string, from: readonly PathSegment[]): PathSegment[] | undefined {
  const indexes = from.filter((p): p is number => typeof p === 'number');
  const out: PathSegment[] = [];
  let next = 0;
  for (const part of pattern.split('.')) {
    if (!part.endsWith('[]')) {
      out.push(part);
      continue;
    }
    if (next >= indexes.length) return undefined;
    out.push(part.slice(0, -2), indexes[next++]);
  }
  return out;
}

export function renameOption(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const suggestion = readDiagnosticData(diagnostic, 'unknown-field')?.suggestion;
  const path = nodePathAt(ctx, diagnostic);
  if (!suggestion || !path || path.length === 0) return undefined;
  const session = newSession(ctx);
  if (propertyAt(session.root, [...path.slice(0, -1), suggestion])) return undefined;
  if (!session.rename(path, suggestion)) return undefined;
  return makeAction(ctx, `Rename to ${suggestion}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

export function moveOption(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const moveTo = readDiagnosticData(diagnostic, 'unknown-in-version')?.moveTo;
  const path = nodePathAt(ctx, diagnostic);
  if (!moveTo || !path || path.length === 0) return undefined;
  // The v6 target of a v5 key (`client.allowed_origins`), or the v5 key of a v6 section.
  const target = concreteTarget(moveTo, path);
  if (!target) return undefined;
  const session = newSession(ctx);
  if (propertyAt(session.root, target)) return undefined;
  if (!session.move(path, target)) return undefined;
  return makeAction(ctx, `Move to ${shortenedForTitle(moveTo)}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

export function replaceOptionValue(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const replacement = (readDiagnosticData(diagnostic, 'type-mismatch') ?? readDiagnosticData(diagnostic, 'invalid-value'))?.replacement;
  const path = nodePathAt(ctx, diagnostic);
  if (replacement === undefined || !path || path.length === 0) return undefined;
  return replacementAction(ctx, diagnostic, path, replacement, (value) => `Change to ${shortenedForTitle(JSON.stringify(value))}`);
}

export function useDefinedName(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const suggestion = readDiagnosticData(diagnostic, 'undefined-name')?.suggestion;
  const path = nodePathAt(ctx, diagnostic);
  if (!suggestion || !path || path.length === 0) return undefined;
  const session = newSession(ctx);
  if (!session.setValue(path, suggestion)) return undefined;
  return makeAction(ctx, `Use ${JSON.stringify(suggestion)}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}
