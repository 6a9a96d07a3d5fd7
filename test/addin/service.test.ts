// The pane's client code against the real, built service on a loopback port: each button's
// path end to end, minus the browser (browser.test.ts drives the page itself).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { PlannerApi } from '../../addin/api';
import { exportScorecard, resultWorkbook, runJob, validate, type WorkbookHost } from '../../addin/controller';
import { sampleRows, sampleXlsx, startServer, type Server } from '../service/harness';

let server: Server;
let book: WorkbookRows;
beforeAll(async () => {
  server = await startServer();
  book = await sampleRows();
});
afterAll(async () => {
  await server?.stop();
});

const api = (lang: 'en' | 'zh' = 'en') => new PlannerApi(`${server.url}/api/v1/`, (u, i) => fetch(u, i), lang);
/** A host like Excel's: rows in, result sheets recorded instead of written through Office.js. */
function host(rows: WorkbookRows) {
  const written: string[][] = [];
  const h: WorkbookHost = {
    read: async () => structuredClone(rows),
    write: async (sheets) => {
      written.push(sheets.map((s) => s.name));
      return sheets.map((s) => s.name);
    },
  };
  return { h, written };
}
const shown: string[] = [];
const show = (s: string) => shown.push(s);
const requests = () => server.logs.filter((l) => l.includes('"msg":"request completed"') || l.includes('"solve"')).length;

describe('task pane ↔ service', () => {
  it('plans the sample plant: result sheets written, late orders taken from the answer', async () => {
    const { h, written } = host(book);
    const o = await runJob('plan', { host: h, api: api(), lang: 'en', show });
    if (o.kind !== 'done') throw new Error(JSON.stringify(o));
    expect(written).toEqual([o.response.sheets.map((s) => s.name)]);
    expect(written[0]).toEqual(expect.arrayContaining(['Plan', 'Load', 'Materials', 'Exceptions']));
    const orders = o.response.orders as { orderId: string; daysLate: number; shortQty?: number }[];
    const late = orders.filter((x) => x.daysLate > 0 || (x.shortQty ?? 0) > 0).map((x) => x.orderId);
    expect(o.summary.late!.map((l) => l.orderId).sort()).toEqual(late.sort());
    expect(o.summary.lines[0]).toBe(`${late.length} late order${late.length === 1 ? '' : 's'}:`);
    expect(typeof o.response.runId).toBe('number');
    expect(shown).toContain('Running on the service…');
  });

  it('stops at the first bad cell before calling the service', async () => {
    const bad = structuredClone(book);
    bad.Orders.rows[2][bad.Orders.header.indexOf('Quantity')] = 'twelve';
    const before = requests();
    const o = await runJob('plan', { host: host(bad).h, api: api('zh'), lang: 'zh', show });
    // Orders header on row 1: the third data row is row 4; Quantity is the 4th column, D.
    expect(o).toEqual({ kind: 'problems', problems: [{ sheet: 'Orders', cell: 'D4', text: '数量应为数字（当前为 twelve）' }] });
    expect(requests()).toBe(before);
    expect(await validate({ host: host(bad).h, api: api(), lang: 'en', show })).toMatchObject({ kind: 'problems', problems: [{ sheet: 'Orders', cell: 'D4' }] });
    expect(await validate({ host: host(book).h, api: api(), lang: 'en', show })).toEqual({ kind: 'validated', ready: ['plan', 'quote', 'suppliers'], sheets: Object.keys(book).length });
  });

  it("shows the service's own cell problems as clickable problems", async () => {
    // A cell the pane lets through but a sheet cannot hold (an object): the service names its cell.
    const odd = structuredClone(book) as unknown as { Suppliers: { rows: unknown[][] } };
    odd.Suppliers.rows[0][3] = { not: 'a cell' };
    const o = await runJob('suppliers', { host: host(odd as unknown as WorkbookRows).h, api: api(), lang: 'en', show });
    // Suppliers header on row 1, first data row is row 2, fourth column is D
    expect(o).toMatchObject({ kind: 'problems', problems: [{ sheet: 'Suppliers', cell: 'D2' }] });
  });

  it('quotes and scores suppliers from the same rows', async () => {
    const q = await runJob('quote', { host: host(book).h, api: api(), lang: 'en', show });
    if (q.kind !== 'done') throw new Error(JSON.stringify(q));
    expect(q.written).toEqual(expect.arrayContaining(['QuoteResults']));
    expect(q.summary.lines[0]).toBe(`${(q.response.quotes as unknown[]).length} quote lines priced.`);
    const s = await runJob('suppliers', { host: host(book).h, api: api(), lang: 'en', show });
    if (s.kind !== 'done') throw new Error(JSON.stringify(s));
    expect(s.written).toEqual(expect.arrayContaining(['SupplierScorecard']));
  });

  it('exports the scorecard and returns an uploaded workbook with result sheets', async () => {
    const e = await exportScorecard({ host: host(book).h, api: api(), lang: 'en', show });
    if (e.kind !== 'file') throw new Error(JSON.stringify(e));
    expect(e.name).toBe('supplier-scorecard.xlsx');
    const scorecard = new ExcelJS.Workbook();
    await scorecard.xlsx.load(await e.blob.arrayBuffer());
    expect(scorecard.worksheets.length).toBeGreaterThan(1);

    const bytes = await sampleXlsx();
    const w = await resultWorkbook('plan', new Blob([new Uint8Array(bytes)]), 'my plant.xlsx', { host: host(book).h, api: api(), lang: 'en', show });
    if (w.kind !== 'file') throw new Error(JSON.stringify(w));
    expect(w.name).toBe('my plant-plan.xlsx');
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(await w.blob.arrayBuffer());
    const names = out.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Orders', 'Plan', 'Load']));
    // the input sheet comes back as it went: same rows
    expect(out.getWorksheet('Orders')!.actualRowCount).toBe(book.Orders.rows.length + 1);
  });

  it('fetches the sample plant, and says where it looked when the service is down', async () => {
    const sample = new Uint8Array(await (await api().sample()).arrayBuffer());
    expect([...sample.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // an .xlsx is a zip
    const down = new PlannerApi('http://127.0.0.1:9/api/v1/', (u, i) => fetch(u, i), 'en');
    expect(await runJob('plan', { host: host(book).h, api: down, lang: 'en', show })).toEqual({
      kind: 'failed',
      message: 'Cannot reach the planning service at http://127.0.0.1:9/. Start it with "npm start" and try again.',
    });
  });
});
