/** Text -> Centrifugo config model: tree, syntax problems, recognition, version and TLS blocks. */
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings';
import { findBlocks, type TlsBlock } from './blocks';
import { type ConfigLookup, overlayLookup, treeLookup } from './lookup';
import { parseJson, type SyntaxProblem } from './parse';
import { recognize, type Recognition } from './recognize';
import { detectVersion, type VersionDecision } from './version';

export interface ConfigModel {
  readonly document: TextDocument;
  readonly root: Node | undefined;
  readonly syntaxProblems: readonly SyntaxProblem[];
  readonly recognition: Recognition;
  readonly version: VersionDecision;
  readonly blocks: readonly TlsBlock[];
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
  /** Values Centrifugo applies over the file (environment variables); consulted before the tree. */
  readonly overlay?: ConfigLookup;
}

export function buildModel(document: TextDocument, options: ModelOptions): ConfigModel {
  const { root, problems } = parseJson(document.getText());
  const recognition = recognize(root, options.forced);
  const version = detectVersion(root, options.settings.version);
  const blocks = recognition.isCentrifugo ? findBlocks(root, version.version) : [];
  const tree = treeLookup(root);
  const lookup = options.overlay ? overlayLookup(tree, options.overlay) : tree;
  return { document, root, syntaxProblems: problems, recognition, version, blocks, lookup };
}

export type { BlockField, PathSegment, TlsBlock } from './blocks';
export type { SyntaxProblem } from './parse';
export type { ConfigLookup, LookedUp } from './lookup';
export { loadPlanOf, type BlockPlan, type LoadPlan, type NotLoaded, type ValuePlan } from './loadPlan';
export type { Recognition } from './recognize';
export type { VersionDecision } from './version';
