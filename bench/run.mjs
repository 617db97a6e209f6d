#!/usr/bin/env node
// @ts-check
// Entry of `npm run bench` (after `npm run build`): generates or reuses the workspace in
// bench/.work, measures every size in its own process, prints the table with PASS/MISS per
// target and writes everything to bench/results.json.
//
//   node bench/run.mjs [--sizes=2k,200k,2m,20m] [--formats=200k,2m] [--no-formats] [--no-server] [--no-certificates] [--loading=3.5m,35m] [--edit=2k,200k,3.5m,35m]
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureWorkspace } from './generate.mjs';
import { ALL_SIZES, EDIT_SIZES, loadAverage, log, ROOT, SIZES } from './lib.mjs';
import { evaluate, render } from './report.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = option('sizes', SIZES.map((s) => s.id).join(',')).split(',').map((id) => SIZES.find((s) => s.id === id)).filter(Boolean);
const loadingSizes = option('loading', '3.5m,35m').split(',').filter((id) => ALL_SIZES.some((s) => s.id === id));
const editSizes = option('edit', EDIT_SIZES.map((s) => s.id).join(',')).split(',').filter((id) => EDIT_SIZES.some((s) => s.id === id));
const TASK_TIMEOUT_MS = 20 * 60_000;
/** No phase of a size measurement may take longer than this; a phase cut short is reported as such. */
const PHASE_TIMEOUT_MS = Number(option('phase-timeout', 240)) * 1000;

/** One measurement in a child process; bounded in time (per task and per phase), its stderr passed through. */
function task(name, arg) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', path.join(ROOT, 'bench', 'task.mjs'), name, ...(arg ? [arg] : [])], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let stdout = '';
    let partial;
    let phase;
    let cut;
    let limit = PHASE_TIMEOUT_MS;
    child.stdout?.on('data', (c) => { stdout += c; });
    const kill = (why) => { cut = why; child.kill('SIGKILL'); };
    const taskTimer = setTimeout(() => kill(`task exceeded ${TASK_TIMEOUT_MS / 1000} s`), TASK_TIMEOUT_MS);
    let phaseTimer;
    child.on('message', (/** @type {any} */ m) => {
      partial = m.partial;
      phase = m.phase;
      limit = Math.min(m.limitMs ?? PHASE_TIMEOUT_MS, PHASE_TIMEOUT_MS);
      clearTimeout(phaseTimer);
      phaseTimer = setTimeout(() => kill(phase), limit);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(taskTimer);
      clearTimeout(phaseTimer);
      if (cut && partial) {
        log(`  cut short: ${cut} (over ${limit / 1000} s)`);
        resolve({ ...partial, timedOut: cut, timedOutAfterMs: limit });
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch {
        resolve({ error: `task ${name} ${arg ?? ''} failed (exit ${code ?? signal}${cut ? `; ${cut}` : ''})` });
      }
    });
  });
}

function run(command, commandArgs) {
  return /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${commandArgs.join(' ')} exited ${code}`))));
  }));
}

const startedAt = new Date().toISOString();
const loadBefore = loadAverage();
const manifest = await ensureWorkspace();
await run(process.execPath, [path.join(ROOT, 'scripts', 'generate-example-certs.mjs')]);

/** @type {{ sizes: unknown[], [key: string]: any }} */
const results = { startedAt, node: process.version, cpus: os.cpus().length, loadBefore, workspace: manifest.configs, sizes: [] };
for (const size of sizes) {
  log(`measuring ${size.label} (${manifest.configs[size.id].proxies} proxies) ...`);
  const r = await task('size', size.id);
  if (r.error) log(`  ${r.error}`);
  else results.sizes.push(r);
}
if (!args.includes('--no-formats')) {
  results.formats = [];
  for (const id of option('formats', '200k,2m').split(',').filter((f) => SIZES.some((s) => s.id === f))) {
    log(`measuring the same ${id} config in JSON, YAML and TOML ...`);
    const r = await task('formats', id);
    if (r.error) log(`  ${r.error}`);
    else results.formats.push(r);
  }
}
if (!args.includes('--no-certificates')) {
  log('measuring certificate parsing ...');
  results.certificates = await task('certificates');
  if (results.certificates.error) { log(`  ${results.certificates.error}`); delete results.certificates; }
}
if (!args.includes('--no-server')) {
  results.server = {};
  log('measuring the server: spawn -> first diagnostics ...');
  results.server.firstDiagnostics = await task('firstDiagnostics');
  results.server.memory = [];
  for (const id of ['2m', '20m']) {
    log(`measuring the server: memory with the ${id} config open ...`);
    results.server.memory.push({ size: id, ...(await task('memory', id)) });
  }
  results.server.edit = [];
  for (const id of editSizes) {
    log(`measuring edit -> diagnostics over LSP, ours and the JSON server, ${id} ...`);
    results.server.edit.push({ size: id, ...(await task('edit', id)) });
  }
  log('measuring the server: memory with the 35m config open, edited 20 times, then closed ...');
  results.server.editMemory = { size: '35m', ...(await task('editMemory', '35m')) };
  results.server.whileLoading = [];
  for (const id of loadingSizes) {
    log(`measuring the server: latency while the certificates of the ${id} config load ...`);
    results.server.whileLoading.push({ size: id, ...(await task('whileLoading', id)) });
  }
}
results.loadAfter = loadAverage();
const checks = evaluate(results);
results.targets = checks;
await writeFile(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2));
process.stdout.write(`${render(results, checks)}\n\nwritten to bench/results.json\n`);
