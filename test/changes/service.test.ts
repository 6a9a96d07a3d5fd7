// What-if and comparison through the built service on the sample plant: options.whatIf, and
// compareRunId against a stored run. A what-if's changes must equal a comparison of two separate
// plan requests (the book as it is, stored; the edited book compared with that run).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { loadXlsx, postJson, sampleRows, sampleXlsx, startServer, XLSX, type Server } from '../service/harness';
import { workbookRows } from '../exceljs-read';

let s: Server;
let rows: WorkbookRows;
const api = (p: string) => `${s.url}/api/v1${p}`;

beforeAll(async () => {
  [s, rows] = await Promise.all([startServer(), sampleRows()]);
});
afterAll(async () => {
  expect(await s.stop()).toBe(0);
});

/** The sample with one order's Status set, as a planner would edit the book. */
function withStatus(book: WorkbookRows, orderId: string, status: string): WorkbookRows {
  const o = book.Orders;
  const st = o.header.indexOf('Status');
  return { ...book, Orders: { ...o, rows: o.rows.map((r) => (r[0] === orderId ? r.map((v, j) => (j === st ? status : v)) : r)) } };
}

describe('what-if and compare in the API', () => {
  test('a cancellation as options.whatIf equals the edited book compared with the stored plan of the original', async () => {
    const base = await postJson(api('/plan'), { workbook: rows });
    expect(base.status).toBe(200);
    const runId = (await base.json()).runId as number;

    const wi = await postJson(api('/plan'), { workbook: rows, options: { whatIf: [{ action: 'Cancel', orderId: 'SO-261101' }] } });
    const w = await wi.json();
    expect(wi.status, JSON.stringify(w).slice(0, 300)).toBe(200);
    expect(w.changes.effects).toHaveLength(1);
    expect(w.changes.effects[0]).toMatchObject({ action: 'Cancel', orderId: 'SO-261101', change: 'Cancel SO-261101: cancelled (18 × FG-PUMP-100)' });
    // The typed answer carries no result sheets; the run keeps them.
    expect(w.sheets).toBeUndefined();
    const kept = (await (await fetch(api(`/runs/${w.runId}`))).json()).result;
    expect(kept.sheets.map((x: { name: string }) => x.name)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order', 'Changes', 'Stranded', 'RunOut']);
    expect(w.changes.orders.find((o: { orderId: string }) => o.orderId === 'SO-261101')).toMatchObject({ move: 'gone' });
    // SO-261101 is 18 FG-PUMP-100, each taking a 3 kW motor: its 18 motors are no longer needed.
    expect(w.stranded.find((x: { item: string }) => x.item === 'BP-MOTOR-3KW')).toMatchObject({ needBefore: expect.any(Number) });

    const cmp = await postJson(api('/plan'), { workbook: withStatus(rows, 'SO-261101', 'Cancelled'), options: { compareRunId: runId } });
    const c = await cmp.json();
    expect(cmp.status, JSON.stringify(c).slice(0, 300)).toBe(200);
    expect(c.changes.comparedWith).toBe('earlier plan');
    // Same baseline, same scenario: the same changes, summary, costs and stranded material.
    expect(c.objective).toBeCloseTo(w.objective, 6);
    expect(c.changes.orders).toEqual(w.changes.orders);
    expect(c.changes.summary).toBe(w.changes.summary);
    expect(c.changes.costsBefore).toEqual(w.changes.costsBefore);
    expect(c.changes.costsAfter).toEqual(w.changes.costsAfter);
    expect(c.stranded).toEqual(w.stranded);
  });

  test('bad change rows and bad run ids are refused with what to fix', async () => {
    const bad = await postJson(api('/plan'), { workbook: rows, options: { whatIf: [{ action: 'Cancel', orderId: 'NOPE' }, { action: 'DueDate', orderId: 'SO-261103', date: '2026-01-01' }] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([
      { sheet: 'WhatIf', cell: 'B2', message: 'unknown order "NOPE": use an OrderId from Orders (or an order added above)' },
      { sheet: 'WhatIf', cell: 'E3', message: '2026-01-01 is before PlanStart 2026-11-30: enter a day on or after it' },
    ]);
    const none = await postJson(api('/plan'), { workbook: rows, options: { compareRunId: 99999 } });
    expect(none.status).toBe(400);
    expect((await none.json()).error).toContain('compareRunId 99999: there is no such run');
    const quote = await fetch(api('/plan?compareRunId=abc'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workbook: rows }) });
    expect(quote.status).toBe(400);
  });

  test('compareWithBook: a planned workbook sent again is compared with the plan it holds', async () => {
    const first = await fetch(api('/workbook/plan'), { method: 'POST', headers: { 'content-type': XLSX }, body: await sampleXlsx() });
    expect(first.status).toBe(200);
    const planned = new Uint8Array(await first.arrayBuffer());
    const again = await fetch(api('/workbook/plan?compareWithBook=true&format=json'), { method: 'POST', headers: { 'content-type': XLSX }, body: planned });
    const body = await again.json();
    expect(again.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    // Nothing changed in the book, so nothing moves.
    expect(body.changes.comparedWith).toBe('earlier plan');
    expect(body.changes.orders).toEqual([]);
    expect(body.changes.summary).toBe('no order moves, lateness cost ±0 CNY');
    const back = workbookRows(await loadXlsx(await (await fetch(new URL(body.download, again.url))).arrayBuffer()));
    expect(Object.keys(back)).toEqual(expect.arrayContaining(['Plan', 'Changes', 'Stranded']));
  });
});
