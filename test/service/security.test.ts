// Token, origin and host checks against the built server, and what the logs must not contain.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { postJson, sampleRows, ServerExited, startServer, type Server } from './harness';

const TOKEN = 'test-token-0123456789abcdef-XYZ';
let rows: WorkbookRows;
beforeAll(async () => {
  rows = await sampleRows();
});

/** A raw request with a Host header of our choosing (fetch would set its own). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('binding beyond loopback requires a token', () => {
  test('HOST=0.0.0.0 without MTO_TOKEN refuses to start', async () => {
    const err = await startServer({ HOST: '0.0.0.0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerExited);
    expect((err as ServerExited).code).toBe(1);
    expect((err as ServerExited).logs.join('\n')).toMatch(/refusing to start: HOST=0\.0\.0\.0 .*MTO_TOKEN/);
  });

  test('a token shorter than 16 characters is refused too', async () => {
    const err = (await startServer({ HOST: '0.0.0.0', MTO_TOKEN: 'short' }).catch((e: unknown) => e)) as ServerExited;
    expect(err.code).toBe(1);
    expect(err.logs.join('\n')).toMatch(/at least 16/);
  });

  test('with a token, every API call without it gets 401; static files stay open', async () => {
    const s = await startServer({ HOST: '0.0.0.0', MTO_TOKEN: TOKEN });
    try {
      const api = `${s.url}/api/v1`;
      const none = await fetch(`${api}/health`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await fetch(`${api}/runs`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await postJson(`${api}/suppliers/evaluate`, { workbook: rows })).status).toBe(401);
      expect((await fetch(`${api}/health`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect((await postJson(`${api}/suppliers/evaluate`, { workbook: rows }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      expect((await fetch(`${s.url}/manifest.xml`)).status).toBe(200);
      expect(s.logs.join('\n')).not.toContain(TOKEN);
    } finally {
      await s.stop();
    }
  });
});

describe('on loopback', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(async () => {
    await s.stop();
  });

  test('CORS: the server’s own origin is allowed, any other is refused', async () => {
    const own = `http://127.0.0.1:${s.port}`;
    const ok = await fetch(`${s.url}/api/v1/health`, { headers: { origin: own } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(own);
    const preflight = await fetch(`${s.url}/api/v1/plan`, { method: 'OPTIONS', headers: { origin: own, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(own);

    const evil = await postJson(`${s.url}/api/v1/suppliers/evaluate`, { workbook: rows }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const evilPreflight = await fetch(`${s.url}/api/v1/plan`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a Host header that is not loopback (DNS rebinding) is refused', async () => {
    const refused = await rawGet(s.port, '/api/v1/health', { host: `evil.example:${s.port}` });
    expect(refused.status).toBe(403);
    // It names this server's own address: plain HTTP here, on the port it listens on.
    expect(JSON.parse(refused.body).error).toMatch(new RegExp(`^Host evil\\.example is not served here; open http://localhost:${s.port} or http://127\\.0\\.0\\.1:${s.port} `));
    expect((await rawGet(s.port, '/api/v1/health', { host: `localhost:${s.port}` })).status).toBe(200);
  });

  test('logs carry request ids and solve timings, never the workbook or headers', async () => {
    const secret = 'Zzyzx Confidential Customer';
    const b = structuredClone(rows);
    b.Orders.rows[0][1] = secret;
    const r = await postJson(`${s.url}/api/v1/plan`, { workbook: b }, { 'x-request-id': 'trace-42', cookie: 'session=abc123' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('trace-42');
    await new Promise((res) => setTimeout(res, 100)); // let the log line arrive
    const logs = s.logs.join('\n');
    expect(logs).not.toContain('Zzyzx');
    expect(logs).not.toContain('abc123');
    const solve = s.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'solve' && (l.req as { id: string }).id === 'trace-42');
    expect(solve).toMatchObject({ job: 'plan', status: 'ok', runMs: expect.any(Number), waitMs: expect.any(Number), solver: { solver: expect.any(String), variables: expect.any(Number) } });
  });
});

test('a token set on loopback is enforced as well', async () => {
  const s = await startServer({ MTO_TOKEN: TOKEN });
  try {
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/v1/health`, { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
  } finally {
    await s.stop();
  }
});
