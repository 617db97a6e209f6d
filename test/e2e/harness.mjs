// @ts-check
// End-to-end harness: a real VS Code (code-server 4.100.3 = VS Code 1.100.3) in Debian's Chromium,
// driven by playwright-core. See test/e2e/README.md; code-server comes from test/e2e/install.sh.
//
// Typical use (node:test):
//
//   import { withSession } from './harness.mjs';
//   await withSession({ name: 'codelens', vsix, workspace }, async (s) => {
//     await s.openFile('config.json');
//     await s.waitForText('.codelens-decoration', /expires/);
//     await s.screenshot('codelens');
//   });
//
// withSession() installs the VSIX into a fresh extensions dir, starts code-server on a free
// 127.0.0.1 port with a fresh user-data-dir, opens Chromium on the workspace and waits for the
// workbench. On failure it saves a screenshot, the page's console and all code-server / extension
// host / output-channel logs under test-results/e2e/<name>/, then shuts everything down.
//
// Every wait has a timeout and polls a condition; nothing sleeps for a fixed time.
// Nothing connects anywhere but 127.0.0.1 (browser DNS is pinned, other requests are aborted,
// the extension gallery is disabled and server-side HTTP(S) goes to a dead loopback proxy).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const TOOLS_DIR = process.env.E2E_TOOLS_DIR || path.join(ROOT, '.e2e', 'tools');
export const CODE_SERVER_BIN = path.join(TOOLS_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const RESULTS_DIR = process.env.E2E_RESULTS_DIR || path.join(ROOT, 'test-results', 'e2e');

/** Default timeouts (ms); scale all with E2E_TIMEOUT_SCALE (e.g. 2 on a slow machine). */
const SCALE = Number(process.env.E2E_TIMEOUT_SCALE || 1);
export const TIMEOUTS = {
  install: 180_000 * SCALE,
  serverStart: 60_000 * SCALE,
  workbench: 90_000 * SCALE,
  wait: 20_000 * SCALE,
  shutdown: 10_000,
};

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  // Only loopback names resolve: nothing can leave the machine even by accident.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export const DEFAULT_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'json.schemaDownload.enable': false,
  'git.enabled': false,
  'editor.codeLens': true,
  'editor.hover.enabled': true,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'editor.accessibilitySupport': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'on',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
};

// ------------------------------------------------------------------------------------------ tools

/** Throws with a helpful message when test/e2e/install.sh has not been run. */
export function ensureInstalled() {
  const pty = path.join(TOOLS_DIR, 'node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node');
  const missing = [CODE_SERVER_BIN, pty, CHROMIUM].filter((p) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(`e2e tools missing (${missing.join(', ')}); run: bash test/e2e/install.sh`);
  }
}

/** @type {typeof import('playwright-core') | undefined} */
let _playwright;
/**
 * playwright-core: the project's devDependency; the copy install.sh puts in .e2e/tools serves a
 * checkout whose node_modules predates that declaration.
 * @returns {typeof import('playwright-core')}
 */
export function playwright() {
  if (!_playwright) {
    for (const base of [path.join(ROOT, 'package.json'), path.join(TOOLS_DIR, 'package.json')]) {
      try {
        _playwright = createRequire(base)('playwright-core');
        break;
      } catch {
        // not installed there: try the next place
      }
    }
    if (!_playwright) throw new Error('playwright-core is missing; run: npm install');
  }
  return _playwright;
}

// --------------------------------------------------------------------------------- process control

const liveGroups = new Set(); // pids of detached process groups we started
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}
process.on('exit', () => { for (const pid of liveGroups) killGroup(pid, 'SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => { for (const pid of liveGroups) killGroup(pid, 'SIGKILL'); process.exit(130); });
}

/** SIGTERM the process group, wait for the leader to exit, SIGKILL the group after `timeout`. */
async function stopGroup(child, timeout = TIMEOUTS.shutdown) {
  if (!child?.pid) return;
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', r));
  killGroup(child.pid, 'SIGTERM');
  const timers = [];
  timers.push(setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeout));
  await Promise.race([exited, new Promise((r) => timers.push(setTimeout(r, timeout + 2000)))]);
  timers.forEach(clearTimeout);
  killGroup(child.pid, 'SIGKILL'); // stragglers (extension host, language server) in the group
  liveGroups.delete(child.pid);
}

/** Isolated env for code-server: no writes to ~/.config or ~/.local, no gallery, no outside HTTP. */
function codeServerEnv(baseDir, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_)/.test(k)) delete env[k];
  return {
    ...env,
    XDG_CONFIG_HOME: path.join(baseDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(baseDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(baseDir, 'xdg', 'cache'),
    CODE_SERVER_CONFIG: path.join(baseDir, 'code-server.yaml'),
    EXTENSIONS_GALLERY: '{}', // no serviceUrl => gallery disabled
    HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost',
    ...extra,
  };
}

// ------------------------------------------------------------------------------------ directories

/** Fresh dirs for one session under $TMPDIR: { baseDir, userDataDir, extensionsDir }. */
export async function makeSessionDirs(name = 'session') {
  const baseDir = await fsp.mkdtemp(path.join(os.tmpdir(), `ccfg-e2e-${safeName(name)}-`));
  const userDataDir = path.join(baseDir, 'user-data');
  const extensionsDir = path.join(baseDir, 'extensions');
  for (const d of [userDataDir, extensionsDir, path.join(baseDir, 'xdg')]) await fsp.mkdir(d, { recursive: true });
  await fsp.writeFile(path.join(baseDir, 'code-server.yaml'), 'auth: none\n');
  return { baseDir, userDataDir, extensionsDir };
}

export function safeName(s) {
  return String(s).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'x';
}

/** Writes <userDataDir>/User/settings.json = DEFAULT_SETTINGS + overrides. */
export async function writeSettings(userDataDir, overrides = {}) {
  const dir = path.join(userDataDir, 'User');
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  await fsp.writeFile(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...overrides }, null, 2));
  return file;
}

// ------------------------------------------------------------------------------------ extensions

/**
 * Installs a VSIX with `code-server --install-extension` (copying a folder does not register it).
 * Returns the command output.
 */
export function installExtension(vsixPath, { extensionsDir, userDataDir, baseDir, timeout = TIMEOUTS.install }) {
  ensureInstalled();
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  const res = spawnSync(CODE_SERVER_BIN, [
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force', '--install-extension', vsix,
  ], { env: codeServerEnv(baseDir || path.dirname(userDataDir)), encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  const out = `${res.stdout || ''}${res.stderr || ''}`;
  if (res.error || res.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} failed (status ${res.status}, ${res.error || ''}):\n${out}`);
  }
  return out;
}

// ----------------------------------------------------------------------------------- code-server

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 (free port unless given) in its own process group and waits
 * until it answers HTTP. Returns { port, url, workbenchUrl, child, logFile, stop() }.
 * @param {{ workspace: string, userDataDir: string, extensionsDir: string, baseDir?: string, settings?: Record<string, unknown>,
 *   port?: number, env?: Record<string, string>, logFile?: string, timeout?: number }} options
 */
export async function startCodeServer({
  workspace, userDataDir, extensionsDir, baseDir, settings = {}, port, env = {},
  logFile, timeout = TIMEOUTS.serverStart,
}) {
  ensureInstalled();
  baseDir ||= path.dirname(userDataDir);
  workspace = path.resolve(workspace);
  await writeSettings(userDataDir, settings);
  logFile ||= path.join(baseDir, 'code-server.log');
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = port || await freePort();
    const out = fs.openSync(logFile, 'a');
    const child = spawn(CODE_SERVER_BIN, [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${p}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened',
      '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
      workspace,
    ], { detached: true, stdio: ['ignore', out, out], env: codeServerEnv(baseDir, env) });
    fs.closeSync(out);
    liveGroups.add(child.pid);
    const server = {
      port: p, child, logFile, workspace,
      url: `http://127.0.0.1:${p}/`,
      workbenchUrl: `http://127.0.0.1:${p}/?folder=${encodeURIComponent(workspace)}`,
      stop: () => stopGroup(child),
    };
    try {
      await waitUntil(async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}); log: ${tail(logFile)}`);
        }
        try {
          const r = await fetch(`http://127.0.0.1:${p}/healthz`, { signal: AbortSignal.timeout(2000) });
          return r.ok;
        } catch { return false; }
      }, { timeout, interval: 200, message: `code-server answering on 127.0.0.1:${p}` });
      return server;
    } catch (e) {
      lastErr = e;
      await server.stop();
      if (port || !/EADDRINUSE/.test(tail(logFile))) break; // only retry port races
    }
  }
  throw lastErr;
}

function tail(file, n = 3000) {
  try { const s = fs.readFileSync(file, 'utf8'); return s.slice(-n); } catch { return '(no log)'; }
}

// --------------------------------------------------------------------------------------- browser

/** Launches Debian's Chromium via playwright-core. */
export async function launchBrowser({ headless = process.env.E2E_HEADED !== '1', timeout = 60_000 } = {}) {
  ensureInstalled();
  const { chromium } = playwright();
  return chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS, timeout });
}

/**
 * Opens the workbench for `server` in a new context, waits for `.monaco-workbench` and for the
 * Explorer to show the folder. Returns { context, page, console } (console = captured lines).
 */
export async function openWorkbench(browser, server, {
  viewport = { width: 1400, height: 900 }, timeout = TIMEOUTS.workbench,
} = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, serviceWorkers: 'allow' });
  context.setDefaultTimeout(TIMEOUTS.wait);
  const consoleLines = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    const local = ['127.0.0.1', 'localhost'].includes(u.hostname) || ['data:', 'blob:'].includes(u.protocol);
    if (local) return route.continue();
    consoleLines.push(`[blocked non-loopback request] ${u.href}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.stack || e}`));
  await page.goto(server.workbenchUrl, { waitUntil: 'domcontentloaded', timeout });
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout });
  // The workbench is usable once the explorer/statusbar have rendered.
  await page.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout });
  return { context, page, console: consoleLines };
}

// ----------------------------------------------------------------------------------------- waits

/**
 * Polls `fn` (sync or async) until it returns a truthy value, which is returned. Errors thrown by
 * `fn` count as "not yet" unless they repeat until the timeout (then the last one is reported).
 * `message` (string, or function evaluated at timeout) describes the condition in the error.
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {{ timeout?: number, interval?: number, message?: string | (() => string | Promise<string>) }} [options]
 * @returns {Promise<T>}
 */
export async function waitUntil(fn, { timeout = TIMEOUTS.wait, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      lastErr = undefined;
    } catch (e) {
      if (e && e.fatal) throw e;
      lastErr = e;
      if (/code-server exited/.test(String(e?.message))) throw e;
    }
    if (Date.now() > deadline) {
      const what = typeof message === 'function' ? await Promise.resolve().then(message).catch((e) => `? (${e.message})`) : message;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastErr ? `: ${lastErr.message || lastErr}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits for a selector to reach `state` (visible|attached|hidden|detached); returns its Locator. */
export async function waitForSelector(page, selector, { state = 'visible', timeout = TIMEOUTS.wait } = {}) {
  const loc = page.locator(selector).first();
  await loc.waitFor({ state, timeout });
  return loc;
}

/**
 * Waits until some element matching `selector` has text matching `expected` (string = substring,
 * or RegExp). Returns the matching element's text. Spaces are normalised (Monaco uses U+00A0).
 */
export async function waitForText(page, selector, expected, { timeout = TIMEOUTS.wait } = {}) {
  let seen = [];
  try {
    return await waitUntil(async () => {
      seen = (await page.locator(selector).allTextContents()).map(normSpace);
      return seen.find((t) => matches(t, expected));
    }, { timeout, message: `${selector} with text ${expected}` });
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}; saw ${JSON.stringify(seen.slice(0, 10))}`, { cause: e });
  }
}

/** Waits until no element matching `selector` has text matching `expected` (or none exist if omitted). */
export async function waitForNoText(page, selector, expected, { timeout = TIMEOUTS.wait } = {}) {
  return waitUntil(async () => {
    const texts = (await page.locator(selector).allTextContents()).map(normSpace);
    return expected === undefined ? texts.length === 0 : !texts.some((t) => matches(t, expected));
  }, { timeout, message: `no ${selector}${expected !== undefined ? ` with text ${expected}` : ''}` });
}

/** All texts of `selector` (normalised spaces). */
export async function texts(page, selector) {
  return (await page.locator(selector).allTextContents()).map(normSpace);
}

export function normSpace(s) { return String(s).replace(/\u00a0/g, ' '); }
function matches(text, expected) {
  return expected instanceof RegExp ? expected.test(text) : text.includes(String(expected));
}

// -------------------------------------------------------------------------------- editor actions

/** Presses a key chord sequence, e.g. press(page, 'Control+K', 'Control+I'). */
export async function press(page, ...keys) {
  for (const k of keys) await page.keyboard.press(k);
}

/** The active editor's input element (a textarea in 1.100; EditContext in newer versions). */
export const EDITOR_INPUT = '.editor-group-container.active .monaco-editor textarea.inputarea, .editor-group-container.active .monaco-editor .native-edit-context';

/** Focuses the active editor's text area (so editor keybindings apply). */
export async function focusEditor(page) {
  const ta = page.locator(EDITOR_INPUT).first();
  await ta.waitFor({ state: 'attached' });
  await ta.focus();
  await waitUntil(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')),
    { message: 'editor focus' });
}

/** Opens the quick input (Ctrl+P) and waits for it. `prefix` is typed first (e.g. '>' or ':'). */
async function quickInput(page, prefix = '') {
  await page.keyboard.press('Control+P');
  const input = await waitForSelector(page, '.quick-input-widget .quick-input-box input');
  if (prefix !== undefined) { await input.fill(prefix); }
  return input;
}

/**
 * Opens `relPath` (relative to the workspace, '/' separators) with Ctrl+P quick open and waits
 * until its tab is active (checked against `workspace` if given) and the editor shows text.
 * @param {import('playwright-core').Page} page
 * @param {string} relPath
 * @param {{ workspace?: string, timeout?: number }} [options]
 */
export async function openFile(page, relPath, { workspace, timeout = TIMEOUTS.wait } = {}) {
  const rel = relPath.split(path.sep).join('/').replace(/^\.\//, '');
  const base = path.posix.basename(rel);
  const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
  const input = await quickInput(page, '');
  await input.fill(rel);
  // Rows show name + description (the folder, none at the root). Results stream in from the
  // server's file search (ripgrep) and "recently opened" comes first, so pick the exact row.
  const rowInfo = () => page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => ({
    name: e.querySelector('.label-name')?.textContent ?? '',
    desc: e.querySelector('.label-description')?.textContent ?? '',
    focused: e.classList.contains('focused'),
  })));
  let rows = [];
  await waitUntil(async () => {
    rows = await rowInfo();
    const want = rows.findIndex((r) => r.name === base && r.desc === dir);
    if (want < 0) return false;
    const cur = rows.findIndex((r) => r.focused);
    if (cur === want) return true;
    await page.keyboard.press(cur < want ? 'ArrowDown' : 'ArrowUp');
    return false;
  }, { timeout, message: () => `quick open row for ${rel} (rows: ${JSON.stringify(rows)})` });
  await page.keyboard.press('Enter');
  await waitForSelector(page, '.quick-input-widget', { state: 'hidden', timeout });
  // The active tab's icon label carries the file's absolute path.
  const full = workspace ? path.join(path.resolve(workspace), rel) : undefined;
  const activeTab = () => page.evaluate(() => [...document.querySelectorAll('.editor-group-container.active .tabs-container .tab.active .monaco-icon-label')]
    .map((e) => e.getAttribute('aria-label')));
  // Once the file has diagnostics VS Code labels the tab "<path> • 2 problems in this file".
  const isTab = (seen) => {
    const label = seen?.split(' • ')[0];
    return Boolean(label) && (full ? label === full : label.endsWith(`/${rel}`));
  };
  await waitUntil(async () => (await activeTab()).some(isTab),
    { timeout, message: async () => `active tab for ${full || rel} (active tab labels: ${JSON.stringify(await activeTab())}; tabs: ${
      JSON.stringify(await page.evaluate(() => [...document.querySelectorAll('.tab')].map((t) => t.outerHTML.slice(0, 400))))})` });
  await waitForSelector(page, '.editor-group-container.active .monaco-editor .view-lines .view-line', { timeout });
  await focusEditor(page);
}

/** Runs a command from the command palette by its title (exact label preferred). */
export async function runCommand(page, title, { timeout = TIMEOUTS.wait } = {}) {
  await quickInput(page, '>');
  await page.keyboard.type(title);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await waitUntil(async () => {
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || ''));
    return labels.length && labels[0].toLowerCase().includes(title.toLowerCase());
  }, { timeout, message: `command palette entry "${title}"` });
  await page.keyboard.press('Enter');
  await waitForSelector(page, '.quick-input-widget', { state: 'hidden', timeout });
}

/** Moves the cursor with Ctrl+G to line:column (1-based). */
export async function gotoLine(page, line, column = 1, { timeout = TIMEOUTS.wait } = {}) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = await waitForSelector(page, '.quick-input-widget .quick-input-box input', { timeout });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitForSelector(page, '.quick-input-widget', { state: 'hidden', timeout });
  await waitForText(page, '.statusbar-item', `Ln ${line}, Col ${column}`, { timeout });
}

/** Visible editor text (Monaco virtualises: only rendered lines), lines ordered by position. */
export async function editorText(page) {
  return page.evaluate(() => {
    const ed = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
    if (!ed) return '';
    const lines = [...ed.querySelectorAll(':scope > .view-line')]
      .map((l) => ({ top: parseFloat(/** @type {HTMLElement} */ (l).style.top) || 0, text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top);
    return lines.map((l) => l.text).join('\n');
  });
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function save(page, { timeout = TIMEOUTS.wait } = {}) {
  await focusEditor(page);
  await page.keyboard.press('Control+S');
  await waitForSelector(page, '.tabs-container .tab.active:not(.dirty)', { state: 'attached', timeout });
}

/** CodeLens texts currently rendered in the active editor. */
export function codeLensTexts(page) {
  return texts(page, '.editor-group-container.active .monaco-editor .codelens-decoration');
}

/** Number of squiggles of `kind` ('error'|'warning'|'info'|'hint') in the active editor. */
export function squiggleCount(page, kind = 'error') {
  return page.locator(`.editor-group-container.active .monaco-editor .squiggly-${kind}`).count();
}

/**
 * Opens the Problems panel (Ctrl+Shift+M) and returns the rows' aria-labels once `expected`
 * (string/RegExp, optional) shows up. Rows: `.markers-panel .monaco-list-row`.
 */
export async function problems(page, expected, { timeout = TIMEOUTS.wait } = {}) {
  if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await waitForSelector(page, '.markers-panel', { timeout });
  }
  const rows = page.locator('.markers-panel .monaco-list-row');
  let labels = [];
  await waitUntil(async () => {
    labels = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || '')))
      .map(normSpace);
    return expected === undefined ? true : labels.some((l) => matches(l, expected));
  }, { timeout, message: () => `problem ${expected} (rows: ${JSON.stringify(labels)})` });
  return labels;
}

/** Editor hover content (scoped to the editor, so workbench/status-bar hovers do not match). */
export const EDITOR_HOVER = '.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content';

/**
 * Locator for a rendered token in the active editor whose text is exactly `text` (e.g. '"port"').
 * Tokens are the innermost spans of `.view-line` (class mtkN); a line's outer span also contains
 * the text, so do not use `.view-line span` with hasText for mouse targets.
 */
export function token(page, text, { nth = 0 } = {}) {
  return page.locator('.editor-group-container.active .monaco-editor .view-line span[class*="mtk"]')
    .filter({ hasText: new RegExp(`^${String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).nth(nth);
}

/**
 * Shows the hover at the cursor (Ctrl+K Ctrl+I) — or, with `target` (a Locator, or a string =
 * exact token text, see token()), by moving the mouse onto it — and returns the hover's text once
 * it matches `expected` (if given).
 * @param {import('playwright-core').Page} page
 * @param {{ target?: string | import('playwright-core').Locator, expected?: string | RegExp, timeout?: number }} [options]
 */
export async function hover(page, { target, expected, timeout = TIMEOUTS.wait } = {}) {
  const locator = typeof target === 'string' ? token(page, target) : target;
  if (locator) {
    await locator.waitFor({ state: 'visible', timeout });
    const box = await locator.boundingBox();
    if (!box) throw new Error('hover target not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  } else {
    await focusEditor(page);
    await press(page, 'Control+K', 'Control+I');
  }
  return waitForText(page, EDITOR_HOVER, expected ?? /\S/, { timeout });
}

/** A spot with nothing under it: the middle of the status bar (items sit at its two ends). */
async function neutralPoint(page) {
  const box = await page.locator('.part.statusbar').first().boundingBox();
  return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : { x: 700, y: 5 };
}

/**
 * Closes editor/workbench hovers, the suggest widget and the action (quick fix) menu: moves the
 * mouse to a neutral spot, presses Escape, and, if a clicked (sticky) hover such as the language
 * status one is still open, clicks the neutral spot. Waits until none is visible.
 */
export async function dismiss(page, { timeout = TIMEOUTS.wait } = {}) {
  const open = page.locator(
    `${EDITOR_HOVER}, .monaco-hover.workbench-hover, .editor-widget.suggest-widget.visible, .action-widget .monaco-list-row`,
  ).filter({ visible: true });
  const spot = await neutralPoint(page);
  await page.mouse.move(spot.x, spot.y); // a mouse hover comes back while the mouse rests on it
  let tries = 0;
  await waitUntil(async () => {
    if ((await open.count()) === 0) return true;
    if (tries++ % 5 === 0) {
      if (tries % 2) await page.keyboard.press('Escape'); else await page.mouse.click(spot.x, spot.y);
    }
    return false;
  }, { timeout, message: 'hovers/widgets to close' });
}

/**
 * Inserts text at the cursor as one input event (no key events). Editor typing rules still apply:
 * a newline auto-indents and `{`, `[`, `"` may auto-close. Use paste() for verbatim text.
 */
export async function insertText(page, text) {
  await focusEditor(page);
  await page.keyboard.insertText(text);
}

/**
 * Pastes `text` verbatim at the cursor/selection: dispatches a synthetic ClipboardEvent('paste')
 * on the editor's input element (no system clipboard needed, no auto-close/auto-indent).
 */
export async function paste(page, text) {
  await focusEditor(page);
  await page.locator(EDITOR_INPUT).first().evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Replaces the whole content of the active editor (Ctrl+A + paste); waits until it shows. */
export async function setEditorText(page, text, { timeout = TIMEOUTS.wait } = {}) {
  // editorText() only sees rendered lines: compare the first 20 (the view scrolls to the end
  // after a paste, so go to the top first). Select-all + paste is idempotent, so if focus was
  // stolen (e.g. by a closing hover restoring focus) it is simply retried.
  const head = text.split('\n').slice(0, 20).join('\n').replace(/\n$/, '');
  let last = '';
  await waitUntil(async () => {
    await focusEditor(page);
    await page.keyboard.press('Control+A');
    await paste(page, text);
    await page.keyboard.press('Control+Home');
    return waitUntil(async () => (last = await editorText(page)).startsWith(head), { timeout: 2000, message: 'paste shown' });
  }, { timeout, interval: 200, message: () => `editor text replaced (showing ${JSON.stringify(last.slice(0, 200))})` });
}

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.), returns the action titles, and — if `choose`
 * (string/RegExp) is given — selects that action with the arrow keys and applies it with Enter.
 * @param {import('playwright-core').Page} page
 * @param {{ choose?: string | RegExp, timeout?: number }} [options]
 */
export async function quickFix(page, { choose, timeout = TIMEOUTS.wait } = {}) {
  await focusEditor(page);
  await page.keyboard.press('Control+.');
  const rowSel = '.action-widget .monaco-list-row.action';
  await waitForSelector(page, rowSel, { timeout });
  const titles = await texts(page, `${rowSel} .title`);
  if (choose === undefined) return titles;
  const idx = titles.findIndex((t) => matches(t, choose));
  if (idx < 0) throw new Error(`quick fix ${choose} not offered; offered: ${JSON.stringify(titles)}`);
  await waitUntil(async () => {
    const focused = normSpace(await page.locator(`${rowSel}.focused .title`).first().textContent().catch(() => ''));
    if (matches(focused, choose)) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }, { timeout, message: `quick fix ${choose} focused` });
  await page.keyboard.press('Enter');
  await waitForSelector(page, '.action-widget', { state: 'hidden', timeout });
  return titles;
}

/**
 * Triggers completion (Ctrl+Space) and returns the suggestion labels once `expected` (optional)
 * is among them. The widget stays open (Enter accepts the focused item, Escape closes).
 */
export async function completions(page, expected, { timeout = TIMEOUTS.wait } = {}) {
  await focusEditor(page);
  await page.keyboard.press('Control+Space');
  const rowSel = '.editor-widget.suggest-widget.visible .monaco-list-row';
  let labels = [];
  await waitUntil(async () => {
    labels = (await texts(page, `${rowSel} .label-name`));
    return labels.length > 0 && (expected === undefined || labels.some((l) => matches(l, expected)));
  }, { timeout, message: () => `completion ${expected ?? ''} (saw ${JSON.stringify(labels)})` });
  return labels;
}

/**
 * Language status (the `{}` item, `#status.languageStatus`, next to the language mode in the
 * status bar). Its aria-label already lists every item ("Editor Language Status: A, detail, next:
 * B, ..."), see languageStatusLabel(). This clicks it, waits for the hover
 * (`.monaco-hover.workbench-hover .hover-language-status`) and returns its items as
 * { text, detail, severity ('info'|'warning'|'error'), links: [..] } once one matches `expected`
 * (string/RegExp on "text detail", optional). Press Escape to close it.
 */
export async function languageStatus(page, expected, { timeout = TIMEOUTS.wait } = {}) {
  const item = page.locator('#status\\.languageStatus');
  await item.waitFor({ state: 'visible', timeout });
  const rowSel = '.monaco-hover.workbench-hover .hover-language-status';
  let items = [];
  let clicks = 0;
  return waitUntil(async () => {
    if (!(await page.locator(rowSel).first().isVisible().catch(() => false))) {
      if (clicks++ % 10 === 0) await item.click(); // re-click now and then if it got dismissed
      return false;
    }
    items = await page.locator(rowSel).evaluateAll((els) => els.map((el) => {
      const left = el.querySelector('.element .left');
      const sep = left?.querySelector('.separator');
      let text = '', detail = '', after = false;
      for (const n of left ? left.childNodes : []) {
        if (n === sep) { after = true; continue; }
        if (after) detail += n.textContent; else text += n.textContent;
      }
      const sev = (el.querySelector('.severity')?.className.match(/sev(\d)/) || [])[1];
      return {
        text: text.replace(/\u00a0/g, ' ').trim(), detail: detail.replace(/\u00a0/g, ' ').trim(),
        severity: sev === '3' ? 'error' : sev === '2' ? 'warning' : 'info',
        links: [...el.querySelectorAll('.element .right a.monaco-link')].map((a) => a.textContent),
      };
    }));
    return items.length && (expected === undefined || items.some((x) => matches(`${x.text} ${x.detail}`, expected))) ? items : false;
  }, { timeout, interval: 200, message: () => `language status ${expected ?? ''} (saw ${JSON.stringify(items)})` });
}

/** aria-label of the language status item, e.g. "Editor Language Status: X, detail, next: Y, ...". */
export async function languageStatusLabel(page) {
  return normSpace(await page.locator('#status\\.languageStatus').getAttribute('aria-label', { timeout: TIMEOUTS.wait }) || '');
}

// ---------------------------------------------------------------------------------------- artifacts

/** Saves a PNG of the page into test-results/e2e/[subdir/]<name>.png and returns its path. */
export async function screenshot(page, name, { subdir = '', fullPage = false } = {}) {
  const dir = path.join(RESULTS_DIR, subdir);
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${safeName(name)}.png`);
  await page.screenshot({ path: file, fullPage, timeout: 15_000 });
  return file;
}

/**
 * Copies everything useful for diagnosing a failure into test-results/e2e/<subdir>/:
 * a screenshot (if a page is given), the page console, code-server's own log, and the whole
 * user-data-dir logs folder (exthost*.log, output channel logs such as the language client's).
 */
export async function collectArtifacts({ page, consoleLines, server, userDataDir, subdir, label = 'failure' }) {
  const dir = path.join(RESULTS_DIR, subdir || '');
  await fsp.mkdir(dir, { recursive: true });
  const saved = [];
  if (page) {
    try { saved.push(await screenshot(page, label, { subdir })); } catch (e) { saved.push(`(screenshot failed: ${e.message})`); }
  }
  if (consoleLines?.length) {
    const f = path.join(dir, `${label}-browser-console.log`);
    await fsp.writeFile(f, consoleLines.join('\n'));
    saved.push(f);
  }
  if (server?.logFile && fs.existsSync(server.logFile)) {
    const f = path.join(dir, `${label}-code-server.log`);
    await fsp.copyFile(server.logFile, f);
    saved.push(f);
  }
  const logs = userDataDir && path.join(userDataDir, 'logs');
  if (logs && fs.existsSync(logs)) {
    const f = path.join(dir, `${label}-logs`);
    await fsp.cp(logs, f, { recursive: true, force: true });
    saved.push(f);
  }
  return saved;
}

/** Paths of extension-host logs and output-channel logs under `userDataDir/logs`. */
export function findLogs(userDataDir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (e.name.endsWith('.log')) out.push(p);
    }
  };
  const logs = path.join(userDataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return out;
}

/**
 * Polls the logs under `userDataDir/logs` (files whose path matches `file`, default the extension
 * host log) until a line matches `pattern`; returns that line.
 * @param {string} userDataDir
 * @param {RegExp | string} pattern
 * @param {{ file?: RegExp, timeout?: number }} [options]
 * @returns {Promise<string>}
 */
export async function waitForLog(userDataDir, pattern, { file = /exthost\d*[\\/]remoteexthost\.log$/, timeout = TIMEOUTS.wait } = {}) {
  return waitUntil(() => {
    for (const f of findLogs(userDataDir).filter((x) => file.test(x))) {
      const line = fs.readFileSync(f, 'utf8').split('\n').find((l) => matches(l, pattern));
      if (line) return line;
    }
    return undefined;
  }, { timeout, interval: 200, message: `log line ${pattern}` }).then((line) => /** @type {string} */ (line));
}

/**
 * Waits until the extension host activated extension `id` ("publisher.name"); fails fast with
 * the log line if its activation failed.
 */
export async function waitForExtensionActivated(userDataDir, id, { timeout = TIMEOUTS.workbench } = {}) {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = await waitForLog(userDataDir, new RegExp(`_doActivateExtension ${esc}[ ,]|Activating extension '?${esc}'? failed`, 'i'), { timeout });
  if (/failed/i.test(line)) throw new Error(`extension ${id} failed to activate: ${line}`);
  return line;
}

// ----------------------------------------------------------------------------------------- session

/**
 * Starts everything (and empties test-results/e2e/<name>/): fresh dirs, VSIX install (optional: `vsix` may be a path or array of paths),
 * code-server, Chromium, workbench. Returns a session whose helpers are bound to its page:
 *   s.page, s.context, s.browser, s.server, s.dirs, s.console, s.name
 *   s.openFile(rel), s.runCommand(title), s.gotoLine(l, c), s.editorText(), s.save(),
 *   s.insertText(t), s.paste(t), s.setEditorText(t), s.dismiss(), s.token(text)
 *   s.waitFor(sel, opts), s.waitForText(sel, text, opts), s.waitForNoText(sel, text, opts), s.waitUntil(fn, opts)
 *   s.codeLensTexts(), s.squiggleCount(kind), s.problems(expected), s.hover(opts), s.quickFix(opts),
 *   s.completions(expected), s.languageStatus(expected), s.languageStatusLabel(),
 *   s.press(...keys), s.focusEditor()
 *   s.screenshot(name), s.collectArtifacts(label), s.logs(), s.waitForLog(re), s.waitForExtensionActivated(id),
 *   s.close({ keep })
 * @param {{ name?: string, vsix?: string | string[], workspace?: string, settings?: Record<string, unknown>, env?: Record<string, string>, headless?: boolean }} [options]
 * @returns {Promise<any>} the session (see above)
 */
export async function startSession({ name = 'session', vsix, workspace, settings = {}, env = {}, headless } = {}) {
  ensureInstalled();
  if (!workspace || !fs.existsSync(workspace)) throw new Error(`workspace folder not found: ${workspace}`);
  const subdir = safeName(name);
  // Artifacts of a previous run of the same session would be confusing: start clean.
  await fsp.rm(path.join(RESULTS_DIR, subdir), { recursive: true, force: true });
  const dirs = await makeSessionDirs(name);
  const s = { name, subdir, dirs, console: [] };
  try {
    for (const v of /** @type {string[]} */ ([]).concat(vsix || [])) installExtension(v, dirs);
    s.server = await startCodeServer({ workspace, ...dirs, settings, env });
    s.browser = await launchBrowser({ headless });
    const wb = await openWorkbench(s.browser, s.server);
    Object.assign(s, { context: wb.context, page: wb.page, console: wb.console });
  } catch (e) {
    const saved = await collectArtifacts({ page: s.page, consoleLines: s.console, server: s.server, userDataDir: dirs.userDataDir, subdir, label: 'startup-failure' }).catch(() => []);
    await closeSession(s);
    e.message += `\n  e2e artifacts: ${saved.join(', ')}`;
    throw e;
  }
  const p = () => s.page;
  Object.assign(s, {
    openFile: (rel, o) => openFile(p(), rel, { workspace: s.server.workspace, ...o }),
    runCommand: (t, o) => runCommand(p(), t, o),
    gotoLine: (l, c, o) => gotoLine(p(), l, c, o),
    editorText: () => editorText(p()),
    insertText: (t) => insertText(p(), t),
    paste: (t) => paste(p(), t),
    setEditorText: (t, o) => setEditorText(p(), t, o),
    dismiss: (o) => dismiss(p(), o),
    save: (o) => save(p(), o),
    waitFor: (sel, o) => waitForSelector(p(), sel, o),
    waitForText: (sel, t, o) => waitForText(p(), sel, t, o),
    waitForNoText: (sel, t, o) => waitForNoText(p(), sel, t, o),
    waitUntil: (fn, o) => waitUntil(fn, o),
    texts: (sel) => texts(p(), sel),
    token: (t, o) => token(p(), t, o),
    codeLensTexts: () => codeLensTexts(p()),
    squiggleCount: (k) => squiggleCount(p(), k),
    problems: (e, o) => problems(p(), e, o),
    hover: (o) => hover(p(), o),
    quickFix: (o) => quickFix(p(), o),
    completions: (e, o) => completions(p(), e, o),
    languageStatus: (e, o) => languageStatus(p(), e, o),
    languageStatusLabel: () => languageStatusLabel(p()),
    press: (...k) => press(p(), ...k),
    focusEditor: () => focusEditor(p()),
    screenshot: (n, o) => screenshot(p(), n, { subdir, ...o }),
    collectArtifacts: (label) => collectArtifacts({ page: p(), consoleLines: s.console, server: s.server, userDataDir: dirs.userDataDir, subdir, label }),
    logs: () => findLogs(dirs.userDataDir),
    waitForLog: (pat, o) => waitForLog(dirs.userDataDir, pat, o),
    waitForExtensionActivated: (id, o) => waitForExtensionActivated(dirs.userDataDir, id, o),
    close: (o) => closeSession(s, o),
  });
  return s;
}

/** Closes browser, stops code-server (process group), removes temp dirs unless keep/E2E_KEEP=1. */
export async function closeSession(s, { keep = process.env.E2E_KEEP === '1' } = {}) {
  if (s.closed) return;
  s.closed = true;
  if (s.browser) {
    let t;
    await Promise.race([s.browser.close().catch(() => {}), new Promise((r) => { t = setTimeout(r, TIMEOUTS.shutdown); })]);
    clearTimeout(t);
  }
  if (s.server) await s.server.stop();
  if (!keep && s.dirs?.baseDir) await fsp.rm(s.dirs.baseDir, { recursive: true, force: true }).catch(() => {});
}

/**
 * Runs `fn(session)`; on failure collects artifacts (screenshot + logs) into
 * test-results/e2e/<name>/ and rethrows; always shuts down.
 */
export async function withSession(opts, fn) {
  const s = await startSession(opts);
  try {
    return await fn(s);
  } catch (e) {
    const saved = await s.collectArtifacts('failure').catch((err) => [`(artifact collection failed: ${err.message})`]);
    e.message += `\n  e2e artifacts: ${saved.join(', ')}`;
    throw e;
  } finally {
    await s.close();
  }
}
