/**
 * The structural validators on configs as people wrote them (test/fixtures/real-world, see its
 * README and MANIFEST.tsv for where each file comes from):
 * Centrifugo configs of every era give sensible findings and never crash; other programs'
 * configs that reuse Centrifugo's key names get nothing at all.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from '../helpers/paths';
import { DiagnosticSeverity, codes, fmt, includesAll, one, validate, validateAll, withCode } from './diagnostics-support';

const DATA = path.join(FIXTURES, 'real-world');
const CENTRIFUGO = path.join(DATA, 'centrifugo');
const OTHER = path.join(DATA, 'other');

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

/** Structural findings expected per file (auto version detection); files not listed expect none. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // v5 namespaces with v2-v4 keys (`publish`, `history_recover`...): v5 warns about each (internal/rule/unknown_keys.go@v5.4.9).
  '05-arack-config.json': ['unknown-field', 'unknown-field'],
  '06-moonshrd-centrifugo.json': Array<string>(10).fill('unknown-field'),
  // Top-level keys of Centrifugo v2/v3 (`v3_use_offset`, `secret`, `publish`, `proxy_connect`) that v5 never reads.
  '08-issue451-tls-config.json': ['unknown-field'],
  '09-issue283-autocert-config.json': ['unknown-field'],
  '20-buggregator-centrifugo.json': ['unknown-field', 'unknown-field'],
  // Issue #831's proposal: documented top-level tls object in a v5 file, and redis_tls as an object.
  '11-issue831-tls-object-proposal.json': ['type-mismatch', 'wrong-location'],
  // Maintainers' fixture: top-level tls object (v6), Kafka TLS with a certificate and no key, and
  // `unified_proxy`, which no v6 struct reads (findUnknownKeys, internal/config/config.go:308@v6.9.1),
  // and a proxy without endpoint, which Validate() refuses (validate.go:525@v6.9.1; the fixture only tests parsing).
  '17-centrifugo-testdata-config.json': ['invalid-value', 'mixed-source-pair', 'unknown-field', 'wrong-location'],
  '22-docs-v6-tls-object-keypem-paths.json': ['wrong-location'],
  '23-docs-v6-unified-proxy-grpc-tls.json': ['wrong-location'],
  '25-docs-v6dev-tls-object-pem-file.json': ['unknown-in-version', 'unknown-in-version', 'wrong-location'],
  '26-docs-v6-http-server-tls-autocert.json': ['autocert-email', 'autocert-host', 'type-mismatch'],
  // Half v5, half v6: `"broker": "redis"` makes it v5 (a v6 section given a scalar), so v5 reads
  // `admin`, `sse` and `http_stream` objects as false and ignores the v6 sections.
  '27-abbacchio-centrifugo.prod.json': [
    'type-mismatch', 'type-mismatch', 'type-mismatch',
    'unknown-in-version', 'unknown-in-version', 'unknown-in-version', 'unknown-in-version', 'unknown-in-version',
  ],
};

describe('real-world Centrifugo configs', () => {
  const files = jsonFiles(CENTRIFUGO);

  test('the corpus is there', () => {
    assert.ok(files.length >= 20, `found ${files.length} files in ${CENTRIFUGO}`);
    for (const name of Object.keys(EXPECTED)) assert.ok(files.includes(name), `${name} is missing from the corpus`);
  });

  for (const name of files) {
    test(`${name}: no crash, expected findings`, async () => {
      const text = read(CENTRIFUGO, name);
      const all = await validateAll(text);
      for (const d of all) {
        assert.equal(d.source, 'centrifugo');
        assert.ok(d.range.start.line <= d.range.end.line, `${d.code} has an inverted range`);
        assert.equal(typeof d.message, 'string');
      }
      const structural = await validate(text);
      assert.deepEqual(codes(structural), [...(EXPECTED[name] ?? [])].sort(),
        structural.map((d) => `${d.code} ${fmt(d.range)} ${d.message}`).join('\n'));
    });
  }

  test('25 (the v6-development docs example): wrong-location on tls, unknown-in-version on both _file keys', async () => {
    const diags = await validate(read(CENTRIFUGO, '25-docs-v6dev-tls-object-pem-file.json'));
    const where = one(diags, 'wrong-location', { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } }, DiagnosticSeverity.Warning);
    assert.equal(where.data.moveTo, 'http_server.tls');
    const key = one(diags, 'unknown-in-version', { start: { line: 3, character: 4 }, end: { line: 3, character: 18 } }, DiagnosticSeverity.Warning);
    assert.equal(key.data.moveTo, 'key_pem');
    const cert = one(diags, 'unknown-in-version', { start: { line: 4, character: 4 }, end: { line: 4, character: 19 } }, DiagnosticSeverity.Warning);
    assert.equal(cert.data.moveTo, 'cert_pem');
  });

  test('01 and 28 (v5 flat autocert keys) are read where they stand: no wrong-location', async () => {
    for (const name of ['01-ftown-config.prod.json', '28-ftown-readme-autocert.json']) {
      const diags = await validate(read(CENTRIFUGO, name));
      assert.deepEqual(withCode(diags, 'wrong-location'), [], name);
      assert.deepEqual(diags, [], name);
    }
  });

  test('26 (v6 docs autocert): the string host_whitelist and the placeholders', async () => {
    const text = read(CENTRIFUGO, '26-docs-v6-http-server-tls-autocert.json');
    const diags = await validate(text);
    const type = one(diags, 'type-mismatch', { start: { line: 4, character: 24 }, end: { line: 4, character: 41 } }, DiagnosticSeverity.Warning);
    assert.equal(type.data.replacement, '["www.example.com"]');
    // Inside the quotes: just the name.
    one(diags, 'autocert-host', { start: { line: 4, character: 25 }, end: { line: 4, character: 40 } }, DiagnosticSeverity.Error);
  });

  test('11 (issue #831 proposal) is read as v5: the tls object and the redis_tls object', async () => {
    const diags = await validate(read(CENTRIFUGO, '11-issue831-tls-object-proposal.json'));
    includesAll(one(diags, 'wrong-location', { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } }, DiagnosticSeverity.Warning).message,
      'Centrifugo v5 does not read a `tls` object');
    includesAll(withCode(diags, 'type-mismatch')[0].message as string, '`redis_tls` is an on/off switch');
  });

  test('17 (maintainers\' fixture): the Kafka certificate without a key (skipped, Centrifugo starts: a warning)', async () => {
    const diags = await validate(read(CENTRIFUGO, '17-centrifugo-testdata-config.json'));
    const d = one(diags, 'mixed-source-pair', { start: { line: 42, character: 10 }, end: { line: 42, character: 20 } }, DiagnosticSeverity.Warning);
    assert.equal(d.data.missingPath, 'consumers[0].kafka.tls.key_pem');
  });
});

describe('other programs\' configs', () => {
  const files = jsonFiles(OTHER);

  test('the corpus is there', () => {
    assert.ok(files.length >= 5, `found ${files.length} files in ${OTHER}`);
  });

  for (const name of files) {
    test(`${name}: not a Centrifugo config, no diagnostics at all`, async () => {
      assert.deepEqual(await validateAll(read(OTHER, name)), []);
    });
  }
});
