/**
 * After a syntax error the YAML and TOML readers leave part of the file unread. The error is
 * reported where the broken text is, and findings that would rest on the unread part (a key on
 * the broken line read as missing) are not reported; findings elsewhere still are. Each case has
 * its control: the same config with the line really missing gives the finding.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToml } from '../../server/src/service/model/tomlTree';
import { getNodeValue } from '../../server/src/service/model/tree';
import { CONFIG_DIR, makeRequest, newService } from '../helpers/documents';

async function found(file: string, text: string): Promise<string[]> {
  const { service } = newService();
  const request = makeRequest(text, { settings: { version: 'v6' }, context: { configPath: `${CONFIG_DIR}/${file}`, workspaceFolder: CONFIG_DIR, forced: true } });
  return (await service.doValidation(request)).map((d) => `${String(d.code)}@${d.range.start.line}`);
}

describe('TOML after a syntax error', () => {
  it('a key on the broken line is not reported missing; the same key really missing is', async () => {
    const broken = '[http_server.tls]\nenabled = true\ncert_pem = "a.crt\nkey_pem = "a.key"\n[log]\nlevel = "nope"\n';
    assert.deepEqual(await found('config.toml', broken), ['toml-syntax@2', 'invalid-value@5']);
    const missing = '[http_server.tls]\nenabled = true\nkey_pem = "a.key"\n[log]\nlevel = "nope"\n';
    assert.ok((await found('config.toml', missing)).includes('mixed-source-pair@2'));
  });

  it('a key with no value: the error is on its line, and the next line is still read', async () => {
    const text = '[[proxies]]\nendpoint = \nname = "aa"\n';
    assert.deepEqual(await found('config.toml', text), ['toml-syntax@1']);
    const tree = parseToml(text);
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(tree.root as never))), { proxies: [{ name: 'aa' }] });
    // Really without an endpoint, the proxy is refused at start-up.
    assert.deepEqual(await found('config.toml', '[[proxies]]\nname = "aa"\n'), ['invalid-value@1']);
  });

  it('an unclosed table header: said in TOML\'s words on its line, and its keys do not land in the table above', async () => {
    const text = '[http_server]\nport = 8000\n\n[http_server.tls\nenabled = true\ncert_pem = "a.crt"\nkey_pem = "a.key"\n';
    const tree = parseToml(text);
    assert.deepEqual(tree.problems.map((p) => p.message), ['TOML: The table header is not closed: a `]` is missing. Centrifugo cannot read this file until it is fixed.']);
    assert.equal(text.slice(0, tree.problems[0].offset).split('\n').length - 1, 3);
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(tree.root as never))), { http_server: { port: 8000 } });
    assert.deepEqual(await found('config.toml', text), ['toml-syntax@3']);
    const arrayHeader = '[[proxies]]\nname = "aa"\nendpoint = "http://x"\n[[proxies\nname = "b"\n';
    assert.deepEqual(await found('config.toml', arrayHeader), ['toml-syntax@3']);
  });

  it('a dotted key on a broken line counts in the table it names', async () => {
    const text = '[http_server]\ntls.enabled = true\ntls.cert_pem = "a.crt\ntls.key_pem = "a.key"\n';
    assert.deepEqual(await found('config.toml', text), ['toml-syntax@2']);
  });
});

describe('YAML after a syntax error', () => {
  it('an unclosed quote swallows the keys after it: none of them is reported missing', async () => {
    const text = 'http_server:\n  tls:\n    enabled: true\n    cert_pem: "a.crt\n    key_pem: a.key\nlog:\n  level: info\n';
    assert.deepEqual((await found('config.yaml', text)).filter((c) => !c.startsWith('yaml-syntax')), []);
    const missing = 'http_server:\n  tls:\n    enabled: true\n    cert_pem: a.crt\nlog:\n  level: info\n';
    assert.ok((await found('config.yaml', missing)).some((c) => c.startsWith('mixed-source-pair')));
  });

  it('a name defined nowhere is not reported while part of the file is unread; a finding in another section is', async () => {
    const text = 'log:\n  level: nope\nproxies:\n  - name: ab\n    endpoint: http://x\n    timeout: {1s\nchannel:\n  namespaces:\n    - name: n1\n      subscribe_proxy_name: cd\n';
    const codes = await found('config.yaml', text);
    assert.ok(codes.includes('invalid-value@1'), codes.join());
    assert.ok(!codes.some((c) => c.startsWith('undefined-name')), codes.join());
    const whole = text.replace('{1s', '1s');
    assert.ok((await found('config.yaml', whole)).some((c) => c.startsWith('undefined-name')));
  });
});
