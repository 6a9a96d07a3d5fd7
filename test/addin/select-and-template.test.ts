// Clicking a problem selects its cell; "Create template" adds the missing input sheets as tables
// with validation, leaving sheets the user already has alone (office-addin-mock).
import { describe, expect, it } from 'vitest';
import { columnsOf, SHEETS } from '../../shared/contract';
import { createTemplate } from '../../addin/excel/create-template';
import { cellRef, parseCellRef, selectCell } from '../../addin/excel/select-cell';
import { missingTemplateSheets } from '../../addin/excel/template-layout';
import { mockExcel } from './excel-mock';

describe('error cells', () => {
  it('parses references as the Name Box writes them', () => {
    expect(parseCellRef('Orders!D7')).toEqual({ sheet: 'Orders', cell: 'D7' });
    expect(parseCellRef("'Work Centers'!$b$3")).toEqual({ sheet: 'Work Centers', cell: 'B3' });
    expect(parseCellRef("'Bob''s list'!A1:C2")).toEqual({ sheet: "Bob's list", cell: 'A1:C2' });
    expect(parseCellRef('订单!E5')).toEqual({ sheet: '订单', cell: 'E5' });
    expect(parseCellRef('Orders')).toBeUndefined();
    expect(parseCellRef('Orders!7D')).toBeUndefined();
    expect(cellRef("Bob's list", 'A1')).toBe("'Bob''s list'!A1");
  });

  it('activates the sheet and selects the cell', async () => {
    const xl = mockExcel([{ name: 'Settings', cells: [['Key']] }, { name: 'Orders', cells: [['OrderId']] }]);
    expect(await selectCell(xl.context, 'orders', 'D7')).toBe(true);
    expect(xl.log).toEqual(['sync', 'activate Orders', 'select Orders!D7', 'sync']);
    expect(xl.sheet('Orders')!.ranges.map((r) => [r.address, r.selected])).toEqual([['D7', true]]);
  });

  it('answers false and selects nothing when the sheet is gone', async () => {
    const xl = mockExcel([{ name: 'Orders', cells: [['OrderId']] }]);
    expect(await selectCell(xl.context, 'Items', 'A2')).toBe(false);
    expect(xl.log).toEqual(['sync']);
  });
});

describe('createTemplate', () => {
  it('adds every missing input sheet and leaves present ones (under any accepted name) alone', async () => {
    const xl = mockExcel([{ name: '订单', cells: [['订单号'], ['O-1']] }, { name: 'Sheet1' }]);
    const { created, skipped } = await createTemplate(xl.context, 'zh');
    // Settings + 12 contract sheets − Orders, present as 订单
    expect(skipped).toEqual(['订单']);
    expect(created).toEqual(['Settings', ...Object.keys(SHEETS).filter((s) => s !== 'Orders')]);
    expect(xl.sheet('订单')).toMatchObject({ deleted: false, ranges: [], tables: [] });
    expect(xl.sheet('Settings')!.activated).toBe(1);

    // Items: 8 columns A–H, headers in Chinese, a one-row table body, frozen header
    const items = xl.sheet('Items')!;
    const header = items.ranges.find((r) => r.address === 'A1:H1' && r.values)!;
    expect(header.values).toEqual([columnsOf(SHEETS.Items).map((c) => c.zh)]);
    expect(items.tables).toEqual([{ address: 'A1:H2', hasHeaders: true, name: 'tblItems', style: 'TableStyleMedium2' }]);
    expect(items.frozenRows).toBe(1);
    // ItemId text, StdCost general, formats before the header is written
    expect(items.ranges.find((r) => r.numberFormat)!.numberFormat).toEqual([['@', '@', 'General', '@', 'General', 'General', 'General', 'General']]);
    const rule = (col: string) => items.ranges.find((r) => r.address === `${col}2:${col}1001`)!.dataValidation.rule;
    expect(rule('C')).toEqual({ list: { inCellDropDown: true, source: '自制,外购' } }); // Type: Make/Buy
    expect(rule('F')).toEqual({ decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } }); // OnHand ≥ 0
    expect(rule('A')).toBeUndefined(); // ItemId: any text, a prompt only
    expect(items.ranges.find((r) => r.address === 'A2:A1001')!.dataValidation.prompt).toMatchObject({ showPrompt: true, title: '物料编码' });

    // Orders-like bounds elsewhere: WorkCenters.HoursPerDay between 0 and 24 (column C)
    const wc = xl.sheet('WorkCenters')!;
    expect(wc.ranges.find((r) => r.address === 'C2:C1001')!.dataValidation.rule).toEqual({ decimal: { formula1: 0, formula2: 24, operator: 'Between' } });

    // Settings: every key with its default; PlanStart has none, BucketDays 7
    const settings = xl.sheet('Settings')!;
    const rows = settings.ranges.find((r) => r.address.startsWith('A2:') && r.values)!.values!;
    expect(rows[0]).toEqual(['PlanStart', '', '计划开始日期']);
    expect(rows[1]).toEqual(['BucketDays', 7, '时段天数（days）']);
  });

  it('adds nothing to a workbook that has every sheet', async () => {
    const names = ['Settings', ...Object.keys(SHEETS)];
    expect(missingTemplateSheets(names, 'en').missing).toEqual([]);
    const xl = mockExcel(names.map((name) => ({ name })));
    expect(await createTemplate(xl.context, 'en')).toEqual({ created: [], skipped: names });
    expect(xl.log.filter((l) => l.startsWith('add'))).toEqual([]);
  });
});
