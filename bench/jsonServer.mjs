// VS Code's JSON support as a language server for the side-by-side measurement: the same
// vscode-json-languageservice and the same equivalent schema as measure.mjs, served over stdio the
// way VS Code's json-language-features server does (full sync, validation after a 300 ms pause
// following the last change, as its `validationDelayMs`).
import { require } from './lib.mjs';
import { TLS_SCHEMA } from './measure.mjs';

const { createConnection, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const jsonLs = require('vscode-json-languageservice');

const VALIDATION_DELAY_MS = 300;
const SCHEMA_URI = 'bench://schemas/centrifugo-tls.json';
const connection = createConnection(process.stdin, process.stdout);
const documents = new TextDocuments(TextDocument);
const service = jsonLs.getLanguageService({});
service.configure({ validate: true, allowComments: false, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.json'], schema: TLS_SCHEMA }] });
const pending = new Map();

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Full, hoverProvider: true, completionProvider: {} } }));

function schedule(document) {
  clearTimeout(pending.get(document.uri));
  pending.set(document.uri, setTimeout(async () => {
    pending.delete(document.uri);
    const version = document.version;
    const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error' });
    // A newer version has its own timer; like the JSON server, drop results of stale text.
    if (documents.get(document.uri)?.version === version) connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  }, VALIDATION_DELAY_MS));
}

documents.onDidChangeContent((event) => schedule(event.document));
connection.onHover(async ({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  return document ? service.doHover(document, position, service.parseJSONDocument(document)) : null;
});
connection.onCompletion(async ({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  return document ? service.doComplete(document, position, service.parseJSONDocument(document)) : null;
});
documents.listen(connection);
connection.listen();
