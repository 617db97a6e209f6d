import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { REPO_ROOT } from '../helpers/paths';

const URI = 'file:///tmp/centrifugo-lsp-test/config.json';
const TEXT = '{\n  "http_server": {\n    "tls": {\n      "enabled": true,\n      \n    }\n  }\n}\n';

describe('the language server over stdio', () => {
  let client: LspTestClient;
  let init: InitializeResult;

  before(async () => {
    ({ client, initializeResult: init } = await LspTestClient.start());
    await client.open(URI, TEXT);
  });

  after(() => client?.kill());

  it('announces completion, hover and incremental sync', () => {
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, ['"', '/', ':']);
    assert.equal(init.capabilities.textDocumentSync, 2);
    assert.equal(init.serverInfo?.name, 'centrifugo-config');
    // The version is package.json's, not a second copy written into the server.
    assert.equal(init.serverInfo?.version, (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('completes the fields of http_server.tls, answering null settings with defaults', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 4, character: 6 } });
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['cert_pem', 'client_ca_pem', 'insecure_skip_verify', 'key_pem', 'server_ca_pem', 'server_name']);
  });

  it('hovers a TLS field with its documentation', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 3, character: 9 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*`enabled`\*\*.*Switches this TLS configuration on/s);
    assert.deepEqual(hover.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 15 } });
  });

  it('pushes diagnostics to a client that does not pull them', async () => {
    await client.change(URI, '{\n  "http_server": {"tls": {"enabled": true,}}\n}\n', 2);
    // The first version has a trailing comma too (line 3): wait for the second version's.
    const diagnostics = await client.waitForDiagnostics(URI, (d) => d.some((x) => x.code === 'json-trailing-comma' && x.range.start.line === 1));
    const comma = diagnostics.find((d) => d.code === 'json-trailing-comma')!;
    assert.equal(comma.source, 'centrifugo');
    assert.deepEqual(comma.range.start, { line: 1, character: 41 });
  });

  it('answers a request for an unknown document with null instead of failing', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///nope/config.json' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  it('shuts down cleanly with exit code 0', async () => {
    const code = await client.stop();
    assert.equal(code, 0);
  });
});
