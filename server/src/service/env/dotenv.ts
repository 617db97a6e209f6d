/**
 * A `.env` reader that accepts exactly what godotenv v1.5.1 accepts — the library Centrifugo v6
 * loads `./.env` with (`internal/app/run.go:46-52`@v6.9.1, `godotenv.Load()`). It follows
 * godotenv's `parser.go` step by step (statement start, key scan, unquoted/quoted value,
 * escapes, `$VAR` expansion), including its quirks, and adds what godotenv throws away: where
 * each name and value sits in the text, and where the first error is.
 *
 * godotenv stops at the first error and then loads nothing (`godotenv.go:184-188`); Centrifugo
 * then exits with "error loading .env file". The entries before the error are still returned so
 * the editor's features keep working while the user types.
 */

export type EnvQuote = 'none' | 'single' | 'double';

export interface DotenvEntry {
  /** The variable's name as godotenv sets it (inner spaces kept, trailing ones trimmed). */
  readonly name: string;
  /** The value after godotenv's processing (quotes removed, escapes and `$VAR` expanded). */
  readonly value: string;
  readonly quote: EnvQuote;
  /** Offsets in the original text (a `\r\n` file keeps its own offsets). */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The value as written, quotes included; for an unquoted value without a trailing comment. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The raw text between valueStart and valueEnd. */
  readonly raw: string;
  /** The statement began with `export `. */
  readonly exported: boolean;
  /** No `=` or `:` was found before the end of the file: godotenv assigns the text to an empty name. */
  readonly noAssignment?: boolean;
}

export type DotenvErrorKind = 'bad-name-character' | 'unterminated-quote';

export interface DotenvError {
  readonly kind: DotenvErrorKind;
  /** Offset and length in the original text of the spot godotenv stumbles on. */
  readonly offset: number;
  readonly length: number;
  /** The offending character (bad-name-character) or the quote (unterminated-quote). */
  readonly character: string;
  /** Offset of the statement that failed. */
  readonly statementOffset: number;
}

export interface DotenvFile {
  readonly entries: readonly DotenvEntry[];
  /** The first error; godotenv loads nothing from a file that has one. */
  readonly error?: DotenvError;
  /** Name → value as godotenv returns them (last assignment wins). Empty when `error` is set. */
  readonly values: ReadonlyMap<string, string>;
}

/** godotenv's `isSpace`: a space that is not a line break. */
function isInlineSpace(ch: string): boolean {
  return ch === '\t' || ch === '\v' || ch === '\f' || ch === '\r' || ch === ' ' || ch === '\u0085' || ch === '\u00a0';
}

/** Go's `unicode.IsSpace` (JavaScript's `\s` differs: it counts U+FEFF, Go does not). */
function isGoSpace(ch: string): boolean {
  if (ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r' || ch === ' ' || ch === '\u0085' || ch === '\u00a0') return true;
  const c = ch.codePointAt(0) ?? 0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * godotenv scans the key byte by byte and tests each byte as a rune, so a UTF-8 byte is judged
 * as the Latin-1 character of the same number (`parser.go` locateKeyName). Returns 'space' for
 * bytes it skips, 'name' for bytes it accepts, 'end' for `=`/`:`, 'bad' otherwise.
 */
function classifyKeyByte(b: number): 'space' | 'name' | 'end' | 'bad' {
  if (b === 0x09 || b === 0x0b || b === 0x0c || b === 0x0d || b === 0x20 || b === 0x85 || b === 0xa0) return 'space';
  if (b === 0x3d || b === 0x3a) return 'end';
  if (b === 0x5f || b === 0x2e) return 'name';
  if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) return 'name';
  // unicode.IsLetter / unicode.IsNumber over U+0080..U+00FF.
  if (b === 0xaa || b === 0xb5 || b === 0xba || (b >= 0xc0 && b <= 0xd6) || (b >= 0xd8 && b <= 0xf6) || b >= 0xf8) return 'name';
  if (b === 0xb2 || b === 0xb3 || b === 0xb9 || (b >= 0xbc && b <= 0xbe)) return 'name';
  return 'bad';
}

const utf8 = new TextEncoder();

const ESCAPE = /\\[^\n]/g;
const UNESCAPE = /\\([^$])/g;
const EXPAND = /(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?/g;

/** godotenv's `expandEscapes`: `\n` and `\r` become line breaks, then a backslash before anything but `$` is dropped. */
function expandEscapes(text: string): string {
  const out = text.replace(ESCAPE, (m) => (m[1] === 'n' ? '\n' : m[1] === 'r' ? '\r' : m));
  return out.replace(UNESCAPE, '$1');
}

/**
 * godotenv's `expandVariables`: `$NAME`/`${NAME}` (upper-case names only) from the variables
 * set earlier in the same file — not from the process environment (`parser.go` passes its own
 * map). `\$` keeps the dollar.
 */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(EXPAND, (m: string, escaped: string | undefined, _dollar: string, _paren: string | undefined, name: string | undefined) => {
    if (escaped === '\\') return m.slice(1);
    if (name) return vars.get(name) ?? '';
    return m;
  });
}

/** Parses a `.env` text the way godotenv v1.5.1 does. */
export function parseDotenv(original: string): DotenvFile {
  // godotenv turns "\r\n" into "\n" first; keep a map back to the original offsets.
  const src = original.replace(/\r\n/g, '\n');
  const toOriginal = buildOffsetMap(original, src);
  const at = (i: number): number => toOriginal(i);
  const entries: DotenvEntry[] = [];
  const vars = new Map<string, string>();

  let pos = 0;
  for (;;) {
    pos = statementStart(src, pos);
    if (pos < 0) break;
    const statementOffset = pos;

    // locateKeyName: trim spaces and an `export` followed by a space.
    let p = pos;
    while (p < src.length && isInlineSpace(src[p]!)) p++;
    let exported = false;
    if (src.startsWith('export', p) && p + 6 < src.length && isInlineSpace(src[p + 6]!)) {
      p += 6;
      while (p < src.length && isInlineSpace(src[p]!)) p++;
      exported = true;
    }
    const keyStart = p;
    let keyEnd = -1;
    let q = p;
    for (; q < src.length; q++) {
      const ch = src[q]!;
      const code = ch.charCodeAt(0);
      const bytes = code < 0x80 ? [code] : Array.from(utf8.encode(charAt(src, q)));
      let verdict: 'space' | 'name' | 'end' | 'bad' = 'name';
      for (const b of bytes) {
        const v = classifyKeyByte(b);
        if (v === 'end' || v === 'bad') { verdict = v; break; }
      }
      if (verdict === 'end') { keyEnd = q; break; }
      if (verdict === 'bad') {
        return finish(entries, {
          kind: 'bad-name-character', offset: at(q), length: charAt(src, q).length, character: charAt(src, q),
          statementOffset: at(statementOffset),
        });
      }
      if (code >= 0xd800 && code <= 0xdbff) q++; // the low surrogate was judged with its pair
    }

    let name: string;
    let valueFrom: number;
    let noAssignment = false;
    if (keyEnd < 0) {
      // End of file without `=`: godotenv's key is empty and the whole rest becomes the value.
      name = '';
      valueFrom = keyStart;
      noAssignment = true;
    } else {
      name = trimRightGoSpace(src.slice(keyStart, keyEnd));
      valueFrom = keyEnd + 1;
    }
    while (valueFrom < src.length && isInlineSpace(src[valueFrom]!)) valueFrom++;
    const nameStart = noAssignment ? keyStart : keyStart;
    const nameEnd = noAssignment ? keyStart : keyStart + name.length;

    const quoteChar = src[valueFrom];
    if (quoteChar !== '"' && quoteChar !== "'") {
      let lineEnd = valueFrom;
      while (lineEnd < src.length && src[lineEnd] !== '\n' && src[lineEnd] !== '\r') lineEnd++;
      const line = src.slice(valueFrom, lineEnd);
      let endOfVar = line.length;
      for (let i = line.length - 1; i > 0; i--) {
        if (line[i] === '#' && isInlineSpace(line[i - 1]!)) { endOfVar = i; break; }
      }
      const kept = line.slice(0, endOfVar);
      let trimEnd = kept.length;
      while (trimEnd > 0 && isInlineSpace(kept[trimEnd - 1]!)) trimEnd--;
      const raw = kept.slice(0, trimEnd);
      const value = expandVariables(raw, vars);
      entries.push({
        name, value, quote: 'none', nameStart: at(nameStart), nameEnd: at(nameEnd),
        valueStart: at(valueFrom), valueEnd: at(valueFrom + raw.length), raw, exported,
        ...(noAssignment ? { noAssignment } : {}),
      });
      vars.set(name, value);
      pos = lineEnd;
      continue;
    }

    // Quoted: the next same quote not preceded by a backslash, across lines.
    let close = -1;
    for (let i = valueFrom + 1; i < src.length; i++) {
      if (src[i] === quoteChar && src[i - 1] !== '\\') { close = i; break; }
    }
    if (close < 0) {
      return finish(entries, {
        kind: 'unterminated-quote', offset: at(valueFrom), length: 1, character: quoteChar,
        statementOffset: at(statementOffset),
      });
    }
    const inner = trimChar(src.slice(valueFrom, close), quoteChar);
    const value = quoteChar === '"' ? expandVariables(expandEscapes(inner), vars) : inner;
    entries.push({
      name, value, quote: quoteChar === '"' ? 'double' : 'single', nameStart: at(nameStart), nameEnd: at(nameEnd),
      valueStart: at(valueFrom), valueEnd: at(close + 1), raw: original.slice(at(valueFrom), at(close + 1)), exported,
    });
    vars.set(name, value);
    pos = close + 1;
  }
  return finish(entries, undefined);
}

function finish(entries: DotenvEntry[], error: DotenvError | undefined): DotenvFile {
  const values = new Map<string, string>();
  if (!error) for (const e of entries) values.set(e.name, e.value);
  return error ? { entries, error, values } : { entries, values };
}

/** getStatementStart: skip white space and whole `#` comment lines; -1 at the end. */
function statementStart(src: string, from: number): number {
  let p = from;
  for (;;) {
    while (p < src.length && isGoSpace(src[p]!)) p++;
    if (p >= src.length) return -1;
    if (src[p] !== '#') return p;
    const nl = src.indexOf('\n', p);
    if (nl < 0) return -1;
    p = nl;
  }
}

function charAt(s: string, i: number): string {
  const c = s.codePointAt(i);
  return c === undefined ? '' : String.fromCodePoint(c);
}

function trimRightGoSpace(s: string): string {
  let end = s.length;
  while (end > 0 && isGoSpace(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Go's bytes.TrimLeftFunc + TrimRightFunc with one quote character: every leading and trailing copy goes. */
function trimChar(s: string, ch: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === ch) start++;
  while (end > start && s[end - 1] === ch) end--;
  return s.slice(start, end);
}

/** Offsets of the "\r\n"-normalised text mapped back to the original. */
function buildOffsetMap(original: string, normalised: string): (i: number) => number {
  if (original.length === normalised.length) return (i) => i;
  const starts: number[] = [];
  for (let i = original.indexOf('\r\n'); i >= 0; i = original.indexOf('\r\n', i + 2)) starts.push(i);
  // The k-th removed "\r" sits at original offset starts[k]; normalised offset n maps to n + (removed before it).
  return (n) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! - mid < n) lo = mid + 1; else hi = mid;
    }
    return n + lo;
  };
}
