// @ts-check
// Which files the extension serves, and what the Problems panel shows for them, in a real VS Code:
//   - a folder that holds only deploy/prod.json and the `centrifugo.files` setting: the file is
//     served (the expiry lens shows) although no config.json is anywhere;
//   - a config.json with a comment and trailing commas: one Problems entry per spot (ours, saying
//     how Centrifugo's strict reader reacts), none from VS Code's own JSON support, which still
//     reports the same mistakes in other JSON files.
// Run with `npm run test:e2e` (or alone: `node --test test/e2e/files.e2e.test.mjs`).
// @ts-check
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXTENSION_ID, expiryLensPattern, problemRows, shot, vsixPath } from './fixtures.mjs';
import { safeName, startSession } from './harness.mjs';

const CN = 'listed.e2e.test';
const DAYS = 45;

/** A folder with deploy/prod.json (certificate and key inline) and .vscode/settings.json, nothing else. */
function listedOnlyWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccfg-e2e-listed-'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ccfg-e2e-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', 'key.pem', '-out', 'cert.pem', '-days', String(DAYS), '-sha256', '-subj', `/CN=${CN}`,
    '-addext', `subjectAltName=DNS:${CN}`], { cwd: scratch, stdio: 'pipe' });
  const cert = fs.readFileSync(path.join(scratch, 'cert.pem'), 'utf8');
  const key = fs.readFileSync(path.join(scratch, 'key.pem'), 'utf8');
  const notAfter = new Date(execFileSync('openssl', ['x509', '-noout', '-enddate', '-in', 'cert.pem'], { cwd: scratch, encoding: 'utf8' })
    .replace(/^notAfter=/, '').trim());
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'deploy'));
  fs.writeFileSync(path.join(dir, 'deploy', 'prod.json'), `${JSON.stringify({
    http_server: { port: 8443, tls: { enabled: true, cert_pem: cert, key_pem: key } },
  }, null, 2)}\n`);
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'centrifugo.files': ['deploy/*.json'] }, null, 2)}\n`);
  return { dir, facts: { notAfter, date: notAfter.toISOString().slice(0, 10) } };
}

/** A folder with a config.json that has a comment and two trailing commas, and another JSON file with the same. */
function strictJsonWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccfg-e2e-strict-'));
  const text = '{\n  // local development settings\n  "http_server": {\n    "port": 8000,\n  },\n}\n';
  fs.writeFileSync(path.join(dir, 'config.json'), text);
  fs.mkdirSync(path.join(dir, 'notes'));
  fs.writeFileSync(path.join(dir, 'notes', 'other.json'), text);
  return dir;
}

/** One session per workspace; failures keep screenshots and logs under test-results/e2e/<name>/. */
function sessionSuite(name, workspace, define) {
  describe(name, { timeout: 6 * 60_000 }, () => {
    /** @type {any} */
    let s;
    before(async () => { s = await startSession({ name, vsix: vsixPath(), workspace: workspace() }); });
    after(async () => { await s?.close(); });
    define((title, fn) => it(title, { timeout: 120_000 }, async () => {
      if (!s) throw new Error('no session (startup failed, see the first error)');
      try {
        await fn(s);
      } catch (e) {
        const saved = await s.collectArtifacts(`${safeName(title)}-failure`).catch(() => []);
        if (e instanceof Error) e.message += `\n  e2e artifacts: ${saved.join(', ')}`;
        throw e;
      }
    }));
  });
}

const listed = listedOnlyWorkspace();
const strict = strictJsonWorkspace();
process.on('exit', () => {
  for (const dir of [listed.dir, strict]) fs.rmSync(dir, { recursive: true, force: true });
});

sessionSuite('files-listed', () => listed.dir, (step) => {
  step('a folder with only deploy/prod.json listed in centrifugo.files: the file is served, the lens shows', async (s) => {
    await s.openFile('deploy/prod.json');
    await s.waitForExtensionActivated(EXTENSION_ID);
    const pattern = expiryLensPattern(listed.facts, CN);
    /** @type {string[]} */
    let seen = [];
    await s.waitUntil(async () => (seen = await s.codeLensTexts()).some((t) => pattern.test(t)),
      { message: () => `expiry lens matching ${pattern} (lenses: ${JSON.stringify(seen)})` });
    await shot(s, '01-listed-file-lens');
  });
});

sessionSuite('files-strict-json', () => strict, (step) => {
  step('Problems panel: one entry per comment and trailing comma, ours; the built-in JSON support still reports other files', async (s) => {
    await s.openFile('config.json');
    await s.waitForExtensionActivated(EXTENSION_ID);
    await s.openFile('notes/other.json');
    // The built-in JSON validator has run once it reports the control file (not a Centrifugo config).
    const rows = await problemRows(s, (r) => r.some((t) => /Comments are not permitted in JSON/.test(t))
      && r.filter((t) => /centrifugo\s*json-(comment|trailing-comma)/.test(t)).length === 3,
    'our three findings in config.json and the built-in report of notes/other.json');
    const ours = rows.filter((t) => /centrifugo\s*json-(comment|trailing-comma)/.test(t));
    assert.match(ours[0], /^Comments are not JSON: Centrifugo reads its config as strict JSON.*json-comment\s*\[Ln 2, Col 3\]$/);
    assert.match(ours[1], /^Trailing comma: Centrifugo .*json-trailing-comma\s*\[Ln 4, Col 17\]$/);
    assert.match(ours[2], /^Trailing comma: Centrifugo .*json-trailing-comma\s*\[Ln 5, Col 4\]$/);
    // Built-in entries are the control file's only: 1 comment + 2 trailing commas, at the same spots.
    const builtIn = rows.filter((t) => /Comments are not permitted in JSON|Trailing comma\s*json/.test(t));
    assert.equal(builtIn.length, 3, JSON.stringify(rows));
    await shot(s, '02-problems-one-entry-per-spot');
  });
});
