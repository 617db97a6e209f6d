/**
 * Which documents the real server serves (server/src/configFiles.ts): the client sends every
 * JSON document, the server answers only for configs — default names, or files the user listed
 * in `centrifugo.files` — and drops its findings when a file stops being listed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

/** A v6 config whose TLS certificate file is missing: a finding a served file always gets. */
const CONFIG = JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: 'missing.crt', key_pem: 'missing.key' } } }, null, 2);
const hasMissingFile = (d: Diagnostic[]) => d.some((x) => x.code === 'missing-file');

describe('documents the server serves', () => {
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-lsp-served-'));
    ({ client } = await LspTestClient.start({ rootPath: dir, settings: { files: ['deploy/*.json'] } }));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves a file listed in centrifugo.files relative to the folder, with lenses', async () => {
    const uri = `file://${dir}/deploy/prod.json`;
    await client.open(uri, CONFIG);
    await client.waitForDiagnostics(uri, hasMissingFile);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.length >= 2, JSON.stringify(lenses));
  });

  it('says nothing about a JSON file that is neither a default name nor listed', async () => {
    const uri = `file://${dir}/settings/app.json`;
    await client.open(uri, CONFIG);
    const published = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(published, []);
    assert.deepEqual(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } }), null);
    assert.equal(await client.request('centrifugo/documentInfo', { uri }), null);
  });

  it('drops its findings when the setting no longer lists the file', async () => {
    const uri = `file://${dir}/deploy/staging.json`;
    await client.open(uri, CONFIG);
    await client.waitForDiagnostics(uri, hasMissingFile);
    client.settings = { files: [] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });
});
