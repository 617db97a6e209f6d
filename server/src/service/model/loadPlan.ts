/**
 * The load plan: for every TLS block and every value in it, does Centrifugo load it at start-up,
 * and if not, why. A value is only ever a start-up failure when Centrifugo reads it, so every
 * feature (diagnostics, CodeLens, hover, the CLI) asks this module; none re-derives it.
 *
 * Reasons, in the order they are checked for a block (the first that applies wins):
 * 1. `duplicate`   the block (or an object on its way) is an earlier duplicate key: Go keeps the last.
 * 2. `not-read`    the version in use does not read this location at all.
 * 3. `block-off`   the block's own switch is not on (v6 `enabled`: internal/configtypes/tls.go:35@v6.9.1;
 *                  v5 objects: internal/tools/tls_v2.go:72-77@v5.4.9; v5 flat `tls`, `grpc_api_tls`...).
 * 4. `autocert-on` the HTTP server's certificate while automatic certificates are on
 *                  (internal/app/tls.go:29,75-77@v6.9.1; main.go:1475-1517@v5.4.9).
 * 5. `feature-off` the part of Centrifugo that builds it does not run (see featureGates.ts). A flag
 *                  or a CENTRIFUGO_* variable may turn it on: findings become warnings, never silence.
 * 6. `never-read`  nothing the user can switch makes Centrifugo read it (subscribe-stream HTTP proxy).
 * Then, for a value inside a loaded block:
 * - `duplicate`    an earlier duplicate of a key in the block;
 * - `source-lost`  another source of the same setting wins (pair rule: model/pairs.ts);
 * - `unpaired`     a certificate without its key or the reverse: nothing is loaded;
 * - `v5-kafka-key` a v5 Kafka consumer TLS key: v5.2-v5.4 marshal an empty map and read only `tls`
 *                  (internal/tools/tls.go:232-237, internal/consuming/kafka.go:167-172@v5.4.9).
 *
 * API:
 * - `loadPlanOf(model)`: the plan of a model, computed once. `plan.block(b)`, `plan.value(b, field)`.
 * - `reasonWords(reason)` / `reasonShort(reason)`: the sentence and the CodeLens words for a reason.
 * - `envNameForKey(model, block, key)`: the CENTRIFUGO_* variable that can supply a value.
 * - Switch values and field values that decide a gate are read through `model.lookup`
 *   (model/lookup.ts), which the environment layer can wrap with `overlayLookup`.
 * - Feature switches on their own: `featureGate` and `proxyReferences` (featureGates.ts).
 */
import type { CentrifugoVersion, FlatFamily, Location } from '../catalog/locations';
import type { BlockField, PathSegment, TlsBlock } from './blocks';
import { droppedBy, type TreeNode } from './duplicates';
import { type Condition, featureGate, type FeatureGate } from './featureGates';
import { type ConfigLookup, switchStateOf, type SwitchState } from './lookup';
import { sourceInUse } from './pairs';
import { envNameOf } from '../env/names';

export type NotLoaded =
  | { readonly kind: 'duplicate'; readonly winner: TreeNode | undefined }
  | { readonly kind: 'not-read'; readonly version: CentrifugoVersion }
  | { readonly kind: 'block-off'; readonly switchPath: string; readonly state: Exclude<SwitchState, 'on'> }
  | { readonly kind: 'autocert-on'; readonly autocertPath: string }
  | { readonly kind: 'feature-off'; readonly gate: FeatureGate; readonly condition: Condition }
  | { readonly kind: 'never-read'; readonly condition: Condition }
  | { readonly kind: 'source-lost'; readonly winner: BlockField }
  | { readonly kind: 'unpaired'; readonly missing: string }
  | { readonly kind: 'v5-kafka-key' };

export interface BlockPlan {
  readonly block: TlsBlock;
  /** Centrifugo builds this block at start-up. */
  readonly loaded: boolean;
  readonly reason?: NotLoaded;
  /** The feature that builds the block, evaluated even when another reason comes first. */
  readonly gate: FeatureGate;
  readonly switchState: SwitchState;
  /** The HTTP server's TLS (v6 `http_server.tls`, v5 top-level flat `tls*`). */
  readonly isHttpServer: boolean;
}

export interface ValuePlan {
  readonly loaded: boolean;
  readonly reason?: NotLoaded;
}

export interface LoadPlan {
  block(block: TlsBlock): BlockPlan;
  value(block: TlsBlock, field: BlockField): ValuePlan;
  /** Automatic certificates are on for the HTTP server (they replace its configured certificate). */
  readonly autocertOn: boolean;
}

export interface PlanInput {
  readonly root: TreeNode | undefined;
  readonly version: { readonly version: CentrifugoVersion };
  readonly blocks: readonly TlsBlock[];
  readonly lookup: ConfigLookup;
}

/** Consequences for a finding about a value in this state: `error` when loaded, `warning` under a feature that is off, `drop` otherwise. */
export type Treatment = 'as-is' | 'warn' | 'drop';

export function treatmentOf(plan: ValuePlan): Treatment {
  if (plan.loaded) return 'as-is';
  return plan.reason?.kind === 'feature-off' ? 'warn' : 'drop';
}

export function isHttpServerLocation(location: Location, kind: TlsBlock['kind']): boolean {
  if (kind !== 'tls') return false;
  return location.shape === 'object' ? location.pattern === 'http_server.tls' : location.container === '' && location.prefix === '';
}

function switchKey(block: TlsBlock): string {
  if (block.location.shape === 'object') return 'enabled';
  return block.kind === 'autocert' ? 'tls_autocert' : `${(block.location as FlatFamily).prefix}tls`;
}

function switchPath(block: TlsBlock): string {
  if (block.location.shape === 'object') return `${block.path}.enabled`;
  return block.path;
}

/** The block's own switch, read like the other fields: the last duplicate, case-insensitively. */
function blockSwitch(block: TlsBlock): SwitchState {
  const role = block.kind === 'autocert' ? 'autocertEnabled' : 'enabled';
  for (const field of block.effective.values()) {
    if (field.spec?.role !== role) continue;
    const node = field.valueNode;
    if (!node) return 'absent';
    if (node.type === 'object' || node.type === 'array') return 'invalid';
    return switchStateOf({ kind: 'scalar', value: node.type === 'null' ? null : (node.value as string | number | boolean), origin: 'file' });
  }
  return 'absent';
}

const V5_KAFKA_READ = 'tls';

function computeBlock(input: PlanInput, block: TlsBlock, autocertPath: string | undefined): BlockPlan {
  const version = input.version.version;
  const gate = featureGate(input.lookup, version, block.location, block.segments);
  const switchState = blockSwitch(block);
  const isHttpServer = isHttpServerLocation(block.location, block.kind);
  // Written out rather than spread from a shared base: asked for every block of a large config,
  // and an object spread with added properties takes V8's slow path.
  const notLoaded = (reason: NotLoaded): BlockPlan => ({ block, gate, switchState, isHttpServer, loaded: false, reason });
  const dropped = droppedBy(block.node.parent);
  if (dropped) {
    const key = dropped.children?.[0]?.value;
    const winner = dropped.parent?.children?.filter((p) => p.children?.[0]?.value === key).pop();
    return notLoaded({ kind: 'duplicate', winner });
  }
  if (!block.isRead) return notLoaded({ kind: 'not-read', version });
  if (switchState !== 'on') return notLoaded({ kind: 'block-off', switchPath: switchPath(block), state: switchState });
  if (isHttpServer && autocertPath) return notLoaded({ kind: 'autocert-on', autocertPath });
  if (gate.failing) {
    return notLoaded(gate.failing.switchable
      ? { kind: 'feature-off', gate, condition: gate.failing }
      : { kind: 'never-read', condition: gate.failing });
  }
  return { block, gate, switchState, isHttpServer, loaded: true };
}

function computeValue(blockPlan: BlockPlan, field: BlockField): ValuePlan {
  const { block } = blockPlan;
  if (field.overriddenBy) return { loaded: false, reason: { kind: 'duplicate', winner: field.overriddenBy.property } };
  if (!blockPlan.loaded) return { loaded: false, ...(blockPlan.reason ? { reason: blockPlan.reason } : {}) };
  const spec = field.spec;
  if (!spec) return { loaded: true };
  if (block.location.shape === 'flat' && block.location.container === 'consumers[].kafka' && spec.key !== V5_KAFKA_READ) {
    return { loaded: false, reason: { kind: 'v5-kafka-key' } };
  }
  const role = spec.role;
  if (role !== 'cert' && role !== 'key' && role !== 'serverCa' && role !== 'clientCa') return { loaded: true };
  const set = field.valueNode?.type === 'string' && field.valueNode.value !== '';
  if (!set) return { loaded: true };
  const used = sourceInUse(block, role);
  if (used === field) return { loaded: true };
  if (used) return { loaded: false, reason: { kind: 'source-lost', winner: used } };
  if (role === 'cert' || role === 'key') {
    // No pair at all: name the partner of the same kind of source.
    const partnerRole = role === 'cert' ? 'key' : 'cert';
    const prefix = block.location.shape === 'flat' ? block.location.prefix : '';
    const partner = [...block.effective.values()].find((f) => f.spec?.role === partnerRole && f.spec.source === spec.source);
    const missing = partner?.key ?? `${prefix}${partnerKeyGuess(spec.key, role)}`;
    return { loaded: false, reason: { kind: 'unpaired', missing } };
  }
  return { loaded: true };
}

function partnerKeyGuess(key: string, role: 'cert' | 'key'): string {
  return role === 'cert' ? key.replace('cert', 'key') : key.replace('key', 'cert');
}

const plans = new WeakMap<object, LoadPlan>();

export function buildLoadPlan(input: PlanInput): LoadPlan {
  const autocertBlock = input.blocks.find((b) => b.kind === 'autocert' && b.isRead && !droppedBy(b.node.parent) && blockSwitch(b) === 'on');
  const autocertPath = autocertBlock ? switchPath(autocertBlock) : undefined;
  const blockPlans = new Map<TlsBlock, BlockPlan>();
  const valuePlans = new Map<BlockField, ValuePlan>();
  const block = (b: TlsBlock): BlockPlan => {
    let plan = blockPlans.get(b);
    if (!plan) blockPlans.set(b, (plan = computeBlock(input, b, autocertPath)));
    return plan;
  };
  return {
    block,
    value(b, field) {
      let plan = valuePlans.get(field);
      if (!plan) valuePlans.set(field, (plan = computeValue(block(b), field)));
      return plan;
    },
    autocertOn: autocertPath !== undefined,
  };
}

/** The plan of a model (anything with root, version, blocks and lookup), built once per model. */
export function loadPlanOf(model: PlanInput): LoadPlan {
  let plan = plans.get(model);
  if (!plan) plans.set(model, (plan = buildLoadPlan(model)));
  return plan;
}

/** The plan of one value, found by its block (convenience for features holding a field). */
export function valuePlanOf(model: PlanInput, block: TlsBlock, field: BlockField): ValuePlan {
  return loadPlanOf(model).value(block, field);
}

function q(text: string): string {
  return `\`${text}\``;
}

/** One sentence: why Centrifugo does not load the value, and what that means for the user. */
export function reasonWords(reason: NotLoaded): string {
  switch (reason.kind) {
    case 'duplicate': return 'Not loaded: this is an earlier duplicate key, and Centrifugo keeps only the last one.';
    case 'not-read': return `Not loaded: Centrifugo ${reason.version} does not read this location.`;
    case 'block-off': return reason.state === 'absent'
      ? `Not loaded: ${q(reason.switchPath)} is not set, so the block is off.`
      : `Not loaded: ${q(reason.switchPath)} is ${reason.state === 'off' ? 'false' : 'not a boolean'}, so the block is off.`;
    case 'autocert-on': return `Not loaded: automatic certificates are on (${q(reason.autocertPath)}), so the HTTP server never reads its own certificate settings.`;
    case 'feature-off': return `Not loaded while ${q(reason.condition.path)} ${reason.condition.actual}; fix it before ${reason.gate.before}.`;
    case 'never-read': return `Not loaded: ${q(reason.condition.path)} ${reason.condition.actual}.`;
    case 'source-lost': return `Not loaded: ${q(reason.winner.key)} is the source Centrifugo reads for this setting.`;
    case 'unpaired': return `Not loaded: Centrifugo loads a certificate only with its key, and ${q(reason.missing)} is not set.`;
    case 'v5-kafka-key': return 'Not loaded: Centrifugo v5 (5.2 to 5.4) reads only `tls` of a Kafka consumer and never this key.';
  }
}

/** A few words for a CodeLens or a table: `grpc_api.enabled is false`. */
export function reasonShort(reason: NotLoaded): string {
  switch (reason.kind) {
    case 'duplicate': return 'a later duplicate wins';
    case 'not-read': return `not read by ${reason.version}`;
    case 'block-off': return `${reason.switchPath} is ${reason.state === 'absent' ? 'not set' : reason.state === 'off' ? 'false' : 'not a boolean'}`;
    case 'autocert-on': return 'automatic certificates are on';
    case 'feature-off': return reason.condition.short ?? `${reason.condition.path} ${reason.condition.actual.replace(/ \(.*\)$/, '').replace(/`/g, '')}`;
    case 'never-read': return reason.condition.short ?? 'never read';
    case 'source-lost': return `${reason.winner.key} wins`;
    case 'unpaired': return `no ${reason.missing}`;
    case 'v5-kafka-key': return 'v5 never reads it';
  }
}

/** The `name` of the named-array item at `itemPath` (`['proxies', 2]`), as the file (or the environment) gives it. */
function itemNameFrom(lookup: ConfigLookup): (itemPath: readonly PathSegment[]) => string | undefined {
  return (itemPath) => {
    const name = lookup([...itemPath, 'name']);
    return name?.kind === 'scalar' && typeof name.value === 'string' ? name.value : undefined;
  };
}

/**
 * The variable that can supply `key` of `block`, where Centrifugo reads one: every v6 path, v5
 * top-level flat keys (viper AutomaticEnv) and v5 `nats_tls` (CENTRIFUGO_NATS_TLS_*, main.go:2798-2806@v5.4.9).
 */
export function envNameForKey(model: PlanInput, block: TlsBlock, key: string): string | undefined {
  const path = [...block.segments, key];
  // One naming rule for the whole product (env/names.ts): item names turn `.` and `-` into `_`
  // (NameForEnv, internal/config/envconfig/envconfig.go:251-260@v6.9.1).
  if (model.version.version === 'v6') return block.location.shape === 'object' ? envNameOf('v6', path, itemNameFrom(model.lookup)) : undefined;
  if (block.location.shape === 'flat') return block.location.container === '' ? `CENTRIFUGO_${key.toUpperCase()}` : undefined;
  return block.location.pattern === 'nats_tls' ? `CENTRIFUGO_${path.join('_').toUpperCase()}` : undefined;
}

export { switchKey as planSwitchKey };
export type { Condition, FeatureGate } from './featureGates';
export { featureGate, proxyReferences, type ProxyReference } from './featureGates';
export { type ConfigLookup, type LookedUp, overlayLookup, treeLookup } from './lookup';
