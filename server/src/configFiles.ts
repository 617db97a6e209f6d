/**
 * Which files are Centrifugo configs: the one rule, shared by the client (its document selector,
 * activation events) and the server (which documents it serves, which are "listed" by the user).
 * Pure: no editor, no file system; paths are plain strings.
 *
 * A file is served when its format is one the model reads (SERVED_FORMATS) and either
 *   - its base name is a default config name: `config.<ext>` or `centrifugo*.<ext>` (plus a
 *     format's own `names`), matched in any folder, with or without a workspace; or
 *   - it matches a `centrifugo.files` glob: relative to the innermost workspace folder holding it,
 *     or against its absolute path; a glob without `/` matches the base name anywhere (as VS
 *     Code's `files.associations` does), so `prod.json` works for a file opened on its own.
 * Listed files are trusted to be Centrifugo configs whatever their content; default names are
 * still checked by content (recognize.ts), since many programs have a `config.json`.
 *
 * To add a format: one entry in CONFIG_FORMATS, and its id in SERVED_FORMATS once the model
 * parses it; package.json's activation events are tested against this table
 * (test/unit/config-files.test.ts).
 */
import { minimatch } from 'minimatch';

export type ConfigFormatId = 'json' | 'yaml' | 'toml';

export interface ConfigFormat {
  readonly id: ConfigFormatId;
  /** File name extensions, without the dot, lower case. */
  readonly extensions: readonly string[];
  /** VS Code language ids whose documents may be in this format. */
  readonly languages: readonly string[];
  /** Base-name globs served by default besides `config.<ext>` and `centrifugo*.<ext>`. */
  readonly names?: readonly string[];
}

export const CONFIG_FORMATS: Readonly<Record<ConfigFormatId, ConfigFormat>> = {
  json: { id: 'json', extensions: ['json'], languages: ['json', 'jsonc'] },
  yaml: { id: 'yaml', extensions: ['yaml', 'yml'], languages: ['yaml'] },
  toml: { id: 'toml', extensions: ['toml'], languages: ['toml'] },
};

/** Formats the model reads today; a file of another format is not served even when it is listed. */
export const SERVED_FORMATS: readonly ConfigFormatId[] = ['json', 'yaml', 'toml'];

/** Base names every served format answers to. */
const DEFAULT_STEMS = ['config', 'centrifugo*'];

/** Language ids of every served format: the client syncs documents of these languages. */
export function servedLanguages(): string[] {
  return [...new Set(SERVED_FORMATS.flatMap((id) => CONFIG_FORMATS[id].languages))];
}

/** Base-name globs served without a setting (`config.json`, `centrifugo*.json`, ...). */
export function defaultNameGlobs(): string[] {
  return SERVED_FORMATS.flatMap((id) => {
    const format = CONFIG_FORMATS[id];
    return [...DEFAULT_STEMS.flatMap((stem) => format.extensions.map((ext) => `${stem}.${ext}`)), ...(format.names ?? [])];
  });
}

export interface ConfigFileMatch {
  readonly format: ConfigFormatId;
  /** Matched by a `centrifugo.files` glob: a config whatever its content. */
  readonly listed: boolean;
  /** The innermost workspace folder that holds the file, if any. */
  readonly folder?: string;
}

/** Forward slashes, no trailing slash: one spelling for comparing and globbing. */
function normalize(p: string): string {
  const slashed = p.replace(/\\/g, '/');
  return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function formatOf(name: string): ConfigFormatId | undefined {
  const lower = name.toLowerCase();
  return SERVED_FORMATS.find((id) => {
    const format = CONFIG_FORMATS[id];
    return format.extensions.some((ext) => lower.endsWith(`.${ext}`)) || (format.names ?? []).some((glob) => minimatch(name, glob, { dot: true }));
  });
}

/** The innermost of `folders` (absolute paths, returned as given) that holds `file`. */
export function containingFolder(file: string, folders: readonly string[]): string | undefined {
  const target = normalize(file);
  const holds = (folder: string) => {
    const n = normalize(folder);
    return target.startsWith(n.endsWith('/') ? n : `${n}/`);
  };
  return folders.filter(holds).sort((x, y) => normalize(y).length - normalize(x).length)[0];
}

/** Whether a `centrifugo.files` glob names the file (see the module comment for how). */
function listedBy(glob: string, file: string, folder: string | undefined): boolean {
  const pattern = normalize(glob.trim());
  if (!pattern) return false;
  const options = { dot: true };
  if (!pattern.includes('/')) return minimatch(baseName(file), pattern, options);
  if (folder !== undefined) {
    const base = normalize(folder);
    const relative = file.slice(base.length + (base.endsWith('/') ? 0 : 1));
    if (minimatch(relative, pattern.replace(/^\.\//, ''), options)) return true;
  }
  return minimatch(file, pattern, options);
}

/**
 * Whether the file at `filePath` (absolute) is a config we serve, given the workspace folders
 * (absolute paths) and the user's `centrifugo.files` globs; undefined when it is not.
 */
export function matchConfigFile(filePath: string, folders: readonly string[], listedGlobs: readonly string[]): ConfigFileMatch | undefined {
  const file = normalize(filePath);
  const name = baseName(file);
  const format = formatOf(name);
  if (!format) return undefined;
  const folder = containingFolder(file, folders);
  const listed = listedGlobs.some((glob) => typeof glob === 'string' && listedBy(glob, file, folder));
  const byName = defaultNameGlobs().some((glob) => minimatch(name, glob, { dot: true, nocase: true }));
  if (!listed && !byName) return undefined;
  return folder === undefined ? { format, listed } : { format, listed, folder };
}
