#!/usr/bin/env node
// `npm start`: generates the example certificates (dated from today) and runs the checker over
// the v6 and v5 example configs. Finding problems is the point of the demo, so the checker's
// "errors found" (exit 1) still ends this script with 0; a usage error or unreadable input (2),
// or a crash, does not.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CONFIGS = [
  'examples/v6/config.json', 'examples/v6/config.yaml', 'examples/v6/config.toml',
  'examples/v5/config.json', 'examples/v5/config.yaml', 'examples/v5/config.toml', 'examples/v6-edge/config.json',
  'examples/env/.env',
];

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result;
}

const generated = run([path.join(ROOT, 'scripts', 'generate-example-certs.mjs')]);
if (generated.status !== 0) {
  console.error('example: generating the example certificates failed');
  process.exit(generated.status ?? 1);
}
if (!existsSync(CLI)) {
  console.error('example: dist/cli.js is missing; run `npm run build` first (`npm start` does)');
  process.exit(1);
}

console.log(`\n$ centrifugo-config check ${CONFIGS.join(' ')}\n`);
const checked = run([CLI, 'check', ...CONFIGS]);
if (checked.signal) {
  console.error(`example: the checker was killed by ${checked.signal}`);
  process.exit(1);
}
if (checked.status === 0 || checked.status === 1) {
  console.log(`\n(checker exit code ${checked.status}: ${checked.status === 1 ? 'errors found, as these examples intend' : 'no errors'})`);
  process.exit(0);
}
console.error(`example: the checker exited ${checked.status}: it could not check the examples`);
process.exit(checked.status ?? 1);
