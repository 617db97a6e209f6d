/**
 * What the structural validators share: how Centrifugo reads a value (Go's weak decoding), which
 * fields of a block count, whether a block is switched on or overridden by a later duplicate key,
 * and where settings go in the other layout. Facts are computed once per block and cached, so
 * every validator stays linear in the size of the document.
 */
import type { Node } from '../../model/tree';
import { Range } from 'vscode-languageserver-types';
import { FORMS, type FieldRole, type FieldSpec, type FormId } from '../../catalog/fields';
import {
  FLAT_FAMILIES, type FlatFamily, OBJECT_LOCATIONS, type ObjectLocation, describeLocation,
} from '../../catalog/locations';
import type { ConfigModel } from '../../model';
import type { BlockField, TlsBlock } from '../../model/blocks';
import { droppedBy, lastProperties } from '../../model/duplicates';
import { loadPlanOf } from '../../model/loadPlan';

export function nodeRange(model: ConfigModel, node: Node): Range {
  const doc = model.document;
  return Range.create(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
}

/** Range of `length` characters starting `start` characters into a string literal's content. */
export function rangeInString(model: ConfigModel, node: Node, start: number, length: number): Range {
  const doc = model.document;
  const raw = doc.getText().slice(node.offset + 1, node.offset + node.length - 1);
  // With escapes in the literal the content offsets no longer map to text offsets: use the whole value.
  if (raw !== node.value) return nodeRange(model, node);
  return Range.create(doc.positionAt(node.offset + 1 + start), doc.positionAt(node.offset + 1 + start + length));
}

/** 1-based line of a node, for messages. */
export function lineOf(model: ConfigModel, node: Node): number {
  return model.document.positionAt(node.offset).line + 1;
}

/** The string value of a node, or undefined for anything else. */
export function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** A material or name setting counts as set when it is a non-empty string: Centrifugo treats "" as unset. */
export function isSetString(node: Node | undefined): boolean {
  const s = stringOf(node);
  return s !== undefined && s.length > 0;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * How Centrifugo reads a value into a bool: viper/mapstructure decode weakly, so a string goes
 * through strconv.ParseBool ("" is false) and a number is true when non-zero. `invalid`: the v6
 * and v5-object readers refuse it at start-up (v5 flat keys read it as false).
 * Undefined: absent or null, which counts as unset.
 */
export function readBool(node: Node | undefined): boolean | 'invalid' | undefined {
  if (!node || node.type === 'null') return undefined;
  if (node.type === 'boolean') return node.value as boolean;
  if (node.type === 'number') return (node.value as number) !== 0;
  if (node.type === 'string') {
    const s = node.value as string;
    if (GO_TRUE.has(s)) return true;
    if (GO_FALSE.has(s) || s === '') return false;
    return 'invalid';
  }
  return 'invalid';
}

export { isOverriddenProperty, lastProperties } from '../../model/duplicates';

/** The value of the key that counts in an object (the last of duplicates), if the node is an object. */
export function memberValue(object: Node | undefined, key: string): Node | undefined {
  if (!object || object.type !== 'object') return undefined;
  return lastProperties(object).get(key)?.children?.[1];
}

export function memberProperty(object: Node | undefined, key: string): Node | undefined {
  if (!object || object.type !== 'object') return undefined;
  return lastProperties(object).get(key);
}

/** On/off state of a block's switch (`enabled`, `tls`, `grpc_api_tls`, `tls_autocert`...). */
export type SwitchState = 'on' | 'off' | 'absent' | 'invalid';

export interface BlockFacts {
  /** The block itself, or an object on its path, is overridden by a later duplicate key: Centrifugo never sees it. */
  readonly dead: boolean;
  /** Fields that count, by role: the last of duplicates, with keys matched the way Centrifugo matches them. */
  readonly byRole: ReadonlyMap<FieldRole, readonly CountedField[]>;
  readonly switchField: CountedField | undefined;
  readonly switchState: SwitchState;
}

export interface CountedField {
  readonly field: BlockField;
  readonly spec: FieldSpec;
}

const factsCache = new WeakMap<TlsBlock, BlockFacts>();

function isDead(block: TlsBlock): boolean {
  // The block's own property (or, for flat keys, their container's) and every property above it:
  // if any is overridden by a later duplicate, Go's JSON reader drops the block.
  return droppedBy(block.node.parent) !== undefined;
}

export function factsOf(block: TlsBlock): BlockFacts {
  let facts = factsCache.get(block);
  if (facts) return facts;
  // The model keeps the field that counts per canonical key (last of duplicates, case variants included).
  const byRole = new Map<FieldRole, CountedField[]>();
  for (const field of block.effective.values()) {
    if (!field.spec) continue;
    const counted: CountedField = { field, spec: field.spec };
    const list = byRole.get(counted.spec.role);
    if (list) list.push(counted);
    else byRole.set(counted.spec.role, [counted]);
  }
  const switchRole: FieldRole = block.kind === 'autocert' ? 'autocertEnabled' : 'enabled';
  const switchField = byRole.get(switchRole)?.[0];
  let switchState: SwitchState = 'absent';
  if (switchField) {
    const value = readBool(switchField.field.valueNode);
    switchState = value === undefined ? 'absent' : value === 'invalid' ? 'invalid' : value ? 'on' : 'off';
  }
  facts = { dead: isDead(block), byRole, switchField, switchState };
  factsCache.set(block, facts);
  return facts;
}

const liveCache = new WeakMap<ConfigModel, readonly TlsBlock[]>();

/** Blocks worth checking at all: the ones Centrifugo's JSON reader keeps (worked out once per model; several validators ask). */
export function liveBlocks(model: ConfigModel): readonly TlsBlock[] {
  let live = liveCache.get(model);
  if (!live) liveCache.set(model, (live = model.blocks.filter((b) => !factsOf(b).dead)));
  return live;
}

/** The TLS block of the HTTP server: v6 `http_server.tls`, or v5's top-level flat `tls*` keys. */
export function isHttpServerTls(block: TlsBlock): boolean {
  const loc = block.location;
  if (block.kind !== 'tls') return false;
  return loc.shape === 'object' ? loc.pattern === 'http_server.tls' : loc.container === '' && loc.prefix === '';
}

/** Automatic certificates are on in the version in effect (they then replace the HTTP server's certificate). */
export function isAutocertOn(model: ConfigModel): boolean {
  return loadPlanOf(model).autocertOn;
}

/** The real key of a catalog field in a block: `cert_pem_file`, or with a flat prefix `grpc_api_tls_cert`. */
export function realKey(block: TlsBlock, specKey: string): string {
  return block.location.shape === 'flat' ? block.location.prefix + specKey : specKey;
}

/** Real key of the block's on/off switch. */
export function switchKeyOf(block: TlsBlock): string {
  if (block.location.shape === 'object') return 'enabled';
  return block.kind === 'autocert' ? 'tls_autocert' : `${block.location.prefix}tls`;
}

/** Dotted path of a key inside a block (`http_server.tls.enabled`, `grpc_api_tls`). */
export function pathInBlock(block: TlsBlock, key: string): string {
  if (block.location.shape === 'object') return `${block.path}.${key}`;
  const container = block.path.slice(0, Math.max(0, block.path.length - switchKeyOf(block).length));
  return `${container}${key}`;
}

/** Words for the part of Centrifugo a block configures. */
export function subjectOf(block: TlsBlock): string {
  // describeLocation may add a detail ('the HTTP server: WebSocket, SSE...', '(documented layout)'); a subject reads better without it.
  return block.location.shape === 'flat' ? block.location.subject : describeLocation(block.location.pattern).replace(/:.*$/, '').replace(/ \(.*\)$/, '');
}

/** Fills the `[]` of a pattern with the array indexes of a concrete path, in order. */
export function concretize(pattern: string, segments: readonly (string | number)[]): string {
  const indexes = segments.filter((s): s is number => typeof s === 'number');
  let i = 0;
  return pattern.replace(/\[\]/g, () => (i < indexes.length ? `[${indexes[i++]}]` : '[]'));
}

const OBJECT_BY_PATTERN = new Map<string, ObjectLocation>(OBJECT_LOCATIONS.map((l) => [l.pattern, l]));
const FLAT_BY_V6 = new Map<string, FlatFamily>(
  FLAT_FAMILIES.filter((f) => f.v6Location).map((f) => [f.v6Location as string, f]),
);

export function objectLocationAt(pattern: string): ObjectLocation | undefined {
  return OBJECT_BY_PATTERN.get(pattern);
}

/** The v5 flat family whose settings live at a v6 location (`grpc_api.tls` -> `grpc_api_tls*`). */
export function flatFamilyForV6(pattern: string): FlatFamily | undefined {
  return FLAT_BY_V6.get(pattern);
}

/** The key of a form's field with a role (and source), e.g. the v6 key that takes the value of `cert_pem_file`. */
export function keyFor(form: FormId, role: FieldRole, source?: FieldSpec['source']): string | undefined {
  const forms = FORMS[form];
  return (source ? forms.find((f) => f.role === role && f.source === source) : undefined)?.key
    ?? forms.find((f) => f.role === role)?.key;
}

/** Quotes a key for messages. */
export function q(key: string): string {
  return `\`${key}\``;
}
