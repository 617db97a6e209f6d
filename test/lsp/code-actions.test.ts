import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, InitializeResult, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/documents';
import { LspTestClient } from '../helpers/lspClient';

const CERT = '-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIUQQ==\r\n-----END CERTIFICATE-----\r\n';

function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | null | undefined): string {
  const edits = edit?.changes?.[uri];
  assert.ok(edits, `the edit changes ${uri}`);
  return applyEdits(text, edits);
}

function rangeOf(text: string, needle: string): Range {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

describe('code actions from the real server', () => {
  let dir: string;
  let client: LspTestClient;
  let initializeResult: InitializeResult;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'centrifugo-lsp-actions-'));
    ({ client, initializeResult } = await LspTestClient.start({ rootPath: dir }));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces quick fixes and rewrites', () => {
    assert.deepEqual(initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'], resolveProvider: false });
  });

  it('converts an inline PEM value to base64 and back, with no diagnostic needed', async () => {
    const uri = `file://${dir}/config.json`;
    const original = `{
  // dev
  "http_server": {
    "tls": {
      "enabled": false,
      "cert_pem": ${JSON.stringify(CERT)}
    }
  }
}
`;
    await client.open(uri, original);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: rangeOf(original, 'BEGIN CERTIFICATE'), context: { diagnostics: [] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Convert to base64', 'refactor.rewrite']]);
    const converted = applyWorkspaceEdit(original, uri, actions[0].edit);
    assert.equal(converted, original.replace(JSON.stringify(CERT), JSON.stringify(Buffer.from(CERT).toString('base64'))));

    await client.change(uri, converted, 2);
    const back = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: rangeOf(converted, '"cert_pem"'), context: { diagnostics: [] },
    });
    assert.deepEqual(back.map((a) => a.title), ['Convert to PEM text']);
    assert.equal(applyWorkspaceEdit(converted, uri, back[0].edit), original);
  });

  it('fixes a published diagnostic, and filters by the kinds asked for', async () => {
    const uri = `file://${dir}/centrifugo.json`;
    const text = '{\n  "http_server": {\n    "tls": {\n      "enabled": true,\n      "cert_pem_file": "server.crt",\n      "key_pem": "server.key"\n    }\n  }\n}\n';
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-in-version'));
    const diagnostic = published.find((d) => d.code === 'unknown-in-version') as Diagnostic;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find((a) => a.title === 'Rename to cert_pem');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    assert.equal(applyWorkspaceEdit(text, uri, fix.edit), text.replace('"cert_pem_file"', '"cert_pem"'));

    const rewritesOnly = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['refactor'] },
    });
    assert.deepEqual(rewritesOnly, []);
  });

  it('generates a development certificate and the edit that uses it', async () => {
    const generated = await client.request<{ certPem: string; keyPem: string; notAfter: string }>('centrifugo/generateDevCertificate', { hosts: ['chat.acme.test'] });
    assert.match(generated.certPem, /^-----BEGIN CERTIFICATE-----\n/);
    assert.match(generated.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    const refused = await client.request<{ error: string }>('centrifugo/generateDevCertificate', { hosts: ['chat_acme'] });
    assert.match(refused.error, /neither a host name nor an IP address/);

    const uri = `file://${dir}/centrifugo-dev.json`;
    const text = '{\n  "http_server": {\n    "port": 8000\n  }\n}\n';
    await client.open(uri, text);
    const edit = await client.request<WorkspaceEdit | null>('centrifugo/devCertificateEdit', {
      uri, certPath: path.join(dir, 'chat.acme.test.crt'), keyPath: path.join(dir, 'chat.acme.test.key'),
    });
    assert.equal(applyWorkspaceEdit(text, uri, edit),
      '{\n  "http_server": {\n    "port": 8000,\n    "tls": {\n      "enabled": true,\n      "cert_pem": "chat.acme.test.crt",\n      "key_pem": "chat.acme.test.key"\n    }\n  }\n}\n');
  });
});
