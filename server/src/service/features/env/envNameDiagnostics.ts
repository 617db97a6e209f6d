/**
 * Findings about the names and values of an env file's variables: names Centrifugo does not read
 * (with the closest one), names of the other version (with the rename), values that do not parse
 * as the option's type, and Kubernetes-shaped names.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import { closestKeyAmong } from '../../catalog/closest';
import { optionAt, v5SourcesOf, v6TargetsOf, type MajorVersion } from '../../catalog/options';
import type { EnvDocumentModel } from '../../env/document';
import { allEnvTemplates, ENV_PREFIX, envTemplate, optionOfEnvName } from '../../env/names';
import type { EnvVariable } from '../../env/sources';
import { parseEnvValue } from '../../env/values';
import { makeDiagnostic } from '../diagnostic';

/** Names Kubernetes injects for Services; Centrifugo skips them in its unknown-variable warning (config.go:410@v6.9.1). */
const KUBERNETES_NAME = /^CENTRIFUGO(?:_[A-Z0-9_]+)?_(PORT|SERVICE_)/;
/** Custom variables for `${CENTRIFUGO_VAR_...}` expansion in string maps (config.go:416-420@v6.9.1). */
const CUSTOM_PREFIX = 'CENTRIFUGO_VAR_';

export function nameRange(model: EnvDocumentModel, v: EnvVariable): Range {
  return Range.create(model.document.positionAt(v.nameStart), model.document.positionAt(v.nameEnd));
}

export function valueRange(model: EnvDocumentModel, v: EnvVariable): Range {
  return Range.create(model.document.positionAt(v.valueStart), model.document.positionAt(v.valueEnd));
}

/** The variable of the other version that sets what `name` set there, if there is exactly that one. */
export function renameAcrossVersions(name: string, from: MajorVersion, to: MajorVersion): string | undefined {
  const target = optionOfEnvName(from, name);
  if (!target) return undefined;
  const paths = from === 'v5'
    ? v6TargetsOf(target.option.path).flatMap((m) => (m.v6Path ? [m.v6Path] : []))
    : v5SourcesOf(target.option.path).map((m) => m.v5Path);
  for (const p of paths) {
    const option = optionAt(to, p);
    const template = option ? envTemplate(option) : undefined;
    if (template && !template.includes('<NAME>')) return template;
    if (template && target.itemEnvName) return template.replace('<NAME>', target.itemEnvName);
  }
  return undefined;
}

function closestName(version: MajorVersion, name: string): string | undefined {
  const byLower = new Map<string, string>();
  for (const t of allEnvTemplates(version)) if (!t.name.includes('<NAME>')) byLower.set(t.name.toLowerCase(), t.name);
  const found = closestKeyAmong(name, byLower.keys());
  return found ? byLower.get(found) : undefined;
}

export function envNameDiagnostics(model: EnvDocumentModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { version } = model;
  const other: MajorVersion = version === 'v6' ? 'v5' : 'v6';
  for (const v of model.variables) {
    if (!v.name.startsWith(ENV_PREFIX) || v.name.startsWith(CUSTOM_PREFIX)) continue;
    const target = optionOfEnvName(version, v.name);
    const range = nameRange(model, v);
    if (!target) {
      if (KUBERNETES_NAME.test(v.name)) {
        out.push(makeDiagnostic(range, 'env-kubernetes-name',
          `\`${v.name}\` has the shape of a variable Kubernetes sets for a Service. Centrifugo reads no option from it and, unlike other unknown names, does not even warn about it.`,
          { data: { envVar: v.name } }));
        continue;
      }
      const renamed = optionOfEnvName(other, v.name) ? renameAcrossVersions(v.name, other, version) : undefined;
      if (optionOfEnvName(other, v.name)) {
        out.push(makeDiagnostic(range, 'env-other-version-name',
          `\`${v.name}\` is a Centrifugo ${other} name; ${version} does not read it${renamed ? `. In ${version} it is \`${renamed}\`.` : ', and has no variable for the same setting.'}`,
          { data: { envVar: v.name, ...(renamed ? { newName: renamed } : {}) } }));
        continue;
      }
      const closest = closestName(version, v.name);
      out.push(makeDiagnostic(range, 'env-unknown-name',
        `Centrifugo ${version} reads no variable named \`${v.name}\`${version === 'v6' ? ' (it logs "unknown var in environment" and goes on)' : ''}.${closest ? ` Did you mean \`${closest}\`?` : ''}`,
        { data: { envVar: v.name, ...(closest ? { newName: closest } : {}) } }));
      continue;
    }
    if (v.value === undefined || v.value === '') continue;
    const parsed = parseEnvValue(version, target.option, v.value);
    if (!parsed.ok) {
      const consequence = version === 'v6'
        ? 'Centrifugo v6 stops at start-up with "error processing env".'
        : 'Centrifugo v5 uses the zero value without a word.';
      out.push(makeDiagnostic(valueRange(model, v), 'env-bad-value',
        `\`${v.name}\` sets \`${target.option.path}\`, which takes ${parsed.expected}. ${consequence}`,
        { severity: version === 'v6' ? 'error' : 'warning', data: { envVar: v.name, path: target.option.path } }));
    }
  }
  return out;
}
