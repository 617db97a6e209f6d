// @ts-check
// Lint guards the architecture (docs in CONTRIBUTING.md, "Layers the linter enforces"):
//   - no import cycles anywhere;
//   - server/src/service/** is a pure language service: no editor, no LSP connection, no
//     protocol.ts, no file system, no process state (working directory, environment);
//   - the CLI, the LSP glue and the client reach the service only through its facade
//     (server/src/service/index.ts).
// Style rules are the ones the code already follows, so that five people editing at once never
// get a reformatting diff; .editorconfig says the same for editors.
// Not type-aware (no parserOptions.project): it stays a few seconds for the whole repository.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import layers from './scripts/lint/importCycles.mjs';

/** Things the pure service must not import, with the reason shown to whoever tries. */
const SERVICE_FORBIDDEN_PATHS = [
  { name: 'vscode', message: 'The service is editor-neutral: the client talks to VS Code.' },
  { name: 'vscode-languageclient', message: 'The service is editor-neutral: the client talks to VS Code.' },
  { name: 'vscode-languageclient/node', message: 'The service is editor-neutral: the client talks to VS Code.' },
  { name: 'vscode-languageserver', message: 'The LSP connection belongs to server.ts; the service returns plain LSP types (vscode-languageserver-types).' },
  { name: 'vscode-languageserver/node', message: 'The LSP connection belongs to server.ts; the service returns plain LSP types (vscode-languageserver-types).' },
  { name: 'vscode-languageserver-protocol', message: 'Use vscode-languageserver-types: the service knows no wire protocol.' },
  ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
    name, message: 'The service reads files through its injected ServiceEnvironment (readFile, stat), so tests can inject them.',
  })),
  ...['child_process', 'node:child_process'].map((name) => ({ name, message: 'The service runs no processes.' })),
];

const SERVICE_FORBIDDEN_PATTERNS = [
  { regex: '(^|/)protocol$', message: 'protocol.ts is the client/server wire contract; the service does not know it.' },
  { regex: '^\\.\\./(\\.\\./)*(server|cli|nodeEnvironment|cli/.*)$', message: 'The service does not import the code that drives it.' },
];

/** Reading the working directory or the process's state makes the service depend on where it runs. */
const SERVICE_FORBIDDEN_SYNTAX = [
  {
    selector: "CallExpression[callee.object.name='path'][callee.property.name='resolve']",
    message: 'path.resolve falls back to the working directory; join onto an absolute base from DocumentContext (path.join, path.normalize).',
  },
  { selector: "CallExpression[callee.property.name='cwd']", message: 'The service gets its folders from DocumentContext, never from the working directory.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The service reads the clock through env.now(), so tests control time.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The service reads the clock through env.now(), so tests control time.' },
];

/** Outside the service, only the facade is imported; deep imports tie callers to its inside. */
const FACADE_ONLY = {
  group: ['**/service/*', '**/service/**', '!**/service/index'],
  message: 'Import the language service through its facade (server/src/service, i.e. index.ts).',
};

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', '.e2e/**', 'test-results/**', '*.vsix', 'test/lint-fixtures/**'],
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX, layers },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', clearImmediate: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly',
        performance: 'readonly', crypto: 'readonly', globalThis: 'readonly', __dirname: 'readonly', __filename: 'readonly',
        require: 'readonly', module: 'writable', NodeJS: 'readonly', fetch: 'readonly',
      },
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json', '.d.ts'] })],
    },
    rules: {
      // import-x/no-cycle ignores `import type`; this one counts every import (scripts/lint/importCycles.mjs).
      'layers/no-import-cycle': 'error',
      'import-x/no-self-import': 'error',
      // Style the code already follows (no reformatting of code others are editing).
      'eol-last': 'error',
      'no-trailing-spaces': 'error',
      'no-control-regex': 'off', // ANSI escapes are matched on purpose (CLI colours)
      'no-tabs': 'error',
      'semi': ['error', 'always'],
      'quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: true }],
      'no-var': 'error',
      'prefer-const': 'error',
      'eqeqeq': ['error', 'always', { null: 'ignore' }],
      // The type checker (strict, noUnused*) already says these, with better precision.
      '@typescript-eslint/no-unused-vars': 'off',
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      // Reports a first value that a later branch overwrites; the code reads better with it.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Tests look at parsed output from outside (CLI JSON, SARIF) the way a consumer would.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: SERVICE_FORBIDDEN_PATHS, patterns: SERVICE_FORBIDDEN_PATTERNS }],
      'no-restricted-syntax': ['error', ...SERVICE_FORBIDDEN_SYNTAX],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The service is handed what it needs (DocumentContext, ServiceEnvironment); it does not read the process.' },
        { name: '__dirname', message: 'The service does not know where it is installed.' }],
    },
  },
  {
    files: ['server/src/cli/**/*.ts', 'server/src/cli.ts', 'server/src/server.ts', 'server/src/nodeEnvironment.ts', 'client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [FACADE_ONLY] }],
    },
  },
);
