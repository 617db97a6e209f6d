/**
 * The dotenv reader against godotenv v1.5.1's parser.go, rule by rule (Centrifugo v6 loads
 * `./.env` with it: internal/app/run.go:46-52@v6.9.1). Each expectation follows the Go code
 * path named in the test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDotenv } from '../../server/src/service/env/dotenv';

function values(text: string): Record<string, string> {
  const parsed = parseDotenv(text);
  assert.equal(parsed.error, undefined, `unexpected error ${JSON.stringify(parsed.error)}`);
  return Object.fromEntries(parsed.values);
}

describe('dotenv: what godotenv v1.5.1 reads', () => {
  it('KEY=value and the YAML-style KEY: value', () => {
    assert.deepEqual(values('A=1\nB: two\nC = three \n'), { A: '1', B: 'two', C: 'three' });
  });

  it('`export ` is dropped; `export` alone is a name; `exportX` is a name', () => {
    assert.deepEqual(values('export A=1\nexport\tB=2\nexport=3\nexportC=4\n'), { A: '1', B: '2', export: '3', exportC: '4' });
  });

  it('comment lines and blank lines are skipped, CRLF is read as LF', () => {
    assert.deepEqual(values('# a comment\r\n\r\n  # indented comment\r\nA=1\r\nB=2'), { A: '1', B: '2' });
  });

  it('an unquoted value ends at the line end; `#` starts a comment only after a space, the last one wins', () => {
    assert.deepEqual(values('A=x#y\nB=x #y\nC=#z\nD=a #b #c\nE=a\t#tab\n'), { A: 'x#y', B: 'x', C: '#z', D: 'a #b', E: 'a' });
  });

  it('unquoted values get no escape processing but do get $VAR expansion from earlier lines', () => {
    assert.deepEqual(values('A=one\nB=a\\nb\nC=${A}-$A\nD=\\$A\nE=$MISSING.\n'), { A: 'one', B: 'a\\nb', C: 'one-one', D: '$A', E: '.' });
  });

  it('expansion reads the file only, never the process environment (parser.go passes its own map)', () => {
    process.env.GODOTENV_TEST_FROM_PROCESS = 'process';
    try {
      assert.deepEqual(values('A=${GODOTENV_TEST_FROM_PROCESS}\n'), { A: '' });
    } finally {
      delete process.env.GODOTENV_TEST_FROM_PROCESS;
    }
  });

  it('lower-case names are not expanded (the regexp allows A-Z0-9_ only)', () => {
    assert.deepEqual(values('a=1\nB=$a${a}\n'), { a: '1', B: '$a${a}' });
  });

  it('single quotes keep the text as written', () => {
    assert.deepEqual(values("A='x\\ny $B # not a comment'\n"), { A: 'x\\ny $B # not a comment' });
  });

  it('double quotes expand \\n and \\r, drop other backslashes, expand variables, and may span lines', () => {
    assert.deepEqual(values('B=b\nA="1\\n2\\r3\\t4 $B \\$B"\nM="line1\nline2"\n'), { B: 'b', A: '1\n2\r3t4 b $B', M: 'line1\nline2' });
  });

  it('a backslash-quoted quote does not close the value; the last quote of the value is trimmed with it', () => {
    // parser.go closes `B="a\""` at its last quote and trims every trailing quote of `"a\"`: `a\` stays.
    assert.deepEqual(values('A="a\\"b"\nB="a\\""\n'), { A: 'a"b', B: 'a\\' });
  });

  it('text after a closing quote on the same line: a comment is fine', () => {
    assert.deepEqual(values('A="x" # note\nB=2\n'), { A: 'x', B: '2' });
  });

  it('empty values and an empty last line', () => {
    assert.deepEqual(values('A=\nB=""\nC=\'\'\nD='), { A: '', B: '', C: '', D: '' });
  });

  it('a name with a dot or inner spaces is accepted as written', () => {
    assert.deepEqual(values('a.b=1\nFOO BAR=2\n'), { 'a.b': '1', 'FOO BAR': '2' });
  });

  it('the last assignment of a name wins', () => {
    assert.deepEqual(values('A=1\nA=2\n'), { A: '2' });
  });

  it('a last line without `=` sets an empty name (and nothing Centrifugo reads)', () => {
    const parsed = parseDotenv('A=1\nTRAILING');
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.entries.map((e) => [e.name, e.value, e.noAssignment ?? false]), [['A', '1', false], ['', 'TRAILING', true]]);
  });

  it('offsets of names and values point into the original text, CRLF included', () => {
    const text = 'X=1\r\nexport CENTRIFUGO_A="v"\r\n';
    const entry = parseDotenv(text).entries[1]!;
    assert.equal(text.slice(entry.nameStart, entry.nameEnd), 'CENTRIFUGO_A');
    assert.equal(text.slice(entry.valueStart, entry.valueEnd), '"v"');
    assert.equal(entry.exported, true);
    assert.equal(entry.quote, 'double');
  });
});

describe('dotenv: what godotenv v1.5.1 refuses (Centrifugo v6 then stops: run.go:49)', () => {
  it('a line without `=` that is not the last', () => {
    const parsed = parseDotenv('A=1\nNOPE\nB=2\n');
    assert.equal(parsed.error?.kind, 'bad-name-character');
    assert.equal(parsed.error?.character, '\n');
    assert.equal(parsed.error?.offset, 8);
    assert.equal(parsed.values.size, 0, 'godotenv loads nothing from a file with an error');
    assert.deepEqual(parsed.entries.map((e) => e.name), ['A'], 'entries before the error stay for the editor');
  });

  it('a dash in a name', () => {
    assert.equal(parseDotenv('MY-VAR=1\n').error?.character, '-');
  });

  it('an unterminated quote', () => {
    const parsed = parseDotenv('A="open\nB=2\n');
    assert.equal(parsed.error?.kind, 'unterminated-quote');
    assert.equal(parsed.error?.offset, 2);
  });

  it('an unquoted multi-line PEM: the second line is read as a name', () => {
    const parsed = parseDotenv('CERT=-----BEGIN CERTIFICATE-----\nMIIB+abc\n-----END CERTIFICATE-----\n');
    assert.equal(parsed.error?.kind, 'bad-name-character');
    assert.equal(parsed.error?.character, '+');
  });

  it('a UTF-8 byte order mark: godotenv judges its bytes as Latin-1 and refuses 0xBB', () => {
    assert.equal(parseDotenv('\ufeffA=1\n').error?.kind, 'bad-name-character');
  });

  it('text after a closing quote that is not a comment', () => {
    assert.equal(parseDotenv('A="x" y\n').error?.kind, 'bad-name-character');
  });
});
