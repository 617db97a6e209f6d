/** config.yaml and config.toml through the real server: diagnostics, hover and lenses in each format. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code)).sort();

describe('YAML and TOML configs in the real server', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-lsp-formats-'));
    ({ client } = await LspTestClient.start({ rootPath: dir }));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'config.yaml', language: 'yaml', text: '# HTTP server\nhttp_server:\n  tls:\n    enabled: true\n    cert_pem: missing.crt\n    key_pem: missing.key\n', keyLine: 4, broken: 'log:\n  level: [\n' },
    { name: 'config.toml', language: 'toml', text: '# HTTP server\n[http_server.tls]\nenabled = true\ncert_pem = "missing.crt"\nkey_pem = "missing.key"\n', keyLine: 3, broken: '[log\nlevel = "info"\n' },
  ];

  for (const c of cases) {
    it(`${c.name}: squiggles at the value, a hover on the key, syntax errors in its format's words`, async () => {
      const uri = `file://${dir}/${c.name}`;
      await client.open(uri, c.text, c.language);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-file'));
      assert.deepEqual(codes(diagnostics), ['missing-file', 'missing-file']);
      assert.equal(diagnostics.find((d) => d.code === 'missing-file')?.range.start.line, c.keyLine);
      const line = c.text.split('\n')[c.keyLine];
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: c.keyLine, character: line.indexOf('cert_pem') + 2 } });
      assert.match(JSON.stringify(hover?.contents ?? ''), /cert_pem/);
      await client.change(uri, c.text + c.broken, 2);
      const broken = await client.waitForDiagnostics(uri, (d) => d.some((x) => String(x.code).endsWith('-syntax')));
      assert.ok(codes(broken).includes(`${c.language}-syntax`) && !codes(broken).includes('json-syntax'), codes(broken).join());
    });
  }

  it('a lens on a certificate in YAML', async () => {
    const json = `file://${dir}/centrifugo.json`;
    const yaml = `file://${dir}/centrifugo.yaml`;
    await client.open(json, JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: 'missing.crt', key_pem: 'missing.key' } } }, null, 2));
    await client.open(yaml, 'http_server:\n  tls:\n    enabled: true\n    cert_pem: missing.crt\n    key_pem: missing.key\n', 'yaml');
    const lensesJson = await client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri: json } });
    const lensesYaml = await client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri: yaml } });
    assert.equal((lensesYaml ?? []).length, (lensesJson ?? []).length);
  });
});
