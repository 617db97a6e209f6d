/**
 * Completion in YAML and TOML configs writes the file's own syntax. Each test completes at a `|`
 * cursor, applies the chosen item the way the editor does, parses the result with the project's
 * own YAML / TOML builder and checks that the key or value landed at the intended path and that
 * the rest of the file reads as before. Labels, details and documentation match JSON's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { parseToml } from '../../server/src/service/model/tomlTree';
import { getNodeValue } from '../../server/src/service/model/tree';
import { parseYaml } from '../../server/src/service/model/yamlTree';
import { applyEdits, CONFIG_DIR, cursorRequest, makeRequest, newService } from '../helpers/documents';

type Format = 'json' | 'yaml' | 'toml';

async function complete(format: Format, textWithCursor: string, version: 'v5' | 'v6' = 'v6') {
  const { service } = newService();
  const { request, position } = cursorRequest(textWithCursor, {
    settings: { version },
    context: { configPath: `${CONFIG_DIR}/config.${format}`, workspaceFolder: CONFIG_DIR, forced: true },
  });
  const list = await service.doComplete(request, position);
  return { items: list.items, text: request.document.getText() };
}

/** Completion where `marker` stands in `text` (for texts whose own `|` is YAML's block scalar). */
async function completeAt(format: Format, text: string, marker: string): Promise<CompletionItem[]> {
  const { service } = newService();
  const request = makeRequest(text.replace(marker, ''), { context: { configPath: `${CONFIG_DIR}/config.${format}`, workspaceFolder: CONFIG_DIR, forced: true } });
  return (await service.doComplete(request, request.document.positionAt(text.indexOf(marker)))).items;
}

/** Applies an item as the editor does; snippet choices and placeholders are reduced to their first value. */
function accept(text: string, item: CompletionItem | undefined): string {
  assert.ok(item, 'the item is offered');
  const edit = item.textEdit as TextEdit;
  const plain = edit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
  return applyEdits(text, [{ range: edit.range, newText: plain }]);
}

/** The value the format's reader sees, after checking it reads the text without a problem. */
function read(format: 'yaml' | 'toml', text: string): unknown {
  const tree = format === 'yaml' ? parseYaml(text) : parseToml(text);
  assert.deepEqual(tree.problems, [], text);
  return JSON.parse(JSON.stringify(getNodeValue(tree.root as never)));
}

async function completeAndRead(format: 'yaml' | 'toml', textWithCursor: string, label: string): Promise<{ value: unknown; text: string; items: CompletionItem[] }> {
  const { items, text } = await complete(format, textWithCursor);
  const edited = accept(text, items.find((i) => i.label === label));
  return { value: read(format, edited), text: edited, items };
}

const V6_TLS_FIELDS = ['cert_pem', 'client_ca_pem', 'enabled', 'insecure_skip_verify', 'key_pem', 'server_ca_pem', 'server_name'];

/** What the user reads of an item, whatever the format: everything but the inserted text. */
function shown(items: CompletionItem[]): unknown[] {
  return items.map((i) => ({ label: i.label, kind: i.kind, detail: i.detail, documentation: i.documentation, sortText: i.sortText }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

describe('YAML completion', () => {
  it('top-level keys: a scalar as `key: value`, a section as a nested mapping', async () => {
    const bool = await completeAndRead('yaml', 'http_server:\n  port: 8000\n|', 'enable_unreleased_features');
    assert.deepEqual(bool.value, { http_server: { port: 8000 }, enable_unreleased_features: false });
    const section = await complete('yaml', 'http_server:\n  port: 8000\n|');
    assert.equal(section.items.find((i) => i.label === 'client')?.textEdit?.newText, 'client:\n  $0');
    assert.ok(!section.items.some((i) => i.label === 'http_server'), 'a key already present is not offered again');
  });

  it('a key inside a nested section: the tls skeleton as a mapping two spaces deeper, on a blank line and on a half-typed key', async () => {
    const tls = { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' };
    const blank = await completeAndRead('yaml', 'http_server:\n  port: 8000\n  |\n  address: 0.0.0.0\nlog:\n  level: info\n', 'tls');
    assert.deepEqual(blank.value, { http_server: { port: 8000, tls, address: '0.0.0.0' }, log: { level: 'info' } });
    assert.match(blank.text, /\n {2}tls:\n {4}enabled: true\n {4}cert_pem: server\.crt\n {4}key_pem: server\.key\n {2}address/);
    const typed = await completeAndRead('yaml', 'http_server:\n  port: 8000\n  tl|', 'tls');
    assert.deepEqual(typed.value, { http_server: { port: 8000, tls } });
  });

  it('a key inside a proxies list item, and in a new item', async () => {
    const item = await completeAndRead('yaml', 'proxies:\n  - name: a\n    endpoint: grpc://a:1\n    |\n  - name: b\n', 'timeout');
    assert.deepEqual(item.value, { proxies: [{ name: 'a', endpoint: 'grpc://a:1', timeout: '1s' }, { name: 'b' }] });
    assert.ok(!item.items.some((i) => i.label === 'name'), 'the item already has a name');
    const fresh = await completeAndRead('yaml', 'proxies:\n  - name: a\n  - |', 'timeout');
    assert.deepEqual(fresh.value, { proxies: [{ name: 'a' }, { timeout: '1s' }] });
  });

  it('fields in an empty tls mapping', async () => {
    const { items } = await complete('yaml', 'http_server:\n  tls:\n    |\nlog:\n  level: info\n');
    assert.deepEqual(items.map((i) => i.label).sort(), V6_TLS_FIELDS);
    const done = await completeAndRead('yaml', 'http_server:\n  tls:\n    |\nlog:\n  level: info\n', 'enabled');
    assert.deepEqual(done.value, { http_server: { tls: { enabled: true } }, log: { level: 'info' } });
  });

  it('an enum value is a plain scalar; a boolean is bare', async () => {
    const level = await completeAndRead('yaml', 'log:\n  level: |\n', 'debug');
    assert.deepEqual(level.value, { log: { level: 'debug' } });
    assert.equal(level.text, 'log:\n  level: debug\n');
    const enabled = await completeAndRead('yaml', 'http_server:\n  tls:\n    enabled: |\n', 'true');
    assert.deepEqual(enabled.value, { http_server: { tls: { enabled: true } } });
    const typed = await completeAndRead('yaml', 'http_server:\n  tls:\n    enabled: fa|\n', 'false');
    assert.deepEqual(typed.value, { http_server: { tls: { enabled: false } } });
    // Right after the `:` that triggered completion, the value comes with the space YAML needs.
    const colon = await completeAndRead('yaml', 'log:\n  level:|\n', 'error');
    assert.equal(colon.text, 'log:\n  level: error\n');
  });

  it('quotes a value only where YAML needs it: a proxy named yes stays the text "yes"', async () => {
    const text = 'proxies:\n  - name: "yes"\n    endpoint: grpc://a:1\nchannel:\n  namespaces:\n    - name: ns\n      subscribe_proxy_name: |\n';
    const { value } = await completeAndRead('yaml', text, 'yes');
    assert.equal((value as { channel: { namespaces: { subscribe_proxy_name: unknown }[] } }).channel.namespaces[0].subscribe_proxy_name, 'yes');
  });
});

describe('TOML completion', () => {
  it('top-level keys: `key = value`, a section as a [header] where the table ends', async () => {
    const bool = await completeAndRead('toml', 'pid_file = "x"\n|', 'enable_unreleased_features');
    assert.deepEqual(bool.value, { pid_file: 'x', enable_unreleased_features: false });
    const section = await completeAndRead('toml', 'pid_file = "x"\n|', 'http_server');
    assert.equal(section.text, 'pid_file = "x"\n[http_server]\n');
    assert.deepEqual(section.value, { pid_file: 'x', http_server: {} });
  });

  it('a key inside a table: the tls skeleton as a [header] at the end of the table, as dotted keys before other keys', async () => {
    const tls = { enabled: true, cert_pem: 'server.crt', key_pem: 'server.key' };
    const atEnd = await completeAndRead('toml', '[http_server]\nport = 8000\n|\n\n[log]\nlevel = "info"\n', 'tls');
    assert.deepEqual(atEnd.value, { http_server: { port: 8000, tls }, log: { level: 'info' } });
    assert.match(atEnd.text, /\[http_server\.tls\]\nenabled = true\n/);
    const middle = await completeAndRead('toml', '[http_server]\n|\nport = 8000\n', 'tls');
    assert.deepEqual(middle.value, { http_server: { port: 8000, tls } });
    assert.match(middle.text, /^\[http_server\]\ntls\.enabled = true\ntls\.cert_pem = "server\.crt"\n/);
    const typed = await completeAndRead('toml', '[http_server]\nport = 8000\ninternal_p|', 'internal_port');
    assert.equal(Object.keys((typed.value as { http_server: object }).http_server).join(), 'port,internal_port');
  });

  it('a key inside the current [[proxies]] table', async () => {
    const { value, items } = await completeAndRead('toml', '[[proxies]]\nname = "a"\n\n[[proxies]]\nname = "b"\n|', 'timeout');
    assert.deepEqual(value, { proxies: [{ name: 'a' }, { name: 'b', timeout: '1s' }] });
    assert.ok(!items.some((i) => i.label === 'name'));
    const nested = await completeAndRead('toml', '[[proxies]]\nname = "a"\ngrpc.|', 'tls');
    assert.deepEqual(nested.value, { proxies: [{ name: 'a', grpc: { tls: { enabled: true, server_ca_pem: '' } } }] });
  });

  it('fields in an empty [http_server.tls] table', async () => {
    const { items } = await complete('toml', '[http_server.tls]\n|\n\n[log]\nlevel = "info"\n');
    assert.deepEqual(items.map((i) => i.label).sort(), V6_TLS_FIELDS);
    const done = await completeAndRead('toml', '[http_server.tls]\n|\n\n[log]\nlevel = "info"\n', 'cert_pem');
    assert.deepEqual(done.value, { http_server: { tls: { cert_pem: '' } }, log: { level: 'info' } });
  });

  it('an enum value is a quoted string; a boolean is bare; a duration is a string', async () => {
    const level = await completeAndRead('toml', '[log]\nlevel = |\n', 'warn');
    assert.equal(level.text, '[log]\nlevel = "warn"\n');
    assert.deepEqual(level.value, { log: { level: 'warn' } });
    const enabled = await completeAndRead('toml', '[http_server.tls]\nenabled = t|\n', 'true');
    assert.deepEqual(enabled.value, { http_server: { tls: { enabled: true } } });
    const timeout = await completeAndRead('toml', '[[proxies]]\nname = "a"\ntimeout = |\n', '5s');
    assert.deepEqual(timeout.value, { proxies: [{ name: 'a', timeout: '5s' }] });
  });
});

describe('where completion stays quiet', () => {
  it('offers nothing inside a PEM block scalar or a TOML multi-line string, nor in a comment', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    const yaml = `http_server:\n  tls:\n    cert_pem: |\n${pem.split('\n').filter(Boolean).map((l) => `      ${l}`).join('\n')}\n    enabled: true\n`;
    assert.deepEqual(await completeAt('yaml', yaml.replace('MIIBsz', 'MII@Bsz'), '@'), []);
    const toml = `[http_server.tls]\ncert_pem = """\n${pem}"""\nenabled = true\n`;
    assert.deepEqual(await completeAt('toml', toml.replace('MIIBsz', 'MII@Bsz'), '@'), []);
    assert.deepEqual((await complete('yaml', 'http_server:\n  # ti|\n  port: 1\n')).items, []);
    assert.deepEqual((await complete('toml', '[http_server]\n# ti|\nport = 1\n')).items, []);
    // The same places one line further are keys again.
    assert.ok((await completeAt('yaml', yaml.replace('    enabled: true', '    @'), '@')).some((i) => i.label === 'key_pem'));
    assert.ok((await completeAt('toml', toml.replace('enabled = true', '@'), '@')).some((i) => i.label === 'key_pem'));
  });
});

describe('the same items in JSON, YAML and TOML', () => {
  it('top-level option keys and TLS fields show the same labels, details and documentation', async () => {
    const top = {
      json: await complete('json', '{"pid_file": "x", |}'),
      yaml: await complete('yaml', 'pid_file: x\n|'),
      toml: await complete('toml', 'pid_file = "x"\n|'),
    };
    assert.ok(top.json.items.length > 20);
    assert.deepEqual(shown(top.yaml.items), shown(top.json.items));
    assert.deepEqual(shown(top.toml.items), shown(top.json.items));
    const tls = {
      json: await complete('json', '{"grpc_api": {"tls": {|}}}'),
      yaml: await complete('yaml', 'grpc_api:\n  tls:\n    |'),
      toml: await complete('toml', '[grpc_api.tls]\n|'),
    };
    assert.deepEqual(shown(tls.yaml.items), shown(tls.json.items));
    assert.deepEqual(shown(tls.toml.items), shown(tls.json.items));
  });

  it('v5 flat TLS keys at the top level of a v5 YAML config', async () => {
    const { items, text } = await complete('yaml', 'token_hmac_secret_key: s\n|', 'v5');
    const edited = accept(text, items.find((i) => i.label === 'tls_cert'));
    assert.deepEqual(read('yaml', edited), { token_hmac_secret_key: 's', tls_cert: null });
    assert.equal(edited, 'token_hmac_secret_key: s\ntls_cert: ');
  });
});

describe('TOML table headers and inline tables', () => {
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  it('a header being typed offers the tables of the catalog under its dotted key, as whole headers', async () => {
    const { items } = await complete('toml', 'pid_file = "x"\n[http_server.|');
    assert.deepEqual(labels(items).sort(), ['http3', 'internal_tls', 'tls', 'tls_autocert'], 'tables only, no scalar such as port');
    const tls = await completeAndRead('toml', 'pid_file = "x"\n[http_server.t|', 'tls');
    assert.equal(tls.text, 'pid_file = "x"\n[http_server.tls]');
    assert.deepEqual(tls.value, { pid_file: 'x', http_server: { tls: {} } });
    // The editor filters on the header as typed, bracket included.
    assert.equal(tls.items.find((i) => i.label === 'tls')?.filterText, '[http_server.tls');
    // A closing bracket already typed is replaced, not doubled.
    const closed = await completeAndRead('toml', '[http_server.tl|]\nenabled = true\n', 'tls');
    assert.deepEqual(closed.value, { http_server: { tls: { enabled: true } } });
  });

  it('an array of tables is always written [[...]]; `[[` leads through tables to one', async () => {
    const single = await completeAndRead('toml', 'pid_file = "x"\n[prox|', 'proxies');
    assert.equal(single.text, 'pid_file = "x"\n[[proxies]]');
    assert.deepEqual(single.value, { pid_file: 'x', proxies: [{}] });
    const double = await complete('toml', '[[prox|');
    assert.ok(!labels(double.items).includes('log'), 'a table with no array of tables below is not offered after [[');
    const channel = double.items.find((i) => i.label === 'channel');
    assert.equal(channel?.textEdit?.newText, '[[channel.');
    assert.equal(channel?.command?.command, 'editor.action.triggerSuggest');
    const namespaces = await completeAndRead('toml', '[[channel.|', 'namespaces');
    assert.deepEqual(namespaces.value, { channel: { namespaces: [{}] } });
  });

  it('a header under an array of tables names the tables of its items', async () => {
    const { value, items } = await completeAndRead('toml', '[[proxies]]\nname = "a"\n[proxies.|', 'grpc');
    assert.deepEqual(labels(items).sort(), ['grpc', 'http']);
    assert.deepEqual(value, { proxies: [{ name: 'a', grpc: {} }] });
  });

  it('inside an inline table: keys in `key = value` form on the line, with the commas they need', async () => {
    const first = await completeAndRead('toml', '[http_server]\ntls = { en| }\n', 'enabled');
    assert.deepEqual(first.value, { http_server: { tls: { enabled: true } } });
    assert.equal(first.text, '[http_server]\ntls = { enabled = true }\n');
    const after = await completeAndRead('toml', '[http_server]\ntls = { enabled = true |}\n', 'cert_pem');
    assert.deepEqual(after.value, { http_server: { tls: { enabled: true, cert_pem: '' } } });
    assert.ok(!labels(after.items).includes('enabled'), 'a key already in the inline table is not offered again');
    const before = await completeAndRead('toml', '[http_server]\ntls = { | enabled = true }\n', 'key_pem');
    assert.deepEqual(before.value, { http_server: { tls: { key_pem: '', enabled: true } } });
    const comma = await complete('toml', '[http_server]\ntls = { enabled = true, |}\n');
    assert.ok(labels(comma.items).includes('cert_pem') && !labels(comma.items).includes('enabled'));
  });

  it('a section inside an inline table is an inline table itself; values complete there too', async () => {
    const nested = await completeAndRead('toml', '[[proxies]]\nname = "a"\ngrpc = { | }\n', 'tls');
    assert.deepEqual(nested.value, { proxies: [{ name: 'a', grpc: { tls: { enabled: true, server_ca_pem: '' } } }] });
    const items = await completeAndRead('toml', 'proxies = [{ name = "a" }, { | }]\n', 'timeout');
    assert.deepEqual(items.value, { proxies: [{ name: 'a' }, { timeout: '1s' }] });
    const bool = await completeAndRead('toml', '[http_server]\ntls = { enabled = |}\n', 'false');
    assert.deepEqual(bool.value, { http_server: { tls: { enabled: false } } });
  });

  it('after a syntax error elsewhere in the file, keys still complete and present keys are still known', async () => {
    for (const broken of ['a = [1, 2\n', '[log]\nlevel = "info\n', '= 5\n']) {
      const { items } = await complete('toml', `${broken}\n[http_server]\nport = 8000\n|`);
      assert.ok(labels(items).includes('tls'), broken);
      assert.ok(!labels(items).includes('port'), broken);
    }
  });
});
