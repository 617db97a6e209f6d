// @ts-check
/**
 * ESLint rule `layers/no-import-cycle`: no chain of relative imports leads back to the file,
 * type-only imports included. eslint-plugin-import-x's no-cycle skips `import type`, but a cycle
 * of types is still two modules that cannot be read, moved or tested apart (judge.ts needed
 * material.ts's shape while material.ts called judge.ts), so this rule counts every edge.
 *
 * Other files are read with TypeScript's own pre-processor (comments and strings are not
 * mistaken for imports) and cached by path and mtime for the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.mts', '.mjs', '.js', '.d.ts'];

/** @type {Map<string, { mtimeMs: number, deps: string[] }>} */
const graph = new Map();

/** @param {string} from @param {string} specifier @returns {string | undefined} */
function resolveRelative(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  return candidates.find((c) => fs.statSync(c, { throwIfNoEntry: false })?.isFile());
}

/** Relative imports of a file on disk, resolved to absolute paths. @param {string} file @returns {string[]} */
function dependencies(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const known = graph.get(file);
  if (known && known.mtimeMs === stat.mtimeMs) return known.deps;
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const deps = [...new Set(info.importedFiles.map((f) => resolveRelative(file, f.fileName)).filter((d) => d !== undefined))];
  graph.set(file, { mtimeMs: stat.mtimeMs, deps });
  return deps;
}

/**
 * The shortest chain of imports from `start` back to `target`, or undefined.
 * @param {string} start @param {string} target @returns {string[] | undefined}
 */
function pathBack(start, target) {
  /** @type {Map<string, string | undefined>} */
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const dep of dependencies(file)) {
      if (dep === target) {
        const chain = [file];
        for (let at = cameFrom.get(file); at !== undefined; at = cameFrom.get(at)) chain.unshift(at);
        return chain;
      }
      if (!cameFrom.has(dep)) {
        cameFrom.set(dep, file);
        queue.push(dep);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}. Move the shared part into a module both can import.' },
  },
  create(context) {
    const filename = context.filename;
    const root = context.cwd;
    /** @param {import('estree').Node & { source?: import('estree').Literal | null }} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveRelative(filename, specifier);
      if (!target || target === filename) return;
      const chain = pathBack(target, filename);
      if (!chain) return;
      const shown = [filename, ...chain, filename].map((f) => path.relative(root, f)).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { chain: shown } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
