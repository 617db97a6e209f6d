/**
 * Rewrites of certificate material under the cursor, offered without a diagnostic: PEM text to
 * base64 and back, and a file's content embedded as base64.
 *
 * v5 form (the documented table): the key says how the value is read, so the key changes with
 * the value (`cert_pem` <-> `cert_pem_b64`, `cert_pem_file` -> `cert_pem_b64`). Centrifugo takes
 * the certificate and key only as a pair of the same kind, so when the other half of the pair is
 * given the same way it is converted too: converting one half alone would leave a mixed pair and
 * no certificate loaded. v6 form: one key reads all three kinds, so the value changes in place.
 * v5 flat keys have no base64 form: nothing is offered there.
 */
import * as path from 'node:path';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { fieldFor, isMaterialRole, type MaterialRole, type SourceKind } from '../../catalog/fields';
import { decodeBase64Strict, encodeBase64, isPrivateKeyLabel, looksLikePem, splitPem } from '../../certs';
import { type FeatureContext, resolveConfigPath } from '../../context';
import { MAX_CERT_FILE_BYTES } from '../../environment';
import type { BlockField, TlsBlock } from '../../model/blocks';
import { targetAt } from '../../model/position';
import { propertyAt } from './jsonEdits';
import { jsonPathOf, makeAction, newSession } from './shared';

/** What a value becomes: the new text and, in the v5 form, the key it moves to. */
interface Conversion {
  readonly field: BlockField;
  readonly newKey: string | undefined;
  readonly newValue: string;
  /** File name, for titles of embeddings. */
  readonly file?: string;
  readonly hasPrivateKey?: boolean;
}

type Direction = 'toBase64' | 'toPem' | 'embed';

function stringValue(field: BlockField): string | undefined {
  const node = field.valueNode;
  return node?.type === 'string' && typeof node.value === 'string' && node.value.length > 0 ? node.value : undefined;
}

/** Base64 of PEM back to the exact PEM text, or undefined when it is not base64 of UTF-8 PEM text. */
function decodePemBase64(value: string): string | undefined {
  const decoded = decodeBase64Strict(value);
  if (!decoded.ok) return undefined;
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 cannot round-trip through a JSON string; ignoreBOM keeps a BOM byte for byte.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(decoded.bytes);
  } catch {
    return undefined;
  }
  return looksLikePem(text) ? text : undefined;
}

async function readPemFile(ctx: FeatureContext, value: string): Promise<{ base64: string; hasPrivateKey: boolean } | undefined> {
  if (ctx.document.readsFiles === false) return undefined;
  const result = await ctx.env.readFile(resolveConfigPath(value, ctx.settings, ctx.document), MAX_CERT_FILE_BYTES);
  if (!result.ok || result.truncated) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(result.bytes);
  if (!looksLikePem(text)) return undefined;
  return { base64: encodeBase64(result.bytes), hasPrivateKey: splitPem(text).blocks.some((b) => isPrivateKeyLabel(b.label)) };
}

/** How a v6 value is read, in Centrifugo's order: PEM, base64 of PEM, else a path. */
function v6Direction(value: string): Direction {
  if (looksLikePem(value)) return 'toBase64';
  return decodePemBase64(value) !== undefined ? 'toPem' : 'embed';
}

const V5_DIRECTION: Partial<Record<SourceKind, Direction>> = { pem: 'toBase64', base64: 'toPem', file: 'embed' };
const V5_TARGET: Readonly<Record<Direction, SourceKind>> = { toBase64: 'base64', toPem: 'pem', embed: 'base64' };

async function convert(ctx: FeatureContext, block: TlsBlock, field: BlockField, direction: Direction): Promise<Conversion | undefined> {
  const value = stringValue(field);
  const spec = field.spec;
  if (!value || !spec || !isMaterialRole(spec.role)) return undefined;
  let newKey: string | undefined;
  if (block.form === 'tls-object-v5') {
    newKey = fieldFor(block.form, spec.role, V5_TARGET[direction])?.key;
    // The key it would move to is already there: two sources of one setting is not what anyone wants.
    if (!newKey || block.effective.has(newKey)) return undefined;
  }
  switch (direction) {
    case 'toBase64':
      return looksLikePem(value) ? { field, newKey, newValue: encodeBase64(value) } : undefined;
    case 'toPem': {
      const pem = decodePemBase64(value);
      return pem === undefined ? undefined : { field, newKey, newValue: pem };
    }
    case 'embed': {
      const file = await readPemFile(ctx, value);
      return file && { field, newKey, newValue: file.base64, file: path.basename(value), hasPrivateKey: file.hasPrivateKey };
    }
  }
}

/** The other half of a v5 certificate/key pair, when it is given the same way and can be converted too. */
async function partnerConversion(ctx: FeatureContext, block: TlsBlock, role: MaterialRole, source: SourceKind, direction: Direction): Promise<Conversion | undefined> {
  if (role !== 'cert' && role !== 'key') return undefined;
  const partnerKey = fieldFor(block.form, role === 'cert' ? 'key' : 'cert', source)?.key;
  const partner = partnerKey ? block.effective.get(partnerKey) : undefined;
  return partner && stringValue(partner) ? convert(ctx, block, partner, direction) : undefined;
}

function titleOf(block: TlsBlock, direction: Direction, unordered: readonly Conversion[]): string {
  // Certificate before key, whichever the cursor was on.
  const conversions = [...unordered].sort((a, b) => (a.field.spec?.role === 'key' ? 1 : 0) - (b.field.spec?.role === 'key' ? 1 : 0));
  const keys = conversions.map((c) => c.newKey).filter((k): k is string => k !== undefined);
  const where = keys.length === 0 ? '' : keys.length === 1 ? ` in ${keys[0]}` : ` (${keys.join(', ')})`;
  const what = conversions.length === 2 ? 'certificate and key ' : '';
  if (direction === 'embed') {
    const files = conversions.map((c) => c.file).join(' and ');
    const warning = conversions.some((c) => c.hasPrivateKey) ? ' (puts the private key into the config)' : '';
    return `Embed ${files} as base64${block.form === 'tls-object-v5' && keys.length === 1 ? where : ''}${warning}`;
  }
  return `Convert ${what}to ${direction === 'toBase64' ? 'base64' : 'PEM text'}${where}`;
}

export async function materialActions(ctx: FeatureContext, offset: number): Promise<CodeAction[]> {
  const target = targetAt(ctx.model, offset);
  const field = target?.field;
  const block = target?.block;
  if (!block || !field || block.kind !== 'tls' || field.overriddenBy || !field.spec?.source || !isMaterialRole(field.spec.role)) return [];
  const value = stringValue(field);
  if (!value) return [];
  let direction: Direction | undefined;
  if (block.form === 'tls-object-v6') direction = v6Direction(value);
  else if (block.form === 'tls-object-v5') direction = V5_DIRECTION[field.spec.source];
  if (!direction) return [];
  const own = await convert(ctx, block, field, direction);
  if (!own) return [];
  const conversions = [own];
  if (block.form === 'tls-object-v5') {
    const partner = await partnerConversion(ctx, block, field.spec.role, field.spec.source, direction);
    if (partner) conversions.push(partner);
  }
  const session = newSession(ctx);
  for (const conversion of conversions) {
    const jsonPath = jsonPathOf(block, conversion.field);
    if (!propertyAt(session.root, jsonPath)) return [];
    if (conversion.newKey && !session.rename(jsonPath, conversion.newKey)) return [];
    const valuePath = conversion.newKey ? [...jsonPath.slice(0, -1), conversion.newKey] : jsonPath;
    if (!session.setValue(valuePath, conversion.newValue)) return [];
  }
  const action = makeAction(ctx, titleOf(block, direction, conversions), CodeActionKind.RefactorRewrite, session);
  return action ? [action] : [];
}
