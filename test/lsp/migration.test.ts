/** `centrifugo/migrateToV6` over stdio: the edit a client applies, and what could not be carried over. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/documents';
import { LspTestClient } from '../helpers/lspClient';

const URI = 'file:///tmp/centrifugo-lsp-migrate/config.json';
const TEXT = '{\n  "token_hmac_secret_key": "s",\n  "port": "8000",\n  "sockjs": true\n}\n';

type Result = { edit: WorkspaceEdit; notCarried: { path: string; reason: string }[] } | { error: string };

describe('the migration request', () => {
  let client: LspTestClient;

  before(async () => {
    ({ client } = await LspTestClient.start());
    await client.open(URI, TEXT);
  });

  after(() => client?.kill());

  it('returns a whole-document edit and the settings left out', async () => {
    const result = await client.request<Result>('centrifugo/migrateToV6', { uri: URI });
    assert.ok(!('error' in result), JSON.stringify(result));
    const edits = result.edit.changes?.[URI] as TextEdit[];
    const migrated = JSON.parse(applyEdits(TEXT, edits)) as Record<string, unknown>;
    assert.deepEqual(migrated, { client: { token: { hmac_secret_key: 's' } }, http_server: { port: 8000 } });
    assert.deepEqual(result.notCarried.map((n) => n.path), ['sockjs']);
  });

  it('answers an unknown document with an error the client shows', async () => {
    const result = await client.request<Result>('centrifugo/migrateToV6', { uri: 'file:///nope/config.json' });
    assert.ok('error' in result);
  });
});
