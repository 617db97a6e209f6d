import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { encodeBase64 } from '../../server/src/service/certs';
import {
  createCertificate, createChain, daysFrom, encryptedPkcs8Pem, generateKey, keyDer, NOW, type TestCert,
} from '../helpers/certFactory';
import { makeRequest, newService } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

const DIR = '/work/project';

async function validate(text: string, env: MemoryEnvironment, settings = {}): Promise<Diagnostic[]> {
  const { service } = newService(env);
  return service.doValidation(makeRequest(text, { settings }));
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** Line/character of the first occurrence of `needle` in `text` (to assert exact ranges). */
function at(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function v6(tls: Record<string, unknown>, where: 'server' | 'client' = 'server'): string {
  const block = { enabled: true, ...tls };
  // The Redis engine runs only with engine.type redis (internal/app/engine.go:26-33@v6.9.1): only then is its TLS loaded.
  const doc = where === 'server' ? { http_server: { tls: block } } : { engine: { type: 'redis', redis: { tls: block } } };
  return JSON.stringify(doc, null, 2);
}

describe('missing and unreadable files', () => {
  it('names the resolved absolute path, on the value, as an error', async () => {
    const env = new MemoryEnvironment(NOW);
    const text = v6({ cert_pem: 'tls/server.crt', key_pem: '/etc/centrifugo/server.key' });
    const diags = only(await validate(text, env), 'missing-file');
    assert.equal(diags.length, 2);
    assert.equal(diags[0].severity, DiagnosticSeverity.Error);
    assert.equal(diags[0].source, 'centrifugo');
    assert.deepEqual(diags[0].range.start, at(text, '"tls/server.crt"'));
    assert.deepEqual(diags[0].range.end, { line: at(text, '"tls/server.crt"').line, character: at(text, '"tls/server.crt"').character + 16 });
    assert.match(messageOf(diags[0]), /^No file at \/work\/project\/tls\/server\.crt\. Centrifugo will fail to start/);
    assert.match(messageOf(diags[0]), /checked against \/work\/project; Centrifugo itself resolves it against its working directory/);
    assert.match(messageOf(diags[1]), /^No file at \/etc\/centrifugo\/server\.key\./);
    assert.doesNotMatch(messageOf(diags[1]), /relative path/);
  });

  it('tells apart directories, FIFOs and unreadable files', async () => {
    const env = new MemoryEnvironment(NOW)
      .addEntry(`${DIR}/certs`, { kind: 'directory' })
      .addEntry(`${DIR}/pipe.crt`, { kind: 'other' })
      .addEntry(`${DIR}/locked.key`, { kind: 'unreadable' });
    const text = JSON.stringify({ token_hmac_secret_key: 's', tls: true, tls_cert: 'pipe.crt', tls_key: 'locked.key', tls_client_ca: 'certs' });
    const messages = only(await validate(text, env), 'missing-file').map((d) => messageOf(d));
    assert.equal(messages.length, 3);
    assert.match(messages[0], /pipe\.crt is not a regular file \(a FIFO, socket or device\)/);
    assert.match(messages[1], /locked\.key cannot be read \(EACCES\)/);
    assert.match(messages[2], /certs is a directory, not a CA bundle file/);
  });

  it('says that Centrifugo does not expand ~', async () => {
    const text = JSON.stringify({ token_hmac_secret_key: 's', proxy_grpc_tls: { enabled: true, server_ca_pem_file: '~/ca.pem' } });
    const [diag] = only(await validate(text, new MemoryEnvironment(NOW)), 'missing-file');
    assert.match(messageOf(diag), /Centrifugo does not expand `~`: write the full path\./);
  });

  it('resolves against centrifugo.baseDirectory with ${workspaceFolder} and ${configDir}', async () => {
    const { pem } = await createCertificate({ subject: 'CN=a', dnsNames: ['a'], notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 300) });
    const env = new MemoryEnvironment(NOW).addFile('/srv/centrifugo/server.crt', pem).addFile(`${DIR}/deploy/ca.crt`, pem);
    const text = JSON.stringify({ http_server: { tls: { enabled: true, server_ca_pem: 'ca.crt' } } });
    assert.equal(only(await validate(text, env, { baseDirectory: '${workspaceFolder}/deploy' }), 'missing-file').length, 0);
    assert.equal(only(await validate(text, env, { baseDirectory: '${configDir}/deploy' }), 'missing-file').length, 0);
    const miss = only(await validate(text, env, { baseDirectory: '/srv/centrifugo' }), 'missing-file');
    assert.match(messageOf(miss[0]), /No file at \/srv\/centrifugo\/ca\.crt/);
  });
});

describe('content that Centrifugo cannot load', () => {
  let leaf: TestCert;
  before(async () => {
    leaf = await createCertificate({ subject: 'CN=api.example.com', dnsNames: ['api.example.com'], notBefore: daysFrom(NOW, -10), notAfter: daysFrom(NOW, 300) });
  });

  it('invalid-base64 and base64-not-pem in v5 *_b64 fields', async () => {
    const text = JSON.stringify({ token_hmac_secret_key: 's', nats_tls: { enabled: true, cert_pem_b64: 'not base64!', key_pem_b64: encodeBase64(keyDer(leaf.key)) } }, null, 2);
    const diags = await validate(text, new MemoryEnvironment(NOW));
    const invalid = only(diags, 'invalid-base64');
    assert.equal(invalid.length, 1);
    assert.deepEqual(invalid[0].range.start, at(text, '"not base64!"'));
    assert.match(messageOf(invalid[0]), /Not valid base64 \(.+\)\. Centrifugo decodes this value with standard base64/);
    const notPem = only(diags, 'base64-not-pem');
    assert.equal(notPem.length, 1);
    assert.match(messageOf(notPem[0]), /decodes to binary DER data/);
  });

  it('wrong-pem-type: the swapped certificate and key', async () => {
    const env = new MemoryEnvironment(NOW).addFile(`${DIR}/server.crt`, leaf.key.pem).addFile(`${DIR}/server.key`, leaf.pem);
    const text = v6({ cert_pem: 'server.crt', key_pem: 'server.key' });
    const diags = only(await validate(text, env), 'wrong-pem-type');
    assert.equal(diags.length, 2);
    assert.deepEqual(diags.map((d) => d.range.start), [at(text, '"server.crt"'), at(text, '"server.key"')]);
  });

  it('der-not-pem for a DER certificate and encrypted-key for a passphrase-protected key', async () => {
    const env = new MemoryEnvironment(NOW).addFile(`${DIR}/server.der`, leaf.der).addFile(`${DIR}/server.key`, encryptedPkcs8Pem(leaf.key));
    const diags = await validate(v6({ cert_pem: 'server.der', key_pem: 'server.key' }), env);
    assert.equal(only(diags, 'der-not-pem').length, 1);
    assert.equal(only(diags, 'encrypted-key').length, 1);
    assert.equal(only(diags, 'encrypted-key')[0].severity, DiagnosticSeverity.Error);
  });

  it('invalid-pem for a v6 value that is neither PEM, base64 nor a file', async () => {
    const text = JSON.stringify({ consumers: [{ name: 'k', enabled: true, type: 'kafka', kafka: { tls: { enabled: true, cert_pem: 'xxx', key_pem: 'yyy' } } }] });
    const diags = only(await validate(text, new MemoryEnvironment(NOW)), 'invalid-pem');
    assert.equal(diags.length, 2);
    assert.match(messageOf(diags[0]), /Centrifugo v6 stops at start-up with "invalid PEM data"/);
  });

  it('ca-bundle-invalid for a CA setting without a certificate', async () => {
    const env = new MemoryEnvironment(NOW).addFile(`${DIR}/ca.pem`, leaf.key.pem);
    const diags = only(await validate(v6({ server_ca_pem: 'ca.pem' }, 'client'), env), 'ca-bundle-invalid');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, DiagnosticSeverity.Error);
  });

  it('accepts inline PEM and base64 of PEM in v6 without complaint', async () => {
    const text = v6({ cert_pem: leaf.pem, key_pem: encodeBase64(leaf.key.pem) });
    const diags = (await validate(text, new MemoryEnvironment(NOW))).filter((d) => d.severity! <= DiagnosticSeverity.Warning);
    assert.deepEqual(diags.map((d) => d.code), []);
  });
});

describe('certificate checks against the injected clock', () => {
  async function certFile(env: MemoryEnvironment, name: string, cert: TestCert): Promise<void> {
    env.addFile(`${DIR}/${name}.crt`, cert.pem).addFile(`${DIR}/${name}.key`, cert.key.pem);
  }

  it('cert-expired, cert-expiring (threshold from settings) and cert-not-yet-valid', async () => {
    const env = new MemoryEnvironment(NOW);
    const mk = (days: [number, number]) => createCertificate({ subject: 'CN=x', dnsNames: ['x'], notBefore: daysFrom(NOW, days[0]), notAfter: daysFrom(NOW, days[1]) });
    await certFile(env, 'expired', await mk([-100, -3]));
    await certFile(env, 'soon', await mk([-100, 10]));
    await certFile(env, 'future', await mk([5, 100]));
    const text = JSON.stringify({ proxies: [
      { name: 'a', grpc: { tls: { enabled: true, cert_pem: 'expired.crt', key_pem: 'expired.key' } } },
      { name: 'b', grpc: { tls: { enabled: true, cert_pem: 'soon.crt', key_pem: 'soon.key' } } },
      { name: 'c', grpc: { tls: { enabled: true, cert_pem: 'future.crt', key_pem: 'future.key' } } },
    ],
    // Named proxies are built only when an enabled namespace option names them (internal/app/proxy.go:66-89@v6.9.1).
    channel: { namespaces: ['a', 'b', 'c'].map((name) => ({ name, subscribe_proxy_enabled: true, subscribe_proxy_name: name })) } });
    const diags = await validate(text, env);
    assert.match(messageOf(only(diags, 'cert-expired')[0]), /^Expired 3 days ago/);
    assert.equal(only(diags, 'cert-expired')[0].severity, DiagnosticSeverity.Error);
    assert.match(messageOf(only(diags, 'cert-expiring')[0]), /^Expires in 10 days/);
    assert.equal(only(diags, 'cert-expiring')[0].severity, DiagnosticSeverity.Warning);
    assert.equal(only(diags, 'cert-not-yet-valid').length, 1);
    assert.equal(only(await validate(text, env, { expiryWarningDays: 7 }), 'cert-expiring').length, 0);
    // The same document a week later: the expiring certificate has expired.
    env.setNow(daysFrom(NOW, 11));
    assert.equal(only(await validate(text, env), 'cert-expired').length, 2);
  });

  it('key-mismatch only for the pair Centrifugo loads', async () => {
    const env = new MemoryEnvironment(NOW);
    const a = await createCertificate({ subject: 'CN=a', dnsNames: ['a'], notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 100) });
    const other = await generateKey({ kind: 'ec', curve: 'P-256' });
    env.addFile(`${DIR}/a.crt`, a.pem).addFile(`${DIR}/wrong.key`, other.pem);
    const text = JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: 'a.crt', key_pem: 'wrong.key' } } }, null, 2);
    const [diag] = only(await validate(text, env), 'key-mismatch');
    assert.deepEqual(diag.range.start, at(text, '"a.crt"'));
    assert.match(messageOf(diag), /does not match the certificate "CN=a"/);
  });

  it('chain-order, ca-as-leaf, no-san, weak-key and weak-signature', async () => {
    const env = new MemoryEnvironment(NOW);
    const chain = await createChain('api.example.com', daysFrom(NOW, -1), daysFrom(NOW, 200));
    env.addFile(`${DIR}/reversed.crt`, chain.intermediate.pem + chain.leaf.pem).addFile(`${DIR}/leaf.key`, chain.leaf.key.pem);
    const ca = await createCertificate({ subject: 'CN=Dev CA', ca: true, notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 200) });
    env.addFile(`${DIR}/ca-leaf.crt`, ca.pem).addFile(`${DIR}/ca-leaf.key`, ca.key.pem);
    const weak = await createCertificate({ subject: 'CN=old', dnsNames: ['old'], key: await generateKey({ kind: 'rsa', bits: 1024 }), issuer: chain.root, hash: 'SHA-1', notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 200) });
    env.addFile(`${DIR}/weak.crt`, weak.pem).addFile(`${DIR}/weak.key`, weak.key.pem);
    const text = JSON.stringify({
      http_server: { tls: { enabled: true, cert_pem: 'reversed.crt', key_pem: 'leaf.key' }, internal_tls: { enabled: true, cert_pem: 'ca-leaf.crt', key_pem: 'ca-leaf.key' } },
      grpc_api: { tls: { enabled: true, cert_pem: 'weak.crt', key_pem: 'weak.key' } },
    });
    const codes = (await validate(text, env)).map((d) => d.code);
    for (const code of ['chain-order', 'ca-as-leaf', 'no-san', 'weak-key', 'weak-signature']) assert.ok(codes.includes(code), `${code} in ${codes.join(',')}`);
  });

  it('reads an unchanged certificate file once across keystrokes', async () => {
    const env = new MemoryEnvironment(NOW);
    const a = await createCertificate({ subject: 'CN=a', dnsNames: ['a'], notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 100) });
    env.addFile(`${DIR}/a.crt`, a.pem).addFile(`${DIR}/a.key`, a.key.pem);
    const { service } = newService(env);
    for (let i = 0; i < 5; i++) await service.doValidation(makeRequest(v6({ cert_pem: 'a.crt', key_pem: 'a.key', server_name: `edit-${i}` })));
    assert.equal(env.reads, 2);
    env.addFile(`${DIR}/a.crt`, a.pem, 2); // touched: new mtime
    service.invalidateFiles();
    await service.doValidation(makeRequest(v6({ cert_pem: 'a.crt', key_pem: 'a.key' })));
    assert.equal(env.reads, 3);
  });

  it('makes no file system call for an edit that touches no certificate field', async () => {
    const env = new MemoryEnvironment(NOW);
    const a = await createCertificate({ subject: 'CN=a', dnsNames: ['a'], notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 100) });
    env.addFile(`${DIR}/a.crt`, a.pem).addFile(`${DIR}/a.key`, a.key.pem);
    const { service } = newService(env);
    const config = (port: number) => JSON.stringify({ http_server: { port, tls: { enabled: true, cert_pem: 'a.crt', key_pem: 'a.key' } } });
    await service.doValidation(makeRequest(config(8000)));
    const calls = env.fileSystemCalls;
    for (let port = 8001; port < 8010; port++) await service.doValidation(makeRequest(config(port)));
    assert.equal(env.fileSystemCalls, calls);
  });

  it('picks up a changed file after the freshness window when nothing reports the change', async () => {
    const env = new MemoryEnvironment(NOW);
    const { service } = newService(env);
    const text = v6({ server_ca_pem: 'ca.crt' }, 'client');
    assert.equal(only(await service.doValidation(makeRequest(text)), 'missing-file').length, 1);
    const ca = await createCertificate({ subject: 'CN=CA', ca: true, notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 100) });
    env.addFile(`${DIR}/ca.crt`, ca.pem);
    assert.equal(only(await service.doValidation(makeRequest(text)), 'missing-file').length, 1, 'within the window: remembered');
    env.setNow(new Date(NOW.getTime() + 5000));
    assert.equal(only(await service.doValidation(makeRequest(text)), 'missing-file').length, 0, 'after it: checked again');
  });

  it('never remembers a read that timed out', async () => {
    const env = new MemoryEnvironment(NOW).addEntry(`${DIR}/ca.crt`, { kind: 'slow' });
    const { service } = newService(env);
    const text = v6({ server_ca_pem: 'ca.crt' }, 'client');
    const [timeout] = only(await service.doValidation(makeRequest(text)), 'missing-file');
    assert.match(messageOf(timeout), /did not finish in time/);
    const ca = await createCertificate({ subject: 'CN=CA', ca: true, notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 100) });
    env.addFile(`${DIR}/ca.crt`, ca.pem);
    assert.equal(only(await service.doValidation(makeRequest(text)), 'missing-file').length, 0);
  });
});
