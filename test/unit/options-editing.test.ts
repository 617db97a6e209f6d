/** Completion and hover for the whole config (optionCompletion.ts, optionHover.ts), in sections and array items. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { DESCRIBED_OPTIONS, DESCRIBED_SECTIONS } from '../../server/src/service/catalog/descriptions';
import { allOptions, optionAt } from '../../server/src/service/catalog/options';
import { applyEdits, cursorRequest, newService } from '../helpers/documents';

async function complete(textWithCursor: string, version: 'v5' | 'v6' = 'v6') {
  const { service } = newService();
  const { request, position } = cursorRequest(textWithCursor, { settings: { version } });
  const list = await service.doComplete(request, position);
  return { items: list.items, text: request.document.getText() };
}

async function hover(textWithCursor: string, version: 'v5' | 'v6' | 'v6.2' = 'v6'): Promise<string | undefined> {
  const { service } = newService();
  const { request, position } = cursorRequest(textWithCursor, { settings: { version } });
  const result = await service.doHover(request, position);
  return result ? (result.contents as MarkupContent).value : undefined;
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label).sort();
const find = (items: CompletionItem[], label: string): CompletionItem => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `${label} offered; got ${labels(items).slice(0, 30).join(', ')}`);
  return item;
};

function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const plain = edit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
  return applyEdits(text, [{ range: edit.range, newText: plain }]);
}

describe('key completion everywhere', () => {
  it('top level (v6): sections, not the keys already there', async () => {
    const { items } = await complete('{"http_server": {"port": 8000}, |}');
    const names = labels(items);
    for (const k of ['client', 'channel', 'engine', 'consumers', 'proxies', 'log']) assert.ok(names.includes(k), k);
    assert.ok(!names.includes('http_server'));
    assert.ok(!names.includes('allowed_origins'), 'no v5 key in a v6 config');
    assert.match(String(find(items, 'client').detail), /an object/);
  });

  it('a section: type, default and a snippet with the default filled in', async () => {
    const { items, text } = await complete('{"http_server": {|}}');
    const port = find(items, 'port');
    assert.match(String(port.detail), /an integer · default 8000/);
    assert.equal(accept(text, port), '{"http_server": {"port": 8000}}');
  });

  it('a namespace item: channel options; an enum gets its values as snippet choices', async () => {
    const { items, text } = await complete('{"channel": {"namespaces": [{"name": "chat", |}]}}');
    for (const k of ['presence', 'history_size', 'history_ttl', 'force_recovery_mode', 'subscribe_proxy_name']) find(items, k);
    assert.ok(!labels(items).includes('name'));
    assert.equal(accept(text, find(items, 'history_ttl')), '{"channel": {"namespaces": [{"name": "chat", "history_ttl": "1s"}]}}');
    assert.match((find(items, 'force_recovery_mode').textEdit as TextEdit).newText, /\$\{1\|stream,cache\|\}/);
  });

  it('a proxy item, a consumer type section, and a v5 namespace item', async () => {
    for (const k of ['endpoint', 'timeout', 'http', 'grpc']) find((await complete('{"proxies": [{"name": "p1", |}]}')).items, k);
    for (const k of ['brokers', 'topics', 'consumer_group']) {
      find((await complete('{"consumers": [{"name": "k1", "type": "kafka", "kafka": {|}}]}')).items, k);
    }
    const v5 = await complete('{"token_hmac_secret_key": "s", "namespaces": [{"name": "chat", |}]}', 'v5');
    find(v5.items, 'presence');
    find(v5.items, 'history_ttl');
  });

  it('TLS blocks keep the TLS completion: a proxy grpc section offers tls with its skeleton and the other grpc keys', async () => {
    const { items } = await complete('{"proxies": [{"name": "p1", "grpc": {|}}]}');
    assert.equal(find(items, 'tls').sortText, '0_tls');
    find(items, 'credentials_key');
  });
});

describe('value completion', () => {
  it('names defined elsewhere: subscribe_proxy_name offers proxies[].name and "default"', async () => {
    const { items } = await complete('{"proxies": [{"name": "auth"}, {"name": "billing"}], "channel": {"namespaces": [{"name": "chat", "subscribe_proxy_name": |}]}}');
    assert.deepEqual(labels(items), ['auth', 'billing', 'default']);
  });

  it('enumerations, booleans and duration examples', async () => {
    assert.deepEqual(labels((await complete('{"engine": {"type": |}}')).items), ['memory', 'redis']);
    assert.deepEqual(labels((await complete('{"channel": {"without_namespace": {"presence": |}}}')).items), ['false', 'true']);
    const durations = labels((await complete('{"proxies": [{"name": "p1", "timeout": |}]}')).items);
    assert.ok(durations.includes('1s') && durations.includes('500ms'), durations.join(','));
  });
});

describe('hover everywhere', () => {
  it('a section: our description, env-less object, the docs page', async () => {
    const text = await hover('{"cha|nnel": {}}');
    assert.ok(text?.includes('Channel behaviour'), text);
    assert.ok(text?.includes('https://centrifugal.dev/docs/server/configuration'));
  });

  it('a namespace item option: type, default, env with <NAME>, since, sections', async () => {
    const text = await hover('{"channel": {"namespaces": [{"name": "chat", "hist|ory_ttl": "10s"}]}}');
    assert.ok(text, 'hover shown');
    for (const part of ['`channel.namespaces[].history_ttl`', 'a duration', 'CENTRIFUGO_CHANNEL_NAMESPACES_<NAME>_HISTORY_TTL', 'Since Centrifugo v6.0.0', '`channel` › `channel.namespaces[]`']) {
      assert.ok(text.includes(part), `${part} in:\n${text}`);
    }
  });

  it('a proxy item option and a consumer type option', async () => {
    assert.ok((await hover('{"proxies": [{"name": "p1", "end|point": "http://a"}]}'))?.includes('http(s)://'));
    assert.ok((await hover('{"consumers": [{"name": "k1", "kafka": {"bro|kers": []}}]}'))?.includes('CENTRIFUGO_CONSUMERS_<NAME>_KAFKA_BROKERS'));
  });

  it('v5 keys say where they went in v6; a pinned minor says when a key is too new', async () => {
    const v5 = await hover('{"token_hmac_secret_key": "s", "allowed_or|igins": []}', 'v5');
    assert.ok(v5?.includes('In v6: `client.allowed_origins`'), v5);
    const pinned = await hover('{"http_server": {"port": 1}, "map_bro|ker": {}}', 'v6.2');
    assert.ok(pinned?.includes('Not read by the pinned v6.2'), pinned);
  });
});

describe('descriptions', () => {
  it('every v6 top-level section has our description, and every described path is a v6 option', () => {
    const top = allOptions('v6').filter((o) => !o.path.includes('.') && !o.path.includes('[') && (o.kind === 'object' || o.kind === 'objectList'));
    for (const o of top) assert.ok(DESCRIBED_SECTIONS.includes(o.path), `${o.path} described`);
    for (const p of [...DESCRIBED_SECTIONS, ...DESCRIBED_OPTIONS]) assert.ok(optionAt('v6', p.replace(/\[\]$/, '')), `${p} is a v6 path`);
  });
});
