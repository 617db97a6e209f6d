/**
 * Where a document lives and how its relative paths resolve. Plain data handed in by the caller
 * (the LSP glue or the CLI): the service never asks the process where it runs.
 */
import * as path from 'node:path';
import type { EnvSource } from './env/sources';
import type { ConfigFormat } from './model/tree';
import type { Settings } from './settings';

export interface DocumentContext {
  /** Absolute path of the config file on disk; undefined for unsaved documents and stdin. */
  readonly configPath?: string;
  /** Absolute path of the workspace folder that holds the config, if any. */
  readonly workspaceFolder?: string;
  /** Used when neither the setting nor the config's own folder gives a base (stdin, untitled). */
  readonly fallbackBaseDirectory?: string;
  /** The user listed this file in `centrifugo.files`. */
  readonly forced?: boolean;
  /** The config's format when no extension tells (stdin); else from the language id or extension. */
  readonly format?: ConfigFormat;
  /**
   * False in an untrusted workspace: files named by the config are neither read nor listed, and
   * nothing is said about them (absent means true).
   */
  readonly readsFiles?: boolean;
  /**
   * Env sources given by the caller (the CLI's `--env-file` and `--env`), highest precedence
   * first. When set, nothing is discovered; when absent, `.env` and compose files next to the
   * config and at the workspace root (or the `centrifugo.envFiles` globs) are read.
   */
  readonly envSources?: readonly EnvSource[];
}

/**
 * Where a document that tells nothing about its place (no file, folder or fallback) resolves
 * relative paths: the file system root. The process's working directory would be an accident
 * of how the server was started, so the service never reads it; callers that know one (the CLI)
 * pass it as `fallbackBaseDirectory`.
 */
const NOWHERE = path.sep;

/**
 * `path.resolve(base, relative)` without its hidden input: a relative `base` is taken from the
 * root, never from the working directory. Normalized, no trailing separator.
 */
export function resolveAgainst(base: string, relative: string): string {
  const joined = path.isAbsolute(relative) ? relative : path.join(path.isAbsolute(base) ? base : path.join(NOWHERE, base), relative);
  const normalized = path.normalize(joined);
  return normalized.length > 1 && normalized.endsWith(path.sep) ? normalized.slice(0, -1) : normalized;
}

/**
 * The last answer per document context: asked once per certificate field, and thousands of fields
 * share one context and one settings object in a validation (both are plain read-only data).
 */
const lastBase = new WeakMap<DocumentContext, { readonly settings: Settings; readonly base: string }>();

/** The folder relative paths are resolved against, after expanding `${workspaceFolder}` and `${configDir}`. */
export function baseDirectory(settings: Settings, doc: DocumentContext): string {
  const known = lastBase.get(doc);
  if (known?.settings === settings) return known.base;
  const base = computeBaseDirectory(settings, doc);
  lastBase.set(doc, { settings, base });
  return base;
}

function computeBaseDirectory(settings: Settings, doc: DocumentContext): string {
  const configDir = doc.configPath ? path.dirname(doc.configPath) : undefined;
  const fallback = resolveAgainst(NOWHERE, configDir ?? doc.workspaceFolder ?? doc.fallbackBaseDirectory ?? NOWHERE);
  const raw = settings.baseDirectory.trim();
  if (!raw) return fallback;
  const expanded = raw
    .replace(/\$\{workspaceFolder\}/g, doc.workspaceFolder ?? configDir ?? fallback)
    .replace(/\$\{configDir\}/g, configDir ?? fallback);
  return resolveAgainst(configDir ?? fallback, expanded);
}

/** Resolves a path value the way the tool checks it (Centrifugo itself uses its working directory). */
export function resolveConfigPath(value: string, settings: Settings, doc: DocumentContext): string {
  return resolveAgainst(baseDirectory(settings, doc), value);
}
