import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeRequest, newService } from '../helpers/documents';

async function syntax(text: string): Promise<string[]> {
  const { service } = newService();
  const diagnostics = await service.doValidation(makeRequest(text, { context: { configPath: '/p/centrifugo.json', forced: true } }));
  return diagnostics.filter((d) => String(d.code).startsWith('json-'))
    .map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
}

describe('JSON that Centrifugo refuses: one diagnostic per mistake', () => {
  it('a trailing comma followed by a comment is still a trailing comma', async () => {
    assert.deepEqual(await syntax('{"http_server": {"port": 1, // note\n},\n"log": {"level": "info", /* x */ }\n}'), [
      'json-trailing-comma@0:26', 'json-comment@0:28', 'json-trailing-comma@2:23', 'json-comment@2:25',
    ]);
  });

  it('nested trailing commas in objects and arrays', async () => {
    assert.deepEqual(await syntax('{"http_server": {"port": 1,}, "client": {"allowed_origins": ["a",],},}'), [
      'json-trailing-comma@0:26', 'json-trailing-comma@0:64', 'json-trailing-comma@0:66', 'json-trailing-comma@0:68',
    ]);
  });

  it('a missing value is reported once', async () => {
    assert.deepEqual(await syntax('{"http_server": }'), ['json-syntax@0:16']);
  });
});
