// @ts-check
// What a person sees for broken configs in a real VS Code: squiggles, Problems panel entries with
// their codes, and the detected Centrifugo version in the language status item.
// Run with `npm run test:e2e` (or alone: `node --test test/e2e/diagnostics.e2e.test.mjs`).
import assert from 'node:assert/strict';
import { EXTENSION_ID, e2eSuite, problemRows, shot } from './fixtures.mjs';

await e2eSuite('diagnostics', {}, ({ step }) => {
  step('missing-file: error squiggles and Problems entries in a v6 config.json', {}, async (s) => {
    await s.openFile('config.json');
    await s.waitForExtensionActivated(EXTENSION_ID);
    // uni_grpc.tls names certs/uni-grpc.crt and .key, which do not exist (lines 28 and 29).
    const rows = await problemRows(s, (r) => r.filter((t) => t.includes('missing-file')).length === 2, 'two missing-file problems');
    const missing = rows.filter((t) => t.includes('missing-file'));
    assert.match(missing[0], /^No file at .*certs\/uni-grpc\.crt\..*centrifugo\s*missing-file\s*\[Ln 28, Col 19\]$/);
    assert.match(missing[1], /^No file at .*certs\/uni-grpc\.key\..*centrifugo\s*missing-file\s*\[Ln 29, Col 18\]$/);
    await s.gotoLine(28, 19);
    await s.waitUntil(async () => (await s.squiggleCount('error')) === 2, { message: '2 error squiggles on the uni_grpc lines' });
    // Hovering the squiggle shows the message in the editor too.
    const text = await s.hover({ target: '"certs/uni-grpc.crt"', expected: /No file at/ });
    assert.match(text, /Centrifugo will fail to start/);
    await shot(s, '01-missing-file');
  });

  step('shadowed-source and missing-file in a v5 config.json (proxy_grpc_tls with cert_pem_file + cert_pem)', {}, async (s) => {
    await s.openFile('v5/config.json');
    const rows = await problemRows(s, (r) => r.some((t) => t.includes('shadowed-source')) && r.some((t) => /missing-server\.crt.*missing-file/.test(t)),
      'shadowed-source and missing-file problems of v5/config.json');
    const shadowed = rows.find((t) => t.includes('shadowed-source'));
    assert.match(shadowed, /`cert_pem` is ignored.*`cert_pem_file`.*centrifugo\s*shadowed-source\s*\[Ln 13, Col 5\]$/);
    assert.match(rows.find((t) => t.includes('missing-server.crt')), /centrifugo\s*missing-file\s*\[Ln 6, Col 15\]$/);
    await s.waitUntil(async () => (await s.squiggleCount('warning')) >= 1 && (await s.squiggleCount('error')) >= 1,
      { message: 'a warning squiggle (shadowed cert_pem) and an error squiggle (missing tls_cert)' });
    await s.gotoLine(13, 5);
    await s.hover({ expected: /`?cert_pem`? is ignored/ });
    await shot(s, '02-shadowed-source');
  });

  step('language status shows "Centrifugo v5 (detected)" for a v5 config', {}, async (s) => {
    await s.openFile('v5/config.json');
    await s.waitUntil(async () => /Centrifugo v5 \(detected\)/.test(await s.languageStatusLabel()), { message: 'language status label with v5' });
    const items = await s.languageStatus(/Centrifugo v5 \(detected\)/);
    assert.ok(items.some((i) => i.text === 'Centrifugo v5 (detected)'), JSON.stringify(items));
    await shot(s, '03-language-status-v5');
  });

  step('language status shows "Centrifugo v6 (detected)" for a v6 config', {}, async (s) => {
    await s.openFile('config.json');
    await s.waitUntil(async () => /Centrifugo v6 \(detected\)/.test(await s.languageStatusLabel()), { message: 'language status label with v6' });
    const items = await s.languageStatus(/Centrifugo v6 \(detected\)/);
    assert.ok(items.some((i) => i.text === 'Centrifugo v6 (detected)'), JSON.stringify(items));
    await shot(s, '04-language-status-v6');
  });
});
