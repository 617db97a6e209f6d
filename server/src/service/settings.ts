/** User settings of the `centrifugo` section. Pulled per document; never kept in server globals. */
/** `v6.N` pins a v6 minor: keys added after it are findings. */
export type VersionSetting = 'auto' | 'v5' | 'v6' | `v6.${number}`;

export interface Settings {
  readonly version: VersionSetting;
  /** Base directory for relative paths; may contain ${workspaceFolder} and ${configDir}. Empty: the config's folder. */
  readonly baseDirectory: string;
  readonly expiryWarningDays: number;
  /** Extra glob patterns of files to treat as Centrifugo configs even when the content is not telling. */
  readonly files: readonly string[];
  /** Globs (relative to the workspace folder) of env files that feed the configs; empty: `.env` and compose files next to the config and at the root. */
  readonly envFiles: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: 'auto',
  baseDirectory: '',
  expiryWarningDays: 30,
  files: Object.freeze([]) as readonly string[],
  envFiles: Object.freeze([]) as readonly string[],
});

/**
 * Accepts whatever a client sends (`null`, a partial object, wrong types) and returns complete
 * settings: an LSP client that does not know our section answers `null`.
 */
export function normalizeSettings(raw: unknown): Settings {
  if (raw === null || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const version: VersionSetting = r.version === 'v5' || r.version === 'v6' ? r.version
    : typeof r.version === 'string' && /^v6\.\d{1,2}$/.test(r.version) ? (r.version as `v6.${number}`) : 'auto';
  const baseDirectory = typeof r.baseDirectory === 'string' ? r.baseDirectory : DEFAULT_SETTINGS.baseDirectory;
  const days = typeof r.expiryWarningDays === 'number' && Number.isFinite(r.expiryWarningDays) && r.expiryWarningDays >= 0
    ? Math.floor(r.expiryWarningDays)
    : DEFAULT_SETTINGS.expiryWarningDays;
  const files = Array.isArray(r.files) ? r.files.filter((f): f is string => typeof f === 'string' && f.length > 0) : [];
  const envFiles = Array.isArray(r.envFiles) ? r.envFiles.filter((f): f is string => typeof f === 'string' && f.length > 0) : [];
  return { version, baseDirectory, expiryWarningDays: days, files, envFiles };
}
