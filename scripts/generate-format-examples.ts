/**
 * `npm run generate` (part): writes each example JSON config as YAML and as TOML next to it, so
 * the three carry the same planted mistakes and `npm start` shows the same findings for each.
 * Run after `tsc` (the build): node out/scripts/generate-format-examples.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { toToml, toYaml } from '../test/helpers/formats';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = ['examples/v6/config.json', 'examples/v5/config.json'];

for (const example of EXAMPLES) {
  const source = path.join(ROOT, example);
  const config = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  const note = `Generated from ${path.basename(example)} by scripts/generate-format-examples.ts: the same config, the same planted mistakes.`;
  writeFileSync(source.replace(/\.json$/, '.yaml'), `# ${note}\n${toYaml(config)}`);
  writeFileSync(source.replace(/\.json$/, '.toml'), `# ${note}\n${toToml(config)}`);
}
