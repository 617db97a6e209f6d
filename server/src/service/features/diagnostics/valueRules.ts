/**
 * Go's value rules for one option: does Centrifugo turn this JSON value into the setting, and
 * how. v6 decodes the whole file with mapstructure in weak mode (viper's decoder) with the hooks
 * of internal/config/config.go:170-176@v6.9.1 — viper's comma-splitting string-to-slice hook is
 * not among them. v5 reads top-level keys with viper's lenient Get* casts (a value it cannot
 * convert becomes the zero value without a word) and array items with mapstructure in weak mode
 * plus a comma-splitting hook (internal/tools/config.go:176-186@v5.4.9).
 *
 * Values are plain tree nodes (`type`, `value`, `children`), whatever the file's format.
 */
import type { OptionInfo } from '../../catalog/options';
import { articleOf, type Spelling, spellingOf } from './spelling';

export interface ValueNode {
  readonly type: string;
  /** Where the value starts in the text (tree nodes have it), for advice that depends on how it is written. */
  readonly offset?: number;
  readonly value?: unknown;
  readonly children?: readonly ValueNode[];
}

/** How the value is read: `decoder` stops start-up on what it cannot convert; `lenient` reads zero instead. */
export type Reader = 'decoder' | 'lenient' | 'decoder-v5-items';

export interface ValueFinding {
  readonly code: 'type-mismatch' | 'invalid-value';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** JSON text a quick fix can put instead. */
  readonly replacement?: string;
}

const GO_BOOL = new Map<string, boolean>([
  ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
  ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
]);

/**
 * The file the value stands in: its format's words and its text. Without it, JSON (the words
 * the type descriptions of hover and completion use in every format).
 */
export interface ValueSource {
  readonly spelling: Spelling;
  readonly text: string;
}

const JSON_SOURCE: ValueSource = { spelling: spellingOf('json'), text: '' };

/** The first character of the value as written ('"' for a JSON string when the text is not known). */
function firstChar(source: ValueSource, node: ValueNode): string {
  if (node.offset !== undefined && source.text) return source.text[node.offset] ?? '';
  return node.type === 'string' ? '"' : node.type === 'object' ? '{' : node.type === 'array' ? '[' : '';
}

function quotedAdvice(source: ValueSource, node: ValueNode, values: string): string {
  const c = firstChar(source, node);
  return c === '"' || c === '\'' ? `write ${values} without quotes` : `write ${values}`;
}

const TYPE_WORDS: Readonly<Record<OptionInfo['kind'], string>> = {
  bool: 'a boolean', int: 'an integer', uint: 'a non-negative integer', float: 'a number', string: 'a string',
  duration: 'a duration such as "1s" or "500ms"', pem: 'a string (PEM text, base64 of PEM, or a file path)',
  stringList: 'an array of strings', stringMap: 'an object of string values', object: 'an object',
  objectList: 'an array of objects',
};

/** The type an option takes; with a source, in its format's nouns (a YAML list, a TOML table). */
export function typeWords(option: OptionInfo, source: ValueSource = JSON_SOURCE): string {
  const { spelling } = source;
  if (spelling.format === 'json') return TYPE_WORDS[option.kind];
  switch (option.kind) {
    case 'stringList': return `${articleOf(spelling, 'array')} of strings`;
    case 'stringMap': return `${articleOf(spelling, 'object')} of string values`;
    case 'object': return articleOf(spelling, 'object');
    case 'objectList': return `${articleOf(spelling, 'array')} of ${spelling.object}s`;
    default: return TYPE_WORDS[option.kind];
  }
}

const q = (s: string): string => `\`${s}\``;

function stops(reader: Reader): string {
  return reader === 'lenient' ? '' : 'Centrifugo cannot decode it and stops at start-up';
}

function refused(option: OptionInfo, what: string, reader: Reader, zero: string, source: ValueSource): ValueFinding {
  if (reader === 'lenient') {
    return { code: 'type-mismatch', severity: 'warning',
      message: `${q(option.key)} takes ${typeWords(option, source)}, not ${what}: Centrifugo v5 reads it as ${zero} without a word.` };
  }
  return { code: 'type-mismatch', severity: 'error', message: `${q(option.key)} takes ${typeWords(option, source)}, not ${what}: ${stops(reader)}.` };
}

/** Go's time.ParseDuration: a sequence of decimal numbers with units; "0" alone needs none. */
const DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

export function isGoDuration(text: string): boolean {
  return DURATION.test(text);
}

/** What Centrifugo makes of `node` for `option`; no finding when it reads what was meant. */
export function checkValue(option: OptionInfo, node: ValueNode, reader: Reader, source: ValueSource = JSON_SOURCE): ValueFinding[] {
  if (node.type === 'null') return [];
  const t = node.type;
  const { spelling } = source;
  const what = articleOf(spelling, t);
  switch (option.kind) {
    case 'bool': return checkBool(option, node, reader, source);
    case 'int': case 'uint': case 'float': return checkNumber(option, node, reader, source);
    case 'duration': return checkDuration(option, node, reader, source);
    case 'string': case 'pem':
      if (t === 'object' || t === 'array') return [refused(option, what, reader, 'an empty string', source)];
      if (t === 'boolean' && reader !== 'lenient') {
        // mapstructure's weak mode writes a bool into a string as "1" or "0".
        const text = node.value ? '1' : '0';
        return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify(String(node.value)),
          message: `${q(option.key)} takes a string: Centrifugo turns ${String(node.value)} into the text "${text}", not "${String(node.value)}". Write the value in quotes.` }];
      }
      return checkEnum(option, node);
    case 'stringList': return checkList(option, node, reader, source);
    case 'stringMap':
      if (t === 'object') {
        return (node.children ?? []).flatMap((prop) => {
          const v = prop.children?.[1];
          return v && (v.type === 'object' || v.type === 'array')
            ? [{ code: 'type-mismatch' as const, severity: 'error' as const, message: `Each value of ${q(option.key)} is a string; ${articleOf(spelling, v.type)} ${reader === 'lenient' ? 'is not read' : 'stops Centrifugo at start-up'}.` }]
            : [];
        });
      }
      if (t === 'string') {
        // A string holding a JSON object is parsed by configtypes.StringToMapStringStringHookFunc (v6).
        if (reader !== 'lenient' && option.version === 'v6' && !isJsonObjectText(node.value as string)) {
          return [{ code: 'type-mismatch', severity: 'error',
            message: `${q(option.key)} takes ${articleOf(spelling, 'object')} of strings; a string is accepted only when it holds a JSON object, and this one does not: Centrifugo stops at start-up.` }];
        }
        return [];
      }
      if (t === 'array' && (node.children ?? []).every((c) => c.type === 'object')) return []; // weak mode merges a list of maps
      return [refused(option, what, reader, 'an empty map', source)];
    case 'object':
      if (t === 'object') return [];
      if (t === 'array' && (node.children ?? []).length === 0) return []; // weak mode: an empty array is an empty map
      return [{ code: 'type-mismatch', severity: 'error',
        message: `${q(option.key)} is a section of settings (${articleOf(spelling, 'object')}), not ${what}: Centrifugo cannot decode it and stops at start-up.${option.version === 'v6' ? ' A scalar here is usually a v5 setting: in v6 the value goes inside the section.' : ''}` }];
    case 'objectList':
      if (t === 'array') {
        return (node.children ?? []).flatMap((item) => item.type === 'object' || item.type === 'null' ? [] : [{
          code: 'type-mismatch' as const, severity: 'error' as const,
          message: `Each entry of ${q(option.key)} is ${articleOf(spelling, 'object')}; Centrifugo cannot decode ${articleOf(spelling, item.type)} here and stops at start-up.`,
        }]);
      }
      if (t === 'object') {
        return [{ code: 'type-mismatch', severity: 'warning',
          message: `${q(option.key)} takes ${typeWords(option, source)}. Centrifugo reads this single ${spelling.object} as a list of one; ${oneItemAdvice(option, source, node)}.` }];
      }
      return [refused(option, what, reader, 'an empty list', source)];
  }
}

/** How a single object becomes a list of one in the file's syntax. */
function oneItemAdvice(option: OptionInfo, source: ValueSource, node: ValueNode): string {
  switch (source.spelling.format) {
    case 'json': return 'write it inside [ ]';
    case 'yaml': return 'make it an item of a list: `- ` before its first key';
    case 'toml':
      if (firstChar(source, node) === '{') return 'write it inside [ ]';
      // A header cannot name an array index, so under one the name stays general.
      return `write its header in double brackets, ${option.path.includes('[') ? '`[[...]]`' : `\`[[${option.path}]]\``}`;
  }
}

function isJsonObjectText(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

function checkBool(option: OptionInfo, node: ValueNode, reader: Reader, source: ValueSource): ValueFinding[] {
  const t = node.type;
  if (t === 'boolean') return [];
  if (t === 'number') {
    const read = (node.value as number) !== 0;
    return [{ code: 'type-mismatch', severity: 'warning', replacement: String(read),
      message: `${q(option.key)} takes a boolean, not a number: Centrifugo reads ${String(node.value)} as ${String(read)}; write ${String(read)}.` }];
  }
  if (t === 'string') {
    const s = node.value as string;
    const read = s === '' ? false : GO_BOOL.get(s);
    if (read !== undefined) {
      return [{ code: 'type-mismatch', severity: 'warning', replacement: String(read),
        message: `${q(option.key)} takes a boolean, but this is the string ${JSON.stringify(s)}: Centrifugo reads it as ${String(read)}; ${quotedAdvice(source, node, String(read))}.` }];
    }
    return [refused(option, `the string ${JSON.stringify(s)}`, reader, 'false', source)];
  }
  return [refused(option, articleOf(source.spelling, t), reader, 'false', source)];
}

function checkNumber(option: OptionInfo, node: ValueNode, reader: Reader, source: ValueSource): ValueFinding[] {
  const t = node.type;
  const integer = option.kind !== 'float';
  if (t === 'number') {
    const n = node.value as number;
    if (integer && !Number.isInteger(n)) {
      return [{ code: 'type-mismatch', severity: 'warning', replacement: String(Math.trunc(n)),
        message: `${q(option.key)} takes an integer: Centrifugo drops the fraction and reads ${Math.trunc(n)}.` }];
    }
    if (option.kind === 'uint' && n < 0) {
      // mapstructure's weak mode turns a negative number into an overflowed unsigned value, without an error.
      return [{ code: 'invalid-value', severity: 'warning', message: `${q(option.key)} cannot be negative: Centrifugo reads it as an unsigned number, so ${n} wraps around to a huge value.` }];
    }
    return [];
  }
  if (t === 'string') {
    const s = (node.value as string).trim();
    if (s === '' && reader !== 'lenient') return [];
    // strconv.ParseInt(s, 0, ...) in weak mode: "8000" and "0x1f" are numbers; anything else is not.
    const ok = integer ? /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|\d[\d_]*)$/.test(s) : s !== '' && !Number.isNaN(Number(s));
    if (ok) return [];
    return [refused(option, `the string ${JSON.stringify(node.value)}`, reader, '0', source)];
  }
  if (t === 'boolean' && reader !== 'lenient') {
    return [{ code: 'type-mismatch', severity: 'warning', replacement: node.value ? '1' : '0',
      message: `${q(option.key)} takes a number: Centrifugo reads ${String(node.value)} as ${node.value ? 1 : 0}.` }];
  }
  return [refused(option, articleOf(source.spelling, t), reader, '0', source)];
}

function checkDuration(option: OptionInfo, node: ValueNode, reader: Reader, source: ValueSource): ValueFinding[] {
  const t = node.type;
  if (t === 'string') {
    const s = node.value as string;
    if (isGoDuration(s)) return [];
    if (reader === 'lenient') {
      // spf13/cast gives a bare number a "ns" unit; anything else becomes 0.
      if (/^\d+$/.test(s.trim())) {
        return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify(`${s.trim()}s`),
          message: `${q(option.key)} is a duration: Centrifugo v5 reads ${JSON.stringify(s)} as ${s.trim()} nanoseconds. Give a unit, e.g. "${s.trim()}s".` }];
      }
      return [refused(option, `the string ${JSON.stringify(s)}`, reader, '0', source)];
    }
    const bare = /^\s*\d+(?:\.\d+)?\s*$/.test(s);
    const spaced = /^\s*\d+(?:\.\d+)?\s+[a-zµμ]+\s*$/.test(s);
    const fix = bare ? `${s.trim()}s` : spaced ? s.replace(/\s+/g, '') : undefined;
    const why = bare ? 'a number without a unit is not a duration in Go' : spaced ? 'Go durations have no space before the unit' : 'Go cannot parse it as a duration';
    return [{ code: 'type-mismatch', severity: 'error', ...(fix ? { replacement: JSON.stringify(fix) } : {}),
      message: `${q(option.key)} is a duration (e.g. "10s", "1m30s", "500ms"): ${why}, so Centrifugo stops at start-up.${fix ? ` Did you mean "${fix}"?` : ''}` }];
  }
  if (t === 'number') {
    const n = node.value as number;
    if (n === 0) return [];
    return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify(`${n}s`),
      message: `${q(option.key)} is a duration and a bare number counts as nanoseconds: ${n} is ${n} ns, almost surely not what was meant. Write a string with a unit, e.g. "${n}s".` }];
  }
  return [refused(option, articleOf(source.spelling, t), reader, '0', source)];
}

function checkList(option: OptionInfo, node: ValueNode, reader: Reader, source: ValueSource): ValueFinding[] {
  const t = node.type;
  const { spelling } = source;
  if (t === 'array') {
    const out: ValueFinding[] = [];
    for (const item of node.children ?? []) {
      if (item.type === 'object' || item.type === 'array') {
        out.push({ code: 'type-mismatch', severity: reader === 'lenient' ? 'warning' : 'error',
          message: `Each entry of ${q(option.key)} is a string; Centrifugo cannot use ${articleOf(spelling, item.type)} here${reader === 'lenient' ? '' : ' and stops at start-up'}.` });
      } else {
        out.push(...checkEnum(option, item));
      }
    }
    return out;
  }
  if (t === 'string') {
    const s = node.value as string;
    if (reader === 'decoder' && s.includes(',')) {
      const parts = s.split(',').map((p) => p.trim()).filter((p) => p);
      return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify(parts),
        message: `${q(option.key)} takes ${articleOf(spelling, 'array')}. Centrifugo v6 reads this string as a list of ONE entry, ${JSON.stringify(s)}, and does not split it at commas. Write ${articleOf(spelling, 'array')}: ${spelling.stringList(parts)}.` }];
    }
    if (reader === 'decoder') {
      return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify([s]),
        message: `${q(option.key)} takes ${articleOf(spelling, 'array')}; Centrifugo reads this string as a list of one entry. Write it as ${articleOf(spelling, 'array')}: ${spelling.stringList([s])}.` }];
    }
    return [];
  }
  if (t === 'object') return [refused(option, articleOf(spelling, 'object'), reader, 'an empty list', source)];
  return [];
}

/** Enumerations of v6-enums.tsv; `log.level` is matched case-insensitively and never refused. */
function checkEnum(option: OptionInfo, node: ValueNode): ValueFinding[] {
  const values = option.enumValues;
  if (!values || node.type !== 'string') return [];
  const s = node.value as string;
  const lenientLog = option.path === 'log.level';
  const candidate = lenientLog ? s.toLowerCase() : s;
  if (values.includes(candidate)) return [];
  const listed = values.filter((v) => v !== '').map((v) => `"${v}"`).join(', ');
  const near = values.find((v) => v.toLowerCase() === s.toLowerCase());
  if (lenientLog) {
    return [{ code: 'invalid-value', severity: 'warning',
      message: `${JSON.stringify(s)} is not a log level: Centrifugo logs a warning and uses "info". Levels: ${listed}.` }];
  }
  // Some sets are checked only when the part of Centrifugo that reads them starts (v6-enums.tsv notes).
  const onlyWhenUsed = /only|when .* (used|enabled)/.test(option.enumNote ?? '');
  const effect = onlyWhenUsed ? 'Centrifugo refuses it once that part of it starts' : 'Centrifugo stops at start-up';
  return [{ code: 'invalid-value', severity: onlyWhenUsed ? 'warning' : 'error', ...(near !== undefined ? { replacement: JSON.stringify(near) } : {}),
    message: `${JSON.stringify(s)} is not a value ${q(option.key)} accepts (${listed}${values.includes('') ? ', or empty for the default' : ''}): ${effect} (${option.enumSource ?? 'v6.9.1'}).` }];
}
