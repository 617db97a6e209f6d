/**
 * Certificates through the real server: files on disk, the real clock. Certificates are made
 * around the current time (valid from a day ago for 40 days), so assertions allow for a UTC
 * midnight passing between making them and the server reading its clock.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, DocumentSymbol, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import { createCertificate, daysFrom, generateKey } from '../helpers/certFactory';
import { LspTestClient } from '../helpers/lspClient';

describe('certificates over stdio', () => {
  let client: LspTestClient;
  let init: InitializeResult;
  let dir: string;
  let configUri: string;
  let pemUri: string;
  let keyPem: string;
  let pemText: string;
  const config = '{\n  "http_server": {\n    "tls": {\n      "enabled": true,\n      "cert_pem": "server.crt",\n      "key_pem": "server.key"\n    }\n  }\n}\n';

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'centrifugo-lsp-certs-'));
    const now = new Date();
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    keyPem = key.pem;
    const cert = await createCertificate({ subject: 'CN=api.example.com', key, ca: false, dnsNames: ['api.example.com'], notBefore: daysFrom(now, -1), notAfter: daysFrom(now, 40) });
    const old = await createCertificate({ subject: 'CN=old.example.com', ca: false, dnsNames: ['old.example.com'], notBefore: daysFrom(now, -100), notAfter: daysFrom(now, -10) });
    await fs.writeFile(path.join(dir, 'server.crt'), cert.pem);
    await fs.writeFile(path.join(dir, 'server.key'), key.pem);
    pemText = cert.pem + old.pem;
    configUri = pathToFileURL(path.join(dir, 'config.json')).href;
    pemUri = pathToFileURL(path.join(dir, 'bundle.pem')).href;
    ({ client, initializeResult: init } = await LspTestClient.start({ rootPath: dir }));
    await client.open(configUri, config);
    await client.open(pemUri, pemText, 'pem');
  });

  after(async () => {
    client?.kill();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('announces CodeLens and document symbols', () => {
    assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
    assert.equal(init.capabilities.documentSymbolProvider, true);
  });

  it('puts the expiry above the certificate setting and the key type above the key setting', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: configUri } });
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].command!.title, /^file · Expires in (39|40) days · \d{4}-\d{2}-\d{2} · CN=api\.example\.com$/);
    assert.equal(lenses[0].range.start.line, 4);
    assert.deepEqual(lenses[0].command!.arguments, [configUri, 'http_server.tls.cert_pem']);
    assert.equal(lenses[0].command!.command, 'centrifugo.showCertificateDetails');
    assert.equal(lenses[1].command!.title, 'file · Private key · EC P-256 · matches the certificate');
  });

  it('hovers the certificate setting with the file it reads and the expiry', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: configUri }, position: { line: 4, character: 22 } });
    const value = (hover.contents as MarkupContent).value;
    assert.ok(value.includes(`**Read as a file:** \`${path.join(dir, 'server.crt')}\``));
    assert.match(value, /\*\*CN=api\.example\.com\*\* · Expires in (39|40) days/);
    assert.match(value, /\| DNS names \| `api\.example\.com` \|/);
  });

  it('answers centrifugo/certificateDetails with Markdown, and null for a path without material', async () => {
    const details = await client.request<string | null>('centrifugo/certificateDetails', { uri: configUri, path: 'http_server.tls.cert_pem' });
    assert.ok(details);
    assert.match(details, /^# `http_server\.tls\.cert_pem`/);
    assert.match(details, /SHA-256 fingerprint:\n\n```text\n([0-9A-F]{2}:){16}\n([0-9A-F]{2}:){15}[0-9A-F]{2}\n```/);
    const keyDetails = await client.request<string | null>('centrifugo/certificateDetails', { uri: configUri, path: 'http_server.tls.key_pem' });
    assert.ok(keyDetails);
    for (const line of keyPem.split('\n').filter((l) => l && !l.startsWith('-----'))) assert.ok(!keyDetails.includes(line));
    assert.equal(await client.request('centrifugo/certificateDetails', { uri: configUri, path: 'http_server.tls.enabled' }), null);
    assert.equal(await client.request('centrifugo/certificateDetails', { uri: 'file:///nope/config.json', path: 'x' }), null);
  });

  it('serves a PEM file: expiry diagnostics, lenses, outline and details', async () => {
    const diagnostics = await client.waitForDiagnostics(pemUri, (d) => d.some((x) => x.code === 'cert-expired'));
    const expired = diagnostics.find((d) => d.code === 'cert-expired')!;
    assert.equal(expired.range.start.line, pemText.split('\n').findIndex((line, i) => i > 0 && line.startsWith('-----BEGIN')));
    assert.match(String(expired.message), /^Expired (9|10|11) days ago/);

    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pemUri } });
    assert.deepEqual(lenses.map((l) => l.command!.title.replace(/\d{4}-\d{2}-\d{2}/, 'DATE').replace(/\d+ days/, 'N days')), [
      'Expires in N days · DATE · CN=api.example.com',
      'Expired N days ago · DATE · CN=old.example.com',
    ]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: pemUri } });
    assert.deepEqual(symbols.map((s) => s.name), ['api.example.com', 'old.example.com']);
    const details = await client.request<string | null>('centrifugo/certificateDetails', { uri: pemUri, path: '' });
    assert.match(details ?? '', /^# `bundle\.pem`/);
  });
});
