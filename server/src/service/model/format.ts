/**
 * Which of the three formats a document is written in. Centrifugo picks its decoder by the file's
 * extension (viper getConfigType: viper-lite viper.go:1202, SupportedExts json/toml/yaml/yml); an
 * editor's language id says the same for unsaved documents; stdin is told by the caller.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigFormat } from './tree';

export const CONFIG_FORMATS: readonly ConfigFormat[] = ['json', 'yaml', 'toml'];

const BY_EXTENSION: Readonly<Record<string, ConfigFormat>> = { json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml' };

/** The format an extension (`.yml`, `toml`) means to Centrifugo, or undefined. */
export function formatOfExtension(extension: string): ConfigFormat | undefined {
  return BY_EXTENSION[extension.replace(/^\./, '').toLowerCase()];
}

/** The format of a path or URI by its extension, or undefined for any other extension. */
export function formatOfPath(pathOrUri: string): ConfigFormat | undefined {
  const name = pathOrUri.split(/[/\\]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? formatOfExtension(name.slice(dot + 1)) : undefined;
}

export function formatOfDocument(document: TextDocument, told?: ConfigFormat): ConfigFormat {
  if (told) return told;
  if (document.languageId === 'yaml' || document.languageId === 'toml') return document.languageId;
  return formatOfPath(document.uri) ?? 'json';
}
