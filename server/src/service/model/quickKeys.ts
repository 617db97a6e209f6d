/**
 * The top-level keys of a JSON text without building its tree, so that recognition can turn
 * away someone else's `config.json` of any size before the model is built: jsonc-parser's
 * scanner only tokenises (about a fifth of a full parse, and nothing kept), and we only look at
 * the string tokens directly inside the outermost object.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';

/** Lower-cased as Centrifugo's config reader (Viper) sees them; empty when the text is not an object. */
export function quickTopLevelKeys(text: string): string[] {
  const scanner = createScanner(text, true);
  const keys: string[] = [];
  let depth = 0;
  // A string directly inside the outermost object, not right after a colon, is a key: the
  // tolerant parser makes it one even when half-typed text (`...`, no colon) surrounds it.
  // A string right after a key (no colon between) is taken as that key's value, as the parser does.
  let afterColon = false;
  let afterKey = false;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia || token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) continue;
    if (depth === 0 && token !== SyntaxKind.OpenBraceToken) return [];
    const isKey: boolean = depth === 1 && token === SyntaxKind.StringLiteral && !afterColon && !afterKey;
    if (isKey) keys.push(scanner.getTokenValue().toLowerCase());
    afterColon = token === SyntaxKind.ColonToken;
    afterKey = isKey;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
    if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth--;
      if (depth <= 0) return keys;
    }
  }
  return keys;
}
