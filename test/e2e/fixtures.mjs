// @ts-check
// Workspace and helpers shared by the e2e tests (test/e2e/*.e2e.test.mjs).
//
// createWorkspace(dir) writes a small Centrifugo workspace with certificates made by openssl at
// run time, so their dates are relative to today: a CA, a server certificate valid for 90 days
// and one that expires in 10 days. test/e2e/run.mjs creates it once in a temp dir and passes it
// to the tests as E2E_WORKSPACE (a test file run on its own creates its own).
//
// Layout:
//   config.json              v6: http_server.tls (healthy), grpc_api.tls (expiring), uni_grpc.tls (missing files)
//   v5/config.json           v5: tls_cert that does not exist, proxy_grpc_tls with cert_pem_file + cert_pem
//   pasted/config.json       v6: http_server.tls.cert_pem holding PEM text (for "Convert PEM to base64")
//   empty-tls/config.json    v6: http_server with an empty "tls": {} (completion)
//   yaml/config.yaml         v6 in YAML: http_server.tls (healthy), uni_grpc.tls (missing files)
//   certs/*.crt, certs/*.key
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const EXTENSION_ID = 'centrifugo-config.centrifugo-config';
export const DAY = 24 * 60 * 60 * 1000;

export const SERVER_CN = 'realtime.e2e.test';
export const EXPIRING_CN = 'grpc.e2e.test';

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A P-256 key and a certificate for `cn` signed by certs/ca.crt, valid from now for `days`. */
function issue(certs, name, cn, days, usage = 'serverAuth') {
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/O=Centrifugo Config E2E/CN=${cn}`], certs);
  fs.writeFileSync(path.join(certs, `${name}.ext`),
    `subjectAltName=DNS:${cn}\nextendedKeyUsage=${usage}\nkeyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\n`);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${Date.now().toString(16)}${name.length}`,
    '-days', String(days), '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`], certs);
  fs.rmSync(path.join(certs, `${name}.csr`));
  fs.rmSync(path.join(certs, `${name}.ext`));
}

function json(value) { return `${JSON.stringify(value, null, 2)}\n`; }

/** Writes the workspace into `dir` (created if needed). Returns facts the tests check against. */
export function createWorkspace(dir) {
  const certs = path.join(dir, 'certs');
  fs.mkdirSync(certs, { recursive: true });
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt',
    '-days', '3650', '-sha256', '-subj', '/O=Centrifugo Config E2E/CN=Centrifugo Config E2E CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], certs);
  issue(certs, 'server', SERVER_CN, 90);
  issue(certs, 'expiring', EXPIRING_CN, 10);
  issue(certs, 'client', 'app-client.e2e.test', 365, 'clientAuth');
  const serverPem = fs.readFileSync(path.join(certs, 'server.crt'), 'utf8');

  fs.writeFileSync(path.join(dir, 'config.json'), json({
    log: { level: 'info' },
    http_server: {
      port: 8443,
      tls: { enabled: true, cert_pem: 'certs/server.crt', key_pem: 'certs/server.key' },
    },
    grpc_api: {
      enabled: true,
      port: 10000,
      tls: { enabled: true, cert_pem: 'certs/expiring.crt', key_pem: 'certs/expiring.key', client_ca_pem: 'certs/ca.crt' },
    },
    uni_grpc: {
      enabled: true,
      port: 11000,
      tls: { enabled: true, cert_pem: 'certs/uni-grpc.crt', key_pem: 'certs/uni-grpc.key' },
    },
    client: { allowed_origins: ['https://app.example.com'], token: { hmac_secret_key: 'e2e-secret' } },
  }));

  fs.mkdirSync(path.join(dir, 'v5'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'v5', 'config.json'), json({
    port: 8443,
    api_key: 'e2e-api-key',
    token_hmac_secret_key: 'e2e-secret',
    tls: true,
    tls_cert: '../certs/missing-server.crt',
    tls_key: '../certs/server.key',
    proxy_connect_endpoint: 'grpc://app.internal:10001',
    proxy_grpc_tls: {
      enabled: true,
      cert_pem_file: '../certs/client.crt',
      key_pem_file: '../certs/client.key',
      cert_pem: serverPem,
      server_ca_pem_file: '../certs/ca.crt',
    },
  }));

  fs.mkdirSync(path.join(dir, 'pasted'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pasted', 'config.json'), json({
    http_server: {
      port: 8443,
      tls: { enabled: true, cert_pem: serverPem, key_pem: '../certs/server.key' },
    },
  }));

  fs.mkdirSync(path.join(dir, 'yaml'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'yaml', 'config.yaml'), [
    '# A v6 config written in YAML',
    'http_server:',
    '  port: 8443',
    '  tls:',
    '    enabled: true',
    '    cert_pem: ../certs/server.crt',
    '    key_pem: ../certs/server.key',
    'uni_grpc:',
    '  enabled: true',
    '  tls:',
    '    enabled: true',
    '    cert_pem: ../certs/uni-grpc.crt',
    '    key_pem: ../certs/uni-grpc.key',
    '',
  ].join('\n'));

  fs.mkdirSync(path.join(dir, 'empty-tls'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'empty-tls', 'config.json'), '{\n  "http_server": {\n    "port": 8443,\n    "tls": {}\n  }\n}\n');

  return workspaceFacts(dir);
}

/** What the tests expect, read back from the certificates in `dir`. */
export function workspaceFacts(dir) {
  const cert = (name) => new X509Certificate(fs.readFileSync(path.join(dir, 'certs', `${name}.crt`)));
  const describe = (name) => {
    const c = cert(name);
    const notAfter = new Date(c.validTo);
    return {
      notAfter,
      date: notAfter.toISOString().slice(0, 10),
      fingerprint256: c.fingerprint256, // AA:BB:...
      subject: c.subject,
      issuer: c.issuer,
      pem: fs.readFileSync(path.join(dir, 'certs', `${name}.crt`), 'utf8'),
    };
  };
  return { dir, server: describe('server'), expiring: describe('expiring'), ca: describe('ca') };
}

/** The workspace given by run.mjs (E2E_WORKSPACE), or a fresh one for a test file run on its own. */
export function workspace() {
  const given = process.env.E2E_WORKSPACE;
  if (given && fs.existsSync(path.join(given, 'config.json'))) return workspaceFacts(given);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccfg-e2e-ws-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return createWorkspace(dir);
}

/** The VSIX under test: E2E_VSIX (run.mjs), else the newest centrifugo-config-*.vsix in the repository root. */
export function vsixPath() {
  const given = process.env.E2E_VSIX;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`E2E_VSIX=${given} does not exist`);
    return given;
  }
  const found = fs.readdirSync(ROOT).filter((f) => /^centrifugo-config-.*\.vsix$/.test(f))
    .map((f) => path.join(ROOT, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!found.length) throw new Error('no VSIX: run `npm run test:e2e` (or `npm run package` first)');
  return found[0];
}

/** "Expires in N days" counts whole days; allow the two neighbours of the exact count (rounding, midnight). */
export function expiryDayCounts(notAfter, now = new Date()) {
  const exact = (notAfter.getTime() - now.getTime()) / DAY;
  return [Math.floor(exact) - 1, Math.floor(exact), Math.ceil(exact)].filter((n, i, a) => a.indexOf(n) === i);
}

/** RegExp for the lens `Expires in N days · YYYY-MM-DD · CN=...` (an optional `file · ` style prefix allowed). */
export function expiryLensPattern(facts, cn) {
  const days = expiryDayCounts(facts.notAfter).join('|');
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|· )Expires in (${days}) days · ${esc(facts.date)} · CN=${esc(cn)}`);
}


/**
 * The LSP capabilities the packaged server (dist/server.js, built with the VSIX) announces, from
 * an `initialize` over stdio. Used to tell "feature not landed" from "feature broken".
 */
export async function serverCapabilities(serverJs = path.join(ROOT, 'dist', 'server.js'), { timeout = 15_000 } = {}) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize answer from ${serverJs} in ${timeout} ms`)), timeout);
      let buf = Buffer.alloc(0);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`${serverJs} exited (${code}) before answering initialize`)));
      child.stdout.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          const headerEnd = buf.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, headerEnd).toString())?.[1]);
          if (buf.length < headerEnd + 4 + len) return;
          const msg = JSON.parse(buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString());
          buf = buf.subarray(headerEnd + 4 + len);
          if (msg.id === 1) { clearTimeout(timer); resolve(msg.result?.capabilities ?? {}); }
        }
      });
      send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null } });
    });
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * Features that other engineers were building while these tests were written, and the LSP
 * capability that shows each has landed. When such a step fails and the packaged server does not
 * announce the capability, the failure says so ("not landed") instead of looking like a bug.
 * The step still fails: a capability that disappears later is a regression, not a TODO.
 */
const FEATURE_CAPABILITY = {
  codelens: ['codeLensProvider', 'CodeLens'],
  'pem-lens': ['codeLensProvider', 'CodeLens on PEM documents'],
  'code-actions': ['codeActionProvider', 'code actions (quick fixes, light bulb)'],
};

let capabilitiesPromise;
/** The packaged server's capabilities (cached). */
export function packagedCapabilities() {
  capabilitiesPromise ??= serverCapabilities();
  return capabilitiesPromise;
}

/** `undefined` when the server announces what `feature` needs, else why it cannot work yet. */
export async function notLanded(feature) {
  const entry = FEATURE_CAPABILITY[feature];
  if (!entry) return undefined;
  const caps = await packagedCapabilities().catch(() => ({}));
  return caps[entry[0]] ? undefined : `NOT LANDED: the packaged server announces no ${entry[0]}, so ${entry[1]} cannot show`;
}

/** Waits until no hover/suggest/action widget is mid-animation, so a screenshot shows it fully drawn. */
export async function settled(s) {
  await s.waitUntil(() => s.page.evaluate(() => [...document.querySelectorAll('.monaco-hover, .suggest-widget, .action-widget')]
    .every((el) => el.getAnimations({ subtree: true }).every((a) => a.playState !== 'running')
      && Number(getComputedStyle(el).opacity || 1) >= 1)), { message: 'widgets to finish animating' });
}

/** Screenshot after widgets have settled. */
export async function shot(s, name, opts) {
  await settled(s);
  return s.screenshot(name, opts);
}

/**
 * Problem rows (Problems panel, Ctrl+Shift+M) as rendered text: "message source code [Ln, Col]".
 * The aria-label that harness.problems() returns has no diagnostic code, the rendered row does.
 * Waits until `predicate(rows)` holds.
 */
export async function problemRows(s, predicate, message = 'problem rows') {
  await s.problems();
  let rows = [];
  await s.waitUntil(async () => {
    rows = (await s.texts('.markers-panel .monaco-list-row')).map((t) => t.trim());
    return predicate(rows);
  }, { message: () => `${message} (rows: ${JSON.stringify(rows)})` });
  return rows;
}

/**
 * One code-server session shared by the steps of a test file (starting one costs ~10 s):
 *
 *   e2eSuite('certificates', {}, ({ step }) => {
 *     step('lens shows expiry', {}, async (s) => { ... });
 *     step('code actions', { feature: 'code-actions' }, async (s) => { ... });
 *   });
 *
 * Each step starts by closing any hover/widget left open, and on failure saves a screenshot and
 * the logs into test-results/e2e/<suite>/<step>-failure*. Steps run in order; a failed step does
 * not stop the next ones. `feature` names what the step needs from the server, so that a failure
 * can say when that feature has not landed (see notLanded()).
 */
export async function e2eSuite(name, { settings = {}, timeout = 6 * 60_000 } = {}, define) {
  const { describe, it, before, after } = await import('node:test');
  const { startSession, safeName } = await import('./harness.mjs');
  const facts = workspace();
  const vsix = vsixPath();
  const steps = [];
  define({ facts, step: (title, opts, fn) => steps.push({ title, opts, fn }) });

  describe(name, { timeout }, () => {
    let s;
    before(async () => {
      s = await startSession({ name, vsix, workspace: facts.dir, settings });
    });
    after(async () => { await s?.close(); });
    for (const st of steps) {
      it(st.title, { timeout: st.opts.timeout ?? 120_000 }, async () => {
        if (!s) throw new Error('no session (startup failed, see the first error)');
        try {
          await s.dismiss();
          await st.fn(s);
        } catch (e) {
          const saved = await s.collectArtifacts(`${safeName(st.title)}-failure`).catch((err) => [`(artifacts failed: ${err.message})`]);
          const why = st.opts.feature ? await notLanded(st.opts.feature) : undefined;
          e.message += `\n  e2e artifacts: ${saved.join(', ')}${why ? `\n  ${why}` : ''}`;
          throw e;
        }
      });
    }
  });
}
