/**
 * Quick fixes in YAML and TOML configs write the file's own syntax: each test applies the fix,
 * parses the edited text with the format's reader and compares the value; comments in the
 * untouched parts survive.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CodeAction, Position, Range } from 'vscode-languageserver-types';
import { parseToml } from '../../server/src/service/model/tomlTree';
import { getNodeValue } from '../../server/src/service/model/tree';
import { parseYaml } from '../../server/src/service/model/yamlTree';
import { createCertificate, daysFrom, generateKey, NOW, type TestCert, type TestKey } from '../helpers/certFactory';
import { applyEdits, CONFIG_DIR, makeRequest, newService } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

type Format = 'yaml' | 'toml';

function covers(range: Range, position: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}

async function fix(format: Format, text: string, needle: string, title: string, version: 'v5' | 'v6', files: Record<string, string> = {}): Promise<string> {
  const env = new MemoryEnvironment(NOW);
  for (const [name, content] of Object.entries(files)) env.addFile(`${CONFIG_DIR}/${name}`, content);
  const { service } = newService(env);
  const request = makeRequest(text, { settings: { version }, context: { configPath: `${CONFIG_DIR}/config.${format}`, workspaceFolder: CONFIG_DIR } });
  const position = request.document.positionAt(text.indexOf(needle) + 1);
  const diagnostics = (await service.doValidation(request)).filter((d) => covers(d.range, position));
  const actions: CodeAction[] = await service.doCodeActions(request, { start: position, end: position }, diagnostics);
  const found = actions.find((a) => a.title === title);
  assert.ok(found, `no action ${title}; got ${JSON.stringify(actions.map((a) => a.title))}`);
  return applyEdits(text, found.edit?.changes?.[request.document.uri] ?? []);
}

function read(format: Format, text: string): unknown {
  const tree = format === 'yaml' ? parseYaml(text, 'yaml.v2') : parseToml(text);
  assert.deepEqual(tree.problems, [], text);
  return JSON.parse(JSON.stringify(getNodeValue(tree.root as never)));
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let cert: TestCert;
let key: TestKey;

before(async () => {
  key = await generateKey({ kind: 'ec', curve: 'P-256' });
  cert = await createCertificate({ subject: 'CN=api.example.org', notBefore: daysFrom(NOW, -10), notAfter: daysFrom(NOW, 300), ca: false, dnsNames: ['api.example.org'], key });
});

function v5Config(format: Format): string {
  const indented = (pem: string, pad: string) => pem.trimEnd().split('\n').map((l) => pad + l).join('\n');
  if (format === 'yaml') return `# gRPC proxy\ntoken_hmac_secret_key: s\nproxy_grpc_tls:\n  enabled: true # on\n  cert_pem: |\n${indented(cert.pem, '    ')}\n  key_pem: |\n${indented(key.pem, '    ')}\n`;
  return `# gRPC proxy\ntoken_hmac_secret_key = "s"\n\n[proxy_grpc_tls]\nenabled = true # on\ncert_pem = """\n${cert.pem}"""\nkey_pem = """\n${key.pem}"""\n`;
}

for (const format of ['yaml', 'toml'] as const) {
  describe(`quick fixes in ${format.toUpperCase()}`, () => {
    it('PEM to base64 and back: the values parse back exactly, PEM as a block scalar / multi-line string', async () => {
      const original = v5Config(format);
      const converted = await fix(format, original, 'cert_pem', 'Convert certificate and key to base64 (cert_pem_b64, key_pem_b64)', 'v5');
      assert.ok(converted.startsWith('# gRPC proxy\n') && converted.includes('# on'), converted);
      assert.deepEqual((read(format, converted) as { proxy_grpc_tls: unknown }).proxy_grpc_tls, { enabled: true, cert_pem_b64: b64(cert.pem), key_pem_b64: b64(key.pem) });
      const back = await fix(format, converted, 'key_pem_b64', 'Convert certificate and key to PEM text (cert_pem, key_pem)', 'v5');
      assert.deepEqual((read(format, back) as { proxy_grpc_tls: unknown }).proxy_grpc_tls, { enabled: true, cert_pem: cert.pem, key_pem: key.pem });
      assert.ok(format === 'yaml' ? back.includes('cert_pem: |\n    -----BEGIN CERTIFICATE-----') : back.includes('cert_pem = """\n-----BEGIN CERTIFICATE-----'), back);
      assert.ok(back.includes('# on'));
    });

    it('v6: converts the value in place, and removes a shadowed source', async () => {
      const text = format === 'yaml'
        ? `http_server:\n  # TLS\n  tls:\n    enabled: true\n    cert_pem: |\n${cert.pem.trimEnd().split('\n').map((l) => `      ${l}`).join('\n')}\n    key_pem: server.key\n`
        : `[http_server.tls]\n# TLS\nenabled = true\ncert_pem = """\n${cert.pem}"""\nkey_pem = "server.key"\n`;
      const converted = await fix(format, text, 'cert_pem', 'Convert to base64', 'v6', { 'server.key': key.pem });
      assert.deepEqual(read(format, converted), { http_server: { tls: { enabled: true, cert_pem: b64(cert.pem), key_pem: 'server.key' } } });
      assert.ok(converted.includes('# TLS'));
    });
  });
}
