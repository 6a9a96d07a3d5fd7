// The task pane page in a real browser (Debian's Chromium, headless) against the built service:
// no Office host and no internet, so it must come up standalone, upload the sample plant once, list
// the late orders, and save the workbook that came with those results without asking again. With
// CI=true a missing browser is a failure, never a skip.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'acorn';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { ROOT, tempDir } from '../helpers';
import { workbookRows } from '../exceljs-read';
import { loadXlsx, postJson, sampleRows, startServer, type Server } from '../service/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs chromium; browser tests may not be skipped in CI`);

/** Every request the page makes, as "METHOD /path", and the bytes of every answer it reads. */
function traffic(page: Page) {
  const requests: string[] = [];
  let bytes = 0;
  page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  page.on('response', (r) => void r.body().then((b) => (bytes += b.length)).catch(() => undefined));
  return { requests, bytes: () => bytes };
}

describe.skipIf(!haveBrowser)('task pane in a browser (standalone)', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    expect(existsSync(join(ROOT, 'dist/addin/taskpane.js')), 'run `npm run build` first').toBe(true);
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs the sample plan with one upload, lists the late orders and saves the workbook it was given', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const net = traffic(page);

    const t0 = Date.now();
    await page.goto(`${server.url}/taskpane.html`);
    // No Office host hints in a plain tab: standalone at once, not after office.js gives up.
    await page.waitForSelector('#standalone:not([hidden])', { timeout: 5_000 });
    const readyMs = Date.now() - t0;
    expect(await page.isHidden('#template')).toBe(true);
    expect(await page.textContent('#file-name')).toBe('No file chosen');

    const t1 = Date.now();
    await page.click('#sample');
    await page.waitForSelector('section.result h3', { timeout: 90_000 });
    const runMs = Date.now() - t1;
    expect(await page.textContent('#status')).toMatch(/^Done in \d+\.\d s\.$/);
    expect(await page.textContent('#file-name')).toBe('sample-plant.xlsx');
    // The page sent the file once and read nothing of it itself: no xlsx reader was loaded.
    const api = net.requests.filter((r) => r.includes('/api/v1/'));
    expect(api).toEqual(['GET /api/v1/sample.xlsx', 'POST /api/v1/workbook/plan']);
    expect(net.requests.filter((r) => r.endsWith('.js'))).toEqual(['GET /taskpane.js']);

    // The same plan through the JSON API, independently of the page (the sample read here with
    // exceljs in Node): which orders are late?
    const sample = await loadXlsx(await (await fetch(`${server.url}/api/v1/sample.xlsx`)).arrayBuffer());
    // Asked like the page asks (?sheets=true), the answer carries the orders once: as the Plan sheet's rows.
    const res = await postJson(`${server.url}/api/v1/plan?sheets=true`, { workbook: JSON.parse(JSON.stringify(workbookRows(sample))) });
    const plan = (await res.json()) as { orders?: unknown; sheets: ResultSheet[] };
    expect(plan.orders).toBeUndefined();
    const orders = plan.sheets.find((s) => s.name === 'Plan')!.rows as { orderId: string; daysLate: number | null; shortQty: number }[];
    const late = orders.filter((o) => (o.daysLate ?? 0) > 0 || o.shortQty > 0);
    expect(late.length).toBeGreaterThan(0); // the sample plant is built to have some
    const listed = await page.$$eval('ul.late li b', (els) => els.map((e) => e.textContent));
    expect(listed.sort()).toEqual(late.map((o) => o.orderId).sort());
    expect(await page.textContent('#messages')).toContain(`${late.length} late orders:`);

    // One section per result sheet, the Plan table with a row per order, late rows shaded.
    expect(await page.$$eval('section.result h3', (els) => els.map((e) => e.textContent))).toEqual(plan.sheets.map((s) => s.name));
    const planSheet = plan.sheets.find((s) => s.name === 'Plan')!;
    expect(await page.$$eval('table[data-sheet="Plan"] tbody tr', (els) => els.length)).toBe(orders.length);
    expect(await page.$$eval('table[data-sheet="Plan"] tbody tr.flag-red', (els) => els.length)).toBe(planSheet.rows.filter((r) => r[planSheet.highlightWhen!.column]).length);
    expect(await page.$$eval('figure.chart svg rect', (els) => els.length)).toBeGreaterThan(0);
    const shownIds = await page.$$eval('table[data-sheet="Plan"] tbody tr td:first-child', (els) => els.map((e) => e.textContent));

    const shot = join(ROOT, 'test/artifacts/addin-standalone-plan.png');
    await page.screenshot({ path: shot, fullPage: false });

    // Download: the workbook that came with the results, saved without another request.
    const before = net.requests.length;
    const t2 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('#download-button')]);
    const file = join(tempDir('mto-dl-'), download.suggestedFilename());
    await download.saveAs(file);
    const downloadMs = Date.now() - t2;
    expect(net.requests.slice(before).filter((r) => r.includes('/api/'))).toEqual([]);
    expect(download.suggestedFilename()).toBe('sample-plant-plan.xlsx');
    expect(await page.textContent('#status')).toBe('Download of sample-plant-plan.xlsx started.');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Plan')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(planSheet.columns.map((c) => c.header));
    // The file's Plan sheet is the table the page showed, row for row.
    expect(ws.actualRowCount).toBe(shownIds.length + 1);
    expect(Array.from({ length: shownIds.length }, (_, i) => String(ws.getRow(i + 2).getCell(1).value))).toEqual(shownIds);
    expect([...shownIds].sort()).toEqual(orders.map((o) => o.orderId).sort());
    // the input sheets come back as they went (Orders lists Draft and delivered orders the plan skips)
    expect(wb.getWorksheet('Orders')!.actualRowCount).toBe(sample.getWorksheet('Orders')!.actualRowCount);

    expect(errors).toEqual([]);
    console.log(`standalone page ready in ${readyMs} ms; sample plan shown in ${runMs} ms; download saved in ${downloadMs} ms; ${net.bytes()} bytes received in all; screenshot ${shot}`);
    await page.close();
  });

  it('speaks Chinese throughout: buttons, sheet titles, summaries; problems with their cells', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('#standalone:not([hidden])');
    expect(await page.textContent('#plan')).toBe('排产');
    expect(await page.textContent('#sample')).toBe('试用示例工厂');
    expect(await page.textContent('#file-name')).toBe('未选择文件');

    await page.click('#sample');
    await page.waitForSelector('section.result h3', { timeout: 90_000 });
    expect(await page.textContent('#status')).toMatch(/^完成，用时 \d+\.\d 秒。$/);
    // Result sheets keep their workbook names (shown small beside the Chinese title).
    expect(await page.$$eval('section.result h3', (els) => els.map((e) => e.firstChild!.textContent!.trim()))).toEqual(['排产计划', '工作中心负荷', '物料需求', '异常清单', '工序排程', '派工单', '甘特图（按工作中心）', '甘特图（按订单）']);
    expect(await page.$$eval('section.result h3 small', (els) => els.map((e) => e.textContent))).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order']);
    // Every word the page itself says is Chinese: the chrome, the summary lines, table headers,
    // chart captions and legends. Data (order, item and work-center ids, sheet names) is left out.
    const said = await page.evaluate(() => {
      const out: string[] = [];
      const text = (el: Element) => {
        const c = el.cloneNode(true) as Element;
        c.querySelectorAll('b, small, td').forEach((x) => x.remove());
        return c.textContent ?? '';
      };
      document.querySelectorAll('header, #standalone button, #standalone .button, #actions button:not([hidden]), #status, #messages, #download, th, figcaption, .legend, section.result h3').forEach((el) => out.push(text(el)));
      return out.join('\n');
    });
    // Allowed: ids in capitals (SO-261103, TEST), the product name Excel, the file type, and a result
    // sheet's workbook name in brackets after its Chinese title (物料需求（Materials）).
    const english = said.replace(/\b[A-Z0-9]+(-[A-Z0-9]+)*\b/g, '').replace(/（(Plan|Load|Materials|Exceptions|Schedule|Dispatch|Gantt by work center|Gantt by order)）/g, '').match(/\b[A-Za-z]{3,}\b/g) ?? [];
    expect(english.filter((w) => !['xlsx', 'Excel'].includes(w)), said).toEqual([]);
    expect(said).toMatch(/\d+ 个订单延期：/);
    await page.screenshot({ path: join(ROOT, 'test/artifacts/addin-standalone-plan-zh.png'), fullPage: false });

    // A workbook with a bad quantity: the service names the cell, in Chinese, before any solve.
    const rows = await sampleRows();
    const wb = new ExcelJS.Workbook();
    for (const [name, s] of Object.entries(rows)) {
      const ws = wb.addWorksheet(name);
      ws.addRow(s.header);
      for (const r of s.rows) ws.addRow(r);
    }
    wb.getWorksheet('Orders')!.getCell('D3').value = -5; // Quantity of the second order
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await page.setInputFiles('#file', { name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    expect(await page.textContent('#file-name')).toBe('bad.xlsx');
    expect(await page.isHidden('#download')).toBe(true); // the sample's workbook is not offered for this file
    for (const button of ['#validate', '#plan']) {
      await page.click(button);
      await page.waitForSelector('ul.problems li');
      expect(await page.textContent('ul.problems li')).toBe('Orders!D3: 数量应为正数（当前为 -5）');
      expect(await page.textContent('#status')).toContain('有 1 个问题需要修正');
      await page.evaluate(() => (document.getElementById('messages')!.innerHTML = ''));
    }

    // The file saved again after it was chosen (fixed in Excel, say): the page sends it as it is
    // now, not as it was when chosen, so the quantity problem is gone without choosing it again.
    const path = join(tempDir('mto-pick-'), 'plant.xlsx');
    writeFileSync(path, bytes);
    await page.setInputFiles('#file', path);
    wb.getWorksheet('Orders')!.getCell('D3').value = 5;
    await new Promise((r) => setTimeout(r, 1100)); // a later modification time
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.click('#validate');
    await page.waitForSelector('#status:not(.busy):not(.error) >> text=/17 个输入工作表/', { timeout: 20_000 });
    expect(await page.$$('ul.problems li')).toHaveLength(0);
    await page.close();
  });
});

describe('the pane for older and locked-down Office', () => {
  it('is a bundle EdgeHTML 18 parses (ES2017: no ?., ??, object spread), with a notice for webviews without modules', () => {
    const js = readFileSync(join(ROOT, 'dist/addin/taskpane.js'), 'utf8');
    expect(() => parse(js, { ecmaVersion: 2017, sourceType: 'module' })).not.toThrow();
    const html = readFileSync(join(ROOT, 'dist/addin/taskpane.html'), 'utf8');
    expect(html).toContain('<script nomodule src="old-webview.js"></script>');
    expect(() => parse(readFileSync(join(ROOT, 'dist/addin/old-webview.js'), 'utf8'), { ecmaVersion: 5 })).not.toThrow();
  });
});

describe.skipIf(!haveBrowser)('task pane against a service that needs a token', () => {
  const TOKEN = 'a-token-of-at-least-16-chars';
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ MTO_TOKEN: TOKEN });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the token once, then keeps it for the session', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/taskpane.html`); // no #token= in the address, as inside Excel
    await page.waitForSelector('#standalone:not([hidden])');
    await page.click('#sample');
    await page.waitForSelector('#token-form:not([hidden])');
    expect(await page.textContent('#status')).toContain('asks for an access token');
    await page.fill('#token-input', 'wrong-token-wrong-token');
    await page.click('#token-form button');
    await page.waitForSelector('#status >> text=/did not accept that token/');
    await page.fill('#token-input', TOKEN);
    await page.click('#token-form button');
    await page.waitForSelector('section.result h3', { timeout: 90_000 });
    expect(await page.isHidden('#token-form')).toBe(true);
    // Reloaded (the pane's Reload): the token is still there, nothing asked, nothing run unasked.
    await page.reload();
    await page.waitForSelector('#standalone:not([hidden])');
    expect(await page.isHidden('#token-form')).toBe(true);
    expect(await page.$$('section.result')).toHaveLength(0);
    await page.click('#sample');
    await page.waitForSelector('section.result h3', { timeout: 90_000 });
    expect(await page.isHidden('#token-form')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
