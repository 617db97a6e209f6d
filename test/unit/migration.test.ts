/** "Migrate this config to Centrifugo v6" and the per-key quick fixes of the whole-config findings. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, makeRequest, newService, withCursor } from '../helpers/documents';
import { REAL_WORLD } from '../helpers/paths';

/** What our own v6 checker says about structure (no file or certificate checks). */
const CONFIG_CODES = new Set(['type-mismatch', 'unknown-field', 'unknown-in-version', 'invalid-value', 'undefined-name', 'duplicate-name', 'wrong-location']);

async function v6Findings(text: string): Promise<Diagnostic[]> {
  const { service } = newService();
  return (await service.doValidation(makeRequest(text, { settings: { version: 'v6' } }))).filter((d) => CONFIG_CODES.has(String(d.code)));
}

function migrate(text: string) {
  const { service } = newService();
  const result = service.migrateToV6(makeRequest(text));
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

describe('migrate to v6', () => {
  it('moves keys, converts loosely read values, keeps the order of first appearance, lists what it left out', async () => {
    const text = `{
  "port": "8000",
  "engine": "redis",
  "redis_address": "redis://r:6379",
  "allowed_origins": ["https://a.example"],
  "namespaces": [{"name": "chat", "presence": true, "proxy_cache_empty": true}],
  "tls_autocert": true,
  "tls_autocert_host_whitelist": "a.example,b.example",
  "sockjs": true
}`;
    const result = migrate(text);
    const out = JSON.parse(result.text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ['http_server', 'engine', 'client', 'channel']);
    assert.deepEqual(out.http_server, { port: 8000, tls_autocert: { enabled: true, host_whitelist: ['a.example', 'b.example'] } });
    assert.deepEqual(out.engine, { type: 'redis', redis: { address: ['redis://r:6379'] } });
    assert.deepEqual(out.channel, { namespaces: [{ name: 'chat', presence: true }] });
    assert.deepEqual(result.notCarried.map((n) => n.path), ['namespaces[0].proxy_cache_empty', 'sockjs']);
    assert.match(result.notCarried[1].reason, /SockJS/);
    assert.deepEqual(await v6Findings(result.text), []);
    // The edit replaces the whole document.
    assert.equal(applyEdits(text, [result.edit]), result.text);
  });

  it('v5 "broker": "nats" becomes broker.type and switches the v6 broker on', () => {
    const out = JSON.parse(migrate('{"broker": "nats", "nats_url": "nats://n:4222"}').text) as { broker: unknown };
    assert.deepEqual(out.broker, { type: 'nats', enabled: true, nats: { url: 'nats://n:4222' } });
  });

  it('every v5 JSON config of the real-world corpus migrates to a config our v6 checker finds clean', async () => {
    const dir = path.join(REAL_WORLD, 'centrifugo');
    let migrated = 0;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const { service } = newService();
      const request = makeRequest(text);
      const model = service.getModel(request);
      if (!model.recognition.isCentrifugo || model.version.version !== 'v5') continue;
      const result = service.migrateToV6(request);
      if ('error' in result) {
        // Only a file Centrifugo itself cannot read (the docs' "..." example) is refused.
        assert.ok(model.syntaxProblems.length > 0, `${name}: ${result.error}`);
        continue;
      }
      migrated++;
      // Clean apart from what it reports: a finding inside an item one of whose keys was left out
      // (a v2 `history_lifetime` beside `history_size`) is the consequence of that report.
      const leftOutItems = result.notCarried.map((n) => /^(namespaces|rpc_namespaces|proxies|consumers)\[\d+\]/.exec(n.path)?.[0])
        .filter((p): p is string => !!p).map((p) => p.replace(/^namespaces/, 'channel.namespaces').replace(/^rpc_namespaces/, 'rpc.namespaces'));
      const findings = (await v6Findings(result.text)).filter((d) => {
        const at = String((d.data as { path?: string }).path);
        return !leftOutItems.some((item) => at.startsWith(`${item}.`));
      });
      assert.deepEqual(findings.map((d) => `${d.code} ${String((d.data as { path?: string }).path)} ${d.message}`), [], name);
    }
    assert.ok(migrated >= 12, `migrated ${migrated} v5 configs`);
  });

  it('refuses a file with syntax errors instead of losing text', () => {
    const { service } = newService();
    const result = service.migrateToV6(makeRequest('{"port": "8000", '));
    assert.ok('error' in result);
  });
});

async function fixAt(textWithCursor: string, version: 'v5' | 'v6' = 'v6'): Promise<{ text: string; actions: CodeAction[] }> {
  const { text, offset } = withCursor(textWithCursor);
  const { service } = newService();
  const request = makeRequest(text, { settings: { version } });
  const diagnostics = await service.doValidation(request);
  const position = request.document.positionAt(offset);
  const here = diagnostics.filter((d) => d.range.start.line <= position.line && d.range.end.line >= position.line
    && request.document.offsetAt(d.range.start) <= offset && offset <= request.document.offsetAt(d.range.end));
  const actions = await service.doCodeActions(request, { start: position, end: position }, here);
  return { text, actions };
}

function apply(text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'a quick fix is offered');
  const changes = Object.values(action.edit?.changes ?? {})[0] as TextEdit[];
  return applyEdits(text, changes);
}

describe('quick fixes for the whole config', () => {
  it('unknown-field: rename to the closest key, in a namespace item', async () => {
    const { text, actions } = await fixAt('{"channel": {"namespaces": [{"name": "chat", "pres|ense": true}]}}');
    assert.equal(apply(text, actions.find((a) => a.title === 'Rename to presence')), '{"channel": {"namespaces": [{"name": "chat", "presence": true}]}}');
  });

  it('unknown-in-version: a v5 key moves to where v6 reads it', async () => {
    const { text, actions } = await fixAt('{"http_server": {"port": 8000}, "allowed_or|igins": ["*"]}');
    const moved = JSON.parse(apply(text, actions.find((a) => a.title.startsWith('Move to')))) as Record<string, unknown>;
    assert.deepEqual(moved, { http_server: { port: 8000 }, client: { allowed_origins: ['*'] } });
  });

  it('type-mismatch and invalid-value: write the value Centrifugo reads; undefined-name: use the defined name', async () => {
    const d = await fixAt('{"proxies": [{"name": "p1", "timeout": "1|0"}]}');
    assert.equal(apply(d.text, d.actions[0]), '{"proxies": [{"name": "p1", "timeout": "10s"}]}');
    const e = await fixAt('{"channel": {"namespaces": [{"name": "chat", "force_recovery_mode": "Str|eam"}]}}');
    assert.equal(apply(e.text, e.actions[0]), '{"channel": {"namespaces": [{"name": "chat", "force_recovery_mode": "stream"}]}}');
    const n = await fixAt('{"proxies": [{"name": "auth"}], "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_name": "au|ht"}]}}');
    assert.equal(apply(n.text, n.actions.find((a) => a.title === 'Use "auth"')),
      '{"proxies": [{"name": "auth"}], "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_name": "auth"}]}}');
  });
});
