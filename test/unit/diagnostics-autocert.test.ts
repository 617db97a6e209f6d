/** autocert-host, autocert-email, autocert-http-addr, autocert-conflict and h2c-with-tls. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostProblem, listenAddrProblem } from '../../server/src/service/features/diagnostics/autocertDiagnostics';
import { DiagnosticSeverity, codes, includesAll, one, rangeOf, validate, withCode } from './diagnostics-support';

const { Error, Warning } = DiagnosticSeverity;

describe('autocert-host', () => {
  test('v5 flat whitelist: each bad name is underlined inside the comma-separated string', async () => {
    const text = `{
  "tls_autocert": true,
  "tls_autocert_host_whitelist": "rt.acme.io,localhost, ws.acme.io,*.acme.io,https://acme.io/ws,10.0.0.1,acme.io:443"
}`;
    const diags = await validate(text, 'v5');
    assert.equal(withCode(diags, 'autocert-host').length, 6);
    const local = one(diags, 'autocert-host', rangeOf(text, 'localhost'), Error);
    includesAll(local.message, '`localhost` is local', 'Let\'s Encrypt cannot reach it');
    assert.deepEqual(local.data, { path: 'tls_autocert_host_whitelist', host: 'localhost' });
    const spaced = one(diags, 'autocert-host', rangeOf(text, ' ws.acme.io'), Error);
    includesAll(spaced.message, 'has spaces around the name', 'does not trim them');
    assert.equal(spaced.data.suggestion, 'ws.acme.io');
    includesAll(one(diags, 'autocert-host', rangeOf(text, '*.acme.io'), Error).message, 'wildcard', 'DNS-01');
    const url = one(diags, 'autocert-host', rangeOf(text, 'https://acme.io/ws'), Error);
    includesAll(url.message, 'is a URL');
    assert.equal(url.data.suggestion, 'acme.io');
    includesAll(one(diags, 'autocert-host', rangeOf(text, '10.0.0.1'), Error).message, 'is an IP address');
    assert.equal(one(diags, 'autocert-host', rangeOf(text, 'acme.io:443'), Error).data.suggestion, 'acme.io');
    // rt.acme.io is fine.
    assert.equal(diags.length, 6);
  });

  test('v6 array entries are underlined one by one', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": ["rt.acme.io", "::1", "centrifugo"]}}}`;
    const diags = await validate(text, 'v6');
    includesAll(one(diags, 'autocert-host', rangeOf(text, '"::1"'), Error).message, 'IP address');
    includesAll(one(diags, 'autocert-host', rangeOf(text, '"centrifugo"'), Error).message, 'has no dot');
    assert.equal(diags.length, 2);
  });

  test('a v6 comma string: type-mismatch for the string, and the names are still checked (trimmed)', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "host_whitelist": "rt.acme.io, localhost"}}}`;
    const diags = await validate(text, 'v6');
    one(diags, 'type-mismatch', rangeOf(text, '"rt.acme.io, localhost"'), Error);
    one(diags, 'autocert-host', rangeOf(text, 'localhost'), Error);
    assert.equal(String(diags.find((d) => d.code === 'autocert-host')?.message).includes('spaces'), false);
  });

  test('the documentation placeholder and other names no certificate can be issued for', () => {
    assert.match(hostProblem('www.example.com', true)?.message ?? '', /placeholder from the documentation/);
    assert.match(hostProblem('dev.local', true)?.message ?? '', /reserved domain `\.local`/);
    assert.match(hostProblem('my_host.acme.io', true)?.message ?? '', /characters not allowed in host names \("_"\)/);
    assert.match(hostProblem('api.localhost', true)?.message ?? '', /is local/);
    assert.equal(hostProblem('  spaced.acme.io', false), undefined);
    assert.equal(hostProblem('rt.acme.io', true), undefined);
    assert.equal(hostProblem('xn--bcher-kva.example.de', true), undefined);
    assert.equal(hostProblem('', true), undefined);
  });
});

describe('autocert-email', () => {
  test('mailto: prefix, several addresses, and the documentation placeholder', async () => {
    const text = `{
  "tls_autocert": true,
  "tls_autocert_email": "mailto:ops@acme.io"
}`;
    const d = one(await validate(text, 'v5'), 'autocert-email', rangeOf(text, '"mailto:ops@acme.io"'), Warning);
    includesAll(d.message, 'Centrifugo adds `mailto:` itself');
    assert.deepEqual(d.data, { path: 'tls_autocert_email', suggestion: 'ops@acme.io' });

    const many = `{"http_server": {"tls_autocert": {"enabled": true, "email": "a@acme.io,b@acme.io"}}}`;
    includesAll(one(await validate(many, 'v6'), 'autocert-email', rangeOf(many, '"a@acme.io,b@acme.io"'), Warning).message,
      'is not one e-mail address');

    const doc = `{"http_server": {"tls_autocert": {"enabled": true, "email": "user@example.com"}}}`;
    includesAll(one(await validate(doc, 'v6'), 'autocert-email', rangeOf(doc, '"user@example.com"'), Warning).message,
      'placeholder from the documentation', 'refuses contact addresses at example.com');

    assert.deepEqual(await validate(`{"http_server": {"tls_autocert": {"enabled": true, "email": "ops@acme.io"}}}`, 'v6'), []);
  });
});

describe('autocert-http-addr', () => {
  test('a port without its colon', async () => {
    const text = `{"tls_autocert": true, "tls_autocert_http": true, "tls_autocert_http_addr": "80"}`;
    const d = one(await validate(text, 'v5'), 'autocert-http-addr', rangeOf(text, '"80"'), Error);
    includesAll(d.message, 'the colon before the port is missing', 'With `tls_autocert_http` on', 'exits', 'Write `:80`');
    assert.deepEqual(d.data, { path: 'tls_autocert_http_addr', suggestion: ':80' });
  });

  test('a URL in the v6 object', async () => {
    const text = `{"http_server": {"tls_autocert": {"enabled": true, "http": true, "http_addr": "http://0.0.0.0:80"}}}`;
    const d = one(await validate(text, 'v6'), 'autocert-http-addr', rangeOf(text, '"http://0.0.0.0:80"'), Error);
    includesAll(d.message, 'it is a URL', 'With `http` on');
    assert.equal(d.data.suggestion, '0.0.0.0:80');
  });

  test('Go listen addresses', () => {
    for (const ok of [':80', '0.0.0.0:80', '[::]:80', 'localhost:8080', ':http']) assert.equal(listenAddrProblem(ok), undefined, ok);
    assert.match(listenAddrProblem(':0')?.reason ?? '', /random port/);
    assert.equal(listenAddrProblem(':0')?.listens, true);
    assert.match(listenAddrProblem(':70000')?.reason ?? '', /not a port number/);
    assert.match(listenAddrProblem('::1:80')?.reason ?? '', /in brackets/);
    assert.equal(listenAddrProblem('0.0.0.0')?.suggestion, '0.0.0.0:80');
    assert.match(listenAddrProblem(':')?.reason ?? '', /port is empty/);
  });
});

describe('autocert-conflict', () => {
  test('v6: autocert wins over http_server.tls; HTTP/3 with autocert stops Centrifugo', async () => {
    const text = `{
  "http_server": {
    "http3": {"enabled": true},
    "tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"},
    "tls_autocert": {"enabled": true, "host_whitelist": ["rt.acme.io"]}
  }
}`;
    const diags = await validate(text, 'v6');
    const cert = one(diags, 'autocert-conflict', rangeOf(text, '"tls"'), Warning);
    includesAll(cert.message, 'Automatic certificates are on (`http_server.tls_autocert`)', 'take precedence', 'ignores the certificate configured here');
    assert.deepEqual(cert.data, { path: 'http_server.tls', winner: 'http_server.tls_autocert' });
    const h3 = one(diags, 'autocert-conflict', rangeOf(text, 'true'), Error);
    includesAll(h3.message, 'HTTP/3 cannot be combined with automatic certificates', 'can not use HTTP/3 with autocert');
    assert.deepEqual(h3.data, { path: 'http_server.http3.enabled', autocert: 'http_server.tls_autocert' });
    assert.equal(diags.length, 2);
  });

  test('v5: tls and tls_autocert both on; top-level http3', async () => {
    const text = `{"tls": true, "tls_cert": "/c", "tls_key": "/k", "tls_autocert": true, "tls_autocert_host_whitelist": "rt.acme.io", "http3": true}`;
    const diags = await validate(text, 'v5');
    const d = one(diags, 'autocert-conflict', rangeOf(text, '"tls"'), Warning);
    includesAll(d.message, '(`tls_autocert`)', 'ignores `tls_cert`/`tls_key`');
    assert.deepEqual(d.data, { path: 'tls', winner: 'tls_autocert' });
    one(diags, 'autocert-conflict', rangeOf(text, 'true', 2), Error);
    assert.deepEqual(codes(diags), ['autocert-conflict', 'autocert-conflict']);
  });

  test('no conflict while autocert is off', async () => {
    const text = `{"http_server": {"http3": {"enabled": true}, "tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"}, "tls_autocert": {"enabled": false}}}`;
    assert.deepEqual(await validate(text, 'v6'), []);
  });
});

describe('h2c-with-tls', () => {
  test('v6 refuses to start with TLS and h2c_external together', async () => {
    const text = `{
  "http_server": {
    "h2c_external": true,
    "tls": {"enabled": true, "cert_pem": "/c", "key_pem": "/k"}
  }
}`;
    const diags = await validate(text, 'v6');
    const d = one(diags, 'h2c-with-tls', { start: { line: 2, character: 4 }, end: { line: 2, character: 18 } }, Error);
    includesAll(d.message, 'cannot be combined with TLS on the HTTP server', 'refuses to start');
    assert.deepEqual(d.data, { path: 'http_server.h2c_external', tlsPath: 'http_server.tls' });
    assert.equal(diags.length, 1);
  });

  test('fine without TLS, or with TLS off', async () => {
    assert.deepEqual(await validate(`{"http_server": {"h2c_external": true, "tls": {"enabled": false}}}`, 'v6'), []);
    assert.deepEqual(await validate(`{"http_server": {"h2c_external": true}}`, 'v6'), []);
  });
});
