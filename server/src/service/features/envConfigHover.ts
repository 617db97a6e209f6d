/**
 * What the environment does to a config's TLS block, for the config's hover: which fields a
 * variable sets or overrides, and which variable could set the field under the cursor.
 */
import * as path from 'node:path';
import type { ConfigModel } from '../model';
import type { BlockField, TlsBlock } from '../model/blocks';
import type { AppliedVariable } from '../env/overlay';
import type { EnvVariable } from '../env/sources';
import { envNameOf } from '../env/names';
import { itemNamesOf } from '../env/overlay';
import { getNodePath } from '../model/tree';

/** `.env:4`, `docker-compose.yml:12`, or `the process environment`. */
export function whereSet(variable: EnvVariable): string {
  return variable.file ? `${path.basename(variable.file)}:${variable.line + 1}` : 'the process environment';
}

export function overrideLine(applied: AppliedVariable): string {
  const verb = applied.replaced ? 'Overridden by' : 'Set by';
  const tail = applied.replaced ? ': the value in this file is not used.' : '.';
  return `${verb} \`${applied.variable.name}\` in ${whereSet(applied.variable)}${tail}`;
}

/** The variable that set this field's value, if one did. */
export function appliedTo(model: ConfigModel, field: BlockField): AppliedVariable | undefined {
  return field.valueNode ? model.env?.nodes.get(field.valueNode) : undefined;
}

/** Markdown lines for a field hover (or a block hover, without `field`). */
export function envHoverSection(model: ConfigModel, block: TlsBlock, field?: BlockField): string | undefined {
  const lines: string[] = [];
  const own = field ? appliedTo(model, field) : undefined;
  if (own) lines.push(`**Environment:** ${overrideLine(own)}`);
  const others = [...block.effective.values()]
    .filter((f) => f !== field)
    .flatMap((f) => {
      const applied = appliedTo(model, f);
      return applied ? [`\`${f.key}\` ← \`${applied.variable.name}\` in ${whereSet(applied.variable)}`] : [];
    });
  if (others.length) lines.push(`From the environment in this block: ${others.join('; ')}.`);
  if (field && !own && field.valueNode) {
    const name = envNameOf(model.version.version, getNodePath(field.valueNode), (arrayPath) => {
      const pattern = arrayPath.slice(0, -1).join('.');
      return itemNamesOf(model.root, pattern)[arrayPath[arrayPath.length - 1] as number];
    });
    if (name) lines.push(`Environment variable: \`${name}\` (it would override this value).`);
  }
  return lines.length ? lines.join('\n\n') : undefined;
}
