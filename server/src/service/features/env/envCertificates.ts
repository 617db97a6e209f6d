/**
 * Certificate checks and lenses for TLS values in an env file, by the config engine itself: the
 * env file's variables are applied over a minimal config (the named items they address, the
 * blocks they fill switched on) and every certificate, key and CA check of a config runs on it.
 * Findings come back to the variable that holds the value.
 */
import type { CodeLens, Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticCode } from '../../catalog/codes';
import type { EnvDocumentModel } from '../../env/document';
import { optionOfEnvName } from '../../env/names';
import type { EnvOverlay } from '../../env/overlay';
import { isMaterialOption } from './envPem';
import { nameRange, valueRange } from './envNameDiagnostics';

/** Codes about the material itself; pair and block findings depend on the config, not on this file. */
const MATERIAL_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'missing-file', 'invalid-base64', 'base64-not-pem', 'invalid-pem', 'wrong-pem-type', 'der-not-pem', 'encrypted-key',
  'cert-expired', 'cert-expiring', 'cert-not-yet-valid', 'key-mismatch', 'chain-order', 'ca-as-leaf', 'no-san',
  'weak-key', 'weak-signature', 'ca-bundle-invalid',
]);

type Json = { [key: string]: Json } | Json[] | string | boolean;

function setDeep(root: { [key: string]: Json }, path: readonly string[], value: Json): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!];
    if (next === undefined || typeof next !== 'object' || Array.isArray(next)) node[path[i]!] = {};
    node = node[path[i]!] as { [key: string]: Json };
  }
  if (!(path[path.length - 1]! in node)) node[path[path.length - 1]!] = value;
}

/**
 * The config the variables are applied to: named items they address (by the name they use),
 * and the switch of every TLS block they fill, so the block is read.
 */
export function virtualConfigText(model: EnvDocumentModel): string | undefined {
  const root: { [key: string]: Json } = {};
  let any = false;
  for (const v of model.variables) {
    const target = optionOfEnvName(model.version, v.name);
    if (!target || !isMaterialOption(target.option)) continue;
    any = true;
    const segments = target.option.path.split('.');
    if (target.array && target.itemEnvName) {
      const arrayPath = target.array.split('.');
      let holder = root;
      for (const seg of arrayPath.slice(0, -1)) holder = (holder[seg] ??= {}) as { [key: string]: Json };
      const items = (holder[arrayPath[arrayPath.length - 1]!] ??= []) as { [key: string]: Json }[];
      let item = items.find((i) => i.name === target.itemEnvName);
      if (!item) items.push((item = { name: target.itemEnvName }));
      const rest = target.option.path.slice(`${target.array}[].`.length).split('.');
      if (rest.length > 1) setDeep(item, [...rest.slice(0, -1), 'enabled'], true);
      continue;
    }
    if (model.version === 'v6' || segments.length > 1) {
      if (segments.length > 1) setDeep(root, [...segments.slice(0, -1), 'enabled'], true);
    } else {
      const family = /^(.*tls)_(cert|key|root_ca|client_ca|server_ca)/.exec(segments[0]!);
      if (family) root[family[1]!] = true;
    }
  }
  return any ? JSON.stringify(root) : undefined;
}

/** The variable a finding of the virtual config is about. */
function variableOf(overlay: EnvOverlay | undefined, path: unknown): string | undefined {
  return typeof path === 'string' ? overlay?.byPath.get(path)?.variable.name : undefined;
}

export function mapDiagnostics(model: EnvDocumentModel, overlay: EnvOverlay | undefined, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (!MATERIAL_CODES.has(d.code as DiagnosticCode)) continue;
    const data = (d.data ?? {}) as Record<string, unknown>;
    const name = variableOf(overlay, data.path);
    const variable = name ? model.variables.find((v) => v.name === name) : undefined;
    if (!variable) continue;
    out.push({ ...d, range: valueRange(model, variable), data: { ...data, envVar: variable.name } });
  }
  return out;
}

const ENV_PREFIX_OF_TITLE = /From \S+ \([^)]*\) · /;

export function mapLenses(model: EnvDocumentModel, overlay: EnvOverlay | undefined, lenses: readonly CodeLens[]): CodeLens[] {
  const out: CodeLens[] = [];
  for (const lens of lenses) {
    const path = lens.command?.arguments?.[1];
    const name = variableOf(overlay, path);
    const variable = name ? model.variables.find((v) => v.name === name) : undefined;
    if (!variable || !lens.command) continue;
    out.push({
      range: nameRange(model, variable),
      command: { ...lens.command, title: lens.command.title.replace(ENV_PREFIX_OF_TITLE, ''), arguments: [model.document.uri, path] },
    });
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line);
  return out;
}
