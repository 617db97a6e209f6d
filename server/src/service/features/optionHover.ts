/**
 * Hover on any key of the config that is not part of a TLS block (those get the deeper TLS
 * hover): type, default, environment variable, the release that introduced it, the sections it
 * belongs to, our one-line description and the version's configuration page. v5 keys name where
 * they went in v6.
 */
import type { Hover } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import { describeOption, sectionsOf } from '../catalog/descriptions';
import { type OptionInfo, docsUrl, formatVersion, lookupOption, v6TargetsOf } from '../catalog/options';
import type { ConfigModel } from '../model';
import { findNodeAtOffset, getNodePath } from '../model/tree';
import { versionSpecOf } from '../model/version';
import { typeWords } from './diagnostics/valueRules';

const code = (s: string): string => `\`${s}\``;

/** Markdown describing one option, for hover and completion documentation. */
export function optionMarkdown(option: OptionInfo): string {
  const lines: string[] = [];
  const described = describeOption(option);
  lines.push(`**${code(option.path)}** — ${typeWords(option)}${described ? `\n\n${described}` : ''}`);
  const facts: string[] = [];
  if (option.defaultValue !== '') facts.push(`Default: ${code(option.defaultValue)}`);
  if (option.enumValues) facts.push(`Values: ${option.enumValues.map((v) => (v === '' ? '(empty)' : code(v))).join(', ')}`);
  if (option.env) facts.push(`Environment: ${code(option.env)}${option.env.includes('<NAME>') ? ' (`<NAME>`: the item\'s name, upper-cased, `-` and `.` as `_`)' : ''}`);
  if (option.since) facts.push(`Since Centrifugo ${option.since}`);
  const sections = sectionsOf(option);
  if (sections.length > 0) facts.push(`In ${sections.map(code).join(' › ')}`);
  if (option.hidden) facts.push('Read by Centrifugo, left out of its generated reference');
  if (option.version === 'v5') {
    const targets = v6TargetsOf(option.path).map((m) => m.v6Path).filter((p): p is string => !!p);
    facts.push(targets.length > 0 ? `In v6: ${targets.slice(0, 3).map(code).join(', ')}${targets.length > 3 ? ` and ${targets.length - 3} more` : ''}` : 'No v6 equivalent');
  }
  lines.push(facts.map((f) => `- ${f}`).join('\n'));
  lines.push(`[Centrifugo ${option.version} configuration](${docsUrl(option)})`);
  return lines.join('\n\n');
}

/** Hover for the key or value at `offset`, when the catalog knows the option. */
export function optionHover(model: ConfigModel, offset: number): Hover | null {
  const root = model.root;
  if (!root) return null;
  const node = findNodeAtOffset(root, offset);
  const property = node?.type === 'property' ? node : node?.parent?.type === 'property' ? node.parent : undefined;
  const keyNode = property?.children?.[0];
  if (!property || !keyNode || typeof keyNode.value !== 'string') return null;
  const path = getNodePath(keyNode);
  const found = lookupOption(versionSpecOf(model.version), path);
  const range = Range.create(model.document.positionAt(keyNode.offset), model.document.positionAt(keyNode.offset + keyNode.length));
  if (found.status === 'option') return { contents: { kind: 'markdown', value: optionMarkdown(found.option) }, range };
  if (found.status === 'newer') {
    return { contents: { kind: 'markdown', value: `${optionMarkdown(found.option)}\n\nNot read by the pinned ${formatVersion(found.pinned)}.` }, range };
  }
  if (found.status === 'removed') {
    return { contents: { kind: 'markdown', value: `**${code(found.option.path)}** was read by Centrifugo ${found.option.since} to ${found.option.lastRelease}; gone since ${found.option.removedIn}.` }, range };
  }
  return null;
}
