/**
 * A patched tree is the tree a full parse of the new text gives, node for node (type, offset,
 * length, value, parent), or the patch is refused. Edits are the ones typing makes: inside a
 * string, a number, a keyword; and ones that must fall back to a full parse.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson } from '../../server/src/service/model/parse';
import type { ConfigNode } from '../../server/src/service/model/tree';
import { changedSpan, patchJsonScalar } from '../../server/src/service/model/treePatch';
import { makeRequest, newService } from '../helpers/documents';

const BASE = `{
  "http_server": { "port": 8443, "tls": { "enabled": true, "cert_pem": "server.crt", "key_pem": "server.key" } },
  "proxies": [
    { "name": "a", "endpoint": "grpc://a:1", "timeout": "3s", "grpc": { "tls": { "enabled": false } } },
    { "name": "b", "endpoint": "https://b/x", "timeout": "1s", "http": { "tls": { "enabled": true, "server_ca_pem": "ca.pem" } } }
  ],
  "client": { "allowed_origins": ["https://a.example"], "history_max_publication_limit": 300, "x": null }
}
`;

/** Every node as plain data, in document order, with its parent's offset: two trees compare with deepEqual. */
function flatten(root: ConfigNode | undefined): unknown[] {
  const out: unknown[] = [];
  const stack: ConfigNode[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop() as ConfigNode;
    out.push([node.type, node.offset, node.length, node.value, node.parent?.offset ?? -1, node.children?.length ?? -1]);
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push((node.children as ConfigNode[])[i]);
  }
  return out;
}

function replaceAt(text: string, needle: string, replacement: string): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return text.slice(0, at) + replacement + text.slice(at + needle.length);
}

describe('patching the tree of a one-value edit', () => {
  const accepted: [string, string, string][] = [
    ['a string grows', '"3s"', '"30s"'],
    ['a string shrinks to empty', '"server.crt"', '""'],
    ['a number changes length', '8443', '443'],
    ['a number grows at its end', '300', '3000'],
    ['true becomes false', '"enabled": true, "cert', '"enabled": false, "cert'],
    ['null becomes a number', 'null', '12'],
    ['an escape is typed', '"grpc://a:1"', '"grpc://a:1\\u0041"'],
    ['a value in the last array item', '"ca.pem"', '"pool/ca.pem"'],
  ];
  for (const [name, from, to] of accepted) {
    it(`${name}: patched, and equal to a full parse`, () => {
      const tree = parseJson(BASE);
      const after = replaceAt(BASE, from, to);
      assert.equal(patchJsonScalar(tree, BASE, after), true);
      assert.deepEqual(flatten(tree.root), flatten(parseJson(after).root));
    });
  }

  const refused: [string, string, string][] = [
    ['a key is edited', '"timeout"', '"timeouts"'],
    ['a string loses its closing quote', '"3s",', '"3s,'],
    ['a comma is removed', '"a", "endpoint"', '"a" "endpoint"'],
    ['a value becomes two tokens', '8443', '84 43'],
    ['a number becomes text', '8443', '84x'],
    ['a new property', '"x": null', '"x": null, "y": 1'],
    ['a string becomes a number', '"3s"', '3'],
  ];
  for (const [name, from, to] of refused) {
    it(`${name}: refused, the tree untouched`, () => {
      const tree = parseJson(BASE);
      const before = flatten(tree.root);
      assert.equal(patchJsonScalar(tree, BASE, replaceAt(BASE, from, to)), false);
      assert.deepEqual(flatten(tree.root), before);
    });
  }

  it('refuses a tree that had errors: recovery is not local', () => {
    const broken = BASE.replace('"port": 8443,', '"port": 8443');
    const tree = parseJson(broken);
    assert.ok(tree.problems.length > 0);
    assert.equal(patchJsonScalar(tree, broken, broken.replace('"3s"', '"4s"')), false);
  });

  it('changedSpan finds the one edited stretch', () => {
    assert.deepEqual(changedSpan('abcdef', 'abXYef'), { start: 2, endBefore: 4, endAfter: 4 });
    assert.deepEqual(changedSpan('aaa', 'aaaa'), { start: 3, endBefore: 3, endAfter: 4 });
    assert.deepEqual(changedSpan('same', 'same'), { start: 4, endBefore: 4, endAfter: 4 });
  });

  it('changedSpan over long texts agrees with a character-by-character comparison at every chunk boundary', () => {
    const reference = (before: string, after: string) => {
      let start = 0;
      while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
      let endBefore = before.length;
      let endAfter = after.length;
      while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) { endBefore--; endAfter--; }
      return { start, endBefore, endAfter };
    };
    const long = 'ab'.repeat(10_000);
    for (const at of [0, 1, 4095, 4096, 4097, 8192, 12_345, 19_999]) {
      for (const [cut, insert] of [[0, 'X'], [1, ''], [3, 'ba'], [0, 'ab'.repeat(3000)]] as const) {
        const after = long.slice(0, at) + insert + long.slice(at + cut);
        assert.deepEqual(changedSpan(long, after), reference(long, after), `at ${at}, cut ${cut}, insert ${insert.length}`);
        assert.deepEqual(changedSpan(after, long), reference(after, long), `reversed at ${at}`);
      }
    }
  });

  it('the service answers from a patched tree exactly as from a fresh one', async () => {
    const { service } = newService();
    const uri = 'file:///work/config.json';
    const versions = [BASE, replaceAt(BASE, '"3s"', '"3x"'), replaceAt(BASE, '"3s"', '"3"'), replaceAt(BASE, '"3s"', '"10s"')];
    for (const text of versions) {
      const fromPatched = await service.doValidation(makeRequest(text, { uri }));
      const fresh = await newService().service.doValidation(makeRequest(text, { uri }));
      assert.deepEqual(fromPatched, fresh);
    }
    // The tree was patched, not parsed again, from one version to the next.
    const first = service.getModel(makeRequest(versions[0], { uri })).root;
    assert.equal(service.getModel(makeRequest(versions[3], { uri })).root, first);
    // The second version's invalid duration is found through the patched tree.
    const second = await service.doValidation(makeRequest(versions[1], { uri }));
    assert.ok(second.some((d) => d.code === 'type-mismatch'), JSON.stringify(second.map((d) => d.code)));
  });
});
