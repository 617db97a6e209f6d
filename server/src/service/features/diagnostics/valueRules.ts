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

export interface ValueNode {
  readonly type: string;
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

const ARTICLE: Readonly<Record<string, string>> = {
  string: 'a string', number: 'a number', boolean: 'a boolean', array: 'an array', object: 'an object',
};

const TYPE_WORDS: Readonly<Record<OptionInfo['kind'], string>> = {
  bool: 'a boolean', int: 'an integer', uint: 'a non-negative integer', float: 'a number', string: 'a string',
  duration: 'a duration such as "1s" or "500ms"', pem: 'a string (PEM text, base64 of PEM, or a file path)',
  stringList: 'an array of strings', stringMap: 'an object of string values', object: 'an object',
  objectList: 'an array of objects',
};

export function typeWords(option: OptionInfo): string {
  return TYPE_WORDS[option.kind];
}

const q = (s: string): string => `\`${s}\``;

function stops(reader: Reader): string {
  return reader === 'lenient' ? '' : 'Centrifugo cannot decode it and stops at start-up';
}

function refused(option: OptionInfo, what: string, reader: Reader, zero: string): ValueFinding {
  if (reader === 'lenient') {
    return { code: 'type-mismatch', severity: 'warning',
      message: `${q(option.key)} takes ${typeWords(option)}, not ${what}: Centrifugo v5 reads it as ${zero} without a word.` };
  }
  return { code: 'type-mismatch', severity: 'error', message: `${q(option.key)} takes ${typeWords(option)}, not ${what}: ${stops(reader)}.` };
}

/** Go's time.ParseDuration: a sequence of decimal numbers with units; "0" alone needs none. */
const DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

export function isGoDuration(text: string): boolean {
  return DURATION.test(text);
}

/** What Centrifugo makes of `node` for `option`; no finding when it reads what was meant. */
export function checkValue(option: OptionInfo, node: ValueNode, reader: Reader): ValueFinding[] {
  if (node.type === 'null') return [];
  const t = node.type;
  const what = ARTICLE[t] ?? t;
  switch (option.kind) {
    case 'bool': return checkBool(option, node, reader);
    case 'int': case 'uint': case 'float': return checkNumber(option, node, reader);
    case 'duration': return checkDuration(option, node, reader);
    case 'string': case 'pem':
      if (t === 'object' || t === 'array') return [refused(option, what, reader, 'an empty string')];
      if (t === 'boolean' && reader !== 'lenient') {
        // mapstructure's weak mode writes a bool into a string as "1" or "0".
        const text = node.value ? '1' : '0';
        return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify(String(node.value)),
          message: `${q(option.key)} takes a string: Centrifugo turns ${String(node.value)} into the text "${text}", not "${String(node.value)}". Write the value in quotes.` }];
      }
      return checkEnum(option, node);
    case 'stringList': return checkList(option, node, reader);
    case 'stringMap':
      if (t === 'object') {
        return (node.children ?? []).flatMap((prop) => {
          const v = prop.children?.[1];
          return v && (v.type === 'object' || v.type === 'array')
            ? [{ code: 'type-mismatch' as const, severity: 'error' as const, message: `Each value of ${q(option.key)} is a string; ${ARTICLE[v.type]} ${reader === 'lenient' ? 'is not read' : 'stops Centrifugo at start-up'}.` }]
            : [];
        });
      }
      if (t === 'string') {
        // A string holding a JSON object is parsed by configtypes.StringToMapStringStringHookFunc (v6).
        if (reader !== 'lenient' && option.version === 'v6' && !isJsonObjectText(node.value as string)) {
          return [{ code: 'type-mismatch', severity: 'error',
            message: `${q(option.key)} takes an object of strings; a string is accepted only when it holds a JSON object, and this one does not: Centrifugo stops at start-up.` }];
        }
        return [];
      }
      if (t === 'array' && (node.children ?? []).every((c) => c.type === 'object')) return []; // weak mode merges a list of maps
      return [refused(option, what, reader, 'an empty map')];
    case 'object':
      if (t === 'object') return [];
      if (t === 'array' && (node.children ?? []).length === 0) return []; // weak mode: an empty array is an empty map
      return [{ code: 'type-mismatch', severity: 'error',
        message: `${q(option.key)} is a section of settings (an object), not ${what}: Centrifugo cannot decode it and stops at start-up.${option.version === 'v6' ? ' A scalar here is usually a v5 setting: in v6 the value goes inside the section.' : ''}` }];
    case 'objectList':
      if (t === 'array') {
        return (node.children ?? []).flatMap((item) => item.type === 'object' || item.type === 'null' ? [] : [{
          code: 'type-mismatch' as const, severity: 'error' as const,
          message: `Each entry of ${q(option.key)} is an object; Centrifugo cannot decode ${ARTICLE[item.type] ?? item.type} here and stops at start-up.`,
        }]);
      }
      if (t === 'object') {
        return [{ code: 'type-mismatch', severity: 'warning',
          message: `${q(option.key)} takes an array of objects. Centrifugo reads this single object as a list of one; write it inside [ ].` }];
      }
      return [refused(option, what, reader, 'an empty list')];
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

function checkBool(option: OptionInfo, node: ValueNode, reader: Reader): ValueFinding[] {
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
        message: `${q(option.key)} takes a boolean, but this is the string ${JSON.stringify(s)}: Centrifugo reads it as ${String(read)}; write ${String(read)} without quotes.` }];
    }
    return [refused(option, `the string ${JSON.stringify(s)}`, reader, 'false')];
  }
  return [refused(option, ARTICLE[t] ?? t, reader, 'false')];
}

function checkNumber(option: OptionInfo, node: ValueNode, reader: Reader): ValueFinding[] {
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
    return [refused(option, `the string ${JSON.stringify(node.value)}`, reader, '0')];
  }
  if (t === 'boolean' && reader !== 'lenient') {
    return [{ code: 'type-mismatch', severity: 'warning', replacement: node.value ? '1' : '0',
      message: `${q(option.key)} takes a number: Centrifugo reads ${String(node.value)} as ${node.value ? 1 : 0}.` }];
  }
  return [refused(option, ARTICLE[t] ?? t, reader, '0')];
}

function checkDuration(option: OptionInfo, node: ValueNode, reader: Reader): ValueFinding[] {
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
      return [refused(option, `the string ${JSON.stringify(s)}`, reader, '0')];
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
  return [refused(option, ARTICLE[t] ?? t, reader, '0')];
}

function checkList(option: OptionInfo, node: ValueNode, reader: Reader): ValueFinding[] {
  const t = node.type;
  if (t === 'array') {
    const out: ValueFinding[] = [];
    for (const item of node.children ?? []) {
      if (item.type === 'object' || item.type === 'array') {
        out.push({ code: 'type-mismatch', severity: reader === 'lenient' ? 'warning' : 'error',
          message: `Each entry of ${q(option.key)} is a string; Centrifugo cannot use ${ARTICLE[item.type]} here${reader === 'lenient' ? '' : ' and stops at start-up'}.` });
      } else {
        out.push(...checkEnum(option, item));
      }
    }
    return out;
  }
  if (t === 'string') {
    const s = node.value as string;
    if (reader === 'decoder' && s.includes(',')) {
      const parts = JSON.stringify(s.split(',').map((p) => p.trim()).filter((p) => p));
      return [{ code: 'type-mismatch', severity: 'warning', replacement: parts,
        message: `${q(option.key)} takes an array. Centrifugo v6 reads this string as a list of ONE entry, ${JSON.stringify(s)}, and does not split it at commas. Write an array: ${parts}.` }];
    }
    if (reader === 'decoder') {
      return [{ code: 'type-mismatch', severity: 'warning', replacement: JSON.stringify([s]),
        message: `${q(option.key)} takes an array; Centrifugo reads this string as a list of one entry. Write it as an array: ${JSON.stringify([s])}.` }];
    }
    return [];
  }
  if (t === 'object') return [refused(option, 'an object', reader, 'an empty list')];
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
