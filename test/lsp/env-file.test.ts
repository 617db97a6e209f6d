/** A `.env` opened in a real server over stdio: a diagnostic and the certificate lens. */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { createCertificate, daysFrom, generateKey } from '../helpers/certFactory';
import { LspTestClient } from '../helpers/lspClient';

describe('an env file over stdio', () => {
  let client: LspTestClient;
  let dir: string;
  let envUri: string;
  const text = 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=server.crt\nCENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=server.key\nCENTRIFUGO_GRPC_API_TLS_ENABLED=yes\n';

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'centrifugo-lsp-env-'));
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await createCertificate({ subject: 'CN=env.example.com', key, ca: false, dnsNames: ['env.example.com'], notBefore: daysFrom(new Date(), -1), notAfter: daysFrom(new Date(), 200) });
    await fs.writeFile(path.join(dir, 'server.crt'), cert.pem);
    await fs.writeFile(path.join(dir, 'server.key'), key.pem);
    envUri = pathToFileURL(path.join(dir, '.env')).href;
    ({ client } = await LspTestClient.start({ rootPath: dir }));
    await client.open(envUri, text, 'dotenv');
  });

  after(async () => {
    client?.kill();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('publishes the bad boolean as env-bad-value with the variable', async () => {
    const diagnostics = await client.waitForDiagnostics(envUri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, (d.data as { envVar?: string }).envVar]), [['env-bad-value', 2, 'CENTRIFUGO_GRPC_API_TLS_ENABLED']]);
  });

  it('shows the certificate lens on the variable', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: envUri } });
    const titles = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
    assert.ok(titles.some((t) => /^0: file · Expires in (199|200) days · .* · CN=env\.example\.com$/.test(t)), titles.join('\n'));
  });
});
