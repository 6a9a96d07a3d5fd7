// What Excel on the web and Office on Mac need from the built service, over real HTTP: the pane
// may be framed by every Office host (OneDrive personal, 21Vianet included) and load office.js
// from their CDNs, more hosts by configuration; icons load cross-origin without Cache-Control;
// the manifest is served for the address Excel uses; the scorecard export can be fetched by a short-lived
// plain GET link (the pane opens it in the browser) even when the API needs a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../service/config';
import { postJson, sampleRows, startServer, type Server } from '../service/harness';

const TOKEN = 'a-token-of-at-least-16-chars';

describe('the service as Excel on the web and on Mac meet it', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer({ MTO_TOKEN: TOKEN, MTO_FRAME_ANCESTORS: 'https://*.officeapps.example.cn', MTO_PUBLIC_URL: 'https://planner.example.com' });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('lets every Office host frame the pane and load office.js, plus configured ones', async () => {
    const res = await fetch(`${s.url}/taskpane.html`);
    expect(res.status).toBe(200);
    const csp = Object.fromEntries(
      res.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    for (const host of ['https://onedrive.live.com', 'https://*.partner.office365.cn', 'https://*.sharepoint.cn', 'https://*.sharepoint.com', 'https://*.officeapps.live.com', 'https://*.officeapps.example.cn'])
      expect(csp['frame-ancestors'], host).toContain(host);
    expect(csp['script-src']).toEqual(["'self'", 'https://appsforoffice.microsoft.com', 'https://appsforoffice.cdn.partner.office365.cn']);
    expect(res.headers.get('x-frame-options')).toBeNull(); // it would forbid every frame
  });

  it('refuses a frame or script source that is not an https origin, at start-up', () => {
    expect(() => loadConfig({ MTO_FRAME_ANCESTORS: 'http://evil.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ MTO_SCRIPT_SRC: "'unsafe-inline'" })).toThrow(/MTO_SCRIPT_SRC must list https origins/);
    expect(() => loadConfig({ MTO_PUBLIC_URL: 'http://planner.example.com' })).toThrow(/HTTPS only/);
    expect(loadConfig({ MTO_FRAME_ANCESTORS: 'https://a.example.cn, https://*.b.example.cn' }).csp.frameAncestors).toEqual(['https://a.example.cn', 'https://*.b.example.cn']);
  });

  it('serves icons for other origins and without Cache-Control', async () => {
    const res = await fetch(`${s.url}/assets/icon-80.png`, { headers: { Origin: 'https://excel.officeapps.live.com' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBeNull();
  });

  it('serves the manifest for the address Excel uses (MTO_PUBLIC_URL), the support page and the old-webview notice', async () => {
    const xml = await (await fetch(`${s.url}/manifest.xml`)).text();
    expect(xml).not.toContain('https://localhost:3000');
    expect(xml).toContain('<SourceLocation DefaultValue="https://planner.example.com/taskpane.html"/>');
    expect(xml).toContain('<SupportUrl DefaultValue="https://planner.example.com/support.html"/>');
    expect((await fetch(`${s.url}/support.html`)).status).toBe(200);
    const old = await fetch(`${s.url}/old-webview.js`);
    expect([old.status, await old.text()]).toEqual([200, expect.stringContaining('Update Office')]);
  });

  it('hands the scorecard export out as a short-lived link that a browser fetches without the token', async () => {
    const workbook = await sampleRows();
    const noToken = await postJson(`${s.url}/api/v1/suppliers/export`, { workbook }, { 'X-Download': 'link' });
    expect(noToken.status).toBe(401); // the API still needs the token
    const res = await postJson(`${s.url}/api/v1/suppliers/export`, { workbook }, { 'X-Download': 'link', Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    const { url, filename } = (await res.json()) as { url: string; filename: string };
    expect(filename).toMatch(/^supplier-scorecard-\d{4}-Q[1-4]\.xlsx$/); // named with its period, as the file answer
    expect(url).toMatch(/^\/downloads\/[\w-]{32}$/); // 24 random bytes, base64url
    const file = await fetch(`${s.url}${url}`); // as the user's browser opens it: no token, no Origin
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(filename);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // an .xlsx (zip)
    expect((await fetch(`${s.url}/downloads/not-a-real-id-aaaaaaaaaaaaaaaaaaaaaaaa`)).status).toBe(404);
  });
});
