/** An env file opened on its own: every finding, its quick fix, completion, hover and the lens. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/settings';
import type { ServiceRequest } from '../../server/src/service';
import { applyEdits, CONFIG_DIR, withCursor } from '../helpers/documents';
import { base64, leaf, setup } from './certificates-support';

let version = 1;
function envRequest(text: string, options: { file?: string; settings?: Partial<Settings> } = {}): ServiceRequest {
  const file = options.file ?? `${CONFIG_DIR}/.env`;
  return {
    document: TextDocument.create(`file://${file}`, 'plaintext', version++, text),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    context: { configPath: file, workspaceFolder: CONFIG_DIR },
  };
}

async function findings(text: string, options: Parameters<typeof envRequest>[1] = {}, files: Record<string, string> = {}): Promise<Diagnostic[]> {
  const { service } = setup(files);
  return service.doValidation(envRequest(text, options));
}

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
}

async function fixed(text: string, code: string, options: Parameters<typeof envRequest>[1] = {}): Promise<string> {
  const { service } = setup();
  const request = envRequest(text, options);
  const diagnostics = (await service.doValidation(request)).filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, `one ${code}`);
  const actions = await service.doCodeActions(request, diagnostics[0]!.range, diagnostics);
  assert.equal(actions.length, 1, `one fix for ${code}`);
  return applyEdits(text, actions[0]!.edit!.changes![request.document.uri]!);
}

describe('env file findings', () => {
  it('env-syntax: a line without `=`, located, and a never-closed quote', async () => {
    const a = await findings('CENTRIFUGO_LOG_LEVEL=info\nOOPS\nX=1\n');
    assert.deepEqual(summary(a), ['env-syntax@1:4']);
    assert.match(String(a[0]!.message), /line break.*Centrifugo v6 stops at start-up/);
    assert.deepEqual(summary(await findings('A="open\nB=2\n')), ['env-syntax@0:2']);
  });

  it('env-no-assignment: a last line without `=` sets nothing', async () => {
    assert.deepEqual(summary(await findings('A=1\nLEFTOVER')), ['env-no-assignment@1:0']);
  });

  it('env-unknown-name: the closest known name, and the rename', async () => {
    const text = 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PME=/x.crt\n';
    const [d] = await findings(text);
    assert.equal(d?.code, 'env-unknown-name');
    assert.match(String(d!.message), /Did you mean `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM`\?/);
    assert.equal(await fixed(text, 'env-unknown-name'), 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=/x.crt\n');
  });

  it('env-other-version-name: a v5 name in a v6 setup and the reverse, with the rename', async () => {
    const v5InV6 = 'CENTRIFUGO_TLS_KEY=/k.pem\n';
    const [d] = await findings(v5InV6, { settings: { version: 'v6' } });
    assert.equal(d?.code, 'env-other-version-name');
    assert.equal(await fixed(v5InV6, 'env-other-version-name', { settings: { version: 'v6' } }), 'CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=/k.pem\n');
    const v6InV5 = 'CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=/k.pem\n';
    assert.equal(await fixed(v6InV5, 'env-other-version-name', { settings: { version: 'v5' } }), 'CENTRIFUGO_TLS_KEY=/k.pem\n');
  });

  it('env-bad-value: bool, duration, int and JSON as envconfig parses them; v6 error, v5 warning', async () => {
    const text = [
      'CENTRIFUGO_HTTP_SERVER_TLS_ENABLED=yes',
      'CENTRIFUGO_HTTP_SERVER_TLS_INSECURE_SKIP_VERIFY=True',
      'CENTRIFUGO_CLIENT_PING_INTERVAL=25',
      'CENTRIFUGO_HTTP_SERVER_PORT=0x1F90',
      'CENTRIFUGO_GRPC_API_PORT=ten',
      'CENTRIFUGO_CHANNEL_NAMESPACES=chat news',
      'CENTRIFUGO_CONSUMERS=[{"name":"a",}]',
      'CENTRIFUGO_LOG_LEVEL=',
    ].join('\n');
    const d = await findings(text, { settings: { version: 'v6' } });
    assert.deepEqual(summary(d), ['env-bad-value@0:35', 'env-bad-value@2:32', 'env-bad-value@4:25', 'env-bad-value@6:21']);
    assert.ok(d.every((x) => x.severity === 1));
    assert.match(String(d[0]!.message), /takes a boolean.*stops at start-up/);
    const v5 = await findings('CENTRIFUGO_TLS=yes\n', { settings: { version: 'v5' } });
    assert.deepEqual(summary(v5), ['env-bad-value@0:15']);
    assert.equal(v5[0]!.severity, 2);
    assert.match(String(v5[0]!.message), /zero value/);
  });

  it('env-kubernetes-name: names Kubernetes injects for a Service', async () => {
    const d = await findings('CENTRIFUGO_SERVICE_HOST=10.0.0.1\nCENTRIFUGO_PORT_8000_TCP=tcp://10.0.0.1:8000\nCENTRIFUGO_HTTP_SERVER_PORT=8000\n');
    assert.deepEqual(summary(d), ['env-kubernetes-name@0:0', 'env-kubernetes-name@1:0']);
  });

  it('CENTRIFUGO_VAR_* are custom variables for expansion, not findings', async () => {
    assert.deepEqual(summary(await findings('CENTRIFUGO_VAR_TOKEN=abc\n')), []);
  });
});

describe('PEM pitfalls in env files, each with a fix to base64', () => {
  async function pem(): Promise<string> {
    return (await leaf('env.example.com', -10, 200)).pem;
  }

  it('env-pem-literal-newline: unquoted `\\n` stays two characters', async () => {
    const cert = await pem();
    const text = `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=${cert.trim().replace(/\n/g, '\\n')}\n`;
    const d = (await findings(text)).map((x) => x.code);
    assert.ok(d.includes('env-pem-literal-newline'), d.join(','));
    assert.equal(await fixed(text, 'env-pem-literal-newline'), `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=${base64(cert)}\n`);
    // In double quotes the same text is fine: godotenv expands \n there.
    const quoted = `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM="${cert.trim().replace(/\n/g, '\\n')}"\n`;
    assert.deepEqual((await findings(quoted)).filter((x) => String(x.code).startsWith('env-pem')), []);
  });

  it('env-pem-line-breaks: one line with spaces', async () => {
    const cert = await pem();
    const text = `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM='${cert.trim().replace(/\n/g, ' ')}'\n`;
    assert.ok((await findings(text)).some((x) => x.code === 'env-pem-line-breaks'));
    assert.equal(await fixed(text, 'env-pem-line-breaks'), `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=${base64(cert)}\n`);
  });

  it('env-pem-unquoted-multiline: replaces the generic syntax error, fix spans to the END line', async () => {
    const cert = await pem();
    const text = `A=1\nCENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=${cert}B=2\n`;
    const codes = (await findings(text)).map((x) => x.code);
    assert.deepEqual(codes, ['env-pem-unquoted-multiline']);
    assert.equal(await fixed(text, 'env-pem-unquoted-multiline'), `A=1\nCENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=${base64(cert)}\nB=2\n`);
  });

  it('v5: the fix moves the value to the _B64 variable where one exists', async () => {
    const cert = await pem();
    const text = `CENTRIFUGO_NATS_TLS_CERT_PEM=${cert.trim().replace(/\n/g, '\\n')}\n`;
    assert.equal(await fixed(text, 'env-pem-literal-newline', { settings: { version: 'v5' } }), `CENTRIFUGO_NATS_TLS_CERT_PEM_B64=${base64(cert)}\n`);
  });
});

describe('certificates in env files: the config checks and the lens', () => {
  it('an expiring certificate in base64, a key that does not match, a missing file', async () => {
    const cert = await leaf('soon.example.com', -30, 10);
    const other = await leaf('other.example.com', -30, 300);
    const text = [
      `CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=${base64(cert.pem)}`,
      `CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=${base64(other.key.pem)}`,
      'CENTRIFUGO_GRPC_API_TLS_CERT_PEM=certs/missing.crt',
    ].join('\n');
    const d = await findings(text);
    assert.deepEqual(summary(d).sort(), ['cert-expiring@0:36', 'key-mismatch@0:36', 'missing-file@2:33'].sort());
    assert.ok(d.every((x) => typeof (x.data as { envVar?: string }).envVar === 'string'));
    const { service } = setup();
    const lenses = await service.doCodeLens(envRequest(text));
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'base64 · Expires in 10 days · 2026-03-11 · CN=soon.example.com'],
      [1, 'base64 · Private key · EC P-256 · does not match the certificate'],
      // Without a config next to it, nothing switches the gRPC API on.
      [2, 'Not loaded: grpc_api.enabled is not set · No certificate: file not found'],
    ]);
  });

  it('a path resolves against the env file folder', async () => {
    const cert = await leaf('path.example.com', -30, 5);
    const text = 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=tls/server.crt\nCENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=tls/server.key\n';
    const d = await findings(text, {}, { 'tls/server.crt': cert.pem, 'tls/server.key': cert.key.pem });
    assert.deepEqual(summary(d), ['cert-expiring@0:36']);
  });

  it('with a config next to it, the checks are those of that config run with this file', async () => {
    const cert = await leaf('half.example.com', -30, 5);
    const files = { 'tls/server.crt': cert.pem, 'server.key': cert.key.pem, 'config.json': JSON.stringify({ http_server: { tls: { enabled: true, key_pem: 'server.key' } } }) };
    assert.deepEqual(summary(await findings('CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=tls/server.crt\n', {}, files)), ['cert-expiring@0:36']);
    // Alone, a certificate without its key is not loaded by v6 (configtypes/tls.go:80): nothing to say about it.
    assert.deepEqual(summary(await findings('CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=tls/server.crt\n', {}, { 'tls/server.crt': cert.pem })), []);
  });
});

describe('completion and hover in env files', () => {
  it('completes names with type and config path; named items get a placeholder', async () => {
    const { service } = setup();
    const { text, offset } = withCursor('A=1\nCENTRIFUGO_HTTP_SERVER_TLS_C|');
    const request = envRequest(text);
    const list = await service.doComplete(request, request.document.positionAt(offset));
    const cert = list.items.find((i) => i.label === 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM');
    assert.equal(cert?.detail, 'PEMData · http_server.tls.cert_pem');
    const proxy = list.items.find((i) => i.label === 'CENTRIFUGO_PROXIES_<NAME>_GRPC_TLS_CERT_PEM');
    assert.equal((proxy?.textEdit as { newText: string }).newText, 'CENTRIFUGO_PROXIES_${1:NAME}_GRPC_TLS_CERT_PEM=$0');
    const afterEquals = await service.doComplete(request, request.document.positionAt(2));
    assert.equal(afterEquals.items.length, 0, 'no names in a value');
  });

  it('hover: path, type, default, and the config value it overrides', async () => {
    const config = JSON.stringify({ http_server: { port: 8000, tls: { enabled: true } } }, null, 2);
    const { service } = setup({ 'config.json': config });
    const request = envRequest('CENTRIFUGO_HTTP_SERVER_PORT=9000\n');
    const hover = await service.doHover(request, { line: 0, character: 5 });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /Sets `http_server\.port` · `int` · default `8000`/);
    assert.match(value, /Overrides `8000` in config\.json:3\./);
  });
});
