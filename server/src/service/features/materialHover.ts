/**
 * The hover section for a certificate-bearing value: how the value will be read. Certificate
 * details are added by the certificate layer once it resolves the material.
 */
import type { FeatureContext } from '../context';
import type { BlockField, TlsBlock } from '../model/blocks';

export async function materialHoverSection(_ctx: FeatureContext, _block: TlsBlock, _field: BlockField): Promise<string | undefined> {
  return undefined;
}
