/**
 * TextMate grammar tests for syntaxes/pem.tmLanguage.json and
 * syntaxes/pem-in-json.injection.tmLanguage.json.
 *
 * Tokenizes the fixtures in test/fixtures/pem with vscode-textmate + vscode-oniguruma
 * (the same engine VS Code uses) and asserts scopes. The JSON/JSONC grammars for the
 * injection test are VS Code's own (extensions/json/syntaxes), shipped by the
 * `tm-grammars` package.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

// out/test/unit -> repo root
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SYNTAXES = path.join(ROOT, 'syntaxes');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'pem');

const PEM_SCOPE = 'source.pem';
const INJECTION_SCOPE = 'text.pem.injection.centrifugo';
const INJECT_TO = ['source.json', 'source.json.comments'];

const GRAMMAR_FILES: Record<string, string> = {
  [PEM_SCOPE]: path.join(SYNTAXES, 'pem.tmLanguage.json'),
  [INJECTION_SCOPE]: path.join(SYNTAXES, 'pem-in-json.injection.tmLanguage.json'),
  'source.json': require.resolve('tm-grammars/grammars/json.json'),
  'source.json.comments': require.resolve('tm-grammars/grammars/jsonc.json'),
};

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Rule stack depth after this line (1 = top level of the grammar). */
  readonly depthAfter: number;
}

// ---------------------------------------------------------------------------
// Grammar loading
// ---------------------------------------------------------------------------

async function createRegistry(): Promise<vsctm.Registry> {
  const wasmPath = path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm');
  const wasm = fs.readFileSync(wasmPath);
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const onigLib: vsctm.IOnigLib = {
    createOnigScanner: (sources: string[]) => oniguruma.createOnigScanner(sources),
    createOnigString: (str: string) => oniguruma.createOnigString(str),
  };
  return new vsctm.Registry({
    onigLib: Promise.resolve(onigLib),
    loadGrammar: async (scopeName: string) => {
      const file = GRAMMAR_FILES[scopeName];
      if (!file) {
        return null;
      }
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    // What package.json's `injectTo` does inside VS Code.
    getInjections: (scopeName: string) => (INJECT_TO.includes(scopeName) ? [INJECTION_SCOPE] : undefined),
  });
}

const grammars = new Map<string, vsctm.IGrammar>();

function grammar(scopeName: string): vsctm.IGrammar {
  const g = grammars.get(scopeName);
  assert.ok(g, `grammar ${scopeName} not loaded`);
  return g;
}

before(async () => {
  const registry = await createRegistry();
  for (const scopeName of [PEM_SCOPE, 'source.json', 'source.json.comments']) {
    const g = await registry.loadGrammar(scopeName);
    assert.ok(g, `could not load ${scopeName}`);
    grammars.set(scopeName, g);
  }
});

// ---------------------------------------------------------------------------
// Tokenizing and assertion helpers
// ---------------------------------------------------------------------------

function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function tokenize(scopeName: string, text: string): TokenizedLine[] {
  const g = grammar(scopeName);
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  let state: vsctm.StateStack = vsctm.INITIAL;
  return lines.map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return {
      text: line,
      tokens: result.tokens.map((t) => ({
        text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)),
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        scopes: t.scopes,
      })),
      depthAfter: state.depth,
    };
  });
}

/** TextMate selector semantics: `scope` matches `wanted` or `wanted.*`. */
function scopeMatches(scope: string, wanted: string): boolean {
  return scope === wanted || scope.startsWith(wanted + '.');
}

function hasScope(scopes: readonly string[], wanted: string): boolean {
  return scopes.some((s) => scopeMatches(s, wanted));
}

function countScope(scopes: readonly string[], wanted: string): number {
  return scopes.filter((s) => scopeMatches(s, wanted)).length;
}

function dumpLine(line: TokenizedLine): string {
  return [
    JSON.stringify(line.text),
    ...line.tokens.map((t) => `  [${t.start},${t.end}) ${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`),
  ].join('\n');
}

/** Tokens overlapping the `occurrence`-th occurrence of `needle` on `line`. */
function tokensOf(line: TokenizedLine, needle: string, occurrence = 0): Token[] {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = line.text.indexOf(needle, index + 1);
    assert.notEqual(index, -1, `${JSON.stringify(needle)} (#${occurrence}) not found in\n${dumpLine(line)}`);
  }
  const end = index + needle.length;
  return line.tokens.filter((t) => t.start < end && t.end > index);
}

/** Every token covering `needle` carries `scope`. */
function assertScope(line: TokenizedLine, needle: string, scope: string, occurrence = 0): void {
  for (const t of tokensOf(line, needle, occurrence)) {
    assert.ok(hasScope(t.scopes, scope), `${JSON.stringify(needle)}: token ${JSON.stringify(t.text)} lacks ${scope}\n${dumpLine(line)}`);
  }
}

function assertNoScope(line: TokenizedLine, needle: string, scope: string, occurrence = 0): void {
  for (const t of tokensOf(line, needle, occurrence)) {
    assert.ok(!hasScope(t.scopes, scope), `${JSON.stringify(needle)}: token ${JSON.stringify(t.text)} unexpectedly has ${scope}\n${dumpLine(line)}`);
  }
}

/** The needle is exactly one token (its boundaries are token boundaries). */
function assertSingleToken(line: TokenizedLine, needle: string, occurrence = 0): Token {
  const toks = tokensOf(line, needle, occurrence);
  assert.equal(toks.length, 1, `${JSON.stringify(needle)} should be one token\n${dumpLine(line)}`);
  const tok = toks[0]!;
  assert.equal(tok.text, needle, `${JSON.stringify(needle)} should be one token\n${dumpLine(line)}`);
  return tok;
}

function lineIndexes(lines: readonly TokenizedLine[], pred: (text: string) => boolean): number[] {
  return lines.flatMap((l, i) => (pred(l.text) ? [i] : []));
}

function lineAt(lines: readonly TokenizedLine[], index: number): TokenizedLine {
  const line = lines[index];
  assert.ok(line, `no line ${index}`);
  return line;
}

function firstLine(lines: readonly TokenizedLine[], pred: (text: string) => boolean): TokenizedLine {
  const found = lines.find((l) => pred(l.text));
  assert.ok(found, 'line not found');
  return found;
}

function assertBeginArmor(line: TokenizedLine, label: string): void {
  assert.ok(line.text.startsWith('-----BEGIN '), line.text);
  assertScope(line, line.text, 'meta.block.pem');
  assertScope(line, line.text, 'meta.armor.begin.pem');
  assert.ok(hasScope(assertSingleToken(line, 'BEGIN').scopes, 'keyword.control.begin.pem'), dumpLine(line));
  assert.ok(hasScope(assertSingleToken(line, label).scopes, 'entity.name.type.label.pem'), dumpLine(line));
  assert.ok(hasScope(assertSingleToken(line, '-----', 0).scopes, 'punctuation.definition.armor.pem'), dumpLine(line));
  assert.ok(hasScope(assertSingleToken(line, '-----', 1).scopes, 'punctuation.definition.armor.pem'), dumpLine(line));
  assertNoScope(line, line.text, 'invalid.illegal');
}

function assertEndArmor(line: TokenizedLine, label: string): void {
  assert.ok(line.text.startsWith('-----END '), line.text);
  assertScope(line, line.text, 'meta.block.pem');
  assertScope(line, line.text, 'meta.armor.end.pem');
  assert.ok(hasScope(assertSingleToken(line, 'END').scopes, 'keyword.control.end.pem'), dumpLine(line));
  assert.ok(hasScope(assertSingleToken(line, label).scopes, 'entity.name.type.label.pem'), dumpLine(line));
  assert.ok(hasScope(assertSingleToken(line, '-----', 0).scopes, 'punctuation.definition.armor.pem'), dumpLine(line));
  assert.ok(hasScope(assertSingleToken(line, '-----', 1).scopes, 'punctuation.definition.armor.pem'), dumpLine(line));
  assertNoScope(line, line.text, 'invalid.illegal');
}

function assertBase64Line(line: TokenizedLine): void {
  for (const t of line.tokens) {
    if (t.text.trim() === '') {
      continue;
    }
    assert.ok(hasScope(t.scopes, 'string.unquoted.base64.pem'), `body token ${JSON.stringify(t.text)} is not base64\n${dumpLine(line)}`);
    assert.ok(hasScope(t.scopes, 'meta.block.pem'), dumpLine(line));
    assert.ok(!hasScope(t.scopes, 'invalid.illegal'), dumpLine(line));
  }
}

function assertComment(line: TokenizedLine): void {
  for (const t of line.tokens) {
    if (t.text.trim() === '') {
      continue;
    }
    assert.ok(hasScope(t.scopes, 'comment.line.pem'), `token ${JSON.stringify(t.text)} is not a comment\n${dumpLine(line)}`);
    assert.ok(!hasScope(t.scopes, 'meta.block.pem'), dumpLine(line));
  }
}

const VALID_FIXTURES = [
  'chain.pem',
  'legacy-encrypted.key',
  'pkcs8-encrypted.key',
  'text-dump.crt',
  'request.csr',
  'bag-attributes.pem',
];

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('PEM grammar (source.pem)', () => {
  test('grammar files declare the expected scope names; folding markers bracket each block', () => {
    const pem = JSON.parse(fs.readFileSync(GRAMMAR_FILES[PEM_SCOPE]!, 'utf8')) as { scopeName: string };
    assert.equal(pem.scopeName, PEM_SCOPE);
    const injection = JSON.parse(fs.readFileSync(GRAMMAR_FILES[INJECTION_SCOPE]!, 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    assert.equal(injection.scopeName, INJECTION_SCOPE);
    assert.equal(injection.injectionSelector, 'L:string.quoted.double.json');

    const config = JSON.parse(fs.readFileSync(path.join(SYNTAXES, 'pem.language-configuration.json'), 'utf8')) as {
      folding: { markers: { start: string; end: string } };
      wordPattern: string;
    };
    // VS Code compiles these as JavaScript regular expressions.
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    const word = new RegExp(config.wordPattern, 'g');
    for (const name of [...VALID_FIXTURES, 'stray-end.pem', 'invalid-body.pem']) {
      const lines = readFixture(name).split(/\r?\n/);
      const starts = lines.filter((l) => start.test(l));
      const ends = lines.filter((l) => end.test(l));
      assert.deepEqual(starts, lines.filter((l) => l.startsWith('-----BEGIN ')), name);
      assert.deepEqual(ends, lines.filter((l) => l.startsWith('-----END ')), name);
    }
    assert.deepEqual('MIIB+x/y== AES-256-CBC,9D0C Proc-Type'.match(word), ['MIIB+x/y==', 'AES-256-CBC', '9D0C', 'Proc-Type']);
  });

  test('chain.pem: each of the three certificates is its own block that begins and ends', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('chain.pem'));
    const begins = lineIndexes(lines, (t) => t.startsWith('-----BEGIN'));
    const ends = lineIndexes(lines, (t) => t.startsWith('-----END'));
    assert.equal(begins.length, 3);
    assert.equal(ends.length, 3);
    assert.equal(lineAt(lines, 0).depthAfter, 2, 'BEGIN opens a region');

    for (let b = 0; b < 3; b++) {
      const begin = begins[b]!;
      const end = ends[b]!;
      assert.ok(begin < end && (b === 0 || ends[b - 1]! < begin), 'blocks interleave');
      assertBeginArmor(lineAt(lines, begin), 'CERTIFICATE');
      assertEndArmor(lineAt(lines, end), 'CERTIFICATE');
      // Opened by its own BEGIN, closed by its own END: inside depth 2, back to top level after END.
      assert.equal(lineAt(lines, begin).depthAfter, 2, `block ${b} opened`);
      assert.equal(lineAt(lines, end).depthAfter, 1, `block ${b} closed by its END line`);
      for (let i = begin; i <= end; i++) {
        const line = lineAt(lines, i);
        for (const t of line.tokens) {
          assert.equal(countScope(t.scopes, 'meta.block.pem'), 1, `line ${i} is in exactly one block\n${dumpLine(line)}`);
        }
        if (i > begin && i < end) {
          assert.equal(line.depthAfter, 2, `line ${i} stays inside block ${b}`);
        }
      }
    }
  });

  test('certificate body lines are base64, padding included', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('chain.pem'));
    const body = lines.filter((l) => !l.text.startsWith('-----'));
    assert.ok(body.length > 10);
    for (const line of body) {
      assertBase64Line(line);
    }
    const padded = body.filter((l) => l.text.endsWith('='));
    assert.ok(padded.length > 0, 'chain.pem has a padded last line');
    for (const line of padded) {
      const padding = /=+$/.exec(line.text)![0];
      const tok = line.tokens[line.tokens.length - 1]!;
      assert.equal(tok.text, padding, dumpLine(line));
      assert.ok(hasScope(tok.scopes, 'punctuation.definition.padding.base64.pem'), dumpLine(line));
      assert.ok(hasScope(tok.scopes, 'string.unquoted.base64.pem'), dumpLine(line));
    }
  });

  test('valid fixtures produce no invalid.illegal tokens', () => {
    for (const name of VALID_FIXTURES) {
      for (const line of tokenize(PEM_SCOPE, readFixture(name))) {
        for (const t of line.tokens) {
          assert.ok(!hasScope(t.scopes, 'invalid'), `${name}: ${dumpLine(line)}`);
        }
      }
    }
  });

  test('legacy encrypted key: Proc-Type and DEK-Info headers, then the body', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('legacy-encrypted.key'));
    assertBeginArmor(lineAt(lines, 0), 'RSA PRIVATE KEY');
    assertEndArmor(lineAt(lines, lines.length - 1), 'RSA PRIVATE KEY');

    const procType = lineAt(lines, 1);
    assert.equal(procType.text, 'Proc-Type: 4,ENCRYPTED');
    assertScope(procType, procType.text, 'meta.block.pem');
    assertScope(procType, procType.text, 'meta.headers.pem');
    assert.ok(hasScope(assertSingleToken(procType, 'Proc-Type').scopes, 'support.type.property-name.header.pem'));
    assert.ok(hasScope(assertSingleToken(procType, ':').scopes, 'punctuation.separator.key-value.pem'));
    assertScope(procType, '4,ENCRYPTED', 'string.unquoted.header-value.pem');
    assert.ok(hasScope(assertSingleToken(procType, '4').scopes, 'constant.numeric.proc-type.version.pem'));
    assert.ok(hasScope(assertSingleToken(procType, ',').scopes, 'punctuation.separator.comma.pem'));
    assert.ok(hasScope(assertSingleToken(procType, 'ENCRYPTED').scopes, 'constant.language.proc-type.pem'));
    assertNoScope(procType, procType.text, 'string.unquoted.base64.pem');

    const dekInfo = lineAt(lines, 2);
    const match = /^DEK-Info: AES-256-CBC,([0-9A-F]{32})$/.exec(dekInfo.text);
    assert.ok(match, dekInfo.text);
    const iv = match[1]!;
    assertScope(dekInfo, dekInfo.text, 'meta.headers.pem');
    assert.ok(hasScope(assertSingleToken(dekInfo, 'DEK-Info').scopes, 'support.type.property-name.header.pem'));
    assert.ok(hasScope(assertSingleToken(dekInfo, ':').scopes, 'punctuation.separator.key-value.pem'));
    assertScope(dekInfo, `AES-256-CBC,${iv}`, 'string.unquoted.header-value.pem');
    assert.ok(hasScope(assertSingleToken(dekInfo, 'AES-256-CBC').scopes, 'support.constant.cipher.pem'));
    assert.ok(hasScope(assertSingleToken(dekInfo, iv).scopes, 'constant.numeric.hex.iv.pem'));
    assertNoScope(dekInfo, dekInfo.text, 'string.unquoted.base64.pem');

    // The blank line ends the header section; the rest is the encrypted body.
    assert.equal(lineAt(lines, 3).text, '');
    for (const line of lines.slice(4, -1)) {
      assertBase64Line(line);
      assertNoScope(line, line.text, 'meta.headers.pem');
    }
  });

  test('header values: generic headers, continuation lines, malformed DEK-Info IV', () => {
    const lines = tokenize(
      PEM_SCOPE,
      [
        '-----BEGIN PRIVACY-ENHANCED MESSAGE-----',
        'Proc-Type: 4,MIC-ONLY',
        'Content-Domain: RFC822',
        'Originator-Certificate:',
        ' MIIBlTCCAScCAWUwDQYJKoZIhvcNAQECBQAwUTELMAkGA1UEBhMCVVMxIDAeBgNV',
        ' BAoTF1JTQSBEYXRhIFNlY3VyaXR5LCBJbmMuMQ8wDQYDVQQLEwZCZXRhIDExDzAN',
        'DEK-Info: DES-CBC,XYZ',
        '',
        'LLrHB0eJzyhP+/fSStdW8okeEnv47jxe7SJ/iN72ohNcUk2jHEUSoH1nvNSIWL9M',
        '-----END PRIVACY-ENHANCED MESSAGE-----',
      ].join('\n'),
    );
    assertBeginArmor(lineAt(lines, 0), 'PRIVACY-ENHANCED MESSAGE');
    assert.ok(hasScope(assertSingleToken(lineAt(lines, 1), 'MIC-ONLY').scopes, 'constant.language.proc-type.pem'));
    const domain = lineAt(lines, 2);
    assert.ok(hasScope(assertSingleToken(domain, 'Content-Domain').scopes, 'support.type.property-name.header.pem'));
    assert.ok(hasScope(assertSingleToken(domain, 'RFC822').scopes, 'string.unquoted.header-value.pem'));
    for (const i of [4, 5]) {
      const continuation = lineAt(lines, i);
      assertScope(continuation, continuation.text.trim(), 'string.unquoted.header-value.pem');
      assertScope(continuation, continuation.text.trim(), 'meta.headers.pem');
    }
    assert.ok(hasScope(assertSingleToken(lineAt(lines, 6), 'XYZ').scopes, 'invalid.illegal.iv.pem'));
    assertBase64Line(lineAt(lines, 8));
    assertNoScope(lineAt(lines, 8), lineAt(lines, 8).text, 'meta.headers.pem');
    assertEndArmor(lineAt(lines, 9), 'PRIVACY-ENHANCED MESSAGE');
  });

  test('PKCS#8 encrypted key and CSR: labels and bodies', () => {
    const key = tokenize(PEM_SCOPE, readFixture('pkcs8-encrypted.key'));
    assertBeginArmor(lineAt(key, 0), 'ENCRYPTED PRIVATE KEY');
    assertEndArmor(lineAt(key, key.length - 1), 'ENCRYPTED PRIVATE KEY');
    key.slice(1, -1).forEach(assertBase64Line);

    const csr = tokenize(PEM_SCOPE, readFixture('request.csr'));
    assertBeginArmor(lineAt(csr, 0), 'CERTIFICATE REQUEST');
    assertEndArmor(lineAt(csr, csr.length - 1), 'CERTIFICATE REQUEST');
    csr.slice(1, -1).forEach(assertBase64Line);
  });

  test('openssl x509 -text dump before the block is scoped as comment', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('text-dump.crt'));
    const begin = lines.findIndex((l) => l.text.startsWith('-----BEGIN'));
    assert.ok(begin > 10, 'text dump precedes the block');
    assert.equal(lineAt(lines, 0).text, 'Certificate:');
    assert.equal(lineAt(lines, 1).text, '    Data:');
    for (const line of lines.slice(0, begin)) {
      assertComment(line);
      assert.equal(line.depthAfter, 1, dumpLine(line));
    }
    // Text that looks like a header or like base64 is still a comment outside a block.
    assertScope(firstLine(lines, (t) => t.includes('Signature Algorithm:')), 'Signature Algorithm', 'comment.line.pem');
    assertBeginArmor(lineAt(lines, begin), 'CERTIFICATE');
    assertEndArmor(lineAt(lines, lines.length - 1), 'CERTIFICATE');
    lines.slice(begin + 1, -1).forEach(assertBase64Line);
  });

  test('Bag Attributes and subject=/issuer= lines from openssl pkcs12 are comments', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('bag-attributes.pem'));
    assert.equal(lineAt(lines, 0).text, 'Bag Attributes');
    const begin = lines.findIndex((l) => l.text.startsWith('-----BEGIN'));
    assert.ok(begin >= 4);
    lines.slice(0, begin).forEach(assertComment);
    assertScope(firstLine(lines, (t) => t.startsWith('subject=')), 'subject=', 'comment.line.pem');
    assertScope(firstLine(lines, (t) => t.includes('friendlyName:')), 'friendlyName', 'comment.line.pem');
    assertBeginArmor(lineAt(lines, begin), 'CERTIFICATE');
    assertEndArmor(lineAt(lines, lines.length - 1), 'CERTIFICATE');
  });

  test('END without BEGIN is flagged; the block after it still parses', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('stray-end.pem'));
    const ends = lineIndexes(lines, (t) => t.startsWith('-----END'));
    const begins = lineIndexes(lines, (t) => t.startsWith('-----BEGIN'));
    assert.equal(ends.length, 2);
    assert.equal(begins.length, 1);
    const strayIndex = ends[0]!;
    assert.ok(strayIndex < begins[0]!);

    // No block is open before the stray END: the orphaned base64 is explanatory text.
    for (const line of lines.slice(0, strayIndex)) {
      assertComment(line);
    }
    const stray = lineAt(lines, strayIndex);
    assertScope(stray, stray.text, 'invalid.illegal.unmatched-end.pem');
    assertNoScope(stray, stray.text, 'meta.block.pem');
    assert.ok(hasScope(assertSingleToken(stray, 'END').scopes, 'keyword.control.end.pem'), dumpLine(stray));
    assert.ok(hasScope(assertSingleToken(stray, 'CERTIFICATE').scopes, 'entity.name.type.label.pem'), dumpLine(stray));
    assert.equal(stray.depthAfter, 1);

    assertBeginArmor(lineAt(lines, begins[0]!), 'CERTIFICATE');
    assertEndArmor(lineAt(lines, ends[1]!), 'CERTIFICATE');
    lines.slice(begins[0]! + 1, ends[1]!).forEach(assertBase64Line);
  });

  test('invalid characters in the body are flagged, the rest stays base64', () => {
    const lines = tokenize(PEM_SCOPE, readFixture('invalid-body.pem'));
    const flagged = (line: TokenizedLine, needle: string): void => {
      const tok = assertSingleToken(line, needle);
      assert.ok(hasScope(tok.scopes, 'invalid.illegal.character.base64.pem'), dumpLine(line));
      assert.ok(hasScope(tok.scopes, 'meta.block.pem'), dumpLine(line));
    };
    flagged(lineAt(lines, 1), '*');
    flagged(lineAt(lines, 2), '!?');
    flagged(lineAt(lines, 3), '\u00e9');
    flagged(lineAt(lines, 4), '='); // padding in the middle of a line
    for (const i of [1, 2, 3, 4]) {
      const line = lineAt(lines, i);
      const valid = line.tokens.filter((t) => !hasScope(t.scopes, 'invalid'));
      assert.equal(valid.length, 2, dumpLine(line));
      for (const t of valid) {
        assert.ok(hasScope(t.scopes, 'string.unquoted.base64.pem'), dumpLine(line));
      }
    }
    // Untouched lines, end-of-line padding and the armor are fine.
    lines.slice(5, -1).forEach(assertBase64Line);
    assertEndArmor(lineAt(lines, lines.length - 1), 'CERTIFICATE');
    assert.equal(lineAt(lines, lines.length - 1).depthAfter, 1);
  });

  test('mismatched END label and trailing characters are flagged; the block still ends', () => {
    const lines = tokenize(
      PEM_SCOPE,
      [
        '-----BEGIN CERTIFICATE----- trailing',
        'MIIBmTCCAT+gAwIBAgIU',
        '-----END CERTIFICATE REQUEST-----',
        'after',
      ].join('\n'),
    );
    const begin = lineAt(lines, 0);
    assert.ok(hasScope(assertSingleToken(begin, 'CERTIFICATE').scopes, 'entity.name.type.label.pem'));
    assert.ok(hasScope(assertSingleToken(begin, 'trailing').scopes, 'invalid.illegal.trailing-characters.pem'), dumpLine(begin));
    assertBase64Line(lineAt(lines, 1));
    const end = lineAt(lines, 2);
    const label = assertSingleToken(end, 'CERTIFICATE REQUEST');
    assert.ok(hasScope(label.scopes, 'invalid.illegal.mismatched-label.pem'), dumpLine(end));
    assert.ok(hasScope(label.scopes, 'entity.name.type.label.pem'), dumpLine(end));
    assert.ok(hasScope(assertSingleToken(end, 'END').scopes, 'keyword.control.end.pem'), dumpLine(end));
    assert.equal(end.depthAfter, 1);
    assertComment(lineAt(lines, 3));
  });

  test('missing END: the next BEGIN starts a new top-level block instead of nesting', () => {
    const lines = tokenize(
      PEM_SCOPE,
      [
        '-----BEGIN CERTIFICATE-----',
        'MIIBmTCCAT+gAwIBAgIU',
        '-----BEGIN PRIVATE KEY-----',
        'MIGHAgEAMBMGByqGSM49',
        '-----END PRIVATE KEY-----',
        'after',
      ].join('\n'),
    );
    assertBeginArmor(lineAt(lines, 2), 'PRIVATE KEY');
    for (const t of lineAt(lines, 2).tokens) {
      assert.equal(countScope(t.scopes, 'meta.block.pem'), 1, dumpLine(lineAt(lines, 2)));
    }
    assertBase64Line(lineAt(lines, 3));
    assertEndArmor(lineAt(lines, 4), 'PRIVATE KEY');
    assert.equal(lineAt(lines, 4).depthAfter, 1);
    assertComment(lineAt(lines, 5));
  });
});

describe('PEM injection into JSON strings (text.pem.injection.centrifugo)', () => {
  function assertInjectedArmor(line: TokenizedLine, keyword: 'BEGIN' | 'END', label: string, stringScope: string): void {
    const armor = `-----${keyword} ${label}-----`;
    const meta = keyword === 'BEGIN' ? 'meta.armor.begin.pem' : 'meta.armor.end.pem';
    assertScope(line, armor, stringScope);
    assertScope(line, armor, meta);
    const kw = assertSingleToken(line, keyword);
    assert.ok(hasScope(kw.scopes, keyword === 'BEGIN' ? 'keyword.control.begin.pem' : 'keyword.control.end.pem'), dumpLine(line));
    const lbl = assertSingleToken(line, label);
    assert.ok(hasScope(lbl.scopes, 'entity.name.type.label.pem'), dumpLine(line));
    assert.ok(hasScope(lbl.scopes, stringScope), dumpLine(line));
  }

  test('marks armor and label inside a JSON string; \\n stays an escape', () => {
    const lines = tokenize('source.json', readFixture('config-with-pem.json'));
    const certLine = firstLine(lines, (t) => t.includes('"cert_pem"'));
    assertInjectedArmor(certLine, 'BEGIN', 'CERTIFICATE', 'string.quoted.double.json');
    assertInjectedArmor(certLine, 'END', 'CERTIFICATE', 'string.quoted.double.json');

    const escapes = certLine.tokens.filter((t) => t.text === '\\n');
    assert.ok(escapes.length >= 10, dumpLine(certLine));
    for (const t of escapes) {
      assert.ok(hasScope(t.scopes, 'constant.character.escape.json'), dumpLine(certLine));
      assert.ok(hasScope(t.scopes, 'string.quoted.double.json'), dumpLine(certLine));
      assert.ok(!hasScope(t.scopes, 'meta.armor'), dumpLine(certLine));
    }
    // The escape right after the BEGIN armor and the one after END are separate tokens.
    const afterBegin = certLine.text.indexOf('-----BEGIN CERTIFICATE-----') + '-----BEGIN CERTIFICATE-----'.length;
    assert.ok(certLine.tokens.some((t) => t.start === afterBegin && t.text === '\\n'), dumpLine(certLine));

    // The base64 remains plain JSON string content; the string still closes normally.
    assertScope(certLine, 'MIIB', 'string.quoted.double.json');
    assertNoScope(certLine, 'MIIB', 'meta.armor');
    const closing = certLine.tokens[certLine.tokens.length - 1]!;
    assert.ok(hasScope(closing.scopes, 'punctuation.definition.string.end.json') || closing.text === ',', dumpLine(certLine));
    assert.ok(!certLine.tokens.some((t) => hasScope(t.scopes, 'invalid')), dumpLine(certLine));

    // Second PEM value in the same file.
    const caLine = firstLine(lines, (t) => t.includes('"server_ca_pem"'));
    assertInjectedArmor(caLine, 'BEGIN', 'CERTIFICATE', 'string.quoted.double.json');
    assertInjectedArmor(caLine, 'END', 'CERTIFICATE', 'string.quoted.double.json');
    // Property names are not PEM values.
    assertNoScope(caLine, 'server_ca_pem', 'meta.armor');
  });

  test('JSONC: strings are marked, comments and property names are not', () => {
    const lines = tokenize('source.json.comments', readFixture('config-with-pem.jsonc'));
    const certLine = firstLine(lines, (t) => t.includes('"cert_pem"'));
    assertInjectedArmor(certLine, 'BEGIN', 'CERTIFICATE', 'string.quoted.double.json.comments');
    assertInjectedArmor(certLine, 'END', 'CERTIFICATE', 'string.quoted.double.json.comments');
    for (const t of certLine.tokens.filter((tok) => tok.text === '\\n')) {
      assert.ok(hasScope(t.scopes, 'constant.character.escape.json.comments'), dumpLine(certLine));
    }

    const comment = firstLine(lines, (t) => t.trimStart().startsWith('//'));
    assertScope(comment, '-----BEGIN CERTIFICATE-----', 'comment');
    assertNoScope(comment, '-----BEGIN CERTIFICATE-----', 'meta.armor');

    const keyLine = firstLine(lines, (t) => t.includes('"-----BEGIN KEY-----"'));
    assertScope(keyLine, '-----BEGIN KEY-----', 'support.type.property-name.json.comments');
    assertNoScope(keyLine, '-----BEGIN KEY-----', 'meta.armor');
  });

  test('armor inside a string is marked wherever the string sits (arrays, single line)', () => {
    const lines = tokenize(
      'source.json',
      '{"ca": ["-----BEGIN X509 CRL-----\\nAA==\\n-----END X509 CRL-----", "plain -----"]}',
    );
    const line = lineAt(lines, 0);
    assertInjectedArmor(line, 'BEGIN', 'X509 CRL', 'string.quoted.double.json');
    assertInjectedArmor(line, 'END', 'X509 CRL', 'string.quoted.double.json');
    assertNoScope(line, 'plain -----', 'meta.armor');
    assert.ok(!line.tokens.some((t) => hasScope(t.scopes, 'invalid')), dumpLine(line));
  });
});

describe('package.json contributions', () => {
  interface Contributes {
    languages?: Array<{ id: string; extensions?: string[]; configuration?: string }>;
    grammars?: Array<{ language?: string; scopeName: string; path: string; injectTo?: string[] }>;
  }

  test('pem language and grammars point at syntaxes/ (checked once merged into package.json)', (t) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes?: Contributes };
    const contributes = pkg.contributes ?? {};
    const language = contributes.languages?.find((l) => l.id === 'pem');
    if (!language) {
      t.skip('contributes.languages has no "pem" entry yet');
      return;
    }
    for (const ext of ['.pem', '.crt', '.cer', '.key', '.csr', '.ca-bundle']) {
      assert.ok(language.extensions?.includes(ext), `pem language lacks ${ext}`);
    }
    assert.ok(language.configuration, 'pem language has no configuration');
    assert.ok(fs.existsSync(path.join(ROOT, language.configuration)), language.configuration);

    const grammarsByScope = new Map((contributes.grammars ?? []).map((g) => [g.scopeName, g]));
    const pemGrammar = grammarsByScope.get(PEM_SCOPE);
    assert.ok(pemGrammar, 'no grammar contribution for source.pem');
    assert.equal(pemGrammar.language, 'pem');
    assert.equal(path.resolve(ROOT, pemGrammar.path), GRAMMAR_FILES[PEM_SCOPE]);

    const injection = grammarsByScope.get(INJECTION_SCOPE);
    assert.ok(injection, `no grammar contribution for ${INJECTION_SCOPE}`);
    assert.equal(path.resolve(ROOT, injection.path), GRAMMAR_FILES[INJECTION_SCOPE]);
    assert.deepEqual([...(injection.injectTo ?? [])].sort(), [...INJECT_TO].sort());
  });
});

// ---------------------------------------------------------------------------
// TOML (our grammar) and YAML (VS Code's grammar + our injection): PEM armor inside strings
// ---------------------------------------------------------------------------

describe('PEM inside TOML and YAML strings', () => {
  const YAML_INJECTION = 'text.pem.injection.yaml.centrifugo';
  const files: Record<string, string> = {
    'source.toml': path.join(SYNTAXES, 'toml.tmLanguage.json'),
    'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
    [YAML_INJECTION]: path.join(SYNTAXES, 'pem-in-yaml.injection.tmLanguage.json'),
  };
  const loaded = new Map<string, vsctm.IGrammar>();

  before(async () => {
    const base = await createRegistry();
    void base; // loads oniguruma once
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => oniguruma.createOnigScanner(sources),
        createOnigString: (str: string) => oniguruma.createOnigString(str),
      }),
      loadGrammar: async (scopeName: string) => (files[scopeName] ? vsctm.parseRawGrammar(fs.readFileSync(files[scopeName], 'utf8'), files[scopeName]) : null),
      getInjections: (scopeName: string) => (scopeName === 'source.yaml' ? [YAML_INJECTION] : undefined),
    });
    for (const scope of ['source.toml', 'source.yaml']) loaded.set(scope, (await registry.loadGrammar(scope)) as vsctm.IGrammar);
  });

  function scopesOf(scope: string, text: string, needle: string): string[] {
    const g = loaded.get(scope) as vsctm.IGrammar;
    let state: vsctm.StateStack = vsctm.INITIAL;
    for (const line of text.split('\n')) {
      const result = g.tokenizeLine(line, state);
      state = result.ruleStack;
      const token = result.tokens.find((t) => line.slice(t.startIndex, t.endIndex) === needle);
      if (token) return token.scopes;
    }
    return [];
  }

  test('TOML: tables, keys, and PEM armor in a multi-line string', () => {
    const text = '# TLS\n[http_server.tls]\nenabled = true\ncert_pem = """\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"""\n[[proxies]]\nname = "a"\n';
    assert.ok(scopesOf('source.toml', text, 'http_server.tls').includes('entity.name.section.table.toml'));
    assert.ok(scopesOf('source.toml', text, 'proxies').includes('entity.name.section.table.array.toml'));
    assert.ok(scopesOf('source.toml', text, 'cert_pem').includes('support.type.property-name.toml'));
    assert.ok(scopesOf('source.toml', text, 'true').includes('constant.language.boolean.toml'));
    const begin = scopesOf('source.toml', text, 'BEGIN');
    assert.ok(begin.includes('keyword.control.begin.pem') && begin.includes('string.quoted.triple.basic.toml'), begin.join(' '));
    assert.ok(scopesOf('source.toml', text, 'END').includes('keyword.control.end.pem'));
    assert.ok(scopesOf('source.toml', text, 'a').includes('string.quoted.double.basic.toml'));
  });

  test('YAML: PEM armor in a block scalar and in a quoted string', () => {
    const text = 'http_server:\n  tls:\n    cert_pem: |\n      -----BEGIN CERTIFICATE-----\n      MIIB\n      -----END CERTIFICATE-----\n    key_pem: "-----BEGIN PRIVATE KEY-----\\nAA\\n-----END PRIVATE KEY-----\\n"\n';
    const begin = scopesOf('source.yaml', text, 'BEGIN');
    assert.ok(begin.includes('keyword.control.begin.pem') && begin.includes('string.unquoted.block.yaml'), begin.join(' '));
    assert.ok(scopesOf('source.yaml', text, 'PRIVATE KEY').includes('entity.name.type.label.pem'));
  });
});
