/**
 * The cache of certificate-source resolutions that lets an edit elsewhere in a large config cost
 * no file system call: what it answers at once, what it recomputes, what it never remembers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Resolution, ResolutionCache } from '../../server/src/service/materials/resolve';

const FILE: Resolution = { readAs: 'file', filePath: '/etc/ssl/a.crt' };
const TIMEOUT: Resolution = { readAs: 'file', filePath: '/etc/ssl/slow.crt', problem: { kind: 'file', reason: 'timeout' } };

function counting(result: Resolution): { compute: () => Promise<Resolution>; calls: () => number } {
  let calls = 0;
  return { compute: () => { calls++; return Promise.resolve(result); }, calls: () => calls };
}

describe('resolution cache', () => {
  it('answers a settled value at once, without a promise, and computes it only once', async () => {
    const cache = new ResolutionCache();
    const bucket = cache.bucket('json\u0000file\u0000certificate');
    const { compute, calls } = counting(FILE);
    assert.equal(cache.settled(bucket, 'a.crt', 0), undefined, 'nothing before the first resolution');
    assert.deepEqual(await cache.get(bucket, 'a.crt', 0, compute), FILE);
    assert.deepEqual(cache.settled(bucket, 'a.crt', 10), FILE);
    assert.deepEqual(await cache.get(bucket, 'a.crt', 10, compute), FILE);
    assert.equal(calls(), 1);
  });

  it('keeps buckets apart: the same value under another kind of source is resolved on its own', async () => {
    const cache = new ResolutionCache();
    const { compute, calls } = counting(FILE);
    await cache.get(cache.bucket('json\u0000file\u0000certificate'), 'a.crt', 0, compute);
    assert.equal(cache.settled(cache.bucket('json\u0000file\u0000key'), 'a.crt', 0), undefined);
    assert.equal(cache.settled(cache.bucket('yaml\u0000file\u0000certificate'), 'a.crt', 0), undefined);
    assert.equal(calls(), 1);
  });

  it('expires entries after maxAgeMs (clients that cannot watch files) and when the clock goes back', async () => {
    const cache = new ResolutionCache();
    cache.maxAgeMs = 3000;
    const bucket = cache.bucket('k');
    await cache.get(bucket, 'a.crt', 1000, counting(FILE).compute);
    assert.deepEqual(cache.settled(bucket, 'a.crt', 4000), FILE);
    assert.equal(cache.settled(bucket, 'a.crt', 4001), undefined);
    assert.equal(cache.settled(bucket, 'a.crt', 999), undefined);
  });

  it('never remembers a timeout, and clear() forgets everything', async () => {
    const cache = new ResolutionCache();
    const bucket = cache.bucket('k');
    await cache.get(bucket, 'slow.crt', 0, counting(TIMEOUT).compute);
    assert.equal(cache.settled(bucket, 'slow.crt', 0), undefined);
    await cache.get(bucket, 'a.crt', 0, counting(FILE).compute);
    cache.clear();
    assert.equal(cache.settled(cache.bucket('k'), 'a.crt', 0), undefined);
  });

  it('an urgent request does not join a resolution still under way; others do', async () => {
    const cache = new ResolutionCache();
    const bucket = cache.bucket('k');
    let release: (r: Resolution) => void = () => undefined;
    const slow = new Promise<Resolution>((resolve) => { release = resolve; });
    const first = cache.get(bucket, 'a.crt', 0, () => slow);
    assert.equal(cache.get(bucket, 'a.crt', 0, () => Promise.resolve(TIMEOUT)), first, 'a queued request shares it');
    const urgent = cache.get(bucket, 'a.crt', 0, () => Promise.resolve(FILE), true);
    assert.notEqual(urgent, first);
    assert.deepEqual(await urgent, FILE);
    release(TIMEOUT);
    await first;
  });

  it('past its capacity it drops the least recently used entry', async () => {
    const cache = new ResolutionCache(2);
    const bucket = cache.bucket('k');
    await cache.get(bucket, 'a', 0, counting(FILE).compute);
    await cache.get(bucket, 'b', 0, counting(FILE).compute);
    assert.ok(cache.settled(bucket, 'a', 0), 'a is used again, so b is now the oldest');
    await cache.get(bucket, 'c', 0, counting(FILE).compute);
    assert.ok(cache.settled(bucket, 'a', 0));
    assert.equal(cache.settled(bucket, 'b', 0), undefined);
    assert.ok(cache.settled(bucket, 'c', 0));
  });
});
