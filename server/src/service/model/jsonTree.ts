/**
 * JSON text -> config tree, with the errors of a strict reader. jsonc-parser's scanner tokenizes;
 * the parser is ours because jsonc-parser's own recurses once per nesting level and overflows the
 * stack on a deep document. It follows jsonc-parser's recovery step for step (same nodes, same
 * error at the same token), so half-typed text gives the tree users are used to.
 */
import { createScanner, ParseErrorCode, ScanError, SyntaxKind, type JSONScanner } from 'jsonc-parser';
import { ConfigNode, KeyInterner, MAX_DEPTH } from './tree';

export interface JsonError {
  readonly error: ParseErrorCode;
  readonly offset: number;
  readonly length: number;
}

export interface JsonParse {
  readonly root: ConfigNode | undefined;
  readonly errors: readonly JsonError[];
  /** Offset of the first container past MAX_DEPTH, or -1. */
  readonly tooDeepAt: number;
}

interface Frame {
  readonly node: ConfigNode;
  needsComma: boolean;
  /** Object frames: the property being read, until its value ends. */
  property: ConfigNode | undefined;
}

const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

class JsonTreeBuilder {
  private readonly scanner: JSONScanner;
  private readonly keys = new KeyInterner();
  readonly errors: JsonError[] = [];
  tooDeepAt = -1;

  constructor(text: string) {
    this.scanner = createScanner(text, false);
  }

  /** A method, not a getter: TypeScript would narrow a getter's result across scanNext() calls. */
  private current(): SyntaxKind {
    return this.scanner.getToken();
  }

  private error(error: ParseErrorCode): void {
    this.errors.push({ error, offset: this.scanner.getTokenOffset(), length: this.scanner.getTokenLength() });
  }

  /** The next token that is not trivia, reporting comments and bad characters on the way (strict mode). */
  private scanNext(): SyntaxKind {
    for (;;) {
      const token = this.scanner.scan();
      const scanError = SCAN_ERRORS[this.scanner.getTokenError()];
      if (scanError !== undefined) this.error(scanError);
      switch (token) {
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
          this.error(ParseErrorCode.InvalidCommentToken);
          break;
        case SyntaxKind.Unknown:
          this.error(ParseErrorCode.InvalidSymbol);
          break;
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          break;
        default:
          return token;
      }
    }
  }

  /** jsonc-parser's `handleError(error, [], skipUntil)`: report, then skip to one of the stop tokens. */
  private errorSkipping(error: ParseErrorCode, stops: readonly SyntaxKind[]): void {
    this.error(error);
    for (let token = this.current(); token !== SyntaxKind.EOF && !stops.includes(token);) token = this.scanNext();
  }

  /** A scalar at the current token, consumed; undefined when the token starts no scalar. */
  private literal(parent: ConfigNode | undefined): ConfigNode | undefined {
    const offset = this.scanner.getTokenOffset();
    const length = this.scanner.getTokenLength();
    let node: ConfigNode;
    switch (this.current()) {
      case SyntaxKind.StringLiteral:
        node = new ConfigNode('string', offset, length, parent, undefined, this.scanner.getTokenValue());
        break;
      case SyntaxKind.NumericLiteral: {
        let value = Number(this.scanner.getTokenValue());
        if (Number.isNaN(value)) {
          this.error(ParseErrorCode.InvalidNumberFormat);
          value = 0;
        }
        node = new ConfigNode('number', offset, length, parent, undefined, value);
        break;
      }
      case SyntaxKind.NullKeyword:
        node = new ConfigNode('null', offset, length, parent, undefined, null);
        break;
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        node = new ConfigNode('boolean', offset, length, parent, undefined, this.current() === SyntaxKind.TrueKeyword);
        break;
      default:
        return undefined;
    }
    this.scanNext();
    return node;
  }

  /** Past MAX_DEPTH: the container's tokens are skipped (Go refuses the file anyway), its node kept empty. */
  private skipContainer(node: ConfigNode): void {
    if (this.tooDeepAt < 0) this.tooDeepAt = node.offset;
    let depth = 0;
    for (let token = this.current(); token !== SyntaxKind.EOF; token = this.scanNext()) {
      if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
      else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
        if (--depth === 0) {
          node.length = this.scanner.getTokenOffset() + 1 - node.offset;
          this.scanNext();
          return;
        }
      }
    }
    node.length = this.scanner.getTokenOffset() - node.offset;
  }

  /**
   * A value at the current token under `parent`. A container is returned unread with a frame for
   * the main loop; a scalar is read at once; undefined when the token starts no value.
   */
  private value(parent: ConfigNode | undefined, stack: Frame[]): ConfigNode | undefined {
    const token = this.current();
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      const node = new ConfigNode(token === SyntaxKind.OpenBraceToken ? 'object' : 'array', this.scanner.getTokenOffset(), -1, parent, [], undefined);
      if (stack.length >= MAX_DEPTH) {
        this.skipContainer(node);
        return node;
      }
      stack.push({ node, needsComma: false, property: undefined });
      this.scanNext();
      return node;
    }
    return this.literal(parent);
  }

  /** A property's value ended at `end`: it is complete. */
  private static completeProperty(frame: Frame, end: number): void {
    if (!frame.property) return;
    frame.property.length = end - frame.property.offset;
    frame.property = undefined;
  }

  /** Closes the container on top of the stack at the current token (`}` / `]`, or whatever stands there). */
  private close(stack: Frame[]): void {
    const frame = stack.pop() as Frame;
    const isObject = frame.node.type === 'object';
    // Pushing left spare capacity in the array; a copy has exactly its elements.
    frame.node.children = (frame.node.children as ConfigNode[]).slice();
    const end = this.scanner.getTokenOffset() + this.scanner.getTokenLength();
    if (isObject) JsonTreeBuilder.completeProperty(frame, end);
    frame.node.length = end - frame.node.offset;
    const parent = stack[stack.length - 1];
    if (parent) JsonTreeBuilder.completeProperty(parent, end);
    const closer = isObject ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
    if (this.current() !== closer) {
      this.error(isObject ? ParseErrorCode.CloseBraceExpected : ParseErrorCode.CloseBracketExpected);
      // jsonc-parser's skipUntilAfter [closer]: skip to it and past it.
      for (let token = this.current(); token !== SyntaxKind.EOF; token = this.scanNext()) {
        if (token === closer) { this.scanNext(); break; }
      }
    } else {
      this.scanNext();
    }
  }

  /** One step inside the object on top of the stack: a separator and a property. */
  private objectStep(frame: Frame, stack: Frame[]): void {
    const stops = [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken];
    if (this.current() === SyntaxKind.CommaToken) {
      if (!frame.needsComma) this.error(ParseErrorCode.ValueExpected);
      JsonTreeBuilder.completeProperty(frame, this.scanner.getTokenOffset());
      this.scanNext();
    } else if (frame.needsComma) {
      this.error(ParseErrorCode.CommaExpected);
    }
    frame.needsComma = true;
    if (this.current() !== SyntaxKind.StringLiteral) {
      this.errorSkipping(ParseErrorCode.PropertyNameExpected, stops);
      this.errorSkipping(ParseErrorCode.ValueExpected, stops);
      return;
    }
    const object = frame.node;
    const offset = this.scanner.getTokenOffset();
    const property = new ConfigNode('property', offset, -1, object, undefined, undefined);
    (object.children as ConfigNode[]).push(property);
    frame.property = property;
    const key = new ConfigNode('string', offset, this.scanner.getTokenLength(), property, undefined, this.keys.intern(this.scanner.getTokenValue()));
    // Exact-size arrays: a pushed-to array reserves 17 slots, and a large config has a property
    // per value (memory, README "Performance").
    property.children = [key];
    this.scanNext();
    if (this.current() !== SyntaxKind.ColonToken) {
      this.errorSkipping(ParseErrorCode.ColonExpected, stops);
      return;
    }
    this.scanNext();
    const depth = stack.length;
    const value = this.value(property, stack);
    if (!value) {
      this.errorSkipping(ParseErrorCode.ValueExpected, stops);
      return;
    }
    property.children = [key, value];
    // A scalar (or a container skipped for depth) ends the property now; a container when it closes.
    if (stack.length === depth) JsonTreeBuilder.completeProperty(frame, value.offset + value.length);
  }

  /** One step inside the array on top of the stack: a separator and an element. */
  private arrayStep(frame: Frame, stack: Frame[]): void {
    if (this.current() === SyntaxKind.CommaToken) {
      if (!frame.needsComma) this.error(ParseErrorCode.ValueExpected);
      this.scanNext();
    } else if (frame.needsComma) {
      this.error(ParseErrorCode.CommaExpected);
    }
    frame.needsComma = true;
    const value = this.value(frame.node, stack);
    if (!value) {
      this.errorSkipping(ParseErrorCode.ValueExpected, [SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken]);
      return;
    }
    (frame.node.children as ConfigNode[]).push(value);
  }

  build(): ConfigNode | undefined {
    this.scanNext();
    if (this.current() === SyntaxKind.EOF) return undefined; // empty content is allowed: a file being started
    const stack: Frame[] = [];
    const root = this.value(undefined, stack);
    if (!root) {
      this.error(ParseErrorCode.ValueExpected);
      return undefined;
    }
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const closer = frame.node.type === 'object' ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
      if (this.current() === closer || this.current() === SyntaxKind.EOF) this.close(stack);
      else if (frame.node.type === 'object') this.objectStep(frame, stack);
      else this.arrayStep(frame, stack);
    }
    if (this.current() !== SyntaxKind.EOF) this.error(ParseErrorCode.EndOfFileExpected);
    return root;
  }
}

export function buildJsonTree(text: string): JsonParse {
  const builder = new JsonTreeBuilder(text);
  const root = builder.build();
  return { root, errors: builder.errors, tooDeepAt: builder.tooDeepAt };
}
