/**
 * Runs the language service over each config the way the editor would, and gathers what the
 * output formats print. No formatting here.
 */
import type { EnvSource } from '../service';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CentrifugoLanguageService, CentrifugoVersion, DocumentContext, ServiceRequest, Severity, Settings } from '../service';
import { DEFAULT_SETTINGS, isEnvDocumentName, recognize, severityName } from '../service';
import type { ConfigFormat } from '../service';
import type { CheckOptions } from './args';
import { type CertificateReport, certificatesOf } from './certificates';
import type { ConfigInput } from './input';

export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Zero-based, as in LSP. */
  readonly range: Diagnostic['range'];
  /** Dotted config path from the diagnostic's data; null when the problem is not about one setting (JSON syntax). */
  readonly path: string | null;
  /** The variable a finding in or from an env file is about; absent otherwise. */
  readonly envVar?: string;
}

export interface FileReport {
  readonly input: ConfigInput;
  readonly centrifugoVersion: CentrifugoVersion;
  /** Whether the service checked the file as a Centrifugo config (always, as the CLI forces it). */
  readonly checked: boolean;
  /** Whether the content alone looks like a Centrifugo config, and why; shown when it does not. */
  readonly looksLikeCentrifugo: boolean;
  readonly recognitionReason: string;
  readonly problems: readonly Problem[];
  readonly certificates: readonly CertificateReport[];
}

export function toProblem(diagnostic: Diagnostic): Problem {
  const data = diagnostic.data as { path?: unknown; envVar?: unknown } | undefined;
  return {
    code: diagnostic.code === undefined ? 'unknown' : String(diagnostic.code),
    severity: severityName(diagnostic.severity),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    range: diagnostic.range,
    path: typeof data?.path === 'string' ? data.path : null,
    ...(typeof data?.envVar === 'string' ? { envVar: data.envVar } : {}),
  };
}

/** Settings and base directory as the options give them; `baseDir` is already absolute. */
export function settingsFor(options: CheckOptions, baseDir: string | undefined): Settings {
  return {
    ...DEFAULT_SETTINGS,
    version: options.centrifugoVersion,
    baseDirectory: baseDir ?? '',
    expiryWarningDays: options.expiryWarningDays ?? DEFAULT_SETTINGS.expiryWarningDays,
  };
}

/**
 * `--strict`: an unknown key fails the check, as `centrifugo checkconfig --strict` fails on the
 * keys findUnknownKeys returns (internal/cli/checkconfig.go:44-46@v6.9.1). Case variants stay
 * information: viper lower-cases keys before that check, so Centrifugo reads them.
 */
export function applyStrict(problem: Problem): Problem {
  return problem.code === 'unknown-field' && problem.severity === 'warning' ? { ...problem, severity: 'error' } : problem;
}

export async function checkConfig(
  service: CentrifugoLanguageService, input: ConfigInput, settings: Settings, fallbackBaseDirectory: string, documentVersion: number,
  strict = false,
  format: ConfigFormat = 'json',
  envSources: readonly EnvSource[] = [],
): Promise<FileReport> {
  const uri = input.absolutePath ? pathToFileURL(input.absolutePath).href : `untitled:${encodeURIComponent(input.displayName)}-${documentVersion}`;
  const document = TextDocument.create(uri, 'json', documentVersion, input.text);
  // The user named this file on the command line: check it as a Centrifugo config whatever its keys say.
  const context: DocumentContext = { configPath: input.absolutePath, fallbackBaseDirectory, forced: true, format, envSources };
  const request: ServiceRequest = { document, settings, context };
  const model = service.getModel(request);
  const diagnostics = await service.doValidation(request);
  const certificates = await certificatesOf(service, request);
  const unforced = recognize(model.root, false);
  service.forget(uri);
  return {
    input,
    centrifugoVersion: model.version.version,
    checked: model.recognition.isCentrifugo,
    // An env file is not a config: it has nothing to look like.
    looksLikeCentrifugo: unforced.isCentrifugo || isEnvDocumentName(input.displayName),
    recognitionReason: model.recognition.isCentrifugo ? unforced.reason : model.recognition.reason,
    problems: diagnostics.map(toProblem).map((p) => (strict ? applyStrict(p) : p)),
    certificates,
  };
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.problems.some((p) => p.severity === 'error'));
}

/** The base directory the options give, made absolute against the working directory. */
export function resolveBaseDir(option: string | undefined, cwd: string): string | undefined {
  return option === undefined ? undefined : path.resolve(cwd, option);
}
