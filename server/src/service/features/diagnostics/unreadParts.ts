/**
 * After a syntax error the YAML and TOML readers leave part of the file unread (TOML: the broken
 * line, or a broken header with its section; YAML: the text the parser gave up on). Findings that
 * rest on what is missing there are side effects of the error, not facts of the config: a key on
 * the broken line reads as absent ("`key_pem` is set but `cert_pem` is not"), a proxy as nameless.
 * So while a part is unread:
 * - nothing but syntax is reported in the table / mapping that holds it, nor on the tables around
 *   it (their content is not fully known);
 * - findings about something missing from the same top-level section (TLS on with no certificate,
 *   HTTP/3 with no TLS, half a pair) are dropped, and names referenced but defined nowhere, since
 *   the unread text may define them.
 * The syntax error itself says Centrifugo cannot read the file; the rest keeps its findings.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { formatPath } from '../../catalog/locations';
import type { ConfigModel } from '../../model';
import { type ConfigNode, findNodeAtLocation, findNodeAtOffset, getNodePath, type PathSegment } from '../../model/tree';
import { dottedSegments, tomlTable } from '../completionCursor';

/** Codes that say something is missing, so an unread part of the same section may be what they miss. */
const ABSENCE_CODES = new Set(['mixed-source-pair', 'tls-no-certificate', 'http3-without-tls', 'tls-disabled']);
/** Names are defined anywhere in the file. */
const ANYWHERE_CODES = new Set(['undefined-name']);
/** Findings about the text itself, which an unread part does not change. */
const TEXT_CODES = new Set(['yaml-syntax', 'toml-syntax', 'json-syntax', 'value-converted', 'yaml-ignored-document', 'nested-too-deeply']);

/** The innermost mapping or list around `offset` in a YAML tree. */
function yamlContainer(root: ConfigNode, offset: number): PathSegment[] {
  let node = findNodeAtOffset(root, Math.min(offset, root.offset + root.length), true) ?? root;
  while (node.parent && node.type !== 'object' && node.type !== 'array') node = node.parent;
  return getNodePath(node);
}

/** The table a TOML line belongs to, with the dotted key written on it (`tls.cert_pem = ...` is in `tls`). */
function tomlContainer(root: ConfigNode | undefined, text: string, offset: number): PathSegment[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const { path } = tomlTable(root, text, lineStart, true);
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const dotted = /^\s*([\w"'.\s-]+?)\s*=/.exec(line);
  return dotted ? [...path, ...dottedSegments(dotted[1]).slice(0, -1)] : path;
}

function within(path: string, container: string): boolean {
  return container === '' || path === container || path.startsWith(`${container}.`) || path.startsWith(`${container}[`);
}

/** A finding at a path the tree does not have is about something missing (a required key). */
function isMissing(root: ConfigNode | undefined, path: string): boolean {
  const segments: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return findNodeAtLocation(root, segments) === undefined;
}

function topSection(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? '';
}

export function withoutUnreadEffects(model: ConfigModel, diagnostics: Diagnostic[]): Diagnostic[] {
  const format = model.tree.format;
  const unread = model.syntaxProblems.filter((p) => p.unread);
  if (format === 'json' || unread.length === 0) return diagnostics;
  const text = model.document.getText();
  const root = model.root;
  const containers = unread.map((p) => formatPath(format === 'toml' ? tomlContainer(root, text, p.offset) : root ? yamlContainer(root, p.offset) : []));
  return diagnostics.filter((d) => {
    const code = String(d.code);
    if (TEXT_CODES.has(code)) return true;
    if (ANYWHERE_CODES.has(code)) return false;
    const path = (d.data as { path?: unknown } | undefined)?.path;
    if (typeof path !== 'string') return true;
    const absence = ABSENCE_CODES.has(code) || isMissing(root, path);
    return !containers.some((c) => (c !== '' && (within(path, c) || within(c, path))) || (absence && (c === '' || topSection(c) === topSection(path))));
  });
}
