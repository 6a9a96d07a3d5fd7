// Writing a ResultSheet through Office.js (office-addin-mock, made to fail where Excel fails):
// what lands where, in which order; input sheets never touched; existing result sheets rewritten
// in place; table-name clashes, protected sheets, payload limits, old Excel and cell-edit mode.
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { runWhenFree } from '../../addin/excel/excel-errors';
import { guardGeneral, InputSheetClash, LAST_RUN_NAME, PartialWrite, ProtectedSheet, staleResultSheets, writeResultSheets } from '../../addin/excel/write-results';
import { failure } from '../../addin/controller';
import { MockExcelError, mockExcel } from './excel-mock';

const plan: ResultSheet = {
  name: 'Plan',
  columns: [
    { key: 'orderId', header: 'Order', headerZh: '订单号' },
    { key: 'customer', header: 'Customer', headerZh: '客户' },
    { key: 'finishDate', header: 'Finish', headerZh: '完工日期', format: 'date' },
    { key: 'daysLate', header: 'Days late', headerZh: '延期天数', format: 'integer' },
    { key: 'utilisation', header: 'Utilisation', headerZh: '利用率', format: 'percent' },
    { key: 'lateBecause', header: 'Why late', headerZh: '延期原因' },
  ],
  rows: [
    { orderId: 'O-1', customer: 'Acme', finishDate: '2026-11-30', daysLate: 0, utilisation: 0.5, lateBecause: null },
    { orderId: 'O-2', customer: '=HYPERLINK("http://x")', finishDate: '2026-12-07', daysLate: 7, utilisation: 1, lateBecause: 'WC-MILL' },
    { orderId: 'O-3', customer: '+Beta', finishDate: undefined, daysLate: 14, utilisation: 0.95 },
  ],
  colorScales: [{ column: 'utilisation' }],
  highlightWhen: { column: 'daysLate', color: 'red' },
  chart: { type: 'column', title: 'Days late by order', titleZh: '各订单延期天数', category: 'orderId', series: ['daysLate', 'utilisation'] },
};

describe('writeResultSheets', () => {
  it('writes a date-time as its serial day and fraction, in a date-time format', async () => {
    // 2026-12-07 is serial 46363; 08:30 is 8.5 / 24 = 0.354166… of a day.
    const xl = mockExcel([]);
    const sheet: ResultSheet = { name: 'Schedule', columns: [{ key: 'start', header: 'Start', headerZh: '开始', format: 'dateTime' }], rows: [{ start: '2026-12-07 08:30' }] };
    await writeResultSheets(xl.context, [sheet], 'en');
    const ws = xl.sheet('Schedule')!;
    expect(ws.ranges.find((r) => r.values)!.values).toEqual([['Start'], [46363 + 8.5 / 24]]);
    expect(ws.ranges.find((r) => r.numberFormat)!.numberFormat).toEqual([['yyyy-mm-dd hh:mm']]);
  });

  it('writes one values block, formats, a table, conditional formats and a chart', async () => {
    const xl = mockExcel([{ name: 'Orders', cells: [['OrderId'], ['O-1']] }]);
    const written = await writeResultSheets(xl.context, [plan], 'en');
    expect(written).toEqual(['Plan']);
    const ws = xl.sheet('Plan')!;

    const values = ws.ranges.find((r) => r.values)!;
    expect(values.address).toBe('A1:F4'); // header + 3 rows, 6 columns
    expect(values.values).toEqual([
      ['Order', 'Customer', 'Finish', 'Days late', 'Utilisation', 'Why late'],
      // 2026-11-30 is serial 46356 (2026-01-01 = 46023, + 333 days); 2026-12-07 is 7 later
      ['O-1', 'Acme', 46356, 0, 0.5, ''],
      // Customer is a text (@) column: Excel keeps what is written there as text, formula-like or
      // not, so it is written as it is (an apostrophe would show up in the cell)
      ['O-2', '=HYPERLINK("http://x")', 46363, 7, 1, 'WC-MILL'],
      ['O-3', '+Beta', '', 14, 0.95, ''],
    ]);
    const formats = ws.ranges.find((r) => r.numberFormat)!;
    expect(formats.address).toBe('A2:F4');
    expect(formats.numberFormat).toEqual(Array(3).fill(['@', '@', 'yyyy-mm-dd', '#,##0', '0.0%', '@']));

    expect(ws.tables).toEqual([{ address: 'A1:F4', hasHeaders: true, name: 'tblPlan', style: 'TableStyleMedium2' }]);
    expect(ws.frozenRows).toBe(1);

    const cfs = ws.ranges.flatMap((r) => r.conditionalFormats.map((cf) => ({ at: r.address, ...cf })));
    expect(cfs).toHaveLength(2);
    // utilisation: low is good (green) unless highIsGood
    expect(cfs[0]).toMatchObject({ at: 'E2:E4', type: 'ColorScale', colorScale: { criteria: { minimum: { type: 'LowestValue', color: '#63BE7B' }, midpoint: { type: 'Percentile', formula: '50' }, maximum: { type: 'HighestValue', color: '#F8696B' } } } });
    // rows whose Days late (column D) is truthy are shaded red
    expect(cfs[1]).toMatchObject({ at: 'A2:F4', type: 'Custom', custom: { rule: { formula: '=AND($D2<>"",$D2<>0,$D2<>FALSE)' }, format: { fill: { color: '#FFC7CE' } } } });

    expect(ws.charts).toHaveLength(1);
    const chart = ws.charts[0];
    expect(chart).toMatchObject({ type: 'ColumnClustered', seriesBy: 'Columns', title: { text: 'Days late by order' }, position: 'H2' });
    expect(chart.series.map((s) => [s.name, s.values?.address, s.xValues?.address])).toEqual([
      ['Days late', 'D2:D4', 'A2:A4'],
      ['Utilisation', 'E2:E4', 'A2:A4'],
    ]);

    // Calculation is suspended in the batch that writes; formats go before values; input untouched.
    const order = xl.log.filter((l) => /^(sync|suspend|add|numberFormat|values|table|activate|name)/.test(l));
    // one sync to look (no result sheet yet), one to write, one to stamp the run once written, one to activate
    expect(order).toEqual(['sync', 'name MtoLastRun', 'suspend', 'add Plan', 'numberFormat A2:F4', 'values A1:F4', 'table A1:F4', 'sync', 'name Plan!MtoRun', 'sync', 'activate Plan', 'sync']);
    const orders = xl.sheet('Orders')!;
    expect(orders).toMatchObject({ name: 'Orders', deleted: false, ranges: [], tables: [], charts: [] });
  });

  it('rewrites an existing result sheet in place (never deletes it) and writes headers in Chinese', async () => {
    const xl = mockExcel([{ name: 'Plan', cells: [['old']], tables: [{ name: 'tblPlan', address: 'A1:A2' }] }, { name: 'Orders', cells: [['OrderId']] }]);
    await writeResultSheets(xl.context, [plan], 'zh', { runId: '17' });
    // Same sheet object: formulas elsewhere that point at Plan keep pointing at it.
    expect(xl.log.filter((l) => /^(rename|add|delete )/.test(l))).toEqual([]);
    expect(xl.sheetNames()).toEqual(['Plan', 'Orders']);
    const ws = xl.sheet('Plan')!;
    // ExcelApi 1.8: the old table becomes a plain range (Excel rewrites structured references as
    // cell references), the sheet is cleared, a new table goes over the new data.
    expect(xl.log.filter((l) => /^(convertToRange|clear|table)/.test(l))).toEqual(['convertToRange tblPlan', 'clearConditionalFormats (sheet)', 'clear (sheet)', 'table A1:F4']);
    expect(ws.tables).toEqual([{ address: 'A1:F4', hasHeaders: true, name: 'tblPlan', style: 'TableStyleMedium2' }]);
    expect(ws.ranges.find((r) => r.values)!.values![0]).toEqual(['订单号', '客户', '完工日期', '延期天数', '利用率', '延期原因']);
    expect(ws.charts[0].title.text).toBe('各订单延期天数');
    expect(ws.names).toEqual({ MtoRun: '="17"' });
  });

  it('keeps and resizes its table where Excel can (ExcelApi 1.13), clearing only what lies outside', async () => {
    const xl = mockExcel([{ name: 'Plan', cells: [['old']], tables: [{ name: 'tblPlan', address: 'A1:H40' }] }], { excelApi: '1.13' });
    await writeResultSheets(xl.context, [plan], 'en', { supports: xl.supports });
    expect(xl.log.filter((l) => /^(convertToRange|clear|resizeTable|table)/.test(l))).toEqual(['clearConditionalFormats (sheet)', 'resizeTable tblPlan A1:F4', 'clear 5:1048576', 'clear G:XFD']);
    expect(xl.sheet('Plan')!.tables).toEqual([{ address: 'A1:F4', hasHeaders: true, name: 'tblPlan', style: 'TableStyleMedium2' }]);
    // print setup (ExcelApi 1.9): landscape, one page wide, the header row on every page
    expect(xl.sheet('Plan')!.pageLayout).toEqual({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: '$1:$1' });
  });

  it('gives the table a free name when a renamed copy of last week\'s Plan still owns tblPlan', async () => {
    const xl = mockExcel([{ name: 'Plan (week 48)', cells: [['x'], [1]], tables: [{ name: 'tblPlan', address: 'A1:A2' }] }]);
    await writeResultSheets(xl.context, [plan], 'en');
    expect(xl.sheet('Plan')!.tables[0].name).toBe('tblPlan_2');
    expect(xl.sheet('Plan (week 48)')!.tables[0].name).toBe('tblPlan');
  });

  it('the mock refuses what Excel refuses: a taken table name, an API above the requirement set', async () => {
    const xl = mockExcel([{ name: 'Old', tables: [{ name: 'tblPlan', address: 'A1:A2' }] }, { name: 'Plan' }]);
    const ws = xl.context.workbook.worksheets.getItem('Plan');
    ws.tables.add('A1:B2', true).name = 'TBLPLAN'; // names are unique case-insensitively
    await expect(xl.context.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    ws.tables.add('D1:E2', true).name = 'Plan 2026'; // no spaces in table names
    await expect(xl.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    ws.pageLayout.orientation = 'Landscape';
    await expect(xl.context.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    // …so the writer, told this Excel had ExcelApi 1.9 when it has 1.8, fails like Excel would
    await expect(writeResultSheets(xl.context, [plan], 'en', { supports: () => true })).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('refuses to write into a protected result sheet before writing anything', async () => {
    const xl = mockExcel([{ name: 'Load', cells: [['x']] }, { name: 'Plan', cells: [['x']], protected: true }]);
    const err = await writeResultSheets(xl.context, [{ ...plan, name: 'Load' }, plan], 'en').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtectedSheet);
    expect(xl.log.filter((l) => /^(values|numberFormat|clear|table|name)/.test(l))).toEqual([]);
    expect(failure(err, 'en')).toEqual({ kind: 'failed', message: 'Plan is protected: unprotect it (Review › Unprotect Sheet) and try again.' });
  });

  it('says which sheets are stale when a write dies half-way, and the stamps say so later too', async () => {
    // Load is written first and fits; Plan's values do not fit Excel on the web's request limit
    // (shrunk here to 2,000 bytes: Plan's 4 rows with the long text below are about 12 kB).
    const load: ResultSheet = { name: 'Load', columns: [{ key: 'wc', header: 'Work center', headerZh: '工作中心' }], rows: [{ wc: 'WC-1' }] };
    const long = { ...plan, rows: plan.rows.map((r) => ({ ...r, lateBecause: '产能不足'.repeat(500) })) };
    const xl = mockExcel([{ name: 'Load', cells: [['old']] }, { name: 'Plan', cells: [['old']] }], { payloadLimit: 2000 });
    xl.context.workbook.worksheets.getItem('Plan').names.add('MtoRun', '="16"');
    const err = (await writeResultSheets(xl.context, [load, long], 'en', { runId: '17' }).catch((e: unknown) => e)) as PartialWrite;
    expect(err).toBeInstanceOf(PartialWrite);
    expect([err.written, err.stale]).toEqual([['Load'], ['Plan']]);
    expect((err.cause as MockExcelError).code).toBe('RequestPayloadSizeLimitExceeded');
    expect(xl.workbookNames[LAST_RUN_NAME]).toBe('="17|Load|Plan"');
    expect(await staleResultSheets(xl.context)).toEqual(['Plan']);
    const shown = failure(err, 'en');
    expect(shown.kind === 'failed' && shown.message).toBe(
      'Excel could not pass that much data at once; try again (the add-in sends less per step next time), or plan fewer orders. Plan could not be written and still holds the previous run\'s results (Load is from this run). Use "Write results again" once the cause is fixed: nothing is solved again.',
    );
  });

  it('writes text as Excel will show it: guarded only in General cells; dates in the 1904 system', async () => {
    // General cells: formula triggers and a leading apostrophe (which Excel would swallow) get one more.
    expect(["=1+1", '+86 138', "'quoted", 'plain', '-'].map(guardGeneral)).toEqual(["'=1+1", "'+86 138", "''quoted", 'plain', "'-"]);
    const sheet: ResultSheet = {
      name: 'Exceptions',
      columns: [
        { key: 'phone', header: 'Phone', headerZh: '电话', format: 'text' },
        { key: 'note', header: 'Note', headerZh: '备注', format: 'number' }, // numbers mostly, text sometimes
        { key: 'due', header: 'Due', headerZh: '交期', format: 'date' },
      ],
      rows: [{ phone: '+86 138 0000 0000', note: '=SUM(A:A)', due: '2026-11-30' }, { phone: "'0571", note: 5, due: null }],
    };
    const xl = mockExcel([], { date1904: true });
    await writeResultSheets(xl.context, [sheet], 'en', { date1904: true });
    expect(xl.sheet('Exceptions')!.ranges.find((r) => r.values)!.values).toEqual([
      ['Phone', 'Note', 'Due'],
      // 2026-11-30: serial 46356 counted from 1900, 46356 − 1462 = 44894 counted from 1904
      ['+86 138 0000 0000', "'=SUM(A:A)", 44894],
      ["'0571", 5, ''],
    ]);
  });

  it('waits for a cell edit to end: delayForCellEdit on ExcelApi 1.11, asking again before', async () => {
    const load: ResultSheet = { name: 'Load', columns: [{ key: 'wc', header: 'Work center', headerZh: '工作中心' }], rows: [{ wc: 'WC-1' }] };
    for (const excelApi of ['1.8', '1.11']) {
      const xl = mockExcel([], { excelApi });
      xl.setEditing(true);
      // Unprotected by either, Excel refuses the batch while the user edits a cell.
      await expect(xl.run((ctx: Excel.RequestContext) => writeResultSheets(ctx, [load], 'en'))).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
      const waits: number[] = [];
      let told = 0;
      const done = runWhenFree(xl, (ctx) => writeResultSheets(ctx, [load], 'en'), {
        supports: xl.supports,
        onWait: () => told++,
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 3) xl.setEditing(false); // the user presses Enter after a while
        },
      });
      if (excelApi === '1.11') setTimeout(() => xl.setEditing(false), 20);
      expect(await done).toEqual(['Load']);
      // 1.8: three refusals, waits of 0.5, 1 and 2 s, the user told once; 1.11: Excel itself waited
      expect([waits, told]).toEqual(excelApi === '1.8' ? [[500, 1000, 2000], 1] : [[], 0]);
    }
  });

  it('refuses a result sheet named like an input sheet, before writing anything', async () => {
    const xl = mockExcel([{ name: 'Orders', cells: [['OrderId']] }]);
    await expect(writeResultSheets(xl.context, [{ ...plan, name: 'orders' }], 'en')).rejects.toBeInstanceOf(InputSheetClash);
    expect(xl.log).toEqual([]);
  });

  it('writes a very large sheet in row blocks, suspending calculation for each', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ orderId: `O-${i + 1}`, daysLate: i % 3 }));
    const big: ResultSheet = { name: 'Plan', columns: [plan.columns[0], plan.columns[3]], rows };
    const xl = mockExcel([]);
    await writeResultSheets(xl.context, [big], 'en');
    // 12,001 rows incl. header → 1-5000, 5001-10000, 10001-12001; formats skip the header row
    expect(xl.log.filter((l) => /^(sync|suspend|values|numberFormat)/.test(l))).toEqual([
      'sync', // look: no Plan yet
      'suspend', 'numberFormat A2:B5000', 'values A1:B5000', 'sync',
      'suspend', 'numberFormat A5001:B10000', 'values A5001:B10000', 'sync',
      'suspend', 'numberFormat A10001:B12001', 'values A10001:B12001', 'sync',
      'sync', // stamp
      'sync', // activate
    ]);
    const ws = xl.sheet('Plan')!;
    const last = ws.ranges.find((r) => r.address === 'A10001:B12001' && r.values)!;
    // its 2,001st row is O-12000, i = 11,999 → daysLate 11,999 mod 3 = 2 (3 × 3,999 = 11,997)
    expect(last.values![2000]).toEqual(['O-12000', 2]);
    expect(ws.tables[0].address).toBe('A1:B12001');
  });
});
