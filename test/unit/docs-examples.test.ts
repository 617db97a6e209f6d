/**
 * The three JSON examples of the public TLS documentation page, as users paste them: each gets
 * completion and hover in its TLS blocks, and is told exactly where v5 and v6 differ.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { DOC_AUTOCERT, DOC_TLS, DOC_UNIFIED_PROXY } from '../helpers/docsExamples';
import { cursorRequest, makeRequest, newService } from '../helpers/documents';

function message(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

async function diagnose(text: string, version: 'v5' | 'v6'): Promise<Diagnostic[]> {
  const { service } = newService();
  return service.doValidation(makeRequest(text, { settings: { version } }));
}

/** Completion labels and hover text with the cursor after `anchor` in `text`. */
async function features(text: string, anchor: string, version: 'auto' | 'v5' | 'v6' = 'auto') {
  const { service } = newService();
  const offset = text.indexOf(anchor) + anchor.length;
  const { request, position } = cursorRequest(`${text.slice(0, offset)}|${text.slice(offset)}`, { settings: { version } });
  const completion = await service.doComplete(request, position);
  return { labels: completion.items.map((i) => i.label) };
}

async function hoverAt(text: string, needle: string, version: 'auto' | 'v5' | 'v6' = 'auto'): Promise<string> {
  const { service } = newService();
  const offset = text.indexOf(needle) + 2;
  const { request, position } = cursorRequest(`${text.slice(0, offset)}|${text.slice(offset)}`, { settings: { version } });
  const hover = await service.doHover(request, position);
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('the documentation page examples', () => {
  it('top-level tls object: completion and hover work, and each version says where it really goes', async () => {
    const { labels } = await features(DOC_TLS, '"enabled": true,\n');
    assert.ok(labels.includes('cert_pem') && labels.includes('server_ca_pem'), labels.join());
    assert.match(await hoverAt(DOC_TLS, '"key_pem_file"'), /\*\*`key_pem_file`\*\* is not a field of this block in Centrifugo v6/);
    assert.match(await hoverAt(DOC_TLS, '"key_pem_file"', 'v5'), /\*\*Accepts\*\* a path to a PEM file/);

    const v6 = await diagnose(DOC_TLS, 'v6');
    const v6Location = v6.find((d) => d.code === 'wrong-location')!;
    assert.match(message(v6Location), /Centrifugo v6 does not read a top-level `tls` object.*`http_server\.tls`/s);
    assert.deepEqual(v6.filter((d) => d.code === 'unknown-in-version').map((d) => d.data), [
      { path: 'tls.key_pem_file', moveTo: 'key_pem', targetSet: false },
      { path: 'tls.cert_pem_file', moveTo: 'cert_pem', targetSet: false },
    ]);

    const v5 = await diagnose(DOC_TLS, 'v5');
    assert.match(message(v5.find((d) => d.code === 'wrong-location')!), /in v5 `tls` is an on\/off switch.*`tls_cert`/s);
  });

  it('tls_autocert object: autocert completion, and the string host_whitelist judged per version', async () => {
    const { labels } = await features(DOC_AUTOCERT, '"enabled": true,\n');
    assert.ok(labels.includes('server_name'), labels.join());
    assert.match(await hoverAt(DOC_AUTOCERT, '"host_whitelist"'), /Centrifugo v6 reads an \*\*array\*\*/);
    const v6 = await diagnose(DOC_AUTOCERT, 'v6');
    assert.match(message(v6.find((d) => d.code === 'wrong-location')!), /`http_server\.tls_autocert`/);
    // v6 reads nothing of a top-level tls_autocert object, so its values are not judged (load plan, issue 13).
    assert.ok(!v6.some((d) => d.code === 'type-mismatch'));
    const v5 = await diagnose(DOC_AUTOCERT, 'v5');
    assert.ok(v5.some((d) => d.code === 'wrong-location' && /tls_autocert/.test(message(d))));
  });

  it('unified_proxy: read by no version, pointing to where proxy TLS really goes', async () => {
    const { labels } = await features(DOC_UNIFIED_PROXY, '"enabled": true,\n');
    assert.ok(labels.includes('cert_pem'), labels.join());
    assert.match(await hoverAt(DOC_UNIFIED_PROXY, '"tls"'), /No Centrifugo version reads this location/);
    for (const version of ['v5', 'v6'] as const) {
      const location = (await diagnose(DOC_UNIFIED_PROXY, version)).find((d) => d.code === 'wrong-location')!;
      assert.match(message(location), /No Centrifugo version reads `unified_proxy`/);
      assert.match(message(location), version === 'v6' ? /proxies\[\]\.grpc\.tls/ : /proxy_grpc_tls/);
    }
  });
});
