// @ts-check
// Editing in a real VS Code: completion inside an empty TLS block, and the "Convert to
// base64" action from the light bulb changing pasted PEM text. Nothing is saved.
import assert from 'node:assert/strict';
import { EXTENSION_ID, e2eSuite, shot } from './fixtures.mjs';

/** The action's title in the menu: "Convert to base64" (or "Convert certificate and key to base64"). */
const CONVERT = /^Convert (certificate and key )?to base64/;

await e2eSuite('editing', {}, ({ step }) => {
  step('completion inside an empty "tls": {} under http_server offers the TLS fields', {}, async (s) => {
    await s.openFile('empty-tls/config.json');
    await s.waitForExtensionActivated(EXTENSION_ID);
    // Line 4 is `    "tls": {}`: column 13 is between the braces.
    await s.gotoLine(4, 13);
    const labels = await s.completions('cert_pem');
    for (const want of ['cert_pem', 'key_pem', 'enabled']) assert.ok(labels.includes(want), `${want} not offered: ${JSON.stringify(labels)}`);
    await shot(s, '01-completion-empty-tls');
    // Accepting an item writes the field into the block.
    await s.page.keyboard.type('key_pe');
    await s.waitUntil(async () => (await s.texts('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name'))[0] === 'key_pem',
      { message: 'key_pem focused in the suggest widget' });
    await s.press('Enter');
    await s.waitUntil(async () => /"tls": \{\s*"key_pem":/.test(await s.editorText()), { message: () => 'key_pem inserted into the tls block' });
    // The syntax errors of the half-typed `{key_pe}` go away once the field is complete.
    await s.waitUntil(async () => (await s.squiggleCount('error')) === 0, { message: 'no error squiggles after accepting key_pem' });
    await shot(s, '02-completion-accepted');
  });

  step('"Convert to base64" from the light bulb turns pasted PEM into base64', { feature: 'code-actions' }, async (s) => {
    await s.openFile('pasted/config.json');
    const before = await s.editorText();
    assert.match(before, /"cert_pem": "-----BEGIN CERTIFICATE-----\\n/);
    // Line 6 is `      "cert_pem": "-----BEGIN CERTIFICATE-----\n...`: put the cursor inside the value.
    await s.gotoLine(6, 25);
    // The light bulb shows in the gutter of the cursor's line; clicking it opens the actions menu.
    const bulb = s.page.locator('.editor-group-container.active .monaco-editor .lightBulbWidget');
    await bulb.waitFor({ state: 'visible' });
    await shot(s, '03-light-bulb');
    await bulb.click();
    const rows = s.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible' });
    const titles = await s.texts('.action-widget .monaco-list-row.action .title');
    await shot(s, '04-light-bulb-menu');
    assert.ok(titles.some((t) => CONVERT.test(t)), `offered: ${JSON.stringify(titles)}`);
    // Apply it from the menu with the keyboard (the rows re-render under the mouse, so clicks flake).
    await s.waitUntil(async () => {
      const focused = await s.texts('.action-widget .monaco-list-row.action.focused .title');
      if (focused.some((t) => CONVERT.test(t))) return true;
      await s.press('ArrowDown');
      return false;
    }, { message: 'the convert action focused in the menu' });
    await s.press('Enter');
    await s.waitFor('.action-widget', { state: 'hidden' });
    // base64("-----BEGIN CERTIFICATE-----") starts with LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t.
    await s.waitUntil(async () => /"cert_pem": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t/.test(await s.editorText()),
      { message: async () => `cert_pem converted to base64 (editor: ${JSON.stringify((await s.editorText()).slice(0, 300))})` });
    assert.doesNotMatch(await s.editorText(), /BEGIN CERTIFICATE-----\\n/);
    // The lens above it now says the value is read as base64, still the same certificate.
    let lenses = [];
    await s.waitUntil(async () => (lenses = await s.codeLensTexts()).some((t) => /^base64 · Expires in \d+ days · .* · CN=realtime\.e2e\.test/.test(t)),
      { message: () => `lens "base64 · Expires in ..." (lenses: ${JSON.stringify(lenses)})` });
    await shot(s, '05-after-convert-to-base64');
  });
});
