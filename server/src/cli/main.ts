/**
 * The checker's flow: parse arguments, read each config, run the language service, print one
 * report, choose the exit code. Process details (streams, cwd, env) come in through `CliIO` so
 * the flow itself is plain and testable.
 */
import { promises as fs } from 'node:fs';
import { createNodeEnvironment } from '../nodeEnvironment';
import { createLanguageService } from '../service';
import { type EnvSource, formatOfPath, isEnvDocumentName, processEnvSource, readEnvSources } from '../service';
import { type CheckOptions, parseArguments, USAGE } from './args';
import { checkConfig, type FileReport, hasErrors, resolveBaseDir, settingsFor } from './check';
import { type InputResult, readConfigFile, readStandardInput } from './input';
import { formatJson } from './json';
import { packageInfo } from '../packageInfo';
import { formatSarif } from './sarif';
import { formatText, useColor } from './text';

export const EXIT_OK = 0;
export const EXIT_ERRORS_FOUND = 1;
/** Usage errors, unreadable input, and (never silently mistaken for "errors found") internal failures. */
export const EXIT_CANNOT_CHECK = 2;

export interface CliIO {
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  /** Asked for only when `-` is named, so an unused stdin is never opened. */
  readonly stdin: () => NodeJS.ReadableStream;
  readonly stdoutIsTTY: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** One line by default; the stack only when asked for (`--debug`), for a bug report. */
export function errorText(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return String(error);
  if (debug) return error.stack ?? error.message;
  return `${error.name}: ${error.message.split('\n')[0]} (run with --debug for details)`;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const tool = packageInfo();
  const command = parseArguments(argv);
  switch (command.kind) {
    case 'help':
      io.writeOut(USAGE);
      return EXIT_OK;
    case 'version':
      io.writeOut(`${tool.name} ${tool.version}\n`);
      return EXIT_OK;
    case 'usage-error':
      io.writeErr(`${tool.name}: ${command.message}\nRun '${tool.name} --help' for usage.\n`);
      return EXIT_CANNOT_CHECK;
    case 'check':
      return check(command.options, io, tool.name);
  }
}

async function check(options: CheckOptions, io: CliIO, toolName: string): Promise<number> {
  const baseDir = resolveBaseDir(options.baseDir, io.cwd);
  if (baseDir !== undefined) {
    const stat = await fs.stat(baseDir).catch(() => undefined);
    if (!stat?.isDirectory()) {
      io.writeErr(`${toolName}: --base-dir ${options.baseDir}: ${stat ? 'not a directory' : 'no such directory'}\n`);
      return EXIT_CANNOT_CHECK;
    }
  }
  const fixedNow = options.now;
  const env = createNodeEnvironment(fixedNow ? () => new Date(fixedNow.getTime()) : undefined);
  const service = createLanguageService(env);
  const settings = settingsFor(options, baseDir);
  const fallbackBaseDirectory = baseDir ?? io.cwd;

  const reports: FileReport[] = [];
  const failures: string[] = [];
  // Highest precedence first: the process environment, then the files in the order given.
  const envSources: EnvSource[] = options.processEnv ? [processEnvSource(io.env)] : [];
  for (const name of options.envFiles) {
    const read = await readConfigFile(name, io.cwd);
    if (!read.ok) {
      io.writeErr(`${toolName}: --env-file ${read.message}\n`);
      return EXIT_CANNOT_CHECK;
    }
    envSources.push(...readEnvSources(read.input.text, read.input.absolutePath ?? name));
  }
  for (const [i, name] of options.files.entries()) {
    const read: InputResult = name === '-' ? await readStandardInput(io.stdin()) : await readConfigFile(name, io.cwd);
    if (!read.ok) {
      failures.push(read.message);
      io.writeErr(`${toolName}: ${read.message}\n`);
      continue;
    }
    // An env file named as a FILE is checked on its own (names, values, PEM, certificates).
    const format = name === '-' ? options.inputFormat : isEnvDocumentName(name) ? 'json' : formatOfPath(name);
    if (!format) {
      // Centrifugo picks its decoder by the extension and refuses others (viper SupportedExts).
      const message = `cannot check ${name}: Centrifugo reads a config as JSON, YAML or TOML by its extension (.json, .yaml or .yml, .toml), and this one has none of them`;
      failures.push(message);
      io.writeErr(`${toolName}: ${message}\n`);
      continue;
    }
    try {
      reports.push(await checkConfig(service, read.input, settings, fallbackBaseDirectory, i + 1, options.strict, format, envSources));
    } catch (error) {
      // A bug in one check must not hide the other files' results, nor pass for "errors found".
      const message = `internal error while checking ${read.input.displayName}; please report it: ${errorText(error, options.debug)}`;
      failures.push(`internal error while checking ${read.input.displayName}`);
      io.writeErr(`${toolName}: ${message}\n`);
    }
  }

  switch (options.format) {
    case 'json':
      io.writeOut(formatJson(reports));
      break;
    case 'sarif':
      io.writeOut(formatSarif(reports, failures, io.cwd, packageInfo()));
      break;
    case 'text':
      io.writeOut(formatText(reports, failures, {
        color: useColor(io.stdoutIsTTY, io.env),
        now: env.now(),
        expiryWarningDays: settings.expiryWarningDays,
      }));
      break;
  }
  if (failures.length > 0) return EXIT_CANNOT_CHECK;
  return hasErrors(reports) ? EXIT_ERRORS_FOUND : EXIT_OK;
}
