/**
 * Name, version and home of the tool for `--version`, SARIF's tool.driver and the language
 * server's serverInfo. Read from our own package.json at run time (dist/cli.js and
 * dist/server.js sit one folder below it, the compiled tests deeper), so no bundle carries a
 * second, stale copy of the version.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

const PACKAGE_NAME = 'centrifugo-config';
const FALLBACK: PackageInfo = { name: PACKAGE_NAME, version: '0.0.0', informationUri: 'https://github.com/centrifugal/centrifugo' };

function repositoryPage(manifest: Record<string, unknown>): string | undefined {
  if (typeof manifest.homepage === 'string') return manifest.homepage;
  const repository = manifest.repository;
  const url = typeof repository === 'string' ? repository
    : repository && typeof (repository as { url?: unknown }).url === 'string' ? (repository as { url: string }).url : undefined;
  return url?.replace(/^git\+/, '').replace(/\.git$/, '');
}

let cached: PackageInfo | undefined;

export function packageInfo(startDirectory: string = __dirname): PackageInfo {
  if (cached) return cached;
  for (let dir = startDirectory; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      if (manifest.name === PACKAGE_NAME) {
        return (cached = {
          name: PACKAGE_NAME,
          version: typeof manifest.version === 'string' ? manifest.version : FALLBACK.version,
          informationUri: repositoryPage(manifest) ?? FALLBACK.informationUri,
        });
      }
    } catch {
      // No package.json here (or not ours): look further up.
    }
    if (dir === path.dirname(dir)) return (cached = FALLBACK);
  }
}
