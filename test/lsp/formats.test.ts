/** config.yaml and config.toml through the real server: diagnostics, hover and lenses in each format. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
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

  it('the same certificate lens in JSON, YAML and TOML', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=rt.example',
      '-addext', 'subjectAltName=DNS:rt.example', '-days', '30', '-keyout', path.join(dir, 'server.key'), '-out', path.join(dir, 'server.crt')], { stdio: 'pipe' });
    const texts: [string, string, string][] = [
      ['centrifugo.json', 'json', JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' } } }, null, 2)],
      ['centrifugo.yaml', 'yaml', 'http_server:\n  tls:\n    enabled: true\n    cert_pem: server.crt\n    key_pem: server.key\n'],
      ['centrifugo.toml', 'toml', '[http_server.tls]\nenabled = true\ncert_pem = "server.crt"\nkey_pem = "server.key"\n'],
    ];
    const titles: string[][] = [];
    for (const [name, language, text] of texts) {
      const uri = `file://${dir}/${name}`;
      await client.open(uri, text, language);
      let lenses: CodeLens[] = [];
      for (let i = 0; i < 50 && lenses.length === 0; i++) {
        lenses = (await client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
        if (lenses.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      titles.push(lenses.map((l) => l.command?.title ?? ''));
    }
    assert.ok(titles[0].length > 0 && titles[0].some((t) => /Expires in \d+ days/.test(t)), JSON.stringify(titles[0]));
    assert.deepEqual(titles[1], titles[0]);
    assert.deepEqual(titles[2], titles[0]);
  });

  it('completes TLS fields in YAML and TOML with text in the file\'s syntax, kept as written (insertTextMode asIs)', async () => {
    const texts: [string, string, string, string][] = [
      ['centrifugo-complete.yaml', 'yaml', 'http_server:\n  tls:\n    enabled: true\n    \n', 'key_pem: $1'],
      ['centrifugo-complete.toml', 'toml', '[http_server.tls]\nenabled = true\n\n', 'key_pem = "$1"'],
    ];
    for (const [name, language, text, expected] of texts) {
      const uri = `file://${dir}/${name}`;
      await client.open(uri, text, language);
      const lines = text.split('\n');
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 3 - (language === 'toml' ? 1 : 0), character: lines[language === 'toml' ? 2 : 3].length } });
      const item = list.items.find((i) => i.label === 'key_pem');
      assert.equal(item?.textEdit?.newText, expected, name);
      assert.equal(item?.insertTextMode, 1, name);
      assert.ok(!list.items.some((i) => i.label === 'enabled'), name);
    }
  });
});
