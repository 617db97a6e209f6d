import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { cursorRequest, newService } from '../helpers/documents';

async function hover(textWithCursor: string, options: Parameters<typeof cursorRequest>[1] = {}): Promise<string | undefined> {
  const { service } = newService();
  const { request, position } = cursorRequest(textWithCursor, options);
  const result = await service.doHover(request, position);
  return result ? (result.contents as MarkupContent).value : undefined;
}

describe('hover on TLS fields', () => {
  it('explains a v5 file field: forms, priority, paths, side and an example', async () => {
    const text = (await hover('{"token_hmac_secret_key": "s", "proxy_grpc_tls": {"enabled": true, "cert_pem_f|ile": "/etc/c.pem"}}'))!;
    assert.match(text, /\*\*`cert_pem_file`\*\* · `string` · default `""`/);
    assert.match(text, /client certificate Centrifugo presents when it connects out/);
    assert.match(text, /\*\*Accepts\*\* a path to a PEM file\. The same setting in other forms: `cert_pem_b64`, `cert_pem`\./);
    assert.match(text, /the file wins over base64, and base64 over PEM text/);
    assert.match(text, /\*\*working directory\*\*.*does not expand `~`/);
    assert.match(text, /In `proxy_grpc_tls`: TLS for gRPC proxy calls; read by Centrifugo v5\./);
    assert.match(text, /"cert_pem_file": "\/etc\/centrifugo\/tls\/server.crt"/);
  });

  it('explains the v6 content detection on http_server.tls.cert_pem', async () => {
    const text = (await hover('{"http_server": {"tls": {"cert_p|em": "server.crt"}}}'))!;
    assert.match(text, /certificate Centrifugo presents to the clients that connect to it/);
    assert.match(text, /PEM text, the base64 of PEM text, or a path to a PEM file/);
    assert.match(text, /invalid PEM data/);
  });

  it('says when a field has no effect on this side', async () => {
    const text = (await hover('{"grpc_api": {"tls": {"server_na|me": "x"}}}'))!;
    assert.match(text, /Here Centrifugo is the server: this key has no effect in this block/);
    const client = (await hover('{"engine": {"redis": {"tls": {"server_na|me": "x"}}}}'))!;
    assert.doesNotMatch(client, /no effect/);
    assert.match(client, /also sent as SNI/);
  });

  it('describes a block key and where each version reads it', async () => {
    const documented = (await hover('{"t|ls": {"enabled": true}}'))!;
    assert.match(documented, /No Centrifugo version reads this location\*\* \(it comes from the documentation page\)\. v6 reads `http_server.tls`/);
    const unified = (await hover('{"unified_proxy": {"grpc": {"t|ls": {}}}}'))!;
    assert.match(unified, /No Centrifugo version reads this location/);
    const v6 = (await hover('{"channel": {"proxy": {"map_publish": {"grpc": {"t|ls": {}}}}}}'))!;
    assert.match(v6, /Read by Centrifugo v6 \(since v6\.8\.0\)/);
  });

  it('says first, in one line, whether Centrifugo loads the block and why', async () => {
    const off = (await hover('{"grpc_api": {"enabled": false, "t|ls": {"enabled": true}}}', { settings: { version: 'v6' } }))!;
    assert.equal(off.split('\n')[0], '**Not loaded while `grpc_api.enabled` is false; fix it before turning the gRPC API on.**');
    const on = (await hover('{"grpc_api": {"enabled": true, "t|ls": {"enabled": true}}}', { settings: { version: 'v6' } }))!;
    assert.equal(on.split('\n')[0], '**Loaded at start-up** (the gRPC API runs).');
    const blockOff = (await hover('{"http_server": {"t|ls": {"cert_pem": "/c"}}}', { settings: { version: 'v6' } }))!;
    assert.equal(blockOff.split('\n')[0], '**Not loaded: `http_server.tls.enabled` is not set, so the block is off.**');
    const autocert = (await hover('{"http_server": {"t|ls": {"enabled": true}, "tls_autocert": {"enabled": true}}}', { settings: { version: 'v6' } }))!;
    assert.match(autocert.split('\n')[0], /^\*\*Not loaded: automatic certificates are on \(`http_server\.tls_autocert\.enabled`\)/);
    const flat = (await hover('{"engine": "memory", "redis_t|ls": true}', { settings: { version: 'v5' } }))!;
    assert.match(flat.split('\n')[0], /^\*\*Not loaded while `engine` is "memory"; fix it before turning the Redis engine on\.\*\*$/);
  });

  it('documents v5 flat keys and where they live in v6', async () => {
    const text = (await hover('{"token_hmac_secret_key": "s", "grpc_api_tls_c|ert": "/etc/c.pem"}'))!;
    assert.match(text, /\*\*`grpc_api_tls_cert`\*\*/);
    assert.match(text, /Flat Centrifugo v5 key for the gRPC API server; in v6 it lives in `grpc_api.tls`/);
  });

  it('says how each version reads host_whitelist', async () => {
    assert.match((await hover('{"http_server": {"tls_autocert": {"host_whit|elist": ["a.example.com"]}}}'))!, /v6 reads an \*\*array\*\*/);
    assert.match((await hover('{"admin": true, "tls_autocert_host_white|list": "a.example.com"}'))!, /Host names Centrifugo may request|host names Centrifugo may request/);
  });

  it('outside TLS blocks the option catalog answers; nothing for keys Centrifugo does not know', async () => {
    const text = await hover('{"http_server": {"po|rt": 8000}}');
    assert.ok(text?.includes('`http_server.port`') && text.includes('Default: `8000`') && text.includes('CENTRIFUGO_HTTP_SERVER_PORT'), text);
    assert.equal(await hover('{"http_server": {"po|rtt": 8000}}'), undefined);
  });
});
