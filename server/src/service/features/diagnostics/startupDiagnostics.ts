/**
 * Start-up failures and dead settings that need no bad file at all, read from the load plan:
 * - `tls-no-certificate`: the HTTP server's TLS is on and loaded, but no certificate or key is set.
 *   Centrifugo calls ListenAndServeTLS("", "") and exits ("open : no such file or directory";
 *   internal/app/mux.go:617-621@v6.9.1, main.go:1752-1753@v5.4.9). A lone half is mixed-source-pair.
 * - `http3-without-tls`: HTTP/3 with no TLS on the HTTP server: log.Fatal("HTTP/3 requires TLS
 *   configured") (internal/app/mux.go:558-560@v6.9.1, main.go:1701-1702@v5.4.9).
 * - `kafka-tls-ignored`: v5 Kafka consumer TLS keys other than `tls`, never read by v5.2-v5.4
 *   (internal/tools/tls.go:232-237, internal/consuming/kafka.go:167-172@v5.4.9).
 * - `legacy-key`: keys older versions read and v5/v6 ignore: `redis_tls_skip_verify` (v3/v4:
 *   main.go:1736@v3.1.0), v1 `ssl`, `ssl_cert`, `ssl_key` (main.go:170-172@v1.0.0).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../../context';
import type { ConfigModel } from '../../model';
import type { TlsBlock } from '../../model/blocks';
import { droppedBy } from '../../model/duplicates';
import { envNameForKey, loadPlanOf } from '../../model/loadPlan';
import { switchStateOf } from '../../model/lookup';
import { makeDiagnostic } from '../diagnostic';
import { factsOf, isSetString, liveBlocks, nodeRange, q, readBool } from './shared';
import { spellingOf } from './spelling';

export function startupDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const { model } = ctx;
  if (!model.root || model.root.type !== 'object') return [];
  return [...noCertificate(model), ...http3WithoutTls(model), ...kafkaKeys(model), ...legacyKeys(model)];
}

function hasMaterial(block: TlsBlock, role: 'cert' | 'key'): boolean {
  return (factsOf(block).byRole.get(role) ?? []).some((c) => isSetString(c.field.valueNode));
}

function noCertificate(model: ConfigModel): Diagnostic[] {
  const plan = loadPlanOf(model);
  const out: Diagnostic[] = [];
  for (const block of liveBlocks(model)) {
    const blockPlan = plan.block(block);
    if (!blockPlan.isHttpServer || !blockPlan.loaded) continue;
    if (hasMaterial(block, 'cert') || hasMaterial(block, 'key')) continue;
    const switchField = factsOf(block).switchField?.field;
    const anchor = switchField?.valueNode ?? block.keyNode;
    if (!anchor) continue;
    const v6 = block.location.shape === 'object';
    const [certKey, keyKey] = v6 ? ['cert_pem', 'key_pem'] : ['tls_cert', 'tls_key'];
    const certEnv = envNameForKey(model, block, certKey);
    const keyEnv = envNameForKey(model, block, keyKey);
    const where = v6 ? `${q('cert_pem')} and ${q('key_pem')}` : `${q('tls_cert')} and ${q('tls_key')} (files) or ${q('tls_cert_pem')} and ${q('tls_key_pem')} (PEM text)`;
    const env = certEnv && keyEnv ? ` They may also come from the environment variables ${q(certEnv)} and ${q(keyEnv)}.` : '';
    const autocert = v6 ? q('http_server.tls_autocert') : q('tls_autocert');
    out.push(makeDiagnostic(nodeRange(model, anchor), 'tls-no-certificate',
      `TLS is on for the HTTP server but no certificate and key are set: Centrifugo starts serving TLS without a certificate and exits at start-up ("open : no such file or directory"). Set ${where}, or use automatic certificates (${autocert}).${env}`,
      { data: { path: block.location.shape === 'object' ? `${block.path}.enabled` : block.path, certPath: v6 ? `${block.path}.cert_pem` : 'tls_cert' } }));
  }
  return out;
}

function http3WithoutTls(model: ConfigModel): Diagnostic[] {
  const v6 = model.version.version === 'v6';
  const path = v6 ? ['http_server', 'http3', 'enabled'] : ['http3'];
  const found = model.lookup(path);
  if (switchStateOf(found) !== 'on' || !found?.node) return [];
  const plan = loadPlanOf(model);
  // Automatic certificates give the server a TLS configuration too (autocert-conflict reports HTTP/3 with them).
  if (plan.autocertOn) return [];
  if (model.blocks.some((b) => plan.block(b).isHttpServer && plan.block(b).loaded)) return [];
  const dotted = path.join('.');
  const spelling = spellingOf(model.tree.format);
  const tls = v6 ? `${q('http_server.tls')} (${q(spelling.setting('enabled', 'true'))} with ${q('cert_pem')} and ${q('key_pem')})` : `${q(spelling.setting('tls', 'true'))} with ${q('tls_cert')} and ${q('tls_key')}`;
  const node = found.node as Parameters<typeof nodeRange>[1];
  return [makeDiagnostic(nodeRange(model, node), 'http3-without-tls',
    `HTTP/3 runs only over TLS, and the HTTP server has none: with ${q(dotted)} true Centrifugo exits at start-up ("HTTP/3 requires TLS configured"). Turn on ${tls}, or turn HTTP/3 off.`,
    { data: { path: dotted } })];
}

function kafkaKeys(model: ConfigModel): Diagnostic[] {
  if (model.version.version !== 'v5') return [];
  const plan = loadPlanOf(model);
  const out: Diagnostic[] = [];
  for (const block of liveBlocks(model)) {
    if (block.location.shape !== 'flat' || block.location.container !== 'consumers[].kafka') continue;
    for (const field of block.fields) {
      if (!field.spec || field.spec.key === 'tls' || field.overriddenBy) continue;
      if (!isSetString(field.valueNode) && readBool(field.valueNode) !== true) continue;
      if (plan.value(block, field).reason?.kind !== 'v5-kafka-key') continue;
      const verification = field.spec.role === 'insecureSkipVerify'
        ? 'verification stays on'
        : 'Centrifugo connects with an empty TLS configuration: the broker is verified against the system CA roots and no client certificate is sent';
      out.push(makeDiagnostic(nodeRange(model, field.keyNode), 'kafka-tls-ignored',
        `Centrifugo v5 never reads ${q(field.key)} of a Kafka consumer (v5.2 to v5.4 pass only ${q('tls')} on): ${verification}. A broker with a private CA or mutual TLS then refuses the connection. Centrifugo v6 reads these settings in ${q('consumers[].kafka.tls')}.`,
        { unnecessary: true, data: { path: field.path } }));
    }
  }
  return out;
}

/** `{setting}` in a replacement is spelled in the file's syntax (`"tls": true`, `tls: true`, `tls = true`). */
const LEGACY: Readonly<Record<string, { readonly what: string; readonly v5: string; readonly v6: string }>> = {
  redis_tls_skip_verify: {
    what: 'Centrifugo v3 and v4 read it; v5 and v6 ignore it, so Redis certificates are verified',
    v5: '`redis_tls_insecure_skip_verify` (better: give the CA in `redis_tls_root_ca`)',
    v6: '`engine.redis.tls.insecure_skip_verify` (better: give the CA in `engine.redis.tls.server_ca_pem`)',
  },
  ssl: { what: 'a Centrifugo v1 key; later versions ignore it, so the HTTP server runs without TLS', v5: '`{tls}`', v6: '`http_server.tls` with `{enabled}`' },
  ssl_cert: { what: 'a Centrifugo v1 key; later versions ignore it', v5: '`tls_cert`', v6: '`http_server.tls.cert_pem`' },
  ssl_key: { what: 'a Centrifugo v1 key; later versions ignore it', v5: '`tls_key`', v6: '`http_server.tls.key_pem`' },
};

/** Top-level keys `legacy-key` reports; the whole-config walk leaves them to it. */
export function isLegacyTopLevelKey(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(LEGACY, key.toLowerCase());
}

function legacyKeys(model: ConfigModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spelling = spellingOf(model.tree.format);
  const version = model.version.version;
  for (const property of model.root?.children ?? []) {
    const keyNode = property.children?.[0];
    const key = typeof keyNode?.value === 'string' ? keyNode.value.toLowerCase() : undefined;
    const legacy = key ? LEGACY[key] : undefined;
    if (!keyNode || !legacy || !key || droppedBy(property)) continue;
    out.push(makeDiagnostic(nodeRange(model, keyNode), 'legacy-key',
      `${q(keyNode.value as string)} does nothing: ${legacy.what}. In Centrifugo ${version} use ${(version === 'v6' ? legacy.v6 : legacy.v5).replace(/\{(\w+)\}/g, (_, k: string) => spelling.setting(k, 'true'))}.`,
      { unnecessary: true, data: { path: key } }));
  }
  return out;
}
