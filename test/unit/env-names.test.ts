/**
 * Variable name ↔ config path in both directions and both versions, checked row by row against
 * the option tables in data/centrifugo-options/ (v6: the `env` column; v5: viper's AutomaticEnv
 * rule, main.go:513-521@v5.4.9).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { envItemName, envNameOf, optionOfEnvName } from '../../server/src/service/env/names';
import type { PathPart } from '../../server/src/service/catalog/options';
import { REPO_ROOT } from '../helpers/paths';

function rows(file: string): string[][] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'data', 'centrifugo-options', file), 'utf8');
  return text.trim().split('\n').slice(1).map((line) => line.split('\t'));
}

/** `proxies[].grpc.tls.cert_pem` → ['proxies', 0, 'grpc', 'tls', 'cert_pem']. */
function concrete(pattern: string): PathPart[] {
  return pattern.split('.').flatMap((seg) => (seg.endsWith('[]') ? [seg.slice(0, -2), 0] : [seg]));
}

const ITEM = 'my-item.v2';

describe('v6 names: every row of v6-options.tsv and v6-hidden.tsv', () => {
  const v6 = [...rows('v6-options.tsv'), ...rows('v6-hidden.tsv')];

  it('path → name equals the table, with the item name written the envconfig way', () => {
    let checked = 0;
    for (const [pattern, , , , , env] of v6) {
      const expected = env === '-' ? undefined : env!.replace('<NAME>', 'MY_ITEM_V2');
      assert.equal(envNameOf('v6', concrete(pattern!), () => ITEM), expected, pattern);
      checked++;
    }
    assert.ok(checked > 1300);
  });

  it('name → path gives the row back for every variable of the table', () => {
    let checked = 0;
    for (const [pattern, , , , , env] of v6) {
      if (env === '-') continue;
      const name = env!.replace('<NAME>', 'MY_ITEM_V2');
      const target = optionOfEnvName('v6', name, () => [ITEM]);
      assert.equal(target?.option.path, pattern, name);
      if (env!.includes('<NAME>')) assert.equal(target?.itemEnvName, 'MY_ITEM_V2', name);
      checked++;
    }
    assert.ok(checked > 1000);
  });

  it('named proxies, consumers and namespaces (the names Centrifugo\'s own tests use: config_test.go)', () => {
    assert.equal(envNameOf('v6', ['proxies', 3, 'grpc', 'tls', 'cert_pem'], () => 'auth-proxy'), 'CENTRIFUGO_PROXIES_AUTH_PROXY_GRPC_TLS_CERT_PEM');
    assert.equal(envNameOf('v6', ['consumers', 0, 'kafka', 'tls', 'enabled'], () => 'kafka'), 'CENTRIFUGO_CONSUMERS_KAFKA_KAFKA_TLS_ENABLED');
    assert.equal(envNameOf('v6', ['channel', 'namespaces', 1, 'presence'], () => 'chat.room'), 'CENTRIFUGO_CHANNEL_NAMESPACES_CHAT_ROOM_PRESENCE');
    assert.equal(envNameOf('v6', ['rpc', 'namespaces', 0, 'proxy_enabled'], () => 'rpc1'), 'CENTRIFUGO_RPC_NAMESPACES_RPC1_PROXY_ENABLED');
    assert.equal(envNameOf('v6', ['proxies', 0, 'timeout']), undefined, 'an item without a name cannot be reached');
    assert.equal(envNameOf('v6', ['proxies']), 'CENTRIFUGO_PROXIES', 'the whole array is one variable');

    assert.deepEqual(pick(optionOfEnvName('v6', 'CENTRIFUGO_CONSUMERS_KAFKA_KAFKA_TLS_ENABLED')), ['consumers[].kafka.tls.enabled', 'consumers', 'KAFKA']);
    assert.deepEqual(pick(optionOfEnvName('v6', 'CENTRIFUGO_RPC_NAMESPACES_RPC1_PROXY_ENABLED')), ['rpc.namespaces[].proxy_enabled', 'rpc.namespaces', 'RPC1']);
    // An item name with `_` is split by the names the config has.
    assert.deepEqual(pick(optionOfEnvName('v6', 'CENTRIFUGO_PROXIES_MY_GRPC_GRPC_TLS_ENABLED', () => ['my-grpc'])), ['proxies[].grpc.tls.enabled', 'proxies', 'MY_GRPC']);
    assert.equal(optionOfEnvName('v6', 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM')?.option.path, 'http_server.tls.cert_pem');
    assert.equal(optionOfEnvName('v6', 'CENTRIFUGO_HTTP_SERVER_TLS_CERT'), undefined);
    assert.equal(envItemName('a.b-c'), 'A_B_C');
  });
});

function pick(target: ReturnType<typeof optionOfEnvName>): [string | undefined, string | undefined, string | undefined] {
  return [target?.option.path, target?.array, target?.itemEnvName];
}

describe('v5 names: every row of v5-options.tsv', () => {
  const v5 = rows('v5-options.tsv');

  it('keys outside array items: CENTRIFUGO_ + upper-cased path, both ways', () => {
    let checked = 0;
    for (const [pattern, type] of v5) {
      const reachable = !pattern!.includes('[]') && type !== 'object';
      const name = envNameOf('v5', concrete(pattern!));
      if (!reachable) {
        assert.equal(name, undefined, pattern);
        continue;
      }
      assert.equal(name, `CENTRIFUGO_${pattern!.replace(/\./g, '_').toUpperCase()}`, pattern);
      assert.equal(optionOfEnvName('v5', name!)?.option.path, pattern, name);
      checked++;
    }
    assert.ok(checked > 300);
  });

  it('flat keys, nats_tls-style objects, whole arrays; no per-item variables', () => {
    assert.equal(envNameOf('v5', ['tls_cert']), 'CENTRIFUGO_TLS_CERT');
    assert.equal(envNameOf('v5', ['nats_tls', 'cert_pem_file']), 'CENTRIFUGO_NATS_TLS_CERT_PEM_FILE');
    assert.equal(envNameOf('v5', ['proxies']), 'CENTRIFUGO_PROXIES');
    assert.equal(envNameOf('v5', ['proxies', 0, 'grpc_tls', 'cert_pem'], () => 'p'), undefined);
    assert.equal(envNameOf('v5', ['namespaces', 0, 'presence'], () => 'chat'), undefined);
    assert.equal(optionOfEnvName('v5', 'CENTRIFUGO_PROXY_GRPC_TLS_KEY_PEM_B64')?.option.path, 'proxy_grpc_tls.key_pem_b64');
    assert.equal(optionOfEnvName('v5', 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM'), undefined, 'a v6 name means nothing to v5');
  });
});
