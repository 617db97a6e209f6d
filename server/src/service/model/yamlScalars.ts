/**
 * How Go's YAML decoders read an unquoted scalar into `interface{}`, which is what Viper hands
 * Centrifugo. v5 reads YAML with gopkg.in/yaml.v2 (viper-lite util.go:158, go.mod@v5.4.9), v6 with
 * go.yaml.in/yaml/v3 (viper v1.21.0 internal/encoding/yaml/codec.go:13, go.mod@v6.9.1). The rules
 * follow each library's resolve.go (yaml.v2 v2.4.0 resolve.go:37-48, yaml.v3 v3.0.1 resolve.go:48-
 * 56 and `resolve`), not the YAML spec: both read `0777` as octal, v2 reads `yes`/`on`/`y` as true.
 */
import type { Conversion, ScalarValue } from './tree';

export type YamlDecoder = 'yaml.v2' | 'yaml.v3';

export interface ResolvedScalar {
  readonly value: ScalarValue;
  readonly conversion: Conversion | undefined;
}

const COMMON: ReadonlyMap<string, ScalarValue> = new Map<string, ScalarValue>([
  ...['true', 'True', 'TRUE'].map((s) => [s, true] as const),
  ...['false', 'False', 'FALSE'].map((s) => [s, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, Number.NEGATIVE_INFINITY] as const),
]);

/** YAML 1.1 booleans that yaml.v2 keeps and yaml.v3 dropped (v2 resolve.go:37-42). */
const V2_BOOLEANS: ReadonlyMap<string, boolean> = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** The shapes yaml's parseTimestamp accepts (RFC 3339 and the YAML 1.1 spellings, date first). */
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}([Tt ]|$)/;

/** Go's strconv.ParseInt/ParseUint with base 0 (after yaml removed the underscores). */
function goInteger(text: string): number | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, digits] = match;
  let magnitude: bigint;
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') magnitude = BigInt(`0${prefix[1]}${digits.slice(2)}`);
  else if (digits.length > 1 && digits[0] === '0') magnitude = BigInt(`0o${digits.slice(1)}`);
  else magnitude = BigInt(digits);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value < -(2n ** 63n) || value >= 2n ** 64n) return undefined;
  return Number(value);
}

function describe(value: ScalarValue): string {
  return typeof value === 'string' ? `the text "${value}"` : String(value);
}

/** The value of an unquoted, untagged scalar as the decoder reads it, and a note when it reads unlike it looks. */
export function resolvePlainScalar(text: string, decoder: YamlDecoder): ResolvedScalar {
  const library = decoder === 'yaml.v2' ? 'Centrifugo v5 (yaml.v2)' : 'Centrifugo v6 (yaml.v3)';
  const common = COMMON.get(text);
  if (common !== undefined || COMMON.has(text)) {
    const unusual = typeof common === 'number';
    return { value: common ?? null, conversion: unusual ? { written: text, note: `${library} reads \`${text}\` as ${describe(common ?? null)}.` } : undefined };
  }
  const v2Boolean = V2_BOOLEANS.get(text);
  if (v2Boolean !== undefined) {
    if (decoder === 'yaml.v2') return { value: v2Boolean, conversion: { written: text, note: `${library} reads \`${text}\` as the boolean ${v2Boolean}, not as text.` } };
    return { value: text, conversion: { written: text, note: `${library} reads \`${text}\` as the text "${text}", not as a boolean (YAML 1.1 spellings such as yes/on/off are not booleans there).` } };
  }
  const first = text[0];
  if (first === '.') {
    const number = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
    if (number !== undefined) return { value: number, conversion: undefined };
    return { value: text, conversion: undefined };
  }
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    if (TIMESTAMP.test(text)) {
      // v2 keeps timestamp-looking text as a string when decoding into interface{} (decode.go:474);
      // v3 makes it a time.Time, which is no string to a field that wants one.
      if (decoder === 'yaml.v3') return { value: text, conversion: { written: text, note: `${library} reads \`${text}\` as a date-time, not as text: quote it if a string is meant.` } };
      return { value: text, conversion: undefined };
    }
    const plain = text.replace(/_/g, '');
    const integer = goInteger(plain) ?? (/^-0[bB][01]+$/.test(plain) ? -Number.parseInt(plain.slice(3), 2) : undefined);
    if (integer !== undefined) {
      const looksDecimal = /^[+-]?(0|[1-9][0-9]*)$/.test(text);
      return { value: integer, conversion: looksDecimal ? undefined : { written: text, note: `${library} reads \`${text}\` as the number ${integer}.` } };
    }
    if (YAML_STYLE_FLOAT.test(plain)) return { value: Number(plain), conversion: undefined };
  }
  return { value: text, conversion: undefined };
}
