import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const lacks = (code: string) => (d: Diagnostic[]) => !d.some((x) => x.code === code);

describe('diagnostics from the real server', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-lsp-diag-'));
    ({ client } = await LspTestClient.start({ rootPath: dir }));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a missing file and a shadowed source, then clears them when fixed', async () => {
    const uri = `file://${dir}/config.json`;
    const v5 = (withPem: boolean) => JSON.stringify({
      token_hmac_secret_key: 'secret',
      proxy_grpc_tls: {
        enabled: true, cert_pem_file: 'client.crt', key_pem_file: 'client.key',
        ...(withPem ? { cert_pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' } : {}),
      },
    }, null, 2);
    await client.open(uri, v5(true));
    const first = await client.waitForDiagnostics(uri, (d) => has('missing-file')(d) && has('shadowed-source')(d));
    const missing = first.filter((d) => d.code === 'missing-file');
    assert.equal(missing.length, 2);
    assert.match(String(missing[0].message), new RegExp(`No file at ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/client\\.crt`));
    const shadowed = first.find((d) => d.code === 'shadowed-source')!;
    assert.deepEqual(shadowed.tags, [1], 'faded as unnecessary');
    assert.equal(shadowed.severity, 2);

    // Create the files: the client's watcher reports it and the diagnostics go away without editing.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=client',
      '-addext', 'subjectAltName=DNS:client', '-days', '30', '-keyout', path.join(dir, 'client.key'), '-out', path.join(dir, 'client.crt')], { stdio: 'pipe' });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: `file://${dir}/client.crt`, type: 1 }, { uri: `file://${dir}/client.key`, type: 1 }],
    });
    await client.waitForDiagnostics(uri, lacks('missing-file'));

    await client.change(uri, v5(false), 2);
    await client.waitForDiagnostics(uri, (d) => lacks('shadowed-source')(d) && lacks('missing-file')(d));
  });

  it('answers every request on bad inputs without hanging (a FIFO, a locked file, a 5 MB value)', async () => {
    const fifo = path.join(dir, 'pipe.crt');
    execFileSync('mkfifo', [fifo]);
    fs.mkdirSync(path.join(dir, 'certs-dir'));
    fs.writeFileSync(path.join(dir, 'binary.crt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    fs.writeFileSync(path.join(dir, 'locked.crt'), 'x');
    fs.chmodSync(path.join(dir, 'locked.crt'), 0o000);
    const big = 'A'.repeat(5 * 1024 * 1024);
    const inputs: Record<string, string> = {
      'truncated.json': '{"http_server": {"tls": {"enabled": true, "cert_pem": "ser',
      'huge.json': `{"http_server": {"tls": {"enabled": true, "cert_pem": "${big}", "key_pem": "x.key"}}}`,
      'files.json': JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: 'binary.crt', key_pem: 'pipe.crt', client_ca_pem: 'certs-dir', server_ca_pem: 'locked.crt' } } }),
    };
    let version = 10;
    for (const [name, text] of Object.entries(inputs)) {
      const uri = `file://${dir}/centrifugo-${name}`;
      const started = Date.now();
      await client.open(uri, text, 'json', version++);
      const position = { line: 0, character: Math.min(40, text.length) };
      await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      const diagnostics = await client.waitForDiagnostics(uri, () => true, 3000);
      const elapsed = Date.now() - started;
      // A hang detector, not a speed test (speed is the benchmark's): a blocking read of the FIFO
      // would never return, so a generous bound keeps the test steady on a loaded machine.
      assert.ok(elapsed < 5000, `${name}: answered in ${elapsed} ms`);
      if (name === 'files.json') {
        const messages = diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
        assert.match(messages, /missing-file: .*pipe\.crt is not a regular file/);
        assert.match(messages, /missing-file: .*certs-dir is a directory/);
        assert.match(messages, /(invalid-pem|der-not-pem): /);
      }
      if (name === 'truncated.json') assert.ok(diagnostics.some((d) => d.code === 'json-syntax'));
    }
  });
});
