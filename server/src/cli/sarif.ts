/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it. One run; every diagnostic
 * code is a rule (so rule indexes stay stable whatever a run finds), regions are 1-based, and
 * files under the working directory are relative to %SRCROOT% so results land on repository files.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES, type Severity } from '../service';
import type { FileReport, Problem } from './check';
import type { PackageInfo } from '../packageInfo';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVELS: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** `missing-file` -> `MissingFile`: SARIF's friendly rule name. */
function ruleName(code: string): string {
  return code.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

const RULE_IDS = Object.keys(CODES) as (keyof typeof CODES)[];
const RULE_INDEX = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

function rules(): object[] {
  return RULE_IDS.map((id) => {
    const info = CODES[id];
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: info.help },
      fullDescription: { text: info.help },
      help: { text: info.help },
      defaultConfiguration: { level: LEVELS[info.severity] },
    };
  });
}

function encodePath(relative: string): string {
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/** Relative to the working directory when the file lies under it; an absolute file URI otherwise. */
export function artifactLocation(report: FileReport, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = report.input.absolutePath;
  if (!absolute) return { uri: encodeURIComponent(report.input.displayName) };
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return { uri: encodePath(relative), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(absolute).href };
}

function result(report: FileReport, problem: Problem, cwd: string): object {
  const { start, end } = problem.range;
  const ruleIndex = RULE_INDEX.get(problem.code);
  return {
    ruleId: problem.code,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVELS[problem.severity],
    message: { text: problem.message },
    locations: [{
      physicalLocation: {
        artifactLocation: artifactLocation(report, cwd),
        // SARIF counts from 1 and its endColumn is exclusive, like LSP's end character.
        region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
      },
      ...(problem.path ? { logicalLocations: [{ fullyQualifiedName: problem.path }] } : {}),
    }],
  };
}

export function toSarif(reports: readonly FileReport[], unreadable: readonly string[], cwd: string, tool: PackageInfo): object {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules: rules() } },
      originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
      invocations: [{
        executionSuccessful: unreadable.length === 0,
        ...(unreadable.length > 0
          ? { toolExecutionNotifications: unreadable.map((message) => ({ level: 'error', message: { text: message } })) }
          : {}),
      }],
      columnKind: 'utf16CodeUnits',
      results: reports.flatMap((report) => report.problems.map((problem) => result(report, problem, cwd))),
    }],
  };
}

export function formatSarif(reports: readonly FileReport[], unreadable: readonly string[], cwd: string, tool: PackageInfo): string {
  return `${JSON.stringify(toSarif(reports, unreadable, cwd, tool), null, 2)}\n`;
}
