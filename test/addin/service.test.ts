// The pane's client code against the real, built service on a loopback port: each button's
// path end to end, minus the browser (browser.test.ts drives the page itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { PlannerApi, type JobResponse } from '../../addin/api';
import { STRINGS } from '../../addin/i18n';
import { exportScorecard, runJob, validate, type PickedFile, type WorkbookHost } from '../../addin/controller';
import { workbookRows } from '../exceljs-read';
import { bytes, loadXlsx, sampleRows, sampleXlsx, startServer, type Server } from '../service/harness';

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
/** Solves the service has logged so far (checks log as output "check", not as a solve of a job). */
const solves = () => server.logs.filter((l) => l.includes('"msg":"solve"') && !l.includes('"output":"check"')).length;
const picked = async (name: string, b?: Uint8Array<ArrayBuffer>): Promise<PickedFile> => ({ blob: new Blob([b ?? (await sampleXlsx())]), name });

describe('task pane ↔ service', () => {
  it('plans the sample plant: result sheets written, late orders taken from the answer', async () => {
    const { h, written } = host(book);
    const o = await runJob('plan', { host: h, api: api(), lang: 'en', show });
    if (o.kind !== 'done') throw new Error(JSON.stringify(o));
    expect(written).toEqual([o.response.sheets.map((s) => s.name)]);
    expect(written[0]).toEqual(expect.arrayContaining(['Plan', 'Load', 'Materials', 'Exceptions']));
    // The answer carries the orders once, as the Plan sheet's rows (no typed `orders` list beside them).
    expect('orders' in o.response).toBe(false);
    const orders = o.response.sheets.find((x) => x.name === 'Plan')!.rows;
    const late = orders.filter((x) => Number(x.daysLate ?? 0) > 0 || Number(x.shortQty) > 0).map((x) => String(x.orderId));
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
    expect(await validate({ host: host(book).h, api: api(), lang: 'en', show })).toEqual({ kind: 'validated', ready: ['plan', 'quote', 'suppliers', 'costs', 'prices'], sheets: Object.keys(book).length });
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
    expect(q.summary.lines[0]).toBe(`${q.response.sheets.find((x) => x.name === 'QuoteResults')!.rows.length} quote lines priced.`);
    const s = await runJob('suppliers', { host: host(book).h, api: api(), lang: 'en', show });
    if (s.kind !== 'done') throw new Error(JSON.stringify(s));
    expect(s.written).toEqual(expect.arrayContaining(['SupplierScorecard']));
  });

  it('exports the scorecard from rows (Excel) and from a picked file (standalone)', async () => {
    const e = await exportScorecard({ host: host(book).h, api: api(), lang: 'en', show });
    if (e.kind !== 'file') throw new Error(JSON.stringify(e));
    expect(e.name).toMatch(/^supplier-scorecard-\d{4}-Q[1-4]\.xlsx$/); // named with its period
    const scorecard = await loadXlsx(await e.blob.arrayBuffer());
    expect(scorecard.worksheets.length).toBeGreaterThan(1);
    const f = await exportScorecard({ file: await picked('plant.xlsx'), api: api(), lang: 'en', show });
    if (f.kind !== 'file') throw new Error(JSON.stringify(f));
    expect((await loadXlsx(await f.blob.arrayBuffer())).worksheets.map((w) => w.name)).toEqual(scorecard.worksheets.map((w) => w.name));
  });

  it('standalone: one upload, one solve; the workbook to save is the one that came with the results', async () => {
    const before = solves();
    const o = await runJob('plan', { file: await picked('my plant.xlsx'), api: api(), lang: 'en', show });
    if (o.kind !== 'done') throw new Error(JSON.stringify(o).slice(0, 300));
    await new Promise((r) => setTimeout(r, 100)); // let the log line arrive
    expect(solves()).toBe(before + 1);
    expect(o.written).toEqual([]);
    expect(o.download!.name).toBe('my plant-plan.xlsx');
    const out = workbookRows(await loadXlsx(await o.download!.blob.arrayBuffer()));
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['Orders', 'Plan', 'Load', 'Materials', 'Exceptions']));
    // The file's Plan sheet lists the orders the page was given, in the same order.
    const orders = o.response.sheets.find((x) => x.name === 'Plan')!.rows;
    expect(out.Plan.rows.map((r) => r[out.Plan.header.indexOf('Order')])).toEqual(orders.map((x) => x.orderId));
    expect(o.summary.late!.length).toBeGreaterThan(0);
    // the input sheet comes back as it went: same rows
    expect(out.Orders.rows.length).toBe(book.Orders.rows.length);
  });

  it('standalone: Validate and a run on a bad file list the cells the service names; Validate solves nothing', async () => {
    const wb = await loadXlsx(await sampleXlsx());
    wb.getWorksheet('Orders')!.getCell('D3').value = -5; // Quantity of the second order
    const bad = await picked('bad.xlsx', bytes(await wb.xlsx.writeBuffer()));
    const before = solves();
    expect(await validate({ file: bad, api: api('zh'), lang: 'zh', show })).toEqual({ kind: 'problems', problems: [{ sheet: 'Orders', cell: 'D3', text: '数量应为正数（当前为 -5）' }] });
    expect(await validate({ file: await picked('good.xlsx'), api: api(), lang: 'en', show })).toEqual({ kind: 'validated', ready: ['plan', 'quote', 'suppliers', 'costs', 'prices'], sheets: Object.keys(book).length });
    expect(solves()).toBe(before);
    expect(await runJob('quote', { file: bad, api: api(), lang: 'en', show })).toEqual({ kind: 'problems', problems: [{ sheet: 'Orders', cell: 'D3', text: 'Quantity must be a positive number (got -5)' }] });
    // Nothing picked: the pane asks for a file instead of calling the service.
    expect(await runJob('plan', { api: api(), lang: 'en', show })).toEqual({ kind: 'failed', message: STRINGS.en.noFile });
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
