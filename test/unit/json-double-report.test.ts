/**
 * No double squiggles: VS Code's own JSON support (vscode-json-languageservice, configured as
 * VS Code's JSON extension configures it for a `json` document) reports nothing for comments and
 * trailing commas in the configs package.json associates with schemas/lenient-syntax.schema.json,
 * while our server reports each one once, saying how Centrifugo's strict reader reacts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument as JsonTextDocument } from 'vscode-json-languageservice';
import { defaultNameGlobs } from '../../server/src/configFiles';
import { REPO_ROOT } from '../helpers/paths';
import { validateAll } from './diagnostics-support';

interface JsonValidation {
  readonly fileMatch: readonly string[];
  readonly url: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: readonly JsonValidation[] } };

const TEXT = '{\n  // where the certificates live\n  "http_server": {\n    "port": 8000,\n  },\n}\n';

/** VS Code's JSON support as its extension sets it up: contributed schemas by file match, `json` documents strict. */
function builtInJson() {
  const service = getLanguageService({
    schemaRequestService: (uri) => Promise.resolve(fs.readFileSync(path.join(REPO_ROOT, uri.replace('extension://', '')), 'utf8')),
  });
  service.configure({
    validate: true,
    // The JSON extension prefixes a relative fileMatch with '/'; the service then matches it in any folder.
    schemas: manifest.contributes.jsonValidation.map((v) => ({ uri: `extension://${v.url.replace(/^\.\//, '')}`, fileMatch: v.fileMatch.map((f) => `/${f}`) })),
  });
  return async (uri: string, text: string) => {
    const document = JsonTextDocument.create(uri, 'json', 1, text);
    return service.doValidation(document, service.parseJSONDocument(document), { comments: 'error', trailingCommas: 'error' });
  };
}

describe('comments and trailing commas are reported once', () => {
  test('the schema association covers every default JSON config name', () => {
    const matched = manifest.contributes.jsonValidation.flatMap((v) => v.fileMatch);
    for (const glob of defaultNameGlobs().filter((g) => g.endsWith('.json'))) assert.ok(matched.includes(glob), glob);
  });

  test('in config.json and centrifugo-prod.json the built-in JSON support is silent; ours reports each spot', async () => {
    const builtIn = builtInJson();
    for (const name of ['config.json', 'deploy/centrifugo-prod.json']) {
      assert.deepEqual(await builtIn(`file:///w/${name}`, TEXT), [], name);
    }
    const ours = await validateAll(TEXT);
    const syntax = ours.filter((d) => d.code === 'json-comment' || d.code === 'json-trailing-comma');
    assert.deepEqual(syntax.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`),
      ['json-comment 1:2', 'json-trailing-comma 3:16', 'json-trailing-comma 4:3']);
    assert.match(String(syntax[0].message), /Centrifugo/);
  });

  test('any other JSON file keeps the built-in reports (nothing is silenced beyond our configs)', async () => {
    const messages = (await builtInJson()('file:///w/package.json', TEXT)).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    assert.ok(messages.some((m) => /Comments are not permitted/.test(m)), JSON.stringify(messages));
    assert.ok(messages.some((m) => /Trailing comma/.test(m)), JSON.stringify(messages));
  });
});
