/**
 * Command-line parsing for the checker. Hand-written rather than util.parseArgs so every mistake
 * gets a message that names the option and what it accepts, and `-` stays a file operand.
 */
import type { ConfigFormat } from '../service';
import type { VersionSetting } from '../service';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  readonly format: OutputFormat;
  /** The instant expiry is measured against; undefined: the wall clock. */
  readonly now: Date | undefined;
  readonly centrifugoVersion: VersionSetting;
  /** As typed; resolved against the working directory by the caller. */
  readonly baseDir: string | undefined;
  readonly expiryWarningDays: number | undefined;
  /** File operands in the order given; `-` is standard input. */
  readonly files: readonly string[];
  /** The format of standard input (files are told by their extension). */
  readonly inputFormat: ConfigFormat;
  /** `--strict`: unknown keys are errors, as `centrifugo checkconfig --strict` fails on them. */
  readonly strict: boolean;
  /** Print the stack of an internal error (for a bug report); without it, one line. */
  readonly debug: boolean;
  /** `--env-file FILE` (repeatable): env sources applied to every config, in the order given. */
  readonly envFiles: readonly string[];
  /** `--env`: the process environment is applied too, over the env files. */
  readonly processEnv: boolean;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `Usage: centrifugo-config check [options] FILE...
       centrifugo-config --help | --version

Checks Centrifugo configuration files (JSON, YAML or TOML) for TLS problems:
files that are missing or unreadable, certificate and key mix-ups, settings the
Centrifugo version in use ignores, expiring certificates, and syntax Centrifugo
will refuse. Every FILE named is checked as a Centrifugo config, in the format
its extension says (.json, .yaml/.yml, .toml). Use - to read one from standard
input.

Options:
  --format text|json|sarif      output format (default: text)
  --now ISO-8601                check expiry as of this instant, e.g. 2026-06-01 or
                                2026-06-01T12:00:00Z (no offset means UTC)
  --centrifugo-version auto|v5|v6|v6.N
                                the Centrifugo version the config is for (default: auto);
                                v6.N pins a minor: keys added later are reported
  --strict                      unknown keys are errors (as centrifugo checkconfig --strict)
  --base-dir DIR                resolve relative certificate paths against DIR
                                (default: the config file's folder; for -, the
                                current directory). Centrifugo itself resolves them
                                against its working directory.
  --expiry-warning-days N       warn about certificates expiring within N days (default: 30)
  --input-format json|yaml|toml the format of standard input (-) (default: json)
  --env-file FILE               apply this .env, compose file or Kubernetes manifest to the
                                configs (repeatable; the first given wins a name)
  --env                         apply the CENTRIFUGO_* variables of this process too
  --debug                       print the stack trace of an internal error
  -h, --help                    show this help
  -V, --version                 show the version

Exit status: 0 no errors, 1 errors found, 2 usage error, unreadable input or
internal error (output is still printed for the files that could be read).
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const VERSIONS: readonly VersionSetting[] = ['auto', 'v5', 'v6'];
const VALUE_OPTIONS = new Set(['--env-file', '--format', '--now', '--centrifugo-version', '--base-dir', '--expiry-warning-days', '--input-format']);
const INPUT_FORMATS: readonly ConfigFormat[] = ['json', 'yaml', 'toml'];
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Parses `--now`. A date-time without an offset is taken as UTC so a run does not depend on the machine's zone. */
export function parseInstant(text: string): Date | undefined {
  const match = ISO_8601.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, , , zone] = match;
  let normalized = text.trim().replace(' ', 'T');
  if (hour !== undefined && zone === undefined) normalized += 'Z';
  const date = new Date(normalized);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date rolls 2026-02-31 over to March; a typo like that is refused instead.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() + 1 !== Number(month) || calendar.getUTCDate() !== Number(day)) return undefined;
  return date;
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}

export function parseArguments(argv: readonly string[]): Command {
  if (argv.length === 0) return usageError('no command given');
  // Help and version win wherever they stand, as with most tools.
  const beforeTerminator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (beforeTerminator.some((a) => a === '--help' || a === '-h') || argv[0] === 'help') return { kind: 'help' };
  if (beforeTerminator.some((a) => a === '--version' || a === '-V')) return { kind: 'version' };

  const [command, ...rest] = argv;
  if (command !== 'check') {
    if (command.startsWith('-')) return usageError(`expected the command 'check' before options, got '${command}'`);
    return usageError(`unknown command '${command}' (the only command is 'check')`);
  }

  let format: OutputFormat = 'text';
  let now: Date | undefined;
  let centrifugoVersion: VersionSetting = 'auto';
  let baseDir: string | undefined;
  let expiryWarningDays: number | undefined;
  let inputFormat: ConfigFormat = 'json';
  const files: string[] = [];
  let strict = false;
  let optionsEnded = false;
  let debug = false;
  const envFiles: string[] = [];
  let processEnv = false;

  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '--strict') {
      strict = true;
      continue;
    }
    if (arg === '--debug') {
      debug = true;
      continue;
    }
    if (arg === '--env') {
      processEnv = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name)) return usageError(`unknown option '${name}'`);
    let value: string;
    if (eq > 0) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= rest.length) return usageError(`option '${name}' needs a value`);
      value = rest[++i];
    }
    switch (name) {
      case '--format':
        if (!FORMATS.includes(value as OutputFormat)) return usageError(`--format must be one of ${FORMATS.join(', ')}; got '${value}'`);
        format = value as OutputFormat;
        break;
      case '--now':
        now = parseInstant(value);
        if (!now) return usageError(`--now must be an ISO-8601 date or date-time such as 2026-06-01 or 2026-06-01T12:00:00Z; got '${value}'`);
        break;
      case '--centrifugo-version':
        if (!VERSIONS.includes(value as VersionSetting) && !/^v6\.\d{1,2}$/.test(value)) {
          return usageError(`--centrifugo-version must be one of ${VERSIONS.join(', ')} or v6.N (a v6 minor such as v6.2); got '${value}'`);
        }
        centrifugoVersion = value as VersionSetting;
        break;
      case '--base-dir':
        if (value === '') return usageError('--base-dir needs a directory');
        baseDir = value;
        break;
      case '--expiry-warning-days':
        if (!/^\d{1,5}$/.test(value)) return usageError(`--expiry-warning-days must be a whole number of days (0 or more); got '${value}'`);
        expiryWarningDays = Number(value);
        break;
      case '--env-file':
        if (value === '') return usageError('--env-file needs a file');
        envFiles.push(value);
        break;
      case '--input-format':
        if (!INPUT_FORMATS.includes(value as ConfigFormat)) return usageError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}; got '${value}'`);
        inputFormat = value as ConfigFormat;
        break;
    }
  }
  if (files.length === 0) return usageError('no FILE given: name one or more config files, or - for standard input');
  if (files.filter((f) => f === '-').length > 1) return usageError('standard input (-) can be named only once');
  return { kind: 'check', options: { format, now, centrifugoVersion, baseDir, expiryWarningDays, files, strict, debug, inputFormat, envFiles, processEnv } };
}
