/**
 * Standard base64 (RFC 4648 section 4, with `=` padding) as Go's `base64.StdEncoding` reads it,
 * which is what Centrifugo applies to `*_b64` values (v5) and to base64 `*_pem` values (v6).
 *
 * Decision on whitespace: CR and LF are ignored anywhere, because Go's decoder ignores them too
 * (so the 76-column output of `base64 cert.pem` and a trailing newline both work in Centrifugo).
 * Any other whitespace (space, tab) is an error, as it is for Go. Like Go's non-strict decoder we
 * accept non-zero padding bits. The URL-safe alphabet (`-`, `_`) is rejected: Go rejects it.
 */

export type Base64DecodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      /** Offset in the input of the first offending character (the input length for "ended too early"). */
      readonly offset: number;
      readonly reason: string;
    };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((char, index) => [char, index]));

const WELL_FORMED = /^[A-Za-z0-9+/\r\n]*(?:=[\r\n]*){0,2}$/;

export function decodeBase64Strict(text: string): Base64DecodeResult {
  // Fast path for the common, valid case (a CA bundle is hundreds of KB); the slow scan below
  // only runs to find where invalid input goes wrong.
  if (WELL_FORMED.test(text)) {
    const compact = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, '') : text;
    const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
    const remainder = (compact.length - padding) % 4;
    if (compact.length % 4 === 0 && (padding === 0 || remainder === 4 - padding)) {
      return { ok: true, bytes: new Uint8Array(Buffer.from(compact, 'base64')) };
    }
  }
  return scanBase64(text);
}

function scanBase64(text: string): Base64DecodeResult {
  const sextets: number[] = [];
  let padding = 0;
  let paddingOffset = -1;
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset];
    if (char === '\r' || char === '\n') continue;
    if (char === '=') {
      if (padding === 0) paddingOffset = offset;
      padding++;
      // Padding may only complete the final quantum: at most two, never after a full quantum.
      if (padding > 2 || (sextets.length + padding) % 4 === 1 || sextets.length % 4 < 2) {
        return { ok: false, offset, reason: 'misplaced "=" padding' };
      }
      continue;
    }
    const value = VALUES.get(char);
    if (value === undefined) {
      const what = char === ' ' || char === '\t' ? 'whitespace' : `the character ${JSON.stringify(char)}`;
      return { ok: false, offset, reason: `${what} is not allowed in standard base64` };
    }
    if (padding > 0) return { ok: false, offset, reason: 'data after "=" padding' };
    sextets.push(value);
  }
  if ((sextets.length + padding) % 4 !== 0) {
    return {
      ok: false,
      offset: padding > 0 ? paddingOffset : text.length,
      reason: 'the length is not a multiple of 4 (padding "=" missing or text cut off)',
    };
  }
  const bytes = new Uint8Array(Math.floor((sextets.length * 6) / 8));
  let out = 0;
  for (let i = 0; i < sextets.length; i += 4) {
    const quantum = (sextets[i] << 18) | (sextets[i + 1] << 12) | ((sextets[i + 2] ?? 0) << 6) | (sextets[i + 3] ?? 0);
    bytes[out++] = (quantum >> 16) & 0xff;
    if (i + 2 < sextets.length) bytes[out++] = (quantum >> 8) & 0xff;
    if (i + 3 < sextets.length) bytes[out++] = quantum & 0xff;
  }
  return { ok: true, bytes };
}

export function isStrictBase64(text: string): boolean {
  return decodeBase64Strict(text).ok;
}

/** Standard base64 with padding and no line breaks: the form a `*_b64` value should take. */
export function encodeBase64(data: Uint8Array | string): string {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return buffer.toString('base64');
}
