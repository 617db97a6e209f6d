/**
 * What a feature needs besides the document: settings, the environment, where the config lives,
 * and the model built once per document version.
 */
import * as path from 'node:path';
import type { ServiceEnvironment } from './environment';
import type { MaterialSource } from './materials';
import type { ConfigModel } from './model';
import type { BlockField, TlsBlock } from './model/blocks';
import type { Settings } from './settings';
import type { EnvSource } from './env/sources';

export interface DocumentContext {
  /** Absolute path of the config file on disk; undefined for unsaved documents and stdin. */
  readonly configPath?: string;
  /** Absolute path of the workspace folder that holds the config, if any. */
  readonly workspaceFolder?: string;
  /** Used when neither the setting nor the config's own folder gives a base (stdin, untitled). */
  readonly fallbackBaseDirectory?: string;
  /** The user listed this file in `centrifugo.files`. */
  readonly forced?: boolean;
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
  /** Serve this document as an env file whatever its name (a Kubernetes manifest matched by `centrifugo.envFiles`). */
  readonly envDocument?: boolean;
}

export interface FeatureContext {
  readonly model: ConfigModel;
  readonly settings: Settings;
  readonly env: ServiceEnvironment;
  readonly document: DocumentContext;
  /** Every certificate source of the document, resolved once and shared by all features. */
  readonly materials: () => Promise<readonly MaterialSource[]>;
  /** One field's source, without waiting for the rest of the document (hover). */
  readonly material: (block: TlsBlock, field: BlockField) => Promise<MaterialSource | undefined>;
  /** Someone waits for this answer: the file parses it needs go before queued ones. */
  readonly urgent?: boolean;
}

/** The folder relative paths are resolved against, after expanding `${workspaceFolder}` and `${configDir}`. */
export function baseDirectory(settings: Settings, doc: DocumentContext): string {
  const configDir = doc.configPath ? path.dirname(doc.configPath) : undefined;
  const fallback = configDir ?? doc.workspaceFolder ?? doc.fallbackBaseDirectory ?? path.resolve('.');
  const raw = settings.baseDirectory.trim();
  if (!raw) return fallback;
  const expanded = raw
    .replace(/\$\{workspaceFolder\}/g, doc.workspaceFolder ?? configDir ?? fallback)
    .replace(/\$\{configDir\}/g, configDir ?? fallback);
  return path.isAbsolute(expanded) ? path.normalize(expanded) : path.resolve(configDir ?? fallback, expanded);
}

/** Resolves a path value the way the tool checks it (Centrifugo itself uses its working directory). */
export function resolveConfigPath(value: string, settings: Settings, doc: DocumentContext): string {
  return path.isAbsolute(value) ? path.normalize(value) : path.resolve(baseDirectory(settings, doc), value);
}
