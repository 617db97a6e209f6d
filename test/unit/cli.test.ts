/**
 * The headless checker as users and CI run it: the BUILT dist/cli.js in a child process (run
 * `npm run build` first), on configs and certificate files written to a temporary folder. Each
 * test asserts what a user sees: stdout, stderr and the exit code.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parseArguments, parseInstant } from '../../server/src/cli/args';
import { type CertificateReport, certificatesOf } from '../../server/src/cli/certificates';
import type { FileReport } from '../../server/src/cli/check';
import { formatJson } from '../../server/src/cli/json';
import { errorText } from '../../server/src/cli/main';
import { formatText, useColor } from '../../server/src/cli/text';
import { createLanguageService, type ServiceRequest } from '../../server/src/service';
import { CODES } from '../../server/src/service/catalog/codes';
import { createNodeEnvironment } from '../../server/src/nodeEnvironment';
import { createCertificate, daysFrom, generateKey } from '../helpers/certFactory';

// Compiled to out/test/unit: the repository is three folders up.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SARIF_SCHEMA = path.join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0-rtm.5.json');
const NOW = '2026-06-01T12:00:00Z';
/** Generous: the runner may start many processes at once on a small machine. Only a hang should reach it. */
const KILL_AFTER_MS = 15_000;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

function runCli(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? work,
      env: options.env ?? { ...process.env, NO_COLOR: undefined },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+\)?\n/, `no stack trace expected:\n${text}`);
  assert.doesNotMatch(text, /internal error/);
}

/** The summary is the last line; other lines may list hints or certificates as the service grows. */
function assertCleanSummary(stdout: string, summary: string): void {
  assert.ok(stdout.endsWith(`${summary}\n`), `expected the summary "${summary}":\n${stdout}`);
  assert.doesNotMatch(stdout, /^\S+:\d+:\d+: (error|warning) /m, 'no error or warning lines');
}

function parseJson<T = unknown>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    assert.fail(`stdout is not JSON (${String(error)}):\n${text}`);
  }
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  path: string | null;
}
interface JsonOutput {
  files: { file: string; centrifugoVersion: string; diagnostics: JsonDiagnostic[]; certificates: unknown[] }[];
}

let work: string;
let validateSarif: ((data: unknown) => boolean) & { errors?: unknown };

/** A config Centrifugo v6 accepts, with a real certificate and its key next to it. */
const GOOD_V6 = `{
  "http_server": {
    "port": 8443,
    "tls": {
      "enabled": true,
      "cert_pem": "certs/server.crt",
      "key_pem": "certs/server.key"
    }
  },
  "client": { "allowed_origins": ["https://app.example.com"] }
}
`;

/** Missing comma after `8000`: the parser stops at `"address"` on the fourth line, fifth column. */
const BROKEN = `{
  "http_server": {
    "port": 8000
    "address": "0.0.0.0"
  }
}
`;

/** Flat v5 keys naming files relative to wherever relative paths are resolved. */
const RELATIVE_V5 = `{
  "port": 8443,
  "tls": true,
  "tls_cert": "certs/server.crt",
  "tls_key": "certs/server.key"
}
`;

const NOT_CENTRIFUGO = `{ "name": "some-app", "version": "1.0.0", "scripts": { "start": "node ." }, "dependencies": {} }\n`;

function write(relative: string, text: string): string {
  const file = path.join(work, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

before(async () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the tests`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-cli-'));
  const now = new Date(NOW);
  const ca = await createCertificate({ subject: 'O=Test, CN=Test CA', ca: true, notBefore: daysFrom(now, -30), notAfter: daysFrom(now, 3650) });
  const key = await generateKey({ kind: 'ec', curve: 'P-256' });
  const server = await createCertificate({
    subject: 'CN=localhost', key, issuer: ca, ca: false, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'],
    notBefore: daysFrom(now, -1), notAfter: daysFrom(now, 365),
  });
  for (const dir of ['good', 'relative', '.']) {
    write(`${dir}/certs/server.crt`, server.pem);
    write(`${dir}/certs/server.key`, key.pem);
    write(`${dir}/certs/ca.crt`, ca.pem);
  }
  write('good/config.json', GOOD_V6);
  write('relative/config.json', RELATIVE_V5);
  write('elsewhere/README', 'no certificates here\n');
  write('broken.json', BROKEN);
  write('package.json', NOT_CENTRIFUGO);
  write('-odd name.json', GOOD_V6);

  // Ajv compiles the SARIF schema once; it is draft-04 (hence ajv-draft-04), and one of its
  // patterns is not valid with the `u` flag, hence unicodeRegExp: false.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  validateSarif = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('checker: help, version and usage errors', () => {
  it('prints usage for --help and exits 0', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: centrifugo-config check \[options\] FILE\.\.\./);
    for (const option of ['--format', '--now', '--centrifugo-version', '--base-dir', '--expiry-warning-days']) {
      assert.ok(run.stdout.includes(option), `help mentions ${option}`);
    }
    assert.equal(run.stderr, '');
  });

  it('prints the package version for --version', async () => {
    const run = await runCli(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `centrifugo-config ${PACKAGE_VERSION}\n`);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['no arguments', [], /no command given/],
    ['an unknown command', ['lint', 'config.json'], /unknown command 'lint'/],
    ['options before the command', ['--format', 'json', 'check', 'x.json'], /expected the command 'check'/],
    ['an unknown option', ['check', '--fromat', 'json', 'good/config.json'], /unknown option '--fromat'/],
    ['a bad --format', ['check', '--format', 'xml', 'good/config.json'], /--format must be one of text, json, sarif; got 'xml'/],
    ['a --now that is not ISO-8601', ['check', '--now', 'yesterday', 'good/config.json'], /--now must be an ISO-8601/],
    ['an impossible --now date', ['check', '--now', '2026-02-31', 'good/config.json'], /--now must be an ISO-8601/],
    ['a bad --centrifugo-version', ['check', '--centrifugo-version', 'v4', 'good/config.json'], /--centrifugo-version must be one of auto, v5, v6/],
    ['a negative --expiry-warning-days', ['check', '--expiry-warning-days', '-3', 'good/config.json'], /--expiry-warning-days must be a whole number/],
    ['an option without its value', ['check', 'good/config.json', '--format'], /option '--format' needs a value/],
    ['no FILE', ['check', '--format', 'json'], /no FILE given/],
    ['stdin named twice', ['check', '-', '-'], /standard input \(-\) can be named only once/],
    ['a --base-dir that does not exist', ['check', '--base-dir', 'no-such-dir', 'good/config.json'], /--base-dir no-such-dir: no such directory/],
    ['a --base-dir that is a file', ['check', '--base-dir', 'broken.json', 'good/config.json'], /--base-dir broken.json: not a directory/],
  ];
  for (const [name, args, message] of usageErrors) {
    it(`exits 2 with a message for ${name}`, async () => {
      const run = await runCli(args);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /^centrifugo-config: /);
      assert.equal(run.stdout, '', 'nothing on stdout for a usage error');
      assertNoStack(run.stderr);
    });
  }
});

describe('checker: text output', () => {
  it('reports a clean config with exit 0 and a summary', async () => {
    const run = await runCli(['check', '--now', NOW, 'good/config.json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assertCleanSummary(run.stdout, '0 errors, 0 warnings in 1 file');
    assert.equal(run.stderr, '');
  });

  it('reports broken JSON as a json-syntax error at a 1-based line:col, exit 1', async () => {
    const run = await runCli(['check', 'broken.json']);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^broken\.json:4:5: error json-syntax \S.*$/);
    assert.equal(lines[lines.length - 1], '1 error, 0 warnings in 1 file');
    assert.equal(run.stderr, '');
  });

  it('prints no colour codes when stdout is not a terminal', async () => {
    const run = await runCli(['check', 'broken.json']);
    assert.doesNotMatch(run.stdout, /\u001b\[/);
  });

  it('checks a file named on the command line even when it does not look like a Centrifugo config, and says so', async () => {
    const run = await runCli(['check', 'package.json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^package\.json: note: not a Centrifugo config by its content \(\d+ of \d+ top-level keys are Centrifugo options\); checked anyway because it was named on the command line$/m);
    assert.match(run.stdout, /0 errors, 0 warnings in 1 file\n$/);
  });

  it('reads a file whose name starts with - after --', async () => {
    const run = await runCli(['check', '--now', NOW, '--', '-odd name.json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assertCleanSummary(run.stdout, '0 errors, 0 warnings in 1 file');
  });
});

describe('checker: JSON output', () => {
  it('prints the contract shape with 0-based ranges and exits 1 on errors', async () => {
    const run = await runCli(['check', '--format', 'json', 'broken.json']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const output = parseJson<JsonOutput>(run.stdout);
    assert.deepEqual(Object.keys(output), ['files']);
    assert.equal(output.files.length, 1);
    const [file] = output.files;
    assert.deepEqual(Object.keys(file), ['file', 'centrifugoVersion', 'diagnostics', 'certificates']);
    assert.equal(file.file, 'broken.json');
    assert.equal(file.centrifugoVersion, 'v6');
    assert.deepEqual(file.certificates, []);
    const syntax = file.diagnostics.find((d) => d.code === 'json-syntax');
    assert.ok(syntax, JSON.stringify(file.diagnostics));
    assert.deepEqual(Object.keys(syntax), ['code', 'severity', 'message', 'range', 'path']);
    assert.equal(syntax.severity, 'error');
    assert.deepEqual(syntax.range.start, { line: 3, character: 4 });
    assert.equal(syntax.path, null, 'a syntax error is about no setting');
    assert.ok(syntax.message.length > 0);
  });

  it('follows --centrifugo-version and accepts --option=value', async () => {
    const run = await runCli(['check', '--format=json', '--centrifugo-version=v5', '--now', NOW, 'good/config.json']);
    const output = parseJson<JsonOutput>(run.stdout);
    assert.equal(output.files[0].centrifugoVersion, 'v5');
  });

  it('detects the version from the keys by default', async () => {
    const run = await runCli(['check', '--format', 'json', '--now', NOW, 'good/config.json', 'relative/config.json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const output = parseJson<JsonOutput>(run.stdout);
    assert.deepEqual(output.files.map((f) => [f.file, f.centrifugoVersion]), [['good/config.json', 'v6'], ['relative/config.json', 'v5']]);
  });
});

describe('checker: SARIF output', () => {
  it('is valid SARIF 2.1.0 with rules from the code catalog and 1-based regions relative to %SRCROOT%', async () => {
    const run = await runCli(['check', '--format', 'sarif', 'broken.json', 'good/config.json']);
    assert.equal(run.code, 1, run.stderr);
    const sarif = parseJson<any>(run.stdout);
    assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 2));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const [runLog] = sarif.runs;
    const driver = runLog.tool.driver;
    assert.equal(driver.name, 'centrifugo-config');
    assert.equal(driver.version, PACKAGE_VERSION);
    assert.match(driver.informationUri, /^https?:\/\//);
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), Object.keys(CODES));
    const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    for (const rule of driver.rules) {
      const info = CODES[rule.id as keyof typeof CODES];
      assert.equal(rule.shortDescription.text, info.help);
      assert.equal(rule.fullDescription.text, info.help);
      assert.equal(rule.help.text, info.help);
      assert.equal(rule.defaultConfiguration.level, levels[info.severity]);
    }
    const result = runLog.results.find((r: { ruleId: string }) => r.ruleId === 'json-syntax');
    assert.ok(result, JSON.stringify(runLog.results));
    assert.equal(result.level, 'error');
    assert.equal(driver.rules[result.ruleIndex].id, 'json-syntax');
    assert.ok(result.message.text.length > 0);
    const physical = result.locations[0].physicalLocation;
    assert.deepEqual(physical.artifactLocation, { uri: 'broken.json', uriBaseId: '%SRCROOT%' });
    assert.equal(physical.region.startLine, 4);
    assert.equal(physical.region.startColumn, 5);
    assert.ok(physical.region.endLine >= physical.region.startLine);
    assert.equal(runLog.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(fs.realpathSync(work)).href}/`);
    assert.equal(runLog.invocations[0].executionSuccessful, true);
  });

  it('uses a file URI for a config outside the working directory', async () => {
    const run = await runCli(['check', '--format', 'sarif', path.join(work, 'broken.json')], { cwd: path.join(work, 'elsewhere') });
    const sarif = parseJson<any>(run.stdout);
    assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 2));
    const location = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(location.uriBaseId, undefined);
    assert.equal(location.uri, pathToFileURL(path.join(work, 'broken.json')).href);
  });

  it('stays valid SARIF and tells which input it could not read (exit 2)', async () => {
    const run = await runCli(['check', '--format', 'sarif', 'missing.json', 'broken.json']);
    assert.equal(run.code, 2);
    const sarif = parseJson<any>(run.stdout);
    assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 2));
    const invocation = sarif.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications[0].message.text, /cannot read missing\.json: no such file/);
    assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'json-syntax'), 'the readable file is still reported');
  });
});

describe('checker: inputs it cannot read', () => {
  it('exits 2 for a missing file with a message and no stack trace, and still reports the other files', async () => {
    const run = await runCli(['check', '--format', 'json', 'missing.json', 'broken.json']);
    assert.equal(run.code, 2, 'unreadable input outranks errors found');
    assert.equal(run.stderr, 'centrifugo-config: cannot read missing.json: no such file\n');
    const output = parseJson<JsonOutput>(run.stdout);
    assert.deepEqual(output.files.map((f) => f.file), ['broken.json']);
  });

  it('exits 2 for a missing file in text output and counts it in the summary', async () => {
    const run = await runCli(['check', '--now', NOW, 'good/config.json', 'missing.json']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot read missing\.json: no such file/);
    assertNoStack(run.stderr);
    assertCleanSummary(run.stdout, '0 errors, 0 warnings in 2 files (1 could not be read)');
  });

  it('exits 2 for a directory', async () => {
    const run = await runCli(['check', 'good']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'centrifugo-config: cannot read good: it is a directory, not a config file\n');
  });

  it('refuses a FIFO at once instead of waiting for a writer', async (t) => {
    const fifo = path.join(work, 'config.fifo');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.error || made.status !== 0) {
      t.skip(`mkfifo is not available here: ${made.error?.message ?? made.stderr.toString()}`);
      return;
    }
    try {
      const baseline = await runCli(['check', '--now', NOW, 'good/config.json']);
      const run = await runCli(['check', 'config.fifo']);
      assert.equal(run.signal, null, 'the checker hung on the FIFO and was killed');
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot read config\.fifo: not a regular file \(a FIFO, socket or device\)/);
      assertNoStack(run.stderr);
      // Compared with an ordinary run so a busy machine's start-up time does not count.
      assert.ok(run.elapsedMs < baseline.elapsedMs + 1000, `took ${run.elapsedMs} ms (an ordinary run: ${baseline.elapsedMs} ms)`);
    } finally {
      fs.rmSync(fifo, { force: true });
    }
  });

  it('exits 2 for a file it may not read', async (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root: root reads a chmod 000 file anyway, so permission denied cannot happen here');
      return;
    }
    const locked = write('locked.json', GOOD_V6);
    fs.chmodSync(locked, 0o000);
    try {
      const run = await runCli(['check', 'locked.json']);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'centrifugo-config: cannot read locked.json: permission denied\n');
    } finally {
      fs.chmodSync(locked, 0o644);
    }
  });
});

describe('checker: standard input and several files', () => {
  it('reads the config from standard input for -', async () => {
    const run = await runCli(['check', '--format', 'json', '-'], { input: BROKEN });
    assert.equal(run.code, 1, run.stderr);
    const output = parseJson<JsonOutput>(run.stdout);
    assert.equal(output.files[0].file, '<stdin>');
    assert.deepEqual(output.files[0].diagnostics.map((d) => d.code), ['json-syntax']);
  });

  it('names standard input <stdin> in text output, between files, in the order given', async () => {
    const run = await runCli(['check', '--now', NOW, 'good/config.json', '-', 'broken.json'], { input: BROKEN });
    assert.equal(run.code, 1);
    const problems = run.stdout.split('\n').filter((line) => / error json-syntax /.test(line));
    assert.deepEqual(problems.map((line) => line.split(':')[0]), ['<stdin>', 'broken.json']);
    assert.match(run.stdout, /2 errors, 0 warnings in 3 files\n$/);
  });

  it('reports each of several files, exit 1 when any has an error', async () => {
    const run = await runCli(['check', '--format', 'json', '--now', NOW, 'good/config.json', 'broken.json', 'package.json']);
    assert.equal(run.code, 1);
    const output = parseJson<JsonOutput>(run.stdout);
    assert.deepEqual(output.files.map((f) => f.file), ['good/config.json', 'broken.json', 'package.json']);
    assert.deepEqual(output.files.map((f) => f.diagnostics.some((d) => d.severity === 'error')), [false, true, false]);
  });

  it('reports JSON that Centrifugo refuses (comments, trailing commas) as errors', async () => {
    const run = await runCli(['check', '--format', 'json', '-'], { input: '{\n  // TLS\n  "http_server": { "port": 8000, },\n}\n' });
    assert.equal(run.code, 1);
    const codes = parseJson<JsonOutput>(run.stdout).files[0].diagnostics.map((d) => d.code);
    assert.ok(codes.includes('json-comment'), codes.join());
    assert.ok(codes.includes('json-trailing-comma'), codes.join());
  });
});

describe('checker: where relative certificate paths are looked for', () => {
  function missingPaths(run: Run): (string | null)[] {
    return parseJson<JsonOutput>(run.stdout).files[0].diagnostics.filter((d) => d.code === 'missing-file').map((d) => d.path);
  }

  it('uses the config file\'s folder by default, --base-dir when given, and the working directory for stdin', async () => {
    const common = ['check', '--format', 'json', '--centrifugo-version', 'v5', '--now', NOW];
    const beside = await runCli([...common, path.join(work, 'relative', 'config.json')], { cwd: path.join(work, 'elsewhere') });
    assert.deepEqual(missingPaths(beside), [], 'found beside the config whatever the working directory');
    const based = await runCli([...common, '--base-dir', 'elsewhere', 'relative/config.json']);
    assert.ok(missingPaths(based).includes('tls_cert'), JSON.stringify(missingPaths(based)));
    const stdinHere = await runCli([...common, '-'], { input: RELATIVE_V5, cwd: path.join(work, 'relative') });
    assert.deepEqual(missingPaths(stdinHere), []);
    const stdinBased = await runCli([...common, '--base-dir', path.join(work, 'relative'), '-'], { input: RELATIVE_V5, cwd: path.join(work, 'elsewhere') });
    assert.deepEqual(missingPaths(stdinBased), []);
  });
});

describe('checker modules', () => {
  it('parses --now as ISO-8601, taking a date-time without offset as UTC', () => {
    assert.equal(parseInstant('2026-06-01')?.toISOString(), '2026-06-01T00:00:00.000Z');
    assert.equal(parseInstant('2026-06-01T12:30')?.toISOString(), '2026-06-01T12:30:00.000Z');
    assert.equal(parseInstant('2026-06-01T12:30:15.250Z')?.toISOString(), '2026-06-01T12:30:15.250Z');
    assert.equal(parseInstant('2026-06-01T12:30:00+02:00')?.toISOString(), '2026-06-01T10:30:00.000Z');
    for (const bad of ['', 'now', '06/01/2026', '2026-13-01', '2026-02-30', '2026-06-01T25:00Z', '1717243200']) {
      assert.equal(parseInstant(bad), undefined, bad);
    }
  });

  it('keeps - as a file operand and lets help win anywhere', () => {
    const parsed = parseArguments(['check', 'a.json', '-', '--format', 'sarif']);
    assert.equal(parsed.kind, 'check');
    assert.deepEqual(parsed.kind === 'check' ? parsed.options.files : [], ['a.json', '-']);
    assert.deepEqual(parseArguments(['check', 'a.json', '--help']), { kind: 'help' });
    assert.deepEqual(parseArguments(['check', '--', '--help']).kind, 'check');
  });

  it('colours only a terminal, and never with NO_COLOR set', () => {
    assert.equal(useColor(true, {}), true);
    assert.equal(useColor(false, {}), false);
    assert.equal(useColor(undefined, {}), false);
    assert.equal(useColor(true, { NO_COLOR: '1' }), false);
    assert.equal(useColor(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not opt out (no-color.org)');
  });

  it('asks the service for the certificates of the request it checks', async () => {
    const service = createLanguageService(createNodeEnvironment(() => new Date(NOW)));
    const request = {} as ServiceRequest;
    const facts = [certificate({ path: 'http_server.tls.cert_pem' })];
    const seen: ServiceRequest[] = [];
    Object.assign(service, { getCertificates: async (r: ServiceRequest) => { seen.push(r); return facts; } });
    assert.deepEqual(await certificatesOf(service, request), facts);
    assert.equal(seen[0], request);
  });

  it('prints certificates as a table with expiry and days left, and as the contract\'s JSON', () => {
    const report = fileReport([
      certificate({ path: 'http_server.tls.cert_pem', subject: 'CN=localhost', notAfter: '2027-06-01T12:00:00.000Z' }),
      certificate({ path: 'grpc_api.tls.cert_pem', subject: 'CN=grpc.example.com', notAfter: '2026-06-11T12:00:00.000Z' }),
      certificate({ path: 'engine.redis.tls.server_ca_pem', subject: 'CN=Old CA', notAfter: '2026-05-02T12:00:00.000Z', index: 1 }),
    ]);
    const text = formatText([report], [], { color: false, now: new Date(NOW), expiryWarningDays: 30 });
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'Certificates in config.json:');
    assert.match(lines[1], /^ {2}CONFIG PATH\s+SUBJECT\s+EXPIRES\s+DAYS LEFT$/);
    assert.match(lines[2], /^ {2}http_server\.tls\.cert_pem\s+CN=localhost\s+2027-06-01\s+365$/);
    assert.match(lines[3], /^ {2}grpc_api\.tls\.cert_pem\s+CN=grpc\.example\.com\s+2026-06-11\s+10 \(expiring\)$/);
    assert.match(lines[4], /^ {2}engine\.redis\.tls\.server_ca_pem #1\s+CN=Old CA\s+2026-05-02\s+-30 \(expired\)$/);
    // Columns line up.
    assert.equal(lines[2].indexOf('CN='), lines[1].indexOf('SUBJECT'));
    assert.equal(lines[lines.length - 1], '0 errors, 0 warnings in 1 file');

    const json = JSON.parse(formatJson([report])) as JsonOutput;
    assert.deepEqual(json.files[0].certificates, report.certificates);
    assert.deepEqual(Object.keys(json.files[0].certificates[0] as object), [
      'path', 'source', 'file', 'index', 'subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'dnsNames', 'ipAddresses',
      'isCA', 'publicKey', 'signatureAlgorithm', 'sha256Fingerprint',
    ]);
  });

  it('marks certificates Centrifugo does not load and counts them apart in the summary', () => {
    const report = fileReport([
      certificate({ path: 'http_server.tls.cert_pem', notAfter: '2027-06-01T12:00:00.000Z' }),
      certificate({ path: 'grpc_api.tls.cert_pem', notAfter: '2026-05-02T12:00:00.000Z', notLoaded: 'grpc_api.enabled is false' }),
    ]);
    const lines = formatText([report], [], { color: false, now: new Date(NOW), expiryWarningDays: 30 }).trimEnd().split('\n');
    assert.match(lines[3], /^ {2}grpc_api\.tls\.cert_pem\s+CN=example\.com\s+2026-05-02\s+-30 \(not loaded: grpc_api\.enabled is false\)$/);
    assert.equal(lines[lines.length - 1], '0 errors, 0 warnings in 1 file; 1 of 2 certificates not loaded by Centrifugo');
  });

  it('colours problems and expiry for a terminal', () => {
    const report = fileReport([certificate({ path: 'x.cert_pem', notAfter: '2026-05-01T00:00:00.000Z' })]);
    const text = formatText([report], [], { color: true, now: new Date(NOW), expiryWarningDays: 30 });
    assert.match(text, /\u001b\[31m-\d+ \(expired\)\u001b\[39m/);
  });
});

function certificate(overrides: Partial<CertificateReport>): CertificateReport {
  return {
    path: 'http_server.tls.cert_pem',
    source: 'file',
    file: '/etc/centrifugo/server.crt',
    index: 0,
    subject: 'CN=example.com',
    issuer: 'CN=Example CA',
    serialNumber: '1a2b',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    dnsNames: ['example.com'],
    ipAddresses: [],
    isCA: false,
    publicKey: 'EC P-256',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    sha256Fingerprint: 'AB:CD',
    ...overrides,
  };
}

function fileReport(certificates: CertificateReport[]): FileReport {
  return {
    input: { displayName: 'config.json', absolutePath: '/etc/centrifugo/config.json', text: '{}' },
    centrifugoVersion: 'v6',
    checked: true,
    looksLikeCentrifugo: true,
    recognitionReason: '',
    problems: [],
    certificates,
  };
}

describe('checker: inputs that come with size (scaled down; full sizes in the benchmark)', () => {
  // Go's encoding/json refuses nesting deeper than 10,000 (maxNestingDepth, scanner.go), which
  // Centrifugo's JSON config reader inherits: 100,000 levels is a finding, not a crash.
  it('a 100,000-deep nesting is one located error and exit 1, without a stack trace', async () => {
    const depth = 100_000;
    fs.writeFileSync(path.join(work, 'deep.json'), `{"client": {"token": {"hmac_secret_key": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`);
    const run = await runCli(['check', '--now', NOW, 'deep.json']);
    assert.equal(run.code, 1, run.stderr);
    assertNoStack(run.stderr + run.stdout);
    assert.match(run.stdout, /^deep\.json:1:\d+: error nested-too-deeply /m);
  });

  it('a 5 MB string value is checked like any other value', async () => {
    fs.writeFileSync(path.join(work, 'long-string.json'), JSON.stringify({ client: { token: { hmac_secret_key: 'k'.repeat(5 * 1024 * 1024) } } }));
    const run = await runCli(['check', '--now', NOW, 'long-string.json']);
    assert.equal(run.code, 0, run.stderr);
    assertNoStack(run.stderr + run.stdout);
    assertCleanSummary(run.stdout, '0 errors, 0 warnings in 1 file');
  });

  it('a 200 MB file is refused with one sentence and exit 2, before anything is read', async () => {
    // Sparse: the size is real for stat, the disk is not filled.
    const file = path.join(work, 'huge.json');
    fs.writeFileSync(file, '{');
    fs.truncateSync(file, 200 * 1024 * 1024);
    const run = await runCli(['check', 'huge.json']);
    fs.rmSync(file);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'centrifugo-config: cannot read huge.json: larger than 64 MB\n');
    assertCleanSummary(run.stdout, '0 errors, 0 warnings in 1 file (1 could not be read)');
  });

  it('--debug is accepted; an internal error is one line without it, its stack with it', async () => {
    const error = new RangeError('Maximum call stack size exceeded');
    assert.equal(errorText(error, false), 'RangeError: Maximum call stack size exceeded (run with --debug for details)');
    assert.match(errorText(error, true), /^RangeError: Maximum call stack size exceeded\n\s+at /);
    const command = parseArguments(['check', '--debug', 'a.json']);
    assert.ok(command.kind === 'check' && command.options.debug && command.options.files.join() === 'a.json');
    const run = await runCli(['check', '--debug', '--now', NOW, 'good/config.json']);
    assert.equal(run.code, 0, run.stderr);
  });
});
