// A late order that waits through a full week and then a week the Calendar closes: its reason
// names both, in English and Chinese (it named only the full week, leaving a planner to wonder why
// the order did not run in the week after it). A real .xlsx through the CLI, read back from Plan.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { tempDir } from '../helpers';

describe('late because: a closed week after a full one', () => {
  it('names the full week and the closed week', async () => {
    // ASSY: 8 h × 5 days = 40 h a week, closed Mon 01-12 … Fri 01-16 (Calendar, 0 h). H (priority
    // 1, 40 pcs × 1 h, due Fri 01-09) fills week 01-05 exactly and is on time; A (8 pcs, due Fri
    // 01-16) cannot run in week 01-05 (full) nor 01-12 (closed): 8 h on Mon 01-19, 3 days late.
    const dir = tempDir('mto-closed-week-');
    const book = join(dir, 'closed.xlsx');
    const wb = inputWorkbook(
      { PlanStart: '2026-01-05', BucketDays: 7, HorizonBuckets: 4, LatePenaltyPerUnitDay: 10 },
      {
        Orders: [
          { OrderId: 'H', Customer: 'C', Item: 'FG', Quantity: 40, DueDate: '2026-01-09', Priority: 1 },
          { OrderId: 'A', Customer: 'C', Item: 'FG', Quantity: 8, DueDate: '2026-01-16', Priority: 3 },
        ],
        Items: [{ ItemId: 'FG', Type: 'Make', Uom: 'pcs' }],
        Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
        WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8 }],
        Calendar: ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'].map((Date) => ({ WorkCenter: 'ASSY', Date, Hours: 0 })),
      },
    );
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    for (const [lang, reason] of [
      ['en', 'work center ASSY full in the week of 2026-01-05 (no overtime allowed), taken by higher-priority H; work center ASSY closed in the week of 2026-01-12 (Calendar)'],
      ['zh', '工作中心 ASSY 在 2026-01-05 周满负荷（不允许加班），被优先级更高的 H 占用；工作中心 ASSY 在 2026-01-12 周停工（工作日历）'],
    ]) {
      const out = join(dir, `closed-${lang}.xlsx`);
      const r = await cli(['plan', book, '--out', out, '--lang', lang]);
      expect(r.code).toBe(0);
      const plan = workbookRows(await loadWorkbook(readFileSync(out))).Plan!;
      const a = plan.rows.find((row) => row[0] === 'A')!;
      const h = plan.rows.find((row) => row[0] === 'H')!;
      // Columns: Order, Customer, Item, Quantity, Priority, Due date, Finish date, Days late, …, Late because (last).
      expect(h[7]).toBe(0);
      expect((a[6] as Date).toISOString().slice(0, 10)).toBe('2026-01-19');
      expect(a[7]).toBe(3);
      expect(a[a.length - 1]).toBe(reason);
    }
  });
});
