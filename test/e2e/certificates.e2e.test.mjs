// @ts-check
// Certificates as a person sees them in a real VS Code: the expiry CodeLens above certificate keys
// and in .crt files, the field documentation hover and the certificate details hover.
// Also takes the README screenshot (docs/screenshot.png with E2E_UPDATE_SCREENSHOT=1).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  EXPIRING_CN, EXTENSION_ID, ROOT, SERVER_CN, e2eSuite, expiryLensPattern, settled, shot,
} from './fixtures.mjs';

/** Waits for a lens matching `pattern` in the active editor; returns all lens texts. */
async function lensMatching(s, pattern, what) {
  let seen = [];
  await s.waitUntil(async () => (seen = await s.codeLensTexts()).some((t) => pattern.test(t)),
    { message: () => `CodeLens ${what} matching ${pattern} (lenses: ${JSON.stringify(seen)})` });
  return seen;
}

/** Mouse-hovers the nth token `text` and returns the hover text once it matches `expected`. */
async function hoverToken(s, text, nth, expected) {
  return s.hover({ target: s.token(text, { nth }), expected });
}

// Hovers open below the line, so the README screenshot shows the lenses above the hovered line.
await e2eSuite('certificates', { settings: { 'editor.hover.above': false } }, ({ step, facts }) => {
  step('CodeLens above certificate keys: "Expires in N days · YYYY-MM-DD · CN=..."', { feature: 'codelens' }, async (s) => {
    await s.openFile('config.json');
    await s.waitForExtensionActivated(EXTENSION_ID);
    const lenses = await lensMatching(s, expiryLensPattern(facts.server, SERVER_CN), 'for http_server.tls.cert_pem');
    assert.ok(lenses.some((t) => expiryLensPattern(facts.expiring, EXPIRING_CN).test(t)),
      `no lens for grpc_api.tls.cert_pem (expiring in 10 days): ${JSON.stringify(lenses)}`);
    await shot(s, '01-codelens');
  });

  step('hover on cert_pem in http_server.tls documents the field', {}, async (s) => {
    await s.openFile('config.json');
    const text = await hoverToken(s, '"cert_pem"', 0, /PEM text, the base64 of PEM text, or a path to a PEM file/);
    assert.match(text, /cert_pem\s*·\s*string/);
    assert.match(text, /http_server\.tls/);
    await shot(s, '02-hover-field-docs');
  });

  step('hover on a certificate key shows the certificate details', { feature: 'certificate-hover' }, async (s) => {
    await s.openFile('config.json');
    // grpc_api.tls.cert_pem -> certs/expiring.crt (second "cert_pem" in the file).
    const fp = facts.expiring.fingerprint256;
    const text = await hoverToken(s, '"cert_pem"', 1, new RegExp(fp.slice(0, 23).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(text, new RegExp(`Subject\\s*CN=${EXPIRING_CN.replace(/\./g, '\\.')}`));
    assert.match(text, /Issuer\s*CN=Centrifugo Config E2E CA/);
    assert.match(text, new RegExp(`Valid until\\s*${facts.expiring.date}`));
    assert.ok(text.replace(/\s+/g, '').includes(fp), `fingerprint ${fp} not in hover: ${text}`);
    // The details come after the field documentation: show the hover from the keyboard, focus it
    // (the same keys again) and scroll it to the end so the screenshot shows the table.
    await s.dismiss();
    await s.gotoLine(18, 8);
    await s.hover({ expected: /Subject/ });
    await s.press('Control+K', 'Control+I');
    await s.waitUntil(() => s.page.evaluate(() => !!document.activeElement?.closest('.monaco-hover')), { message: 'hover focused' });
    await s.press('End');
    await shot(s, '03-hover-certificate-details');
  });

  step('a .crt file shows its expiry lens', { feature: 'pem-lens' }, async (s) => {
    await s.openFile('certs/server.crt');
    await s.waitUntil(async () => /PEM/i.test(await s.page.locator('.statusbar-item[id="status.editor.mode"]').textContent().catch(() => '')),
      { message: 'language mode PEM for server.crt' });
    await lensMatching(s, expiryLensPattern(facts.server, SERVER_CN), 'in certs/server.crt');
    await shot(s, '04-pem-file-lens');
  });

  step('README screenshot: lens, squiggle and hover in the editor', { feature: 'codelens' }, async (s) => {
    await s.runCommand('View: Close All Editors');
    await s.openFile('config.json');
    // Room for the editor: no side bar, no panel.
    await s.page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
    if (await s.page.locator('.part.sidebar').isVisible()) await s.press('Control+B');
    await s.waitUntil(async () => !(await s.page.locator('.part.sidebar').isVisible()), { message: 'side bar hidden' });
    if (await s.page.locator('.part.panel').isVisible()) await s.runCommand('View: Close Panel');
    await s.gotoLine(18, 1);
    await lensMatching(s, expiryLensPattern(facts.expiring, EXPIRING_CN), 'above grpc_api.tls.cert_pem');
    await s.waitUntil(async () => (await s.squiggleCount('warning')) >= 1, { message: 'cert-expiring squiggle' });
    await s.hover({ target: '"certs/expiring.crt"', expected: /Expires in \d+ days/ });
    await settled(s);
    const editor = await s.page.locator('.editor-group-container.active').boundingBox();
    const widget = await s.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first().boundingBox();
    const clip = {
      x: Math.round(editor.x), y: Math.round(editor.y),
      width: Math.round(Math.min(editor.width, Math.max(900, widget.x + widget.width - editor.x + 16))),
      height: Math.round(Math.min(editor.height, widget.y + widget.height - editor.y + 24)),
    };
    const file = path.join(path.dirname(await s.screenshot('05-readme-full')), '05-readme-screenshot.png');
    await s.page.screenshot({ path: file, clip });
    const size = fs.statSync(file).size;
    assert.ok(size < 150 * 1024, `README screenshot is ${size} bytes, over 150 KB`);
    if (process.env.E2E_UPDATE_SCREENSHOT === '1') {
      fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
      fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshot.png'));
    }
  });
});
