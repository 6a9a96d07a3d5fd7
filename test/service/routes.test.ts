// Every route's success path against the built server on a loopback port, on the sample plant.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { workbookRows } from '../exceljs-read';
import { loadXlsx, postJson, sampleRows, sampleXlsx, startServer, XLSX, type Server } from './harness';

let s: Server;
let rows: WorkbookRows;
let xlsx: Uint8Array<ArrayBuffer>;
/** POST /quotes/simulate's answer on the sample, reused by later tests (a quote takes seconds). */
let quote: { runId: number; quotes: unknown[] };
const api = (p: string) => `${s.url}/api/v1${p}`;

beforeAll(async () => {
  [s, rows, xlsx] = await Promise.all([startServer(), sampleRows(), sampleXlsx()]);
});
afterAll(async () => {
  expect(await s.stop()).toBe(0); // graceful SIGTERM exits cleanly
});

/** Data rows of a sheet whose first cell is not blank. */
const count = (book: WorkbookRows, sheet: string) => book[sheet].rows.filter((r) => r[0] !== null && r[0] !== '').length;
const col = (book: WorkbookRows, sheet: string, name: string) => book[sheet].header.indexOf(name);

/** The returned workbook: input sheets identical to what was sent, plus exactly the job's result sheets. */
async function expectInputsUntouched(returned: ArrayBuffer | Uint8Array, resultSheets: string[]) {
  const back = workbookRows(await loadXlsx(returned));
  const sent = workbookRows(await loadXlsx(xlsx));
  expect(Object.keys(back).sort()).toEqual([...Object.keys(sent), ...resultSheets].sort());
  for (const name of Object.keys(sent)) expect(back[name], name).toEqual(sent[name]);
  return back;
}

describe('service routes on the sample plant', () => {
  test('GET /health answers with the pool and database state', async () => {
    const r = await fetch(api('/health'));
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await r.json()).toMatchObject({ status: 'ok', https: false, workers: { size: 1, ready: 1, busy: 0, queued: 0 }, db: { ok: true, schemaVersion: 1 } });
  });

  test('GET /sample.xlsx is the sample workbook', async () => {
    const r = await fetch(api('/sample.xlsx'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toContain('mto-sample.xlsx');
    expect(workbookRows(await loadXlsx(await r.arrayBuffer()))).toEqual(workbookRows(await loadXlsx(xlsx)));
  });

  test('POST /plan plans every Approved and InProduction order', async () => {
    const r = await postJson(api('/plan'), { workbook: rows });
    const body = await r.json();
    expect(r.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    // Plannable orders counted from the input: status Approved (also when blank) or InProduction.
    const st = col(rows, 'Orders', 'Status');
    const plannable = rows.Orders.rows.filter((o) => o[0] && ['Approved', 'InProduction', null, ''].includes(o[st] as string)).length;
    expect(body.orders).toHaveLength(plannable);
    expect(body.runId).toBe(Number(r.headers.get('x-run-id')));
    // The typed answer alone: its rows are not sent a second time as result sheets.
    expect(body.sheets).toBeUndefined();
  });

  test('POST /plan?sheets=true answers with the result sheets in place of the lists they carry', async () => {
    const typed = await (await postJson(api('/plan'), { workbook: rows })).json();
    const r = await postJson(api('/plan?sheets=true'), { workbook: rows });
    const body = await r.json();
    expect(r.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.sheets.map((x: { name: string }) => x.name)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order']);
    for (const k of ['orders', 'load', 'materials', 'purchaseSuggestions', 'exceptions', 'schedule']) expect(body[k], k).toBeUndefined();
    // What no sheet carries stays; the Plan sheet lists the typed answer's orders, row for row.
    expect(body.status).toBe('optimal');
    expect(body.objective).toBe(typed.objective);
    const planRows = body.sheets.find((x: { name: string }) => x.name === 'Plan').rows;
    expect(planRows.map((x: { orderId: string; daysLate: number | null }) => [x.orderId, x.daysLate])).toEqual(typed.orders.map((x: { orderId: string; daysLate: number | null }) => [x.orderId, x.daysLate]));
    // each result once: besides the sheets, the answer is a few hundred bytes (status, objective, solver, run)
    expect(JSON.stringify(body).length - JSON.stringify(body.sheets).length).toBeLessThan(1000);
    expect((await postJson(api('/plan?sheets=maybe'), { workbook: rows })).status).toBe(400);
  });

  test('POST /quotes/simulate prices every quote line', async () => {
    const r = await postJson(api('/quotes/simulate'), { workbook: rows });
    expect(r.status).toBe(200);
    const body = await r.json();
    quote = body;
    expect(body.quotes).toHaveLength(count(rows, 'Quotes'));
    for (const q of body.quotes) expect(q.simulation.p10 <= q.simulation.p50 && q.simulation.p50 <= q.simulation.p90).toBe(true);
    expect(body.sheets).toBeUndefined();
    expect(typeof body.runId).toBe('number');
  });

  test('POST /suppliers/evaluate scores every supplier', async () => {
    const r = await postJson(api('/suppliers/evaluate'), { workbook: rows, options: { period: '2026-Q3' } });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.period).toBe('2026-Q3');
    expect(body.suppliers.map((x: { supplierId: string }) => x.supplierId).sort()).toEqual(rows.Suppliers.rows.map((x) => x[0]).sort());
    expect(body.sheets).toBeUndefined();
    expect(body.allocations.length).toBeGreaterThan(0);
  });

  test('POST /suppliers/export returns the scorecard workbook', async () => {
    const r = await postJson(api('/suppliers/export'), { workbook: rows });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toMatch(/supplier-scorecard-\d{4}-Q[1-4]\.xlsx/); // named with its period
    const wb = await loadXlsx(await r.arrayBuffer());
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(2);
    // the same export from an uploaded workbook
    const up = await fetch(api('/suppliers/export'), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx });
    expect(up.status).toBe(200);
    expect((await loadXlsx(await up.arrayBuffer())).worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
  });

  test('POST /workbook/quote (raw .xlsx body) returns the workbook with result sheets added', async () => {
    const r = await fetch(api('/workbook/quote'), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(Number(r.headers.get('x-run-id'))).toBeGreaterThan(0);
    const back = await expectInputsUntouched(await r.arrayBuffer(), ['QuoteResults', 'QuoteDistribution', 'QuoteLines']);
    expect(count(back, 'QuoteResults')).toBe(count(rows, 'Quotes'));
  });

  test('POST /workbook/suppliers (multipart field "workbook") returns the workbook with the scorecard', async () => {
    const form = new FormData();
    form.append('workbook', new Blob([xlsx], { type: XLSX }), 'factory.xlsx');
    form.append('period', '2026-Q3');
    const r = await fetch(api('/workbook/suppliers'), { method: 'POST', body: form });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('factory-suppliers.xlsx');
    const back = await expectInputsUntouched(await r.arrayBuffer(), ['SupplierScorecard']);
    expect(count(back, 'SupplierScorecard')).toBe(count(rows, 'Suppliers'));
  });

  test('POST /workbook/plan returns the workbook with the plan sheets', async () => {
    const form = new FormData();
    form.append('workbook', new Blob([xlsx], { type: XLSX }), 'plant.xlsx');
    const r = await fetch(api('/workbook/plan'), { method: 'POST', body: form });
    expect(r.status, await r.clone().text().then((t) => t.slice(0, 300))).toBe(200);
    const back = await expectInputsUntouched(await r.arrayBuffer(), ['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order']);
    expect(back.Plan.rows.length).toBeGreaterThan(0);
  });

  test('POST /workbook/plan asked for JSON: one solve answers the plan and the workbook with it, one run stored', async () => {
    const total = async () => ((await (await fetch(api('/runs?limit=1'))).json()) as { total: number }).total;
    const before = await total();
    const form = new FormData();
    form.append('workbook', new Blob([xlsx], { type: XLSX }), 'plant.xlsx');
    const r = await fetch(api('/workbook/plan'), { method: 'POST', body: form, headers: { accept: 'application/json' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.headers.get('vary')).toMatch(/accept/i);
    const body = (await r.json()) as { runId: number; filename: string; download: string; orders: { orderId: string; daysLate: number | null; shortQty: number }[]; sheets?: unknown };
    expect(body.runId).toBe(Number(r.headers.get('x-run-id')));
    expect(body.filename).toBe('plant-plan.xlsx');
    expect(body.sheets).toBeUndefined(); // the typed answer: its rows are in the workbook, not sent twice
    const sheetNames = ['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order'];

    // The answer carries the workbook once, behind a one-off link: the uploaded workbook plus the
    // result sheets; its Plan sheet lists exactly the JSON's orders, row for row, with the same
    // days late (so the page shows what the file holds).
    expect(body.download).toMatch(/^\/downloads\/[\w-]{32}$/);
    expect(JSON.stringify(body)).not.toMatch(/UEsDB/); // no base64 zip inside
    const file = await fetch(new URL(body.download, r.url));
    expect(file.headers.get('content-disposition')).toContain('plant-plan.xlsx');
    const back = await expectInputsUntouched(await file.arrayBuffer(), sheetNames);
    const plan = back.Plan;
    expect(plan.rows.map((row) => row[plan.header.indexOf('Order')])).toEqual(body.orders.map((o) => o.orderId));
    expect(plan.rows.map((row) => row[plan.header.indexOf('Days late')] ?? null)).toEqual(body.orders.map((o) => o.daysLate));
    expect(body.orders.some((o) => (o.daysLate ?? 0) > 0)).toBe(true); // the sample has late orders, so the comparison bites

    // One run for the request: the stored result is this JSON without the file, and the result
    // sheets (kept with the run, not sent).
    expect(await total()).toBe(before + 1);
    const run = await (await fetch(api(`/runs/${body.runId}`))).json();
    expect(run).toMatchObject({ id: body.runId, job: 'plan', kind: 'workbook', status: 'ok' });
    const { runId: _r, filename: _f, download: _d, ...result } = body;
    const { sheets, ...stored } = run.result;
    expect(stored).toEqual(result);
    expect(sheets.map((x: { name: string }) => x.name)).toEqual(sheetNames);
  });

  test('?format=json does the same for a raw upload; ?format=xlsx wins over Accept', async () => {
    const r = await fetch(api('/workbook/suppliers?format=json&period=2026-Q3'), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { period: string; filename: string; download: string; suppliers: { supplierId: string }[] };
    expect(body.period).toBe('2026-Q3');
    expect(body.filename).toBe('workbook-suppliers.xlsx'); // a raw body has no file name
    const back = await expectInputsUntouched(await (await fetch(new URL(body.download, r.url))).arrayBuffer(), ['SupplierScorecard']);
    expect(count(back, 'SupplierScorecard')).toBe(body.suppliers.length);

    const x = await fetch(api('/workbook/suppliers?format=xlsx'), { method: 'POST', headers: { 'content-type': XLSX, accept: 'application/json' }, body: xlsx });
    expect(x.headers.get('content-type')).toBe(XLSX);
    await expectInputsUntouched(await x.arrayBuffer(), ['SupplierScorecard']);
  });

  test('POST /workbook/validate checks an upload for every job without solving or storing a run', async () => {
    const total = async () => ((await (await fetch(api('/runs?limit=1'))).json()) as { total: number }).total;
    const before = await total();
    const form = new FormData();
    form.append('workbook', new Blob([xlsx], { type: XLSX }), 'plant.xlsx');
    const r = await fetch(api('/workbook/validate'), { method: 'POST', body: form });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ready: ['plan', 'quote', 'suppliers', 'costs', 'prices'], sheets: Object.keys(rows).length });
    expect(await total()).toBe(before);
  });

  test('GET /runs lists runs newest first without blobs; both cursors page through them', async () => {
    for (let i = 0; i < 3; i++) expect((await postJson(api('/suppliers/evaluate'), { workbook: rows })).status).toBe(200);
    const all = await (await fetch(api('/runs?limit=200'))).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    const ids: number[] = all.runs.map((r: { id: number }) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.runs[0]).not.toHaveProperty('input');
    expect(all.runs[0]).not.toHaveProperty('result');
    expect(all.runs[0]).toMatchObject({ job: 'suppliers', kind: 'json', status: 'ok', appVersion: expect.any(String) });

    const p1 = await (await fetch(api('/runs?limit=2'))).json();
    expect(p1.runs.map((r: { id: number }) => r.id)).toEqual(ids.slice(0, 2));
    const byCursor = await (await fetch(api(`/runs?limit=2&before=${p1.nextBefore}`))).json();
    const byOffset = await (await fetch(api(`/runs?limit=2&offset=${p1.nextOffset}`))).json();
    expect(byCursor.runs.map((r: { id: number }) => r.id)).toEqual(ids.slice(2, 4));
    expect(byOffset.runs.map((r: { id: number }) => r.id)).toEqual(ids.slice(2, 4));
    const quotes = await (await fetch(api('/runs?job=quote'))).json();
    expect(quotes.runs.every((r: { job: string }) => r.job === 'quote')).toBe(true);
  });

  test('GET /runs/:id returns the stored input and result, enough to reproduce a quote', async () => {
    const first = quote;
    const run = await (await fetch(api(`/runs/${first.runId}`))).json();
    expect(run).toMatchObject({ id: first.runId, job: 'quote', kind: 'json', status: 'ok' });
    expect(run.input).toEqual(rows);
    const { runId: _a, ...result } = first;
    // the run keeps the answer and the result sheets (the answer itself does not carry them)
    const { sheets, ...stored } = run.result;
    expect(stored).toEqual(result);
    expect(sheets.map((x: { name: string }) => x.name)).toEqual(['QuoteResults', 'QuoteDistribution', 'QuoteLines']);
    // Replaying the stored input with the stored options gives the same quote (seeded simulation).
    const again = await (await postJson(api('/quotes/simulate'), { workbook: run.input, options: { lang: run.options.lang } })).json();
    const { runId: _b, ...replayed } = again;
    expect(replayed).toEqual(result);
    expect((await fetch(api('/runs/999999'))).status).toBe(404);
  });

  test('static files: task pane redirect, manifest, icons, office.js fallback, security headers', async () => {
    const root = await fetch(`${s.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/taskpane.html');
    const manifest = await fetch(`${s.url}/manifest.xml`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('xml');
    expect(await manifest.text()).toContain('<OfficeApp');
    const icon = await fetch(`${s.url}/assets/icon-32.png`);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${s.url}/assets/make-icons.mjs`)).status).toBe(404);
    const office = await fetch(`${s.url}/office-js/office.js`);
    expect(office.status).toBe(200);
    expect(office.headers.get('content-type')).toContain('javascript');
    const csp = office.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).toContain('frame-ancestors');
    expect(office.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
