// A config.yaml in a real VS Code: the YAML document is served like a config.json, with an error
// squiggle on a missing file and the expiry CodeLens above the certificate key.
import assert from 'node:assert/strict';
import { EXTENSION_ID, SERVER_CN, e2eSuite, expiryLensPattern, problemRows, shot } from './fixtures.mjs';

await e2eSuite('formats', {}, ({ step, facts }) => {
  step('config.yaml: missing-file squiggles and an expiry lens', { feature: 'codelens' }, async (s) => {
    await s.openFile('yaml/config.yaml');
    await s.waitForExtensionActivated(EXTENSION_ID);
    const rows = await problemRows(s, (r) => r.filter((t) => t.includes('missing-file')).length === 2, 'two missing-file problems in config.yaml');
    assert.match(rows.find((t) => t.includes('uni-grpc.crt')), /centrifugo\s*missing-file\s*\[Ln 12, Col 15\]$/);
    await s.gotoLine(12, 15);
    await s.waitUntil(async () => (await s.squiggleCount('error')) === 2, { message: '2 error squiggles on the uni_grpc lines' });
    let lenses = [];
    await s.waitUntil(async () => (lenses = await s.codeLensTexts()).some((t) => expiryLensPattern(facts.server, SERVER_CN).test(t)),
      { message: () => `an expiry lens for http_server.tls.cert_pem (lenses: ${JSON.stringify(lenses)})` });
    await shot(s, '01-config-yaml');
  });
});
