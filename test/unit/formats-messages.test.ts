/**
 * Findings that ask the user to type something say it in the file's own syntax: the same mistake
 * in JSON, YAML and TOML gives the same code with the advice spelled for that format
 * (`"enabled": true`, `enabled: true`, `enabled = true`), and "without quotes" only where quotes
 * were written (a YAML plain `t` has none; every JSON and TOML string has them).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_DIR, makeRequest, newService } from '../helpers/documents';

type Format = 'json' | 'yaml' | 'toml';

async function messages(format: Format, text: string, code: string, version: 'v5' | 'v6' = 'v6'): Promise<string[]> {
  const { service } = newService();
  const request = makeRequest(text, { settings: { version }, context: { configPath: `${CONFIG_DIR}/config.${format}`, workspaceFolder: CONFIG_DIR, forced: true } });
  return (await service.doValidation(request)).filter((d) => d.code === code).map((d) => String(d.message));
}

describe('advice in the file\'s syntax', () => {
  it('a bool written as a string Go cannot parse: "without quotes" only where the text has quotes', async () => {
    const effect = '`enabled` takes a boolean: Centrifugo cannot read "yes" as a boolean and refuses to start.';
    assert.deepEqual(await messages('json', '{"http_server": {"tls": {"enabled": "yes"}}}', 'type-mismatch'), [`${effect} Write true or false without quotes.`]);
    assert.deepEqual(await messages('toml', '[http_server.tls]\nenabled = "yes"\n', 'type-mismatch'), [`${effect} Write true or false without quotes.`]);
    assert.deepEqual(await messages('yaml', 'http_server:\n  tls:\n    enabled: "yes"\n', 'type-mismatch'), [`${effect} Write true or false without quotes.`]);
    // yaml.v3 reads a plain `yes` as text: there are no quotes to take off.
    assert.deepEqual(await messages('yaml', 'http_server:\n  tls:\n    enabled: yes\n', 'type-mismatch'), [`${effect} Write true or false.`]);
  });

  it('a string Go reads as a bool: plain in YAML, quoted in TOML', async () => {
    const said = '`enabled` takes a boolean, but this is the string "t". Centrifugo converts it and reads true;';
    assert.deepEqual(await messages('yaml', 'http_server:\n  tls:\n    enabled: t\n', 'type-mismatch'), [`${said} write true.`]);
    assert.deepEqual(await messages('toml', '[http_server.tls]\nenabled = "t"\n', 'type-mismatch'), [`${said} write true without quotes.`]);
    const option = '`debug` takes a boolean, but this is the string "1": Centrifugo reads it as true;';
    assert.deepEqual(await messages('yaml', 'debug: "1"\nhttp_server:\n  port: 8000\n', 'type-mismatch', 'v5'), [`${option} write true without quotes.`]);
  });

  it('the switch to set, as the format writes a setting', async () => {
    const tail = 'so Centrifugo ignores the whole object: none of its certificate, key or CA settings is used, and TLS for the HTTP server stays off.';
    assert.deepEqual(await messages('json', '{"http_server": {"tls": {"cert_pem": "a.crt", "key_pem": "a.key"}}}', 'tls-disabled'),
      [`This TLS object has no \`enabled\`, ${tail} Set \`"enabled": true\` to use them.`]);
    assert.deepEqual(await messages('yaml', 'http_server:\n  tls:\n    cert_pem: a.crt\n    key_pem: a.key\n', 'tls-disabled'),
      [`This TLS object has no \`enabled\`, ${tail} Set \`enabled: true\` to use them.`]);
    assert.deepEqual(await messages('toml', '[http_server.tls]\ncert_pem = "a.crt"\nkey_pem = "a.key"\n', 'tls-disabled'),
      [`This TLS object has no \`enabled\`, ${tail} Set \`enabled = true\` to use them.`]);
    assert.deepEqual(await messages('toml', 'ssl = true\nadmin = true\n', 'legacy-key', 'v5'),
      ['`ssl` does nothing: a Centrifugo v1 key; later versions ignore it, so the HTTP server runs without TLS. In Centrifugo v5 use `tls = true`.']);
    assert.match((await messages('yaml', 'tls_autocert:\n  enabled: true\n', 'wrong-location', 'v5'))[0], /flat keys at the top level: `tls_autocert: true`, `tls_autocert_host_whitelist`/);
  });

  it('a list to write, in the format\'s inline list syntax and nouns', async () => {
    const said = (noun: string, list: string) => `\`allowed_origins\` takes ${noun}. Centrifugo v6 reads this string as a list of ONE entry, "a,b", and does not split it at commas. Write ${noun}: ${list}.`;
    assert.deepEqual(await messages('json', '{"client": {"allowed_origins": "a,b"}}', 'type-mismatch'), [said('an array', '["a","b"]')]);
    assert.deepEqual(await messages('yaml', 'client:\n  allowed_origins: a,b\n', 'type-mismatch'), [said('a list', '[a, b]')]);
    assert.deepEqual(await messages('toml', '[client]\nallowed_origins = "a,b"\n', 'type-mismatch'), [said('an array', '["a", "b"]')]);
    assert.deepEqual(await messages('yaml', 'http_server:\n  tls_autocert:\n    enabled: true\n    host_whitelist: a.com,b.com\n', 'type-mismatch'),
      ['Centrifugo v6 reads `host_whitelist` as a list of host names and does not split this string at commas: it becomes one name, "a.com,b.com", that matches no host, so no certificate is issued. Write a list: [a.com, b.com].']);
    assert.deepEqual(await messages('yaml', 'client:\n  allowed_origins:\n    name: x\n', 'type-mismatch'),
      ['`allowed_origins` takes a list of strings, not a mapping: Centrifugo cannot decode it and stops at start-up.']);
  });

  it('one object where a list of them belongs: brackets in JSON, a list item in YAML, [[header]] in TOML', async () => {
    const said = (type: string, one: string, advice: string) => `\`proxies\` takes ${type}. Centrifugo reads this single ${one} as a list of one; ${advice}.`;
    assert.deepEqual(await messages('json', '{"proxies": {"name": "a", "endpoint": "http://x"}}', 'type-mismatch'), [said('an array of objects', 'object', 'write it inside [ ]')]);
    assert.deepEqual(await messages('yaml', 'proxies:\n  name: a\n  endpoint: http://x\n', 'type-mismatch'), [said('a list of mappings', 'mapping', 'make it an item of a list: `- ` before its first key')]);
    assert.deepEqual(await messages('toml', '[proxies]\nname = "a"\nendpoint = "http://x"\n', 'type-mismatch'), [said('an array of tables', 'table', 'write its header in double brackets, `[[proxies]]`')]);
    assert.deepEqual(await messages('toml', 'proxies = { name = "a", endpoint = "http://x" }\n', 'type-mismatch'), [said('an array of tables', 'table', 'write it inside [ ]')]);
    assert.match((await messages('toml', '[channel.namespaces]\nname = "a"\n', 'type-mismatch'))[0], /`\[\[channel\.namespaces\]\]`\.$/);
  });

  it('a string to write and PEM over several lines, as the format writes them', async () => {
    assert.deepEqual(await messages('toml', '[http_server.tls]\nenabled = true\ncert_pem = 8000\n', 'type-mismatch'),
      ['`cert_pem` takes a string (PEM text, the base64 of PEM text, or a path to a PEM file), not a number. Centrifugo turns 8000 into the text "8000", which is no certificate source. Write the value in quotes, "8000".']);
    assert.match((await messages('json', '{"http_server": {"tls": {"enabled": true, "cert_pem": 8000}}}', 'type-mismatch'))[0], /Write the value as a JSON string\.$/);
    const pem = (format: Format, text: string) => messages(format, text, 'type-mismatch');
    assert.match((await pem('json', '{"http_server": {"tls": {"enabled": true, "cert_pem": ["a", "b"]}}}'))[0], /write it as one string with \\n between the lines\.$/);
    assert.match((await pem('yaml', 'http_server:\n  tls:\n    enabled: true\n    cert_pem: [a, b]\n'))[0], /Centrifugo cannot read a list as a string and refuses to start\. To give PEM text, write it as one block scalar \(`\|` and the PEM lines indented below\)\.$/);
    assert.match((await pem('toml', '[http_server.tls]\nenabled = true\ncert_pem = ["a", "b"]\n'))[0], /write it as one multi-line string \(between `"""` and `"""`\)\.$/);
  });

  it('a repeated key names the reader that keeps the last one', async () => {
    assert.deepEqual(await messages('yaml', 'tls: true\ntls: false\ntls_cert: a\n', 'duplicate-key', 'v5'),
      ['`tls` appears again on line 2. Centrifugo\'s YAML reader keeps only the last of repeated keys, so this value is ignored. Remove one of the two.']);
    assert.deepEqual(await messages('json', '{"tls": true, "tls": false, "tls_cert": "a"}', 'duplicate-key', 'v5'),
      ['`tls` appears again on line 1. Centrifugo\'s JSON reader keeps only the last of repeated keys, so this value is ignored. Remove one of the two.']);
  });
});
