/**
 * YAML text -> config tree, read as Centrifugo's decoder reads it: the first document only
 * (yaml.Unmarshal stops after it), aliases expanded, merge keys (`<<`) applied with the map's own
 * keys winning, unquoted scalars resolved by Go's rules (yamlScalars.ts). The `yaml` package gives
 * the syntax tree with exact ranges; its failsafe schema leaves every scalar as text so the Go
 * rules, not the YAML 1.2 ones, decide what it is. The walk is iterative and alias expansion is
 * budgeted exactly as yaml.v3 budgets it (decode.go:455-490@v3.0.1), so "billion laughs" stops
 * with a finding where Go stops with an error.
 */
import { Alias, isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type Pair, parseAllDocuments, Scalar, type Document } from 'yaml';
import { tooDeepProblem } from './parse';
import { compactChildren, ConfigNode, type Conversion, KeyInterner, MAX_DEPTH, type ConfigTree, type SyntaxProblem, markScattered } from './tree';
import { resolvePlainScalar, type YamlDecoder } from './yamlScalars';

interface Task {
  readonly node: YamlNode | null;
  /** The container or property the built node joins. */
  readonly parent: ConfigNode | undefined;
  /** Where an alias stands: its expansion takes the alias's range at the top. */
  readonly range: readonly [number, number] | undefined;
  readonly inAlias: boolean;
  readonly depth: number;
  /** Anchored nodes being built on this path: an alias to one of them is a cycle. */
  readonly open: ReadonlySet<YamlNode>;
}

/** yaml.v3's allowance of alias-driven decodes (decode.go allowedAliasRatio). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** Deepest `[`/`{` nesting outside quotes and comments: Go's scanner refuses past 10,000 (scannerc.go:956@v3.0.1). */
function flowDepthExceeded(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const quote = text[i];
      for (i++; i < text.length && text[i] !== quote; i++) if (quote === '"' && text[i] === '\\') i++;
    }
  }
  return -1;
}

class YamlTreeBuilder {
  private readonly keys = new KeyInterner();
  readonly problems: SyntaxProblem[] = [];
  readonly conversions = new Map<ConfigNode, Conversion>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasingStopped = false;

  constructor(private readonly doc: Document.Parsed, private readonly decoder: YamlDecoder) {}

  private count(inAlias: boolean, at: readonly [number, number]): boolean {
    this.decodeCount++;
    if (inAlias) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      if (!this.aliasingStopped) {
        this.aliasingStopped = true;
        this.problems.push({
          kind: 'syntax', offset: at[0], length: Math.max(1, at[1] - at[0]),
          message: 'Excessive aliasing: the aliases here expand to far more values than the document holds; Centrifugo\'s YAML reader refuses such a document, so Centrifugo cannot read this file. Nothing past this point is expanded.',
        });
      }
      return false;
    }
    return true;
  }

  private scalar(node: Scalar, parent: ConfigNode | undefined, start: number, end: number): ConfigNode {
    const text = typeof node.value === 'string' ? node.value : String(node.value);
    const tag = node.tag;
    let value: ConfigNode['value'] = text;
    let conversion: Conversion | undefined;
    if (node.type === Scalar.PLAIN && (!tag || tag === '!')) ({ value, conversion } = resolvePlainScalar(text, this.decoder));
    else if (tag && tag !== 'tag:yaml.org,2002:str' && tag !== '!') ({ value, conversion } = resolvePlainScalar(text, this.decoder));
    const type = value === null ? 'null' : typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
    const result = new ConfigNode(type, start, end - start, parent, undefined, value);
    if (conversion) this.conversions.set(result, conversion);
    return result;
  }

  /** Pairs a map contributes, its merge keys applied: own keys win, then earlier merge sources (decode.go merge@v3.0.1). */
  private effectivePairs(map: YamlNode, guard: Set<YamlNode>): { own: Pair[]; merged: Pair[] } {
    const own: Pair[] = [];
    const sources: YamlNode[] = [];
    for (const pair of (map as unknown as { items: Pair[] }).items) {
      const key = pair.key;
      if (isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN) {
        const value = pair.value as YamlNode | null;
        if (isSeq(value)) for (const item of value.items) sources.push(item as YamlNode);
        else if (value) sources.push(value);
      } else own.push(pair);
    }
    const seen = new Set<string>(own.map((p) => keyText(p)));
    const merged: Pair[] = [];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(this.doc) : source;
      if (!target || !isMap(target) || guard.has(target)) continue;
      guard.add(target);
      const inner = this.effectivePairs(target, guard);
      guard.delete(target);
      for (const pair of [...inner.own, ...inner.merged]) {
        const key = keyText(pair);
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push(pair);
      }
    }
    return { own, merged };
  }

  /** yaml.v3 refuses a mapping that names a key twice (decode.go:769-778@v3.0.1); yaml.v2 keeps the last. */
  private refuseDuplicates(pairs: readonly Pair[]): void {
    const seen = new Set<string>();
    for (const pair of pairs) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key)) continue;
      const text = keyText(pair);
      if (!seen.has(text)) { seen.add(text); continue; }
      const range = (key.range ?? [0, 0, 0]) as [number, number, number];
      this.problems.push({
        kind: 'syntax', offset: range[0], length: Math.max(1, range[1] - range[0]),
        message: `The key "${text}" is already defined in this mapping: Centrifugo v6's YAML reader refuses duplicate keys, so Centrifugo cannot read this file.`,
      });
    }
  }

  private attach(parent: ConfigNode | undefined, child: ConfigNode): void {
    if (parent?.children) parent.children.push(child);
  }

  build(contents: YamlNode | null): ConfigNode | undefined {
    if (!contents) return undefined;
    let root: ConfigNode | undefined;
    const stack: Task[] = [{ node: contents, parent: undefined, range: undefined, inAlias: false, depth: 1, open: new Set() }];
    while (stack.length > 0) {
      const task = stack.pop() as Task;
      let node = task.node;
      let range = task.range;
      let inAlias = task.inAlias;
      if (isAlias(node)) {
        const alias: Alias = node;
        const at = (alias.range ?? [0, 0, 0]) as [number, number, number];
        const target = this.aliasingStopped ? undefined : alias.resolve(this.doc);
        if (target && task.open.has(target)) {
          this.problems.push({
            kind: 'syntax', offset: at[0], length: Math.max(1, at[1] - at[0]),
            message: `The anchor "${alias.source}" contains an alias to itself; Centrifugo's YAML reader refuses such a document, so Centrifugo cannot read this file.`,
          });
        }
        range = range ?? [at[0], at[1]];
        if (!target || task.open.has(target)) {
          const empty = new ConfigNode('null', range[0], range[1] - range[0], task.parent, undefined, null);
          this.attach(task.parent, empty);
          root ??= empty;
          continue;
        }
        node = target;
        inAlias = true;
      }
      const own = (node?.range ?? [0, 0, 0]) as [number, number, number];
      const [start, end] = range ?? [own[0], own[1]];
      if (!this.count(inAlias, [start, end])) {
        const stopped = new ConfigNode('null', start, end - start, task.parent, undefined, null);
        this.attach(task.parent, stopped);
        root ??= stopped;
        continue;
      }
      if (!node || isScalar(node)) {
        const built = node ? this.scalar(node, task.parent, start, end) : new ConfigNode('null', start, 0, task.parent, undefined, null);
        this.attach(task.parent, built);
        root ??= built;
        continue;
      }
      if (task.depth > MAX_DEPTH) {
        if (!this.problems.some((p) => p.kind === 'too-deep')) this.problems.push(tooDeepProblem(start, 'Centrifugo\'s YAML reader'));
        continue;
      }
      const open = node.anchor ? new Set([...task.open, node]) : task.open;
      const container = new ConfigNode(isMap(node) ? 'object' : 'array', start, end - start, task.parent, [], undefined);
      this.attach(task.parent, container);
      root ??= container;
      const pending: Task[] = [];
      if (isSeq(node)) {
        for (const item of node.items) pending.push({ node: item as YamlNode, parent: container, range: undefined, inAlias, depth: task.depth + 1, open });
      } else if (isMap(node)) {
        const { own: pairs, merged } = this.effectivePairs(node, new Set([node]));
        if (merged.length > 0) markScattered(container);
        if (this.decoder === 'yaml.v3' && !inAlias) this.refuseDuplicates(pairs);
        for (const [pair, fromMerge] of [...merged.map((p) => [p, true] as const), ...pairs.map((p) => [p, false] as const)]) {
          const key = pair.key as YamlNode | null;
          if (!isScalar(key)) continue; // complex keys name no Centrifugo option
          const keyRange = (key.range ?? [0, 0, 0]) as [number, number, number];
          const value = pair.value as YamlNode | null;
          const valueEnd = (value?.range?.[1] ?? keyRange[1]);
          const property = new ConfigNode('property', keyRange[0], Math.max(valueEnd, keyRange[1]) - keyRange[0], container, [], undefined);
          container.children?.push(property);
          property.children?.push(new ConfigNode('string', keyRange[0], keyRange[1] - keyRange[0], property, undefined, this.keys.intern(keyText(pair))));
          const valueRange: [number, number] | undefined = value ? undefined : [keyRange[1], keyRange[1]];
          pending.push({ node: value, parent: property, range: valueRange, inAlias: inAlias || fromMerge, depth: task.depth + 1, open });
        }
      }
      for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
    }
    return root;
  }
}

function keyText(pair: Pair): string {
  const key = pair.key;
  if (isScalar(key)) return typeof key.value === 'string' ? key.value : String(key.value);
  return String(key);
}

function problemFrom(error: { pos: [number, number]; message: string }): SyntaxProblem {
  const firstLine = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {
    kind: 'syntax', offset: error.pos[0], length: Math.max(1, error.pos[1] - error.pos[0]),
    message: `YAML: ${firstLine}. Centrifugo cannot read this file until it is fixed.`,
    unread: true,
  };
}

export function parseYaml(text: string, decoder: YamlDecoder = 'yaml.v3'): ConfigTree {
  const deepAt = flowDepthExceeded(text);
  if (deepAt >= 0) return { format: 'yaml', root: undefined, problems: [tooDeepProblem(deepAt, 'Centrifugo\'s YAML reader')], conversions: new Map() };
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false, merge: false, strict: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { format: 'yaml', root: undefined, problems: [tooDeepProblem(0, 'This checker')], conversions: new Map() };
  }
  const list = Array.isArray(documents) ? documents : [];
  const first = list[0] as Document.Parsed | undefined;
  const problems: SyntaxProblem[] = [];
  if (!first) {
    for (const error of (documents as { errors?: { pos: [number, number]; message: string }[] }).errors ?? []) problems.push(problemFrom(error));
    return { format: 'yaml', root: undefined, problems, conversions: new Map() };
  }
  for (const error of first.errors) problems.push(problemFrom(error));
  const builder = new YamlTreeBuilder(first, decoder);
  const root = builder.build(first.contents as YamlNode | null);
  compactChildren(root);
  problems.push(...builder.problems);
  for (const later of list.slice(1)) {
    const range = later.range ?? [0, 0, 0];
    const start = range[0];
    problems.push({
      kind: 'ignored', offset: start, length: Math.max(1, Math.min(3, range[1] - start)),
      message: 'Centrifugo reads only the first document of a YAML file: this document and the ones after it are ignored.',
    });
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { format: 'yaml', root, problems, conversions: builder.conversions };
}
