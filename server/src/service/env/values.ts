/**
 * How Centrifugo turns a variable's text into an option's value, per version, and whether it can.
 *
 * v6: envconfig's processField (`internal/config/envconfig/envconfig.go:275-360`@v6.9.1): an empty
 * value changes nothing (line 277); bool via strconv.ParseBool, ints via strconv.ParseInt(v, 0, bits),
 * `Duration` via time.ParseDuration, slices split on single spaces, `MapStringString` and the
 * transforms as JSON, named arrays as JSON or space-separated names (`configtypes/types.go:777`).
 * A value that fails stops Centrifugo ("error processing env", `config.go:226-229`).
 *
 * v5: viper's cast functions read the same text but swallow errors: a bad bool is `false`, a bad
 * number `0` — Centrifugo starts with the zero value.
 */
import type { MajorVersion, OptionInfo } from '../catalog/options';

export type EnvJson = string | number | boolean | null | EnvJson[] | { [key: string]: EnvJson };

export type ParsedEnvValue =
  | { readonly ok: true; readonly value: EnvJson; readonly form?: 'json' | 'names' }
  | { readonly ok: false; readonly expected: string };

const GO_BOOL = new Map<string, boolean>([
  ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
  ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
]);

/** strconv.ParseInt/ParseUint with base 0: sign, 0x/0o/0b/0 prefixes, `_` between digits. */
function parseGoInteger(text: string, unsigned: boolean, bits: number): number | undefined {
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/.exec(text);
  if (!m || (unsigned && m[1])) return undefined;
  const body = m[2]!.replace(/_/g, '');
  let n: bigint;
  if (/^0[xXbBoO]/.test(body)) n = BigInt(body.slice(0, 2).toLowerCase() + body.slice(2));
  else if (body.length > 1 && body.startsWith('0')) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  if (m[1] === '-') n = -n;
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  return n > max || n < min ? undefined : Number(n);
}

function bitsOf(goType: string): number {
  const m = /(\d+)$/.exec(goType);
  return m ? Number(m[1]) : 64;
}

/** time.ParseDuration: `300ms`, `1h30m`, `-1.5s`, `0`. */
export function isGoDuration(text: string): boolean {
  return text === '0' || /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(text);
}

function parseJson(text: string): EnvJson | undefined {
  try {
    return JSON.parse(text) as EnvJson;
  } catch {
    return undefined;
  }
}

/** The value Centrifugo makes of a non-empty variable for an option, or what it expected instead. */
export function parseEnvValue(version: MajorVersion, option: OptionInfo, text: string): ParsedEnvValue {
  switch (option.kind) {
    case 'bool': {
      const b = GO_BOOL.get(text);
      return b === undefined ? { ok: false, expected: 'a boolean (true, false, 1, 0, t, f)' } : { ok: true, value: b };
    }
    case 'int':
    case 'uint': {
      const n = parseGoInteger(version === 'v5' ? text.replace(/\.0*$/, '') : text, option.kind === 'uint', bitsOf(option.goType));
      return n === undefined ? { ok: false, expected: option.kind === 'uint' ? 'a whole number of 0 or more' : 'a whole number' } : { ok: true, value: n };
    }
    case 'float': {
      const f = Number(text);
      return text.trim() === '' || Number.isNaN(f) ? { ok: false, expected: 'a number' } : { ok: true, value: f };
    }
    case 'duration':
      // v5's cast appends `ns` to a bare number (cast.ToDurationE).
      if (version === 'v5' && /^-?\d+$/.test(text)) return { ok: true, value: `${text}ns` };
      return isGoDuration(text) ? { ok: true, value: text } : { ok: false, expected: 'a duration such as 500ms, 10s or 1h30m' };
    case 'string':
    case 'pem':
      return { ok: true, value: text };
    case 'stringList':
      // v6 splits on every single space (envconfig SliceSep); v5's cast on runs of white space.
      return { ok: true, value: version === 'v6' ? text.split(' ') : text.split(/\s+/).filter(Boolean) };
    case 'stringMap': {
      const m = parseJson(text);
      const isStringMap = m !== null && typeof m === 'object' && !Array.isArray(m) && Object.values(m).every((v) => typeof v === 'string');
      return isStringMap ? { ok: true, value: m, form: 'json' } : { ok: false, expected: 'a JSON object of strings, such as {"X-Key":"v"}' };
    }
    case 'objectList': {
      const named = version === 'v6' && /(^|\.)(namespaces|proxies|consumers)$/.test(option.path);
      if (named && !(text.startsWith('[') && text.endsWith(']'))) {
        return { ok: true, value: text.split(' ').map((name) => ({ name })), form: 'names' };
      }
      const a = parseJson(text);
      return Array.isArray(a) && a.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
        ? { ok: true, value: a, form: 'json' }
        : { ok: false, expected: named ? 'a JSON array of objects, or names separated by spaces' : 'a JSON array of objects' };
    }
    case 'object':
      return { ok: false, expected: 'nothing: this setting has no variable of its own' };
  }
}
