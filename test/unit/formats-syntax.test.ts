/**
 * How each format is decoded, rule by rule, as Centrifugo's decoders do it (yaml.v2 for v5,
 * yaml.v3 for v6, go-toml), and what the service says where decoding is not what it looks like.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToml } from '../../server/src/service/model/tomlTree';
import { findNodeAtLocation, findNodeAtOffset, getNodePath, getNodeValue, MAX_DEPTH } from '../../server/src/service/model/tree';
import { parseYaml } from '../../server/src/service/model/yamlTree';
import { CONFIG_DIR, makeRequest, newService } from '../helpers/documents';

const value = (tree: { root: unknown }): unknown => JSON.parse(JSON.stringify(getNodeValue(tree.root as never)));

async function diagnose(text: string, file: string, version: 'v5' | 'v6' = 'v6'): Promise<{ code: string; line: number; message: string }[]> {
  const { service } = newService();
  const request = makeRequest(text, { settings: { version }, context: { configPath: `${CONFIG_DIR}/${file}`, workspaceFolder: CONFIG_DIR, forced: true } });
  return (await service.doValidation(request)).map((d) => ({ code: String(d.code), line: d.range.start.line, message: String(d.message) }));
}

describe('YAML as Centrifugo decodes it', () => {
  it('anchors, aliases and merge keys: the map\'s own keys win, then the first merge source (yaml.v3 decode.go merge)', () => {
    const tree = parseYaml('base: &tls\n  enabled: true\n  cert_pem: a.crt\nother: &o {key_pem: o.key, cert_pem: o.crt}\nhttp_server:\n  tls:\n    <<: [*tls, *o]\n    cert_pem: b.crt\ncopy: *tls\n');
    assert.deepEqual(tree.problems, []);
    assert.deepEqual(value(tree), {
      base: { enabled: true, cert_pem: 'a.crt' }, other: { key_pem: 'o.key', cert_pem: 'o.crt' },
      http_server: { tls: { enabled: true, key_pem: 'o.key', cert_pem: 'b.crt' } }, copy: { enabled: true, cert_pem: 'a.crt' },
    });
    // A merged key points at the text that defines it.
    const merged = findNodeAtLocation(tree.root, ['http_server', 'tls', 'key_pem']);
    assert.equal(merged?.offset, 'base: &tls\n  enabled: true\n  cert_pem: a.crt\nother: &o {key_pem: '.length);
  });

  it('reads only the first document and says the others are ignored', async () => {
    const text = 'http_server:\n  port: 8000\n---\nhttp_server:\n  port: 9000\n';
    assert.deepEqual(value(parseYaml(text)), { http_server: { port: 8000 } });
    assert.deepEqual((await diagnose(text, 'config.yaml')).map((d) => `${d.code}@${d.line}`), ['yaml-ignored-document@2']);
  });

  it('yes/on/off are booleans to v5 (yaml.v2 resolve.go:37) and text to v6 (yaml.v3), and the finding says so', async () => {
    const text = 'tls: on\ntls_cert: a\nadmin: yes\n';
    assert.deepEqual(value(parseYaml(text, 'yaml.v2')), { tls: true, tls_cert: 'a', admin: true });
    assert.deepEqual(value(parseYaml(text, 'yaml.v3')), { tls: 'on', tls_cert: 'a', admin: 'yes' });
    const v5 = (await diagnose(text, 'config.yaml', 'v5')).filter((d) => d.code === 'value-converted');
    assert.equal(v5.length, 2);
    assert.match(v5[0].message, /Centrifugo v5 \(yaml\.v2\) reads `on` as the boolean true/);
    const v6 = (await diagnose('http_server:\n  tls:\n    enabled: on\n', 'config.yaml', 'v6')).filter((d) => d.code === 'value-converted');
    assert.match(v6[0].message, /reads `on` as the text "on", not as a boolean/);
  });

  it('quoted numbers and durations stay text; unquoted ones follow Go\'s number rules (0777 is octal, 1_000 is 1000)', () => {
    const tree = parseYaml('a: "8000"\nb: 8000\nc: 1s\nd: 0777\ne: 1_000\nf: 0x1F\ng: 1.5\nh: ~\ni: "true"\nj: 2026-01-01\n', 'yaml.v3');
    assert.deepEqual(value(tree), { a: '8000', b: 8000, c: '1s', d: 511, e: 1000, f: 31, g: 1.5, h: null, i: 'true', j: '2026-01-01' });
    const notes = [...tree.conversions.values()].map((c) => c.written);
    assert.deepEqual(notes, ['0777', '1_000', '0x1F', '2026-01-01']);
  });

  it('PEM in a block scalar is the PEM text', () => {
    const tree = parseYaml('http_server:\n  tls:\n    cert_pem: |\n      -----BEGIN CERTIFICATE-----\n      AAAA\n      -----END CERTIFICATE-----\n');
    assert.equal(findNodeAtLocation(tree.root, ['http_server', 'tls', 'cert_pem'])?.value, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  });

  it('v6 refuses a duplicate key (yaml.v3 decode.go:769); v5 keeps the last, with the duplicate-key warning', async () => {
    const text = 'http_server:\n  port: 1\n  port: 2\n';
    assert.deepEqual((await diagnose(text, 'config.yaml', 'v6')).map((d) => d.code), ['yaml-syntax']);
    const v5 = (await diagnose('tls: true\ntls: false\ntls_cert: a\n', 'config.yaml', 'v5')).map((d) => d.code);
    assert.ok(v5.includes('duplicate-key') && !v5.includes('yaml-syntax'), v5.join());
  });

  it('syntax errors in YAML\'s words, located', async () => {
    const found = await diagnose('http_server:\n  port: 1\n bad: [\n', 'config.yaml');
    assert.ok(found.length > 0 && found.every((d) => d.code === 'yaml-syntax'));
    assert.match(found[0].message, /^YAML: .+ Centrifugo cannot read this file until it is fixed\.$/);
  });

  it('billion laughs stops where yaml.v3 stops, with a finding, in bounded time', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = process.hrtime.bigint();
    const tree = parseYaml(lines.join('\n'));
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 20_000);
    assert.equal(tree.problems.length, 1);
    assert.match(tree.problems[0].message, /Excessive aliasing/);
  });

  it('a merge-key cycle and a self-referencing anchor are refused, not followed', () => {
    const tree = parseYaml('a: &a\n  b: 1\n  c: *a\n');
    assert.match(tree.problems.map((p) => p.message).join(' '), /anchor "a" contains an alias to itself/);
    const merge = parseYaml('a: &a\n  <<: *a\n  b: 1\n');
    assert.deepEqual(value(merge), { a: { b: 1 } });
  });

  it('a 100,000-deep flow sequence gives "nested too deeply", not a stack overflow', () => {
    const tree = parseYaml(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    assert.equal(tree.problems[0].kind, 'too-deep');
    assert.equal(tree.problems[0].offset, 3 + MAX_DEPTH);
  });
});

describe('TOML as Centrifugo decodes it', () => {
  it('tables, arrays of tables, dotted keys and inline tables make the same tree as JSON', () => {
    const text = '[http_server]\nport = 8000\ntls.enabled = true\n\n[client]\nallowed_origins = ["*"]\n\n[[proxies]]\nname = "a"\ngrpc = { tls = { enabled = true } }\n\n[[proxies]]\nname = "b"\n\n[[channel.namespaces]]\nname = "n"\n\n[http_server.tls_autocert]\nenabled = false\n';
    const tree = parseToml(text);
    assert.deepEqual(tree.problems, []);
    assert.deepEqual(value(tree), {
      http_server: { port: 8000, tls: { enabled: true }, tls_autocert: { enabled: false } }, client: { allowed_origins: ['*'] },
      proxies: [{ name: 'a', grpc: { tls: { enabled: true } } }, { name: 'b' }], channel: { namespaces: [{ name: 'n' }] },
    });
    // A table reopened after others is still found by offset.
    const offset = text.indexOf('enabled = false');
    assert.deepEqual(getNodePath(findNodeAtOffset(tree.root as never, offset) as never), ['http_server', 'tls_autocert', 'enabled']);
    assert.deepEqual(getNodePath(findNodeAtOffset(tree.root as never, text.indexOf('"b"')) as never), ['proxies', 1, 'name']);
  });

  it('multi-line strings carry PEM; a datetime is no string, and the finding says so', async () => {
    const tree = parseToml('[http_server.tls]\ncert_pem = """\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"""\nkey_pem = 2026-01-01T00:00:00Z\n');
    assert.equal(findNodeAtLocation(tree.root, ['http_server', 'tls', 'cert_pem'])?.value, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    assert.match([...tree.conversions.values()][0].note, /decodes `2026-01-01T00:00:00Z` as a TOML offset date time, not as text/);
  });

  it('syntax errors in TOML\'s words at the offending spot', async () => {
    const found = await diagnose('[http_server]\nport = 1\nport = 2\n', 'config.toml');
    assert.deepEqual(found.map((d) => `${d.code}@${d.line}`), ['toml-syntax@2']);
    assert.match(found[0].message, /^TOML: Defining a key multiple times is invalid\. Centrifugo cannot read this file until it is fixed\.$/);
  });

  it('a file with a million tables is refused at once with a finding', () => {
    const text = Array.from({ length: 1_000_000 }, (_, i) => `[t${i}]`).join('\n');
    const tree = parseToml(text);
    assert.equal(tree.root, undefined);
    assert.match(tree.problems[0].message, /More than 200,000 tables/);
  });

  it('deep inline nesting gives "nested too deeply", not a stack overflow', () => {
    const tree = parseToml(`a = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    assert.equal(tree.problems[0].kind, 'too-deep');
  });
});
