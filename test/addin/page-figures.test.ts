// The standalone page's figures: charts never drop data (small multiples on one scale instead),
// problems listed in sheet and cell order, the "click one" hint only where a click selects a cell.
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { inSheetOrder, MAX_CHART_CATEGORIES, problemList, sheetChart } from '../../addin/html';
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
