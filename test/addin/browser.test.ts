// The task pane page in a real browser (Debian's Chromium, headless) against the built service:
// no Office host and no internet, so it must come up standalone, run the sample plant, list the
// late orders, and hand back the workbook with result sheets. With CI=true a missing browser is
// a failure, never a skip.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { ROOT, tempDir } from '../helpers';
import { workbookRows } from '../../shared/xlsx/read-workbook';
import { loadXlsx, postJson, sampleRows, startServer, type Server } from '../service/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs chromium; browser tests may not be skipped in CI`);

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

  it('runs the sample plan, lists the late orders and downloads the workbook with a Plan sheet', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const t0 = Date.now();
    await page.goto(`${server.url}/taskpane.html`);
    // No Office host hints in a plain tab: standalone at once, not after office.js gives up.
    await page.waitForSelector('#standalone:not([hidden])', { timeout: 5_000 });
    const standaloneMs = Date.now() - t0;
    expect(await page.isHidden('#template')).toBe(true);

    await page.click('#sample');
    await page.waitForSelector('section.result h3', { timeout: 90_000 });
    expect(await page.textContent('#status')).toMatch(/^Done in \d+\.\d s\.$/);

    // The same plan through the JSON API, independently of the page (the sample read here with
    // exceljs in Node, not by the page's bundle): which orders are late?
    const sample = await loadXlsx(await (await fetch(`${server.url}/api/v1/sample.xlsx`)).arrayBuffer());
    const res = await postJson(`${server.url}/api/v1/plan`, { workbook: JSON.parse(JSON.stringify(workbookRows(sample))) });
    const plan = (await res.json()) as { orders: { orderId: string; daysLate: number; shortQty?: number }[]; sheets: ResultSheet[] };
    const late = plan.orders.filter((o) => o.daysLate > 0 || (o.shortQty ?? 0) > 0);
    expect(late.length).toBeGreaterThan(0); // the sample plant is built to have some
    const listed = await page.$$eval('ul.late li b', (els) => els.map((e) => e.textContent));
    expect(listed.sort()).toEqual(late.map((o) => o.orderId).sort());
    expect(await page.textContent('#messages')).toContain(`${late.length} late orders:`);

    // One section per result sheet, the Plan table with a row per order, late rows shaded.
    expect(await page.$$eval('section.result h3', (els) => els.map((e) => e.textContent))).toEqual(plan.sheets.map((s) => s.name));
    expect(await page.$$eval('table[data-sheet="Plan"] tbody tr', (els) => els.length)).toBe(plan.orders.length);
    expect(await page.$$eval('table[data-sheet="Plan"] tbody tr.flag-red', (els) => els.length)).toBe(plan.sheets.find((s) => s.name === 'Plan')!.rows.filter((r) => r[plan.sheets.find((s) => s.name === 'Plan')!.highlightWhen!.column]).length);
    expect(await page.$$eval('figure.chart svg rect', (els) => els.length)).toBeGreaterThan(0);

    const shot = join(ROOT, 'test/artifacts/addin-standalone-plan.png');
    await page.screenshot({ path: shot, fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.click('#download-button')]);
    expect(download.suggestedFilename()).toBe('sample-plant-plan.xlsx');
    const file = join(tempDir('mto-dl-'), download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Plan')!;
    const planSheet = plan.sheets.find((s) => s.name === 'Plan')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(planSheet.columns.map((c) => c.header));
    expect(ws.actualRowCount).toBe(plan.orders.length + 1);
    const orderCol = planSheet.columns.findIndex((c) => /order/i.test(c.key)) + 1;
    const ids = Array.from({ length: plan.orders.length }, (_, i) => String(ws.getRow(i + 2).getCell(orderCol).value));
    expect(ids.sort()).toEqual(plan.orders.map((o) => o.orderId).sort());
    // the input sheets come back as they went (Orders lists Draft and delivered orders the plan skips)
    expect(wb.getWorksheet('Orders')!.actualRowCount).toBe(sample.getWorksheet('Orders')!.actualRowCount);

    expect(errors).toEqual([]);
    console.log(`standalone page ready in ${standaloneMs} ms; screenshot ${shot}`);
    await page.close();
  });

  it('speaks Chinese to a Chinese browser and shows problems with their cells', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('#standalone:not([hidden])');
    expect(await page.textContent('#plan')).toBe('排产');
    expect(await page.textContent('#sample')).toBe('试用示例工厂');
    // A workbook with a bad quantity: the page reads it, and names the cell before any solve.
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
    await page.click('#plan');
    await page.waitForSelector('ul.problems li');
    expect(await page.textContent('ul.problems li')).toBe('Orders!D3: 数量应为正数（当前为 -5）');
    expect(await page.textContent('#status')).toContain('有 1 个问题需要修正');
    await page.close();
  });
});
