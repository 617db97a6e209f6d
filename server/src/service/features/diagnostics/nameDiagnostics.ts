/**
 * `undefined-name`, `duplicate-name` and the name patterns (`invalid-value`) for proxies,
 * namespaces, rpc namespaces and consumers. Which checks stop Centrifugo, per version, is in
 * model/names.ts with the Go lines.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import { closestKeyAmong } from '../../catalog/closest';
import { formatPath } from '../../catalog/locations';
import type { CentrifugoVersion } from '../../catalog/locations';
import { type NameDefinition, type NameKind, nameDefinitions, nameReferences, nodeAt } from '../../model/names';
import { makeDiagnostic } from '../diagnostic';
import { nodeRange, q } from './shared';

const WORDS: Readonly<Record<NameKind, { one: string; list: Readonly<Record<CentrifugoVersion, string>> }>> = {
  proxy: { one: 'proxy', list: { v6: 'proxies', v5: 'proxies' } },
  namespace: { one: 'namespace', list: { v6: 'channel.namespaces', v5: 'namespaces' } },
  rpcNamespace: { one: 'rpc namespace', list: { v6: 'rpc.namespaces', v5: 'rpc_namespaces' } },
  consumer: { one: 'consumer', list: { v6: 'consumers', v5: 'consumers' } },
};

/**
 * Name patterns Go checks: internal/config/validate.go:200,505,508@v6.9.1; internal/rule/rule.go:113,
 * main.go:1892 and internal/consuming/consuming.go:46@v5.4.9.
 */
const PATTERNS: Readonly<Record<NameKind, RegExp>> = {
  proxy: /^[-a-zA-Z0-9_.]{2,}$/,
  namespace: /^[-a-zA-Z0-9_.]{2,}$/,
  rpcNamespace: /^[-a-zA-Z0-9_.]{2,}$/,
  consumer: /^[a-zA-Z0-9_]{2,}$/,
};

export function nameDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  const root = model.root;
  if (!root || root.type !== 'object') return [];
  const version = model.version.version;
  const out: Diagnostic[] = [];
  // v5 reads proxies[] only in granular proxy mode; a flag or env variable can turn it on.
  const v5ProxiesOff = version === 'v5' && nodeAt(root, ['granular_proxy_mode'])?.value !== true;
  const definitions = nameDefinitions(root, version);
  // Push, not spread: copying the list per definition made 20,000 proxies quadratic.
  const byKind = new Map<NameKind, NameDefinition[]>();
  for (const d of definitions) {
    const list = byKind.get(d.kind);
    if (list) list.push(d);
    else byKind.set(d.kind, [d]);
  }
  // The distinct names per kind, in definition order, built once: every reference asks.
  const namesOf = new Map<NameKind, { readonly set: ReadonlySet<string>; readonly list: readonly string[] }>();
  for (const [kind, defs] of byKind) {
    const set = new Set(defs.map((d) => d.name));
    namesOf.set(kind, { set, list: [...set] });
  }

  for (const [kind, defs] of byKind) {
    const seen = new Map<string, NameDefinition>();
    const offNote = kind === 'proxy' && v5ProxiesOff;
    for (const d of defs) {
      // Formatted only for a finding: most definitions have none.
      const at = (): string => formatPath(d.path);
      if (!PATTERNS[kind].test(d.name)) {
        out.push(makeDiagnostic(nodeRange(model, d.node), 'invalid-value',
          `${JSON.stringify(d.name)} is not a valid ${WORDS[kind].one} name: it needs at least two characters, each a letter, digit or underscore${kind === 'consumer' ? '' : ', hyphen or dot'}. ${offNote ? 'Centrifugo v5 checks it once granular_proxy_mode is on.' : 'Centrifugo stops at start-up.'}`,
          { severity: offNote ? 'warning' : 'error', data: { path: at() } }));
      }
      if (version === 'v6' && kind === 'proxy' && d.name === 'default') {
        out.push(makeDiagnostic(nodeRange(model, d.node), 'invalid-value',
          '"default" is reserved for the proxy blocks under `channel.proxy` and `rpc.proxy`: Centrifugo stops at start-up. Give this proxy another name.',
          { data: { path: at() } }));
      }
      const first = seen.get(d.name);
      if (first) {
        const line = model.document.positionAt(first.node.offset).line + 1;
        out.push(makeDiagnostic(nodeRange(model, d.node), 'duplicate-name',
          `Another ${WORDS[kind].one} is already named ${JSON.stringify(d.name)} (line ${line}): ${offNote ? 'Centrifugo v5 refuses this once granular_proxy_mode is on.' : 'Centrifugo stops at start-up.'} Give each one its own name.`,
          { severity: offNote ? 'warning' : 'error', data: { path: at(), first: formatPath(first.path) } }));
      } else {
        seen.set(d.name, d);
      }
    }
  }

  for (const ref of nameReferences(root, version)) {
    const names = namesOf.get(ref.kind);
    if (names?.set.has(ref.name) || ref.builtIn.includes(ref.name)) continue;
    const candidates = [...(names?.list ?? []), ...ref.builtIn];
    const closest = closestKeyAmong(ref.name, candidates);
    const off = ref.kind === 'proxy' && v5ProxiesOff;
    const list = WORDS[ref.kind].list[version];
    const defined = candidates.length > 0 ? ` Defined: ${candidates.map((n) => JSON.stringify(n)).join(', ')}.` : ` ${q(list)} defines none.`;
    const effect = off
      ? 'Centrifugo v5 looks it up only in granular proxy mode (`granular_proxy_mode` is off here), and then stops at start-up'
      : 'Centrifugo stops at start-up';
    out.push(makeDiagnostic(nodeRange(model, ref.node), 'undefined-name',
      `No ${WORDS[ref.kind].one} in ${q(list)} is named ${JSON.stringify(ref.name)}: ${effect}.${closest ? ` Did you mean ${JSON.stringify(closest)}?` : defined}`,
      { severity: off ? 'warning' : 'error', data: { path: formatPath(ref.path), ...(closest ? { suggestion: closest } : {}) } }));
  }
  return out;
}
