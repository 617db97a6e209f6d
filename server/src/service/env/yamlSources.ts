/**
 * Environment variables declared in YAML deployment files: docker compose services
 * (`environment:` as a map or a list, `env_file:`) and Kubernetes containers (`env:` with
 * `value:` or `valueFrom:`, `envFrom:`). Only the service or container that runs Centrifugo
 * counts: the one whose image or name says `centrifugo`, or the only one there is.
 */
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { resolveAgainst } from '../documentContext';
import { lineAt, lineStartsOf, type EnvSource, type EnvVariable, type OpaqueEnvSource } from './sources';

/** Compose's own file names (`docker compose` looks for these) plus the `docker-compose.*.yml` overrides. */
export function isComposeFileName(fileName: string): boolean {
  return /^(docker-)?compose([.-][^/\\]*)?\.ya?ml$/i.test(path.basename(fileName));
}

/**
 * Reads every env source of a YAML file: compose services, Kubernetes containers. Returns an
 * empty list for YAML that is neither; a file YAML cannot parse gives one source with `problem`.
 */
export function readYamlEnvSources(text: string, file: string): EnvSource[] {
  const docs = parseAllDocuments(text);
  const starts = lineStartsOf(text);
  const sources: EnvSource[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const error = doc.errors[0];
    if (error) {
      const kind = isComposeFileName(file) ? 'compose' : 'kubernetes';
      sources.push({
        kind, file, variables: [], opaque: [], envFiles: [],
        problem: { message: `Not valid YAML: ${error.message.split('\n')[0]}`, offset: error.pos[0], length: Math.max(1, error.pos[1] - error.pos[0]) },
      });
      continue;
    }
    const root = doc.contents;
    if (!isMap(root)) continue;
    const services = get(root, 'services');
    if (isMap(services)) {
      sources.push(...composeSources(services, text, file, starts));
    } else if (get(root, 'apiVersion') !== undefined && get(root, 'kind') !== undefined) {
      sources.push(...kubernetesSources(root, text, file, starts));
    }
  }
  return sources;
}

function get(map: YAMLMap, key: string): unknown {
  for (const item of map.items) if (isScalar(item.key) && item.key.value === key) return item.value;
  return undefined;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

function range(node: YamlNode | null | undefined): [number, number] {
  const r = node?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** Whether a service/container runs Centrifugo; when none says so, a lone one is taken. */
function pickCentrifugo<T>(candidates: readonly { name: string; image: string; item: T }[]): T[] {
  const named = candidates.filter((c) => /centrifugo/i.test(c.image) || /centrifugo/i.test(c.name));
  if (named.length) return named.map((c) => c.item);
  return candidates.length === 1 ? [candidates[0]!.item] : [];
}

// ---- docker compose ------------------------------------------------------------------------

function composeSources(services: YAMLMap, text: string, file: string, starts: readonly number[]): EnvSource[] {
  const candidates = services.items.flatMap((pair) => {
    const name = scalarText(pair.key);
    if (name === undefined || !isMap(pair.value)) return [];
    return [{ name, image: scalarText(get(pair.value, 'image')) ?? '', item: { name, service: pair.value } }];
  });
  return pickCentrifugo(candidates).map(({ name, service }) => ({
    kind: 'compose' as const,
    file,
    scope: name,
    variables: composeEnvironment(get(service, 'environment'), text, file, starts),
    opaque: [],
    envFiles: composeEnvFiles(get(service, 'env_file'), file, starts),
  }));
}

/** Compose interpolates `$VAR`/`${VAR}` from the shell and the project's `.env`; `$$` is a dollar. */
function composeValue(written: string): { value: string | undefined; unknownReason?: string } {
  const reference = /\$(\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*)/.exec(written.replace(/\$\$/g, ''));
  if (reference) return { value: undefined, unknownReason: `compose fills in \`$${reference[1]}\` when it starts the service, value unknown` };
  return { value: written.replace(/\$\$/g, '$') };
}

function composeEnvironment(node: unknown, text: string, file: string, starts: readonly number[]): EnvVariable[] {
  const out: EnvVariable[] = [];
  if (isMap(node)) {
    for (const pair of node.items as Pair[]) {
      const name = scalarText(pair.key);
      if (name === undefined) continue;
      const [nameStart, nameEnd] = range(pair.key as YamlNode);
      const written = scalarText(pair.value);
      const [valueStart, valueEnd] = pair.value ? range(pair.value as YamlNode) : [nameEnd, nameEnd];
      const resolved = written === undefined
        ? { value: undefined, unknownReason: 'taken from the shell that runs compose, value unknown' }
        : composeValue(written);
      out.push({ name, ...resolved, file, line: lineAt(starts, nameStart), nameStart, nameEnd, valueStart, valueEnd, quote: 'none', raw: text.slice(valueStart, valueEnd) });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const entry = scalarText(item);
      if (entry === undefined || !isScalar(item)) continue;
      const [start, end] = range(item as Scalar);
      const inner = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? start + 1 : start;
      const eq = entry.indexOf('=');
      const name = eq < 0 ? entry : entry.slice(0, eq);
      const nameStart = inner;
      const nameEnd = inner + name.length;
      const resolved = eq < 0
        ? { value: undefined, unknownReason: 'taken from the shell that runs compose, value unknown' }
        : composeValue(entry.slice(eq + 1));
      const valueStart = eq < 0 ? nameEnd : nameEnd + 1;
      const valueEnd = eq < 0 ? nameEnd : Math.max(valueStart, end - (inner - start));
      out.push({ name, ...resolved, file, line: lineAt(starts, nameStart), nameStart, nameEnd, valueStart, valueEnd, quote: 'none', raw: text.slice(valueStart, valueEnd) });
    }
  }
  return out;
}

function composeEnvFiles(node: unknown, file: string, starts: readonly number[]): EnvSource['envFiles'] {
  const dir = path.dirname(file);
  const items = isSeq(node) ? node.items : node === undefined ? [] : [node];
  return items.flatMap((item) => {
    const plain = scalarText(item);
    if (plain !== undefined) return [{ path: resolveAgainst(dir, plain), required: true, line: lineAt(starts, range(item as YamlNode)[0]) }];
    if (isMap(item)) {
      const p = scalarText(get(item, 'path'));
      if (p === undefined) return [];
      return [{ path: resolveAgainst(dir, p), required: scalarText(get(item, 'required')) !== 'false', line: lineAt(starts, range(item)[0]) }];
    }
    return [];
  });
}

// ---- Kubernetes ----------------------------------------------------------------------------

/** Every `containers:` list anywhere in the manifest (Deployment, StatefulSet, Pod, CronJob...). */
function findContainerLists(node: unknown, out: YAMLMap[][]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === 'containers' && isSeq(pair.value)) {
        out.push(pair.value.items.filter(isMap) as YAMLMap[]);
      } else {
        findContainerLists(pair.value, out);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) findContainerLists(item, out);
  }
}

function kubernetesSources(root: YAMLMap, text: string, file: string, starts: readonly number[]): EnvSource[] {
  const lists: YAMLMap[][] = [];
  findContainerLists(root, lists);
  const candidates = lists.flat().map((container) => ({
    name: scalarText(get(container, 'name')) ?? '',
    image: scalarText(get(container, 'image')) ?? '',
    item: container,
  }));
  return pickCentrifugo(candidates).map((container) => ({
    kind: 'kubernetes' as const,
    file,
    scope: scalarText(get(container, 'name')) ?? '',
    variables: kubernetesEnv(get(container, 'env'), text, file, starts),
    opaque: kubernetesEnvFrom(get(container, 'envFrom'), starts),
    envFiles: [],
  }));
}

function valueFromReason(valueFrom: YAMLMap): string {
  const ref = (key: string): YAMLMap | undefined => {
    const v = get(valueFrom, key);
    return isMap(v) ? v : undefined;
  };
  const secret = ref('secretKeyRef');
  if (secret) return `set from Secret \`${scalarText(get(secret, 'name')) ?? '?'}\` (key \`${scalarText(get(secret, 'key')) ?? '?'}\`), value unknown`;
  const configMap = ref('configMapKeyRef');
  if (configMap) return `set from ConfigMap \`${scalarText(get(configMap, 'name')) ?? '?'}\` (key \`${scalarText(get(configMap, 'key')) ?? '?'}\`), value unknown`;
  const field = ref('fieldRef');
  if (field) return `set from the pod's field \`${scalarText(get(field, 'fieldPath')) ?? '?'}\`, value unknown`;
  return 'set by Kubernetes at start, value unknown';
}

/** `$(NAME)` refers to a variable defined earlier in the same list; `$$(` keeps the text (Kubernetes' dependent variables). */
function expandDependent(value: string, earlier: ReadonlyMap<string, string | undefined>): string | undefined {
  let unknown = false;
  const out = value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (!name) return '$';
    if (!earlier.has(name)) return m;
    const v = earlier.get(name);
    if (v === undefined) unknown = true;
    return v ?? m;
  });
  return unknown ? undefined : out;
}

function kubernetesEnv(node: unknown, text: string, file: string, starts: readonly number[]): EnvVariable[] {
  if (!isSeq(node)) return [];
  const out: EnvVariable[] = [];
  const earlier = new Map<string, string | undefined>();
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const nameNode = get(item, 'name');
    const name = scalarText(nameNode);
    if (name === undefined) continue;
    const [nameStart, nameEnd] = range(nameNode as YamlNode);
    const valueNode = get(item, 'value');
    const valueFrom = get(item, 'valueFrom');
    const [valueStart, valueEnd] = valueNode ? range(valueNode as YamlNode) : isMap(valueFrom) ? range(valueFrom) : [nameEnd, nameEnd];
    let variable: EnvVariable;
    if (isMap(valueFrom)) {
      variable = { name, value: undefined, unknownReason: valueFromReason(valueFrom), file, line: lineAt(starts, nameStart), nameStart, nameEnd, valueStart, valueEnd };
    } else {
      const written = scalarText(valueNode) ?? '';
      const value = expandDependent(written, earlier);
      variable = {
        name, value, ...(value === undefined ? { unknownReason: 'refers to a variable whose value is unknown' } : {}),
        file, line: lineAt(starts, nameStart), nameStart, nameEnd, valueStart, valueEnd, quote: 'none', raw: text.slice(valueStart, valueEnd),
      };
    }
    earlier.set(name, variable.value);
    out.push(variable);
  }
  return out;
}

function kubernetesEnvFrom(node: unknown, starts: readonly number[]): OpaqueEnvSource[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const prefix = scalarText(get(item, 'prefix')) ?? '';
    const [offset, end] = range(item);
    for (const [key, noun] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
      const ref = get(item, key);
      if (isMap(ref)) {
        const refName = scalarText(get(ref, 'name')) ?? '?';
        return [{ description: `every key of ${noun} \`${refName}\`${prefix ? ` with prefix \`${prefix}\`` : ''}, values unknown`, prefix, line: lineAt(starts, offset), offset, length: end - offset }];
      }
    }
    return [];
  });
}
