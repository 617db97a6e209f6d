/**
 * Environment variable name ↔ config path, per Centrifugo version; one function each way.
 *
 * v6 (`internal/config/envconfig/envconfig.go` gatherInfo, `internal/config/config.go:226-265`@v6.9.1):
 * `CENTRIFUGO_` + the upper-cased path joined by `_`; items of the named arrays
 * (`channel.namespaces`, `rpc.namespaces`, `proxies`, `consumers`) by their name, `.` and `-`
 * turned into `_` (`configtypes/namespace.go:43` NameForEnv) and upper-cased; a whole array is
 * one variable. The catalog carries each option's name (`OptionInfo.env`).
 *
 * v5 (`main.go:513-521`@v5.4.9): viper's AutomaticEnv with prefix `centrifugo` and `.` → `_`,
 * so every key without an array item in its path has `CENTRIFUGO_` + its upper-cased path;
 * `nats_tls`/`proxy_grpc_tls` fields get the same names from envconfig (`internal/tools/tls_v2.go:191`).
 * Items of arrays (`proxies[].grpc_tls`) have no variables; whole arrays are JSON (`tools/config.go:192-195`).
 */
import { allOptions, NAMED_ARRAYS, type MajorVersion, type OptionInfo, type PathPart } from '../catalog/options';

export const ENV_PREFIX = 'CENTRIFUGO_';
const ITEM = '<NAME>';

/** A named array item's name as envconfig writes it (NameForEnv, then the key's ToUpper). */
export function envItemName(name: string): string {
  return name.replace(/[.-]/g, '_').toUpperCase();
}

/** The variable name of an option pattern with no item name filled in (`CENTRIFUGO_PROXIES_<NAME>_TIMEOUT`). */
export function envTemplate(option: OptionInfo): string | undefined {
  if (option.version === 'v6') return option.env;
  if (option.path.includes('[]') || option.kind === 'object') return undefined;
  return ENV_PREFIX + option.path.replace(/\./g, '_').toUpperCase();
}

/**
 * The variable that sets a concrete config path, or undefined when none does. `itemName` gives
 * the `name` of a named array's item (`['proxies', 2]` → `"auth"`); without a name the item
 * cannot be reached from the environment.
 */
export function envNameOf(
  version: MajorVersion,
  path: readonly PathPart[],
  itemName: (arrayPath: readonly PathPart[]) => string | undefined = () => undefined,
): string | undefined {
  const option = optionOfPath(version, path);
  const template = option ? envTemplate(option) : undefined;
  if (!template || !template.includes(ITEM)) return template;
  const index = path.findIndex((p) => typeof p === 'number');
  const name = index > 0 ? itemName(path.slice(0, index + 1)) : undefined;
  return name === undefined || name === '' ? undefined : template.replace(ITEM, envItemName(name));
}

function optionOfPath(version: MajorVersion, path: readonly PathPart[]): OptionInfo | undefined {
  const pattern = path.map((p) => (typeof p === 'number' ? '[]' : p.toLowerCase())).join('.').replace(/\.\[\]/g, '[]');
  return index(version).byPattern.get(pattern);
}

export interface EnvTarget {
  readonly option: OptionInfo;
  /** For a named array item's field: the array (`proxies`) and the item name as written in the variable (`AUTH`). */
  readonly array?: string;
  readonly itemEnvName?: string;
}

/**
 * The option a variable sets, or undefined for a name Centrifugo does not read. `itemNames`
 * lists the names of the items each named array has in the config (to split
 * `CENTRIFUGO_CONSUMERS_MY_KAFKA_KAFKA_TLS_ENABLED` where the name itself holds `_`).
 */
export function optionOfEnvName(
  version: MajorVersion,
  name: string,
  itemNames: (array: string) => readonly string[] = () => [],
): EnvTarget | undefined {
  const idx = index(version);
  const exact = idx.byName.get(name);
  if (exact) return { option: exact };
  for (const [array, prefix] of idx.itemPrefixes) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const tails = idx.itemTails.get(array)!;
    const known = itemNames(array).map(envItemName).filter((n) => rest.startsWith(`${n}_`) && tails.has(rest.slice(n.length + 1)));
    const chosen = known.sort((a, b) => b.length - a.length)[0];
    if (chosen) return { option: tails.get(rest.slice(chosen.length + 1))!, array, itemEnvName: chosen };
    // No item of that name in the config: the longest field tail leaves the shortest name.
    for (let i = rest.indexOf('_'); i > 0; i = rest.indexOf('_', i + 1)) {
      const field = tails.get(rest.slice(i + 1));
      if (field) return { option: field, array, itemEnvName: rest.slice(0, i) };
    }
  }
  return undefined;
}

/** Every variable template of a version (completion, closest-name suggestions). */
export function allEnvTemplates(version: MajorVersion): readonly { readonly name: string; readonly option: OptionInfo }[] {
  return index(version).templates;
}

interface NameIndex {
  readonly byName: Map<string, OptionInfo>;
  readonly byPattern: Map<string, OptionInfo>;
  /** Named array → `CENTRIFUGO_PROXIES_`. */
  readonly itemPrefixes: [string, string][];
  /** Named array → field tail (`GRPC_TLS_CERT_PEM`) → option. */
  readonly itemTails: Map<string, Map<string, OptionInfo>>;
  readonly templates: { name: string; option: OptionInfo }[];
}

const indexes: Partial<Record<MajorVersion, NameIndex>> = {};

function index(version: MajorVersion): NameIndex {
  const cached = indexes[version];
  if (cached) return cached;
  const byName = new Map<string, OptionInfo>();
  const byPattern = new Map<string, OptionInfo>();
  const itemTails = new Map<string, Map<string, OptionInfo>>();
  const itemPrefixes: [string, string][] = version === 'v6'
    ? NAMED_ARRAYS.map((a) => [a, `${ENV_PREFIX}${a.replace(/\./g, '_').toUpperCase()}_`])
    : [];
  const templates: { name: string; option: OptionInfo }[] = [];
  for (const option of allOptions(version)) {
    byPattern.set(option.path, option);
    const template = envTemplate(option);
    if (!template) continue;
    templates.push({ name: template, option });
    const at = template.indexOf(`_${ITEM}_`);
    if (at < 0) {
      if (!byName.has(template)) byName.set(template, option);
      continue;
    }
    const array = NAMED_ARRAYS.find((a) => option.path.startsWith(`${a}[].`))!;
    const tails = itemTails.get(array) ?? new Map<string, OptionInfo>();
    tails.set(template.slice(at + ITEM.length + 2), option);
    itemTails.set(array, tails);
  }
  const built = { byName, byPattern, itemPrefixes, itemTails, templates };
  indexes[version] = built;
  return built;
}
