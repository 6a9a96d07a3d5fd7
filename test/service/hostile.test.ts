// Files and bodies that used to cost the service a worker, memory or a 500, against the built
// server: each is refused with a 4xx naming what is wrong, quickly, while /health stays 200.
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as SheetJS from '@e965/xlsx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { bigTable, have, withPart, zipBombs } from '../files';
import { tempDir } from '../helpers';
import { bytes, loadXlsx, postJson, sampleRows, sampleXlsx, startServer, XLSX, type Server } from './harness';

let s: Server;
let rows: WorkbookRows;
let xlsx: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  [s, rows, xlsx] = await Promise.all([startServer(), sampleRows(), sampleXlsx()]);
}, 60_000);
afterAll(async () => {
  await s.stop();
});

const api = (p: string) => `${s.url}/api/v1${p}`;
const upload = (path: string, body: Uint8Array<ArrayBuffer> | string, type = XLSX) => fetch(api(path), { method: 'POST', headers: { 'content-type': type }, body });
const healthy = async () => (await fetch(api('/health'))).status;

describe('hostile workbooks', () => {
  test.skipIf(!have('openpyxl'))('a zip bomb is refused in well under a second: 413 from its directory on arrival, 400 when the directory lies', async () => {
    const dir = tempDir();
    zipBombs(join(dir, 'bomb.xlsx'), join(dir, 'liar.xlsx'));
    // The honest one by its directory, before a worker sees it; the liar by the worker, which
    // stops inflating an entry at the size the directory gave it.
    for (const [name, status, error] of [
      ['bomb.xlsx', 413, /^The workbook expands to more than 200 MB when unzipped/],
      ['liar.xlsx', 400, /^This is not a spreadsheet \(found: a damaged zip file \(xl\/worksheets\/sheet1\.xml holds more than the 1000 bytes its directory says\)\)/],
    ] as const) {
      const t0 = performance.now();
      const pending = upload('/workbook/plan', bytes(readFileSync(join(dir, name))));
      expect(await healthy()).toBe(200);
      const r = await pending;
      const ms = performance.now() - t0;
      const body = (await r.json()) as { error: string };
      expect(r.status, body.error).toBe(status);
      expect(body.error).toMatch(error);
      expect(body.error).not.toMatch(/fewer orders/);
      expect(ms).toBeLessThan(1000);
    }
    expect(await healthy()).toBe(200);
  }, 120_000);

  test('a shared-strings table of 600,000 texts (a plant has a few thousand) is refused with 413 before parsing, even when its count lies', async () => {
    for (const declared of [(n: number) => n, () => 432]) {
      const hostile = bytes(withPart(xlsx, 'xl/sharedStrings.xml', bigTable(xlsx, 600_000, declared)));
      const t0 = performance.now();
      const r = await upload('/workbook/plan', hostile);
      const body = (await r.json()) as { error: string };
      expect(r.status, body.error).toBe(413);
      expect(body.error).toMatch(/^The workbook's shared-strings table holds more than 500,000 texts \(a plant's workbook has a few thousand\)/);
      expect(performance.now() - t0).toBeLessThan(5000);
    }
    expect(await healthy()).toBe(200);
  }, 60_000);

  test('a PDF is named as one (400), and a value at XFD1048576 is reported by its cell', async () => {
    const pdf = await upload('/workbook/plan', '%PDF-1.7\n%âãÏÓ\n');
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as { error: string }).error).toMatch(/^This is not a spreadsheet \(found: a PDF document\)/);
    const wb = await loadXlsx(xlsx);
    wb.getWorksheet('Orders')!.getCell('XFD1048576').value = 'stray';
    const far = bytes(await wb.xlsx.writeBuffer());
    const t0 = performance.now();
    const r = await upload('/workbook/validate', far);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { errors: { sheet: string; cell: string }[] }).errors).toEqual([expect.objectContaining({ sheet: 'Orders', cell: 'XFD1048576' })]);
  }, 60_000);

  test('an .ods comes back as .xlsx, named so, with a note saying why; an .xlsm as .xlsm', async () => {
    const ods = bytes(SheetJS.write(SheetJS.read(xlsx, { type: 'array' }), { bookType: 'ods', type: 'buffer' }) as Buffer);
    const form = new FormData();
    form.append('workbook', new Blob([ods]), 'plant.ods');
    const r = await fetch(api('/workbook/plan?format=json'), { method: 'POST', body: form });
    const j = (await r.json()) as { filename: string; note: string; download: string; status: string };
    expect(r.status, JSON.stringify(j).slice(0, 300)).toBe(200);
    expect(j.filename).toBe('plant-plan.xlsx');
    expect(j.note).toMatch(/^The input is an OpenDocument spreadsheet \(\.ods\); result sheets can only be added to an Excel workbook/);
    expect(SheetJS.read(new Uint8Array(await (await fetch(new URL(j.download, r.url))).arrayBuffer())).SheetNames.slice(-8)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order']);

    const zip = await JSZip.loadAsync(xlsx);
    const types = (await zip.file('[Content_Types].xml')!.async('string'))
      .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
      .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>');
    zip.file('[Content_Types].xml', types).file('xl/_rels/workbook.xml.rels', rels).file('xl/vbaProject.bin', 'macro bytes');
    const xlsm = new FormData();
    xlsm.append('workbook', new Blob([bytes(await zip.generateAsync({ type: 'uint8array' }))]), 'plant.xlsm');
    const m = await fetch(api('/workbook/plan'), { method: 'POST', body: xlsm });
    expect(m.status).toBe(200);
    expect(m.headers.get('content-disposition')).toContain('plant-plan.xlsm');
    expect(m.headers.get('content-type')).toContain('application/vnd.ms-excel.sheet.macroEnabled.12');
    const back = await JSZip.loadAsync(await m.arrayBuffer());
    expect(await back.file('xl/vbaProject.bin')!.async('string')).toBe('macro bytes');
  }, 60_000);
});

describe('bodies that used to get a 500', () => {
  test('a quantity or run hours of 1e300 → 400 naming the cell', async () => {
    const book = structuredClone(rows);
    book.Orders.rows[0][3] = 1e300; // Orders!D2 Quantity
    book.Routing.rows[0][4] = 1e300; // Routing!E2 RunHoursPerUnit
    const r = await postJson(api('/plan'), { workbook: book });
    const j = (await r.json()) as { errors: { sheet: string; cell: string; message: string }[] };
    expect(r.status).toBe(400);
    expect(j.errors).toEqual(
      expect.arrayContaining([
        { sheet: 'Orders', cell: 'D2', message: 'Quantity is too large to plan with (got 1e+300); at most 1,000,000,000' },
        { sheet: 'Routing', cell: 'E2', message: expect.stringMatching(/^RunHoursPerUnit is too large to plan with \(got 1e\+300\)/) },
      ]),
    );
  });

  test('JSON nested 100,000 deep → 400', async () => {
    const deep = `{"workbook": {"Orders": {"header": ["OrderId"], "rows": [[${'['.repeat(100_000)}${']'.repeat(100_000)}]]}}}`;
    const r = await postJson(api('/plan'), deep);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/^Malformed JSON: nested more than 64 levels deep/);
    expect(await healthy()).toBe(200);
  });

  test('a multipart body cut off in the middle → 400', async () => {
    const boundary = 'mto-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="workbook"; filename="plant.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), Buffer.from(xlsx.subarray(0, 5000))]); // no closing boundary
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(api('/workbook/plan'), { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status, text).toBe(400);
    expect(JSON.parse(text).error).toMatch(/^The upload is cut off or malformed/);
  });

  test('solver jslp on more than a small model is refused at once', async () => {
    const t0 = performance.now();
    const r = await postJson(api('/plan'), { workbook: rows, options: { solver: 'jslp' } });
    const j = (await r.json()) as { error: string; reason: string };
    expect(r.status).toBe(422);
    // The sample plant's model: 8,020 columns, over jslp's 3,000.
    expect(j).toMatchObject({ reason: 'tooLarge', error: 'the model has 8020 variables; javascript-lp-solver (solver jslp) takes up to 3000: use solver highs or auto' });
    expect(performance.now() - t0).toBeLessThan(10_000);
  }, 30_000);
});

describe('a full queue', () => {
  test('answers 429 before reading an upload', async () => {
    const one = await startServer({ MTO_QUEUE: '0' });
    try {
      // Keep the only worker busy: the sample plan, over and over, until one is seen running.
      let busy = false;
      const load: Promise<Response>[] = [];
      for (let i = 0; i < 50 && !busy; i++) {
        load.push(fetch(`${one.url}/api/v1/workbook/plan`, { method: 'POST', headers: { 'content-type': XLSX }, body: xlsx }));
        const h = (await (await fetch(`${one.url}/api/v1/health`)).json()) as { workers: { busy: number } };
        busy = h.workers.busy === 1;
      }
      expect(busy).toBe(true);
      // 19 MB announced, 64 KB sent, the rest never: the answer must come anyway.
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(`${one.url}/api/v1/workbook/plan`, { method: 'POST', headers: { 'content-type': XLSX, 'content-length': 19 * 1024 * 1024 } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        });
        req.on('error', reject);
        req.write(Buffer.alloc(64 * 1024, 0x50));
        setTimeout(() => reject(new Error('no answer within 5 s: the body was being waited for')), 5000).unref();
      });
      expect(answer.status, answer.text).toBe(429);
      await Promise.allSettled(load);
    } finally {
      await one.stop();
    }
  }, 120_000);
});
