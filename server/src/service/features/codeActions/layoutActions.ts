/**
 * `wrong-location`: settings where the version in use does not read them, moved to where it
 * does when the move is mechanical. An object block moves whole, as written (comments inside
 * included); a v5 flat key in a v6 config moves into its v6 object. Not offered: moves with more
 * than one possible target (v5 `proxy_grpc_tls`, the documented `unified_proxy` in v6), moves into
 * an object that already exists there, and v6 objects in a v5 config whose v5 form is flat keys.
 */
import { getNodeValue } from '../../model/tree';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { type JsonPath, placeOf, propertyAt, valueAt } from './jsonEdits';
import type { EditSession } from './textEdits';
import { readDiagnosticData } from '../../catalog/diagnosticData';
import { locateBlock, locateField, makeAction, newSession, parseContractPath } from './shared';

/**
 * After a block moved out of it, an object left empty (`"unified_proxy": {"grpc": {}}`) goes too;
 * in YAML an emptied mapping reads as a bare `grpc:` (null, with no text of its own).
 */
function removeEmptyParents(session: EditSession, from: JsonPath): void {
  for (let path = from.slice(0, -1); path.length > 0 && typeof path[path.length - 1] === 'string'; path = path.slice(0, -1)) {
    const node = valueAt(session.root, path);
    const empty = node?.type === 'object' ? (node.children?.length ?? 0) === 0 : node?.type === 'null' && node.length === 0;
    if (!empty) return;
    session.remove(path);
  }
}

function moveObject(ctx: FeatureContext, diagnostic: Diagnostic, from: JsonPath, moveTo: string): CodeAction | undefined {
  const to = parseContractPath(moveTo);
  if (!to) return undefined;
  const session = newSession(ctx);
  // The target already holds settings: merging two blocks is not mechanical.
  if (propertyAt(session.root, to) || !session.move(from, to)) return undefined;
  removeEmptyParents(session, from);
  return makeAction(ctx, `Move to ${moveTo}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

function moveFlatKey(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const data = readDiagnosticData(diagnostic, 'wrong-location');
  const located = data ? locateField(ctx.model, data.path, diagnostic.range) : undefined;
  if (!located || !located.field.valueNode) return undefined;
  const key = located.field.key;
  if (data?.remove === true) {
    const session = newSession(ctx);
    if (!session.remove(located.path)) return undefined;
    return makeAction(ctx, `Remove ${key}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
  }
  const moveTo = data?.moveTo;
  const targetPath = data?.targetPath;
  if (!targetPath) {
    // `"grpc_api_tls": {...}`: an object where v5 had a switch is already a v6 block, in the wrong place.
    return moveTo && located.field.valueNode.type === 'object' ? moveObject(ctx, diagnostic, located.path, moveTo) : undefined;
  }
  const target = parseContractPath(targetPath);
  if (!target) return undefined;
  const session = newSession(ctx);
  if (propertyAt(session.root, target)) return undefined;
  let value = getNodeValue(located.field.valueNode) as unknown;
  let how = '';
  // v5 reads one comma-separated string, v6 an array.
  if (located.field.spec?.role === 'hostWhitelist' && typeof value === 'string') {
    value = value.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
    how = ' as an array';
  }
  const place = placeOf(session.root, located.path);
  if (!session.remove(located.path) || !session.set(target, value, place)) return undefined;
  return makeAction(ctx, `Move to ${targetPath}${how}`, CodeActionKind.QuickFix, session, { diagnostic, isPreferred: true });
}

export function moveToReadLocation(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction | undefined {
  const data = readDiagnosticData(diagnostic, 'wrong-location');
  if (!data) return undefined;
  const block = locateBlock(ctx.model, data.path, diagnostic.range);
  if (!block) return moveFlatKey(ctx, diagnostic);
  const moveTo = data.moveTo;
  if (!moveTo || data.targetShape !== 'object' || data.alsoTo !== undefined) return undefined;
  return moveObject(ctx, diagnostic, block.segments, moveTo);
}
