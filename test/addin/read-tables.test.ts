// Reading input sheets through Office.js (office-addin-mock): positions, blocks, and the same
// problems with the same cells as the service reports for the same sheet in an .xlsx.
import { describe, expect, it } from 'vitest';
import { readPlant } from '../../shared/validate';
import { readInputSheets } from '../../addin/excel/read-tables';
import { inputSheetNames, planBlocks, toSheetRows } from '../../addin/excel/read-plan';
import { mockExcel } from './excel-mock';

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
