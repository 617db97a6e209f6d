/**
 * The whole config as Centrifugo reads it: every key is looked up in the option catalog of the
 * version in use, with one rule per code for the whole file.
 * - `unknown-field`: a key no struct field reads at that place. v6 logs each one and
 *   `checkconfig --strict` fails on them (findUnknownKeys, internal/config/config.go:308-365@v6.9.1);
 *   v5 warns for namespace, proxy and consumer items (internal/rule/unknown_keys.go@v5.4.9).
 * - `unknown-in-version`: a key of the other major version (with where it lives now, from
 *   v5-to-v6.tsv), a key removed in a v6 release, or one newer than the pinned minor.
 * - `type-mismatch` / `invalid-value`: Go's value rules (valueRules.ts).
 * TLS and autocert blocks keep their own, deeper checks (fieldDiagnostics.ts): this walk leaves
 * every key of a TLS block to it, so each key gets one finding.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import {
  type MajorVersion, type OptionInfo, type PathPart, type VersionSpec, formatVersion, lookupOption, optionAt, v5SourcesOf, v5SourcesUnder, v6TargetsOf,
} from '../../catalog/options';
import { formatPath } from '../../catalog/locations';
import type { ConfigModel } from '../../model';
import { RECOGNITION_THRESHOLD } from '../../model/recognize';
import { versionSpecOf } from '../../model/version';
import { makeDiagnostic } from '../diagnostic';
import { isOverriddenProperty } from '../../model/duplicates';
import type { Node } from '../../model/tree';
import { isLegacyTopLevelKey } from './startupDiagnostics';
import { nodeRange, q } from './shared';
import { spellingOf } from './spelling';
import { type Reader, checkValue } from './valueRules';

/** The format-neutral config tree (model/tree.ts): JSON, YAML and TOML give the same nodes. */
type TreeNode = Node;

/** Where the v6 container of a key sat in v5 (and back): named arrays changed place. */
const V6_TO_V5_CONTAINER: readonly (readonly [v6: string, v5: string])[] = [
  ['channel.namespaces[]', 'namespaces[]'],
  ['rpc.namespaces[]', 'rpc_namespaces[]'],
  ['proxies[]', 'proxies[]'],
  ['consumers[]', 'consumers[]'],
];

function mapContainer(pattern: string, from: MajorVersion): string | undefined {
  if (pattern === '') return '';
  for (const [v6, v5] of V6_TO_V5_CONTAINER) {
    const [src, dst] = from === 'v6' ? [v6, v5] : [v5, v6];
    if (pattern === src || pattern.startsWith(`${src}.`)) return dst + pattern.slice(src.length);
  }
  return undefined;
}

const join = (container: string, key: string): string => (container ? `${container}.${key}` : key);


/**
 * Properties whose keys the TLS validators own: block keys and every field of a block, and the
 * sections around a block the version does not read (`unified_proxy`), which the layout
 * validator reports as one `wrong-location`.
 */
function tlsOwned(model: ConfigModel): Set<TreeNode> {
  const owned = new Set<TreeNode>();
  for (const block of model.blocks) {
    if (block.location.shape === 'object' && block.keyNode?.parent) {
      owned.add(block.keyNode.parent);
      if (!block.isRead) {
        for (let p: TreeNode | undefined = block.keyNode.parent.parent; p; p = p.parent) if (p.type === 'property') owned.add(p);
      }
    }
    for (const field of block.fields) owned.add(field.property);
  }
  return owned;
}

function readerFor(version: MajorVersion, path: readonly PathPart[]): Reader {
  if (version === 'v6') return 'decoder';
  return path.some((p) => typeof p === 'number') ? 'decoder-v5-items' : 'lenient';
}

export function optionDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const root = model.root;
  if (!root || root.type !== 'object') return [];
  // A file checked only because it was named (CLI argument, `centrifugo.files`) whose keys are
  // mostly not Centrifugo's: every key would be "unknown", which tells the user nothing.
  const { knownKeys, totalKeys } = model.recognition;
  if (totalKeys > 0 && knownKeys / totalKeys < RECOGNITION_THRESHOLD) return [];
  const version = versionSpecOf(model.version);
  const owned = tlsOwned(model);
  const out: Diagnostic[] = [];
  // An explicit stack: a deeply nested file must not exhaust ours.
  const stack: { node: TreeNode; path: PathPart[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: TreeNode; path: PathPart[] };
    if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => {
        if (item.type === 'object') stack.push({ node: item, path: [...path, i] });
      });
      continue;
    }
    for (const prop of node.children ?? []) {
      // TLS blocks, legacy-key's keys and earlier duplicates (Go keeps the last) have their own findings.
      // The walk never enters a dropped property, so no ancestor of `prop` is dropped and asking about
      // `prop` itself is enough (droppedBy would cache an entry for every property of the file).
      if (owned.has(prop) || isOverriddenProperty(prop)) continue;
      const keyNode = prop.children?.[0];
      const value = prop.children?.[1];
      if (!keyNode || typeof keyNode.value !== 'string') continue;
      const key = keyNode.value;
      if (path.length === 0 && isLegacyTopLevelKey(key)) continue;
      const childPath = [...path, key];
      const found = lookupOption(version, childPath);
      // Formatted only for a finding: nearly every key of a big config has none.
      const at = (): string => formatPath(childPath);
      switch (found.status) {
        case 'option': {
          const option = found.option;
          if (key !== key.toLowerCase() && !path.some((p) => typeof p === 'number')) {
            out.push(makeDiagnostic(nodeRange(model, keyNode), 'unknown-field',
              `Centrifugo matches keys without regard to case, so this is read as ${q(option.key)}; write it in lower case.`,
              { severity: 'information', data: { path: at(), suggestion: option.key } }));
          }
          if (!value) break;
          out.push(...valueDiagnostics(model, option, value, at, readerFor(version.major, childPath)));
          if ((option.kind === 'object' && value.type === 'object') || (option.kind === 'objectList' && value.type === 'array')) {
            stack.push({ node: value, path: childPath });
          }
          break;
        }
        case 'item': case 'element': case 'map-entry': case 'inside-value':
          break;
        case 'removed': {
          const gone = found.option;
          if (readByPinned(gone, version)) break;
          out.push(makeDiagnostic(nodeRange(model, keyNode), 'unknown-in-version',
            `${q(key)} was read by Centrifugo ${gone.since} to ${gone.lastRelease} and is gone since ${gone.removedIn}: newer releases log it as an unknown key and ignore it.`,
            { data: { path: at(), removedIn: gone.removedIn } }));
          break;
        }
        case 'newer':
          out.push(makeDiagnostic(nodeRange(model, keyNode), 'unknown-in-version',
            `${q(key)} first appeared in Centrifugo ${found.option.since}; the pinned ${formatVersion(found.pinned)} does not read it and logs it as an unknown key.`,
            { data: { path: at(), since: found.option.since } }));
          break;
        case 'unknown':
          out.push(unknownKey(model, version.major, found.parentPattern, formatPath(path), key, keyNode, at(), found.closest));
          break;
      }
    }
  }
  return out;
}

/** A removed key is fine when the pinned release still read it (`v6.5` and `dev`). */
function readByPinned(option: OptionInfo, version: VersionSpec): boolean {
  if (version.minor === undefined || !option.since || !option.lastRelease) return false;
  const minorOf = (v: string): number => Number(v.split('.')[1]);
  return minorOf(option.since) <= version.minor && version.minor <= minorOf(option.lastRelease);
}

function valueDiagnostics(model: ConfigModel, option: OptionInfo, value: TreeNode, at: () => string, reader: Reader): Diagnostic[] {
  const findings = checkValue(option, value, reader, { spelling: spellingOf(model.tree.format), text: model.document.getText() });
  if (findings.length === 0) return [];
  return findings.map((f) => {
    let message = f.message;
    let moveTo: string | undefined;
    // `"engine": "redis"` in v6: name where the v5 setting lives now.
    if (option.version === 'v6' && option.kind === 'object' && value.type !== 'object') {
      const targets = v6TargetsOf(option.path).filter((m) => m.v6Path);
      if (targets.length === 1 && targets[0].v6Path) {
        moveTo = targets[0].v6Path;
        message += ` In v5 this key held the value itself; v6 reads it as ${q(moveTo)}.`;
      }
    }
    return makeDiagnostic(nodeRange(model, value), f.code, message, {
      severity: f.severity,
      data: { path: at(), ...(f.replacement !== undefined ? { replacement: f.replacement } : {}), ...(moveTo ? { moveTo } : {}) },
    });
  });
}

function unknownKey(
  model: ConfigModel, version: MajorVersion, container: string, parentAt: string, key: string, keyNode: TreeNode, at: string,
  closest: string | undefined,
): Diagnostic {
  const range = nodeRange(model, keyNode);
  const lower = key.toLowerCase();
  const otherContainer = mapContainer(container, version);
  if (otherContainer !== undefined) {
    const otherPath = join(otherContainer, lower);
    if (version === 'v6' && (optionAt('v5', otherPath) || v6TargetsOf(otherPath).length > 0)) {
      const targets = v6TargetsOf(otherPath);
      const places = targets.map((m) => m.v6Path).filter((p): p is string => !!p);
      const note = targets.find((m) => m.note)?.note;
      const where = places.length === 0
        ? ' v6 has no setting that does the same.'
        : places.length === 1 ? ` In v6 it is ${q(places[0])}.` : ` In v6 it is set per proxy: ${places.slice(0, 3).map(q).join(', ')}${places.length > 3 ? `, and ${places.length - 3} more` : ''}.`;
      return makeDiagnostic(range, 'unknown-in-version',
        `${q(key)} is a Centrifugo v5 setting: v6 logs it as an unknown key and ignores it.${where}${note ? ` (${note})` : ''}`,
        { data: { path: at, v5Path: otherPath, ...(places.length === 1 ? { moveTo: places[0] } : {}) } });
    }
    if (version === 'v5' && optionAt('v6', otherPath)) {
      const sources = v5SourcesOf(otherPath).map((m) => m.v5Path);
      const inside = sources.length === 0 ? [...new Set(v5SourcesUnder(otherPath).map((m) => m.v5Path))] : [];
      const where = sources.length > 0 ? ` v5 reads this setting as ${q(sources[0])}.`
        : inside.length > 0 ? ` In v5 the settings of this section are flat keys such as ${inside.slice(0, 2).map(q).join(' and ')}.`
          : ' v5 has no setting that does the same.';
      return makeDiagnostic(range, 'unknown-in-version',
        `${q(key)} is a Centrifugo v6 setting, which v5 does not read.${where} Pin the version to v6 if the config is for v6.`,
        { data: { path: at, v6Path: otherPath, ...(sources.length === 1 ? { moveTo: sources[0] } : {}) } });
    }
  }
  const effect = version === 'v6'
    ? 'Centrifugo v6 logs it as an unknown key and ignores it; `centrifugo checkconfig --strict` fails on it'
    : container === '' ? 'Centrifugo v5 never reads it' : 'Centrifugo v5 logs it as an unknown key and ignores it';
  const place = container === '' ? 'a top-level option' : `an option of ${q(parentAt)}`;
  return makeDiagnostic(range, 'unknown-field',
    `${q(key)} is not ${place}: ${effect}.${closest ? ` Did you mean ${q(closest)}?` : ''}`,
    { data: { path: at, ...(closest ? { suggestion: closest } : {}) } });
}
