// Late reasons that name every true cause, read back from the Plan sheet of real .xlsx files
// planned by the CLI, in English and Chinese:
// - a full week and then a week the Calendar closes (it named only the full week, leaving a
//   planner to wonder why the order did not run in the week after it);
// - due before PlanStart and held past the first week by a purchase lead time (it named only the
//   plan start, as if the order could have shipped on PlanStart); and the shortage's quantity in
//   the item's unit (it said "buy 4 in total" of an item bought in kg).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/in-process';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { tempDir } from '../helpers';

type Sheets = Parameters<typeof inputWorkbook>[1];

/** Plans `sheets` in `lang` and returns the Plan sheet's rows by order id (and the Exceptions sheet's messages as `messages`). */
async function planRows(dir: string, settings: Record<string, unknown>, sheets: Sheets, lang: string): Promise<Map<unknown, unknown[]> & { messages: unknown[] }> {
  const book = join(dir, 'book.xlsx');
  writeFileSync(book, Buffer.from(await inputWorkbook(settings, sheets).xlsx.writeBuffer()));
  const out = join(dir, `plan-${lang}.xlsx`);
  const r = await cli(['plan', book, '--out', out, '--lang', lang]);
  expect(r.code).toBe(0);
  const book2 = workbookRows(await loadWorkbook(readFileSync(out)));
  const exceptions = book2.Exceptions!;
  // Exceptions columns: Severity, Type, Order / work center / item, Date, Message (4), Act now.
  return Object.assign(new Map(book2.Plan!.rows.map((row) => [row[0], row])), { messages: exceptions.rows.map((row) => row[4]) });
}

// Plan columns: Order, Customer, Item, Quantity, Priority, Due date, Finish date (6), Days late (7), …, Late because (last).
const finish = (row: unknown[]) => (row[6] as Date).toISOString().slice(0, 10);

describe('late because, from the Plan sheet', () => {
  it('names the full week and the closed week', async () => {
    // ASSY: 8 h × 5 days = 40 h a week, closed Mon 01-12 … Fri 01-16 (Calendar, 0 h). H (priority
    // 1, 40 pcs × 1 h, due Fri 01-09) fills week 01-05 exactly and is on time; A (8 pcs, due Fri
    // 01-16) cannot run in week 01-05 (full) nor 01-12 (closed): 8 h on Mon 01-19, 3 days late.
    const dir = tempDir('mto-closed-week-');
    const settings = { PlanStart: '2026-01-05', BucketDays: 7, HorizonBuckets: 4, LatePenaltyPerUnitDay: 10 };
    const sheets: Sheets = {
      Orders: [
        { OrderId: 'H', Customer: 'C', Item: 'FG', Quantity: 40, DueDate: '2026-01-09', Priority: 1 },
        { OrderId: 'A', Customer: 'C', Item: 'FG', Quantity: 8, DueDate: '2026-01-16', Priority: 3 },
      ],
      Items: [{ ItemId: 'FG', Type: 'Make', Uom: 'pcs' }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8 }],
      Calendar: ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'].map((Date) => ({ WorkCenter: 'ASSY', Date, Hours: 0 })),
    };
    for (const [lang, reason] of [
      ['en', 'work center ASSY full in the week of 2026-01-05 (no overtime allowed), taken by higher-priority H; work center ASSY closed in the week of 2026-01-12 (Calendar)'],
      ['zh', '工作中心 ASSY 在 2026-01-05 周满负荷（不允许加班），被优先级更高的 H 占用；工作中心 ASSY 在 2026-01-12 周停工（工作日历）'],
    ]) {
      const rows = await planRows(dir, settings, sheets, lang);
      const a = rows.get('A')!;
      expect(rows.get('H')![7]).toBe(0);
      expect([finish(a), a[7], a.at(-1)]).toEqual(['2026-01-19', 3, reason]);
    }
  });

  it('names the purchase lead time of an order due before PlanStart', async () => {
    // PlanStart Monday 2026-12-07. P: 4 FG2 due 12-02 (before the plan starts), 1 kg RM each; RM
    // has no stock and a 7-day lead time, so a purchase placed 12-07 arrives 12-14: P runs 4 h on
    // Mon 12-14 and is 12 days late (12-14 − 12-02). The plan start alone would have let it ship 12-07.
    const dir = tempDir('mto-before-start-');
    const settings = { PlanStart: '2026-12-07', BucketDays: 7, HorizonBuckets: 6 };
    const sheets: Sheets = {
      Orders: [{ OrderId: 'P', Customer: 'C', Item: 'FG2', Quantity: 4, DueDate: '2026-12-02', ReleaseDate: '2026-11-20' }],
      Items: [
        { ItemId: 'FG2', Type: 'Make', Uom: 'pcs' },
        { ItemId: 'RM', Type: 'Buy', Uom: 'kg', StdCost: 2, LeadTimeDays: 7 },
      ],
      BOM: [{ Parent: 'FG2', Component: 'RM', QtyPer: 1 }],
      Routing: [{ Item: 'FG2', OpSeq: 10, WorkCenter: 'WC1', RunHoursPerUnit: 1 }],
      WorkCenters: [{ WorkCenterId: 'WC1', HoursPerDay: 8 }],
    };
    // The shortage says how much to buy in the item's unit: 4 FG2 × 1 kg = 4 kg.
    for (const [lang, reason, shortage] of [
      ['en', 'due 2026-12-02, before the plan starts (PlanStart 2026-12-07); material RM has no stock or open PO before 2026-12-14 (purchase lead time 7 days)', 'RM: stock and open POs run short from 2026-12-07; buy 4 kg in total, the first by 2026-12-07'],
      ['zh', '交期 2026-12-02 早于计划开始日期 2026-12-07；物料 RM 在 2026-12-14 之前无库存也无在途采购（采购提前期 7 天）', 'RM：自 2026-12-07 起库存及在途采购不足；共需采购 4 kg，最早须在 2026-12-07 前下单'],
    ]) {
      const rows = await planRows(dir, settings, sheets, lang);
      const p = rows.get('P')!;
      expect([finish(p), p[7], p.at(-1)]).toEqual(['2026-12-14', 12, reason]);
      expect(rows.messages).toContain(shortage);
    }
  });
});
