#!/usr/bin/env node
// @ts-check
// One scenario of the benchmark, repeated, for profiling:
//
//   node --cpu-prof --cpu-prof-dir=bench/.work/prof bench/profile.mjs <scenario> [size] [repeats]
//   node bench/profile-summary.mjs bench/.work/prof/<file>.cpuprofile [--blocks=50]
//
// Scenarios: warm (validation after an edit outside certificate fields), model (getModel only),
// cold (validation with a new service), completion, hover (100 positions on the warm version),
// codelens, certificates (parse the pool with the certs layer), loading (validation of a fresh
// service while completion is asked every 10 ms: shows what blocks the event loop).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { editTimeout } from './generate.mjs';
import { configPath, loadService, log, now, round, SIZES, WORK } from './lib.mjs';
import { positionsFor } from './measure.mjs';

const [scenario = 'warm', sizeId = '2m', repeatsArg] = process.argv.slice(2);
const repeats = Math.min(Number(repeatsArg ?? 5), 100);
const S = loadService();
const size = SIZES.find((s) => s.id === sizeId);
if (!size) throw new Error(`unknown size ${sizeId}; one of ${SIZES.map((s) => s.id).join(', ')}`);
const file = configPath(size.id);
const text = await readFile(file, 'utf8');
const uri = pathToFileURL(file).href;
let version = 1;
const request = (t) => ({ document: S.TextDocument.create(uri, 'json', version++, t), settings: S.DEFAULT_SETTINGS, context: { configPath: file, workspaceFolder: path.dirname(file) } });
// As in VS Code, which reports file changes (see measure.mjs).
const service = S.createLanguageService(S.createNodeEnvironment(), { filesWatched: true });

async function timed(name, fn) {
  const t0 = now();
  await fn();
  log(`${name}: ${round(now() - t0)} ms`);
}

if (scenario !== 'cold' && scenario !== 'certificates' && scenario !== 'loading') await timed('initial validation', () => service.doValidation(request(text)));
const last = request(editTimeout(text, 4));
if (scenario !== 'cold' && scenario !== 'certificates' && scenario !== 'loading') await timed('first warm validation', () => service.doValidation(last));

switch (scenario) {
  case 'warm':
    for (let i = 0; i < repeats; i++) await timed('warm validation', () => service.doValidation(request(editTimeout(text, 5 + (i % 4)))));
    break;
  case 'model':
    for (let i = 0; i < repeats; i++) { const r = request(editTimeout(text, 5 + (i % 4))); await timed('model', () => service.getModel(r)); }
    break;
  case 'cold':
    for (let i = 0; i < repeats; i++) await timed('cold validation', () => S.createLanguageService(S.createNodeEnvironment()).doValidation(request(text)));
    break;
  case 'completion':
  case 'hover': {
    const kinds = scenario === 'completion' ? ['key', 'bool', 'path'] : ['material', 'field', 'blockKey'];
    const positions = positionsFor(service.getModel(last), 100, kinds);
    for (let i = 0; i < repeats; i++) {
      await timed(`${positions.length} ${scenario} requests`, async () => {
        for (const p of positions) await (scenario === 'completion' ? service.doComplete(last, p.position) : service.doHover(last, p.position));
      });
    }
    break;
  }
  case 'codelens':
    for (let i = 0; i < repeats; i++) await timed('codeLens', () => service.doCodeLens(last));
    break;
  case 'certificates': {
    const manifest = JSON.parse(await readFile(path.join(WORK, 'manifest.json'), 'utf8'));
    const files = await Promise.all(manifest.files.map((f) => readFile(path.join(WORK, 'pool', f.name))));
    for (let i = 0; i < repeats; i++) {
      await timed('parse 1,000 files', async () => {
        const cache = S.certs.createCertificateCache({ maxEntries: 4096 });
        for (const bytes of files) await cache.analyzeBytes(bytes, 'certificate');
      });
    }
    break;
  }
  case 'loading': {
    const fresh = S.createLanguageService(S.createNodeEnvironment());
    const req = request(text);
    fresh.getModel(req);
    const positions = positionsFor(fresh.getModel(req), 100, ['key']);
    let done = false;
    const lat = [];
    const validation = fresh.doValidation(req).then(() => { done = true; });
    for (let i = 0; !done && i < 2000; i++) {
      const sent = now();
      await new Promise((r) => setTimeout(r, 10));
      await fresh.doComplete(req, positions[i % positions.length].position);
      lat.push(now() - sent - 10);
    }
    await validation;
    lat.sort((a, b) => a - b);
    log(`completion while loading: n=${lat.length}, median ${round(lat[Math.floor(lat.length / 2)])} ms, max ${round(lat[lat.length - 1])} ms (including event-loop wait)`);
    break;
  }
  default:
    log(`unknown scenario ${scenario}`);
    process.exit(2);
}
