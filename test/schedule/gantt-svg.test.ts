// The Gantt grids as SVG on the standalone page, from the same day-grid sheet Excel colours.
import { describe, expect, it } from 'vitest';
import { ganttSvg } from '../../addin/gantt-svg';
import { sheetSection } from '../../addin/html';
import { STRINGS } from '../../addin/i18n';
import type { ResultSheet } from '../../shared/results';

const grid: ResultSheet = {
  name: 'Gantt by work center',
  columns: [
    { key: 'workCenter', header: 'Work center', headerZh: '工作中心' },
    { key: 'lane', header: 'Unit', headerZh: '设备', format: 'integer' },
    { key: 'd0', header: 'Mon 01-05', headerZh: '01-05 周一', format: 'number' },
    { key: 'd1', header: 'Tue 01-06', headerZh: '01-06 周二', format: 'number' },
  ],
  rows: [
    { workCenter: 'CNC<1>', lane: 1, d0: 8, d1: null },
    { workCenter: 'CNC<1>', lane: 2, d0: 2, d1: 4 },
  ],
  colorScales: [{ column: 'd0' }, { column: 'd1' }],
};

describe('Gantt SVG', () => {
  it('draws one bar per worked day, darker for more hours, labels escaped', () => {
    const svg = ganttSvg(grid, 'en');
    // Three worked days: 8 h (full: opacity 1), 2 h (0.25 + 0.75 × 2/8 = 0.44), 4 h (0.25 + 0.75 × 4/8 = 0.63 → "0.63" rounded from 0.625).
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect([...svg.matchAll(/fill-opacity="([\d.]+)"/g)].map((m) => m[1])).toEqual(['1.00', '0.44', '0.63']);
    expect(svg).toContain('CNC&lt;1&gt; · 1');
    expect(svg).not.toContain('CNC<1>');
    expect(ganttSvg({ ...grid, columns: grid.columns.slice(0, 2) }, 'en')).toBe('');
  });

  it('sits in the sheet’s section on the page, with the Chinese title', () => {
    const html = sheetSection(grid, 'zh', STRINGS.zh);
    expect(html).toContain('甘特图（按工作中心）');
    expect(html).toContain('<figure class="chart gantt">');
    expect(html).toContain('01-05 周一');
  });
});
