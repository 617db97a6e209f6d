/**
 * The whole-config rules (optionDiagnostics.ts, valueRules.ts): a config holding every option of
 * the tables at its default is clean, and each code fires at the top level, in a namespace item,
 * in a proxy item and in a consumer's type section, in both versions.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type OptionInfo, allOptions, patternSegments } from '../../server/src/service/catalog/options';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { VersionSetting } from '../../server/src/service/settings';
import { makeRequest, newService } from '../helpers/documents';
import { DiagnosticSeverity, fmt, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';

const { Error, Warning, Information } = DiagnosticSeverity;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The option's table default as the JSON a user would write. */
function defaultJson(o: OptionInfo): Json {
  const d = o.defaultValue;
  switch (o.kind) {
    case 'bool': return d === 'true';
    case 'int': case 'uint': case 'float': return d === '' ? 0 : Number(d);
    case 'duration': return d === '' || d === '0' ? '0s' : d;
    case 'string': case 'pem': return d;
    case 'stringList': return d === '' || d === '[]' ? [] : [d];
    case 'stringMap': return {};
    case 'object': return {};
    case 'objectList': return [];
  }
}

/** One config holding every option of a version at its default; arrays get one item. */
function everyOptionAtDefault(version: 'v5' | 'v6'): string {
  const root: { [key: string]: Json } = {};
  for (const option of allOptions(version)) {
    if (option.hidden) continue;
    const segments = patternSegments(option.path);
    let node: Json = root;
    for (let i = 0; i < segments.length - 1; i++) {
      const seg = segments[i];
      const nextIsItem = segments[i + 1] === '[]';
      if (seg === '[]') {
        const list = node as Json[];
        if (list.length === 0) list.push({});
        node = list[0];
        continue;
      }
      const obj = node as { [key: string]: Json };
      if (!(seg in obj) || (nextIsItem && !Array.isArray(obj[seg])) || (!nextIsItem && (typeof obj[seg] !== 'object' || Array.isArray(obj[seg])))) {
        obj[seg] = nextIsItem ? [] : {};
      }
      node = obj[seg];
    }
    const last = segments[segments.length - 1];
    const obj = node as { [key: string]: Json };
    if (!(last in obj)) obj[last] = defaultJson(option);
  }
  return JSON.stringify(root, null, 2);
}

describe('every option at its default (generated from the tables)', () => {
  for (const version of ['v6', 'v5'] as const) {
    test(`${version}: no unknown-field, no type-mismatch`, async () => {
      const text = everyOptionAtDefault(version);
      const diags = withCode(await validate(text, version), 'unknown-field', 'type-mismatch', 'unknown-in-version');
      assert.deepEqual(diags.map((d) => `${d.code} ${fmt(d.range)} ${d.message}`), []);
      assert.ok(text.length > 10_000);
    });
  }
});

describe('unknown-field for the whole config', () => {
  test('top level, namespace item, proxy item, consumer type section (v6), with the closest key', async () => {
    const text = `{
  "http_sever": {},
  "channel": {"namespaces": [{"name": "chat", "presense": true}]},
  "proxies": [{"name": "p1", "endpont": "http://app/x"}],
  "consumers": [{"name": "k1", "type": "kafka", "kafka": {"topicz": ["t"]}}]
}`;
    const diags = await validate(text, 'v6');
    const top = one(diags, 'unknown-field', rangeOf(text, '"http_sever"'), Warning);
    includesAll(top.message, 'not a top-level option', 'checkconfig --strict', 'Did you mean `http_server`?');
    assert.deepEqual(top.data, { path: 'http_sever', suggestion: 'http_server' });
    const ns = one(diags, 'unknown-field', rangeOf(text, '"presense"'), Warning);
    includesAll(ns.message, 'channel.namespaces[0]', '`presence`');
    assert.equal(ns.data.path, 'channel.namespaces[0].presense');
    assert.equal(one(diags, 'unknown-field', rangeOf(text, '"endpont"'), Warning).data.suggestion, 'endpoint');
    assert.equal(one(diags, 'unknown-field', rangeOf(text, '"topicz"'), Warning).data.suggestion, 'topics');
  });

  test('v5: namespace and proxy items, consumer kafka section; top-level keys v5 never reads', async () => {
    const text = `{
  "namespaces": [{"name": "chat", "presense": true}],
  "proxies": [{"name": "p1", "endpont": "http://app/x"}],
  "consumers": [{"name": "k1", "type": "kafka", "kafka": {"topicz": ["t"]}}],
  "engien": "memory"
}`;
    const diags = await validate(text, 'v5');
    includesAll(one(diags, 'unknown-field', rangeOf(text, '"presense"'), Warning).message, 'v5 logs it as an unknown key');
    one(diags, 'unknown-field', rangeOf(text, '"endpont"'), Warning);
    one(diags, 'unknown-field', rangeOf(text, '"topicz"'), Warning);
    const top = one(diags, 'unknown-field', rangeOf(text, '"engien"'), Warning);
    includesAll(top.message, 'v5 never reads it', '`engine`');
  });

  test('case variants are read (viper lower-cases keys): information, not a warning', async () => {
    const text = `{"Http_Server": {"port": 8000}}`;
    const d = one(await validate(text, 'v6'), 'unknown-field', rangeOf(text, '"Http_Server"'), Information);
    assert.equal(d.data.suggestion, 'http_server');
  });

  test('map keys are free (static headers), and TLS blocks keep their own checks', async () => {
    const text = `{"proxies": [{"name": "p1", "http": {"static_headers": {"X-Any": "v"}, "tls": {"enabled": false, "cert_pemm": ""}}}]}`;
    const diags = withCode(await validate(text, 'v6'), 'unknown-field');
    assert.deepEqual(diags.map((d) => fmt(d.range)), [fmt(rangeOf(text, '"cert_pemm"'))]);
  });
});

describe('unknown-in-version', () => {
  test('a v5 key in a v6 config names where it lives now, at the top and in items', async () => {
    const text = `{
  "allowed_origins": ["*"],
  "proxies": [{"name": "p1", "endpoint": "http://a", "static_http_headers": {"x": "y"}}],
  "channel": {"namespaces": [{"name": "chat", "presence": true}]}
}`;
    const diags = await validate(text, 'v6');
    const top = one(diags, 'unknown-in-version', rangeOf(text, '"allowed_origins"'), Warning);
    includesAll(top.message, 'Centrifugo v5 setting', '`client.allowed_origins`');
    assert.equal(top.data.moveTo, 'client.allowed_origins');
    const item = one(diags, 'unknown-in-version', rangeOf(text, '"static_http_headers"'), Warning);
    assert.equal(item.data.moveTo, 'proxies[].http.static_headers');
  });

  test('a v6 section in a v5 config names the v5 key', async () => {
    const text = `{"engine": "memory", "token_hmac_secret_key": "s", "client": {"allowed_origins": ["*"]}}`;
    const d = one(await validate(text, 'v5'), 'unknown-in-version', rangeOf(text, '"client"'), Warning);
    includesAll(d.message, 'Centrifugo v6 setting');
  });

  test('removed keys say in which release they went; a pinned release that read them is fine', async () => {
    const text = `{"http_server": {"port": 8000}, "dev": {"enabled": true}, "consumers": [{"name": "k1", "type": "kafka", "kafka": {"partition_buffer_size": 8}}]}`;
    const diags = await validate(text, 'v6');
    includesAll(one(diags, 'unknown-in-version', rangeOf(text, '"dev"'), Warning).message, 'v6.5.0 to v6.8.4', 'gone since v6.9.0');
    includesAll(one(diags, 'unknown-in-version', rangeOf(text, '"partition_buffer_size"'), Warning).message, 'gone since v6.2.3');
    const pinned = withCode(await validateAll(text, 'v6.6'), 'unknown-in-version');
    assert.deepEqual(pinned.map((d) => fmt(d.range)), [fmt(rangeOf(text, '"partition_buffer_size"'))]);
  });

  test('a key newer than the pinned minor (centrifugo.version "v6.2")', async () => {
    const text = `{"map_broker": {"type": "memory"}, "http_server": {"port": 8000}}`;
    const diags = withCode(await validateAll(text, 'v6.2'), 'unknown-in-version');
    assert.equal(diags.length, 1);
    includesAll(String(diags[0].message), 'first appeared in Centrifugo v6.8.0', 'the pinned v6.2');
    assert.equal(withCode(await validate(text, 'v6'), 'unknown-in-version').length, 0);
  });
});

describe('type-mismatch with Go value rules', () => {
  test('numbers: "8000" is fine for an int, "abc" stops v6 (mapstructure weak decoding)', async () => {
    // http_server.port and client.channel_limit are Go ints (v6-options.tsv).
    const text = `{"http_server": {"port": "8000"}, "client": {"channel_limit": "abc"}}`;
    const diags = withCode(await validate(text, 'v6'), 'type-mismatch');
    assert.equal(diags.length, 1);
    includesAll(one(diags, 'type-mismatch', rangeOf(text, '"abc"'), Error).message, 'takes an integer', 'stops at start-up');
  });

  test('durations: "10" has no unit (error), 25 is nanoseconds (warning), in a namespace and a proxy', async () => {
    const text = `{
  "channel": {"namespaces": [{"name": "chat", "history_ttl": "10", "history_meta_ttl": "1 h"}]},
  "proxies": [{"name": "p1", "endpoint": "http://a", "timeout": 25}]
}`;
    const diags = await validate(text, 'v6');
    const bare = one(diags, 'type-mismatch', rangeOf(text, '"10"'), Error);
    includesAll(bare.message, 'without a unit', '"10s"');
    assert.equal(bare.data.replacement, '"10s"');
    assert.equal(one(diags, 'type-mismatch', rangeOf(text, '"1 h"'), Error).data.replacement, '"1h"');
    includesAll(one(diags, 'type-mismatch', rangeOf(text, '25'), Warning).message, 'nanoseconds', '25 ns');
  });

  test('lists: a comma string in v6 is ONE entry (no comma-splitting hook in v6)', async () => {
    const text = `{"consumers": [{"name": "k1", "type": "kafka", "kafka": {"brokers": "a:9092,b:9092", "topics": ["t"]}}]}`;
    const d = one(await validate(text, 'v6'), 'type-mismatch', rangeOf(text, '"a:9092,b:9092"'), Warning);
    includesAll(d.message, 'list of ONE entry', 'does not split');
    assert.equal(d.data.replacement, '["a:9092","b:9092"]');
  });

  test('a scalar where v6 has a section is the mark of a v5 config, and names the v6 key', async () => {
    const text = `{"engine": "redis", "admin": true}`;
    const diags = await validate(text, 'v6');
    const e = one(diags, 'type-mismatch', rangeOf(text, '"redis"'), Error);
    includesAll(e.message, 'section of settings', 'stops at start-up', '`engine.type`');
    assert.equal(e.data.moveTo, 'engine.type');
    assert.equal(one(diags, 'type-mismatch', rangeOf(text, 'true'), Error).data.moveTo, 'admin.enabled');
  });

  test('booleans: "1" is read as true (warning), "yes" stops v6 start-up; v5 top level reads it as false', async () => {
    const v6 = `{"channel": {"namespaces": [{"name": "chat", "presence": "1", "join_leave": "yes"}]}}`;
    const d6 = await validate(v6, 'v6');
    assert.equal(one(d6, 'type-mismatch', rangeOf(v6, '"1"'), Warning).data.replacement, 'true');
    one(d6, 'type-mismatch', rangeOf(v6, '"yes"'), Error);
    const v5 = `{"presence": "yes", "namespaces": [{"name": "chat", "join_leave": "yes"}]}`;
    const d5 = await validate(v5, 'v5');
    includesAll(one(d5, 'type-mismatch', rangeOf(v5, '"yes"'), Warning).message, 'v5 reads it as false');
    one(d5, 'type-mismatch', rangeOf(v5, '"yes"', 1), Error);
  });
});

describe('weak decoding of scalars into other scalars', () => {
  test('a boolean in a string field becomes "1" or "0" (mapstructure decodeString, weak mode); a negative uint wraps', async () => {
    const text = `{"http_api": {"key": true}, "proxies": [{"name": "p1", "endpoint": "http://a",
  "http": {"status_to_code_transforms": [{"status_code": 404, "to_error": {"code": -1, "message": "x"}}]}}]}`;
    const diags = await validate(text, 'v6');
    const b = one(diags, 'type-mismatch', rangeOf(text, 'true'), Warning);
    includesAll(b.message, 'the text "1"');
    assert.equal(b.data.replacement, '"true"');
    includesAll(one(diags, 'invalid-value', rangeOf(text, '-1'), Warning).message, 'wraps around');
  });
});

describe('invalid-value', () => {
  test('enumerations at the top, in a namespace and in a consumer (v6-enums.tsv)', async () => {
    const text = `{
  "broker": {"enabled": true, "type": "kafka"},
  "channel": {"namespaces": [{"name": "chat", "force_recovery_mode": "Stream"}]},
  "consumers": [{"name": "k1", "type": "rabbitmq"}],
  "log": {"level": "verbose"}
}`;
    const diags = await validate(text, 'v6');
    includesAll(one(diags, 'invalid-value', rangeOf(text, '"kafka"'), Error).message, '"memory"', '"redis"', 'validate.go');
    assert.equal(one(diags, 'invalid-value', rangeOf(text, '"Stream"'), Error).data.replacement, '"stream"');
    one(diags, 'invalid-value', rangeOf(text, '"rabbitmq"'), Error);
    // log.level is never refused: logging.go falls back to info (internal/logging/logging.go:146-159@v6.9.1).
    includesAll(one(diags, 'invalid-value', rangeOf(text, '"verbose"'), Warning).message, 'uses "info"');
  });
});

/** Every diagnostic with a version setting that may pin a v6 minor. */
async function validateAll(text: string, version: VersionSetting): Promise<Diagnostic[]> {
  const { service } = newService();
  return service.doValidation(makeRequest(text, { settings: { version } }));
}
