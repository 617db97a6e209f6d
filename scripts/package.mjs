#!/usr/bin/env node
// Builds the production bundles and packages the extension as a VSIX with @vscode/vsce, then
// checks what went in: exactly the bundles, grammars, docs, icon and manifest, and under 1 MB.
// The bundles are self-contained (esbuild), so the VSIX carries no node_modules.
//
//   node scripts/package.mjs [--out file.vsix] [--no-build] [--quiet]
//
// --out       where to write the VSIX (default: <name>-<version>.vsix in the repository root)
// --no-build  package dist/ as it is (the caller has just run `npm run build -- --production`)
// --quiet     print only the summary line, not the file list
//
// Prints the VSIX path, its size and its file list; exits 1 when vsce fails, when the VSIX holds
// a file it should not (or lacks one it needs), or when it is over 1 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 1024 * 1024;

/** Files the VSIX must hold (under extension/), besides vsce's own [Content_Types].xml and manifest. */
const REQUIRED = [
  'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png',
  'dist/extension.js', 'dist/server.js', 'dist/cli.js', 'schemas/lenient-syntax.schema.json',
];
// vsce stores README.md and CHANGELOG.md as readme.md / changelog.md and LICENSE as LICENSE.txt.
const ALLOWED = [...REQUIRED.map((f) => new RegExp(`^${f.replace(/[.]/g, '\\.')}(\\.txt)?$`, 'i')), /^syntaxes\/[^/]+\.json$/, /^schemas\/[^/]+\.schema\.json$/];
const VSIX_METADATA = ['[Content_Types].xml', 'extension.vsixmanifest'];

function parseArgs(argv) {
  const opts = { build: true, quiet: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') opts.build = false;
    else if (a === '--production') { /* `npm run package -- --production`: always production */ }
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--out' || a === '-o') opts.out = argv[++i];
    else if (a.startsWith('--out=')) opts.out = a.slice('--out='.length);
    else { console.error(`package: unknown argument ${a}`); process.exit(2); }
  }
  return opts;
}

function run(cmd, args, what) {
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (res.error || res.status !== 0) {
    console.error(`package: ${what} failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`})`);
    process.exit(1);
  }
  return Date.now() - t0;
}

/** Entries of a zip file from its central directory: [{ name, size, compressed, read() }]; read() inflates the entry. */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const method = buf.readUInt16LE(p + 10);
    const local = buf.readUInt32LE(p + 42);
    const read = () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 0 ? data : zlib.inflateRawSync(data);
    };
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressed, read });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Problems with the VSIX's contents (empty when it holds exactly what it should). */
export function checkContents(entries) {
  const problems = [];
  const names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
  for (const n of names) {
    if (VSIX_METADATA.includes(n)) continue;
    const rel = n.startsWith('extension/') ? n.slice('extension/'.length) : undefined;
    if (rel === undefined || !ALLOWED.some((re) => re.test(rel))) problems.push(`unexpected file in VSIX: ${n}`);
  }
  for (const f of REQUIRED) {
    const want = `extension/${f}`.toLowerCase();
    if (!names.some((n) => [want, `${want}.txt`].includes(n.toLowerCase()))) problems.push(`missing from VSIX: extension/${f}`);
  }
  if (!names.some((n) => /^extension\/syntaxes\/.+\.json$/.test(n))) problems.push('missing from VSIX: extension/syntaxes/*.json');
  // A development build (e.g. someone's `npm run build` between ours and vsce) points at source
  // maps the VSIX does not carry.
  for (const e of entries.filter((x) => /^extension\/dist\/.+\.js$/.test(x.name))) {
    if (/\/\/# sourceMappingURL=/.test(e.read().subarray(-300).toString('utf8'))) {
      problems.push(`${e.name} is a development build (it references a source map); rebuild with --production`);
    }
  }
  return problems;
}

function kb(bytes) { return `${(bytes / 1024).toFixed(1)} KB`; }

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(ROOT, opts.out ?? `${pkg.name}-${pkg.version}.vsix`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const vsce = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  if (!fs.existsSync(vsce)) { console.error('package: @vscode/vsce is not installed; run npm install'); process.exit(1); }

  if (opts.build) {
    const ms = run(npm, ['run', '--silent', 'build', '--', '--production'], 'npm run build -- --production');
    console.log(`package: production build in ${(ms / 1000).toFixed(1)} s`);
  }
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) { console.error(`package: ${f} is missing; build first`); process.exit(1); }
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const ms = run(vsce, ['package', '--no-dependencies', '--no-update-package-json', '-o', out], 'vsce package');

  const size = fs.statSync(out).size;
  const entries = zipEntries(out);
  const problems = checkContents(entries);
  if (size > MAX_BYTES) problems.push(`VSIX is ${kb(size)}, over the 1 MB limit`);
  if (!opts.quiet) {
    console.log(`\nVSIX contents (${entries.length} entries):`);
    const width = Math.max(...entries.map((e) => e.name.length));
    for (const e of entries) console.log(`  ${e.name.padEnd(width)}  ${kb(e.size).padStart(9)}  (${kb(e.compressed)} compressed)`);
  }
  console.log(`\npackage: ${path.relative(process.cwd(), out) || out}: ${kb(size)} (${size} bytes, limit ${kb(MAX_BYTES)}), ${entries.length} entries, vsce ${(ms / 1000).toFixed(1)} s`);
  if (problems.length) {
    for (const p of problems) console.error(`package: ERROR: ${p}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
