/** Text -> Centrifugo config model: tree, syntax problems, recognition, version and TLS blocks. */
import { formatOfDocument } from './format';
import { parseToml } from './tomlTree';
import type { ConfigFormat, ConfigTree, Node } from './tree';
import { parseYaml } from './yamlTree';
import type { YamlDecoder } from './yamlScalars';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings';
import { findBlocks, type TlsBlock } from './blocks';
import { parseJson, type SyntaxProblem } from './parse';
import { recognize, type Recognition } from './recognize';
import { detectVersion, type VersionDecision } from './version';

export interface ConfigModel {
  readonly document: TextDocument;
  readonly root: Node | undefined;
  /** The format-neutral tree: its format, and conversions the loader makes. */
  readonly tree: ConfigTree;
  readonly syntaxProblems: readonly SyntaxProblem[];
  readonly recognition: Recognition;
  readonly version: VersionDecision;
  readonly blocks: readonly TlsBlock[];
}

export interface ModelOptions {
  readonly settings: Settings;
  /** The user listed this file in `centrifugo.files`. */
  readonly forced: boolean;
  /** The format when the caller knows it (stdin); else from the language id or the extension. */
  readonly format?: ConfigFormat;
}

function parseConfig(text: string, format: ConfigFormat, decoder: YamlDecoder): ConfigTree {
  if (format === 'yaml') return parseYaml(text, decoder);
  if (format === 'toml') return parseToml(text);
  return parseJson(text);
}

export function buildModel(document: TextDocument, options: ModelOptions): ConfigModel {
  const format = formatOfDocument(document, options.format);
  const text = document.getText();
  let tree = parseConfig(text, format, 'yaml.v3');
  const version = detectVersion(tree.root, options.settings.version);
  // v5 reads YAML with yaml.v2, whose scalars differ (`on` is true): read it again as v5 does.
  if (format === 'yaml' && version.version === 'v5') tree = parseConfig(text, format, 'yaml.v2');
  const { root, problems } = tree;
  const recognition = recognize(root, options.forced);
  const blocks = recognition.isCentrifugo ? findBlocks(root, version.version) : [];
  return { document, root, tree, syntaxProblems: problems, recognition, version, blocks };
}

export type { BlockField, PathSegment, TlsBlock } from './blocks';
export type { SyntaxProblem } from './parse';
export type { ConfigFormat, ConfigNode, ConfigTree } from './tree';
export type { Recognition } from './recognize';
export type { VersionDecision } from './version';
