#!/usr/bin/env node
// @ts-check
// `npm run test:e2e`: the extension, packaged as a VSIX, in a real VS Code (code-server 4.100.3 in
// Debian's Chromium, see test/e2e/harness.mjs and test/e2e/README.md).
//
//   1. bash test/e2e/install.sh            apt packages, code-server, playwright-core (idempotent)
//   2. node scripts/package.mjs            production build + VSIX (.e2e/centrifugo-config-e2e.vsix)
//   3. a workspace in a temp dir            configs + certificates made by openssl now (fixtures.mjs)
//   4. node --test test/e2e/*.e2e.test.mjs  one code-server session per file, files one at a time
//
// Screenshots of every step, and on failure the screenshot plus all code-server / extension host
// logs, are kept in test-results/e2e/<suite>/. Exit status: that of the tests.
//
//   npm run test:e2e [-- options] [test files]
//     --skip-install        do not run install.sh (the tools must be there)
//     --skip-package        test the VSIX from the last run (.e2e/centrifugo-config-e2e.vsix)
//     --update-screenshot   copy the README screenshot to docs/screenshot.png
//     --keep                keep the workspace and the sessions' temp dirs
// Environment: E2E_TIMEOUT_SCALE (slow machine), E2E_HEADED=1, E2E_KEEP=1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkspace, notLanded, packagedCapabilities } from './fixtures.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const RESULTS = process.env.E2E_RESULTS_DIR || path.join(ROOT, 'test-results', 'e2e');
const VSIX = path.join(ROOT, '.e2e', 'centrifugo-config-e2e.vsix');
/** The whole test phase must end well within CI's budget; a hung browser must not hold CI for 90 minutes. */
const TEST_PHASE_LIMIT_MS = 12 * 60_000 * Number(process.env.E2E_TIMEOUT_SCALE || 1);

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const files = args.filter((a) => !a.startsWith('--'));
if (flag('--keep')) process.env.E2E_KEEP = '1';
if (flag('--update-screenshot')) process.env.E2E_UPDATE_SCREENSHOT = '1';

const started = Date.now();
const phases = [];
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
function log(msg) { console.log(`[e2e] ${msg}`); }

function phase(name, fn) {
  const t0 = Date.now();
  log(`${name} ...`);
  const result = fn();
  const done = (v) => { phases.push([name, Date.now() - t0]); log(`${name}: ${secs(Date.now() - t0)}`); return v; };
  return result instanceof Promise ? result.then(done) : done(result);
}

function runOrDie(cmd, cmdArgs, what) {
  const res = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
  if (res.error || res.status !== 0) {
    console.error(`[e2e] ${what} failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`})`);
    process.exit(1);
  }
}

// ------------------------------------------------------------------------------------ 1-2. tools, VSIX
if (!flag('--skip-install')) phase('install (test/e2e/install.sh)', () => runOrDie('bash', [path.join(HERE, 'install.sh')], 'install.sh'));
if (!flag('--skip-package')) {
  phase('package (scripts/package.mjs)', () => runOrDie(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--out', VSIX], 'packaging'));
} else if (!fs.existsSync(VSIX)) {
  console.error(`[e2e] --skip-package: ${VSIX} does not exist`);
  process.exit(1);
}

// ------------------------------------------------------------------------------------ 3. workspace
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ccfg-e2e-ws-'));
phase(`workspace (${workspace})`, () => createWorkspace(workspace));
const cleanup = () => {
  if (process.env.E2E_KEEP === '1') log(`kept workspace ${workspace}`);
  else fs.rmSync(workspace, { recursive: true, force: true });
};

// Which features the packaged server announces; steps needing a missing one will fail, and say why.
const caps = await packagedCapabilities();
log(`server capabilities: ${Object.keys(caps).filter((k) => k.endsWith('Provider')).join(', ')}`);
const missing = [];
for (const f of ['codelens', 'pem-lens', 'code-actions']) {
  const reason = await notLanded(f);
  if (reason) missing.push(`${f}: ${reason}`);
}
for (const m of missing) log(`WARNING ${m}`);

// ------------------------------------------------------------------------------------ 4. tests
const testFiles = files.length
  ? files.map((f) => path.resolve(f))
  : fs.readdirSync(HERE).filter((f) => f.endsWith('.e2e.test.mjs')).sort().map((f) => path.join(HERE, f));
fs.mkdirSync(RESULTS, { recursive: true });
const tap = path.join(RESULTS, 'results.tap');
const status = await phase(`tests (${testFiles.map((f) => path.basename(f)).join(', ')})`, () => new Promise((resolve) => {
  const child = spawn(process.execPath, [
    '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...testFiles,
  ], {
    cwd: ROOT, stdio: 'inherit', detached: true,
    env: { ...process.env, E2E_WORKSPACE: workspace, E2E_VSIX: VSIX },
  });
  const killAll = (sig) => { try { if (child.pid !== undefined) process.kill(-child.pid, sig); } catch { /* gone */ } };
  const watchdog = setTimeout(() => {
    console.error(`[e2e] tests still running after ${secs(TEST_PHASE_LIMIT_MS)}: stopping them`);
    killAll('SIGTERM');
    setTimeout(() => killAll('SIGKILL'), 10_000).unref();
  }, TEST_PHASE_LIMIT_MS);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { killAll('SIGTERM'); });
  child.on('exit', (code, signal) => { clearTimeout(watchdog); resolve(code ?? (signal ? 1 : 0)); });
}));

// ------------------------------------------------------------------------------------ summary
function summarize() {
  if (!fs.existsSync(tap)) return;
  const rows = [];
  for (const line of fs.readFileSync(tap, 'utf8').split('\n')) {
    // The steps are subtests (indented); suites and files are not listed.
    const m = /^\s{4,}(not ok|ok) \d+ - (.*?)(?: # (TODO|SKIP).*)?$/.exec(line);
    if (m) rows.push({ ok: m[1] === 'ok', name: m[2].replace(/\\#/g, '#') });
  }
  if (!rows.length) return;
  console.log('\n[e2e] summary');
  for (const r of rows) console.log(`  ${r.ok ? 'pass' : 'FAIL'}  ${r.name}`);
  console.log(`  ${rows.filter((r) => r.ok).length} passed, ${rows.filter((r) => !r.ok).length} failed`);
  for (const m of missing) console.log(`  ${m}`);
}
summarize();
cleanup();
log(`screenshots and logs: ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
log(`total ${secs(Date.now() - started)} (${phases.map(([n, ms]) => `${n.split(' ')[0]} ${secs(ms)}`).join(', ')})`);
process.exit(status);
