import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as jsonc from 'jsonc-parser';
import { buildJsonTree } from '../../server/src/service/model/jsonTree';
import { parseJson } from '../../server/src/service/model/parse';
import {
  type ConfigNode, MAX_DEPTH, findNodeAtLocation, findNodeAtOffset, getNodePath, getNodeValue, walkTree,
} from '../../server/src/service/model/tree';

interface Shape { type: string; offset: number; length: number; value?: unknown; children?: Shape[] }

function shapeOf(node: jsonc.Node | ConfigNode | undefined): Shape | undefined {
  if (!node) return undefined;
  const shape: Shape = { type: node.type, offset: node.offset, length: node.length };
  if (node.value !== undefined) shape.value = node.value;
  if (node.children) shape.children = node.children.map((c) => shapeOf(c) as Shape);
  return shape;
}

const STRICT = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true };

/** Texts a user has half typed: every prefix of a config, and some broken variants. */
function samples(): string[] {
  const config = '{"http_server": {"tls": {"enabled": true, "cert_pem_file": "a.crt", "key_pem": null}, "port": 8000},\n' +
    ' "proxies": [{"name": "p", "grpc": {"tls": {"enabled": false}}}, 1, -2.5e3, "x"], // c\n "client": {"allowed_origins": ["*",]}, /* b */ "log": {} }';
  const out: string[] = [];
  for (let i = 0; i <= config.length; i++) out.push(config.slice(0, i));
  for (let i = 0; i < config.length; i += 3) out.push(config.slice(0, i) + config.slice(i + 1));
  out.push('', '   ', '}', '[1 2]', '{"a" "b", "c": 1}', '{"a": }', '{,}', '{"a":1]', '[1,]', '{"a": 1 "b": 2}', '"s" x', '{"a": 0x1}',
    '{"a": "\\u12"}', '{"a": "x\ny"}', '{"a": {"b": [', '[[[', '{"a": 1, "a": 2}', '{"\\u0041": tru}');
  return out;
}

describe('config tree from JSON', () => {
  it('has the nodes and errors jsonc-parser gives, for every prefix and broken variant of a config', () => {
    for (const text of samples()) {
      const errors: jsonc.ParseError[] = [];
      const expected = jsonc.parseTree(text, errors, STRICT);
      const ours = buildJsonTree(text);
      assert.deepEqual(shapeOf(ours.root), shapeOf(expected), `tree of ${JSON.stringify(text)}`);
      assert.deepEqual(ours.errors.map((e) => ({ ...e })), errors.map((e) => ({ error: e.error, offset: e.offset, length: e.length })), `errors of ${JSON.stringify(text)}`);
    }
  });

  it('links every node to its parent', () => {
    const { root } = buildJsonTree('{"a": [1, {"b": null}], "c": "d"}');
    for (const node of walkTree(root)) for (const child of node.children ?? []) assert.equal(child.parent, node);
    assert.equal(root?.parent, undefined);
  });

  it('finds nodes by offset and by path, and gives paths and values, as jsonc-parser does', () => {
    const text = '{"a": [1, {"b": null, "b": [true]}], "c": "d", "e": {"f": {"g": 2}}}';
    const ours = buildJsonTree(text).root as ConfigNode;
    const theirs = jsonc.parseTree(text) as jsonc.Node;
    for (let offset = 0; offset <= text.length; offset++) {
      for (const right of [false, true]) {
        const a = findNodeAtOffset(ours, offset, right);
        const b = jsonc.findNodeAtOffset(theirs, offset, right);
        assert.deepEqual(a && [a.type, a.offset, a.length], b && [b.type, b.offset, b.length], `offset ${offset} ${right}`);
        if (a && b) assert.deepEqual(getNodePath(a), jsonc.getNodePath(b));
      }
    }
    for (const path of [['a', 1, 'b'], ['a', 0], ['e', 'f', 'g'], ['a', 5], ['x'], ['c', 0]]) {
      assert.deepEqual(shapeOf(findNodeAtLocation(ours, path)), shapeOf(jsonc.findNodeAtLocation(theirs, path)));
    }
    assert.deepEqual(getNodeValue(ours), jsonc.getNodeValue(theirs));
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(ours))), { a: [1, { b: [true] }], c: 'd', e: { f: { g: 2 } } });
  });

  it('reads 10,000 levels, as Go does, and refuses the next with one located finding instead of overflowing the stack', () => {
    const within = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
    assert.deepEqual(parseJson(within).problems, []);
    const deep = 100_000;
    const text = '{"a": ' + '['.repeat(deep) + '1' + ']'.repeat(deep) + ', "b": 2}';
    const tree = parseJson(text);
    assert.deepEqual(tree.problems.map((p) => [p.kind, p.offset]), [['too-deep', 6 + MAX_DEPTH - 1]]);
    assert.match(tree.problems[0].message, /nested too deeply/i);
    // The rest of the document is still read.
    assert.equal(findNodeAtLocation(tree.root, ['b'])?.value, 2);
    let depth = 0;
    for (let node = findNodeAtLocation(tree.root, ['a']); node?.children?.length; node = node.children[0]) depth++;
    // The object is level 1, so 9,999 arrays hold children; the 10,001st level is kept empty.
    assert.equal(depth, MAX_DEPTH - 1);
    assert.ok(getNodeValue(tree.root as ConfigNode));
  });

  it('an unclosed deep document is refused the same way', () => {
    const tree = parseJson('['.repeat(50_000));
    assert.deepEqual(tree.problems.map((p) => p.kind), ['too-deep', 'syntax']);
  });
});
