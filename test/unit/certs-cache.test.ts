import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CERT_FILE_BYTES, type ServiceEnvironment } from '../../server/src/service/environment';
import { createCertificateCache, fileCacheKey } from '../../server/src/service/certs';
import { NOW, createCertificate, daysFrom, type TestCert } from '../helpers/certFactory';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

let certA: TestCert;
let certB: TestCert;

before(async () => {
  certA = await createCertificate({ subject: 'CN=a.test', dnsNames: ['a.test'], notBefore: NOW, notAfter: daysFrom(NOW, 90) });
  certB = await createCertificate({ subject: 'CN=b.test', dnsNames: ['b.test'], notBefore: NOW, notAfter: daysFrom(NOW, 90) });
});

test('an unchanged file is neither read nor parsed again', async () => {
  const env = new MemoryEnvironment(NOW).addFile('/etc/centrifugo/cert.pem', certA.pem, 100);
  const cache = createCertificateCache();
  const first = await cache.analyzeFile(env, '/etc/centrifugo/cert.pem', 'certificate');
  const second = await cache.analyzeFile(env, '/etc/centrifugo/cert.pem', 'certificate');
  assert.ok(first.ok && second.ok);
  assert.equal(second.analysis.certificates[0].subject, 'CN=a.test');
  assert.deepEqual({ ...cache.stats }, { reads: 1, parses: 1 });
  assert.equal(env.reads, 1);
});

test('a new mtime means a new read; identical content is still not parsed again', async () => {
  const env = new MemoryEnvironment(NOW).addFile('/c/cert.pem', certA.pem, 100);
  const cache = createCertificateCache();
  await cache.analyzeFile(env, '/c/cert.pem', 'certificate');
  env.addFile('/c/cert.pem', certA.pem, 200); // touched, same bytes
  await cache.analyzeFile(env, '/c/cert.pem', 'certificate');
  assert.deepEqual({ ...cache.stats }, { reads: 2, parses: 1 });
  // Same mtime, so only the size can reveal the change; ECDSA signatures vary in length, so
  // make sure the sizes differ.
  const renewed = certB.pem.length === certA.pem.length ? certB.pem + '\n' : certB.pem;
  env.addFile('/c/cert.pem', renewed, 200);
  const changed = await cache.analyzeFile(env, '/c/cert.pem', 'certificate');
  assert.deepEqual({ ...cache.stats }, { reads: 3, parses: 2 });
  assert.ok(changed.ok && changed.analysis.certificates[0].subject === 'CN=b.test');
});

test('one parse serves different uses of the same content', async () => {
  const env = new MemoryEnvironment(NOW).addFile('/c/ca.pem', certA.pem).addFile('/c/copy.pem', certA.pem);
  const cache = createCertificateCache();
  const asCert = await cache.analyzeFile(env, '/c/ca.pem', 'certificate');
  const asCa = await cache.analyzeFile(env, '/c/ca.pem', 'ca');
  const copy = await cache.analyzeFile(env, '/c/copy.pem', 'ca');
  const inline = await cache.analyzeBytes(certA.pem, 'key');
  assert.ok(asCert.ok && asCa.ok && copy.ok);
  assert.equal(asCa.analysis.expectation, 'ca');
  assert.deepEqual(inline.problems.map((problem) => problem.code), ['wrong-pem-type']);
  assert.deepEqual({ ...cache.stats }, { reads: 2, parses: 1 });
});

test('concurrent requests for one file share a single read', async () => {
  const env = new MemoryEnvironment(NOW).addFile('/c/cert.pem', certA.pem);
  const cache = createCertificateCache();
  const results = await Promise.all([1, 2, 3].map(() => cache.analyzeFile(env, '/c/cert.pem', 'certificate')));
  assert.ok(results.every((result) => result.ok));
  assert.deepEqual({ ...cache.stats }, { reads: 1, parses: 1 });
});

test('read problems are returned, not thrown', async () => {
  const env = new MemoryEnvironment(NOW)
    .addEntry('/dev/fifo', { kind: 'other' })
    .addEntry('/c/secret.pem', { kind: 'unreadable' })
    .addFile('/c/dir/inner.pem', certA.pem)
    .addFile('/c/huge.pem', new Uint8Array(MAX_CERT_FILE_BYTES + 1));
  const cache = createCertificateCache();
  const reasonOf = async (path: string): Promise<string> => {
    const result = await cache.analyzeFile(env, path, 'certificate');
    return result.ok ? 'ok' : result.reason;
  };
  assert.equal(await reasonOf('/c/missing.pem'), 'not-found');
  assert.equal(await reasonOf('/c/dir'), 'directory');
  assert.equal(await reasonOf('/dev/fifo'), 'not-regular');
  assert.equal(await reasonOf('/c/secret.pem'), 'unreadable');
  assert.equal(await reasonOf('/c/huge.pem'), 'too-large');
  assert.equal(env.reads, 0, 'a file known to be too large is not read');
});

test('a read that the environment truncates or times out is reported as such', async () => {
  const base = new MemoryEnvironment(NOW).addFile('/c/cert.pem', certA.pem);
  const lying: ServiceEnvironment = {
    now: () => base.now(),
    stat: (path) => base.stat(path),
    readDirectory: (path) => base.readDirectory(path),
    readFile: async (path, maxBytes) => {
      const result = await base.readFile(path, maxBytes);
      return result.ok ? { ...result, truncated: true } : result;
    },
  };
  const slow: ServiceEnvironment = { ...lying, readFile: async () => ({ ok: false, reason: 'timeout' }) };
  const truncated = await createCertificateCache().analyzeFile(lying, '/c/cert.pem', 'certificate');
  assert.equal(truncated.ok ? 'ok' : truncated.reason, 'too-large');
  const timedOut = await createCertificateCache().analyzeFile(slow, '/c/cert.pem', 'certificate');
  assert.equal(timedOut.ok ? 'ok' : timedOut.reason, 'timeout');
});

test('failed reads are not cached: a file that becomes readable is read', async () => {
  const env = new MemoryEnvironment(NOW).addEntry('/c/cert.pem', { kind: 'unreadable' });
  const cache = createCertificateCache();
  assert.equal((await cache.analyzeFile(env, '/c/cert.pem', 'certificate')).ok, false);
  env.addFile('/c/cert.pem', certA.pem, 1);
  assert.equal((await cache.analyzeFile(env, '/c/cert.pem', 'certificate')).ok, true);
});

test('the cache is bounded: the least recently used content is parsed again', async () => {
  const cache = createCertificateCache({ maxEntries: 2 });
  const third = certA.pem + certB.pem;
  await cache.analyzeBytes(certA.pem, 'certificate');
  await cache.analyzeBytes(certB.pem, 'certificate');
  await cache.analyzeBytes(certA.pem, 'certificate'); // A is now the most recent
  await cache.analyzeBytes(third, 'certificate'); // evicts B
  assert.equal(cache.stats.parses, 3);
  await cache.analyzeBytes(certA.pem, 'certificate');
  assert.equal(cache.stats.parses, 3);
  await cache.analyzeBytes(certB.pem, 'certificate');
  assert.equal(cache.stats.parses, 4);
});

test('the file key is made of path, size and mtime', () => {
  assert.notEqual(fileCacheKey('/a', { size: 1, mtimeMs: 2 }), fileCacheKey('/a', { size: 1, mtimeMs: 3 }));
  assert.notEqual(fileCacheKey('/a', { size: 1, mtimeMs: 2 }), fileCacheKey('/b', { size: 1, mtimeMs: 2 }));
  assert.equal(fileCacheKey('/a', { size: 1, mtimeMs: 2 }), fileCacheKey('/a', { size: 1, mtimeMs: 2 }));
});

test('an urgent request (a hover) does not wait for a read of the same file still queued behind others', { timeout: 5000 }, async () => {
  const cert = await createCertificate({ subject: 'CN=queued', dnsNames: ['queued'], notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 30) });
  const files = new MemoryEnvironment(NOW).addFile('/q/cert.pem', cert.pem);
  let releaseQueued: () => void = () => undefined;
  const queued = new Promise<void>((resolve) => { releaseQueued = resolve; });
  // Reads that are not urgent sit in a queue that the test releases at the end.
  const env: ServiceEnvironment = {
    now: () => files.now(),
    stat: (p) => files.stat(p),
    readDirectory: (p) => files.readDirectory(p),
    readFile: async (p, max, urgent) => {
      if (!urgent) await queued;
      return files.readFile(p, max);
    },
  };
  const cache = createCertificateCache();
  const background = cache.analyzeFile(env, '/q/cert.pem', 'certificate');
  const hover = await cache.analyzeFile(env, '/q/cert.pem', 'certificate', true);
  assert.equal(hover.ok && hover.analysis.certificates[0].subject, 'CN=queued');
  releaseQueued();
  const later = await background;
  assert.equal(later.ok && later.analysis.certificates[0].subject, 'CN=queued');
  assert.equal(cache.stats.parses, 1, 'the second read finds the content already parsed');
});
