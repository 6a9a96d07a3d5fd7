// Real .xlsx files through exceljs: template → fill → read, Chinese headers, plain ranges,
// result sheets replacing each other without touching inputs, and an independent reader.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnsOf, Orders, SettingsKeys } from '../../shared/contract';
import type { ResultSheet } from '../../shared/results';
import { readPlant } from '../../shared/validate';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { NotSpreadsheetError, readBook } from '../../service/xlsx/read-book';
import { newWorkbook, xlsxBytes } from '../../service/xlsx/workbook';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { resultWorkbook } from '../../service/xlsx/result-book';
import { resultPackage } from '../../service/xlsx/result-parts';
import { tempDir } from '../helpers';
import { validationOf } from '../../addin/excel/template-layout';
import { have, PY } from '../files';

const defaults = Object.fromEntries(Object.entries(SettingsKeys).map(([k, c]) => [k, c.default]));

async function saveAndLoad(wb: ExcelJS.Workbook, path: string): Promise<ExcelJS.Workbook> {
  await wb.xlsx.writeFile(path);
  return loadWorkbook(readFileSync(path));
}

/** Fill the template's tables the way a user types: into the cells below the header. */
function fill(ws: ExcelJS.Worksheet, rows: unknown[][]) {
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 2, j + 1).value = v as ExcelJS.CellValue)));
}

describe('workbook round trip', () => {
  it('template → fill → read gives typed records', async () => {
    const dir = tempDir();
    const wb = await saveAndLoad(inputWorkbook({ ...defaults, PlanStart: '2026-11-30' }, {}), join(dir, 't.xlsx'));
    // Every input sheet is there as an Excel table with the contract's headers.
    const orders = wb.getWorksheet('Orders')!;
    expect((orders.getRow(1).values as unknown[]).slice(1)).toEqual(columnsOf(Orders).map((c) => c.key));
    fill(wb.getWorksheet('Items')!, [['FG', 'Widget', 'Make'], ['RM', 'Steel', 'Buy']]);
    fill(wb.getWorksheet('WorkCenters')!, [['CNC', 'Mill', 16]]);
    fill(wb.getWorksheet('Routing')!, [['FG', 10, 'CNC', 1, 0.5]]);
    fill(orders, [['SO-1', 'ACME', 'FG', 12, new Date(Date.UTC(2026, 11, 24)), null, 2, 'Approved']]);
    const back = await saveAndLoad(wb, join(dir, 'filled.xlsx'));
    const { plant, problems } = readPlant(readBook(await xlsxBytes(back)).rows, 'plan');
    expect(problems).toEqual([]);
    expect(plant.Orders).toEqual([
      expect.objectContaining({ OrderId: 'SO-1', Quantity: 12, DueDate: '2026-12-24', Priority: 2, Status: 'Approved', row: 2 }),
    ]);
    expect(plant.settings.PlanStart).toBe('2026-11-30');
    expect(plant.settings.HorizonBuckets).toBe(26);
  });

  it('reads a workbook saved with Chinese headers', async () => {
    const dir = tempDir();
    const wb = await saveAndLoad(inputWorkbook({ ...defaults, PlanStart: '2026-11-30' }, {}, 'zh'), join(dir, 'zh.xlsx'));
    expect(wb.getWorksheet('Orders')!.getCell('A1').value).toBe('订单号');
    expect(wb.getWorksheet('Settings')!.getCell('A1').value).toBe('参数');
    fill(wb.getWorksheet('Items')!, [['FG', null, '自制']]);
    fill(wb.getWorksheet('WorkCenters')!, [['CNC', null, 8]]);
    fill(wb.getWorksheet('Routing')!, [['FG', 10, 'CNC', 0, 1]]);
    fill(wb.getWorksheet('Orders')!, [['SO-1', '海尔', 'FG', -3, '2026-12-24', null, null, '已审批']]);
    const { problems } = readPlant(readBook(await xlsxBytes(await saveAndLoad(wb, join(dir, 'zh2.xlsx')))).rows, 'plan');
    expect(problems.map((p) => `${p.sheet}!${p.cell}: ${p.messageZh}`)).toEqual(['Orders!D2: 数量应为正数（当前为 -3）']);
  });

  it('reads a plain range without a table, offset from A1, with serial dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.getCell('B1').value = 'Open orders, week 48'; // a title above the header is not a header
    ws.getRow(3).values = [null, null, 'OrderId', 'Customer', 'Item', 'Quantity', 'DueDate'];
    ws.getRow(4).values = [null, null, 'SO-7', 'Midea', 'FG', 'twelve', 46380];
    const rows = readBook(Buffer.from(await wb.xlsx.writeBuffer())).rows;
    expect(rows.Orders).toMatchObject({ headerRow: 1, firstColumn: 2 }); // the reader starts at the title…
    const { problems, plant } = readPlant(rows, 'all'); // …and parsing finds the header under it
    expect(problems.map((p) => `${p.sheet}!${p.cell}`)).toEqual(['Orders!F4']);
    expect(plant.Orders[0].DueDate).toBe('2026-12-24'); // serial 46380
  });

  it('writes result sheets as data, replaces them on re-run, never touches inputs', async () => {
    const dir = tempDir();
    const wb = inputWorkbook(defaults, { Orders: [{ OrderId: 'SO-1', Customer: '=HYPERLINK("http://x","y")', Item: 'FG', Quantity: 1, DueDate: '2026-12-01' }] });
    const before = JSON.stringify(workbookRows(wb));
    const sheet = (n: number): ResultSheet => ({
      name: 'Plan',
      columns: [
        { key: 'orderId', header: 'Order', headerZh: '订单号' },
        { key: 'finish', header: 'Finish', headerZh: '完工日期', format: 'date' },
        { key: 'util', header: 'Utilisation', headerZh: '利用率', format: 'percent' },
        { key: 'note', header: 'Note', headerZh: '备注' },
      ],
      rows: Array.from({ length: n }, (_, i) => ({ orderId: `SO-${i}`, finish: '2026-12-04', util: 0.5 + i / 10, note: '+cmd|calc' })),
      colorScales: [{ column: 'util' }],
      highlightWhen: { column: 'util' },
    });
    // Written by the service's writer into the user's book, then again over the first run's result.
    const first = await resultWorkbook(readBook(await xlsxBytes(wb)), [sheet(3)], 'en');
    const second = await resultWorkbook(readBook(first), [sheet(2)], 'zh');
    writeFileSync(join(dir, 'r.xlsx'), second);
    const back = await loadWorkbook(second);
    expect(back.worksheets.filter((w) => w.name === 'Plan')).toHaveLength(1);
    const plan = back.getWorksheet('Plan')!;
    expect(plan.getCell('A1').value).toBe('订单号');
    expect(plan.rowCount).toBe(3);
    expect(plan.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 11, 4)));
    expect(plan.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(plan.getCell('C2').numFmt).toBe('0.0%');
    expect(plan.getCell('C3').numFmt).toBe('0.0%');
    expect(plan.getCell('D2').type).toBe(ExcelJS.ValueType.String);
    // Data cells share their column's style; the header's bold and fill stay on the header.
    expect(plan.getCell('A1').font?.bold).toBe(true);
    expect(plan.getCell('A2').font?.bold).toBeFalsy();
    expect((plan.getCell('C3').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    // Inputs are byte-for-byte the same rows as before (the injected-looking text stays text).
    const after = workbookRows(back);
    delete after.Plan;
    expect(JSON.stringify(after)).toBe(before);
    expect(back.getWorksheet('Orders')!.getCell('B2').type).toBe(ExcelJS.ValueType.String);
  });

  it('keeps a Date a date in a result column without a format, whatever comes before it', async () => {
    const back = await loadWorkbook(
      resultPackage([{ name: 'Load', columns: [{ key: 'v', header: 'Value', headerZh: '值' }], rows: [{ v: 5 }, { v: new Date(Date.UTC(2026, 11, 4)) }, { v: 7 }] }], 'en'),
    );
    const ws = back.getWorksheet('Load')!;
    expect(ws.getCell('A2').value).toBe(5);
    expect(ws.getCell('A3').value).toEqual(new Date(Date.UTC(2026, 11, 4)));
    expect(ws.getCell('A4').value).toBe(7);
  });

  it('rejects a file that is not a spreadsheet, saying what it is', () => {
    expect(() => readBook(Buffer.from('OrderId,Customer\nSO-1,ACME\n'))).toThrow(NotSpreadsheetError);
    expect(() => readBook(Buffer.from('%PDF-1.7\n'))).toThrow('This is not a spreadsheet (found: a PDF document)');
  });

  it.skipIf(!have('openpyxl'))('template opens in an independent reader (openpyxl) with tables and validation lists', async () => {
    const py = PY;
    const dir = tempDir();
    const path = join(dir, 'template.xlsx');
    await inputWorkbook(defaults, {}).xlsx.writeFile(path);
    const script = `
import json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Orders']
print(json.dumps({'sheets': wb.sheetnames, 'tables': list(ws.tables.keys()),
  'header': [c.value for c in ws[1]],
  'lists': sorted(str(dv.formula1) for dv in ws.data_validations.dataValidation if dv.type == 'list')}))`;
    writeFileSync(join(dir, 'read.py'), script);
    const r = spawnSync(py, [join(dir, 'read.py'), path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout);
    expect(got.sheets).toEqual(['Settings', 'Orders', 'Items', 'BOM', 'Routing', 'WorkCenters', 'Calendar', 'Suppliers', 'SupplierItems', 'PurchaseOrders', 'SupplierRatings', 'Quotes', 'CostRisk', 'WorkReports', 'MaterialIssues', 'Workers', 'WhatIf']);
    expect(got.tables).toEqual(['tblOrders']);
    expect(got.header).toEqual(columnsOf(Orders).map((c) => c.key));
    expect(got.lists).toEqual(['"Draft,Approved,InProduction,Delivered,Completed,Cancelled"', '"Y,N"']);

    // A Chinese template offers Chinese choices, the same lists as the add-in's template.
    const zhPath = join(dir, 'template-zh.xlsx');
    await inputWorkbook(defaults, {}, 'zh').xlsx.writeFile(zhPath);
    const zh = JSON.parse(spawnSync(py, [join(dir, 'read.py'), zhPath], { encoding: 'utf8' }).stdout);
    expect(zh.lists).toEqual(['"是,否"', '"草稿,已审批,生产中,已交付,已完成,已取消"']);
    const addinLists = columnsOf(Orders).flatMap((c) => validationOf(c, 'zh')?.list?.source ?? []);
    expect(zh.lists.map((l: string) => l.slice(1, -1)).sort()).toEqual(addinLists.map(String).sort());
  });
});
