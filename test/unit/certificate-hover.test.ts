import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { certificatesOf } from '../../server/src/cli/certificates';
import { encryptedPkcs8Pem } from '../helpers/certFactory';
import { makeRequest } from '../helpers/documents';
import { assertNoKeyMaterial, base64, ca, CONFIG_DIR, configRequest, generateKey, leaf, setup } from './certificates-support';

type Request = ReturnType<typeof makeRequest>;

async function hoverAt(service: ReturnType<typeof setup>['service'], request: Request, needle: string): Promise<string> {
  const offset = request.document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the document`);
  const hover = await service.doHover(request, request.document.positionAt(offset + 1));
  assert.ok(hover, `no hover on ${needle}`);
  return (hover.contents as MarkupContent).value;
}

function fingerprint(der: Uint8Array): string {
  return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{2}/g) ?? []).join(':');
}

describe('hover on certificate settings', () => {
  it('shows every fact of the certificate a v6 file value leads to, and how the value is read', async () => {
    const cert = await leaf('api.example.com', -30, 41, { serial: '0a1b2c' });
    const { service } = setup({ 'server.crt': cert.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'server.crt' } } });
    const text = await hoverAt(service, request, '"server.crt"');
    assert.match(text, /\*\*Read as a file:\*\* `\/work\/project\/server\.crt`\. The value is neither PEM text nor base64 of PEM, so Centrifugo v6 opens it as a path\./);
    assert.match(text, /\*\*CN=api\.example\.com\*\* · Expires in 41 days \(2026-04-11\)/);
    assert.match(text, /\| Subject \| `CN=api\.example\.com,O=Acme` \|/);
    assert.match(text, /\| Issuer \| `CN=api\.example\.com,O=Acme` \|/);
    assert.match(text, /\| Serial number \| `a1b2c` \|/);
    assert.match(text, /\| Valid from \| 2026-01-30 12:00:00 UTC \(30 days ago\) \|/);
    assert.match(text, /\| Valid until \| 2026-04-11 12:00:00 UTC \(in 41 days\) \|/);
    assert.match(text, /\| DNS names \| `api\.example\.com` \|/);
    assert.match(text, /\| IP addresses \| `127\.0\.0\.1` \|/);
    assert.match(text, /\| Public key \| EC P-256 \|/);
    assert.match(text, /\| Signature \| `ecdsa-with-SHA256` \|/);
    assert.match(text, /\| Type \| leaf \(end entity\), self-signed \|/);
    assert.match(text, /\| Key usage \| digitalSignature, keyEncipherment \|/);
    assert.match(text, /\| Extended key usage \| serverAuth \|/);
    const [first, second] = [fingerprint(cert.der).slice(0, 48), fingerprint(cert.der).slice(48)];
    assert.ok(text.includes(`SHA-256 fingerprint:\n\n\`\`\`text\n${first}\n${second}\n\`\`\``), 'fingerprint in two lines of 16 bytes');
    // On the value the certificate leads; on the key the field's documentation does.
    assert.ok(text.indexOf('Read as a file') < text.indexOf('**`cert_pem`**'));
    const onKey = await hoverAt(service, request, '"cert_pem"');
    assert.ok(onKey.indexOf('**`cert_pem`**') < onKey.indexOf('Read as a file'));
  });

  it('explains which reading Centrifugo v6 picks for base64 and PEM text', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    const authority = await ca('Client CA', -30, 90);
    const { service } = setup();
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: base64(cert.pem), client_ca_pem: authority.pem } } });
    const b64 = await hoverAt(service, request, 'cert_pem');
    assert.match(b64, /\*\*Read as base64 of PEM\*\*: the value is not PEM text itself, and its base64 decodes to PEM/);
    const pem = await hoverAt(service, request, 'client_ca_pem');
    assert.match(pem, /\*\*Read as PEM text\*\*: Centrifugo v6 tries PEM first, and this value holds a PEM block\./);
    assert.match(pem, /\| Type \| CA, self-signed \|/);
    assert.match(pem, /\| Key usage \| keyCertSign, cRLSign \|/);
  });

  it('says a v6 value that is nothing Centrifugo can read stops start-up, without echoing the value', async () => {
    const { service } = setup();
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'no such thing' } } });
    const text = await hoverAt(service, request, 'cert_pem');
    assert.match(text, /\*\*Cannot be read\*\*: the value is not PEM text, its base64 does not decode to PEM, and no file `\/work\/project\/no such thing` exists/);
  });

  it('names the v5 form in a few words, and gives the reason when a file is missing', async () => {
    const cert = await leaf('proxy.example.com', -30, 41);
    const { service } = setup();
    const request = configRequest({ proxy_grpc_tls: { enabled: true, cert_pem_b64: base64(cert.pem), key_pem_file: '/etc/missing.key' } }, { settings: { version: 'v5' } });
    const b64 = await hoverAt(service, request, 'cert_pem_b64');
    assert.match(b64, /\*\*Read as base64 of PEM\*\*\n\n\*\*CN=proxy\.example\.com\*\*/);
    const missing = await hoverAt(service, request, 'key_pem_file');
    assert.match(missing, /\*\*Read as a file:\*\* `\/etc\/missing\.key`\n\nNo private key: file not found\./);
  });

  it('describes a key by type, format and encryption, never by its contents', async () => {
    const key = await generateKey({ kind: 'rsa', bits: 2048 });
    const encrypted = encryptedPkcs8Pem(key);
    const { service } = setup({ 'plain.key': key.pem, 'locked.key': encrypted });
    const request = configRequest({
      http_server: { tls: { enabled: true, key_pem: key.pem } },
      grpc_api: { tls: { enabled: true, key_pem: 'locked.key' } },
    });
    const inline = await hoverAt(service, request, 'key_pem');
    assert.match(inline, /\*\*Private key\*\* · RSA 2048 · PKCS#8 · not encrypted/);
    assertNoKeyMaterial(inline, key.pem);
    const locked = await hoverAt(service, request, '"locked.key"');
    assert.match(locked, /\*\*Private key\*\* · type hidden by the encryption · encrypted PKCS#8 · encrypted \(passphrase-protected\)/);
    assertNoKeyMaterial(locked, encrypted);
  });

  it('shows a chain in full, up to three certificates', async () => {
    const root = await ca('Test Root CA', -100, 3000);
    const intermediate = await ca('Test Intermediate CA', -100, 12, root);
    const cert = await leaf('api.example.com', -30, 41, { issuer: intermediate });
    const { service } = setup({ 'chain.pem': cert.pem + intermediate.pem + root.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'chain.pem' } } });
    const text = await hoverAt(service, request, 'cert_pem');
    assert.match(text, /\*\*3 certificates\*\*, each issued by the next\./);
    assert.match(text, /#1 \*\*CN=api\.example\.com\*\* · Expires in 41 days/);
    assert.match(text, /#2 \*\*CN=Test Intermediate CA\*\* · Expires in 12 days \(2026-03-13\)/);
    assert.match(text, /#3 \*\*CN=Test Root CA\*\*/);
    assert.match(text, /\| Issuer \| `CN=Test Intermediate CA,O=Test` \|/);
  });

  it('caps a large CA bundle and points to the details', async () => {
    const authorities = await Promise.all([1, 2, 3, 4, 5].map((n) => ca(`CA ${n}`, -10, 100 + n)));
    const { service } = setup({ 'bundle.pem': authorities.map((c) => c.pem).join('') });
    const request = configRequest({ http_server: { tls: { enabled: true, client_ca_pem: 'bundle.pem' } } });
    const text = await hoverAt(service, request, 'client_ca_pem');
    assert.match(text, /\*\*5 certificates\*\*/);
    assert.equal(text.match(/SHA-256 fingerprint:/g)?.length, 3);
    assert.match(text, /…and 2 more: run \*\*Centrifugo: Show Certificate Details\*\*/);
  });
});

describe('certificate details (what the CodeLens opens)', () => {
  it('lists every certificate of the setting with its facts, the order and how each link holds', async () => {
    const root = await ca('Test Root CA', -100, 3000);
    const intermediate = await ca('Test Intermediate CA', -100, 12, root);
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await leaf('api.example.com', -30, 41, { issuer: intermediate, key });
    const { service } = setup({ 'chain.pem': cert.pem + root.pem + intermediate.pem, 'server.key': key.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'chain.pem', key_pem: 'server.key' } } });
    const text = await service.getCertificateDetails(request, 'http_server.tls.cert_pem');
    assert.ok(text);
    assert.match(text, /^# `http_server\.tls\.cert_pem`\n\nThe certificate of `http_server\.tls` \(Centrifugo is the server here\)\./);
    assert.match(text, /## Order\n\n3 certificates, in file order:\n\n1\. CN=api\.example\.com — not issued by #2: its issuer is `CN=Test Intermediate CA,O=Test`\n2\. CN=Test Root CA — not issued by #3: its issuer is `CN=Test Root CA,O=Test`\n3\. CN=Test Intermediate CA\n\nAs a chain they belong in this order, leaf first: #1, #3, #2\./);
    assert.match(text, /## Certificate 1 of 3\n\n\*\*CN=api\.example\.com\*\* · Expires in 41 days \(2026-04-11\)/);
    assert.match(text, /## Certificate 3 of 3/);
    assert.match(text, /\| Subject key ID \| `[0-9a-f]{40}` \|/);
    assert.match(text, /\| Authority key ID \| `[0-9a-f]{40}` \|/);
    assert.ok(text.replace(/\s+/g, '').includes(fingerprint(root.der)));
    assert.doesNotMatch(text, /## What Centrifugo will make of it/);

    const keyText = await service.getCertificateDetails(request, 'http_server.tls.key_pem');
    assert.ok(keyText);
    assert.match(keyText, /## Private key\n\n\*\*Private key\*\* · EC P-256 · PKCS#8 · not encrypted/);
    assertNoKeyMaterial(keyText, key.pem);
  });

  it('shows a correct chain with verified signatures, and what Centrifugo makes of broken material', async () => {
    const root = await ca('Test Root CA', -100, 3000);
    const cert = await leaf('api.example.com', -30, 41, { issuer: root });
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const { service } = setup({ 'chain.pem': cert.pem + root.pem, 'key-as-cert.pem': key.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'chain.pem', client_ca_pem: 'key-as-cert.pem' } } });
    const chain = (await service.getCertificateDetails(request, 'http_server.tls.cert_pem'))!;
    assert.match(chain, /1\. CN=api\.example\.com — issued by #2 \(signature verified\)\n2\. CN=Test Root CA \(self-signed\)/);
    const broken = (await service.getCertificateDetails(request, 'http_server.tls.client_ca_pem'))!;
    assert.match(broken, /No certificate Centrifugo can load: it holds a private key\./);
    assert.match(broken, /## What Centrifugo will make of it\n\n- \*\*error\*\* \(`ca-bundle-invalid`\)/);
    assertNoKeyMaterial(broken, key.pem);
  });

  it('answers null for a path that is not a material setting', async () => {
    const { service } = setup();
    const request = configRequest({ http_server: { tls: { enabled: true } } });
    assert.equal(await service.getCertificateDetails(request, 'http_server.tls.enabled'), null);
    assert.equal(await service.getCertificateDetails(request, 'nope'), null);
  });
});

describe('getCertificates (the contract\'s JSON certificates)', () => {
  it('lists certificates of certificate and CA settings in document order, in the contract shape', async () => {
    const authority = await ca('Client CA', -30, 90);
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await leaf('api.example.com', -30, 41, { key, serial: '00ff01' });
    const { service } = setup({ 'server.crt': cert.pem, 'server.key': key.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key', client_ca_pem: authority.pem } } });
    const reports = await service.getCertificates(request);
    assert.deepEqual(reports.map((r) => [r.path, r.source, r.file, r.index, r.subject]), [
      ['http_server.tls.cert_pem', 'file', `${CONFIG_DIR}/server.crt`, 0, 'CN=api.example.com,O=Acme'],
      ['http_server.tls.client_ca_pem', 'pem', undefined, 0, 'CN=Client CA,O=Test'],
    ]);
    assert.deepEqual(reports[0], {
      path: 'http_server.tls.cert_pem',
      source: 'file',
      file: `${CONFIG_DIR}/server.crt`,
      index: 0,
      subject: 'CN=api.example.com,O=Acme',
      issuer: 'CN=api.example.com,O=Acme',
      serialNumber: 'ff01',
      notBefore: '2026-01-30T12:00:00.000Z',
      notAfter: '2026-04-11T12:00:00.000Z',
      dnsNames: ['api.example.com'],
      ipAddresses: ['127.0.0.1'],
      isCA: false,
      publicKey: 'EC P-256',
      signatureAlgorithm: 'ecdsa-with-SHA256',
      sha256Fingerprint: fingerprint(cert.der),
    });
    assert.deepEqual(Object.keys(reports[1]), [
      'path', 'source', 'index', 'subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'dnsNames', 'ipAddresses',
      'isCA', 'publicKey', 'signatureAlgorithm', 'sha256Fingerprint',
    ]);
    // The checker asks the service directly.
    assert.deepEqual(await certificatesOf(service, request), reports);
  });
});

describe('certificates in an untrusted workspace', () => {
  it('reads no file, says so, and shows no lens for file values', async () => {
    const cert = await leaf('api.example.com', -30, 41);
    const { service, env } = setup({ 'server.crt': cert.pem });
    const request = configRequest({ http_server: { tls: { enabled: true, cert_pem: 'server.crt', client_ca_pem: cert.pem } } }, {
      context: { configPath: `${CONFIG_DIR}/config.json`, workspaceFolder: CONFIG_DIR, readsFiles: false },
    });
    const text = await hoverAt(service, request, '"server.crt"');
    assert.match(text, /\*\*Read as a file:\*\* `\/work\/project\/server\.crt`.*\n\n_The workspace is not trusted, so the file is not read\._/);
    assert.doesNotMatch(text, /CN=api\.example\.com/);
    assert.deepEqual((await service.doCodeLens(request)).map((lens) => lens.command?.title), ['PEM · Expires in 41 days · 2026-04-11 · CN=api.example.com']);
    assert.equal(env.reads, 0);
  });
});
