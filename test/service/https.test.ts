// HTTPS when office-addin-dev-certs certificates are present (~/.office-addin-dev-certs), stated
// in the start-up line; plain HTTP otherwise (every other service test).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tempDir } from '../helpers';
import { startServer } from './harness';

test('serves HTTPS with the dev certificates found in the home folder', async () => {
  // A throwaway HOME holding a self-signed localhost certificate where office-addin-dev-certs puts its own.
  const home = tempDir('mto-home-');
  const dir = join(home, '.office-addin-dev-certs');
  mkdirSync(dir);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'localhost.key'), '-out', join(dir, 'localhost.crt')], { stdio: 'ignore' });
  const s = await startServer({ HOME: home, MTO_HTTPS: '' });
  try {
    expect(s.url).toMatch(/^https:/);
    const line = s.logs.find((l) => l.includes('listening'))!;
    expect(JSON.parse(line)).toMatchObject({ https: true, url: `https://localhost:${s.port}` });
    const ca = readFileSync(join(dir, 'localhost.crt'));
    const get = (host: string) =>
      new Promise<{ status: number; body: string; csp: string }>((resolve, reject) =>
        https
          .get({ host: '127.0.0.1', port: s.port, path: '/api/v1/health', ca, servername: 'localhost', headers: { host: `${host}:${s.port}` } }, (r) => {
            let body = '';
            r.on('data', (d) => (body += d));
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body, csp: String(r.headers['content-security-policy']) }));
          })
          .on('error', reject),
      );
    const res = await get('localhost');
    expect(res.status).toBe(200);
    // A foreign Host name is refused with this server's own https:// address to use instead.
    const refused = await get('evil.example');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toContain(`open https://localhost:${s.port} or https://127.0.0.1:${s.port}`);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok', https: true });
    expect(res.csp).toContain('upgrade-insecure-requests');
  } finally {
    await s.stop();
  }
});
