import { decodeBase64Strict } from './base64';

/**
 * Splits text into PEM blocks the way Go's `encoding/pem` (and so Centrifugo) finds them, while
 * also remembering what Go silently skips, so that we can point at it:
 * - text outside blocks is allowed (e.g. the `openssl x509 -text` dump before a certificate);
 * - marker lines must start at column 0; trailing spaces, tabs and CR are ignored (CRLF files);
 * - RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`) are the `Key: Value` lines
 *   right after BEGIN;
 * - in the body, spaces, tabs and line breaks are ignored and the rest must be standard base64
 *   with padding; a block that fails this, or whose END label differs from its BEGIN label, is
 *   one Go skips: we report it instead of returning it.
 *
 * Offsets are indices into the given string (`end` is exclusive). When the material layer
 * decodes bytes as Latin-1 these are byte offsets too.
 */

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface PemHeader {
  readonly name: string;
  readonly value: string;
}

export interface PemBlock {
  /** The label between `BEGIN ` and `-----`, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`. */
  readonly label: string;
  /** From the first `-` of the BEGIN line to just after the last `-` of the END line. */
  readonly range: TextRange;
  readonly headers: readonly PemHeader[];
  /** The base64 lines between headers and END, trailing whitespace removed, joined with LF. */
  readonly body: string;
  readonly der: Uint8Array;
}

export type PemProblemKind = 'bad-base64' | 'end-without-begin' | 'begin-without-end' | 'label-mismatch';

export interface PemProblem {
  readonly kind: PemProblemKind;
  readonly label: string;
  readonly range: TextRange;
  /** Our own wording of what is wrong with the block (no advice: callers add that). */
  readonly detail: string;
}

export interface PemSplit {
  readonly blocks: readonly PemBlock[];
  readonly problems: readonly PemProblem[];
  /** True when non-blank text sits outside every block (harmless for Centrifugo). */
  readonly hasTextOutsideBlocks: boolean;
}

interface Line {
  readonly start: number;
  /** End of the line content, trailing spaces/tabs/CR excluded. */
  readonly end: number;
  readonly text: string;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    let newline = text.indexOf('\n', start);
    if (newline === -1) newline = text.length;
    let end = newline;
    while (end > start && (text[end - 1] === '\r' || text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    yield { start, end, text: text.slice(start, end) };
    start = newline + 1;
  }
}

function markerLabel(line: Line, prefix: string): string | undefined {
  if (!line.text.startsWith(prefix) || !line.text.endsWith(DASHES)) return undefined;
  if (line.text.length < prefix.length + DASHES.length) return undefined;
  return line.text.slice(prefix.length, line.text.length - DASHES.length);
}

interface OpenBlock {
  readonly label: string;
  readonly begin: Line;
  readonly headers: PemHeader[];
  readonly bodyLines: Line[];
}

export function splitPem(text: string): PemSplit {
  const blocks: PemBlock[] = [];
  const problems: PemProblem[] = [];
  let hasTextOutsideBlocks = false;
  let open: OpenBlock | undefined;

  const unterminated = (block: OpenBlock): void => {
    problems.push({
      kind: 'begin-without-end',
      label: block.label,
      range: { start: block.begin.start, end: block.begin.end },
      detail: `"-----BEGIN ${block.label}-----" has no matching END line`,
    });
  };

  for (const line of linesOf(text)) {
    const beginLabel = markerLabel(line, BEGIN);
    const endLabel = beginLabel === undefined ? markerLabel(line, END) : undefined;
    if (!open) {
      if (beginLabel !== undefined) open = { label: beginLabel, begin: line, headers: [], bodyLines: [] };
      else if (endLabel !== undefined) {
        problems.push({
          kind: 'end-without-begin',
          label: endLabel,
          range: { start: line.start, end: line.end },
          detail: `"-----END ${endLabel}-----" has no BEGIN line before it`,
        });
      } else if (line.text.trim() !== '') hasTextOutsideBlocks = true;
      continue;
    }
    if (beginLabel !== undefined) {
      unterminated(open);
      open = { label: beginLabel, begin: line, headers: [], bodyLines: [] };
      continue;
    }
    if (endLabel !== undefined) {
      const range = { start: open.begin.start, end: line.end };
      if (endLabel !== open.label) {
        problems.push({
          kind: 'label-mismatch',
          label: open.label,
          range,
          detail: `the block begins as "${open.label}" but ends as "${endLabel}"`,
        });
      } else {
        finishBlock(open, range, blocks, problems);
      }
      open = undefined;
      continue;
    }
    const colon = line.text.indexOf(':');
    if (open.bodyLines.length === 0 && colon > 0) {
      open.headers.push({ name: line.text.slice(0, colon).trim(), value: line.text.slice(colon + 1).trim() });
    } else {
      open.bodyLines.push(line);
    }
  }
  if (open) unterminated(open);
  return { blocks, problems, hasTextOutsideBlocks };
}

function finishBlock(open: OpenBlock, range: TextRange, blocks: PemBlock[], problems: PemProblem[]): void {
  // Compact the body while remembering where each line's characters start, so that a bad
  // character can be reported on its own line. Lines are appended whole: spaces and tabs inside
  // a body line are rare, so stripping them is the exception.
  let compact = '';
  const segments: { readonly compactStart: number; readonly line: Line }[] = [];
  for (const line of open.bodyLines) {
    segments.push({ compactStart: compact.length, line });
    compact += /[ \t\r]/.test(line.text) ? line.text.replace(/[ \t\r]/g, '') : line.text;
  }
  const decoded = decodeBase64Strict(compact);
  if (!decoded.ok) {
    let segment = segments[segments.length - 1];
    for (const candidate of segments) {
      if (candidate.compactStart <= decoded.offset && candidate.line.text.trim() !== '') segment = candidate;
    }
    const line = segment?.line;
    problems.push({
      kind: 'bad-base64',
      label: open.label,
      range: line ? { start: line.start, end: line.end } : range,
      detail: `the body of the "${open.label}" block is not valid base64: ${decoded.reason}`,
    });
    return;
  }
  blocks.push({
    label: open.label,
    range,
    headers: open.headers,
    body: open.bodyLines.map((line) => line.text).join('\n'),
    der: decoded.bytes,
  });
}

/** Go's `pem.Decode(value) != nil`: the text holds at least one well-formed block. */
export function looksLikePem(text: string): boolean {
  return text.includes(BEGIN) && splitPem(text).blocks.length > 0;
}

export function headerValue(block: PemBlock, name: string): string | undefined {
  return block.headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Legacy OpenSSL encryption (`Proc-Type: 4,ENCRYPTED` + `DEK-Info`) of a traditional key. */
export function isLegacyEncrypted(block: PemBlock): boolean {
  return /ENCRYPTED/i.test(headerValue(block, 'Proc-Type') ?? '');
}

/** Encodes DER as PEM with 64-column lines, as OpenSSL and Go write it. */
export function encodePem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}

/** How each config format writes the line breaks of PEM text in a string. */
const LINE_BREAK_ADVICE: Readonly<Record<'json' | 'yaml' | 'toml', string>> = {
  json: 'in JSON write \\n inside the string, not \\\\n',
  // A plain or single-quoted YAML scalar keeps \n as two characters; double quotes turn it into a line break.
  yaml: 'in YAML write the PEM as a block scalar (`|` with the lines indented below it), or in double quotes, where \\n is a line break (unquoted or in single quotes it is not)',
  // A literal string '...' keeps \n as two characters; a basic string "..." turns it into a line break.
  toml: 'in TOML write the PEM as a multi-line string between `"""` and `"""`, or in double quotes, where \\n is a line break (in single quotes it is not)',
};

/**
 * Why Go's `pem.Decode` finds no block in text that holds a `-----BEGIN` marker, in words, or
 * undefined when it finds one. Go needs `-----BEGIN` at the very start of the data or right after
 * a line break, and `-----END` right after a line break (encoding/pem, Decode): indented PEM (a
 * YAML block or a heredoc), a literal `\n` typed instead of line breaks, or text before the marker
 * on its line all leave it with nothing, and Centrifugo reports "invalid PEM data".
 */
export function pemRefusal(text: string, format: 'json' | 'yaml' | 'toml' = 'json'): string | undefined {
  if (!text.includes('-----BEGIN') || looksLikePem(text)) return undefined;
  if (!text.includes('\n') && text.includes('\\n')) {
    return `its line breaks are the two characters \\n (a backslash and an n), not real line breaks; ${LINE_BREAK_ADVICE[format]}`;
  }
  if (/(^|\n)[ \t]+-----BEGIN/.test(text)) return 'the -----BEGIN line is indented; the marker must start its line, with no spaces or tabs before it';
  if (/[^\s]-----BEGIN/.test(text) || /(^|\n)[^\n-]+-----BEGIN/.test(text)) return 'there is other text before -----BEGIN on its line; the marker must start its line';
  if (/\n[ \t]+-----END/.test(text)) return 'the -----END line is indented; the marker must start its line';
  const problem = splitPem(text).problems[0];
  return problem ? problem.detail : 'no complete block from -----BEGIN to -----END was found';
}
