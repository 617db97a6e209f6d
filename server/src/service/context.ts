/**
 * What a feature needs besides the document: settings, the environment, where the config lives,
 * and the model built once per document version.
 */
import type { MaterialSource, SourceContext } from './materials';
import type { BlockField, TlsBlock } from './model/blocks';

export { baseDirectory, type DocumentContext, resolveAgainst, resolveConfigPath } from './documentContext';

export interface FeatureContext extends SourceContext {
  /** Every certificate source of the document, resolved once and shared by all features. */
  readonly allSources: () => Promise<readonly MaterialSource[]>;
  /** One field's source, without waiting for the rest of the document (hover). */
  readonly sourceOf: (block: TlsBlock, field: BlockField) => Promise<MaterialSource | undefined>;
}
