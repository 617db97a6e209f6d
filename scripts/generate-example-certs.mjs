#!/usr/bin/env node
// Generates the certificates the examples point at, dated from today so the demo shows every state
// whatever the date: a healthy server certificate, one expiring in 10 days, an expired CA, a key
// that belongs to no certificate, and an EC client certificate, all under one development CA.
// Writes examples/v5/certs and examples/v6/certs (gitignored). Idempotent: a run on the same UTC
// day as the last one changes nothing; `--force` regenerates.
//
//   node scripts/generate-example-certs.mjs [--force]
import 'reflect-metadata'; // @peculiar/x509 resolves its parsers through tsyringe: load the polyfill first.
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = ['examples/v5/certs', 'examples/v6/certs'].map((dir) => path.join(ROOT, dir));
const STAMP = '.generated';
/** Bump when the set of files or their meaning changes, so old folders are regenerated. */
const LAYOUT = 2;
const DAY = 24 * 60 * 60 * 1000;

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const EC = { name: 'ECDSA', namedCurve: 'P-256' };

const FILES = ['ca.crt', 'ca.key', 'server.crt', 'server.key', 'expiring.crt', 'expiring.key', 'expired-ca.crt', 'expired-ca.key',
  'mismatched.key', 'ec-client.crt', 'ec-client.key'];

const { subtle } = webcrypto;

function generateKeys(algorithm) {
  return subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

async function privateKeyPem(key) {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function caExtensions(keys) {
  return [
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
}

async function selfSignedCa(name, keys, notBefore, notAfter) {
  return x509.X509CertificateGenerator.createSelfSigned({
    name, keys, notBefore, notAfter, signingAlgorithm: RSA, extensions: await caExtensions(keys),
  });
}

async function leaf({ subject, keys, ca, caKeys, notBefore, notAfter, dnsNames = [], ipAddresses = [], usage }) {
  const names = [...dnsNames.map((value) => ({ type: 'dns', value })), ...ipAddresses.map((value) => ({ type: 'ip', value }))];
  return x509.X509CertificateGenerator.create({
    subject,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: RSA,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([usage === 'client' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth]),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
}

/** Everything, as file name -> PEM text. */
async function generate(now) {
  const at = (days) => new Date(now.getTime() + days * DAY);
  const caKeys = await generateKeys(RSA);
  const ca = await selfSignedCa('O=Centrifugo Config Examples, CN=Centrifugo Example Dev CA', caKeys, at(-1), at(5 * 365));

  const serverKeys = await generateKeys(RSA);
  const server = await leaf({
    subject: 'O=Centrifugo Config Examples, CN=localhost', keys: serverKeys, ca, caKeys, notBefore: at(-1), notAfter: at(365),
    dnsNames: ['localhost', 'realtime.example.com'], ipAddresses: ['127.0.0.1'],
  });

  const expiringKeys = await generateKeys(RSA);
  const expiring = await leaf({
    subject: 'O=Centrifugo Config Examples, CN=grpc.example.com', keys: expiringKeys, ca, caKeys, notBefore: at(-355), notAfter: at(10),
    dnsNames: ['grpc.example.com'],
  });

  const expiredCaKeys = await generateKeys(RSA);
  const expiredCa = await selfSignedCa('O=Centrifugo Config Examples, CN=Centrifugo Example Old CA', expiredCaKeys, at(-2 * 365), at(-30));

  const mismatchedKeys = await generateKeys(RSA);

  const ecKeys = await generateKeys(EC);
  const ecClient = await leaf({
    subject: 'O=Centrifugo Config Examples, CN=centrifugo-proxy-client', keys: ecKeys, ca, caKeys, notBefore: at(-1), notAfter: at(180),
    dnsNames: ['centrifugo.internal'], usage: 'client',
  });

  return {
    'ca.crt': ca.toString('pem'),
    'ca.key': await privateKeyPem(caKeys.privateKey),
    'server.crt': server.toString('pem'),
    'server.key': await privateKeyPem(serverKeys.privateKey),
    'expiring.crt': expiring.toString('pem'),
    'expiring.key': await privateKeyPem(expiringKeys.privateKey),
    'expired-ca.crt': expiredCa.toString('pem'),
    'expired-ca.key': await privateKeyPem(expiredCaKeys.privateKey),
    'mismatched.key': await privateKeyPem(mismatchedKeys.privateKey),
    'ec-client.crt': ecClient.toString('pem'),
    'ec-client.key': await privateKeyPem(ecKeys.privateKey),
  };
}

function stampFor(now) {
  return `layout ${LAYOUT}, generated ${now.toISOString().slice(0, 10)}\n`;
}

async function upToDate(dir, stamp) {
  try {
    if ((await readFile(path.join(dir, STAMP), 'utf8')) !== stamp) return false;
    await Promise.all(FILES.map((name) => readFile(path.join(dir, name))));
    return true;
  } catch {
    return false;
  }
}

/** Write then rename, so an interrupted run never leaves half a file for the checker to trip on. */
async function writeAtomically(file, text, mode) {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, file);
}

async function main() {
  const force = process.argv.includes('--force');
  const now = new Date();
  const stamp = stampFor(now);
  const stale = [];
  for (const dir of TARGETS) if (force || !(await upToDate(dir, stamp))) stale.push(dir);
  if (stale.length === 0) {
    console.log(`Example certificates are up to date (${stamp.trim()}).`);
    return;
  }
  const files = await generate(now);
  for (const dir of stale) {
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      await writeAtomically(path.join(dir, name), text, name.endsWith('.key') ? 0o600 : 0o644);
    }
    // The stamp goes last: its presence says the folder is complete.
    await writeAtomically(path.join(dir, STAMP), stamp, 0o644);
    console.log(`Wrote example certificates to ${path.relative(process.cwd(), dir) || '.'}`);
  }
}

main().catch((error) => {
  console.error(`generate-example-certs: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
