/**
 * Which files are Centrifugo configs (server/src/configFiles.ts): the one rule the client's
 * document selector and the server share, and the manifest that has to agree with it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FORMATS, defaultNameGlobs, matchConfigFile, SERVED_FORMATS, servedLanguages } from '../../server/src/configFiles';
import { PEM_FILE_EXTENSIONS } from '../../server/src/service';
import { REPO_ROOT } from '../helpers/paths';

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly contributes: { readonly languages: readonly { readonly id: string; readonly extensions?: readonly string[] }[] };
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

describe('config files by name', () => {
  test('config.json and centrifugo*.json in any folder, with or without a workspace', () => {
    assert.deepEqual(matchConfigFile('/w/config.json', ['/w'], []), { format: 'json', listed: false, folder: '/w' });
    assert.deepEqual(matchConfigFile('/w/deploy/centrifugo-prod.json', ['/w'], []), { format: 'json', listed: false, folder: '/w' });
    assert.deepEqual(matchConfigFile('/etc/centrifugo/config.json', [], []), { format: 'json', listed: false });
    assert.deepEqual(matchConfigFile('/w/Config.JSON', ['/w'], []), { format: 'json', listed: false, folder: '/w' });
  });

  test('other JSON files are not configs', () => {
    for (const file of ['/w/package.json', '/w/config-dev.json', '/w/myconfig.json', '/w/config.json.bak', '/w/tsconfig.json']) {
      assert.equal(matchConfigFile(file, ['/w'], []), undefined, file);
    }
  });

  test('a format is served by name exactly when the model reads it', () => {
    for (const format of Object.values(CONFIG_FORMATS)) {
      for (const ext of format.extensions) {
        const served = SERVED_FORMATS.includes(format.id);
        assert.equal(matchConfigFile(`/w/config.${ext}`, ['/w'], [])?.format, served ? format.id : undefined, ext);
        assert.equal(matchConfigFile(`/w/centrifugo.${ext}`, ['/w'], ['*.' + ext])?.format, served ? format.id : undefined, ext);
      }
    }
  });
});

describe('config files listed in centrifugo.files', () => {
  test('a glob with a slash is relative to the workspace folder', () => {
    assert.deepEqual(matchConfigFile('/w/deploy/prod.json', ['/w'], ['deploy/prod.json']), { format: 'json', listed: true, folder: '/w' });
    assert.deepEqual(matchConfigFile('/w/deploy/prod.json', ['/w'], ['./deploy/*.json']), { format: 'json', listed: true, folder: '/w' });
    assert.equal(matchConfigFile('/w/other/prod.json', ['/w'], ['deploy/prod.json']), undefined);
  });

  test('multi-root: the innermost folder that holds the file', () => {
    const folders = ['/repo', '/repo/services/chat', '/elsewhere'];
    assert.deepEqual(matchConfigFile('/repo/services/chat/deploy/prod.json', folders, ['deploy/*.json']), { format: 'json', listed: true, folder: '/repo/services/chat' });
    assert.deepEqual(matchConfigFile('/elsewhere/deploy/prod.json', folders, ['deploy/*.json']), { format: 'json', listed: true, folder: '/elsewhere' });
    // A folder whose name is a prefix of another's is not its parent.
    assert.equal(matchConfigFile('/repo-old/deploy/prod.json', ['/repo'], ['deploy/*.json']), undefined);
  });

  test('a glob without a slash matches the file name anywhere, also for a file opened on its own', () => {
    assert.deepEqual(matchConfigFile('/tmp/prod.json', [], ['prod.json']), { format: 'json', listed: true });
    assert.deepEqual(matchConfigFile('/w/a/b/realtime.json', ['/w'], ['realtime*.json']), { format: 'json', listed: true, folder: '/w' });
  });

  test('an absolute glob (or **/) matches the absolute path', () => {
    assert.deepEqual(matchConfigFile('/srv/app/deploy/prod.json', [], ['**/deploy/prod.json']), { format: 'json', listed: true });
    assert.deepEqual(matchConfigFile('/srv/app/deploy/prod.json', ['/w'], ['/srv/app/deploy/*.json']), { format: 'json', listed: true });
  });

  test('Windows paths match the same globs', () => {
    assert.deepEqual(matchConfigFile('C:\\w\\deploy\\prod.json', ['C:\\w'], ['deploy/prod.json']), { format: 'json', listed: true, folder: 'C:\\w' });
  });

  test('a listed file of a format the model does not read is not served; empty globs are ignored', () => {
    for (const format of Object.values(CONFIG_FORMATS).filter((f) => !SERVED_FORMATS.includes(f.id))) {
      assert.equal(matchConfigFile(`/w/deploy/prod.${format.extensions[0]}`, ['/w'], ['deploy/*']), undefined, format.id);
    }
    assert.equal(matchConfigFile('/w/deploy/prod.json', ['/w'], ['', '  ']), undefined);
  });
});

describe('package.json agrees with the rule', () => {
  test('the extension activates on every served language and on a workspace holding a default name', () => {
    for (const language of servedLanguages()) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    for (const glob of defaultNameGlobs()) assert.ok(manifest.activationEvents.includes(`workspaceContains:**/${glob}`), glob);
    assert.ok(manifest.activationEvents.includes('onLanguage:pem'));
  });

  test('the pem language has exactly the catalog\'s PEM file extensions', () => {
    const pem = manifest.contributes.languages.find((l) => l.id === 'pem');
    assert.deepEqual([...(pem?.extensions ?? [])].sort(), [...PEM_FILE_EXTENSIONS].sort());
  });
});
