// Every error class, against the built server: each answer is JSON a client can act on, never a
// stack trace, and the server keeps serving afterwards.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { bytes, loadXlsx, postJson, sampleRows, sampleXlsx, startServer, withSetting, XLSX, type Server } from './harness';

let s: Server;
let tiny: Server; // small limits: 1 MB bodies, 500 cells
let rows: WorkbookRows;
let xlsx: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  [s, tiny, rows, xlsx] = await Promise.all([
    startServer({ MTO_JSON_LIMIT_MB: '1', MTO_UPLOAD_LIMIT_MB: '1' }),
    startServer({ MTO_JSON_LIMIT_MB: '1', MTO_UPLOAD_LIMIT_MB: '1', MTO_MAX_CELLS: '500' }),
    sampleRows(),
    sampleXlsx(),
  ]);
});
afterAll(async () => {
  await Promise.all([s.stop(), tiny.stop()]);
});

const api = (p: string, server = s) => `${server.url}/api/v1${p}`;

/** An error answer: JSON with the given status, and nothing that looks like a stack trace. */
async function expectError(r: Response, status: number): Promise<Record<string, unknown>> {
  const text = await r.text();
  expect(r.status, text.slice(0, 300)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/json');
  expect(text).not.toMatch(/\n\s+at |node_modules|\/work\//);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('invalid input → 400 listing every problem', () => {
  // Sample layout (row 1 = headers): Orders A OrderId, B Customer, C Item, D Quantity;
  // Settings row 2 is PlanStart with its value in column B.
  const broken = () => {
    const b = withSetting(rows, 'PlanStart', 'someday');
    b.Orders.rows[0][3] = -5; // Orders!D2
    b.Orders.rows[1][2] = 'NO-SUCH-ITEM'; // Orders!C3
    return b;
  };

  test('each problem is named by sheet and cell, all in one answer', async () => {
    const body = await expectError(await postJson(api('/plan'), { workbook: broken() }), 400);
    const errors = body.errors as { sheet: string; cell: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { sheet: 'Settings', cell: 'B2', message: expect.stringContaining('PlanStart') },
        { sheet: 'Orders', cell: 'D2', message: expect.stringContaining('Quantity') },
        { sheet: 'Orders', cell: 'C3', message: expect.stringContaining('NO-SUCH-ITEM') },
      ]),
    );
    expect(typeof body.runId).toBe('number'); // rejected runs are kept too
  });

  test('in Chinese with ?lang=zh or Accept-Language: zh-CN', async () => {
    for (const [url, headers] of [
      [api('/plan?lang=zh'), {}],
      [api('/plan'), { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' }],
    ] as const) {
      const body = await expectError(await postJson(url, { workbook: broken() }, headers), 400);
      const d2 = (body.errors as { cell: string; message: string }[]).find((e) => e.cell === 'D2')!;
      expect(d2.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('a JSON cell that no sheet could hold is named by its cell', async () => {
    const b = structuredClone(rows) as unknown as { Orders: { rows: unknown[][] } };
    b.Orders.rows[2][3] = { qty: 5 }; // Orders!D4
    const body = await expectError(await postJson(api('/plan'), { workbook: b }), 400);
    expect(body.errors).toEqual([{ sheet: 'Orders', cell: 'D4', message: expect.stringContaining('a cell must be') }]);
  });

  test('an .xlsx upload that asks for JSON, and Validate on an upload, name the cells the same way', async () => {
    const wb = await loadXlsx(xlsx);
    wb.getWorksheet('Orders')!.getCell('D2').value = -5; // Quantity of the first order
    const bad = bytes(await wb.xlsx.writeBuffer());
    const form = () => {
      const f = new FormData();
      f.append('workbook', new Blob([bad], { type: XLSX }), 'bad.xlsx');
      return f;
    };
    const run = await expectError(await fetch(api('/workbook/plan?lang=zh'), { method: 'POST', body: form(), headers: { accept: 'application/json' } }), 400);
    expect(run.errors).toEqual([{ sheet: 'Orders', cell: 'D2', message: '数量应为正数（当前为 -5）' }]);
    expect(typeof run.runId).toBe('number');
    const check = await expectError(await fetch(api('/workbook/validate'), { method: 'POST', body: form() }), 400);
    expect(check.errors).toEqual([{ sheet: 'Orders', cell: 'D2', message: 'Quantity must be a positive number (got -5)' }]);
    expect(check).not.toHaveProperty('runId'); // a check is not a run
  });

  test('a workbook upload with bad rows answers the same way', async () => {
    const body = await expectError(await postJson(api('/quotes/simulate'), { workbook: { Items: rows.Items } }), 400);
    // Missing required sheets for a quote: Routing, WorkCenters, Quotes.
    const sheets = (body.errors as { sheet: string }[]).map((e) => e.sheet);
    expect(sheets).toEqual(expect.arrayContaining(['Routing', 'WorkCenters', 'Quotes']));
  });
});

describe('malformed requests → 400 with a plain message', () => {
  test('malformed JSON', async () => {
    const body = await expectError(await postJson(api('/plan'), '{"workbook": {'), 400);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatch(/^Malformed JSON/);
  });

  test('JSON of the wrong shape, an empty body, or not JSON at all', async () => {
    expect((await expectError(await postJson(api('/plan'), { workbook: 5 }), 400)).error).toMatch(/workbook/);
    expect((await expectError(await postJson(api('/plan'), { workbook: rows, extra: 1 }), 400)).error).toMatch(/extra/);
    expect((await expectError(await fetch(api('/plan'), { method: 'POST', headers: { 'content-type': 'application/json' } }), 400)).error).toMatch(/empty/);
    expect((await expectError(await fetch(api('/plan'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plan please' }), 400)).error).toMatch(/application\/json/);
  });

  test('unknown or bad options', async () => {
    expect((await expectError(await postJson(api('/plan'), { workbook: rows, options: { timelimit: 5 } }), 400)).error).toMatch(/unknown option timelimit/);
    expect((await expectError(await postJson(api('/plan'), { workbook: rows, options: { solver: 'gurobi' } }), 400)).error).toMatch(/options\.solver/);
    expect((await expectError(await fetch(api('/workbook/plan?timeLimitSeconds=-1'), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx }), 400)).error).toMatch(/timeLimitSeconds/);
    expect((await expectError(await fetch(api('/workbook/plan?format=csv'), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx }), 400)).error).toMatch(/format must be json or xlsx/);
  });

  test('an upload that is not a spreadsheet: text, a zip of something else, no file at all', async () => {
    const text = await expectError(await fetch(api('/workbook/plan'), { method: 'POST', headers: { 'content-type': XLSX }, body: 'OrderId,Quantity\nA,1\n' }), 400);
    expect(text.error).toMatch(/^This is not a spreadsheet \(found: a CSV text file/);
    const zip = await new JSZip().file('hello.txt', 'not a workbook').generateAsync({ type: 'uint8array' });
    expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // passes the signature check…
    expect((await expectError(await fetch(api('/workbook/plan'), { method: 'POST', headers: { 'content-type': XLSX }, body: bytes(zip) }), 400)).error).toMatch(/found: a zip archive without a workbook: hello\.txt/); // …and is named
    const form = new FormData();
    form.append('file', new Blob([xlsx]), 'plant.xlsx'); // wrong field name
    expect((await expectError(await fetch(api('/workbook/plan'), { method: 'POST', body: form }), 400)).error).toMatch(/"workbook"/);
    expect((await expectError(await fetch(api('/workbook/plan'), { method: 'POST', headers: { 'content-type': XLSX } }), 400)).error).toMatch(/No workbook/);
  });

  test('unknown endpoints and bad run ids', async () => {
    expect((await expectError(await fetch(api('/nope')), 404)).error).toMatch(/No such endpoint/);
    await expectError(await fetch(api('/runs/abc')), 400);
    await expectError(await fetch(api('/runs?limit=100000')), 400);
  });
});

describe('too large → 413', () => {
  const big = 'x'.repeat(1.5 * 1024 * 1024); // over the 1 MB limits of both servers

  test('a JSON body over MTO_JSON_LIMIT_MB', async () => {
    const body = await expectError(await postJson(api('/plan'), { workbook: { Orders: { header: ['Notes'], rows: [[big]] } } }), 413);
    expect(body.error).toMatch(/larger than/);
  });

  test('an upload over MTO_UPLOAD_LIMIT_MB, raw or multipart', async () => {
    const huge = bytes(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(big)]));
    await expectError(await fetch(api('/workbook/plan'), { method: 'POST', headers: { 'content-type': XLSX }, body: huge }), 413);
    const form = new FormData();
    form.append('workbook', new Blob([huge]), 'huge.xlsx');
    await expectError(await fetch(api('/workbook/plan'), { method: 'POST', body: form }), 413);
    await expectError(await fetch(api('/workbook/plan'), { method: 'POST', body: form, headers: { accept: 'application/json' } }), 413);
  });

  test('a workbook over the model-size cap (MTO_MAX_CELLS), as JSON or .xlsx', async () => {
    // The sample's Orders sheet alone: 9 columns × (1 header + 46 orders) = 423 cells; all sheets far more than 500.
    const body = await expectError(await postJson(api('/plan', tiny), { workbook: rows }), 413);
    expect(body.error).toMatch(/up to 500/);
    await expectError(await fetch(api('/workbook/plan', tiny), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx }), 413);
    await expectError(await fetch(api('/workbook/plan?format=json', tiny), { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx }), 413);
  });
});

describe('cannot solve → 422 with the reason', () => {
  test('no optimal plan within the time limit asked for', async () => {
    const body = await expectError(await postJson(api('/plan'), { workbook: rows, options: { solver: 'highs', timeLimitSeconds: 0.001 } }), 422);
    expect(body.reason).toBe('timeLimit');
    expect(body.error).toMatch(/time limit/);
    const run = await (await fetch(api(`/runs/${body.runId}`))).json();
    expect(run).toMatchObject({ status: 'failed', error: { reason: 'timeLimit' } });
  });
});

test('after all that, the server is still serving', async () => {
  expect(s.proc.exitCode).toBeNull();
  expect((await fetch(api('/health'))).status).toBe(200);
  expect((await postJson(api('/suppliers/evaluate'), { workbook: rows })).status).toBe(200);
});
