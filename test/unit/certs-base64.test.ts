import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64Strict, encodeBase64, isStrictBase64 } from '../../server/src/service/certs/base64';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

test('decodes standard base64 with padding', () => {
  for (const sample of ['', 'a', 'ab', 'abc', 'abcd', PEM]) {
    const result = decodeBase64Strict(Buffer.from(sample).toString('base64'));
    assert.ok(result.ok, sample);
    assert.equal(Buffer.from(result.bytes).toString(), sample);
  }
});

test('ignores CR and LF anywhere, as Go does (base64 wraps at 76 columns)', () => {
  const wrapped = (Buffer.from(PEM.repeat(3)).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') + '\n';
  const result = decodeBase64Strict(wrapped);
  assert.ok(result.ok);
  assert.equal(Buffer.from(result.bytes).toString(), PEM.repeat(3));
});

test('rejects spaces and tabs, pointing at them', () => {
  assert.deepEqual(decodeBase64Strict('QUJD RA=='), { ok: false, offset: 4, reason: 'whitespace is not allowed in standard base64' });
  assert.equal(isStrictBase64('QUJD\tRA=='), false);
});

test('rejects missing padding, misplaced padding and the URL-safe alphabet', () => {
  const noPadding = decodeBase64Strict('QUJDRA');
  assert.equal(noPadding.ok, false);
  assert.equal(noPadding.ok === false && noPadding.offset, 6);
  assert.equal(isStrictBase64('QU=JD'), false);
  assert.equal(isStrictBase64('QUJD===='), false);
  assert.equal(isStrictBase64('QUJDRA==QUJD'), false);
  assert.equal(isStrictBase64('-_-_'), false);
  assert.equal(isStrictBase64('Q==='), false);
});

test('encodes without line breaks', () => {
  const encoded = encodeBase64(PEM.repeat(10));
  assert.ok(!encoded.includes('\n'));
  assert.ok(isStrictBase64(encoded));
  assert.equal(encodeBase64(new Uint8Array([0xfb, 0xff])), '+/8=');
});

test('line breaks may even split the padding, and padding bits need not be zero (Go StdEncoding)', () => {
  const split = decodeBase64Strict('QQ=\n=');
  assert.ok(split.ok);
  assert.deepEqual([...split.bytes], [0x41]);
  const loose = decodeBase64Strict('QR==');
  assert.ok(loose.ok);
  assert.deepEqual([...loose.bytes], [0x41]);
});
