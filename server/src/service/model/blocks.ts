/**
 * Finds every TLS and autocert block in the tree: objects at the catalog's locations and v5
 * families of flat keys. The walk follows a trie of the locations, so it visits only the parts of
 * the document that can hold TLS settings: a 20 MB config costs one pass over its proxies, not a
 * pass over every value.
 */
import type { Node } from './tree';
import { type FieldSpec, type FormId, fieldSpec } from '../catalog/fields';
import {
  type CentrifugoVersion, FLAT_FAMILIES, type FlatFamily, OBJECT_LOCATIONS, type Location, type ObjectLocation, formatPath,
} from '../catalog/locations';

export type PathSegment = string | number;

export interface BlockField {
  /** The key as written. */
  readonly key: string;
  /**
   * Undefined for a key the block's form does not have. Viper lower-cases every key it reads, so
   * `Cert_Pem` has the spec of `cert_pem` (see `canonicalKey`).
   */
  readonly spec: FieldSpec | undefined;
  /** The key Centrifugo reads it as: the written key lower-cased when that names a field. */
  readonly canonicalKey: string;
  /** Contract path: `proxies[2].grpc.tls.cert_pem`, `grpc_api_tls_cert`. */
  readonly path: string;
  readonly property: Node;
  readonly keyNode: Node;
  readonly valueNode: Node | undefined;
  /** Go's JSON reader keeps the last of duplicate keys; earlier ones point at the one that wins. */
  readonly overriddenBy: BlockField | undefined;
}

export interface TlsBlock {
  readonly kind: 'tls' | 'autocert';
  readonly location: Location;
  /** Concrete path of the object (object blocks) or of the object holding the flat keys. */
  readonly segments: readonly PathSegment[];
  /** Contract path of the block: `http_server.tls`, or the switch key of a flat family (`grpc_api_tls`). */
  readonly path: string;
  /** How fields are read in the version in effect. */
  readonly form: FormId;
  /** Whether the version in effect reads this block at all. */
  readonly isRead: boolean;
  /** The block object, or for flat families the object that holds the keys. */
  readonly node: Node;
  /** Property key of an object block (`"tls"`); undefined for flat families. */
  readonly keyNode: Node | undefined;
  /** Every property of the block in document order (duplicates included). */
  readonly fields: readonly BlockField[];
  /** The field that counts for each canonical key (the last of duplicates, case variants included). */
  readonly effective: ReadonlyMap<string, BlockField>;
}

interface Trie {
  readonly children: Map<string, Trie>;
  location: ObjectLocation | undefined;
}

function buildTrie(): Trie {
  const root: Trie = { children: new Map(), location: undefined };
  for (const location of OBJECT_LOCATIONS) {
    let node = root;
    for (const seg of location.segments) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { children: new Map(), location: undefined }));
      node = next;
    }
    node.location = location;
  }
  return root;
}

const TRIE = buildTrie();

/** Flat families by container pattern, then by full key. */
const FLAT_KEYS = new Map<string, Map<string, FlatFamily>>();
for (const family of FLAT_FAMILIES) {
  let byKey = FLAT_KEYS.get(family.container);
  if (!byKey) FLAT_KEYS.set(family.container, (byKey = new Map()));
  for (const suffix of family.keys) byKey.set(family.prefix + suffix, family);
}

export function objectFormFor(location: ObjectLocation, version: CentrifugoVersion): FormId {
  const read = location.readBy[version];
  if (read) return read;
  if (location.kind === 'autocert') return 'autocert-object';
  return version === 'v5' ? 'tls-object-v5' : 'tls-object-v6';
}

function propertyParts(prop: Node): { key: string; keyNode: Node; value: Node | undefined } | undefined {
  const keyNode = prop.children?.[0];
  if (!keyNode || typeof keyNode.value !== 'string') return undefined;
  return { key: keyNode.value, keyNode, value: prop.children?.[1] };
}

/** Looks a key up the way Viper does: as written, else lower-cased. */
function lookup<T>(map: ReadonlyMap<string, T>, key: string): T | undefined {
  return map.get(key) ?? map.get(key.toLowerCase());
}

function makeFields(
  props: readonly Node[], form: FormId, pathOf: (key: string) => string, prefix: string,
): { fields: BlockField[]; effective: Map<string, BlockField> } {
  const fields: BlockField[] = [];
  const effective = new Map<string, BlockField>();
  for (const prop of props) {
    const parts = propertyParts(prop);
    if (!parts) continue;
    const suffix = parts.key.slice(prefix.length);
    const spec = fieldSpec(form, suffix) ?? fieldSpec(form, suffix.toLowerCase());
    const canonicalKey = spec ? prefix + spec.key : parts.key;
    const field: { -readonly [K in keyof BlockField]: BlockField[K] } = {
      key: parts.key, spec, canonicalKey, path: pathOf(parts.key), property: prop,
      keyNode: parts.keyNode, valueNode: parts.value, overriddenBy: undefined,
    };
    const earlier = effective.get(canonicalKey);
    if (earlier) (earlier as { overriddenBy: BlockField | undefined }).overriddenBy = field;
    effective.set(canonicalKey, field);
    fields.push(field);
  }
  return { fields, effective };
}

function objectBlock(location: ObjectLocation, node: Node, keyNode: Node | undefined, segments: PathSegment[], version: CentrifugoVersion): TlsBlock {
  const form = objectFormFor(location, version);
  const base = formatPath(segments);
  const { fields, effective } = makeFields(node.children ?? [], form, (k) => `${base}.${k}`, '');
  return {
    kind: location.kind, location, segments, path: base, form, isRead: location.readBy[version] !== undefined,
    node, keyNode, fields, effective,
  };
}

function collectFlat(container: Node, containerPattern: string, segments: PathSegment[], version: CentrifugoVersion, out: TlsBlock[]): void {
  const byKey = FLAT_KEYS.get(containerPattern);
  if (!byKey || container.type !== 'object') return;
  const groups = new Map<FlatFamily, Node[]>();
  for (const prop of container.children ?? []) {
    const parts = propertyParts(prop);
    if (!parts) continue;
    const family = lookup(byKey, parts.key);
    if (!family) continue;
    // `"tls": {...}` and `"tls_autocert": {...}` are object blocks (documented layout / v6), not v5 switches.
    const lower = parts.key.toLowerCase();
    if (parts.value?.type === 'object' && (lower === 'tls' || lower === 'tls_autocert')) continue;
    let list = groups.get(family);
    if (!list) groups.set(family, (list = []));
    list.push(prop);
  }
  const prefixPath = formatPath(segments);
  for (const [family, props] of groups) {
    const pathOf = (key: string) => (prefixPath ? `${prefixPath}.${key}` : key);
    const { fields, effective } = makeFields(props, family.form, pathOf, family.prefix);
    const switchKey = family.kind === 'autocert' ? 'tls_autocert' : `${family.prefix}tls`;
    out.push({
      kind: family.kind, location: family, segments, path: pathOf(switchKey), form: family.form,
      isRead: version === 'v5', node: container, keyNode: undefined, fields, effective,
    });
  }
}

function descend(value: Node | undefined, trie: Trie, segments: PathSegment[], keyNode: Node | undefined, version: CentrifugoVersion, out: TlsBlock[]): void {
  if (!value) return;
  if (value.type === 'object') {
    if (trie.location) out.push(objectBlock(trie.location, value, keyNode, segments, version));
    if (trie.children.size > 0) walkObject(value, trie, segments, version, out);
  } else if (value.type === 'array') {
    const element = trie.children.get('[]');
    if (!element) return;
    const items = value.children ?? [];
    for (let i = 0; i < items.length; i++) descend(items[i], element, [...segments, i], undefined, version, out);
  }
}

function walkObject(node: Node, trie: Trie, segments: PathSegment[], version: CentrifugoVersion, out: TlsBlock[]): void {
  for (const prop of node.children ?? []) {
    const parts = propertyParts(prop);
    if (!parts) continue;
    const next = lookup(trie.children, parts.key);
    if (next) descend(parts.value, next, [...segments, parts.key], parts.keyNode, version, out);
  }
}

export function findBlocks(root: Node | undefined, version: CentrifugoVersion): TlsBlock[] {
  const out: TlsBlock[] = [];
  if (!root || root.type !== 'object') return out;
  walkObject(root, TRIE, [], version, out);
  collectFlat(root, '', [], version, out);
  // v5 Kafka consumers squash the flat TLS keys into the consumer's `kafka` object.
  const consumers = root.children?.find((p) => p.children?.[0]?.value === 'consumers')?.children?.[1];
  if (consumers?.type === 'array') {
    (consumers.children ?? []).forEach((consumer, i) => {
      const kafka = consumer.type === 'object'
        ? consumer.children?.find((p) => p.children?.[0]?.value === 'kafka')?.children?.[1]
        : undefined;
      if (kafka) collectFlat(kafka, 'consumers[].kafka', ['consumers', i, 'kafka'], version, out);
    });
  }
  out.sort((a, b) => (a.keyNode?.offset ?? a.fields[0]?.property.offset ?? 0) - (b.keyNode?.offset ?? b.fields[0]?.property.offset ?? 0));
  return out;
}

/** Where a TLS block may be added: parent pattern -> keys that take a block there in `version`. */
export function blockKeysUnder(parentSegments: readonly PathSegment[], version: CentrifugoVersion): ObjectLocation[] {
  const result: ObjectLocation[] = [];
  for (const location of OBJECT_LOCATIONS) {
    if (!location.readBy[version]) continue;
    const segs = location.segments;
    if (segs.length !== parentSegments.length + 1) continue;
    let ok = true;
    for (let i = 0; i < parentSegments.length; i++) {
      const seg = segs[i];
      const part = parentSegments[i];
      if (seg === '[]' ? typeof part !== 'number' : seg !== part) { ok = false; break; }
    }
    if (ok) result.push(location);
  }
  return result;
}
