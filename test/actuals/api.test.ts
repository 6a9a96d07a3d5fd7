// POST /api/v1/costs and /prices/review (JSON) and /workbook/costs (an .xlsx) against the built
// server on a loopback port, on the hand-worked book of fixture.ts (figures: costs.test.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PlannerApi } from '../../addin/api';
import { runJob, type WorkbookHost } from '../../addin/controller';
import { recordsToRows } from '../../shared/sample-plant';
import { workbookRows } from '../exceljs-read';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { loadXlsx, postJson, startServer, XLSX, type Server } from '../service/harness';
import { actualsBook } from './fixture';

let s: Server;
const api = (p: string) => `${s.url}/api/v1${p}`;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  expect(await s.stop()).toBe(0);
});

describe('costs and price review over HTTP', () => {
  test('POST /costs answers the order figures and stores a run', async () => {
    const r = await postJson(api('/costs'), { workbook: recordsToRows(actualsBook()) });
    const body = await r.json();
    expect(r.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    const so1 = body.orders.find((o: { orderId: string }) => o.orderId === 'SO1');
    expect(so1).toMatchObject({ standard: { total: 1040 }, actual: { total: 997.6 }, toComplete: { total: 240 }, projected: { total: 1237.6 }, quotedMargin: 290, projectedMargin: 212.4 });
    expect(body.sheets).toBeUndefined();
    expect(body.runId).toBe(Number(r.headers.get('x-run-id')));
    // Asked for the sheets (as the pane asks), the order, lot and wage lists travel as those sheets only.
    const withSheets = await (await postJson(api('/costs?sheets=true'), { workbook: recordsToRows(actualsBook()) })).json();
    expect(withSheets.sheets.map((x: { name: string }) => x.name)).toEqual(['OrderCosts', 'OrderCostTrace', 'SubcontractLots', 'Wages']);
    expect([withSheets.orders, withSheets.lots, withSheets.wages]).toEqual([undefined, undefined, undefined]);
    expect(withSheets.currency).toBe(body.currency);
  });

  test('POST /costs with a report for an unknown order: 400 with the cell', async () => {
    const book = actualsBook();
    book.sheets.WorkReports.push({ ReportId: 'R5', Order: 'SO9', OpSeq: 10, Date: '2026-02-25', Hours: 1 });
    const r = await postJson(api('/costs'), { workbook: recordsToRows(book) });
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toEqual([{ sheet: 'WorkReports', cell: 'B6', message: 'unknown order "SO9": use an OrderId of the Orders sheet' }]);
  });

  test('POST /prices/review flags the line 10 % over its tier', async () => {
    const r = await postJson(api('/prices/review'), { workbook: recordsToRows(actualsBook()), options: { period: '2026-Q1' } });
    const body = await r.json();
    expect(r.status).toBe(200);
    expect(body.lines.find((l: { poId: string }) => l.poId === 'P2')).toMatchObject({ deviationPct: 10, flags: ['overTolerance'] });
    expect(body.flagged).toBe(3); // P1 (3.2 %), P2 (10 %), P4 (off the list)
  });

  test('POST /prices/review holds quantities against the latest stored plan run, or the one named', async () => {
    const book = actualsBook();
    book.sheets.Orders.find((o) => o.OrderId === 'SO1')!.Status = 'Approved'; // not started: its 10 × 2 kg RM are bought
    const plan = await postJson(api('/plan'), { workbook: recordsToRows(book) });
    const planned = await plan.json();
    expect(plan.status).toBe(200);
    const suggested = planned.purchaseSuggestions.filter((p: { item: string; supplier: string }) => p.item === 'RM' && p.supplier === 'SUP1').reduce((a: number, p: { quantity: number }) => a + p.quantity, 0);
    expect(suggested).toBeGreaterThanOrEqual(20);
    for (const options of [{ period: '2026-Q1' }, { period: '2026-Q1', compareRunId: planned.runId }]) {
      const r = await postJson(api('/prices/review'), { workbook: recordsToRows(book), options });
      const body = await r.json();
      expect(r.status).toBe(200);
      expect(body.plan).toBe(`plan run ${planned.runId}`);
      const p2 = body.lines.find((l: { poId: string }) => l.poId === 'P2');
      // P2 orders 120 kg RM from SUP1: held against the plan's suggestion of that item from that supplier
      expect(p2).toMatchObject({ quantity: 120, suggestedQty: suggested, vsSuggestion: 120 - suggested });
      expect(p2.flags.includes('aboveSuggestion')).toBe(120 > suggested);
      // P4 is from SUP2, which the plan suggests nothing from: no comparison
      expect(body.lines.find((l: { poId: string }) => l.poId === 'P4')).toMatchObject({ suggestedQty: null, vsSuggestion: null });
    }
  });

  test('POST /workbook/costs returns the book with the cost sheets added', async () => {
    const b = actualsBook();
    const bytes = Buffer.from(await inputWorkbook(b.settings, b.sheets).xlsx.writeBuffer());
    const r = await fetch(api('/workbook/costs'), { method: 'POST', headers: { 'content-type': XLSX }, body: bytes });
    expect(r.status).toBe(200);
    const back = workbookRows(await loadXlsx(await r.arrayBuffer()));
    expect(Object.keys(back)).toEqual(expect.arrayContaining(['WorkReports', 'MaterialIssues', 'OrderCosts', 'OrderCostTrace']));
  });
});

describe('the task pane\'s Order costs button', () => {
  test('reads the book, runs the costs job on the service and writes the cost sheets', async () => {
    const written: string[][] = [];
    const host: WorkbookHost = { read: async () => recordsToRows(actualsBook()), write: async (sheets) => (written.push(sheets.map((x) => x.name)), sheets.map((x) => x.name)) };
    const api = new PlannerApi(`${s.url}/api/v1/`, (u, i) => fetch(u, i), 'en');
    const o = await runJob('costs', { host, api, lang: 'en', show: () => undefined });
    if (o.kind !== 'done') throw new Error(JSON.stringify(o));
    expect(written).toEqual([['OrderCosts', 'OrderCostTrace', 'SubcontractLots', 'Wages']]);
    // SO1 loses margin (290.00 quoted, 212.40 projected) and lot L1 is overdue: both rows flagged
    expect(o.summary.lines).toEqual(expect.arrayContaining([expect.stringContaining('OrderCosts'), expect.stringContaining('SubcontractLots')]));
  });
});
