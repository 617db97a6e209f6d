/** What every family of code actions needs: finding the field a diagnostic is about, and making the action. */
import { type CodeAction, CodeActionKind, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { type DiagnosticDataOf, type FixableCode, readDiagnosticData } from '../../catalog/diagnosticData';
import type { FeatureContext } from '../../context';
import type { ConfigModel } from '../../model';
import type { BlockField, TlsBlock } from '../../model/blocks';
import { targetAt } from '../../model/position';
import { type JsonPath, JsonEditSession } from './jsonEdits';
import { type EditSession, TreeTextEditSession } from './textEdits';

export interface LocatedField {
  readonly block: TlsBlock;
  readonly field: BlockField;
  /** JSON path of the property, for the editor. */
  readonly path: JsonPath;
}


export function jsonPathOf(block: TlsBlock, field: BlockField): JsonPath {
  return [...block.segments, field.key];
}

/** `proxies[2].grpc.tls` -> ['proxies', 2, 'grpc', 'tls']; undefined for patterns (`proxies[].grpc.tls`). */
export function parseContractPath(path: string): JsonPath | undefined {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    if (match[1]) out.push(match[1]);
    else if (!match[2]) return undefined;
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

function offsetsOverlap(model: ConfigModel, range: Range, start: number, end: number): boolean {
  const from = model.document.offsetAt(range.start);
  const to = model.document.offsetAt(range.end);
  return from <= end && to >= start;
}

/**
 * The field a diagnostic with `data.path` is about: the one under the start of the diagnostic,
 * found through the model's node index (no scan of every block). A diagnostic from an older
 * version of the text that no longer matches anything finds nothing, so no stale fix is offered.
 */
export function locateField(model: ConfigModel, path: string, range: Range): LocatedField | undefined {
  const target = targetAt(model, model.document.offsetAt(range.start));
  if (!target?.field || target.field.path !== path) return undefined;
  return { block: target.block, field: target.field, path: jsonPathOf(target.block, target.field) };
}

/** The field a diagnostic is about together with one string detail of its data, when both are there. */
/**
 * The diagnostic's data (checked against its code's schema, catalog/diagnosticData.ts) and the
 * field it is about, when the detail the fix needs is there.
 */
export function locateWithDetail<C extends FixableCode, D extends keyof DiagnosticDataOf<C>>(
  ctx: FeatureContext, diagnostic: Diagnostic, code: C, detail: D,
): { located: LocatedField; value: NonNullable<DiagnosticDataOf<C>[D]>; data: DiagnosticDataOf<C> } | undefined {
  const data = readDiagnosticData(diagnostic, code);
  const value = data?.[detail];
  if (!data || value === undefined || value === null) return undefined;
  const located = locateField(ctx.model, (data as { path: string }).path, diagnostic.range);
  return located ? { located, value: value as NonNullable<DiagnosticDataOf<C>[D]>, data } : undefined;
}

/** The object block whose own key a diagnostic sits on. */
export function locateBlock(model: ConfigModel, path: string, range: Range): TlsBlock | undefined {
  return model.blocks.find((b) => b.path === path && b.keyNode && b.location.shape === 'object'
    && offsetsOverlap(model, range, b.keyNode.offset, b.keyNode.offset + b.keyNode.length));
}

/** An edit session that writes the file's own syntax. */
export function newSession(ctx: FeatureContext): EditSession {
  const format = ctx.model.tree.format;
  if (format === 'json') return new JsonEditSession(ctx.model.document.getText(), undefined, ctx.model.root);
  return new TreeTextEditSession(ctx.model.document.getText(), format, ctx.model.root);
}

export interface ActionOptions {
  readonly diagnostic?: Diagnostic;
  readonly isPreferred?: boolean;
}

/** A code action whose edit turns the original text into the session's text; undefined when nothing changed. */
export function makeAction(ctx: FeatureContext, title: string, kind: CodeActionKind, session: EditSession, options: ActionOptions = {}): CodeAction | undefined {
  const document = ctx.model.document;
  const edits = session.textEdits(document);
  if (edits.length === 0) return undefined;
  return {
    title,
    kind,
    ...(options.diagnostic ? { diagnostics: [options.diagnostic] } : {}),
    ...(options.isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [document.uri]: edits } },
  };
}

/** A key, value or text for an action title, cut short (with an ellipsis) when long. */
/**
 * The quick fix that writes `replacement` (the JSON text of the value Centrifugo would read, as a
 * validator put it in the diagnostic's data) at `path`; `titleFor` words it for the menu.
 */
export function replacementAction(
  ctx: FeatureContext, diagnostic: Diagnostic, path: JsonPath, replacement: string, titleFor: (value: unknown) => string,
): CodeAction | undefined {
  let value: unknown;
  try {
    value = JSON.parse(replacement);
  } catch {
    return undefined;
  }
  const session = newSession(ctx);
  if (!session.setValue(path, value)) return undefined;
  return makeAction(ctx, titleFor(value), CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

export function shortenedForTitle(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
