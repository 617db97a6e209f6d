import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeRequest, newService } from '../helpers/documents';
import { REAL_WORLD } from '../helpers/paths';

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REAL_WORLD, dir)).filter((f) => f.endsWith('.json')).sort();
}

describe('recognising Centrifugo configs among config.json files', () => {
  for (const file of jsonFiles('centrifugo')) {
    it(`recognises centrifugo/${file}`, () => {
      const { service } = newService();
      const model = service.getModel(makeRequest(fs.readFileSync(path.join(REAL_WORLD, 'centrifugo', file), 'utf8')));
      assert.equal(model.recognition.isCentrifugo, true, model.recognition.reason);
    });
  }

  for (const file of jsonFiles('other')) {
    it(`stays silent on other/${file} opened as config.json`, async () => {
      const { service } = newService();
      const text = fs.readFileSync(path.join(REAL_WORLD, 'other', file), 'utf8');
      const request = makeRequest(text);
      assert.equal(service.getModel(request).recognition.isCentrifugo, false);
      assert.deepEqual(await service.doValidation(request), []);
      // Every position of the file: no completion item, no hover.
      for (let offset = 0; offset < text.length; offset += 7) {
        const position = request.document.positionAt(offset);
        assert.deepEqual((await service.doComplete(request, position)).items, [], `completion at ${offset}`);
        assert.equal(await service.doHover(request, position), null, `hover at ${offset}`);
      }
    });
  }

  it('trusts the centrifugo.files setting over the content', () => {
    const { service } = newService();
    const text = fs.readFileSync(path.join(REAL_WORLD, 'other', '06-quipu-server-test-config.json'), 'utf8');
    const model = service.getModel(makeRequest(text, { context: { configPath: '/p/quipu.json', forced: true } }));
    assert.equal(model.recognition.isCentrifugo, true);
  });

  it('does not claim an empty config.json', () => {
    const { service } = newService();
    assert.equal(service.getModel(makeRequest('{}')).recognition.isCentrifugo, false);
  });
});

describe('Centrifugo version detection', () => {
  const cases: [string, string, 'v5' | 'v6', 'detected' | 'default'][] = [
    ['v5 flat keys', '{"token_hmac_secret_key": "x", "allowed_origins": ["*"], "tls": true, "tls_cert": "a.crt"}', 'v5', 'detected'],
    ['v6 nested sections', '{"http_server": {"port": 8000}, "client": {"allowed_origins": []}}', 'v6', 'detected'],
    ['admin as boolean is v5', '{"admin": true, "namespaces": []}', 'v5', 'detected'],
    ['admin as object is v6', '{"admin": {"enabled": true}}', 'v6', 'detected'],
    ['documented top-level tls object tells nothing', '{"tls": {"enabled": true, "cert_pem_file": "a"}}', 'v6', 'default'],
    // v6 cannot decode a string into its `broker` section (mapstructure), so the file is read as v5 (issue 13).
    ['a scalar under a v6 section name decides v5, even among v6 sections', '{"client": {}, "channel": {}, "http_api": {}, "broker": "redis", "redis_address": "r", "log_level": "info"}', 'v5', 'detected'],
    ['mostly v6 with v5 flat leftovers stays v6', '{"client": {}, "channel": {}, "http_api": {}, "redis_address": "r", "log_level": "info"}', 'v6', 'detected'],
  ];
  for (const [name, text, version, origin] of cases) {
    it(name, () => {
      const { service } = newService();
      const model = service.getModel(makeRequest(text));
      assert.equal(model.version.version, version);
      assert.equal(model.version.origin, origin);
    });
  }

  it('the setting wins over detection', () => {
    const { service } = newService();
    const model = service.getModel(makeRequest('{"http_server": {"tls": {}}}', { settings: { version: 'v5' } }));
    assert.equal(model.version.version, 'v5');
    assert.equal(model.version.origin, 'setting');
  });

  it('detects the versions of the real-world configs', () => {
    const expected: Record<string, 'v5' | 'v6'> = {
      '01-ftown-config.prod.json': 'v5', '08-issue451-tls-config.json': 'v5', '16-trailfed-infra-config.json': 'v6',
      '21-floww-centrifugo-v6.json': 'v6', '26-docs-v6-http-server-tls-autocert.json': 'v6', '27-abbacchio-centrifugo.prod.json': 'v5' /* "broker": "redis" cannot load in v6 */,
      '24-docs-v5-proxy-grpc-tls-ellipsis.json': 'v5', '22-docs-v6-tls-object-keypem-paths.json': 'v6',
    };
    for (const [file, version] of Object.entries(expected)) {
      const { service } = newService();
      const model = service.getModel(makeRequest(fs.readFileSync(path.join(REAL_WORLD, 'centrifugo', file), 'utf8')));
      assert.equal(model.version.version, version, file);
    }
  });
});
