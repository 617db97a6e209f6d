/**
 * TLS settings at a place the Centrifugo version in use does not read (`wrong-location`): the
 * documented top-level `tls`/`tls_autocert` objects and `unified_proxy` (read by no version), v6
 * sections in a v5 config, and v5 objects or flat keys in a v6 config. Each finding says where the
 * settings go instead; `data.moveTo` carries the concrete target for a quick fix.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { type CentrifugoVersion, FLAT_FAMILIES, type FlatFamily, type ObjectLocation } from '../../catalog/locations';
import { V6_TLS_PATHS } from '../../catalog/v6TlsPaths';
import type { ConfigModel } from '../../model';
import type { TlsBlock } from '../../model/blocks';
import type { DiagnosticDataOf } from '../../catalog/diagnosticData';
import { makeDiagnostic } from '../diagnostic';
import { concretize, flatFamilyForV6, keyFor, liveBlocks, nodeRange, objectLocationAt, q, subjectOf } from './shared';
import { type Spelling, spellingOf } from './spelling';

export function layoutDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const version = model.version.version;
  const out: Diagnostic[] = [];
  for (const block of liveBlocks(model)) {
    if (block.isRead) continue;
    if (block.location.shape === 'object') {
      if (block.keyNode) out.push(objectBlock(model, block, block.location, version));
    } else {
      out.push(...flatKeys(model, block, block.location));
    }
  }
  return out;
}

/** What a wrong-location diagnostic says and carries, before its own path is added. */
type LocationData = DiagnosticDataOf<'wrong-location'>;

interface Target {
  readonly text: string;
  readonly data: Omit<LocationData, 'path'>;
}

function flatFamilyBySwitch(switchKey: string, kind: TlsBlock['kind']): FlatFamily | undefined {
  return FLAT_FAMILIES.find((f) => f.container === '' && f.kind === kind && (kind === 'autocert' ? 'tls_autocert' : `${f.prefix}tls`) === switchKey);
}

/** Where v5 reads the settings of `location`: an object of its own, or flat keys. */
function v5Target(location: ObjectLocation, segments: TlsBlock['segments'], spelling: Spelling): Target | undefined {
  const moveTo = location.moveTo.v5;
  const object = moveTo ? objectLocationAt(moveTo) : undefined;
  if (moveTo && object?.readBy.v5) {
    const concrete = concretize(moveTo, segments);
    return { text: `Centrifugo v5 reads this TLS object at ${q(concrete)}.`, data: { moveTo: concrete, targetShape: 'object' } };
  }
  const family = (moveTo ? flatFamilyBySwitch(moveTo, location.kind) : undefined) ?? flatFamilyForV6(location.pattern);
  if (!family) return undefined;
  const p = family.prefix;
  const container = family.container ? concretize(family.container, segments) : '';
  const where = container ? `inside ${q(container)}` : 'at the top level';
  const switchKey = family.kind === 'autocert' ? 'tls_autocert' : `${p}tls`;
  const keys = family.kind === 'autocert'
    ? `${q(spelling.setting('tls_autocert', 'true'))}, ${q('tls_autocert_host_whitelist')} (one comma-separated string), ${q('tls_autocert_cache_dir')}, ${q('tls_autocert_email')}, ${q('tls_autocert_http')}, ${q('tls_autocert_http_addr')}`
    : `${q(spelling.setting(switchKey, 'true'))}, ${q(`${p}tls_cert`)} and ${q(`${p}tls_key`)} (file paths) or ${q(`${p}tls_cert_pem`)} and ${q(`${p}tls_key_pem`)} (PEM text)`;
  return {
    text: `Centrifugo v5 takes these settings as flat keys ${where}: ${keys}.`,
    data: { moveTo: container ? `${container}.${switchKey}` : switchKey, targetShape: 'flat', flatPrefix: p },
  };
}

/** The v6 TLS objects of the per-event gRPC proxies, which together replace v5's proxy_grpc_tls. */
const PROXY_EVENT_PATHS: readonly string[] = V6_TLS_PATHS
  // The events v5 had; later ones (map_publish...) never read proxy_grpc_tls.
  .filter(([path, since]) => since === 'v6.0.0' && /^(client|channel|rpc)\./.test(path) && path.endsWith('.grpc.tls'))
  .map(([path]) => path);

/** Where v6 reads the settings of `location`. */
function v6Target(location: ObjectLocation, segments: TlsBlock['segments']): Target | undefined {
  const moveTo = location.moveTo.v6;
  if (!moveTo) return undefined;
  const concrete = concretize(moveTo, segments);
  if (location.pattern === 'proxy_grpc_tls') {
    return {
      text: `Centrifugo v6 has one TLS object per gRPC proxy: ${PROXY_EVENT_PATHS.map(q).join(', ')}; copy these settings to the ones you use (the key names change too: ${q('cert_pem_file')} becomes ${q('cert_pem')}...).`,
      data: { moveTo: concrete, targetShape: 'object', alsoTo: PROXY_EVENT_PATHS.slice(1).join(',') },
    };
  }
  if (location.pattern === 'unified_proxy.grpc.tls') {
    return {
      text: `In Centrifugo v6, TLS for a gRPC proxy goes in ${q('proxies[].grpc.tls')} (named proxies) or in ${q('client.proxy.<event>.grpc.tls')}, ${q('channel.proxy.<event>.grpc.tls')}, ${q('rpc.proxy.grpc.tls')} (for example ${q('client.proxy.connect.grpc.tls')}).`,
      data: { moveTo: concrete, targetShape: 'object', alsoTo: PROXY_EVENT_PATHS.join(',') },
    };
  }
  return { text: `In Centrifugo v6 it goes in ${q(concrete)}.`, data: { moveTo: concrete, targetShape: 'object' } };
}

function objectBlock(model: ConfigModel, block: TlsBlock, location: ObjectLocation, version: CentrifugoVersion): Diagnostic {
  const range = nodeRange(model, block.keyNode ?? block.node);
  const path = block.path;
  const readers = (['v5', 'v6'] as const).filter((v) => location.readBy[v]);
  let message: string;
  let target: Target | undefined;
  if (location.pattern === 'unified_proxy.grpc.tls') {
    target = version === 'v6' ? v6Target(location, block.segments) : {
      text: `In Centrifugo v5, TLS for gRPC proxies goes in the top-level ${q('proxy_grpc_tls')} object (or ${q('proxies[].grpc_tls')} for a named proxy).`,
      data: { moveTo: 'proxy_grpc_tls', targetShape: 'object' },
    };
    message = `No Centrifugo version reads ${q('unified_proxy')}: it appears only in an example on the documentation page, so these TLS settings are ignored. ${target?.text ?? ''}`;
  } else if (readers.length === 0) {
    const top = location.pattern;
    target = version === 'v6' ? v6Target(location, block.segments) : v5Target(location, block.segments, spellingOf(model.tree.format));
    const what = block.kind === 'autocert' ? 'no automatic certificates are requested' : `${subjectOf(block)} runs without TLS`;
    message = version === 'v6'
      ? `Centrifugo v6 does not read a top-level ${q(top)} object (this layout comes from the documentation page): it logs ${q(top)} as an unknown key, and ${what}. ${target?.text ?? ''}`
      : `Centrifugo v5 does not read a ${q(top)} object (this layout comes from the documentation page): in v5 ${q(top)} is an on/off switch and an object reads as false, so ${what}. ${target?.text ?? ''}`;
  } else if (version === 'v5') {
    target = v5Target(location, block.segments, spellingOf(model.tree.format));
    message = `Centrifugo v5 does not read ${q(path)}: this is the Centrifugo v6 layout${location.since ? ` (since ${location.since})` : ''}, and v5 ignores it. ${target?.text ?? 'Centrifugo v5 has no TLS setting for this part.'}`;
  } else {
    target = v6Target(location, block.segments);
    message = `Centrifugo v6 does not read ${q(path)}: this is the Centrifugo v5 layout; v6 logs it as an unknown key and ignores these settings. ${target?.text ?? ''}`;
  }
  return makeDiagnostic(range, 'wrong-location', message.trim(), { data: { path, ...(target?.data ?? {}) } });
}

function flatKeys(model: ConfigModel, block: TlsBlock, family: FlatFamily): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = family.v6Location ? concretize(family.v6Location, block.segments) : undefined;
  const form = family.kind === 'autocert' ? 'autocert-object' : 'tls-object-v6';
  for (const field of block.fields) {
    if (field.overriddenBy) continue;
    const spec = field.spec;
    const range = nodeRange(model, field.keyNode);
    const head = `Centrifugo v6 does not read the flat key ${q(field.key)} (the v5 layout): it logs it as an unknown key and ignores it.`;
    let text: string;
    let data: LocationData = { path: field.path, ...(base ? { moveTo: base } : {}) };
    if (field.valueNode?.type === 'object' && base) {
      text = `In v6 this object goes in ${q(base)}.`;
    } else if (spec?.role === 'external') {
      text = `In v6 this is ${q('http_server.tls_external')}.`;
      data = { ...data, moveTo: 'http_server', moveToKey: 'tls_external', targetPath: 'http_server.tls_external' };
    } else if (spec?.role === 'disable') {
      text = `In v6 ${subjectOf(block)} never inherits the HTTP server's TLS, so this key has no counterpart: remove it.`;
      data = { path: field.path, remove: true };
    } else if (spec && base) {
      const targetKey = keyFor(form, spec.role) as string;
      const targetPath = `${base}.${targetKey}`;
      const note = spec.role === 'hostWhitelist' ? ' (an array of host names in v6)' : '';
      text = `In v6 this is ${q(targetPath)}${note}.`;
      data = { ...data, moveToKey: targetKey, targetPath };
    } else {
      text = '';
    }
    out.push(makeDiagnostic(range, 'wrong-location', `${head} ${text}`.trim(), { data }));
  }
  return out;
}
