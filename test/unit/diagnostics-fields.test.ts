/** type-mismatch, unknown-field, unknown-in-version and duplicate-key. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, fmt, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';

const { Error, Warning, Information } = DiagnosticSeverity;

describe('type-mismatch', () => {
  test('a boolean written as the string "true" is read as true, and we say so', async () => {
    const text = `{
  "proxy_grpc_tls": {"enabled": "true", "cert_pem_file": "/c.pem", "key_pem_file": "/k.pem"}
}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'type-mismatch', rangeOf(text, '"true"'), Warning);
    includesAll(d.message, '`enabled` takes a boolean', 'the string "true"', 'reads true', 'without quotes');
    assert.deepEqual(d.data, { path: 'proxy_grpc_tls.enabled', expected: 'boolean', replacement: 'true' });
    // "true" counts as on: the block is not reported as disabled.
    assert.equal(withCode(diags, 'tls-disabled').length, 0);
  });

  test('"false" as a string, and a number, are converted too (warnings)', async () => {
    const text = `{
  "http_server": {"tls": {"enabled": "false", "cert_pem": "/c", "key_pem": "/k"}},
  "broker": {"nats": {"tls": {"enabled": 1, "insecure_skip_verify": 0}}}
}`;
    const diags = await validate(text, 'v6');
    const s = one(diags, 'type-mismatch', rangeOf(text, '"false"'), Warning);
    includesAll(s.message, 'the string "false"', 'reads false');
    assert.equal(s.data.replacement, 'false');
    const n = one(diags, 'type-mismatch', rangeOf(text, '1'), Warning);
    includesAll(n.message, 'not a number', 'reads 1 as true');
    assert.equal(n.data.replacement, 'true');
    one(diags, 'type-mismatch', rangeOf(text, '0'), Warning);
  });

  test('a word that is no boolean stops v6, and v5 flat keys read it as false', async () => {
    const v6 = `{"http_server": {"tls": {"enabled": "yes", "cert_pem": "/c", "key_pem": "/k"}}}`;
    const d6 = one(await validate(v6, 'v6'), 'type-mismatch', rangeOf(v6, '"yes"'), Error);
    includesAll(d6.message, 'cannot read "yes" as a boolean', 'refuses to start');
    assert.equal(d6.data.replacement, 'true');

    const v5 = `{"tls": "on", "tls_cert": "/c", "tls_key": "/k"}`;
    const d5 = one(await validate(v5, 'v5'), 'type-mismatch', rangeOf(v5, '"on"'), Error);
    includesAll(d5.message, 'Centrifugo v5 reads "on" as false');
  });

  test('a v5 on/off switch given as an object says where the settings go', async () => {
    const text = `{
  "token_hmac_secret_key": "s",
  "redis_tls": {"enabled": true, "cert_pem_file": "/r.crt"}
}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'type-mismatch', rangeOf(text, '{"enabled": true, "cert_pem_file": "/r.crt"}'), Error);
    includesAll(d.message, '`redis_tls` is an on/off switch, not an object', 'connections to Redis', '`redis_tls_cert`');
  });

  test('a number where a path belongs', async () => {
    const text = `{"nats_tls": {"enabled": true, "server_ca_pem_file": 443}}`;
    const d = one(await validate(text, 'v5'), 'type-mismatch', rangeOf(text, '443'), Error);
    includesAll(d.message, '`server_ca_pem_file` takes a string (a path to a PEM file)', 'the text "443"');
    assert.equal(d.data.replacement, '"443"');
  });

  test('an array of PEM lines where one string belongs (v6), with the joined string as replacement', async () => {
    const text = `{"engine": {"redis": {"tls": {"enabled": true, "server_ca_pem": ["-----BEGIN CERTIFICATE-----", "MIIB", "-----END CERTIFICATE-----"]}}}}`;
    const d = one(await validate(text, 'v6'), 'type-mismatch',
      rangeOf(text, '["-----BEGIN CERTIFICATE-----", "MIIB", "-----END CERTIFICATE-----"]'), Error);
    includesAll(d.message, 'cannot read an array as a string and refuses to start', 'one string with \\n between the lines');
    assert.equal(d.data.replacement, JSON.stringify('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'));
  });

  test('an array for a v5 flat path is read as "" without a word', async () => {
    const text = `{"grpc_api": true, "grpc_api_tls": true, "grpc_api_tls_cert": ["/g.crt"], "grpc_api_tls_key": "/g.key"}`;
    const d = one(await validate(text, 'v5'), 'type-mismatch', rangeOf(text, '["/g.crt"]'), Error);
    includesAll(d.message, 'reads an array here as an empty string');
    assert.equal(d.data.replacement, '"/g.crt"');
  });

  test('host_whitelist: v6 reads an array; a comma-separated string matches no host', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": "a.io,b.io", "http": true}}}`;
    const d = one(await validate(text, 'v6'), 'type-mismatch', rangeOf(text, '"a.io,b.io"'), Error);
    includesAll(d.message, 'does not split this string at commas', 'matches no host');
    assert.deepEqual(d.data, { path: 'http_server.tls_autocert.host_whitelist', expected: 'stringArray', replacement: '["a.io","b.io"]' });
  });

  test('host_whitelist: one name in a v6 string works, but is flagged as a warning', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": "rt.acme.io"}}}`;
    const d = one(await validate(text, 'v6'), 'type-mismatch', rangeOf(text, '"rt.acme.io"'), Warning);
    includesAll(d.message, 'happens to work');
    assert.equal(d.data.replacement, '["rt.acme.io"]');
  });

  test('host_whitelist: an array in v5 turns the whitelist off', async () => {
    const text = `{"tls_autocert": true, "tls_autocert_host_whitelist": ["a.io", " b.io"]}`;
    const d = one(await validate(text, 'v5'), 'type-mismatch', rangeOf(text, '["a.io", " b.io"]'), Error);
    includesAll(d.message, 'one comma-separated string', 'any host name a client sends');
    assert.equal(d.data.replacement, '"a.io,b.io"');
  });

  test('host_whitelist: a non-string entry of a v6 array', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": ["a.io", 42]}}}`;
    const diags = withCode(await validate(text, 'v6'), 'type-mismatch');
    assert.equal(diags.length, 1);
    one(diags, 'type-mismatch', rangeOf(text, '42'), Error);
  });
});

describe('unknown-field', () => {
  test('a misspelt key names the closest known key', async () => {
    const text = `{
  "nats_tls": {
    "enabled": true,
    "cert_pem_fille": "/c.pem",
    "key_pem_file": "/k.pem"
  }
}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'unknown-field', rangeOf(text, '"cert_pem_fille"'), Warning);
    includesAll(d.message, '`cert_pem_fille` is not a key of a TLS object', 'Did you mean `cert_pem_file`?');
    assert.deepEqual(d.data, { path: 'nats_tls.cert_pem_fille', suggestion: 'cert_pem_file' });
    assert.equal(d.range.start.line, 3);
    assert.equal(d.range.start.character, 4);
  });

  test('the suggestion is the key of the same source in v5, and the v6 key for a misspelt v5 key in v6', async () => {
    const v5 = `{"nats_tls": {"enabled": true, "cert_pemm": "C", "key_pem_b46": "K"}}`;
    const d5 = await validate(v5, 'v5');
    assert.equal(one(d5, 'unknown-field', rangeOf(v5, '"cert_pemm"'), Warning).data.suggestion, 'cert_pem');
    assert.equal(one(d5, 'unknown-field', rangeOf(v5, '"key_pem_b46"'), Warning).data.suggestion, 'key_pem_b64');
    const v6 = `{"broker": {"nats": {"tls": {"enabled": true, "server_ca_pem_fille": "/ca.pem"}}}}`;
    assert.equal(one(await validate(v6, 'v6'), 'unknown-field', rangeOf(v6, '"server_ca_pem_fille"'), Warning).data.suggestion, 'server_ca_pem');
  });

  test('in the autocert object, and v6 says it logs the key', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "emial": "ops@acme.io"}}}`;
    const d = one(await validate(text, 'v6'), 'unknown-field', rangeOf(text, '"emial"'), Warning);
    includesAll(d.message, 'the autocert object', 'logs it as an unknown key', '`email`');
    assert.equal(d.data.suggestion, 'email');
  });

  test('old and foreign names map to the key of the same setting', async () => {
    const text = `{
  "proxy_grpc_tls": {"enabled": true, "root_ca_pem_file": "/ca.pem"},
  "nats_tls": {"enabled": true, "tls_cert": "/c.pem", "tls_key": "/k.pem"}
}`;
    const diags = await validate(text, 'v5');
    assert.equal(one(diags, 'unknown-field', rangeOf(text, '"root_ca_pem_file"'), Warning).data.suggestion, 'server_ca_pem_file');
    assert.equal(one(diags, 'unknown-field', rangeOf(text, '"tls_cert"'), Warning).data.suggestion, 'cert_pem_file');
    assert.equal(one(diags, 'unknown-field', rangeOf(text, '"tls_key"'), Warning).data.suggestion, 'key_pem_file');
    // In a v6 block the same old name points to the v6 key.
    const v6 = `{"broker": {"nats": {"tls": {"enabled": true, "root_ca_pem_file": "/ca.pem"}}}}`;
    assert.equal(one(await validate(v6, 'v6'), 'unknown-field', rangeOf(v6, '"root_ca_pem_file"'), Warning).data.suggestion, 'server_ca_pem');
  });

  test('a key far from every field lists the keys instead of guessing', async () => {
    const text = `{"nats_tls": {"enabled": true, "compression": "gzip"}}`;
    const d = one(await validate(text, 'v5'), 'unknown-field', rangeOf(text, '"compression"'), Warning);
    assert.equal(d.data.suggestion, undefined);
    includesAll(d.message, 'The keys of this object are `enabled`, `cert_pem_file`');
  });

  test('a key in other case is read (viper lower-cases keys): information, and the block counts as enabled', async () => {
    const text = `{"http_server": {"tls": {"Enabled": true, "cert_pem": "/c", "key_pem": "/k"}}}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'unknown-field', rangeOf(text, '"Enabled"'), Information);
    includesAll(d.message, 'read as `enabled`');
    assert.equal(d.data.suggestion, 'enabled');
    assert.equal(withCode(diags, 'tls-disabled').length, 0);
  });

  test('flat v5 keys of a family are known; a top-level key v5 does not read is unknown-field', async () => {
    const text = `{"tls": true, "tls_cert": "/c", "tls_key": "/k", "tls_certificate": "/x"}`;
    const unknown = withCode(await validate(text, 'v5'), 'unknown-field');
    assert.deepEqual(unknown.map((d) => fmt(d.range)), [fmt(rangeOf(text, '"tls_certificate"'))]);
  });
});

describe('unknown-in-version', () => {
  test('v5 source keys in a v6 block: v6 ignores them; says which v6 key takes the value', async () => {
    const text = `{
  "http_server": {
    "tls": {
      "enabled": true,
      "cert_pem_file": "/etc/tls/server.crt",
      "key_pem_b64": "LS0tLS1CRUdJTg=="
    }
  }
}`;
    const diags = await validate(text, 'v6');
    const cert = one(diags, 'unknown-in-version', rangeOf(text, '"cert_pem_file"'), Warning);
    includesAll(cert.message, 'Centrifugo v6 does not read `cert_pem_file`', 'unknown key', 'checkconfig --strict', 'Rename it to `cert_pem`', 'a path to a PEM file');
    assert.deepEqual(cert.data, { path: 'http_server.tls.cert_pem_file', moveTo: 'cert_pem', targetSet: false });
    const key = one(diags, 'unknown-in-version', rangeOf(text, '"key_pem_b64"'), Warning);
    includesAll(key.message, 'Rename it to `key_pem`', 'base64-encoded PEM');
    assert.equal(key.data.moveTo, 'key_pem');
    assert.equal(withCode(diags, 'unknown-field').length, 0);
  });

  test('when the v6 key is already set, the advice is to remove the old one', async () => {
    const text = `{"proxies": [{"name": "p", "grpc": {"tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k", "server_ca_pem_file": "/ca", "server_ca_pem": "/ca2"}}}]}`;
    const d = one(await validate(text, 'v6'), 'unknown-in-version', rangeOf(text, '"server_ca_pem_file"'), Warning);
    includesAll(d.message, '`server_ca_pem` is already set in this block, so remove this key');
    assert.deepEqual(d.data, { path: 'proxies[0].grpc.tls.server_ca_pem_file', moveTo: 'server_ca_pem', targetSet: true });
  });

  test('the same keys are fine in a v5 block', async () => {
    const text = `{"proxy_grpc_tls": {"enabled": true, "cert_pem_file": "/c", "key_pem_file": "/k"}}`;
    assert.deepEqual(await validate(text, 'v5'), []);
  });
});

describe('duplicate-key', () => {
  test('inside a TLS block: the earlier key is flagged, the last one wins', async () => {
    const text = `{
  "nats_tls": {
    "enabled": true,
    "cert_pem_file": "/old.crt",
    "key_pem_file": "/k.pem",
    "cert_pem_file": "/new.crt"
  }
}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'duplicate-key', rangeOf(text, '"cert_pem_file"', 0), Warning);
    includesAll(d.message, '`cert_pem_file` appears again on line 6', 'keeps only the last');
    assert.deepEqual(d.data, { path: 'nats_tls.cert_pem_file', key: 'cert_pem_file', winnerLine: 5 });
    assert.equal(withCode(diags, 'duplicate-key').length, 1);
  });

  test('top-level keys, reported once even when they are flat TLS keys', async () => {
    const text = `{
  "port": 8000,
  "tls": true,
  "tls_cert": "/a.crt",
  "tls_key": "/a.key",
  "tls_cert": "/b.crt",
  "port": 443
}`;
    const diags = withCode(await validate(text, 'v5'), 'duplicate-key');
    assert.equal(diags.length, 2);
    one(diags, 'duplicate-key', rangeOf(text, '"port"', 0), Warning);
    one(diags, 'duplicate-key', rangeOf(text, '"tls_cert"', 0), Warning);
  });

  test('a repeated block key: the whole earlier object is ignored, and nothing else is reported in it', async () => {
    const text = `{
  "http_server": {
    "tls": {"enabled": true, "cert_pem_fille": "/x", "insecure_skip_verify": true},
    "tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"}
  }
}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'duplicate-key', rangeOf(text, '"tls"', 0), Warning);
    includesAll(d.message, 'the whole `tls` object here is ignored');
    assert.equal(d.data.path, 'http_server.tls');
    assert.deepEqual(diags.map((x) => x.code), ['duplicate-key']);
  });

  test('a repeated key on the path to a block (proxies[0].grpc twice)', async () => {
    const text = `{"proxies": [{"name": "p", "grpc": {"tls": {"enabled": true, "cert_pem": "/c"}}, "grpc": {"tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"}}}]}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'duplicate-key', rangeOf(text, '"grpc"', 0), Warning);
    assert.equal(d.data.path, 'proxies[0].grpc');
    // The lone cert_pem of the dropped object is not reported.
    assert.equal(withCode(diags, 'mixed-source-pair').length, 0);
  });
});
