/**
 * The migrated config as text in the file's own format. JSON: two-space indented. YAML: the
 * `yaml` package's writer with its YAML 1.1 rules, so every string that either of Go's decoders
 * might read as something else (`yes`, `on`, `0777`, `1_000`, a date) is quoted, and PEM (any
 * multi-line text) as a literal block scalar `|`. TOML: scalars first, then a table per object
 * (`[http_server.tls]`), an array of tables per list of objects (`[[proxies]]`), PEM as a
 * multi-line string; TOML has no null, so a key whose value is null is left out and reported.
 *
 * Each text is read back with the format's reader and must give exactly the migrated value: a
 * rewrite that would change a setting is refused rather than written.
 */
import { CST, Document, Lexer, visit } from 'yaml';
import { parseJson } from '../model/parse';
import { parseToml } from '../model/tomlTree';
import { type ConfigFormat, getNodeValue } from '../model/tree';
import { parseYaml } from '../model/yamlTree';
import { equalData } from './codeActions/textEdits';
import { tomlComments, tomlTables } from './codeActions/tomlLayout';
import { formatPath } from '../catalog/locations';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface WrittenConfig {
  readonly text: string;
  /** Paths (v6, as written) of values the format cannot hold. */
  readonly leftOut: readonly string[];
}

function yamlText(root: Json): string {
  const doc = new Document(root, { version: '1.1' });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** A copy without nulls (TOML has none), and the paths they stood at. */
function withoutNulls(root: Json): { value: Json; leftOut: string[] } {
  const leftOut: string[] = [];
  const stack: { from: Json; into: Json; path: (string | number)[] }[] = [];
  const copy = (value: Json): Json => (Array.isArray(value) ? [] : value !== null && typeof value === 'object' ? {} : value);
  const top = copy(root);
  stack.push({ from: root, into: top, path: [] });
  while (stack.length > 0) {
    const { from, into, path } = stack.pop() as (typeof stack)[number];
    if (Array.isArray(from)) {
      from.forEach((item, i) => {
        if (item === null) { leftOut.push(formatPath([...path, i])); return; }
        const made = copy(item);
        (into as Json[]).push(made);
        if (made !== null && typeof made === 'object') stack.push({ from: item, into: made, path: [...path, i] });
      });
    } else if (from !== null && typeof from === 'object') {
      for (const [key, item] of Object.entries(from)) {
        if (item === null) { leftOut.push(formatPath([...path, key])); continue; }
        const made = copy(item);
        (into as Record<string, Json>)[key] = made;
        if (made !== null && typeof made === 'object') stack.push({ from: item, into: made, path: [...path, key] });
      }
    }
  }
  return { value: top, leftOut };
}

/** The text for `root` in `format`, or undefined when it would not read back as the same value. */
export function writeConfig(root: { [key: string]: Json }, format: ConfigFormat): WrittenConfig | undefined {
  let text: string | undefined;
  let expected: Json = root;
  let leftOut: string[] = [];
  if (format === 'json') {
    text = `${JSON.stringify(root, null, 2)}\n`;
  } else if (format === 'yaml') {
    text = yamlText(root);
  } else {
    ({ value: expected, leftOut } = withoutNulls(root));
    const tables = tomlTables([], expected as Record<string, Json>);
    text = tables === undefined ? undefined : `${tables}\n`;
  }
  if (text === undefined) return undefined;
  const tree = format === 'json' ? parseJson(text) : format === 'yaml' ? parseYaml(text, 'yaml.v3') : parseToml(text);
  if (tree.problems.length > 0 || !tree.root || !equalData(getNodeValue(tree.root), expected)) return undefined;
  return { text, leftOut };
}

/** How many comments a YAML or TOML text has (JSON for Centrifugo has none): a rewrite drops them. */
export function commentCount(text: string, format: ConfigFormat): number {
  if (format === 'toml') return tomlComments(text);
  if (format === 'json') return 0;
  let count = 0;
  for (const token of new Lexer().lex(text)) if (CST.tokenType(token) === 'comment') count++;
  return count;
}
