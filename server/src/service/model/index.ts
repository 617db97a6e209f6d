/** Text -> Centrifugo config model: tree, syntax problems, recognition, version and TLS blocks. */
import { formatOfDocument } from './format';
import { parseToml } from './tomlTree';
import type { ConfigFormat, ConfigTree, Node } from './tree';
import { parseYaml } from './yamlTree';
import type { YamlDecoder } from './yamlScalars';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings';
import { findBlocks, type TlsBlock } from './blocks';
import { type ConfigLookup, overlayLookup, treeLookup } from './lookup';
import { parseJson, type SyntaxProblem } from './parse';
import { quickTopLevelKeys } from './quickKeys';
import { patchJsonScalar } from './treePatch';
import { recognize, recognizeKeys, type Recognition } from './recognize';
import { detectVersion, type VersionDecision } from './version';
import { applyEnvOverlay, envLookup, type EnvOverlay } from '../env/overlay';
import type { EnvVariable } from '../env/sources';

export interface ConfigModel {
  readonly document: TextDocument;
  readonly root: Node | undefined;
  /** The format-neutral tree: its format, and conversions the loader makes. */
  readonly tree: ConfigTree;
  readonly syntaxProblems: readonly SyntaxProblem[];
  readonly recognition: Recognition;
  readonly version: VersionDecision;
  readonly blocks: readonly TlsBlock[];
  /** The environment applied to the tree (v6 applies it after the file); undefined when none was given. */
  readonly env?: EnvOverlay;
  /**
   * How the load plan reads switches and values (model/loadPlan.ts): the file's tree, with
   * `ModelOptions.overlay` (e.g. CENTRIFUGO_* variables) applied over it.
   */
  readonly lookup: ConfigLookup;
}

export interface ModelOptions {
  readonly settings: Settings;
  /** The user listed this file in `centrifugo.files`. */
  readonly forced: boolean;
  /** The format when the caller knows it (stdin); else from the language id or the extension. */
  readonly format?: ConfigFormat;
  /** Variables of the env sources that belong to this config, highest precedence first, one per name. */
  readonly env?: readonly EnvVariable[];
  /** Values Centrifugo applies over the file (environment variables); consulted before the tree. */
  readonly overlay?: ConfigLookup;
  /**
   * An earlier version of this document was recognized: skip the quick scan that turns other
   * programs' files away (a tokenization of the whole text per edit) and decide from the tree.
   */
  readonly recognizedBefore?: boolean;
  /**
   * The previous version of this document, given up by its owner: when the edit stays inside one
   * JSON value its tree is patched instead of parsing the whole text again (treePatch.ts). Never
   * a tree the environment wrote into.
   */
  readonly previous?: { readonly text: string; readonly tree: ConfigTree };
}

function parseConfig(text: string, format: ConfigFormat, decoder: YamlDecoder): ConfigTree {
  if (format === 'yaml') return parseYaml(text, decoder);
  if (format === 'toml') return parseToml(text);
  return parseJson(text);
}

export function buildModel(document: TextDocument, options: ModelOptions): ConfigModel {
  const format = formatOfDocument(document, options.format);
  const text = document.getText();
  if (format === 'json' && !options.forced && !options.recognizedBefore) {
    // Someone else's config.json costs a scan, not a model: every feature stops at recognition.
    const quick = recognizeKeys(quickTopLevelKeys(text), false);
    if (!quick.isCentrifugo) return unrecognizedModel(document, quick, options);
  }
  let tree = reusedTree(text, format, options) ?? parseConfig(text, format, 'yaml.v3');
  const version = detectVersion(tree.root, options.settings.version);
  // v5 reads YAML with yaml.v2, whose scalars differ (`on` is true): read it again as v5 does.
  if (format === 'yaml' && version.version === 'v5') tree = parseConfig(text, format, 'yaml.v2');
  const { root, problems } = tree;
  const recognition = recognize(root, options.forced);
  // Recognition and version come from the file's own keys; the environment only changes values.
  const env = options.env?.length && recognition.isCentrifugo ? applyEnvOverlay(root, version.version, options.env) : undefined;
  const blocks = recognition.isCentrifugo ? findBlocks(root, version.version) : [];
  const fromTree = treeLookup(root);
  // The tree already holds the variables' values; the overlay says they come from the environment.
  const overlay = env ? envLookup(env) : options.overlay;
  const lookup = overlay ? overlayLookup(fromTree, overlay) : fromTree;
  return { document, root, tree, syntaxProblems: problems, recognition, version, blocks, lookup, ...(env ? { env } : {}) };
}

/** The previous tree, patched to `text`, when that is certain to equal a fresh parse. */
function reusedTree(text: string, format: ConfigFormat, options: ModelOptions): ConfigTree | undefined {
  const previous = options.previous;
  if (format !== 'json' || !previous || options.env?.length) return undefined;
  return patchJsonScalar(previous.tree, previous.text, text) ? previous.tree : undefined;
}

/** The model of a document that is not a Centrifugo config: no tree, nothing for features to do. */
function unrecognizedModel(document: TextDocument, recognition: Recognition, options: ModelOptions): ConfigModel {
  const tree = parseJson('');
  return {
    document, root: undefined, tree, syntaxProblems: [], recognition,
    version: detectVersion(undefined, options.settings.version), blocks: [], lookup: treeLookup(undefined),
  };
}

export type { BlockField, PathSegment, TlsBlock } from './blocks';
export type { SyntaxProblem } from './parse';
export type { ConfigLookup, LookedUp } from './lookup';
export { loadPlanOf, type BlockPlan, type LoadPlan, type NotLoaded, type ValuePlan } from './loadPlan';
export type { ConfigFormat, ConfigNode, ConfigTree } from './tree';
export type { Recognition } from './recognize';
export type { VersionDecision } from './version';
