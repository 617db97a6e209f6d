// @ts-check
// Generates the benchmark workspace once into bench/.work (gitignored) and reuses it on later runs:
//   pool/   1,000 certificate files (700 single leaves, 200 leaf+intermediate chains, 100 CA bundles)
//           and 8 EC P-256 private keys shared by all of them (distinct certificates, shared keys)
//   centrifugo-{2k,200k,2m,20m}.json  Centrifugo v6 configs whose proxies[] carry grpc.tls / http.tls
//           blocks pointing into the pool (cert_pem, key_pem, and server_ca_pem on every third proxy)
//
//   node bench/generate.mjs [--force]
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_SIZES, configPath, log, require, ROOT, WORK } from './lib.mjs';

/** Bump when the pool or the configs change shape, so old workspaces are regenerated. */
const GENERATOR_VERSION = 3;
export const POOL_FILES = 1000;
const KEYS = 8;
const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
const NOT_AFTER = new Date('2035-01-01T00:00:00Z');
const POOL = path.join(WORK, 'pool');
const MANIFEST = path.join(WORK, 'manifest.json');

const pad = (n, width = 4) => String(n).padStart(width, '0');

async function generatePool() {
  const factory = require(path.join(ROOT, 'out/test/helpers/certFactory.js'));
  await rm(POOL, { recursive: true, force: true });
  await mkdir(POOL, { recursive: true });
  const started = Date.now();
  const keys = [];
  for (let i = 0; i < KEYS; i++) {
    const key = await factory.generateKey({ kind: 'ec', curve: 'P-256' });
    keys.push(key);
    await writeFile(path.join(POOL, `key-${i}.pem`), key.pem);
  }
  const validity = { notBefore: NOT_BEFORE, notAfter: NOT_AFTER };
  const root = await factory.createCertificate({ subject: 'O=Bench, CN=Bench Root CA', ca: true, key: keys[0], ...validity });
  const intermediates = [];
  for (let i = 0; i < 2; i++) {
    intermediates.push(await factory.createCertificate({ subject: `O=Bench, CN=Bench Issuing CA ${i}`, ca: true, key: keys[1 + i], issuer: root, ...validity }));
  }
  const files = [];
  for (let i = 0; i < POOL_FILES; i++) {
    const kind = i % 10 < 7 ? 'leaf' : i % 10 < 9 ? 'chain' : 'cabundle';
    const name = `${kind}-${pad(i)}.crt`;
    if (kind === 'cabundle') {
      // A distinct CA per bundle, followed by the root: what a "server_ca_pem" bundle usually holds.
      const ca = await factory.createCertificate({ subject: `O=Bench, CN=Bench Service CA ${pad(i)}`, ca: true, key: keys[3], issuer: root, ...validity });
      await writeFile(path.join(POOL, name), ca.pem + root.pem);
      files.push({ name, kind, certificates: 2 });
    } else {
      const keyIndex = 3 + (i % 5);
      const host = `svc-${pad(i)}.bench.internal`;
      const issuer = intermediates[i % intermediates.length];
      const leaf = await factory.createCertificate({
        subject: `O=Bench, CN=${host}`, ca: false, dnsNames: [host], key: keys[keyIndex], issuer, ...validity,
      });
      await writeFile(path.join(POOL, name), kind === 'chain' ? leaf.pem + issuer.pem : leaf.pem);
      files.push({ name, kind, keyIndex, certificates: kind === 'chain' ? 2 : 1 });
    }
    if ((i + 1) % 250 === 0) log(`  pool: ${i + 1}/${POOL_FILES} certificate files (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return files;
}

function proxyEntry(i, files) {
  const certFiles = files.filter((f) => f.kind !== 'cabundle');
  const caFiles = files.filter((f) => f.kind === 'cabundle');
  const cert = certFiles[i % certFiles.length];
  const transport = i % 2 === 0 ? 'grpc' : 'http';
  const host = `app-${pad(i, 6)}.bench.internal`;
  const tls = {
    enabled: true,
    cert_pem: `pool/${cert.name}`,
    key_pem: `pool/key-${cert.keyIndex}.pem`,
    ...(i % 3 === 0 ? { server_ca_pem: `pool/${caFiles[Math.floor(i / 3) % caFiles.length].name}` } : {}),
    server_name: host,
  };
  return {
    name: `proxy-${pad(i, 6)}`,
    endpoint: transport === 'grpc' ? `grpc://${host}:10001` : `https://${host}/centrifugo`,
    timeout: '3s',
    [transport]: { tls },
  };
}

/** Pretty-printed the way people write configs; proxies are added until the target size is reached. */
export function buildConfig(targetBytes, files) {
  const head = {
    log: { level: 'info' },
    http_server: { port: 8443, tls: { enabled: true, cert_pem: `pool/${files[0].name}`, key_pem: `pool/key-${files[0].keyIndex}.pem` } },
    grpc_api: { enabled: true, port: 10000, tls: { enabled: true, cert_pem: `pool/${files[1].name}`, key_pem: `pool/key-${files[1].keyIndex}.pem`, client_ca_pem: `pool/${files[9].name}` } },
    client: { allowed_origins: ['https://app.example.com'] },
  };
  const headText = JSON.stringify(head, null, 2);
  const parts = [headText.slice(0, -2), ',\n  "proxies": [\n'];
  let size = parts[0].length + parts[1].length + 8;
  const entries = [];
  for (let i = 0; i < 1_000_000; i++) {
    const entry = JSON.stringify(proxyEntry(i, files), null, 2).replace(/^/gm, '    ');
    if (entries.length > 0 && size + entry.length + 2 > targetBytes) break;
    entries.push(entry);
    size += entry.length + 2;
  }
  parts.push(entries.join(',\n'), '\n  ]\n}\n');
  return { text: parts.join(''), proxies: entries.length };
}

/** The same document with the middle proxy's timeout changed: an edit that touches no certificate field. */
export function editTimeout(text, seconds) {
  const middle = text.indexOf('"timeout": "', Math.floor(text.length / 2));
  const at = middle >= 0 ? middle : text.indexOf('"timeout": "');
  if (at < 0) throw new Error('no timeout to edit');
  const valueStart = at + '"timeout": "'.length;
  const valueEnd = text.indexOf('"', valueStart);
  return text.slice(0, valueStart) + `${seconds}s` + text.slice(valueEnd);
}

export async function ensureWorkspace({ force = false } = {}) {
  let manifest;
  if (!force && existsSync(MANIFEST)) {
    try {
      manifest = JSON.parse(await readFile(MANIFEST, 'utf8'));
      if (manifest.version !== GENERATOR_VERSION || ALL_SIZES.some((s) => !existsSync(configPath(s.id)))) manifest = undefined;
    } catch {
      manifest = undefined;
    }
  }
  if (manifest) {
    log(`workspace: reusing ${path.relative(ROOT, WORK)} (generated ${manifest.generatedAt})`);
    return manifest;
  }
  log(`workspace: generating ${POOL_FILES} certificate files and ${ALL_SIZES.length} configs into ${path.relative(ROOT, WORK)} ...`);
  await mkdir(WORK, { recursive: true });
  const files = await generatePool();
  const configs = {};
  for (const size of ALL_SIZES) {
    const { text, proxies } = buildConfig(size.bytes, files);
    await writeFile(configPath(size.id), text);
    configs[size.id] = { bytes: Buffer.byteLength(text), proxies };
  }
  manifest = { version: GENERATOR_VERSION, generatedAt: new Date().toISOString(), files, configs };
  await writeFile(MANIFEST, JSON.stringify(manifest, null, 1));
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = await ensureWorkspace({ force: process.argv.includes('--force') });
  for (const [id, c] of Object.entries(manifest.configs)) log(`  centrifugo-${id}.json: ${c.bytes} bytes, ${c.proxies} proxies`);
}
