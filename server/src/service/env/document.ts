/**
 * An env file opened on its own (`.env`, a compose file, a Kubernetes manifest): its variables
 * with their ranges, and the Centrifugo version they are meant for.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MajorVersion } from '../catalog/options';
import type { Settings } from '../settings';
import { parseDotenv, type DotenvFile } from './dotenv';
import { ENV_PREFIX, optionOfEnvName } from './names';
import { dotenvSource, isDotenvFileName } from './readers';
import type { EnvSource, EnvVariable } from './sources';
import { readYamlEnvSources } from './yamlSources';

export interface EnvDocumentModel {
  readonly kind: 'dotenv' | 'yaml';
  readonly document: TextDocument;
  readonly file: string;
  readonly version: MajorVersion;
  readonly versionOrigin: 'setting' | 'detected' | 'default';
  /** Every assignment in document order (a dotenv file with an error: those before it). */
  readonly variables: readonly EnvVariable[];
  readonly dotenv?: DotenvFile;
  readonly sources: readonly EnvSource[];
}

/** The file name a document stands for (its path, or the last segment of its URI). */
export function fileOfUri(uri: string, configPath: string | undefined): string {
  if (configPath) return configPath;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/**
 * v5 or v6 from the setting, else from the names: a name only one version reads is evidence; with
 * none, v6 (the current line).
 */
export function envVersion(variables: readonly EnvVariable[], setting: Settings['version']): { version: MajorVersion; origin: EnvDocumentModel['versionOrigin'] } {
  if (setting === 'v5' || setting === 'v6') return { version: setting, origin: 'setting' };
  let v5 = 0;
  let v6 = 0;
  for (const v of variables) {
    if (!v.name.startsWith(ENV_PREFIX)) continue;
    const in5 = optionOfEnvName('v5', v.name) !== undefined;
    const in6 = optionOfEnvName('v6', v.name) !== undefined;
    if (in5 && !in6) v5++;
    if (in6 && !in5) v6++;
  }
  if (v5 === 0 && v6 === 0) return { version: 'v6', origin: 'default' };
  return { version: v5 > v6 ? 'v5' : 'v6', origin: 'detected' };
}

export function buildEnvDocument(document: TextDocument, file: string, settings: Settings): EnvDocumentModel {
  const text = document.getText();
  if (isDotenvFileName(file)) {
    const dotenv = parseDotenv(text);
    const source = dotenvSource(dotenv, text, file);
    // The editor works on what the user wrote so far, even past godotenv's first error.
    const variables = dotenvSource({ ...dotenv, error: undefined }, text, file).variables;
    const { version, origin } = envVersion(variables, settings.version);
    return { kind: 'dotenv', document, file, version, versionOrigin: origin, variables, dotenv, sources: [source] };
  }
  const sources = readYamlEnvSources(text, file);
  const variables = sources.flatMap((s) => s.variables);
  const { version, origin } = envVersion(variables, settings.version);
  return { kind: 'yaml', document, file, version, versionOrigin: origin, variables, sources };
}
