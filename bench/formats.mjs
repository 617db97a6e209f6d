// @ts-check
// The same config in JSON, YAML and TOML: each format's plain parse (the floor), our validation
// after a one-value edit, paired run by run, and the memory of the model. The YAML and TOML files
// are written from the JSON one (same content, same certificate paths), next to it in bench/.work.
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { configPath, gc, loadService, log, now, require, ROOT, round, summarize } from './lib.mjs';

const FORMATS = /** @type {const} */ (['json', 'yaml', 'toml']);

/** The format's own reader alone: what any tool reading the file must pay. */
function parserFor(format) {
  if (format === 'yaml') {
    const yaml = require('yaml');
    return (text) => yaml.parseDocument(text, { keepSourceTokens: false });
  }
  if (format === 'toml') {
    const toml = require('toml-eslint-parser');
    return (text) => toml.parseTOML(text);
  }
  const jsonc = require('jsonc-parser');
  return (text) => jsonc.parseTree(text, [], { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
}

/** The middle proxy's `3s` timeout changed to `${seconds}s`, in whichever syntax: no certificate field is touched. */
function editTimeoutAnywhere(text, seconds) {
  const at = text.indexOf('3s', Math.floor(text.length / 2));
  if (at < 0) throw new Error('no timeout to edit');
  return `${text.slice(0, at)}${seconds}s${text.slice(at + 2)}`;
}

/** Writes the YAML and TOML forms of the JSON config of `sizeId` (the test helpers' writers, as the format tests use). */
async function writeForms(sizeId) {
  const { write } = require(path.join(ROOT, 'out', 'test', 'helpers', 'formats.js'));
  const jsonFile = configPath(sizeId);
  const value = JSON.parse(await readFile(jsonFile, 'utf8'));
  const files = { json: jsonFile };
  for (const format of ['yaml', 'toml']) {
    const file = jsonFile.replace(/\.json$/, `.${format}`);
    await writeFile(file, write(value, format));
    files[format] = file;
  }
  return files;
}

/**
 * @param {string} sizeId
 * @param {{ runs?: number }} [options]
 */
export async function measureFormats(sizeId, { runs = 9 } = {}) {
  const S = loadService();
  const { buildModel } = require(path.join(ROOT, 'out', 'server', 'src', 'service', 'model', 'index.js'));
  const files = await writeForms(sizeId);
  const result = { size: sizeId, formats: {} };
  for (const format of FORMATS) {
    log(`  [formats ${sizeId}] ${format}`);
    const file = files[format];
    const text = await readFile(file, 'utf8');
    const parse = parserFor(format);
    const uri = pathToFileURL(file).href;
    const context = { configPath: file, workspaceFolder: path.dirname(file) };
    let version = 1;
    const request = (t) => ({ document: S.TextDocument.create(uri, format, version++, t), settings: S.DEFAULT_SETTINGS, context });
    const service = S.createLanguageService(S.createNodeEnvironment(), { filesWatched: true });
    // Cold run: certificates read and parsed once; then warm-up edits.
    const first = await service.doValidation(request(text));
    for (let i = 0; i < 2; i++) {
      parse(text);
      await service.doValidation(request(editTimeoutAnywhere(text, 10 + i)));
    }
    const floors = [];
    const warms = [];
    const ratios = [];
    for (let i = 0; i < runs; i++) {
      gc();
      let t0 = now();
      parse(text);
      const floor = now() - t0;
      const req = request(editTimeoutAnywhere(text, 4 + (i % 5)));
      gc();
      t0 = now();
      await service.doValidation(req);
      const warm = now() - t0;
      floors.push(floor);
      warms.push(warm);
      ratios.push(warm / floor);
    }
    // The model's own memory: the heap with one more model held, after a full GC.
    // Two models held, so that garbage collected late does not hide one model's size.
    const edited = editTimeoutAnywhere(text, 9);
    const settle = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    const before = settle();
    const models = [0, 1].map((i) => buildModel(S.TextDocument.create(uri, format, i, edited), { settings: S.DEFAULT_SETTINGS, forced: false }));
    const modelMB = (settle() - before) / 2 / 1e6;
    const held = models[0];
    ratios.sort((a, b) => a - b);
    result.formats[format] = {
      bytes: Buffer.byteLength(text),
      blocks: held.blocks.length,
      diagnostics: first.length,
      codes: [...new Set(first.map((d) => String(d.code)))].sort(),
      parseFloor: summarize(floors),
      oursWarm: summarize(warms),
      pairedVsParse: round(ratios[ratios.length >> 1]),
      modelMB: round(modelMB),
    };
  }
  return result;
}
