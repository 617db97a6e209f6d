/**
 * Syntax problems in the words of each format, including the JSON comments and trailing commas we
 * tolerate but Centrifugo does not, and values its decoders turn into something else.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import type { DiagnosticCode } from '../catalog/codes';
import type { ConfigFormat, NodeType, SyntaxProblem } from '../model/tree';
import { makeDiagnostic } from './diagnostic';

const SYNTAX_CODE: Readonly<Record<ConfigFormat, DiagnosticCode>> = { json: 'json-syntax', yaml: 'yaml-syntax', toml: 'toml-syntax' };

function codeOf(kind: SyntaxProblem['kind'], format: ConfigFormat): DiagnosticCode {
  switch (kind) {
    case 'comment': return 'json-comment';
    case 'trailing-comma': return 'json-trailing-comma';
    case 'too-deep': return 'nested-too-deeply';
    case 'ignored': return 'yaml-ignored-document';
    default: return SYNTAX_CODE[format];
  }
}

const ROOT_WORDS: Readonly<Record<NodeType, string>> = {
  object: 'an object', array: 'a list', property: 'a property', string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null',
};

export function syntaxDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const doc = ctx.model.document;
  const format = ctx.model.tree.format;
  const out = ctx.model.syntaxProblems.map((p) =>
    makeDiagnostic(Range.create(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length)), codeOf(p.kind, format), p.message));
  const root = ctx.model.tree.root;
  // The loaders decode the file into a map of options (viper-lite util.go:158-165@v5.4.9, viper
  // internal/encoding/{json,yaml}/codec.go Decode@v1.21.0); anything else at the top is a decode
  // error, and a read error is fatal (main.go:558-564@v5.4.9, internal/config/config.go:198-204@v6.9.1).
  // `null` (an empty YAML file) decodes to no options at all, which Centrifugo accepts.
  if (root && root.type !== 'object' && root.type !== 'null') {
    const shape = format === 'yaml' ? 'a mapping' : 'an object';
    const end = root.type === 'array' ? root.offset + 1 : root.offset + root.length;
    out.push(makeDiagnostic(Range.create(doc.positionAt(root.offset), doc.positionAt(end)), SYNTAX_CODE[format],
      `The top level of the file is ${ROOT_WORDS[root.type]}: Centrifugo reads its config as ${shape} of options, so it cannot read this file and does not start.`));
  }
  return out;
}

/** Values the format's decoder reads unlike they look (YAML `on`, a TOML datetime): said where they stand. */
export function conversionDiagnostics(ctx: FeatureContext): Diagnostic[] {
  if (!ctx.model.recognition.isCentrifugo) return [];
  const doc = ctx.model.document;
  const out: Diagnostic[] = [];
  for (const [node, conversion] of ctx.model.tree.conversions) {
    out.push(makeDiagnostic(Range.create(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length)), 'value-converted', conversion.note));
  }
  return out;
}
