import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type MarkupContent, SymbolKind } from 'vscode-languageserver-types';
import type { ServiceRequest } from '../../server/src/service';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/settings';
import { createCertificate } from '../helpers/certFactory';
import { assertNoKeyMaterial, ca, daysFrom, generateKey, leaf, NOW, setup } from './certificates-support';

let version = 1;

function pemRequest(text: string, options: { uri?: string; languageId?: string; settings?: Partial<Settings> } = {}): ServiceRequest {
  const uri = options.uri ?? 'file:///work/project/server.pem';
  return {
    document: TextDocument.create(uri, options.languageId ?? 'pem', version++, text),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    context: { configPath: uri.replace('file://', ''), workspaceFolder: '/work/project' },
  };
}

/** Zero-based line of the first line containing `needle` (the nth occurrence). */
function lineOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  return text.slice(0, at).split('\n').length - 1;
}

describe('PEM files as documents', () => {
  it('reports expired, expiring and not-yet-valid certificates on their BEGIN lines, with the warning window from the settings', async () => {
    const expired = await ca('Old CA', -400, -3);
    const expiring = await leaf('soon.example.com', -30, 10);
    const healthy = await leaf('fine.example.com', -30, 300);
    const early = await leaf('early.example.com', 5, 300);
    const text = expired.pem + expiring.pem + healthy.pem + early.pem;
    const { service } = setup();
    const diagnostics = await service.doValidation(pemRequest(text));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['cert-expired', DiagnosticSeverity.Error, 0, 0, 27],
      ['cert-expiring', DiagnosticSeverity.Warning, lineOf(text, '-----BEGIN', 1), 0, 27],
      ['cert-not-yet-valid', DiagnosticSeverity.Error, lineOf(text, '-----BEGIN', 3), 0, 27],
    ]);
    assert.match(String(diagnostics[0].message), /^Expired 3 days ago: the certificate "CN=Old CA,O=Test" was valid until 2026-02-26/);
    assert.ok(diagnostics.every((d) => d.source === 'centrifugo'));

    const narrow = await service.doValidation(pemRequest(text, { settings: { expiryWarningDays: 5 } }));
    assert.deepEqual(narrow.map((d) => d.code), ['cert-expired', 'cert-not-yet-valid']);
  });

  it('reports broken blocks: bad base64, an END without BEGIN, a label mismatch, a cut-off block', async () => {
    const good = await leaf('api.example.com', -30, 300);
    const lines = good.pem.trimEnd().split('\n');
    const damaged = [lines[0], `${lines[1].slice(0, 10)}!!${lines[1].slice(12)}`, ...lines.slice(2)].join('\n');
    const mismatched = good.pem.replace('-----END CERTIFICATE-----', '-----END PRIVATE KEY-----');
    const text = `${damaged}\n-----END CERTIFICATE-----\n${mismatched}${good.pem}-----BEGIN CERTIFICATE-----\nMIIB\n`;
    const { service } = setup();
    const diagnostics = await service.doValidation(pemRequest(text));
    const blockLength = lines.length;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [
      ['pem-block-invalid', 1],
      ['pem-block-invalid', blockLength],
      ['pem-block-invalid', 2 * blockLength],
      ['pem-block-invalid', 3 * blockLength + 1],
    ]);
    const starts = [
      'The body of the "CERTIFICATE" block is not valid base64: ',
      '"-----END CERTIFICATE-----" has no BEGIN line before it. The start of a block is missing',
      'The block begins as "CERTIFICATE" but ends as "PRIVATE KEY". Centrifugo skips this block.',
      '"-----BEGIN CERTIFICATE-----" has no matching END line. Centrifugo skips this block.',
    ];
    diagnostics.forEach((d, i) => assert.ok(String(d.message).startsWith(starts[i]), String(d.message)));
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.equal(diagnostics[2].range.start.character, 0);
    assert.equal(diagnostics[2].range.end.character, '-----END PRIVATE KEY-----'.length);
  });

  it('puts a lens on each certificate and key block, and says which certificate the key belongs to', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const root = await ca('Test Root CA', -100, 12);
    const cert = await leaf('api.example.com', -30, 41, { issuer: root, key });
    const text = `subject=CN=api.example.com\n${cert.pem}${root.pem}${key.pem}`;
    const { service } = setup();
    const lenses = await service.doCodeLens(pemRequest(text));
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.title]), [
      [1, 'Expires in 41 days · 2026-04-11 · CN=api.example.com'],
      [lineOf(text, '-----BEGIN', 1), 'Expires in 12 days · 2026-03-13 · CN=Test Root CA'],
      [lineOf(text, '-----BEGIN PRIVATE KEY'), 'Private key · EC P-256 · matches certificate #1 (CN=api.example.com)'],
    ]);
    assert.deepEqual(lenses[0].command?.arguments, ['file:///work/project/server.pem', '']);
    assert.equal(lenses[0].command?.command, 'centrifugo.showCertificateDetails');
    assertNoKeyMaterial(JSON.stringify(lenses), key.pem);
  });

  it('lenses follow the clock', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    const { service, env } = setup();
    const request = pemRequest(cert.pem);
    assert.equal((await service.doCodeLens(request))[0].command?.title, 'Expires in 41 days · 2026-04-11 · CN=api.example.com');
    env.setNow(daysFrom(NOW, 7));
    assert.equal((await service.doCodeLens(request))[0].command?.title, 'Expires in 34 days · 2026-04-11 · CN=api.example.com');
  });

  it('outlines one symbol per block, named by CN or label, with the expiry as detail', async () => {
    const key = await generateKey({ kind: 'rsa', bits: 2048 });
    const cert = await leaf('api.example.com', -30, 41, { key });
    const anonymous = (await createCertificate({ subject: 'O=Nameless Org', notBefore: daysFrom(NOW, -30), notAfter: daysFrom(NOW, 41) })).pem;
    const other = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';
    const text = cert.pem + key.pem + anonymous + other;
    const { service } = setup();
    const symbols = await service.getDocumentSymbols(pemRequest(text));
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.kind, s.range.start.line, s.selectionRange.end.line]), [
      ['api.example.com', 'Expires in 41 days · 2026-04-11', SymbolKind.Object, 0, 0],
      ['PRIVATE KEY', 'RSA 2048', SymbolKind.Key, lineOf(text, '-----BEGIN PRIVATE KEY'), lineOf(text, '-----BEGIN PRIVATE KEY')],
      ['O=Nameless Org', 'Expires in 41 days · 2026-04-11', SymbolKind.Object, lineOf(text, '-----BEGIN CERTIFICATE', 1), lineOf(text, '-----BEGIN CERTIFICATE', 1)],
      ['CERTIFICATE REQUEST', '', SymbolKind.Struct, lineOf(text, 'REQUEST'), lineOf(text, 'REQUEST')],
    ]);
    assert.equal(symbols[0].range.end.line, cert.pem.trimEnd().split('\n').length - 1);
  });

  it('hovers a certificate block with its facts and a key block with its type only', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const root = await ca('Test Root CA', -100, 900);
    const cert = await leaf('api.example.com', -30, 41, { issuer: root, key, serial: '7b' });
    const text = cert.pem + root.pem + key.pem;
    const { service } = setup();
    const request = pemRequest(text);
    const onCert = await service.doHover(request, { line: 2, character: 5 });
    assert.ok(onCert);
    const value = (onCert.contents as MarkupContent).value;
    assert.match(value, /^\*\*CN=api\.example\.com\*\* · Expires in 41 days \(2026-04-11\)\n\nCertificate 1 of 2, issued by #2\./);
    assert.match(value, /\| Serial number \| `7b` \|/);
    assert.match(value, /\| Issuer \| `CN=Test Root CA,O=Test` \|/);
    assert.deepEqual(onCert.range?.start, { line: 0, character: 0 });

    const onRoot = (await service.doHover(request, { line: lineOf(text, '-----BEGIN', 1) + 1, character: 0 }))!;
    assert.match((onRoot.contents as MarkupContent).value, /Certificate 2 of 2, self-signed\./);

    const onKey = await service.doHover(request, { line: lineOf(text, '-----BEGIN PRIVATE KEY') + 1, character: 3 });
    assert.ok(onKey);
    assert.equal((onKey.contents as MarkupContent).value, '**Private key** · EC P-256 · PKCS#8 · not encrypted');
    assertNoKeyMaterial(JSON.stringify(onKey), key.pem);
  });

  it('opens details of the whole file, and offers no completion', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await leaf('api.example.com', -30, 41, { key });
    const { service } = setup();
    const request = pemRequest(cert.pem + key.pem, { uri: 'file:///work/project/bundle.crt', languageId: 'plaintext' });
    const details = await service.getCertificateDetails(request, '');
    assert.ok(details);
    assert.match(details, /^# `bundle\.crt`\n\n## Certificate\n\n\*\*CN=api\.example\.com\*\*/);
    assert.match(details, /## Private key\n\n\*\*Private key\*\* · EC P-256/);
    assert.doesNotMatch(details, /What Centrifugo will make of it/);
    assertNoKeyMaterial(details, key.pem);
    assert.deepEqual(await service.doComplete(request, { line: 0, character: 0 }), { isIncomplete: false, items: [] });
    assert.deepEqual(await service.getCertificates(request), []);
  });

  it('treats a key-only file by its key', async () => {
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const { service } = setup();
    const request = pemRequest(key.pem, { uri: 'file:///work/project/server.key' });
    assert.deepEqual(await service.doValidation(request), []);
    const details = (await service.getCertificateDetails(request, ''))!;
    assert.doesNotMatch(details, /No certificate/);
    assert.match(details, /## Private key/);
    assert.deepEqual((await service.doCodeLens(request)).map((lens) => lens.command?.title), ['Private key · EC P-256']);
  });

  it('leaves config documents alone: they get no symbols from us', async () => {
    const { service } = setup();
    const request = pemRequest('{"http_server": {"tls": {"enabled": true}}}', { uri: 'file:///work/project/config.json', languageId: 'json' });
    assert.deepEqual(await service.getDocumentSymbols(request), []);
  });
});
