// Writing a ResultSheet through Office.js (office-addin-mock): what lands where, in which order,
// and that input sheets are never touched.
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { InputSheetClash, writeResultSheets } from '../../addin/excel/write-results';
import { mockExcel } from './excel-mock';

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
      // user text starting with = or + stays text: a leading apostrophe, which Excel does not show
      ['O-2', `'=HYPERLINK("http://x")`, 46363, 7, 1, 'WC-MILL'],
      ['O-3', "'+Beta", '', 14, 0.95, ''],
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
    const order = xl.log.filter((l) => /^(sync|suspend|add|numberFormat|values|table|activate)/.test(l));
    expect(order).toEqual(['sync', 'suspend', 'add Plan', 'numberFormat A2:F4', 'values A1:F4', 'table A1:F4', 'sync', 'activate Plan', 'sync']);
    const orders = xl.sheet('Orders')!;
    expect(orders).toMatchObject({ name: 'Orders', deleted: false, ranges: [], tables: [], charts: [] });
  });

  it('replaces an earlier result sheet of the same name and writes headers in Chinese', async () => {
    const xl = mockExcel([{ name: 'Plan', cells: [['old']] }, { name: 'Orders', cells: [['OrderId']] }]);
    await writeResultSheets(xl.context, [plan], 'zh');
    expect(xl.sheet('~Plan', true)).toBeDefined(); // the old one, renamed out of the way, then deleted
    expect(xl.sheetNames()).toEqual(['Orders', 'Plan']);
    expect(xl.log.filter((l) => /^(rename|add|delete)/.test(l))).toEqual(['rename Plan → ~Plan', 'add Plan', 'delete ~Plan']);
    const ws = xl.sheet('Plan')!;
    expect(ws.ranges.find((r) => r.values)!.values![0]).toEqual(['订单号', '客户', '完工日期', '延期天数', '利用率', '延期原因']);
    expect(ws.charts[0].title.text).toBe('各订单延期天数');
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
      'sync', 'suspend', 'numberFormat A2:B5000', 'values A1:B5000', 'sync',
      'suspend', 'numberFormat A5001:B10000', 'values A5001:B10000', 'sync',
      'suspend', 'numberFormat A10001:B12001', 'values A10001:B12001', 'sync',
      'sync', // activate
    ]);
    const ws = xl.sheet('Plan')!;
    const last = ws.ranges.find((r) => r.address === 'A10001:B12001')!;
    // its 2,001st row is O-12000, i = 11,999 → daysLate 11,999 mod 3 = 2 (3 × 3,999 = 11,997)
    expect(last.values![2000]).toEqual(['O-12000', 2]);
    expect(ws.tables[0].address).toBe('A1:B12001');
  });
});
