/**
 * Which environment sources belong to a config, and reading them through the injected
 * environment. By default: `.env` and compose files in the config's folder and in the workspace
 * root; the `centrifugo.envFiles` globs (relative to the workspace folder) replace that. The CLI
 * passes its sources itself (`--env-file`, `--env`) and discovers nothing.
 *
 * Precedence, highest first: the process environment (compose `environment:`, Kubernetes `env:`,
 * the CLI's `--env`) over compose `env_file:` files over `.env`, which godotenv loads without
 * replacing a variable already set (`godotenv.go:197-200`@v1.5.1).
 */
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { type DocumentContext, resolveAgainst } from '../documentContext';
import type { ServiceEnvironment } from '../environment';
import type { Settings } from '../settings';
import { dotenvSource, isDotenvFileName, readEnvSources } from './readers';
import { parseDotenv } from './dotenv';
import type { EnvSource, EnvVariable } from './sources';
import { isComposeFileName } from './yamlSources';

/** Env files are small; a 1 MB `.env` is already a mistake, and we read no further. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;
/** How deep the `centrifugo.envFiles` globs look under the workspace folder. */
const GLOB_DEPTH = 6;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

export async function readTextFile(env: ServiceEnvironment, file: string): Promise<string | undefined> {
  const result = await env.readFile(file, MAX_ENV_FILE_BYTES);
  return result.ok ? new TextDecoder('utf-8', { fatal: false }).decode(result.bytes) : undefined;
}

function hasGlobMagic(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

async function globFiles(env: ServiceEnvironment, folder: string, patterns: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const literal = patterns.filter((p) => !hasGlobMagic(p));
  const globs = patterns.filter(hasGlobMagic);
  for (const p of literal) out.push(resolveAgainst(folder, p));
  if (globs.length) {
    const queue: { dir: string; depth: number }[] = [{ dir: folder, depth: 0 }];
    while (queue.length) {
      const { dir, depth } = queue.shift()!;
      for (const entry of await env.readDirectory(dir)) {
        const full = path.join(dir, entry.name);
        if (entry.kind === 'directory') {
          if (depth < GLOB_DEPTH && !SKIPPED_DIRS.has(entry.name)) queue.push({ dir: full, depth: depth + 1 });
        } else if (entry.kind === 'file') {
          const relative = path.relative(folder, full).split(path.sep).join('/');
          if (globs.some((g) => minimatch(relative, g, { dot: true }))) out.push(full);
        }
      }
    }
  }
  return [...new Set(out)];
}

/** The env files of a config: absolute paths, in the order they are read. */
export async function envFilesFor(env: ServiceEnvironment, settings: Settings, doc: DocumentContext): Promise<string[]> {
  const folder = doc.workspaceFolder ?? (doc.configPath ? path.dirname(doc.configPath) : undefined);
  if (!folder) return [];
  if (settings.envFiles.length) return globFiles(env, folder, settings.envFiles);
  const dirs = [...new Set([doc.configPath ? path.dirname(doc.configPath) : undefined, doc.workspaceFolder].filter((d): d is string => !!d))];
  const out: string[] = [];
  for (const dir of dirs) {
    const names = (await env.readDirectory(dir)).filter((e) => e.kind === 'file').map((e) => e.name).sort();
    for (const name of names) if (name === '.env' || isComposeFileName(name)) out.push(path.join(dir, name));
  }
  return out;
}

/** Reads env files (following compose `env_file:`), ordered highest precedence first. */
export async function readEnvFiles(env: ServiceEnvironment, files: readonly string[]): Promise<EnvSource[]> {
  const processLevel: EnvSource[] = [];
  const composeFiles: EnvSource[] = [];
  const dotenvFiles: EnvSource[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const text = await readTextFile(env, file);
    if (text === undefined) continue;
    for (const source of readEnvSources(text, file)) {
      if (source.kind === 'dotenv') {
        if (!seen.has(file)) dotenvFiles.push(source);
        seen.add(file);
        continue;
      }
      processLevel.push(source);
      for (const ref of source.envFiles) {
        if (seen.has(ref.path)) continue;
        seen.add(ref.path);
        const refText = await readTextFile(env, ref.path);
        if (refText !== undefined) composeFiles.push(dotenvSource(parseDotenv(refText), refText, ref.path));
      }
    }
  }
  // A `.env` that a compose file also names is loaded by compose (process level), not by godotenv.
  return [...processLevel, ...composeFiles, ...dotenvFiles.filter((s) => !composeFiles.some((c) => c.file === s.file))];
}

/** The process environment as a source (the CLI's `--env`). */
export function processEnvSource(variables: Readonly<Record<string, string | undefined>>): EnvSource {
  const list: EnvVariable[] = Object.entries(variables)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([name, value]) => ({ name, value, line: 0, nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 }));
  return { kind: 'process', variables: list, opaque: [], envFiles: [] };
}

/** Every variable of the sources, highest precedence first (the overlay keeps the first of a name). */
export function variablesOf(sources: readonly EnvSource[]): EnvVariable[] {
  return sources.flatMap((s) => s.variables);
}

/** Whether a file name is an env document we serve on its own. */
export function isEnvDocumentName(file: string): boolean {
  return isDotenvFileName(file) || isComposeFileName(file);
}
