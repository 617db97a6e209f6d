/**
 * PEM in env files: the three ways it breaks (a literal `\n`, line breaks lost, several lines
 * without double quotes), each with the PEM it was meant to be, so a quick fix can write it as
 * base64 — one line, no quoting rules — which v6 reads as "base64 of PEM" (configtypes/pem.go:97-101@v6.9.1).
 *
 * Why they break: godotenv expands `\n` only in double quotes (parser.go expandEscapes) and ends
 * an unquoted value at the line end; Go's pem.Decode needs `-----BEGIN` at the start of a line
 * and line breaks around the body.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import type { MajorVersion, OptionInfo } from '../../catalog/options';
import type { EnvDocumentModel } from '../../env/document';
import { optionOfEnvName } from '../../env/names';
import type { EnvVariable } from '../../env/sources';
import { makeDiagnostic } from '../diagnostic';
import { valueRange } from './envNameDiagnostics';

export type PemPitfall = 'literal-newline' | 'line-breaks' | 'unquoted-multiline';

export interface PemRepair {
  readonly pitfall: PemPitfall;
  readonly variable: EnvVariable;
  /** The text to replace (offsets in the env file) and the PEM that was meant. */
  readonly start: number;
  readonly end: number;
  readonly pem: string;
}

/** Options that take certificate or key material. */
export function isMaterialOption(option: OptionInfo): boolean {
  if (option.kind === 'pem') return true;
  return option.version === 'v5' && option.kind === 'string' && /tls/.test(option.path)
    && /(^|[._])(cert|key|root_ca|client_ca|server_ca)(_pem)?(_b64|_file)?$/.test(option.path);
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Re-wraps PEM blocks whose body lost its line breaks (spaces instead). */
function rewrap(text: string): string {
  const blocks: string[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2]!.replace(/\s+/g, '');
    const lines = body.match(/.{1,64}/g) ?? [];
    blocks.push([`-----BEGIN ${m[1]}-----`, ...lines, `-----END ${m[1]}-----`].join('\n'));
  }
  return blocks.length ? `${blocks.join('\n')}\n` : text;
}

/** The repair for one variable's value, if its PEM is broken in one of the known ways. */
export function pemRepairOf(model: EnvDocumentModel, v: EnvVariable): PemRepair | undefined {
  if (model.kind !== 'dotenv' || v.value === undefined || !v.value.includes('-----BEGIN')) return undefined;
  if (v.value.includes('\\n') && !v.value.includes('\n')) {
    return { pitfall: 'literal-newline', variable: v, start: v.valueStart, end: v.valueEnd, pem: rewrap(v.value.replace(/\\n/g, '\n')) };
  }
  if (!v.value.includes('\n') && /-----END [A-Z0-9 ]+-----/.test(v.value)) {
    return { pitfall: 'line-breaks', variable: v, start: v.valueStart, end: v.valueEnd, pem: rewrap(v.value) };
  }
  return undefined;
}

/**
 * An unquoted PEM that goes on over the next lines: godotenv fails on the second line. The repair
 * spans from the value to the line with `-----END`.
 */
export function unquotedMultilineRepair(model: EnvDocumentModel): PemRepair | undefined {
  const error = model.dotenv?.error;
  if (!error || error.kind !== 'bad-name-character') return undefined;
  const previous = [...model.variables].reverse().find((v) => v.valueStart <= error.statementOffset);
  if (!previous || previous.quote !== 'none' || !previous.value?.startsWith('-----BEGIN') || previous.value.includes('-----END')) return undefined;
  const text = model.document.getText();
  const endMarker = /-----END [A-Z0-9 ]+-----[^\n]*/g;
  endMarker.lastIndex = previous.valueStart;
  const end = endMarker.exec(text);
  if (!end) return undefined;
  const endOffset = end.index + end[0].trimEnd().length;
  const pem = `${text.slice(previous.valueStart, endOffset).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join('\n')}\n`;
  return { pitfall: 'unquoted-multiline', variable: previous, start: previous.valueStart, end: endOffset, pem };
}

/** The variable that takes base64 for this one: v6 reads base64 in the same variable; v5 has `_B64` siblings. */
export function base64Target(version: MajorVersion, name: string): string | undefined {
  if (version === 'v6') return name;
  if (name.endsWith('_B64')) return name;
  const sibling = `${name.replace(/_FILE$/, '')}_B64`;
  return optionOfEnvName('v5', sibling) ? sibling : undefined;
}

const MESSAGES: Readonly<Record<PemPitfall, (name: string) => string>> = {
  'literal-newline': (name) => `\`${name}\` holds PEM with \`\\n\` written out. godotenv turns \`\\n\` into a line break only inside double quotes, so Centrifugo gets one long line: invalid PEM data.`,
  'line-breaks': (name) => `\`${name}\` holds PEM whose line breaks were lost (spaces instead), so it is not valid PEM: Go's decoder needs the BEGIN and END lines on lines of their own.`,
  'unquoted-multiline': (name) => `\`${name}\` starts a PEM over several lines without double quotes: godotenv ends the value at the first line and fails on the next, so Centrifugo v6 stops at start-up ("error loading .env file").`,
};

const CODES = {
  'literal-newline': 'env-pem-literal-newline',
  'line-breaks': 'env-pem-line-breaks',
  'unquoted-multiline': 'env-pem-unquoted-multiline',
} as const;

export function pemDiagnostics(model: EnvDocumentModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const repairs: PemRepair[] = [];
  for (const v of model.variables) {
    const target = optionOfEnvName(model.version, v.name);
    if (!target || !isMaterialOption(target.option)) continue;
    const repair = pemRepairOf(model, v);
    if (repair) repairs.push(repair);
  }
  const multiline = unquotedMultilineRepair(model);
  if (multiline) repairs.push(multiline);
  for (const r of repairs) {
    const range = r.pitfall === 'unquoted-multiline'
      ? Range.create(model.document.positionAt(r.start), model.document.positionAt(r.end))
      : valueRange(model, r.variable);
    out.push(makeDiagnostic(range, CODES[r.pitfall], MESSAGES[r.pitfall](r.variable.name), { data: { envVar: r.variable.name, pitfall: r.pitfall } }));
  }
  return out;
}
