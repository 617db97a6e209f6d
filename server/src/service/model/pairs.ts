/**
 * Which certificate and key fields Centrifugo loads as its certificate pair. v5 forms: the file
 * pair when both files are set, else the base64 pair, else the PEM pair (tls_v2.go; tls.go for
 * flat keys); anything else loads nothing. v6: cert_pem and key_pem, both non-empty.
 */
import { SOURCE_PRIORITY, type SourceKind } from '../catalog/fields';
import type { BlockField, TlsBlock } from './blocks';

function isSet(field: BlockField): boolean {
  return field.valueNode?.type === 'string' && field.valueNode.value !== '';
}

export interface LoadedPair {
  readonly cert: BlockField;
  readonly key: BlockField;
  readonly source: SourceKind;
}

export function loadedPair(block: TlsBlock): LoadedPair | undefined {
  if (block.kind !== 'tls') return undefined;
  const certs = new Map<SourceKind, BlockField>();
  const keys = new Map<SourceKind, BlockField>();
  for (const field of block.effective.values()) {
    const spec = field.spec;
    if (!spec?.source || !isSet(field)) continue;
    if (spec.role === 'cert') certs.set(spec.source, field);
    else if (spec.role === 'key') keys.set(spec.source, field);
  }
  for (const source of [...SOURCE_PRIORITY, 'detect'] as const) {
    const cert = certs.get(source);
    const key = keys.get(source);
    if (cert && key) return { cert, key, source };
  }
  return undefined;
}

/**
 * The source of a material field that Centrifugo reads, or undefined when it reads none: for a
 * certificate or key, its half of the loaded pair; for a CA, the highest-priority source set.
 */
export function sourceInUse(block: TlsBlock, role: 'cert' | 'key' | 'serverCa' | 'clientCa'): BlockField | undefined {
  if (role === 'cert' || role === 'key') {
    const pair = loadedPair(block);
    return pair ? pair[role] : undefined;
  }
  let best: BlockField | undefined;
  for (const field of block.effective.values()) {
    if (field.spec?.role !== role || !field.spec.source || !isSet(field)) continue;
    if (!best || sourceRank(field) < sourceRank(best)) best = field;
  }
  return best;
}

function sourceRank(field: BlockField): number {
  const source = field.spec?.source;
  return source === 'detect' ? 0 : SOURCE_PRIORITY.indexOf(source as SourceKind);
}
