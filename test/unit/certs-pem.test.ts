import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePem, isLegacyEncrypted, looksLikePem, splitPem } from '../../server/src/service/certs/pem';

const BODY_A = Buffer.from('first block payload').toString('base64');
const BODY_B = Buffer.from('second block payload!').toString('base64');
const BODY_C = Buffer.from('third').toString('base64');
const block = (label: string, body: string): string => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

test('splits a chain of three blocks with offsets pointing at BEGIN..END', () => {
  const text = block('CERTIFICATE', BODY_A) + block('CERTIFICATE', BODY_B) + block('CERTIFICATE', BODY_C);
  const split = splitPem(text);
  assert.equal(split.problems.length, 0);
  assert.deepEqual(split.blocks.map((b) => Buffer.from(b.der).toString()), ['first block payload', 'second block payload!', 'third']);
  for (const b of split.blocks) {
    assert.ok(text.slice(b.range.start).startsWith('-----BEGIN CERTIFICATE-----'));
    assert.ok(text.slice(0, b.range.end).endsWith('-----END CERTIFICATE-----'));
  }
  assert.equal(split.hasTextOutsideBlocks, false);
});

test('tolerates CRLF line endings and trailing spaces on marker lines', () => {
  const text = `-----BEGIN CERTIFICATE-----  \r\n${BODY_A.slice(0, 8)}\r\n${BODY_A.slice(8)}\r\n-----END CERTIFICATE-----\r\n`;
  const split = splitPem(text);
  assert.equal(split.problems.length, 0);
  assert.equal(Buffer.from(split.blocks[0].der).toString(), 'first block payload');
  assert.equal(text.slice(split.blocks[0].range.end - 5, split.blocks[0].range.end), '-----');
});

test('accepts text before a block, like the dump of openssl x509 -text', () => {
  const text = 'Certificate:\n    Data:\n        Version: 3 (0x2)\n' + block('CERTIFICATE', BODY_A);
  const split = splitPem(text);
  assert.equal(split.blocks.length, 1);
  assert.equal(split.blocks[0].range.start, text.indexOf('-----BEGIN'));
  assert.equal(split.hasTextOutsideBlocks, true);
  assert.equal(split.problems.length, 0);
});

test('reads RFC 1421 headers of legacy encrypted keys', () => {
  const text = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0011223344556677\n\n${BODY_A}\n-----END RSA PRIVATE KEY-----\n`;
  const [only] = splitPem(text).blocks;
  assert.deepEqual(only.headers, [
    { name: 'Proc-Type', value: '4,ENCRYPTED' },
    { name: 'DEK-Info', value: 'AES-256-CBC,0011223344556677' },
  ]);
  assert.ok(isLegacyEncrypted(only));
  assert.equal(Buffer.from(only.der).toString(), 'first block payload');
});

test('reports END without BEGIN at the END line', () => {
  const text = `${BODY_A}\n-----END CERTIFICATE-----\n` + block('CERTIFICATE', BODY_B);
  const split = splitPem(text);
  assert.equal(split.blocks.length, 1);
  assert.equal(split.problems.length, 1);
  const [problem] = split.problems;
  assert.equal(problem.kind, 'end-without-begin');
  assert.equal(text.slice(problem.range.start, problem.range.end), '-----END CERTIFICATE-----');
});

test('reports BEGIN without END, also when a new BEGIN interrupts the block', () => {
  const text = `-----BEGIN CERTIFICATE-----\n${BODY_A}\n` + block('CERTIFICATE', BODY_B) + `-----BEGIN PRIVATE KEY-----\n${BODY_C}\n`;
  const split = splitPem(text);
  assert.equal(split.blocks.length, 1);
  assert.deepEqual(split.problems.map((p) => [p.kind, p.label, p.range.start]), [
    ['begin-without-end', 'CERTIFICATE', 0],
    ['begin-without-end', 'PRIVATE KEY', text.lastIndexOf('-----BEGIN PRIVATE KEY')],
  ]);
});

test('reports a label mismatch over the whole block and drops the block, as Go does', () => {
  const text = `-----BEGIN CERTIFICATE-----\n${BODY_A}\n-----END PRIVATE KEY-----\n`;
  const split = splitPem(text);
  assert.equal(split.blocks.length, 0);
  assert.equal(split.problems[0].kind, 'label-mismatch');
  assert.deepEqual(split.problems[0].range, { start: 0, end: text.trimEnd().length });
  assert.match(split.problems[0].detail, /begins as "CERTIFICATE" but ends as "PRIVATE KEY"/);
});

test('reports bad base64 on the line that holds the bad character', () => {
  const text = `-----BEGIN CERTIFICATE-----\n${BODY_A}\nAB$D\n-----END CERTIFICATE-----\n`;
  const split = splitPem(text);
  assert.equal(split.blocks.length, 0);
  const [problem] = split.problems;
  assert.equal(problem.kind, 'bad-base64');
  assert.equal(text.slice(problem.range.start, problem.range.end), 'AB$D');
});

test('reports missing padding at the last body line', () => {
  const text = `-----BEGIN CERTIFICATE-----\nQUJD\nQUI\n-----END CERTIFICATE-----\n`;
  const [problem] = splitPem(text).problems;
  assert.equal(problem.kind, 'bad-base64');
  assert.equal(text.slice(problem.range.start, problem.range.end), 'QUI');
});

test('looksLikePem needs one well-formed block, like pem.Decode', () => {
  assert.equal(looksLikePem(block('CERTIFICATE', BODY_A)), true);
  assert.equal(looksLikePem('garbage\n' + block('CERTIFICATE', BODY_A)), true);
  assert.equal(looksLikePem(`-----BEGIN CERTIFICATE-----\n${BODY_A}\n`), false);
  assert.equal(looksLikePem(BODY_A), false);
});

test('encodePem round-trips through splitPem with 64-column lines', () => {
  const der = new Uint8Array(200).map((_, i) => i);
  const pem = encodePem('CERTIFICATE', der);
  assert.ok(pem.split('\n').every((line) => line.length <= 64));
  assert.deepEqual(splitPem(pem).blocks[0].der, der);
});

test('spaces and tabs inside the body are ignored, as Go ignores them', () => {
  const text = `-----BEGIN CERTIFICATE-----\n  ${BODY_A.slice(0, 8)}\t${BODY_A.slice(8)}\n-----END CERTIFICATE-----\n`;
  const split = splitPem(text);
  assert.equal(split.problems.length, 0);
  assert.equal(Buffer.from(split.blocks[0].der).toString(), 'first block payload');
});
