// @ts-check
// In-process measurements on one config: the parse floor, vscode-json-languageservice with an
// equivalent schema, our validation cold and warm, completion/hover/CodeLens latency, and the
// "an edit that touches no certificate field re-reads nothing" check.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { editTimeout } from './generate.mjs';
import { configPath, gc, loadService, log, now, require, round, sample, summarize } from './lib.mjs';

const jsonc = require('jsonc-parser');
const jsonLs = require('vscode-json-languageservice');

/** The TLSConfig object of Centrifugo v6 as a JSON schema: the checks a generic JSON service can do. */
const TLS_CONFIG = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean', description: 'Turns this TLS configuration on' },
    cert_pem: { type: 'string', description: 'The certificate (chain): PEM text, base64 of PEM, or a file path' },
    key_pem: { type: 'string', description: 'The private key: PEM text, base64 of PEM, or a file path' },
    server_ca_pem: { type: 'string', description: 'The CA that signed the server certificate' },
    client_ca_pem: { type: 'string', description: 'The CA that signed client certificates' },
    insecure_skip_verify: { type: 'boolean', description: 'Skips verification of the peer certificate' },
    server_name: { type: 'string', description: 'Host name expected in the peer certificate' },
  },
  additionalProperties: false,
};

export const TLS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    http_server: { type: 'object', properties: { tls: TLS_CONFIG } },
    grpc_api: { type: 'object', properties: { tls: TLS_CONFIG } },
    uni_grpc: { type: 'object', properties: { tls: TLS_CONFIG } },
    proxies: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          endpoint: { type: 'string' },
          timeout: { type: 'string' },
          grpc: { type: 'object', properties: { tls: TLS_CONFIG } },
          http: { type: 'object', properties: { tls: TLS_CONFIG } },
        },
      },
    },
  },
};

const SCHEMA_URI = 'bench://schemas/centrifugo-tls.json';

function makeJsonService() {
  const ls = jsonLs.getLanguageService({});
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.json'], schema: TLS_SCHEMA }] });
  return ls;
}

/** Offsets inside TLS blocks spread evenly through the document, of several kinds, from our own model. */
export function positionsFor(model, count, kinds) {
  const blocks = model.blocks.filter((b) => b.kind === 'tls' && b.keyNode && b.effective.get('cert_pem') && b.effective.get('enabled') && b.effective.get('server_name'));
  const out = [];
  if (blocks.length === 0) return out;
  for (let i = 0; i < count; i++) {
    const block = blocks[Math.floor((i * blocks.length) / count) % blocks.length];
    const kind = kinds[i % kinds.length];
    const f = (key) => block.effective.get(key);
    const offset = {
      // completion
      key: () => f('server_name').keyNode.offset + 1, // inside "server_name": key completion
      bool: () => f('enabled').valueNode.offset + 1, // t|rue: boolean values
      path: () => f('cert_pem').valueNode.offset + 1, // "|pool/...": file path completion
      // hover
      material: () => f('cert_pem').valueNode.offset + 2, // certificate facts
      field: () => f('server_name').keyNode.offset + 2, // field documentation
      blockKey: () => block.keyNode.offset + 2, // "tls": location documentation
    }[kind]();
    out.push({ kind, offset, position: model.document.positionAt(offset) });
  }
  return out;
}

async function timeEach(positions, fn, { budgetMs = 30_000 } = {}) {
  const all = [];
  const byKind = {};
  const started = now();
  for (const p of positions) {
    const t0 = now();
    const result = await fn(p.position);
    const dt = now() - t0;
    all.push(dt);
    (byKind[p.kind] ??= []).push(dt);
    p.last = result;
    if (now() - started > budgetMs) break;
  }
  return { ...summarize(all), byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])) };
}

/** Run counts and time budgets per config class: small configs get many runs, large ones a few. */
const PLANS = {
  small: {
    fast: { warmup: 3, min: 10, max: 60, budgetMs: 3_000 },
    cold: { warmup: 2, min: 10, max: 20, budgetMs: 5_000 },
    afterEdit: { warmup: 1, min: 5, max: 15, budgetMs: 3_000 },
    codeLens: { warmup: 2, min: 10, max: 100, budgetMs: 3_000 },
  },
  medium: {
    fast: { warmup: 1, min: 5, max: 15, budgetMs: 15_000 },
    cold: { warmup: 1, min: 3, max: 9, budgetMs: 30_000 },
    afterEdit: { warmup: 1, min: 3, max: 7, budgetMs: 15_000 },
    codeLens: { warmup: 1, min: 3, max: 20, budgetMs: 15_000 },
  },
  large: {
    fast: { warmup: 1, min: 3, max: 9, budgetMs: 30_000 },
    cold: { warmup: 0, min: 3, max: 5, budgetMs: 60_000 },
    afterEdit: { warmup: 0, min: 2, max: 3, budgetMs: 30_000 },
    codeLens: { warmup: 0, min: 1, max: 5, budgetMs: 30_000 },
  },
};

/** A CodeLens request slower than this is a failure whatever its exact time: the runner cuts it short. */
const CODELENS_LIMIT_MS = 60_000;

/** Every measurement on one config size; returns plain data for the report. */
/**
 * @param {{ id: string, label: string }} size
 * @param {{ positions?: number, onPhase?: (phase: string, partial: unknown, limitMs?: number) => unknown }} [options]
 */
export async function measureSize(size, { positions: positionCount = 100, onPhase = () => undefined } = {}) {
  const S = loadService();
  const file = configPath(size.id);
  const text = await readFile(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const context = { configPath: file, workspaceFolder: path.dirname(file) };
  const settings = S.DEFAULT_SETTINGS;
  const plans = text.length > 10_000_000 ? PLANS.large : text.length > 1_000_000 ? PLANS.medium : PLANS.small;
  const result = { size: size.id, label: size.label, bytes: Buffer.byteLength(text) };
  let version = 1;
  // Each phase is announced (the parent bounds its duration) and leaves the results so far behind.
  const phase = (name, limitMs) => { onPhase(name, result, limitMs); log(`  [${size.id}] ${name}`); };
  const request = (t) => ({ document: S.TextDocument.create(uri, 'json', version++, t), settings, context });

  // 1. The floor: jsonc-parser parseTree alone, with the options our model uses.
  phase('parse floor');
  result.parseFloor = await sample(() => {
    const errors = [];
    jsonc.parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
  }, plans.fast);

  // 2. vscode-json-languageservice: parse into its AST and validate against the TLS schema.
  phase('vscode-json-languageservice validation');
  const ls = makeJsonService();
  let jsonDiagnostics = 0;
  result.jsonService = await sample(async (doc) => {
    const jsonDocument = ls.parseJSONDocument(doc);
    jsonDiagnostics = (await ls.doValidation(doc, jsonDocument, { schemaValidation: 'error' }, TLS_SCHEMA)).length;
  }, { ...plans.fast, setup: () => S.TextDocument.create(uri, 'json', version++, text) });
  result.jsonService.diagnostics = jsonDiagnostics;

  // 3a. Ours, cold: a new service (empty certificate cache) validating the document.
  phase('ours cold');
  let coldStats;
  let diagnostics = 0;
  result.oursCold = await sample(async ({ service, req }) => {
    diagnostics = (await service.doValidation(req)).length;
    coldStats = service.certificateStats();
  }, { ...plans.cold, setup: () => ({ service: S.createLanguageService(S.createNodeEnvironment()), req: request(text) }) });
  result.oursCold.diagnostics = diagnostics;
  result.oursCold.certificateStats = coldStats;

  // 3b. Ours, warm: same service, cache hot, one edit that touches no certificate field.
  phase('ours warm');
  // As in VS Code, which reports file changes: resolved files stay trusted until one changes.
  const service = S.createLanguageService(S.createNodeEnvironment(), { filesWatched: true });
  await service.doValidation(request(text));
  const before = service.certificateStats();
  let edit = 0;
  const editedRequest = () => request(editTimeout(text, 4 + (edit++ % 5)));
  await service.doValidation(editedRequest());
  const after = service.certificateStats();
  result.noRereadCheck = {
    before, after,
    pass: after.reads === before.reads && after.parses === before.parses,
    rereads: after.reads - before.reads,
    reparses: after.parses - before.parses,
  };
  // Each warm run is paired with a parse-floor run and a JSON-service run right before it, so the
  // per-run ratios see the same machine load (other engineers run tests on these 2 cores).
  let lastWarm;
  /** @type {number[]} */
  const warmTimes = [];
  /** @type {{ vsParse: number[], vsJson: number[] }} */
  const pairs = { vsParse: [], vsJson: [] };
  let spent = 0;
  for (let i = 0; i < plans.fast.max; i++) {
    const req = editedRequest();
    const jsonDoc = S.TextDocument.create(uri, 'json', version++, text);
    gc();
    let t0 = now();
    jsonc.parseTree(text, [], { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
    const floor = now() - t0;
    gc();
    t0 = now();
    await ls.doValidation(jsonDoc, ls.parseJSONDocument(jsonDoc), { schemaValidation: 'error' }, TLS_SCHEMA);
    const json = now() - t0;
    gc();
    t0 = now();
    diagnostics = (await service.doValidation(req)).length;
    const warm = now() - t0;
    lastWarm = req;
    warmTimes.push(warm);
    pairs.vsParse.push(warm / floor);
    pairs.vsJson.push(warm / json);
    spent += floor + json + warm;
    if (i + 1 >= plans.fast.min && spent > plans.fast.budgetMs) break;
  }
  result.oursWarm = summarize(warmTimes);
  result.pairedRatios = { warmVsParse: summarize(pairs.vsParse).median, warmVsJsonService: summarize(pairs.vsJson).median, n: warmTimes.length };
  result.oursWarm.diagnostics = diagnostics;
  result.oursWarm.certificateStatsAfter = service.certificateStats();
  // A client that does not report file changes: resolved files are trusted for a few seconds only
  // (no `filesWatched`). Each edit here comes after such a pause (an injected clock moves 1 minute),
  // so every file of the document is checked again (stat), and the certificate cache must still
  // hold every one of them: no read, no parse.
  {
    phase('ours warm, re-checking files');
    let clock = Date.now();
    const rechecking = S.createLanguageService(S.createNodeEnvironment(() => new Date(clock)));
    await rechecking.doValidation(request(text));
    const start = rechecking.certificateStats();
    let edits = 0;
    result.oursWarmRechecking = await sample((req) => rechecking.doValidation(req), {
      ...plans.afterEdit,
      setup: () => { edits++; clock += 60_000; return editedRequest(); },
    });
    const end = rechecking.certificateStats();
    result.oursWarmRechecking.edits = edits;
    result.oursWarmRechecking.rereads = end.reads - start.reads;
    result.oursWarmRechecking.reparses = end.parses - start.parses;
  }
  // Where the warm time goes: building the model alone (parse + block walk), for the report.
  phase('model build');
  result.modelBuild = await sample((req) => service.getModel(req), { ...plans.fast, setup: editedRequest });
  result.ratios = {
    warmVsParse: round(result.oursWarm.median / result.parseFloor.median),
    warmVsJsonService: round(result.oursWarm.median / result.jsonService.median),
    coldVsParse: round(result.oursCold.median / result.parseFloor.median),
    modelVsParse: round(result.modelBuild.median / result.parseFloor.median),
  };

  // 4. Features on the warm document version (model and materials cached by validation).
  const model = service.getModel(lastWarm);
  result.blocks = model.blocks.length;
  const completionAt = positionsFor(model, positionCount, ['key', 'bool', 'path']);
  const hoverAt = positionsFor(model, positionCount, ['material', 'field', 'blockKey']);
  phase(`completion and hover at ${completionAt.length} positions`);
  // A few untimed calls warm the code paths.
  await timeEach(completionAt.slice(0, 6), (p) => service.doComplete(lastWarm, p));
  await timeEach(hoverAt.slice(0, 6), (p) => service.doHover(lastWarm, p));
  gc();
  result.completion = await timeEach(completionAt, (p) => service.doComplete(lastWarm, p));
  result.completion.emptyResults = completionAt.filter((p) => !p.last || p.last.items.length === 0).length;
  gc();
  result.hover = await timeEach(hoverAt, (p) => service.doHover(lastWarm, p));
  result.hover.emptyResults = hoverAt.filter((p) => !p.last).length;

  // The JSON service at the same positions, for reference (no target).
  phase('vscode-json-languageservice completion and hover (reference)');
  const jsonDoc = S.TextDocument.create(uri, 'json', version++, text);
  const parsedJson = ls.parseJSONDocument(jsonDoc);
  await ls.doComplete(jsonDoc, completionAt[0].position, parsedJson);
  result.jsonServiceCompletion = await timeEach(completionAt, (p) => ls.doComplete(jsonDoc, p, parsedJson));
  result.jsonServiceHover = await timeEach(hoverAt, (p) => ls.doHover(jsonDoc, p, parsedJson));

  // The first request right after an edit (no validation in between): pays for the new model,
  // and a certificate hover for resolving every certificate source of the document again.
  phase('completion and hover right after an edit');
  const keyCompletion = completionAt.find((p) => p.kind === 'key');
  result.completionAfterEdit = await sample((req) => service.doComplete(req, keyCompletion.position), { ...plans.afterEdit, setup: editedRequest });
  const material = hoverAt.find((p) => p.kind === 'material');
  result.hoverAfterEdit = await sample((req) => service.doHover(req, material.position), { ...plans.afterEdit, setup: editedRequest });

  // CodeLens is a whole-document request, timed per request on a warm version. Last: it may be
  // the phase the parent has to cut short.
  phase('CodeLens', CODELENS_LIMIT_MS);
  const warmReq = request(editTimeout(text, 9));
  await service.doValidation(warmReq);
  let lenses = 0;
  result.codeLens = await sample(async () => { lenses = (await service.doCodeLens(warmReq)).length; }, plans.codeLens);
  result.codeLens.lenses = lenses;
  phase('done');
  return result;
}

/** Certificate parsing of our certs layer against Node's native X509Certificate, on the 1,000 pool files. */
export async function measureCertificates(manifest) {
  const S = loadService();
  const { X509Certificate } = await import('node:crypto');
  const files = await Promise.all(manifest.files.map((f) => readFile(path.join(path.dirname(configPath('2k')), 'pool', f.name))));
  const certificates = manifest.files.reduce((n, f) => n + f.certificates, 0);
  const blocksOf = (bytes) => bytes.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const pems = files.map(blocksOf);
  const plan = { warmup: 1, min: 5, max: 15, budgetMs: 20_000 };
  log('  certificates: ours (cache.analyzeBytes)');
  const ours = await sample(async () => {
    const cache = S.certs.createCertificateCache({ maxEntries: 4096 });
    for (const bytes of files) await cache.analyzeBytes(bytes, 'certificate');
  }, plan);
  log('  certificates: ours (parseMaterial)');
  const parseMaterial = await sample(async () => {
    for (const bytes of files) await S.certs.parseMaterial(bytes);
  }, plan);
  log('  certificates: node:crypto X509Certificate');
  const nodeConstruct = await sample(() => {
    for (const blocks of pems) for (const pem of blocks) new X509Certificate(pem);
  }, plan);
  // The same job as ours: every certificate, the facts we show, and the chain link checked by signature.
  let sink = 0;
  const nodeFacts = await sample(() => {
    for (const blocks of pems) {
      const parsed = blocks.map((pem) => new X509Certificate(pem));
      for (const c of parsed) {
        sink += c.subject.length + c.issuer.length + c.serialNumber.length + c.validFrom.length + c.validTo.length
          + c.fingerprint256.length + (c.subjectAltName?.length ?? 0) + (c.ca ? 1 : 0) + (c.keyUsage?.length ?? 0)
          + (c.publicKey.asymmetricKeyDetails?.namedCurve?.length ?? 0);
      }
      for (let i = 0; i + 1 < parsed.length; i++) if (parsed[i].checkIssued(parsed[i + 1])) sink += parsed[i].verify(parsed[i + 1].publicKey) ? 1 : 0;
    }
  }, plan);
  const perSecond = (s) => round((certificates / s.median) * 1000, 0);
  return {
    files: files.length, certificates,
    ours: { ...ours, certsPerSecond: perSecond(ours) },
    parseMaterial: { ...parseMaterial, certsPerSecond: perSecond(parseMaterial) },
    nodeConstruct: { ...nodeConstruct, certsPerSecond: perSecond(nodeConstruct) },
    nodeFacts: { ...nodeFacts, certsPerSecond: perSecond(nodeFacts) },
    ratioVsNodeFacts: round(ours.median / nodeFacts.median),
    ratioVsNodeConstruct: round(ours.median / nodeConstruct.median),
    sink: sink > 0,
  };
}
