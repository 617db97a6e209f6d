/** The checker with env sources: --env-file, --env, an env file on its own, envVar in JSON. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCertificate, daysFrom, generateKey } from '../helpers/certFactory';
import { REPO_ROOT } from '../helpers/paths';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--now', '2026-06-01', '--format', 'json', ...args], { encoding: 'utf8', cwd, env: { PATH: process.env.PATH, ...env } });
  return { status: r.status, stdout: r.stdout };
}

interface JsonReport { files: { file: string; diagnostics: { code: string; envVar?: string; path: string | null }[] }[] }

describe('checker: env sources', () => {
  let dir: string;
  const config = JSON.stringify({ http_server: { tls: { enabled: true, cert_pem: 'server.crt' } } });

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'centrifugo-cli-env-'));
    const key = await generateKey({ kind: 'ec', curve: 'P-256' });
    const cert = await createCertificate({ subject: 'CN=cli.example.com', key, ca: false, dnsNames: ['cli.example.com'], notBefore: daysFrom(new Date('2026-06-01'), -1), notAfter: daysFrom(new Date('2026-06-01'), 300) });
    await fs.writeFile(path.join(dir, 'server.crt'), cert.pem);
    await fs.writeFile(path.join(dir, 'server.key'), key.pem);
    await fs.writeFile(path.join(dir, 'config.json'), config);
    await fs.writeFile(path.join(dir, 'tls.env'), `CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=${path.join(dir, 'server.key')}\nCENTRIFUGO_GRPC_API_TLS_ENABLED=yes\n`);
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('without env the lone certificate is a finding; --env-file supplies the key', () => {
    const bare = JSON.parse(run(['config.json'], {}, dir).stdout) as JsonReport;
    assert.ok(bare.files[0]!.diagnostics.some((d) => d.code === 'mixed-source-pair'));
    const withEnv = JSON.parse(run(['--env-file', 'tls.env', 'config.json'], {}, dir).stdout) as JsonReport;
    assert.deepEqual(withEnv.files[0]!.diagnostics.map((d) => d.code), []);
  });

  it('--env reads the process environment', () => {
    const r = JSON.parse(run(['--env', 'config.json'], { CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM: path.join(dir, 'server.key') }, dir).stdout) as JsonReport;
    assert.deepEqual(r.files[0]!.diagnostics.map((d) => d.code), []);
  });

  it('an env file on its own: findings carry envVar', () => {
    const r = run(['tls.env'], {}, dir);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.files[0]!.diagnostics.map((d) => [d.code, d.envVar]), [['env-bad-value', 'CENTRIFUGO_GRPC_API_TLS_ENABLED']]);
  });
});
