/** undefined-name, duplicate-name and name patterns (nameDiagnostics.ts), v6 and v5. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';

const { Error, Warning } = DiagnosticSeverity;

describe('undefined-name', () => {
  test('v6: a namespace and rpc namespace naming a proxy that is not defined (validate.go:272,499@v6.9.1)', async () => {
    const text = `{
  "proxies": [{"name": "auth", "endpoint": "http://app/sub"}],
  "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_enabled": true, "subscribe_proxy_name": "auht"}]},
  "rpc": {"namespaces": [{"name": "calls", "proxy_name": "backend"}]}
}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'undefined-name', rangeOf(text, '"auht"'), Error);
    includesAll(d.message, 'No proxy in `proxies`', 'stops at start-up', 'Did you mean "auth"?');
    assert.deepEqual(d.data, { path: 'channel.namespaces[0].subscribe_proxy_name', suggestion: 'auth' });
    includesAll(one(diags, 'undefined-name', rangeOf(text, '"backend"'), Error).message, 'Defined: "auth", "default"');
  });

  test('v6: "default" is always a valid reference (validate.go:73@v6.9.1); the check does not wait for the switch', async () => {
    const text = `{
  "channel": {"without_namespace": {"publish_proxy_name": "default", "sub_refresh_proxy_name": "gone"},
    "namespaces": [{"name": "chat", "map": {"publish_proxy_name": "gone2"}}]}
}`;
    const diags = withCode(await validate(text, 'v6'), 'undefined-name');
    assert.equal(diags.length, 2);
    one(diags, 'undefined-name', rangeOf(text, '"gone"'), Error);
    one(diags, 'undefined-name', rangeOf(text, '"gone2"'), Error);
  });

  test('v6: the personal channel namespace must exist when the feature is on (validate.go:83-112@v6.9.1)', async () => {
    const text = `{"client": {"subscribe_to_user_personal_channel": {"enabled": true, "personal_channel_namespace": "personal"}},
  "channel": {"namespaces": [{"name": "chat"}]}}`;
    includesAll(one(await validate(text, 'v6'), 'undefined-name', rangeOf(text, '"personal"'), Error).message, 'No namespace');
    const off = text.replace('"enabled": true', '"enabled": false');
    assert.equal(withCode(await validate(off, 'v6'), 'undefined-name').length, 0);
  });

  test('v5: proxies are looked up only in granular proxy mode (main.go:610-617,2309@v5.4.9): warning while it is off', async () => {
    const text = `{"token_hmac_secret_key": "s", "proxies": [{"name": "auth", "endpoint": "http://a"}],
  "namespaces": [{"name": "chat", "subscribe_proxy_name": "auht"}]}`;
    includesAll(one(await validate(text, 'v5'), 'undefined-name', rangeOf(text, '"auht"'), Warning).message, 'granular_proxy_mode');
    const on = text.replace('"token_hmac_secret_key": "s"', '"granular_proxy_mode": true');
    one(await validate(on, 'v5'), 'undefined-name', rangeOf(on, '"auht"'), Error);
  });
});

describe('duplicate-name and name patterns', () => {
  test('v6: proxies, namespaces, rpc namespaces and consumers (validate.go:62,96,137,151@v6.9.1)', async () => {
    const text = `{
  "proxies": [{"name": "p1", "endpoint": "http://a"}, {"name": "p1", "endpoint": "http://b"}],
  "channel": {"namespaces": [{"name": "chat"}, {"name": "chat"}]},
  "rpc": {"namespaces": [{"name": "r1"}, {"name": "r1"}]},
  "consumers": [{"name": "c1", "type": "kafka"}, {"name": "c1", "type": "kafka"}]
}`;
    const diags = await validate(text, 'v6');
    includesAll(one(diags, 'duplicate-name', rangeOf(text, '"p1"', 1), Error).message, 'already named "p1" (line 2)');
    one(diags, 'duplicate-name', rangeOf(text, '"chat"', 1), Error);
    one(diags, 'duplicate-name', rangeOf(text, '"r1"', 1), Error);
    one(diags, 'duplicate-name', rangeOf(text, '"c1"', 1), Error);
    assert.equal(withCode(diags, 'duplicate-name').length, 4);
  });

  test('name patterns: a consumer name with a hyphen, a one-letter namespace, the reserved "default" proxy', async () => {
    const text = `{"consumers": [{"name": "my-consumer", "type": "kafka"}], "channel": {"namespaces": [{"name": "x"}]},
  "proxies": [{"name": "default", "endpoint": "http://a"}]}`;
    const diags = await validate(text, 'v6');
    includesAll(one(diags, 'invalid-value', rangeOf(text, '"my-consumer"'), Error).message, 'not a valid consumer name');
    one(diags, 'invalid-value', rangeOf(text, '"x"'), Error);
    includesAll(one(diags, 'invalid-value', rangeOf(text, '"default"'), Error).message, 'reserved');
  });

  test('v5: duplicate namespaces always (internal/rule/rule.go:202@v5.4.9), duplicate consumers (consuming.go:57)', async () => {
    const text = `{"token_hmac_secret_key": "s", "namespaces": [{"name": "chat"}, {"name": "chat"}],
  "consumers": [{"name": "c1", "type": "kafka"}, {"name": "c1", "type": "postgresql"}]}`;
    const diags = await validate(text, 'v5');
    one(diags, 'duplicate-name', rangeOf(text, '"chat"', 1), Error);
    one(diags, 'duplicate-name', rangeOf(text, '"c1"', 1), Error);
  });
});

describe('names with many items (names are indexed once per kind)', () => {
  test('v6: every later duplicate points at the first; an undefined reference lists each defined name once, in order', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const lines = [...names, 'p007', 'p007'].map((n) => `    {"name": "${n}", "endpoint": "http://a/${n}"}`);
    const text = `{
  "proxies": [
${lines.join(',\n')}
  ],
  "channel": {"namespaces": [{"name": "p007", "subscribe_proxy_name": "p150"}]},
  "rpc": {"namespaces": [{"name": "calls", "proxy_name": "qqqqqqqqqqqq"}]}
}`;
    const diags = await validate(text, 'v6');
    const duplicates = withCode(diags, 'duplicate-name');
    assert.equal(duplicates.length, 2);
    for (const [i, d] of duplicates.entries()) {
      // The first p007 is proxies[7], on line 10 (line 1 is `{`, 2 is `"proxies": [`).
      assert.deepEqual(d.data, { path: `proxies[${300 + i}].name`, first: 'proxies[7].name' });
      includesAll(String(d.message), 'already named "p007" (line 10)');
    }
    // A namespace may share a proxy's name: the kinds are separate lists.
    const undefinedNames = withCode(diags, 'undefined-name');
    assert.equal(undefinedNames.length, 1);
    const d = one(diags, 'undefined-name', rangeOf(text, '"qqqqqqqqqqqq"'), Error);
    includesAll(d.message, `Defined: ${[...names, 'default'].map((n) => JSON.stringify(n)).join(', ')}.`);
  });
});

describe('values v6 requires together (validate.go@v6.9.1)', () => {
  test('a named proxy without endpoint (validate.go:525); history_size without history_ttl in a namespace (validate.go:233)', async () => {
    const text = `{"proxies": [{"name": "p1"}, {"name": "p2", "endpoint": ""}, {"name": "p3", "endpoint": "http://a"}],
  "channel": {"without_namespace": {"history_size": 10, "history_ttl": "60s"}, "namespaces": [{"name": "chat", "history_size": 10}]}}`;
    const diags = await validate(text, 'v6');
    includesAll(one(diags, 'invalid-value', rangeOf(text, '"p1"'), Error).message, 'no `endpoint`', 'endpoint not set');
    one(diags, 'invalid-value', rangeOf(text, '""'), Error);
    includesAll(one(diags, 'invalid-value', rangeOf(text, '10', 1), Error).message, 'both `history_size` and `history_ttl`');
    assert.equal(withCode(diags, 'invalid-value').length, 3);
  });

  test('history_ttl must be whole seconds (validateSecondPrecisionDuration, validate.go:511-516@v6.9.1)', async () => {
    const text = `{"channel": {"namespaces": [{"name": "chat", "history_size": 10, "history_ttl": "1500ms"},
  {"name": "feed", "history_size": 10, "history_ttl": "2m", "history_meta_ttl": 30}]}}`;
    const diags = withCode(await validate(text, 'v6'), 'invalid-value');
    includesAll(one(diags, 'invalid-value', rangeOf(text, '"1500ms"'), Error).message, 'whole seconds');
    includesAll(one(diags, 'invalid-value', rangeOf(text, '30'), Error).message, '30 ns');
    assert.equal(diags.length, 2);
  });
});
