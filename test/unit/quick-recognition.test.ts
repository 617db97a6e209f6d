import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseJson } from '../../server/src/service/model/parse';
import { quickTopLevelKeys } from '../../server/src/service/model/quickKeys';
import { topLevelKeys } from '../../server/src/service/model/recognize';
import { makeRequest, newService } from '../helpers/documents';
import { REAL_WORLD } from '../helpers/paths';

/** The keys the full tree gives, which the quick scan must agree with. */
const treeKeys = (text: string): string[] => topLevelKeys(parseJson(text).root);

describe('recognition before the model is built', () => {
  for (const dir of ['centrifugo', 'other']) {
    for (const file of fs.readdirSync(path.join(REAL_WORLD, dir)).filter((f) => f.endsWith('.json')).sort()) {
      it(`the scan and the tree agree on the top-level keys of ${dir}/${file}`, () => {
        const text = fs.readFileSync(path.join(REAL_WORLD, dir, file), 'utf8');
        assert.deepEqual(quickTopLevelKeys(text), treeKeys(text));
      });
    }
  }

  for (const text of [
    '', '[]', '"x"', '{', '{"a"', '{"a":', '{"A": 1, "b": {"c": 2}}', '{"a": [{"b": 1}], "c": 2}',
    '{ ... "tls": {}, }', '{"a": 1 "b": 2}', '{"a\\u0041": 1}', '{/* c */ "a": 1, // x\n "b": 2}', '{"a": {"b": 1}}} trailing', '{"a"}', '{"a", "b": 1}', '{"a" "b": 1}', '{"a": "x" "b"}',
  ]) {
    it(`the scan and the tree agree on ${JSON.stringify(text)}`, () => {
      assert.deepEqual(quickTopLevelKeys(text), treeKeys(text));
    });
  }

  it('a large non-Centrifugo config.json is turned away without a tree', () => {
    const { service } = newService();
    // 2 MB of another program's settings: recognition decides on the top-level keys alone.
    const entries = Array.from({ length: 20_000 }, (_, i) => `{"name": "item-${i}", "tls": {"cert_pem_file": "c${i}.pem"}}`);
    const text = `{"database": {"host": "db"}, "items": [${entries.join(',')}], "logging": {"level": "info"}}`;
    const model = service.getModel(makeRequest(text));
    assert.equal(model.recognition.isCentrifugo, false);
    assert.equal(model.root, undefined, 'no tree was built');
    assert.equal(model.recognition.totalKeys, 3);
  });

  it('a document recognized before is decided from its tree: it is turned away once it stops being Centrifugo\'s', () => {
    const { service } = newService();
    const first = service.getModel(makeRequest('{"http_server": {"port": 8000}, "log": {"level": "info"}}'));
    assert.equal(first.recognition.isCentrifugo, true);
    // The same file on its next version, now someone else's settings.
    const later = service.getModel(makeRequest('{"database": {"host": "db"}, "items": [], "logging": {}}'));
    assert.equal(later.recognition.isCentrifugo, false);
    assert.equal(later.recognition.totalKeys, 3);
    assert.ok(later.root, 'the tree was built: the quick scan is skipped after a recognized version');
  });
});
