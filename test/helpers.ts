// Small shared test utilities: temp dirs and running the built CLI as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const tempDir = (prefix = 'mto-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Run `node dist/cli.js …` (built by `npm test` before vitest starts). */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
