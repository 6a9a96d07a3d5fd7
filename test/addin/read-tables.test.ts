// Reading input sheets through Office.js (office-addin-mock): positions, blocks, and the same
// problems with the same cells as the service reports for the same sheet in an .xlsx.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readPlant } from '../../shared/validate';
import { readBook } from '../../service/xlsx/read-book';
import { isDateFormat } from '../../addin/excel/read-plan';
import { readInputSheets } from '../../addin/excel/read-tables';
import { inputSheetNames, planBlocks, toSheetRows } from '../../addin/excel/read-plan';
import { jsonBytes, mockExcel } from './excel-mock';

const settings = [
  ['Key', 'Value'],
  ['PlanStart', 46356], // Excel serial of 2026-11-30: 2026-01-01 is 46023, + 333 days
  ['BucketDays', 7],
];
// Orders placed at B3 (header on row 3, first column B) to check that positions carry through.
const orders = [
  ['OrderId', 'Customer', 'Item', 'Quantity', 'DueDate', 'Notes'],
  ['O-1', 'Acme', 'FG-1', 10, 46356, ''],
  ['O-2', 'Beta', 'FG-1', -5, 46363, '=cmd'],
  ['', '', '', '', '', ''], // a blank row Office.js reports inside a used range
];

describe('readInputSheets', () => {
  it('reads only input sheets, in three syncs, keeping where each sheet starts', async () => {
    const xl = mockExcel([
      { name: 'Settings', cells: settings },
      { name: 'Notes', cells: [['anything']] },
      { name: 'orders', cells: orders, origin: [2, 1] },
      { name: 'Plan', cells: [['OrderId'], ['O-1']] },
      { name: 'Calendar' }, // empty: no used range
    ]);
    const { book, stats } = await readInputSheets(xl.context);

    // Notes and the result sheet Plan are not inputs; empty Calendar has nothing to read.
    expect(Object.keys(book)).toEqual(['Settings', 'orders']);
    expect(book.orders.headerRow).toBe(3);
    expect(book.orders.firstColumn).toBe(2);
    expect(book.orders.header).toEqual(orders[0]);
    // '' → null as exceljs gives; the trailing blank row is dropped; user text kept verbatim.
    expect(book.orders.rows).toEqual([
      ['O-1', 'Acme', 'FG-1', 10, 46356, null],
      ['O-2', 'Beta', 'FG-1', -5, 46363, '=cmd'],
    ]);
    // names; used ranges of Settings, orders, Calendar; values of both non-empty sheets together
    expect(stats).toEqual({ syncs: 3, sheets: 2, cells: 3 * 2 + 4 * 6, halvings: 0 });
    expect(xl.syncCount()).toBe(3);
    expect(xl.log.filter((l) => l.startsWith('read'))).toEqual(['read Settings!A1:B3', 'read orders!B3:G6']);
  });

  it('gives problems the cells a user sees: Quantity of O-2 is E5 when the table starts at B3', async () => {
    const xl = mockExcel([
      { name: 'Settings', cells: settings },
      { name: 'Orders', cells: orders, origin: [2, 1] },
    ]);
    const { book } = await readInputSheets(xl.context);
    const { plant, problems } = readPlant(book, 'all');
    // header row 3, O-2 is the second data row → row 5; Quantity is the 4th column from B → E.
    expect(problems.map((p) => `${p.sheet}!${p.cell}`)).toContain('Orders!E5');
    expect(plant.settings.PlanStart).toBe('2026-11-30');
    expect(plant.Orders[0].DueDate).toBe('2026-11-30');
    expect(plant.Orders[0].row).toBe(4);
  });

  it('reads a long sheet in row blocks and stitches them back in order', async () => {
    const n = 12_000; // data rows; + header = 12,001 rows → blocks of 5,000, 5,000, 2,001
    const cells = [['OrderId', 'Quantity'], ...Array.from({ length: n }, (_, i) => [`O-${i + 1}`, i + 1])];
    const xl = mockExcel([{ name: 'Orders', cells }]);
    const { book, stats } = await readInputSheets(xl.context);
    expect(xl.log.filter((l) => l.startsWith('read'))).toEqual(['read Orders!A1:B5000', 'read Orders!A5001:B10000', 'read Orders!A10001:B12001']);
    // 24,002 cells fit one sync's budget of 60,000: still three syncs in all.
    expect(stats.syncs).toBe(3);
    expect(book.Orders.rows).toHaveLength(n);
    expect(book.Orders.rows[4998]).toEqual(['O-4999', 4999]); // last row of block 1 (row 5000)
    expect(book.Orders.rows[4999]).toEqual(['O-5000', 5000]); // first row of block 2
    expect(book.Orders.rows[n - 1]).toEqual([`O-${n}`, n]);
  });
});

describe('reading as Excel answers', () => {
  // 40,000 orders × 5 columns, Chinese names: each character a 6-byte \uXXXX escape in Excel's
  // JSON, so a row is about 140 bytes and 200,000 cells about 5.6 MB, over the web's 5 MB limit.
  const big = (text: (i: number) => string, rows: number) => [
    ['OrderId', 'Customer', 'Item', 'Notes', 'Quantity'],
    ...Array.from({ length: rows }, (_, i) => [`O-${i + 1}`, text(i), '成品一号', '加急订单', i + 1]),
  ];

  it('sizes its reads for the 5 MB answer limit with Chinese text', async () => {
    const cells = big(() => '华东精密机械有限公司', 40_000);
    expect(jsonBytes(cells)).toBeGreaterThan(5 * 1024 * 1024);
    // The old budget, 200,000 cells per sync, asks for all of it in one answer: Excel refuses.
    const old = mockExcel([{ name: 'Orders', cells }]);
    const r = old.context.workbook.worksheets.getItem('Orders').getRangeByIndexes(0, 0, 40_001, 5);
    r.load('values');
    await expect(old.context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    // …and a reader with that budget is refused once, then reads it in halves.
    const halved = await readInputSheets(mockExcel([{ name: 'Orders', cells }]).context, { cellsPerSync: 200_000 });
    expect(halved.stats.halvings).toBe(1);
    expect(halved.book.Orders.rows).toHaveLength(40_000);
    // Now: 60,000 cells per sync, never refused.
    const xl = mockExcel([{ name: 'Orders', cells }]);
    const { book, stats } = await readInputSheets(xl.context);
    expect(stats.halvings).toBe(0);
    // 200,005 cells at most 60,000 a sync (12,000 rows of 5): 4 syncs of values + 2 = 6
    expect(stats.syncs).toBe(6);
    expect(book.Orders.rows[39_999]).toEqual(['O-40000', '华东精密机械有限公司', '成品一号', '加急订单', 40_000]);
  });

  it('halves its blocks when Excel still refuses (long text), and reads every row once', async () => {
    // 600 characters of notes a row: 3,600 bytes a cell; 60,000 cells would be ~200 MB.
    const cells = big((i) => `客户${i}`.padEnd(600, '长'), 3_000);
    const xl = mockExcel([{ name: 'Orders', cells }]);
    const { book, stats } = await readInputSheets(xl.context);
    expect(stats.halvings).toBeGreaterThan(0);
    expect(book.Orders.rows).toHaveLength(3_000);
    expect(book.Orders.rows.map((r) => r[4])).toEqual(Array.from({ length: 3_000 }, (_, i) => i + 1));
    expect(book.Orders.rows[2_999][1]).toBe(`客户2999`.padEnd(600, '长'));
  });

  it('reads dates of a 1904 workbook as the same days (serials there are 1,462 lower)', async () => {
    // 2026-11-30 is 46356 counted from 1900, 46356 − 1462 = 44894 counted from 1904.
    const cells = [
      ['OrderId', 'Customer', 'Item', 'Quantity', 'DueDate'],
      ['O-1', 'Acme', 'FG-1', 10, 44894],
    ];
    const formats = [[], ['@', '@', '@', 'General', 'yyyy/m/d']];
    const xl = mockExcel([{ name: 'Settings', cells: settings.map((r, i) => (i === 1 ? ['PlanStart', 44894] : r)), formats: [[], ['@', 'yyyy-mm-dd']] }, { name: 'Orders', cells, formats }], { date1904: true });
    const { book, date1904 } = await readInputSheets(xl.context);
    expect(date1904).toBe(true);
    const { plant } = readPlant(book, 'all');
    expect(plant.Orders[0].DueDate).toBe('2026-11-30');
    expect(plant.settings.PlanStart).toBe('2026-11-30');
    // a quantity is not a date, whatever its size
    expect(plant.Orders[0].Quantity).toBe(10);
    expect([isDateFormat('yyyy-mm-dd'), isDateFormat('[$-804]yyyy"年"m"月"d"日"'), isDateFormat('0.0%'), isDateFormat('"m²" 0'), isDateFormat('General')]).toEqual([true, true, false, false, false]);
  });

  it('reads merged cells, a total row and hidden rows as the service reads the same .xlsx', async () => {
    // The uploaded file: Customer merged over two orders, a hidden order, a total row under the table.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['OrderId', 'Customer', 'Item', 'Quantity']);
    ws.addRow(['O-1', 'Acme', 'FG-1', 10]);
    ws.addRow(['O-2', null, 'FG-1', 5]);
    ws.addRow(['O-3', 'Beta', 'FG-2', 2]);
    ws.addRow(['Total', null, null, { formula: 'SUBTOTAL(109,D2:D4)', result: 17 }]);
    ws.mergeCells('B2:B3');
    ws.getRow(4).hidden = true;
    const service = readBook(new Uint8Array(await wb.xlsx.writeBuffer())).rows;
    // The same sheet as Excel reports it: the merged area's value only in its top-left cell,
    // hidden rows like any other, the total row's computed value.
    const excel = [
      ['OrderId', 'Customer', 'Item', 'Quantity'],
      ['O-1', 'Acme', 'FG-1', 10],
      ['O-2', '', 'FG-1', 5],
      ['O-3', 'Beta', 'FG-2', 2],
      ['Total', '', '', 17],
    ];
    const xl = mockExcel([{ name: 'Orders', cells: excel, merged: ['B2:B3'] }], { excelApi: '1.13' });
    const { book } = await readInputSheets(xl.context, { supports: xl.supports });
    expect(book).toEqual(service);
    expect(book.Orders.rows[1]).toEqual(['O-2', 'Acme', 'FG-1', 5]);
    // Before ExcelApi 1.13 Excel cannot say what is merged: the mock refuses the call, as Excel does.
    const old = mockExcel([{ name: 'Orders', cells: excel, merged: ['B2:B3'] }]);
    await expect(readInputSheets(old.context, { supports: () => true })).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

describe('read planning', () => {
  it('recognises input sheets by English or Chinese name, any case and spacing', () => {
    expect(inputSheetNames(['订单', 'Work Centers', 'settings', 'Plan', 'Sheet1', 'BOM'])).toEqual(['订单', 'Work Centers', 'settings', 'BOM']);
  });

  it('splits rows into blocks and groups blocks into syncs by cells', () => {
    const syncs = planBlocks(
      [
        { sheet: 'A', rowIndex: 0, columnIndex: 0, rowCount: 25, columnCount: 4 },
        { sheet: 'B', rowIndex: 2, columnIndex: 1, rowCount: 5, columnCount: 2 },
      ],
      10,
      60,
    );
    // A: rows per block min(10, 60/4 = 15) = 10 → 10, 10, 5 rows = 40, 40, 20 cells; B: 10 cells.
    // Sync 1: 40 (next 40 would exceed 60); sync 2: 40 + 20 = 60; sync 3: B's 10 (60 + 10 > 60).
    expect(syncs.map((s) => s.map((b) => `${b.sheet}${b.rowIndex}+${b.rowCount}`))).toEqual([['A0+10'], ['A10+10', 'A20+5'], ['B2+5']]);
  });

  it('keeps a header-only sheet as a header with no rows', () => {
    expect(toSheetRows({ sheet: 'X', rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 2 }, [['a', '']])).toEqual({ header: ['a', null], rows: [], headerRow: 1, firstColumn: 1 });
  });
});
