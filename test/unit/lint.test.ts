/**
 * The linter guards the layers (eslint.config.mjs): an import cycle or a forbidden import in the
 * service fails `npm run lint`. Runs ESLint on fixtures that break each rule on purpose.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../helpers/paths';

const FIXTURES = path.join(REPO_ROOT, 'test', 'lint-fixtures');

/** ESLint with the repository's config; `ignore: false` so the fixtures folder is linted too. */
function eslint(): ESLint {
  return new ESLint({ cwd: REPO_ROOT, ignore: false });
}

/** `rule: message` of each problem, for readable failures. */
function problems(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(REPO_ROOT, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
}

describe('lint guards the architecture', () => {
  test('an import cycle fails, even when one side imports only types', async () => {
    const results = await eslint().lintFiles([path.join(FIXTURES, 'cycle')]);
    const found = problems(results);
    assert.equal(found.length, 2, found.join('\n'));
    for (const line of found) assert.match(line, /layers\/no-import-cycle: Import cycle: test\/lint-fixtures\/cycle\/\w+\.ts -> /);
  });

  test('the service may not import the editor, the LSP connection, protocol.ts or fs, nor read the working directory', async () => {
    const code = fs.readFileSync(path.join(FIXTURES, 'service', 'forbidden.ts'), 'utf8');
    const results = await eslint().lintText(code, { filePath: path.join(REPO_ROOT, 'server', 'src', 'service', 'forbidden.ts') });
    const found = problems(results);
    const has = (line: number, rule: string, words: RegExp) =>
      assert.ok(found.some((p) => p.includes(`:${line} ${rule}:`) && words.test(p)), `line ${line} ${rule} ${words}\n${found.join('\n')}`);
    has(3, 'no-restricted-imports', /ServiceEnvironment/);
    has(5, 'no-restricted-imports', /LSP connection belongs to server\.ts/);
    has(6, 'no-restricted-imports', /protocol\.ts is the client\/server wire contract/);
    has(8, 'no-restricted-syntax', /working directory/);
    has(9, 'no-restricted-globals', /does not read the process/);
    has(9, 'no-restricted-syntax', /never from the working directory/);
  });

  test('the same code outside the service is allowed; the CLI must still use the facade', async () => {
    const ok = await eslint().lintText("import * as fs from 'node:fs';\nexport const cwd = process.cwd() + String(fs.existsSync('x'));\n", {
      filePath: path.join(REPO_ROOT, 'server', 'src', 'cli', 'example.ts'),
    });
    assert.deepEqual(problems(ok), []);
    const deep = await eslint().lintText("import { CODES } from '../service/catalog/codes';\nexport const codes = CODES;\n", {
      filePath: path.join(REPO_ROOT, 'server', 'src', 'cli', 'example.ts'),
    });
    assert.match(problems(deep).join('\n'), /no-restricted-imports: .*through its facade/);
  });
});
