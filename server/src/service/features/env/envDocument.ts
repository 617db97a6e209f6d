/**
 * Features of an env file opened on its own: syntax findings, completion of variable names,
 * hover, and quick fixes (rename, PEM to base64). Certificate checks and lenses are run by the
 * service through the config engine (envCertificates.ts).
 */
import { CodeActionKind, CompletionItemKind, InsertTextFormat, MarkupKind, Range, TextEdit } from 'vscode-languageserver-types';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { encodeBase64 } from '../../certs/base64';
import type { EnvDocumentModel } from '../../env/document';
import { allEnvTemplates, ENV_PREFIX, optionOfEnvName } from '../../env/names';
import type { EnvVariable } from '../../env/sources';
import { makeDiagnostic } from '../diagnostic';
import { envNameDiagnostics, nameRange } from './envNameDiagnostics';
import { base64Target, pemDiagnostics, pemRepairOf, unquotedMultilineRepair, type PemRepair } from './envPem';

const BAD_CHARACTER_WORDS: Readonly<Record<string, string>> = { '\n': 'a line break', ' ': 'a space', '\t': 'a tab' };

export function envSyntaxDiagnostics(model: EnvDocumentModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const doc = model.document;
  const error = model.dotenv?.error;
  if (error && !unquotedMultilineRepair(model)) {
    const range = Range.create(doc.positionAt(error.offset), doc.positionAt(error.offset + error.length));
    const what = error.kind === 'unterminated-quote'
      ? `This ${error.character === '"' ? 'double' : 'single'} quote is never closed`
      : `A variable name cannot contain ${BAD_CHARACTER_WORDS[error.character] ?? `\`${error.character}\``} (names are letters, digits, \`_\` and \`.\`; every line needs \`NAME=value\`)`;
    out.push(makeDiagnostic(range, 'env-syntax', `${what}. godotenv refuses the whole file, so Centrifugo v6 stops at start-up when it loads it ("error loading .env file").`));
  }
  for (const entry of model.dotenv?.entries ?? []) {
    if (!entry.noAssignment) continue;
    const range = Range.create(doc.positionAt(entry.valueStart), doc.positionAt(entry.valueEnd));
    out.push(makeDiagnostic(range, 'env-no-assignment', 'This last line has no `=`: godotenv reads it without error, but it sets no variable.'));
  }
  for (const source of model.sources) {
    if (!source.problem || model.kind !== 'yaml') continue;
    const range = Range.create(doc.positionAt(source.problem.offset), doc.positionAt(source.problem.offset + source.problem.length));
    out.push(makeDiagnostic(range, 'env-syntax', `${source.problem.message}. The file cannot be read, so none of its variables are known.`));
  }
  return out;
}

/** Findings that need no file system: syntax, names, values, PEM pitfalls. */
export function envTextDiagnostics(model: EnvDocumentModel): Diagnostic[] {
  return [...envSyntaxDiagnostics(model), ...envNameDiagnostics(model), ...pemDiagnostics(model)];
}

function variableAt(model: EnvDocumentModel, offset: number): { variable: EnvVariable; on: 'name' | 'value' } | undefined {
  for (const v of model.variables) {
    if (offset >= v.nameStart && offset <= v.nameEnd) return { variable: v, on: 'name' };
    if (offset >= v.valueStart && offset <= v.valueEnd) return { variable: v, on: 'value' };
  }
  return undefined;
}

/** What a variable sets: path, type, default; `overrides` is what the config says at that path, if known. */
export function envHover(model: EnvDocumentModel, position: Position, overrides?: (path: string) => string | undefined): Hover | null {
  const offset = model.document.offsetAt(position);
  const hit = variableAt(model, offset);
  if (!hit || !hit.variable.name.startsWith(ENV_PREFIX)) return null;
  const v = hit.variable;
  const target = optionOfEnvName(model.version, v.name);
  if (!target) return null;
  const o = target.option;
  const lines = [`**\`${v.name}\`** · Centrifugo ${model.version}`];
  const item = target.itemEnvName ? ` of the item of \`${target.array}\` named \`${target.itemEnvName}\` (after \`.\` and \`-\` become \`_\`, upper-cased)` : '';
  lines.push(`Sets \`${o.path}\`${item} · \`${o.goType}\`${o.defaultValue !== '' ? ` · default \`${o.defaultValue}\`` : ''}`);
  lines.push(model.version === 'v6'
    ? 'Centrifugo v6 applies variables after the config file, so this value wins over the file\'s. An empty value changes nothing.'
    : 'Centrifugo v5 reads it through viper, over the config file\'s value.');
  if (v.unknownReason) lines.push(`Value: ${v.unknownReason}.`);
  const overridden = overrides?.(o.path);
  if (overridden) lines.push(`Overrides ${overridden}.`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: nameRange(model, v) };
}

/** Names of the version's variables where a name is typed (dotenv: before `=` on its line). */
export function envCompletion(model: EnvDocumentModel, position: Position): CompletionList {
  const text = model.document.getText();
  const offset = model.document.offsetAt(position);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const match = model.kind === 'dotenv' ? /^\s*(?:export\s+)?([A-Za-z0-9_.]*)$/.exec(before) : /^\s*(?:-\s*)?([A-Z0-9_]*)$/.exec(before);
  if (!match) return { isIncomplete: false, items: [] };
  const typed = match[1]!;
  const range = Range.create(model.document.positionAt(offset - typed.length), position);
  const present = new Set(model.variables.map((v) => v.name));
  const separator = model.kind === 'dotenv' ? '=' : model.kind === 'yaml' && before.includes('-') ? '=' : ': ';
  const items: CompletionItem[] = [];
  for (const { name, option } of allEnvTemplates(model.version)) {
    if (present.has(name)) continue;
    const named = name.includes('<NAME>');
    items.push({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: `${option.goType} · ${option.path}`,
      documentation: { kind: MarkupKind.Markdown, value: `Sets \`${option.path}\`${option.defaultValue !== '' ? ` (default \`${option.defaultValue}\`)` : ''}.${named ? ' `<NAME>` is the item\'s name with `.` and `-` as `_`, upper-cased.' : ''}` },
      textEdit: TextEdit.replace(range, named ? `${name.replace('<NAME>', '${1:NAME}')}${separator}$0` : `${name}${separator}$0`),
      insertTextFormat: InsertTextFormat.Snippet,
      filterText: name,
    });
  }
  return { isIncomplete: false, items };
}

function base64Edit(model: EnvDocumentModel, repair: PemRepair): TextEdit[] | undefined {
  const target = base64Target(model.version, repair.variable.name);
  if (!target) return undefined;
  const doc = model.document;
  const edits = [TextEdit.replace(Range.create(doc.positionAt(repair.start), doc.positionAt(repair.end)), encodeBase64(repair.pem))];
  if (target !== repair.variable.name) edits.push(TextEdit.replace(nameRange(model, repair.variable), target));
  return edits;
}

export function envCodeActions(model: EnvDocumentModel, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const uri = model.document.uri;
  for (const d of diagnostics) {
    const data = (d.data ?? {}) as Record<string, unknown>;
    const name = typeof data.envVar === 'string' ? data.envVar : undefined;
    const variable = name ? model.variables.find((v) => v.name === name) : undefined;
    if (!variable) continue;
    if ((d.code === 'env-unknown-name' || d.code === 'env-other-version-name') && typeof data.newName === 'string') {
      out.push({
        title: `Rename to ${data.newName}`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
        edit: { changes: { [uri]: [TextEdit.replace(nameRange(model, variable), data.newName)] } },
      });
    }
    if (typeof d.code === 'string' && d.code.startsWith('env-pem-')) {
      const repair = d.code === 'env-pem-unquoted-multiline' ? unquotedMultilineRepair(model) : pemRepairOf(model, variable);
      const edits = repair ? base64Edit(model, repair) : undefined;
      if (edits) {
        out.push({ title: 'Convert the PEM to base64', kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: edits } } });
      }
    }
  }
  return out;
}
