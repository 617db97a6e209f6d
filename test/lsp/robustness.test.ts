/**
 * Inputs that come with size, sent to the real server over stdio (scaled down; the benchmark
 * opens the full sizes): a finding or nothing, never a crashed server.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

describe('the server on deep and long documents', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-lsp-size-'));
    ({ client } = await LspTestClient.start({ rootPath: dir }));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Go's encoding/json refuses nesting deeper than 10,000 (maxNestingDepth in scanner.go).
  it('a 100,000-deep nesting is one finding, and the server keeps answering', async () => {
    const uri = `file://${dir}/config.json`;
    const depth = 100_000;
    const text = `{"client": {"token": {"hmac_secret_key": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'nested-too-deeply'), 20_000);
    assert.equal(diagnostics.filter((d: Diagnostic) => d.code === 'nested-too-deeply').length, 1);
    // Still answering: a request on the same document, then an edit that removes the nesting.
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    await client.change(uri, '{"client": {"token": {"hmac_secret_key": []}}}', 2);
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'nested-too-deeply'), 20_000);
  });

  it('a 5 MB string value is validated, edited and validated again', async () => {
    const uri = `file://${dir}/centrifugo.json`;
    const config = (key: string) => JSON.stringify({ client: { token: { hmac_secret_key: key } }, http_server: { tls: { enabled: true } } });
    await client.open(uri, config('k'.repeat(5 * 1024 * 1024)));
    const first = await client.waitForDiagnostics(uri, (d) => d.length > 0, 20_000);
    await client.change(uri, config('j'.repeat(5 * 1024 * 1024)), 2);
    const second = await client.waitForDiagnostics(uri, (d) => d.length > 0 && d !== first, 20_000);
    assert.deepEqual(second.map((d) => d.code), first.map((d) => d.code));
  });
});
