// Orders served from stock: Make items' stock above safety stock, first come by priority, for
// finished items and for components; Buy items ordered directly, from stock, open POs and
// purchases after the lead time. Weeks from 2026-01-05 (see fixture.ts).
import { describe, expect, it } from 'vitest';
import { loadOf, order, orderOf, plan, records, wc } from './fixture';

const assy = { Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 };

describe('stock of a finished Make item', () => {
  it('ships an order from stock instead of making it', async () => {
    // FG: 100 on hand. O1 wants 10 on 01-09: all 10 ship from stock on PlanStart 01-05, on time,
    // and ASSY has nothing to do (it made all 10 and was 8 days late before).
    const { result } = await plan(
      records({ Items: [{ ItemId: 'FG', Type: 'Make', OnHand: 100 }], Routing: [assy], WorkCenters: [wc('ASSY', 8)], Orders: [order('O1', 'FG', 10, '2026-01-09')] }),
    );
    expect(orderOf(result, 'O1')).toMatchObject({ fromStock: 10, finishDate: '2026-01-05', daysLate: 0, state: 'onTime', lateBecause: null });
    expect(loadOf(result, 'ASSY', '2026-01-05').loadHours).toBe(0);
  });

  it('hands out stock above safety stock first come by priority and makes the rest', async () => {
    // FG: 30 on hand, 10 safety stock → 20 to hand out. O2 (priority 1) takes its 15 first, O1
    // (priority 3, listed first) gets the 5 left and makes 10: 10 × 1 h = 10 h of ASSY in week 0.
    const { result, sheets } = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make', OnHand: 30, SafetyStock: 10 }],
        Routing: [assy],
        WorkCenters: [wc('ASSY', 8)],
        Orders: [order('O1', 'FG', 15, '2026-01-09', 3), order('O2', 'FG', 15, '2026-01-16', 1)],
      }),
    );
    expect(orderOf(result, 'O2')).toMatchObject({ fromStock: 15, state: 'onTime' });
    expect(orderOf(result, 'O1')).toMatchObject({ fromStock: 5, finishDate: '2026-01-11', daysLate: 0, state: 'onTime' });
    expect(loadOf(result, 'ASSY', '2026-01-05').loadHours).toBe(10);
    // The Plan sheet says so.
    const planSheet = sheets.find((s) => s.name === 'Plan')!;
    expect(planSheet.columns.find((c) => c.key === 'fromStock')).toMatchObject({ header: 'From stock', headerZh: '库存发货' });
    expect(planSheet.rows.map((r) => [r.orderId, r.fromStock])).toEqual([['O1', 5], ['O2', 15]]);
  });
});

describe('stock of a Make component', () => {
  // FG = 2 × SA (Make, CNC 1 h each) then ASSY 0.5 h. One order of 10 FG needs 20 SA.
  const book = (saOnHand: number) =>
    records({
      Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'SA', Type: 'Make', OnHand: saOnHand }],
      BOM: [{ Parent: 'FG', Component: 'SA', QtyPer: 2 }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 0.5 }, { Item: 'SA', OpSeq: 10, WorkCenter: 'CNC', RunHoursPerUnit: 1 }],
      WorkCenters: [wc('ASSY', 8), wc('CNC', 8)],
      Orders: [order('O1', 'FG', 10, '2026-01-09')],
    });
  const cncHours = (r: Awaited<ReturnType<typeof plan>>['result']) => r.load.filter((l) => l.workCenter === 'CNC').reduce((a, l) => a + l.loadHours, 0);

  it('makes only the components stock does not cover', async () => {
    // 10 SA on hand: 20 − 10 = 10 SA made, 10 × 1 h = 10 h of CNC; ASSY 10 × 0.5 = 5 h.
    const { result } = await plan(book(10));
    expect(cncHours(result)).toBeCloseTo(10, 6);
    expect(loadOf(result, 'ASSY', '2026-01-05').loadHours).toBe(5);
    expect(orderOf(result, 'O1')).toMatchObject({ componentsFromStock: 'SA × 10', fromStock: 0, daysLate: 0 });
  });

  it('makes no components when stock covers them all', async () => {
    // 50 SA on hand ≥ 20: no CNC work at all, and the order is on time.
    const { result } = await plan(book(50));
    expect(cncHours(result)).toBe(0);
    expect(orderOf(result, 'O1')).toMatchObject({ componentsFromStock: 'SA × 20', daysLate: 0 });
  });
});

describe('an order for a Buy item (a trading good)', () => {
  // TG: 5 on hand, bought from S1 with a 7-day lead time (a purchase placed 01-05 arrives in
  // week 1, 01-12). No work center is involved.
  const book = (due: string) =>
    records({
      Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'TG', Type: 'Buy', OnHand: 5 }],
      Routing: [assy],
      WorkCenters: [wc('ASSY', 8)],
      Suppliers: [{ SupplierId: 'S1', Name: 'One', Approved: 'Y' }],
      SupplierItems: [{ Supplier: 'S1', Item: 'TG', UnitPrice: 3, LeadTimeDays: 7, SharePct: 100 }],
      Orders: [order('T1', 'TG', 12, due)],
    });

  it('meets its date from stock plus a purchase within the lead time', async () => {
    // Due 01-16 (week 1): 5 from stock + 7 bought for week 1 (ordered 01-05) → on time in week 1.
    const { result } = await plan(book('2026-01-16'));
    expect(orderOf(result, 'T1')).toMatchObject({ state: 'onTime', finishDate: '2026-01-18', daysLate: 0, shortQty: 0 });
    expect(result.purchaseSuggestions).toEqual([{ item: 'TG', supplier: 'S1', quantity: 7, orderBy: '2026-01-05', needBy: '2026-01-12' }]);
    expect(result.exceptions.filter((e) => e.type === 'cannotFinish')).toEqual([]);
  });

  it('is late by the purchase lead time when stock does not cover it, and names the material', async () => {
    // Due 01-09 (week 0): 5 from stock in week 0, the other 7 only when a purchase can arrive,
    // week 1 → finishes 01-18, 7 days late.
    const { result } = await plan(book('2026-01-09'));
    const t1 = orderOf(result, 'T1');
    expect(t1).toMatchObject({ state: 'late', finishDate: '2026-01-18', daysLate: 7 });
    expect(t1.lateBecause!.en).toBe('material TG short from 2026-01-05: no stock to spare before a new purchase can arrive (2026-01-12 at the earliest, lead time 7 days)');
  });

  it('ships on the day its last units are there in the day-by-day schedule, with no work center', async () => {
    // Due 01-16: 5 from stock on 01-05, the 7 bought arrive at the start of week 1, Monday 01-12
    // 00:00 → it ships 01-12 (not the Sunday before, not the week's end), 4 days early.
    const early = await plan(book('2026-01-16'));
    expect(early.json.orders.find((o) => o.orderId === 'T1')).toMatchObject({ finishDate: '2026-01-12', daysLate: 0, shortQty: 0 });
    expect(early.json.exceptions.filter((e) => e.type === 'unscheduled')).toEqual([]);
    expect(early.sheets.find((s) => s.name === 'Plan')!.rows.find((r) => r.orderId === 'T1')).toMatchObject({ finishDate: '2026-01-12', daysLate: 0 });
    // Due 01-09: the same 01-12 is 3 days late (01-09 → 01-12), a warning (priority 3, ≤ 7 days).
    const late = await plan(book('2026-01-09'));
    expect(late.json.orders.find((o) => o.orderId === 'T1')).toMatchObject({ finishDate: '2026-01-12', daysLate: 3 });
    expect(late.json.exceptions.filter((e) => e.type === 'unscheduled')).toEqual([]);
    expect(late.json.exceptions.find((e) => e.type === 'late' && e.subject === 'T1')).toMatchObject({ severity: 'warning' });
  });
});
