/** `check --strict` (unknown keys fail, as `centrifugo checkconfig --strict`) and `--centrifugo-version v6.N`. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseArguments } from '../../server/src/cli/args';
import { REPO_ROOT } from '../helpers/paths';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const CONFIG = '{"http_server": {"port": 8000, "adress": ":8000"}, "Log": {"level": "info"}}\n';

function check(...args: string[]): { code: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [CLI, 'check', ...args, '-'], { input: CONFIG, encoding: 'utf8', timeout: 15_000 });
  return { code: run.status, stdout: run.stdout };
}

describe('check --strict', () => {
  it('without it an unknown key is a warning (exit 0); with it an error (exit 1), as checkconfig.go:44-46@v6.9.1', () => {
    const plain = check();
    assert.equal(plain.code, 0, plain.stdout);
    assert.match(plain.stdout, /1:32: warning unknown-field `adress`/);
    const strict = check('--strict');
    assert.equal(strict.code, 1, strict.stdout);
    assert.match(strict.stdout, /1:32: error unknown-field `adress`/);
    // A case variant is read (viper lower-cases keys before the check): it stays information.
    assert.match(strict.stdout, /info unknown-field/);
  });

  it('parses --strict and a pinned v6 minor; refuses other versions', () => {
    const parsed = parseArguments(['check', '--strict', '--centrifugo-version', 'v6.2', 'a.json']);
    assert.ok(parsed.kind === 'check');
    assert.equal(parsed.options.strict, true);
    assert.equal(parsed.options.centrifugoVersion, 'v6.2');
    const bad = parseArguments(['check', '--centrifugo-version', 'v7', 'a.json']);
    assert.ok(bad.kind === 'usage-error');
    assert.match(bad.message, /v6\.N/);
  });
});
