/** The checker reads each config in the format its extension names, and stdin as --input-format says. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-cli-formats-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const CONFIG = { http_server: { tls: { enabled: true, cert_pem: 'missing.crt', key_pem: 'missing.key' } } };
const TEXTS: Record<string, string> = {
  json: JSON.stringify(CONFIG, null, 2),
  yaml: '# TLS of the HTTP server\nhttp_server:\n  tls:\n    enabled: true\n    cert_pem: missing.crt\n    key_pem: missing.key\n',
  toml: '# TLS of the HTTP server\n[http_server.tls]\nenabled = true\ncert_pem = "missing.crt"\nkey_pem = "missing.key"\n',
};

function check(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd: work, input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function findings(stdout: string): string[] {
  const output = JSON.parse(stdout) as { files: { diagnostics: { code: string; path: string | null }[] }[] };
  return output.files[0].diagnostics.map((d) => `${d.code} ${d.path}`);
}

describe('check: one format per extension', () => {
  const expected = ['missing-file http_server.tls.cert_pem', 'missing-file http_server.tls.key_pem'];

  it('reads config.json, config.yaml, config.yml and config.toml each in its own format, with the same findings', () => {
    for (const [name, format] of [['config.json', 'json'], ['config.yaml', 'yaml'], ['config.yml', 'yaml'], ['config.toml', 'toml']]) {
      fs.writeFileSync(path.join(work, name), TEXTS[format]);
      const run = check([name]);
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(findings(run.stdout), expected, name);
    }
  });

  it('reads standard input as --input-format says, JSON by default', () => {
    for (const format of ['yaml', 'toml']) assert.deepEqual(findings(check(['--input-format', format, '-'], TEXTS[format]).stdout), expected);
    assert.deepEqual(findings(check(['-'], TEXTS.json).stdout), expected);
    const asJson = check(['-'], TEXTS.yaml);
    assert.deepEqual([...new Set(findings(asJson.stdout).map((f) => f.split(' ')[0]))], ['json-syntax']);
  });

  it('a YAML syntax error is reported in YAML\'s words', () => {
    fs.writeFileSync(path.join(work, 'broken.yaml'), 'http_server:\n  tls: [\n');
    const run = check(['broken.yaml']);
    assert.equal(run.status, 1);
    assert.deepEqual(findings(run.stdout).map((f) => f.split(' ')[0]), ['yaml-syntax']);
  });

  it('a UTF-8 byte-order mark: refused in JSON (encoding/json takes none), read past in YAML and TOML', () => {
    const BOM = '\ufeff';
    for (const [name, format] of [['bom.json', 'json'], ['bom.yaml', 'yaml'], ['bom.toml', 'toml']]) {
      fs.writeFileSync(path.join(work, name), BOM + TEXTS[format]);
      const run = check([name]);
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(findings(run.stdout), format === 'json' ? ['json-syntax null', ...expected] : expected, name);
    }
    const output = JSON.parse(check(['bom.json']).stdout) as { files: { diagnostics: { message: string; range: { start: { line: number; character: number } } }[] }[] };
    const bom = output.files[0].diagnostics[0];
    assert.deepEqual(bom.range.start, { line: 0, character: 0 });
    assert.match(bom.message, /byte-order mark \(BOM\).*Save the file as UTF-8 without BOM/);
  });

  it('a top level that is not a map of options is refused; an empty or null file is no error', () => {
    const cases: [string, string, string[]][] = [
      ['list.json', '[{"http_server": {}}]', ['json-syntax null']],
      ['number.json', '8000\n', ['json-syntax null']],
      ['list.yaml', '- http_server\n- tls\n', ['yaml-syntax null']],
      ['scalar.yaml', 'http_server\n', ['yaml-syntax null']],
      ['null.json', 'null\n', []],
      ['empty.yaml', '', []],
      ['comments.yaml', '# nothing yet\n', []],
      ['tilde.yaml', '~\n', []],
    ];
    for (const [name, text, want] of cases) {
      fs.writeFileSync(path.join(work, name), text);
      const run = check([name]);
      assert.deepEqual(findings(run.stdout), want, name);
      assert.equal(run.status, want.length ? 1 : 0, name);
      if (want.length) assert.match(run.stdout, /Centrifugo reads its config as (an object|a mapping) of options/, name);
    }
  });

  it('an unknown extension, or an unknown --input-format, is exit 2 naming the three formats', () => {
    fs.writeFileSync(path.join(work, 'config.ini'), TEXTS.json);
    const run = check(['config.ini']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot check config\.ini: .*JSON, YAML or TOML .*\.json, \.yaml or \.yml, \.toml/);
    const bad = check(['--input-format', 'xml', '-'], '');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--input-format must be one of json, yaml, toml; got 'xml'/);
  });
});
