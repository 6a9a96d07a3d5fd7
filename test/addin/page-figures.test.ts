// The standalone page's figures: charts never drop data (small multiples on one scale instead),
// problems listed in sheet and cell order, the "click one" hint only where a click selects a cell.
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { allocationSection, inSheetOrder, MAX_CHART_CATEGORIES, problemList, sheetChart, sheetTable } from '../../addin/html';
import { STRINGS } from '../../addin/i18n';

/** A Load sheet of 6 work centers × 13 weeks = 78 bars (the sample plant's shape). */
const load = (): ResultSheet => {
  const rows = [];
  for (const wc of ['CUT', 'CNC', 'WELD', 'PAINT', 'ASSY', 'TEST'])
    for (let t = 0; t < 13; t++) rows.push({ label: `${wc} ${String(t + 1).padStart(2, '0')}-01`, utilisation: wc === 'TEST' ? 1.2 : 0.5 });
  return {
    name: 'Load',
    columns: [{ key: 'label', header: 'Work center · bucket', headerZh: '工作中心·时段' }, { key: 'utilisation', header: 'Utilisation', headerZh: '利用率', format: 'percent' }],
    rows,
    chart: { type: 'column', title: 'Utilisation', titleZh: '利用率', category: 'label', series: ['utilisation'] },
  };
};

describe('the page’s figures', () => {
  it('draws every one of 78 work-center weeks as small multiples, one per work center, on one scale', () => {
    expect(78).toBeGreaterThan(MAX_CHART_CATEGORIES); // one chart used to stop at 60 and leave TEST out
    const html = sheetChart(load(), 'en');
    expect(html.match(/<figure /g)).toHaveLength(6);
    expect(html.match(/<rect /g)).toHaveLength(78);
    expect(html).toContain('Utilisation · TEST');
    expect(html).toContain('TEST 13-01 · Utilisation: 120%');
    // One scale: every multiple's top tick is the largest value, 120 %.
    expect(html.match(/>120%</g)).toHaveLength(6);
  });

  it('lists problems in sheet and cell order', () => {
    const ps = [
      { sheet: 'Orders', cell: 'D12', text: 'c' },
      { sheet: 'Orders', cell: 'AA3', text: 'b' },
      { sheet: 'Items', cell: 'B2', text: 'd' },
      { sheet: 'Orders', cell: 'D3', text: 'a' },
    ];
    // Orders first (it came first), rows 3, 3, 12 with D before AA; then Items.
    expect(inSheetOrder(ps).map((p) => `${p.sheet}!${p.cell}`)).toEqual(['Orders!D3', 'Orders!AA3', 'Orders!D12', 'Items!B2']);
    expect(problemList(ps, false).indexOf('Orders!D3')).toBeLessThan(problemList(ps, false).indexOf('Orders!D12'));
  });

  it('promises a click to the cell only where a click does that (in Excel)', () => {
    expect(STRINGS.en.problemsFound(2, true)).toBe('2 problems to fix (click one to go to its cell):');
    expect(STRINGS.en.problemsFound(2, false)).toBe('2 problems to fix:');
    expect(STRINGS.zh.problemsFound(1, false)).toBe('有 1 个问题需要修正：');
    expect(problemList([{ sheet: 'Orders', cell: 'D3', text: 'x' }], false)).not.toContain('<a ');
  });
});

/** Two quote lines, three cost bands each, and two risk factors each (the QuoteDistribution sheet's shape). */
const distribution = (): ResultSheet => {
  const rows: Record<string, string | number | null>[] = [];
  for (const [q, n] of [['Q-1', 10], ['Q-2', 50]] as const) {
    const line = `${q} × ${n}`;
    [[100, 110, 30], [110, 120, 50], [120, 130, 20]].forEach(([from, to, count]) => rows.push({ quoteId: q, quantity: n, label: `${line} · ${from}–${to}`, count, deltaLow: null, deltaHigh: null }));
  }
  for (const [q, n] of [['Q-1', 10], ['Q-2', 50]] as const) {
    rows.push({ quoteId: q, quantity: n, label: `${q} × ${n} · steel Price`, count: null, factor: 'steel Price (Triangular)', deltaLow: -2, deltaHigh: 12 });
    rows.push({ quoteId: q, quantity: n, label: `${q} × ${n} · CNC RunHours`, count: null, factor: 'CNC RunHours (Triangular)', deltaLow: -5, deltaHigh: 25 });
  }
  return {
    name: 'QuoteDistribution',
    columns: [{ key: 'label', header: 'Label', headerZh: '标签' }, { key: 'count', header: 'Draws', headerZh: '次数', format: 'integer' }],
    rows,
    currency: 'CNY',
    chart: { type: 'column', title: 'Unit cost distribution', titleZh: '单位成本分布', category: 'label', series: ['count'] },
  };
};

describe('the quote and scorecard figures', () => {
  it('draws every quote line’s histogram and its tornado of risk factors, widest swing on top', () => {
    const html = sheetChart(distribution(), 'en');
    // 2 lines: 2 histograms of 3 bars and 2 tornados of 2 bars (tornado rows are not histogram bars)
    expect(html.match(/<figure class="chart">/g)).toHaveLength(2);
    expect(html.match(/<figure class="chart tornado">/g)).toHaveLength(2);
    expect(html.match(/<rect /g)).toHaveLength(2 * 3 + 2 * 2);
    expect(html).toContain('Unit cost distribution · Q-2 × 50');
    expect(html).toContain('Risk factors: change in unit cost · Q-2 × 50');
    // CNC swings 30 (−5 … +25), steel 14 (−2 … +12): CNC first
    const q1 = html.slice(html.indexOf('Risk factors: change in unit cost · Q-1'));
    expect(q1.indexOf('CNC RunHours')).toBeLessThan(q1.indexOf('steel Price'));
    expect(q1).toContain('CNC RunHours (Triangular): −5.00 CNY … +25.00 CNY');
    expect(sheetChart(distribution(), 'zh')).toContain('风险因素敏感性（单位成本变动）· Q-1 × 10');
  });

  it('colours grades and shows the allocation shares', () => {
    const card: ResultSheet = { name: 'SupplierScorecard', columns: [{ key: 'supplierId', header: 'Supplier', headerZh: '供应商' }, { key: 'grade', header: 'Grade', headerZh: '等级', format: 'text' }], rows: [{ supplierId: 'S-A', grade: 'A' }, { supplierId: 'S-D', grade: 'D' }] };
    const table = sheetTable(card, 'en', STRINGS.en);
    expect(table).toContain('<td class="grade grade-A">A</td>');
    expect(table).toContain('<td class="grade grade-D">D</td>');
    const alloc = allocationSection([{ item: 'STEEL', supplier: 'S-A', sharePct: 70 }, { item: 'STEEL', supplier: 'S-B', sharePct: 30 }], 'en');
    expect(alloc).toContain('Suggested allocation shares');
    expect(alloc).toContain('<td class="num">70%</td><td class="share"><span style="width:70.0%"></span></td>');
    expect(allocationSection(undefined, 'en')).toBe('');
  });
});
