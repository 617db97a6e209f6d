// Lint fixture (test/unit/lint.test.ts), linted as server/src/service/forbidden.ts: each line
// reaches for something the pure language service may not use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { Commands } from '../protocol';

export const here = path.resolve('.');
export const cwd = process.cwd();
export const text = fs.readFileSync('config.json', 'utf8');
export const connection = createConnection;
export const command = Commands.showOutput;
