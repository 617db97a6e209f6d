/** Locations of the repository and its fixtures from compiled tests (out/test/<suite>/). */
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const REAL_WORLD = path.join(FIXTURES, 'real-world');
