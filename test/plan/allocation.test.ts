// Capacity allocation cases with answers worked out by hand (see fixture.ts for the weeks and
// the lateness price: 10 per unit-day × priority weight, 7 days a bucket).
import { describe, expect, it } from 'vitest';
import { loadOf, order, orderOf, plan, records, wc } from './fixture';

const FG = { ItemId: 'FG', Type: 'Make' };
const oneOp = (workCenter: string, run: number, extra: Record<string, unknown> = {}) => ({ Item: 'FG', OpSeq: 10, WorkCenter: workCenter, RunHoursPerUnit: run, ...extra });

describe('one work center, two orders: priority decides who is late', () => {
  // ASSY: 8 h × 5 days = 40 h a week, no overtime. A1 (priority 1, weight 16) and A2 (priority 3,
  // weight 4) each need 30 units × 1 h, both due Friday 01-09 (bucket 0). Week 0 holds 40 of the
  // 60 hours, so 20 units finish in week 1, 7 days late:
  //   A2 late: 20 × 7 × 10 × 4  =  5,600   ← chosen
  //   A1 late: 20 × 7 × 10 × 16 = 22,400
  // Nothing finishes early (no earliness cost), one operation (no WIP): objective 5,600.
  const book = records({
    Items: [FG],
    Routing: [oneOp('ASSY', 1)],
    WorkCenters: [wc('ASSY', 8)],
    Orders: [order('A1', 'FG', 30, '2026-01-09', 1), order('A2', 'FG', 30, '2026-01-09', 3)],
  });

  it('keeps the priority-1 order on time and makes the other one a week late, naming the work center and who took it', async () => {
    const { json, result } = await plan(book);
    expect(json.status).toBe('optimal');
    expect(json.objective).toBeCloseTo(5600, 6);
    const a1 = orderOf(result, 'A1');
    const a2 = orderOf(result, 'A2');
    expect([a1.finishDate, a1.daysLate, a1.lateBecause]).toEqual(['2026-01-11', 0, null]);
    expect([a2.finishDate, a2.daysLate, a2.shortQty]).toEqual(['2026-01-18', 7, 0]);
    expect(a2.lateBecause!.en).toBe('work center ASSY full in the week of 2026-01-05 (no overtime allowed), taken by higher-priority A1');
    expect(a2.lateBecause!.zh).toContain('工作中心 ASSY');
    expect(a2.lateBecause!.zh).toContain('A1');
    // week 0: 40 of 40 h; week 1: the remaining 20 h
    expect(loadOf(result, 'ASSY', '2026-01-05')).toMatchObject({ capacityHours: 40, loadHours: 40, overtimeHours: 0, utilisation: 1 });
    expect(loadOf(result, 'ASSY', '2026-01-12')).toMatchObject({ capacityHours: 40, loadHours: 20, utilisation: 0.5 });
    expect(result.exceptions.find((e) => e.type === 'late')).toMatchObject({ subject: 'A2', date: '2026-01-18', severity: 'warning' });
  });

  it('swaps the outcome when the priorities swap', async () => {
    const swapped = records({ ...book.sheets, Orders: [order('A1', 'FG', 30, '2026-01-09', 3), order('A2', 'FG', 30, '2026-01-09', 1)] });
    const { result } = await plan(swapped);
    expect(orderOf(result, 'A1').daysLate).toBe(7);
    expect(orderOf(result, 'A2').daysLate).toBe(0);
  });
});

describe('overtime', () => {
  // B1: 45 units × 1 h due in week 0 at a 40 h/week work center with 10 h overtime a week.
  //   Late instead: 5 units × 7 days × 10 × weight 4 = 1,400.
  //   Overtime at 20/h: 5 h × 20 = 100 < 1,400 → 5 h overtime, on time; objective 100.
  //   Overtime at 500/h: 5 h × 500 = 2,500 > 1,400 → 5 units a week late; objective 1,400.
  const book = (rate: number) =>
    records({
      Items: [FG],
      Routing: [oneOp('ASSY', 1)],
      WorkCenters: [wc('ASSY', 8, { MaxOvertimeHoursPerWeek: 10, OvertimeRate: rate })],
      Orders: [order('B1', 'FG', 45, '2026-01-09')],
    });

  it('uses cheap overtime to stay on time', async () => {
    const { json, result } = await plan(book(20));
    expect(json.objective).toBeCloseTo(100, 6);
    expect(orderOf(result, 'B1')).toMatchObject({ daysLate: 0, finishDate: '2026-01-11', lateBecause: null });
    expect(loadOf(result, 'ASSY', '2026-01-05')).toMatchObject({ capacityHours: 40, loadHours: 45, overtimeHours: 5, utilisation: 1.125 });
    expect(result.exceptions.some((e) => e.type === 'overload' && e.subject === 'ASSY' && e.severity === 'warning')).toBe(true);
  });

  it('prefers a week of delay to overtime that costs more, and says so', async () => {
    const { json, result } = await plan(book(500));
    expect(json.objective).toBeCloseTo(1400, 6);
    const b1 = orderOf(result, 'B1');
    expect(b1.daysLate).toBe(7);
    expect(b1.lateBecause!.en).toBe('work center ASSY full in the week of 2026-01-05 (more overtime would cost more than the delay)');
    expect(loadOf(result, 'ASSY', '2026-01-05').overtimeHours).toBe(0);
  });
});

describe('subcontracting', () => {
  // D1: 100 units × 1 h at PAINT (40 h/week), due Friday 01-16 (bucket 1). PAINT may be
  // subcontracted at 50/unit, back 3 days later (rounded up to 1 bucket).
  //   In-house by bucket 1: 80 units. The other 20:
  //     a week late:    20 × 7 × 10 × 4 = 5,600
  //     subcontracted:  20 × 50        = 1,000, sent in week 0, back in week 1 ← chosen
  //   The 40 units made in week 0 finish a bucket early: 40 × 0.01 = 0.40.
  //   Objective 1,000.40.
  const book = (cost: number) =>
    records({
      Items: [FG],
      Routing: [oneOp('PAINT', 1, { Subcontract: 'Y', SubcontractCostPerUnit: cost, SubcontractLeadDays: 3 })],
      WorkCenters: [wc('PAINT', 8)],
      Orders: [order('D1', 'FG', 100, '2026-01-16')],
    });

  it('subcontracts the overflow when that is cheaper than being late', async () => {
    const { json, result } = await plan(book(50));
    expect(json.objective).toBeCloseTo(1000.4, 6);
    expect(orderOf(result, 'D1')).toMatchObject({ daysLate: 0, subcontractedQty: 20, shortQty: 0, subcontracting: 'PAINT10 × 20', finishDate: '2026-01-18' });
    expect(loadOf(result, 'PAINT', '2026-01-05').loadHours).toBe(40);
    expect(loadOf(result, 'PAINT', '2026-01-12').loadHours).toBe(40);
  });

  it('keeps the work in-house and late when subcontracting costs more than the delay', async () => {
    // 20 × 500 = 10,000 > 5,600: the 20 units finish in week 2, 7 days late.
    const { json, result } = await plan(book(500));
    expect(json.objective).toBeCloseTo(5600.4, 6);
    expect(orderOf(result, 'D1')).toMatchObject({ daysLate: 7, subcontractedQty: 0 });
  });
});

describe('a shared material', () => {
  // RM-X: 10 on hand, no safety stock, no open PO; approved suppliers S1 (60 %, price 5) and
  // S2 (40 %, price 6), both 14 days' lead time → a purchase placed on 01-05 arrives in bucket 2
  // (01-19). FG needs 1 RM-X; ASSY time is negligible (0.01 h/unit).
  // C1 (priority 2, weight 8) and C2 (priority 4, weight 2) each want 10 FG in week 0.
  //   C2 waits for the purchase:  10 × 14 days × 10 × 2 = 2,800   ← chosen
  //   C1 waits instead:           10 × 14 × 10 × 8     = 11,200
  //   Purchase of 10 arriving in bucket 2 of 4: premium 0.001 × 5 × (1 + 0.1 × (4 − 1 − 2)/4)
  //   = 0.005125 per unit → 0.05125. Objective 2,800.05125.
  const book = records({
    Items: [FG, { ItemId: 'RM-X', Type: 'Buy', OnHand: 10, LeadTimeDays: 14 }],
    BOM: [{ Parent: 'FG', Component: 'RM-X', QtyPer: 1 }],
    Routing: [oneOp('ASSY', 0.01)],
    WorkCenters: [wc('ASSY', 8)],
    Suppliers: [
      { SupplierId: 'S1', Name: 'One', Approved: 'Y' },
      { SupplierId: 'S2', Name: 'Two', Approved: 'Y' },
      { SupplierId: 'S3', Name: 'Not approved', Approved: 'N' },
    ],
    SupplierItems: [
      { Supplier: 'S1', Item: 'RM-X', UnitPrice: 5, LeadTimeDays: 14, SharePct: 60 },
      { Supplier: 'S2', Item: 'RM-X', UnitPrice: 6, LeadTimeDays: 14, SharePct: 40 },
      { Supplier: 'S3', Item: 'RM-X', UnitPrice: 1, LeadTimeDays: 7, SharePct: 100 },
    ],
    Orders: [order('C1', 'FG', 10, '2026-01-09', 2), order('C2', 'FG', 10, '2026-01-09', 4)],
  });

  it('gives the stock to the higher priority, names the material for the other, and suggests the purchase split by share', async () => {
    const { json, result } = await plan(book);
    expect(json.objective).toBeCloseTo(2800.05125, 6);
    expect(orderOf(result, 'C1').daysLate).toBe(0);
    const c2 = orderOf(result, 'C2');
    expect([c2.finishDate, c2.daysLate]).toEqual(['2026-01-25', 14]);
    expect(c2.lateBecause!.en).toBe(
      'material RM-X short from 2026-01-05: no stock to spare before a new purchase can arrive (2026-01-19 at the earliest, lead time 14 days), taken by higher-priority C1',
    );
    expect(c2.lateBecause!.zh).toContain('物料 RM-X 自 2026-01-05 起不足');
    // 10 to buy for 01-19: S1 60 % = 6, S2 40 % = 4, each ordered 14 days before; S3 is not approved.
    expect(json.purchaseSuggestions).toEqual([
      { item: 'RM-X', supplier: 'S1', quantity: 6, orderBy: '2026-01-05', needBy: '2026-01-19' },
      { item: 'RM-X', supplier: 'S2', quantity: 4, orderBy: '2026-01-05', needBy: '2026-01-19' },
    ]);
    // Projected on hand: 10 − 10 = 0 in week 0, stays 0, +10 − 10 in week 2.
    const rm = result.materials.filter((m) => m.item === 'RM-X');
    expect(rm.map((m) => [m.requirement, m.suggestedPurchase, m.projectedOnHand])).toEqual([
      [10, 0, 0],
      [0, 0, 0],
      [10, 10, 0],
      [0, 0, 0],
    ]);
    expect(result.exceptions.find((e) => e.type === 'shortage')?.message.en).toBe('RM-X: stock and open POs run short from 2026-01-05; buy 10 pcs in total, the first by 2026-01-05');
    // Short from the first week (both orders want 10 there, 10 are in stock), not from 01-19, the
    // week the plan could first use a purchase in.
  });

  it('uses an open PO before buying and keeps safety stock back', async () => {
    // OnHand 15 with SafetyStock 5 → 10 usable; an open PO of 10 due 01-13 (bucket 1) covers
    // C2 in week 1 instead: 10 × 7 × 10 × 2 = 1,400, nothing bought. A received PO is history, not supply.
    const withPo = records({
      ...book.sheets,
      Items: [FG, { ItemId: 'RM-X', Type: 'Buy', OnHand: 15, SafetyStock: 5, LeadTimeDays: 14 }],
      PurchaseOrders: [
        { PoId: 'P1', Supplier: 'S1', Item: 'RM-X', Quantity: 10, UnitPrice: 5, DueDate: '2026-01-13' },
        { PoId: 'P0', Supplier: 'S1', Item: 'RM-X', Quantity: 99, UnitPrice: 5, DueDate: '2026-01-06', ReceivedDate: '2025-12-20', ReceivedQty: 99 },
      ],
    });
    const { json, result } = await plan(withPo);
    expect(json.objective).toBeCloseTo(1400, 6);
    const c2 = orderOf(result, 'C2');
    expect(c2.daysLate).toBe(7);
    expect(c2.lateBecause!.en).toBe('material RM-X short from 2026-01-05: no stock to spare until the open PO due in the week of 2026-01-12, taken by higher-priority C1');
    expect(json.purchaseSuggestions).toEqual([]);
    expect(result.materials.filter((m) => m.item === 'RM-X').map((m) => [m.receipts, m.projectedOnHand])).toEqual([
      [0, 5],
      [10, 5],
      [0, 5],
      [0, 5],
    ]);
  });
});

describe('a calendar shutdown', () => {
  // ASSY 40 h/week with up to 10 h overtime at 1/h; the whole plant ('*') is closed all of
  // week 1 (01-12 … 01-16), ASSY's own row opens Saturday 01-10 for 8 h (overriding nothing else).
  // E1: 68 units × 1 h due Friday 01-16 (bucket 1).
  //   Week 0: 40 + 8 (Saturday) = 48 h regular, 6 working days → overtime cap 10/5 × 6 = 12 h.
  //   Week 1: 0 h and no overtime (no working days). So 60 units by due, 8 units a week late
  //   (week 2): 8 × 7 × 10 × 4 = 2,240; overtime 12 × 1 = 12; 60 units one bucket early: 0.60.
  //   Objective 2,252.60.
  const book = records({
    Items: [FG],
    Routing: [oneOp('ASSY', 1)],
    WorkCenters: [wc('ASSY', 8, { MaxOvertimeHoursPerWeek: 10, OvertimeRate: 1 })],
    Calendar: [
      ...['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'].map((Date) => ({ WorkCenter: '*', Date, Hours: 0 })),
      { WorkCenter: 'ASSY', Date: '2026-01-10', Hours: 8 },
    ],
    Orders: [order('E1', 'FG', 68, '2026-01-16')],
  });

  it('plans around the closed week, with the Saturday and its overtime', async () => {
    const { json, result, stats } = await plan(book);
    expect(json.objective).toBeCloseTo(2252.6, 6);
    expect(loadOf(result, 'ASSY', '2026-01-05')).toMatchObject({ capacityHours: 48, loadHours: 60, overtimeHours: 12 });
    expect(loadOf(result, 'ASSY', '2026-01-12')).toMatchObject({ capacityHours: 0, loadHours: 0, overtimeHours: 0, utilisation: null });
    expect(loadOf(result, 'ASSY', '2026-01-19')).toMatchObject({ capacityHours: 40, loadHours: 8 });
    const e1 = orderOf(result, 'E1');
    expect([e1.finishDate, e1.daysLate]).toEqual(['2026-01-25', 7]);
    // Full in week 0, then closed in its due week 1: both are why it waits for week 2.
    expect(e1.lateBecause!.en).toBe('work center ASSY full in the week of 2026-01-05 (overtime used up); work center ASSY closed in the week of 2026-01-12 (Calendar)');
    // No variable for the closed week: x in buckets 0, 2, 3; overtime in 0, 2, 3; short.
    expect(stats.variables).toBe(7);
  });
});
