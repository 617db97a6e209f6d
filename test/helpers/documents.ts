/**
 * Builds service requests from inline text. A `|` marks the cursor (use `\|` for a literal bar),
 * the way vscode-json-languageservice's tests do.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { type CentrifugoLanguageService, createLanguageService, type ServiceRequest } from '../../server/src/service';
import type { DocumentContext } from '../../server/src/service/context';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/settings';
import { MemoryEnvironment } from './memoryEnvironment';

export const CONFIG_DIR = '/work/project';
export const CONFIG_PATH = `${CONFIG_DIR}/config.json`;

let versionCounter = 1;

export function makeRequest(text: string, options: { settings?: Partial<Settings>; context?: DocumentContext; uri?: string } = {}): ServiceRequest {
  const uri = options.uri ?? `file://${options.context?.configPath ?? CONFIG_PATH}`;
  const document = TextDocument.create(uri, 'json', versionCounter++, text);
  return {
    document,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    context: options.context ?? { configPath: CONFIG_PATH, workspaceFolder: CONFIG_DIR },
  };
}

/** Splits `text` at the `|` cursor marker. */
export function withCursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0) throw new Error('test document has no | cursor marker');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset };
}

export function cursorRequest(textWithCursor: string, options: Parameters<typeof makeRequest>[1] = {}): { request: ServiceRequest; position: Position } {
  const { text, offset } = withCursor(textWithCursor);
  const request = makeRequest(text, options);
  return { request, position: request.document.positionAt(offset) };
}

export function newService(env: MemoryEnvironment = new MemoryEnvironment()): { service: CentrifugoLanguageService; env: MemoryEnvironment } {
  return { service: createLanguageService(env), env };
}

/** Applies LSP text edits to a text (for code action and completion tests). */
export function applyEdits(text: string, edits: readonly { range: { start: Position; end: Position }; newText: string }[]): string {
  const doc = TextDocument.create('file:///tmp/x.json', 'json', 1, text);
  return TextDocument.applyEdits(doc, edits.map((e) => ({ range: e.range, newText: e.newText })));
}
