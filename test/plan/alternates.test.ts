// Alternate components (物料替代): a BOM line with AlternateOf covers a shortage of its primary,
// at its own QtyPer and ScrapPct, only within its own validity (weeks as in fixture.ts).
//
//   FG (Make)  ASSY 10: 1 h/unit on ASSY (8 h/day → 40 h a week)
//    ├─ MOTOR   ×1 (Buy, 6 on hand, PO of 20 due 01-19 = bucket 2; lead time 60 days: no purchase in the horizon)
//    └─ MOTOR-B ×1 AlternateOf MOTOR (Buy, 10 on hand)
//
// Order A1: 10 FG due Friday 01-09 (bucket 0), priority 3 (weight 4).
//   Primary alone: 6 in bucket 0, 4 only in bucket 2 (two weeks late: 4 × 10 × 4 × 14 = 2240).
//   With the alternate: 6 MOTOR + 4 MOTOR-B in bucket 0, at SubstitutionCost 1 per MOTOR replaced
//   (plus a purchase premium of at least 0.001): about 4 — so on time, exactly the shortfall of 4.
import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../shared/plan/build-model';
import { order, orderOf, plan, plantOf, records, wc } from './fixture';

type Rec = Record<string, unknown>;

const sheets = (alt: Rec = {}, extra: { orders?: Rec[]; items?: Rec[]; motorOnHand?: number; pos?: Rec[] } = {}) => ({
  Items: [
    { ItemId: 'FG', Type: 'Make' },
    { ItemId: 'MOTOR', Type: 'Buy', OnHand: extra.motorOnHand ?? 6, LeadTimeDays: 60 },
    { ItemId: 'MOTOR-B', Type: 'Buy', OnHand: 10, LeadTimeDays: 60 },
    ...(extra.items ?? []),
  ],
  BOM: [
    { Parent: 'FG', Component: 'MOTOR', QtyPer: 1 },
    { Parent: 'FG', Component: 'MOTOR-B', QtyPer: 1, AlternateOf: 'MOTOR', ...alt },
  ],
  Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
  WorkCenters: [wc('ASSY', 8)],
  Suppliers: [{ SupplierId: 'S1', Name: 'Motors Ltd' }],
  PurchaseOrders: extra.pos ?? [{ PoId: 'PO1', Supplier: 'S1', Item: 'MOTOR', Quantity: 20, UnitPrice: 100, DueDate: '2026-01-19' }],
  Orders: extra.orders ?? [order('A1', 'FG', 10, '2026-01-09')],
});

const req = (r: { materials: { item: string; requirement: number }[] }, item: string) => r.materials.filter((m) => m.item === item).map((m) => m.requirement);

describe('alternate components', () => {
  it('covers exactly the shortfall of a primary short for two weeks, so the order is on time', async () => {
    const out = await plan(records(sheets()));
    const a1 = orderOf(out.result, 'A1');
    expect(a1).toMatchObject({ daysLate: 0, finishDate: '2026-01-11', shortQty: 0 });
    // 10 needed in bucket 0: the 6 MOTOR on hand, the 4 missing from MOTOR-B.
    expect(req(out.result, 'MOTOR')).toEqual([6, 0, 0, 0]);
    expect(req(out.result, 'MOTOR-B')).toEqual([4, 0, 0, 0]);
    expect(out.result.materials.find((m) => m.item === 'MOTOR-B')).toMatchObject({ usedAsAlternate: 4 });
    expect(out.result.materials.find((m) => m.item === 'MOTOR')).toMatchObject({ replacedByAlternate: 4 });
    // Why, in words: MOTOR's next supply is the PO in the week of 01-19.
    expect(a1.alternatesUsed?.en).toBe('MOTOR short until 01-19; 4 × MOTOR-B used');
    expect(a1.alternatesUsed?.zh).toBe('MOTOR 01-19 前缺料；已用替代料 4 × MOTOR-B');
    // The day-by-day schedule draws them too and finishes on time (10 h from Monday 01-05).
    expect(out.json.orders[0]).toMatchObject({ daysLate: 0, alternatesUsed: 'MOTOR short until 01-19; 4 × MOTOR-B used' });
    const lots = out.schedule!.rows().filter((r) => r.orderId === 'A1');
    const drawn = lots.flatMap((r) => r.alternates ?? []);
    expect(drawn.reduce((a, d) => a + d.qty, 0)).toBe(4);
    expect(drawn.every((d) => d.item === 'MOTOR-B' && d.primary === 'MOTOR')).toBe(true);
    expect(lots.every((r) => r.materialOk)).toBe(true);
    // And the result sheets say so: Plan, Materials and Schedule.
    const sheet = (name: string) => out.sheets.find((s) => s.name === name)!;
    expect(sheet('Plan').rows[0].alternatesUsed).toBe('MOTOR short until 01-19; 4 × MOTOR-B used');
    expect(sheet('Plan').columns.map((c) => c.header)).toContain('Alternates used');
    expect(sheet('Materials').columns.map((c) => c.header)).toEqual(expect.arrayContaining(['Used as alternate', 'Covered by alternates']));
    expect(sheet('Schedule').rows.some((r) => String(r.alternates).includes('MOTOR-B for MOTOR'))).toBe(true);
  });

  it('uses the alternate at its own QtyPer and ScrapPct', async () => {
    // MOTOR-B 2 per FG with 25 % scrap: 2.5 per FG; 4 FG covered → 10 MOTOR-B (all there is).
    const { result } = await plan(records(sheets({ QtyPer: 2, ScrapPct: 25 })));
    expect(orderOf(result, 'A1').daysLate).toBe(0);
    expect(req(result, 'MOTOR-B')).toEqual([10, 0, 0, 0]);
    expect(orderOf(result, 'A1').alternatesUsed?.en).toBe('MOTOR short until 01-19; 10 × MOTOR-B used');
  });

  it('does not use an alternate whose ValidTo ends before the need', async () => {
    // Released 01-12 (bucket 1), due 01-16; MOTOR-B valid only until 01-09, i.e. in bucket 0
    // (the bucket's first day 01-05 is within its dates), when the order may not start yet.
    // So 6 FG in bucket 1 from stock, 4 in bucket 2 from the PO: 7 days late (one bucket).
    const orders = [order('A1', 'FG', 10, '2026-01-16', 3, { ReleaseDate: '2026-01-12' })];
    const { result } = await plan(records(sheets({ ValidTo: '2026-01-09' }, { orders })));
    const a1 = orderOf(result, 'A1');
    expect(a1).toMatchObject({ daysLate: 7, finishDate: '2026-01-25' });
    expect(a1.alternatesUsed).toBeUndefined();
    expect(req(result, 'MOTOR-B')).toEqual([]); // no row: nothing could draw it
    expect(req(result, 'MOTOR')).toEqual([0, 6, 4, 0]);
    // Not even a column outside its validity.
    const pm = buildPlanModel(plantOf(records(sheets({ ValidTo: '2026-01-09' }, { orders }))));
    expect(pm.lp.colNames.filter((n) => n.startsWith('sub_'))).toEqual([]);
  });

  it('prefers the primary: stock of it, or a purchase in time, before any alternate', async () => {
    // 10 MOTOR on hand: nothing substituted.
    const a = await plan(records(sheets({}, { motorOnHand: 10 })));
    expect(orderOf(a.result, 'A1').alternatesUsed).toBeUndefined();
    expect(req(a.result, 'MOTOR-B')).toEqual([0, 0, 0, 0]);
    // No MOTOR at all but bought with no lead time: bought in time rather than substituted
    // (premium 0.001 × 100 = 0.1 per unit against SubstitutionCost 1 + 0.1).
    const items = [{ ItemId: 'MOTOR', Type: 'Buy', OnHand: 0, LeadTimeDays: 0 }];
    const s = sheets({}, { pos: [] });
    s.Items = [s.Items[0], ...items, s.Items[2]];
    s.Suppliers = [{ SupplierId: 'S1', Name: 'Motors Ltd' }];
    const sup = { ...s, SupplierItems: [{ Supplier: 'S1', Item: 'MOTOR', UnitPrice: 100 }] };
    const b = await plan(records(sup));
    expect(orderOf(b.result, 'A1')).toMatchObject({ daysLate: 0 });
    expect(orderOf(b.result, 'A1').alternatesUsed).toBeUndefined();
    expect(req(b.result, 'MOTOR')).toEqual([10, 0, 0, 0]);
  });

  it('takes several alternates of one primary, each within its own stock', async () => {
    // MOTOR-B has 10 but is valid only from 01-12; MOTOR-C (3 on hand) always. Due in bucket 0:
    // 6 MOTOR + 3 MOTOR-C in bucket 0, the tenth FG in bucket 1 with MOTOR-B (7 days late for one unit
    // costs 1 × 10 × 4 × 7 = 280, far below leaving it to the PO in bucket 2).
    const s = sheets({ ValidFrom: '2026-01-12' }, { items: [{ ItemId: 'MOTOR-C', Type: 'Buy', OnHand: 3, LeadTimeDays: 60 }] });
    s.BOM.push({ Parent: 'FG', Component: 'MOTOR-C', QtyPer: 1, AlternateOf: 'MOTOR' });
    const { result } = await plan(records(s));
    expect(req(result, 'MOTOR')).toEqual([6, 0, 0, 0]);
    expect(req(result, 'MOTOR-C')).toEqual([3, 0, 0, 0]);
    expect(req(result, 'MOTOR-B')).toEqual([0, 1, 0, 0]);
    expect(orderOf(result, 'A1').daysLate).toBe(7);
  });
});
