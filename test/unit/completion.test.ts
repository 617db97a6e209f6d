import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLocation } from 'jsonc-parser';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { locate } from '../../server/src/service/features/completion';
import { applyEdits, cursorRequest, newService, withCursor } from '../helpers/documents';
import { MemoryEnvironment } from '../helpers/memoryEnvironment';

async function complete(textWithCursor: string, options: Parameters<typeof cursorRequest>[1] = {}, env?: MemoryEnvironment) {
  const { service } = newService(env);
  const { request, position } = cursorRequest(textWithCursor, options);
  const list = await service.doComplete(request, position);
  return { items: list.items, text: request.document.getText() };
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label).sort();
}

/** Applies an item the way the editor does; snippet placeholders are reduced to their defaults. */
function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const plain = edit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
  return applyEdits(text, [{ range: edit.range, newText: plain }]);
}

const V6_FIELDS = ['cert_pem', 'client_ca_pem', 'enabled', 'insecure_skip_verify', 'key_pem', 'server_ca_pem', 'server_name'];
const V5_FIELDS = ['cert_pem', 'cert_pem_b64', 'cert_pem_file', 'client_ca_pem', 'client_ca_pem_b64', 'client_ca_pem_file', 'enabled',
  'insecure_skip_verify', 'key_pem', 'key_pem_b64', 'key_pem_file', 'server_ca_pem', 'server_ca_pem_b64', 'server_ca_pem_file', 'server_name'];

describe('completion inside TLS blocks', () => {
  it('offers the v6 fields not yet present in http_server.tls', async () => {
    const { items } = await complete('{"http_server": {"tls": {"enabled": true, |}}}');
    assert.deepEqual(labels(items), V6_FIELDS.filter((f) => f !== 'enabled'));
    const cert = items.find((i) => i.label === 'cert_pem')!;
    assert.match(cert.detail!, /^string · .*PEM text, base64 of PEM, or a file path/);
  });

  it('offers the documented 15 fields in a v5 proxy_grpc_tls object', async () => {
    const { items } = await complete('{"token_hmac_secret_key": "s", "proxy_grpc_tls": {|}}');
    assert.deepEqual(labels(items), V5_FIELDS);
  });

  it('follows the version in effect in the documented top-level tls object', async () => {
    assert.deepEqual(labels((await complete('{"tls": {|}}')).items), V6_FIELDS);
    assert.deepEqual(labels((await complete('{"tls": {|}}', { settings: { version: 'v5' } })).items), V5_FIELDS);
  });

  it('completes in grpc_api.tls, unified_proxy.grpc.tls and proxies[0].grpc.tls', async () => {
    assert.deepEqual(labels((await complete('{"grpc_api": {"tls": {|}}}')).items), V6_FIELDS);
    assert.deepEqual(labels((await complete('{"unified_proxy": {"grpc": {"tls": {"enabled": true, |}}}}')).items), V6_FIELDS.filter((f) => f !== 'enabled'));
    assert.deepEqual(labels((await complete('{"proxies": [{"name": "p", "grpc": {"tls": {|}}}]}')).items), V6_FIELDS);
  });

  it('inserts a snippet with the cursor in the value and a comma when a property follows', async () => {
    const { items, text } = await complete('{"http_server": {"tls": {\n  |\n  "enabled": true\n}}}');
    const result = accept(text, items.find((i) => i.label === 'key_pem')!);
    assert.equal(result, '{"http_server": {"tls": {\n  "key_pem": "",\n  "enabled": true\n}}}');
    const enabled = (await complete('{"http_server": {"tls": {"cert_pem": "a", |}}}')).items;
    assert.equal(enabled.find((i) => i.label === 'enabled')?.textEdit?.newText, '"enabled": ${1|true,false|}');
  });

  it('replaces the part of the key the user already typed', async () => {
    const { items, text } = await complete('{"http_server": {"tls": {"cert|"}}}');
    assert.equal(accept(text, items.find((i) => i.label === 'cert_pem')!), '{"http_server": {"tls": {"cert_pem": ""}}}');
  });

  it('still completes in broken JSON: missing comma and unclosed braces', async () => {
    const broken = await complete('{"http_server": {"tls": {"enabled": true "cert_pem": "a" |');
    assert.deepEqual(labels(broken.items), ['client_ca_pem', 'insecure_skip_verify', 'key_pem', 'server_ca_pem', 'server_name']);
    assert.equal(accept(broken.text, broken.items.find((i) => i.label === 'key_pem')!), '{"http_server": {"tls": {"enabled": true "cert_pem": "a" , "key_pem": ""');
    assert.deepEqual(labels((await complete('{"grpc_api": {"tls": {|\n')).items), V6_FIELDS);
  });

  it('offers autocert fields in http_server.tls_autocert', async () => {
    const { items } = await complete('{"http_server": {"tls_autocert": {"enabled": true, |}}}');
    assert.deepEqual(labels(items), ['cache_dir', 'email', 'host_whitelist', 'http', 'http_addr', 'server_name']);
    assert.equal(items.find((i) => i.label === 'host_whitelist')?.textEdit?.newText, '"host_whitelist": ["$1"]');
  });
});

describe('completion of values', () => {
  it('offers true and false for booleans', async () => {
    const { items } = await complete('{"http_server": {"tls": {"enabled": |}}}');
    assert.deepEqual(labels(items), ['false', 'true']);
  });

  it('offers files near the config for path fields, certificate-like first', async () => {
    const env = new MemoryEnvironment();
    env.addFile('/work/project/server.crt', 'x').addFile('/work/project/README.md', 'x').addFile('/work/project/tls/key.pem', 'x');
    const { items, text } = await complete('{"token_hmac_secret_key": "s", "proxy_grpc_tls": {"cert_pem_file": "|"}}', {}, env);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted, ['server.crt', 'tls/', 'README.md']);
    assert.equal(accept(text, items.find((i) => i.label === 'server.crt')!), '{"token_hmac_secret_key": "s", "proxy_grpc_tls": {"cert_pem_file": "server.crt"}}');
  });

  it('follows a typed folder', async () => {
    const env = new MemoryEnvironment();
    env.addFile('/work/project/tls/key.pem', 'x').addFile('/work/project/tls/cert.pem', 'x');
    const { items } = await complete('{"http_server": {"tls": {"key_pem": "tls/|"}}}', {}, env);
    assert.deepEqual(labels(items), ['cert.pem', 'key.pem']);
    assert.equal(items.find((i) => i.label === 'key.pem')?.textEdit?.newText, '"tls/key.pem"');
  });
});

/** The TLS block keys (with their skeleton) among the section's keys; they sort first. */
function tlsBlockItems(items: CompletionItem[]): CompletionItem[] {
  return items.filter((i) => i.sortText?.startsWith('0_'));
}

describe('completion of block keys', () => {
  it('offers tls, internal_tls and tls_autocert inside http_server with a skeleton', async () => {
    const { items, text } = await complete('{"http_server": {"port": 443, |}}');
    assert.deepEqual(labels(tlsBlockItems(items)), ['internal_tls', 'tls', 'tls_autocert']);
    assert.equal(accept(text, items.find((i) => i.label === 'tls')!),
      '{"http_server": {"port": 443, "tls": {\n\t"enabled": true,\n\t"cert_pem": "server.crt",\n\t"key_pem": "server.key"\n}}}');
  });

  it('offers tls with a server CA skeleton inside a proxy and sentinel_tls inside engine.redis', async () => {
    assert.deepEqual(labels(tlsBlockItems((await complete('{"proxies": [{"name": "a", "grpc": {|}}]}')).items)), ['tls']);
    assert.deepEqual(labels(tlsBlockItems((await complete('{"engine": {"redis": {|}}}')).items)), ['sentinel_tls', 'tls']);
  });

  it('offers v5 locations and flat keys at the top level of a v5 config', async () => {
    const { items } = await complete('{"token_hmac_secret_key": "s", "tls": true, |}');
    const names = labels(items);
    for (const key of ['nats_tls', 'proxy_grpc_tls', 'tls_cert', 'tls_key', 'grpc_api_tls_cert', 'redis_tls_root_ca', 'tls_autocert_host_whitelist']) {
      assert.ok(names.includes(key), `${key} offered`);
    }
    assert.ok(!names.includes('tls'), 'a key already present is not offered again');
    assert.ok(!names.includes('http_server'), 'no v6 section in a v5 config');
  });

  it('a cursor marker helper refuses a document without cursor', () => {
    assert.throws(() => withCursor('{}'));
  });
});

describe('locating the cursor without scanning the whole text', () => {
  it('agrees with jsonc-parser getLocation at every offset', async () => {
    const { service } = newService();
    const documents = [
      '{"http_server": {"port": 8000, "tls": {"enabled": true, "cert_pem": "a.crt"}}, "proxies": [{"name": "p", "grpc": {"tls": {"key_pem": "k"}}}, {"name": "q"}]}',
      '{\n  "token_hmac_secret_key": "s",\n  "proxy_grpc_tls": {\n    "enabled": true,\n    "cert_pem_file": "x"\n  },\n  "namespaces": [{"name": "a", "x": [1, {"y": {}}]}]\n}\n',
      '{"consumers": [{"kafka": {"tls": {"enabled": true, "server_ca_pem": ""}}}], "grpc_api": {"tls": {}}}',
    ];
    for (const text of documents) {
      const model = service.getModel(cursorRequest(`${text}|`).request);
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = getLocation(text, offset);
        const actual = locate(model, text, offset);
        const strip = (n: typeof expected.previousNode) => (n ? { offset: n.offset, length: n.length, type: n.type, value: n.value } : undefined);
        assert.deepEqual(
          { path: actual.path, key: actual.isAtPropertyKey, previous: strip(actual.previousNode) },
          { path: expected.path, key: expected.isAtPropertyKey, previous: strip(expected.previousNode) },
          `offset ${offset} of ${JSON.stringify(text.slice(Math.max(0, offset - 10), offset))}|`,
        );
      }
    }
  });
});
