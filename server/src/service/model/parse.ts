/**
 * One parse serves two needs: a tolerant tree (comments, trailing commas and half-typed text
 * still give results while the user types) and the list of everything Centrifugo's strict JSON
 * reader would refuse. The builder reports both while building the same tree.
 */
import { ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { buildJsonTree, type JsonError } from './jsonTree';
import { type ConfigTree, MAX_DEPTH, type SyntaxProblem } from './tree';

export type { SyntaxProblem } from './tree';

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'A property name in double quotes is expected here',
  [ParseErrorCode.ValueExpected]: 'A value is expected here',
  [ParseErrorCode.ColonExpected]: 'A colon is expected after the property name',
  [ParseErrorCode.CommaExpected]: 'A comma is expected here',
  [ParseErrorCode.CloseBraceExpected]: 'A closing brace } is expected',
  [ParseErrorCode.CloseBracketExpected]: 'A closing bracket ] is expected',
  [ParseErrorCode.EndOfFileExpected]: 'Nothing may follow the top-level value',
  [ParseErrorCode.UnexpectedEndOfComment]: 'The comment is not closed',
  [ParseErrorCode.UnexpectedEndOfString]: 'The string is not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'The number is incomplete',
  [ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'Control characters must be escaped inside strings',
};

/**
 * The comma before `offset` when only white space and comments separate them; that makes a
 * trailing comma. `commentEnds` maps the last offset of each comment to its first.
 */
function trailingCommaBefore(text: string, offset: number, commentEnds: ReadonlyMap<number, number>): number {
  const closer = text.charCodeAt(offset);
  if (closer !== 0x7d /* } */ && closer !== 0x5d /* ] */) return -1;
  let i = offset - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(text[i])) i--;
    const commentStart = commentEnds.get(i);
    if (commentStart === undefined) break;
    i = commentStart - 1;
  }
  return i >= 0 && text[i] === ',' ? i : -1;
}

/** Go's encoding/json refuses the whole file past this depth (scanner.go `maxNestingDepth`). */
export function tooDeepProblem(offset: number, reader: string): SyntaxProblem {
  return {
    kind: 'too-deep', offset, length: 1,
    message: `Nested too deeply: ${reader} refuses values nested more than ${MAX_DEPTH.toLocaleString('en-US')} levels deep, so Centrifugo cannot read this file. Nothing below this level is checked.`,
  };
}

export function parseJson(text: string): ConfigTree {
  const { root, errors, tooDeepAt } = buildJsonTree(text);
  const problems: SyntaxProblem[] = [];
  const commentEnds = new Map<number, number>();
  for (const error of errors as readonly JsonError[]) {
    if (error.error === ParseErrorCode.InvalidCommentToken) commentEnds.set(error.offset + error.length - 1, error.offset);
  }
  // The parser may report two errors at one spot (property name and value expected): one is enough.
  const seen = new Set<string>();
  const add = (problem: SyntaxProblem): void => {
    const key = `${problem.kind}@${problem.offset}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problem);
  };
  for (const error of errors) {
    if (error.error === ParseErrorCode.InvalidCommentToken) {
      add({
        kind: 'comment', offset: error.offset, length: error.length,
        message: 'Comments are not JSON: Centrifugo reads its config as strict JSON and refuses to start. Remove the comment (or use a YAML config, where comments are allowed).',
      });
      continue;
    }
    if (error.error === ParseErrorCode.PropertyNameExpected || error.error === ParseErrorCode.ValueExpected) {
      const comma = trailingCommaBefore(text, error.offset, commentEnds);
      if (comma >= 0) {
        add({
          kind: 'trailing-comma', offset: comma, length: 1,
          message: 'Trailing comma: Centrifugo reads its config as strict JSON and refuses to start. Remove this comma.',
        });
        continue;
      }
    }
    if (error.offset === 0 && text.charCodeAt(0) === 0xfeff) {
      // encoding/json takes no BOM (scanner.go stateBeginValue: U+FEFF is not JSON whitespace),
      // in v5 (viper-lite util.go:163) and v6 (viper internal/encoding/json/codec.go:17) alike.
      add({
        kind: 'syntax', offset: 0, length: 1,
        message: 'The file starts with a UTF-8 byte-order mark (BOM): Centrifugo\'s JSON reader does not accept one and refuses to start. Save the file as UTF-8 without BOM.',
      });
      continue;
    }
    add({
      kind: 'syntax', offset: error.offset, length: Math.max(error.length, 1),
      message: `${MESSAGES[error.error] ?? printParseErrorCode(error.error)}: Centrifugo cannot read this file until it is fixed.`,
    });
  }
  if (tooDeepAt >= 0) add(tooDeepProblem(tooDeepAt, 'Centrifugo\'s JSON reader'));
  problems.sort((a, b) => a.offset - b.offset);
  return { format: 'json', root, problems, conversions: new Map() };
}
