/**
 * Fixes for where certificate material comes from: an ignored source (`shadowed-source`), a
 * certificate without its key or the reverse (`mixed-source-pair`), and v5 source keys in a v6
 * block (`unknown-in-version`).
 */
import { getNodeValue } from '../../model/tree';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { propertyAt } from './jsonEdits';
import { readDiagnosticData } from '../../catalog/diagnosticData';
import { locateField, locateWithDetail, makeAction, newSession } from './shared';

/** `shadowed-source`: Centrifugo reads another source of this setting; the key only misleads. */
export function removeShadowedSource(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const data = readDiagnosticData(diagnostic, 'shadowed-source');
  const located = data ? locateField(ctx.model, data.path, diagnostic.range) : undefined;
  if (!located) return undefined;
  const session = newSession(ctx);
  if (!session.remove(located.path)) return undefined;
  return makeAction(ctx, `Remove ${located.field.key}, which Centrifugo ignores`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

/** `mixed-source-pair`: adds the missing half, empty, right after the half that is there. */
export function addMissingHalf(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const found = locateWithDetail(ctx, diagnostic, 'mixed-source-pair', 'missing');
  if (!found) return undefined;
  const { located, value: missing } = found;
  const container = located.path.slice(0, -1);
  const session = newSession(ctx);
  // Already there (as an empty string): filling it in is up to the user.
  if (propertyAt(session.root, [...container, missing])) return undefined;
  const property = propertyAt(session.root, located.path);
  const index = property?.parent?.children?.indexOf(property) ?? -1;
  if (index < 0 || !session.insert(container, missing, '', index + 1)) return undefined;
  // Preferred only when nothing else gives the other half: then adding it is the whole fix.
  const role = located.field.spec?.role;
  const otherHalfGiven = located.block.fields.some((f) => f.spec?.source && f.spec.role !== role
    && (f.spec.role === 'cert' || f.spec.role === 'key') && f.valueNode?.type === 'string' && f.valueNode.value !== '');
  return makeAction(ctx, `Add ${missing}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: !otherHalfGiven });
}

/** `unknown-in-version`: v6 has no `*_pem_file`/`*_pem_b64`; its `*_pem` key reads paths and base64 too. */
export function moveToV6Key(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const found = locateWithDetail(ctx, diagnostic, 'unknown-in-version', 'moveTo');
  if (!found) return undefined;
  const { located, value: moveTo } = found;
  const key = located.field.key;
  const targetPath = [...located.path.slice(0, -1), moveTo];
  const session = newSession(ctx);
  const target = propertyAt(session.root, targetPath)?.children?.[1];
  if (!target) {
    if (!session.rename(located.path, moveTo)) return undefined;
    return makeAction(ctx, `Rename to ${moveTo}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
  }
  const targetValue = getNodeValue(target) as unknown;
  if (targetValue === '' || targetValue === null) {
    const value = located.field.valueNode ? (getNodeValue(located.field.valueNode) as unknown) : undefined;
    if (value === undefined || !session.setValue(targetPath, value) || !session.remove(located.path)) return undefined;
    return makeAction(ctx, `Move the value to ${moveTo}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
  }
  if (!session.remove(located.path)) return undefined;
  return makeAction(ctx, `Remove ${key} (${moveTo} is set)`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}
