/**
 * The load plan against the table of load conditions read from Centrifugo's source
 * (data/centrifugo-tls-load-conditions/v6-tls-load-conditions.tsv): every v6 TLS location, switched
 * on by its own `enabled` and nothing else, is loaded exactly when the table says it needs no
 * other setting, never loaded when the table says "never", and otherwise waits for its feature.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../server/src/service/model';
import { loadPlanOf } from '../../server/src/service/model/loadPlan';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { makeRequest } from '../helpers/documents';
import { REPO_ROOT } from '../helpers/paths';

interface Row { readonly path: string; readonly loadedWhen: string }

function rows(): Row[] {
  const text = readFileSync(path.join(REPO_ROOT, 'data', 'centrifugo-tls-load-conditions', 'v6-tls-load-conditions.tsv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n').map((l) => l.split('\t'));
  const at = (name: string) => header.indexOf(name);
  return lines.map((cells) => ({ path: cells[at('path')], loadedWhen: cells[at('loaded_when')] }));
}

/** A config holding only `{"enabled": true}` at the pattern, array items named so they can be referenced. */
function configWithBlock(pattern: string): unknown {
  const parts = pattern.split('.');
  const root: Record<string, unknown> = {};
  let cursor: Record<string, unknown> = root;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part.endsWith('[]')) {
      const item: Record<string, unknown> = { name: 'x' };
      cursor[part.slice(0, -2)] = [item];
      cursor = item;
    } else if (last) {
      cursor[part] = { enabled: true };
    } else {
      const next: Record<string, unknown> = {};
      cursor[part] = next;
      cursor = next;
    }
  });
  return root;
}

describe('load plan and the table of load conditions (v6.9.1)', () => {
  const table = rows();

  test('the table is there and has every v6 location', () => {
    assert.equal(table.length, 44);
  });

  for (const row of table) {
    const expected = row.loadedWhen.startsWith(`${row.path}.enabled`) ? 'loaded' : row.loadedWhen.startsWith('never') ? 'never-read' : 'feature-off';
    test(`${row.path}: ${expected} with only its own switch on`, () => {
      const request = makeRequest(JSON.stringify(configWithBlock(row.path)), { settings: { version: 'v6' } });
      const model = buildModel(request.document, { settings: { ...DEFAULT_SETTINGS, version: 'v6' }, forced: true });
      const concrete = row.path.replace(/\[\]/g, '[0]');
      const block = model.blocks.find((b) => b.path === concrete);
      assert.ok(block, `no block at ${concrete}: ${model.blocks.map((b) => b.path).join(', ')}`);
      const plan = loadPlanOf(model).block(block);
      assert.equal(plan.loaded ? 'loaded' : plan.reason?.kind, expected, row.loadedWhen.slice(0, 160));
    });
  }
});
