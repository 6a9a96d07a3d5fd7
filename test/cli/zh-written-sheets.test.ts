// The Chinese CLI names the result sheets it wrote as the tabs are really called (the sheets keep
// their English names), each with its Chinese title: it named tabs "计划", "负荷"… that the
// workbook does not have, and left Schedule, Dispatch and the Gantt sheets in English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './in-process';
import { loadWorkbook } from '../exceljs-read';
import { tempDir } from '../helpers';

describe('mto-planner --lang zh: the sheets it wrote', () => {
  it('plan and quote name every result tab of the written workbook, with its Chinese title', async () => {
    const dir = tempDir('mto-zh-sheets-');
    const book = join(dir, 'plant.xlsx');
    expect((await cli(['sample', book, '--lang', 'zh'])).code).toBe(0);
    for (const [cmd, sheets] of [
      ['plan', ['排产计划（Plan）', '工作中心负荷（Load）', '物料需求（Materials）', '异常清单（Exceptions）', '工序排程（Schedule）', '派工单（Dispatch）', '甘特图（按工作中心）（Gantt by work center）', '甘特图（按订单）（Gantt by order）']],
      ['quote', ['报价结果（QuoteResults）', '成本模拟分布（QuoteDistribution）', '报价明细（QuoteLines）']],
    ] as const) {
      const out = join(dir, `${cmd}.xlsx`);
      const r = await cli([cmd, book, '--out', out, '--lang', 'zh']);
      expect(r.code).toBe(0);
      const line = r.stdout.trim().split('\n').at(-1)!;
      expect(line).toBe(`结果已写入 ${out}（${sheets.join('、')}工作表）`);
      // Each name in brackets is a tab of the written workbook.
      const tabs = (await loadWorkbook(readFileSync(out))).worksheets.map((w) => w.name);
      for (const s of sheets) expect(tabs).toContain(s.slice(s.lastIndexOf('（') + 1, -1));
    }
  });
});
