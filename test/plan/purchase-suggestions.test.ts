// Purchase suggestions as MRP lot-for-lot with MinOrderQty / OrderMultiple, surplus carried into
// later buckets, split over suppliers by SharePct. Weeks from 2026-01-05 (see fixture.ts).
import { describe, expect, it } from 'vitest';
import type { SupplierItem } from '../../shared/domain';
import { buildPlanModel } from '../../shared/plan/build-model';
import { cheapestLot, lotFor, suggestLots } from '../../shared/plan/purchase-suggestions';
import { order, plan, plantOf, records, wc } from './fixture';

describe('lot sizing (pure)', () => {
  it('raises an uncovered need to whole units, the minimum lot and the pack multiple', () => {
    expect(lotFor(0.2, { minOrderQty: 0, orderMultiple: 0 })).toBe(1); // ⌈0.2⌉
    expect(lotFor(13.0000001, { minOrderQty: 0, orderMultiple: 0 })).toBe(13); // solver noise is not a 14th unit
    expect(lotFor(3, { minOrderQty: 10, orderMultiple: 0 })).toBe(10); // MOQ
    expect(lotFor(11, { minOrderQty: 10, orderMultiple: 4 })).toBe(12); // 11 → 3 packs of 4
    expect(lotFor(3, { minOrderQty: 10, orderMultiple: 4 })).toBe(12); // MOQ 10 → 3 packs of 4
  });

  it('carries a lot’s surplus into later buckets and splits by share on the item’s total', () => {
    // Need 6, 5, 4, 9 (total 24). S1 60 % with MOQ 10, S2 40 % in packs of 5.
    //   S1 share cumulative 3.6, 6.6, 9.0, 14.4: orders 10 in t0 (covers to 10), nothing in t1, t2
    //     (6.6, 9.0 ≤ 10), t3 uncovered 4.4 → ⌈4.4⌉ = 5 → MOQ 10. Total 20 ≤ 14.4 + 10.
    //   S2 share cumulative 2.4, 4.4, 6.0, 9.6: t0 ⌈2.4⌉ = 3 → pack 5; t1 4.4 ≤ 5; t2 uncovered 1
    //     → 5 (covers to 10); t3 9.6 ≤ 10. Total 10 ≤ 9.6 + 5.
    // Both together cover the cumulative need in every bucket: 15 ≥ 6, 15 ≥ 11, 20 ≥ 15, 30 ≥ 24.
    const lots = suggestLots([6, 5, 4, 9], [
      { supplier: 'S1', share: 0.6, minOrderQty: 10, orderMultiple: 0 },
      { supplier: 'S2', share: 0.4, minOrderQty: 0, orderMultiple: 5 },
    ]);
    expect(lots).toEqual([
      { supplier: 'S1', bucket: 0, quantity: 10 },
      { supplier: 'S2', bucket: 0, quantity: 5 },
      { supplier: 'S2', bucket: 2, quantity: 5 },
      { supplier: 'S1', bucket: 3, quantity: 10 },
    ]);
  });

  it('never asks a supplier for more than its share of the need plus one minimum lot, however the need is spread', () => {
    // The sample's 3 kW motor: needs 6, 5, 4.7826, 8.2174, 9, 26, 3 (= 62) against MOQ 10.
    // Per bucket rounded up it was 10 + 10 + 10 + 10 + 10 + 26 + 10 = 86. Lot-for-lot with carry:
    //   6 → 10 (4 left), 5 → 1 uncovered → 10 (9 left), 4.78 → (4.22 left), 8.22 → 4 → 10 (6 left),
    //   9 → 3 → 10 (7 left), 26 → 19 (0 left), 3 → 10 (7 left): 69 ≤ 62 + 10.
    const need = [0, 0, 0, 6, 5, 4.7826, 8.2174, 9, 26, 3, 0, 0, 0];
    const lots = suggestLots(need, [{ supplier: 'S-NB-MOTOR', share: 1, minOrderQty: 10, orderMultiple: 0 }]);
    expect(lots.map((l) => [l.bucket, l.quantity])).toEqual([[3, 10], [4, 10], [6, 10], [7, 10], [8, 19], [9, 10]]);
    // Random spreads: the bound holds per supplier and the cumulative need is always covered.
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 200; k++) {
      const n = Array.from({ length: 12 }, () => (rnd() < 0.4 ? 0 : rnd() * 30));
      const rules = [
        { supplier: 'A', share: 0.7, minOrderQty: Math.floor(rnd() * 20), orderMultiple: 0 },
        { supplier: 'B', share: 0.3, minOrderQty: 0, orderMultiple: 1 + Math.floor(rnd() * 6) },
      ];
      const ls = suggestLots(n, rules);
      const total = n.reduce((a, b) => a + b, 0);
      for (const r of rules) {
        const bought = ls.filter((l) => l.supplier === r.supplier).reduce((a, l) => a + l.quantity, 0);
        expect(bought).toBeLessThanOrEqual(Math.ceil(r.share * total) + Math.max(r.minOrderQty, r.orderMultiple));
      }
      let cumNeed = 0;
      let cumBought = 0;
      for (let t = 0; t < n.length; t++) {
        cumNeed += n[t];
        cumBought += ls.filter((l) => l.bucket === t).reduce((a, l) => a + l.quantity, 0);
        expect(cumBought).toBeGreaterThanOrEqual(cumNeed - 1e-6);
      }
    }
  });
});

describe('a planned Buy material with a minimum order quantity', () => {
  // RM-X: nothing on hand, bought from S1 (MOQ 10, no lead time), 1 per FG. Orders of 6, 5, 4 and
  // 9 FG due in weeks 0–3; ASSY has hours to spare. Purchases are cheapest just in time, so the
  // plan buys 6, 5, 4, 9 in weeks 0–3. Suggestions (lot-for-lot with carry):
  //   week 0: 6 → 10 (4 left); week 1: 5 − 4 = 1 → 10 (9 left); week 2: 4 ≤ 9 (5 left);
  //   week 3: 9 − 5 = 4 → 10 (6 left). 30 in all, not 40 (10 each week).
  const book = (extra: Record<string, unknown> = {}) =>
    records({
      Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'RM-X', Type: 'Buy', OnHand: 0 }],
      BOM: [{ Parent: 'FG', Component: 'RM-X', QtyPer: 1 }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 0.1 }],
      WorkCenters: [wc('ASSY', 8)],
      Suppliers: [{ SupplierId: 'S1', Name: 'One', Approved: 'Y' }],
      SupplierItems: [{ Supplier: 'S1', Item: 'RM-X', UnitPrice: 5, LeadTimeDays: 0, MinOrderQty: 10, SharePct: 100, ...extra }],
      Orders: [order('O1', 'FG', 6, '2026-01-09'), order('O2', 'FG', 5, '2026-01-16'), order('O3', 'FG', 4, '2026-01-23'), order('O4', 'FG', 9, '2026-01-30')],
    });

  it('carries the surplus of each minimum lot forward and shows it in projected stock', async () => {
    const { json, result } = await plan(book());
    expect(json.purchaseSuggestions).toEqual([
      { item: 'RM-X', supplier: 'S1', quantity: 10, orderBy: '2026-01-05', needBy: '2026-01-05' },
      { item: 'RM-X', supplier: 'S1', quantity: 10, orderBy: '2026-01-12', needBy: '2026-01-12' },
      { item: 'RM-X', supplier: 'S1', quantity: 10, orderBy: '2026-01-26', needBy: '2026-01-26' },
    ]);
    // Projected on hand: 0 + 10 − 6 = 4; 4 + 10 − 5 = 9; 9 − 4 = 5; 5 + 10 − 9 = 6.
    expect(result.materials.map((m) => [m.requirement, m.suggestedPurchase, m.projectedOnHand])).toEqual([
      [6, 10, 4],
      [5, 10, 9],
      [4, 0, 5],
      [9, 10, 6],
    ]);
    // The shortage exception totals the suggestions: 30.
    expect(result.exceptions.find((e) => e.type === 'shortage')?.message.en).toContain('buy 30 pcs in total');
  });

  it('orders in packs of OrderMultiple', async () => {
    // Packs of 4, no minimum: week 0: 6 → 8 (2 left); week 1: 5 − 2 = 3 → 4 (1 left);
    // week 2: 4 − 1 = 3 → 4 (1 left); week 3: 9 − 1 = 8 → 8 (0 left). 24 = the need.
    const { result } = await plan(book({ MinOrderQty: 0, OrderMultiple: 4 }));
    expect(result.purchaseSuggestions.map((p) => p.quantity)).toEqual([8, 4, 4, 8]);
  });
});

describe('a supplier with price tiers', () => {
  // RM: S1 sells at 5 per kg from 0 kg and at 4 per kg from 100 kg (two SupplierItems lines), no
  // lead time; 1 kg per FG. The lot that costs least in total is bought:
  //   51 kg: 51 × 5 = 255 < 100 × 4 = 400 → 51 at 5 (not 100, which left 49 kg unused);
  //   90 kg: 90 × 5 = 450 > 100 × 4 = 400 → 100 at 4.
  const offers = [
    { Supplier: 'S1', Item: 'RM', UnitPrice: 5, MinOrderQty: 0, LeadTimeDays: 0 },
    { Supplier: 'S1', Item: 'RM', UnitPrice: 4, MinOrderQty: 100, LeadTimeDays: 0 },
  ];
  const book = (orders: Record<string, unknown>[]) =>
    records({
      Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'RM', Type: 'Buy', OnHand: 0 }],
      BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 1 }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 0.01 }],
      WorkCenters: [wc('ASSY', 8)],
      Suppliers: [{ SupplierId: 'S1', Name: 'One', Approved: 'Y' }],
      SupplierItems: offers,
      Orders: orders,
    });

  it('the cheapest lot in total, by the quote’s tier rule (pure)', () => {
    const si = offers.map((o) => ({ ...o, Approved: true })) as unknown as SupplierItem[];
    expect(cheapestLot(51, si)).toMatchObject({ quantity: 51, cost: 255, offer: { UnitPrice: 5 } }); // 51 × 5
    expect(cheapestLot(90, si)).toMatchObject({ quantity: 100, cost: 400, offer: { UnitPrice: 4 } }); // 100 × 4 < 90 × 5 = 450
    expect(cheapestLot(80, si)).toMatchObject({ quantity: 80, cost: 400 }); // 80 × 5 = 400 = 100 × 4: the smaller lot
    expect(cheapestLot(120, si)).toMatchObject({ quantity: 120, cost: 480 }); // past the tier: 120 × 4
  });

  it('a 51 kg need is bought as 51 at 5, a 90 kg need as 100 at 4, and the plan prices RM as its lot does', async () => {
    // 51 FG due in week 0, 90 in week 3: week 0 uncovered 51 → 51 at 5 (255); week 3 uncovered
    // 90 → 100 at 4 (400), 10 kg left. 151 ≤ the need 141 + one minimum lot (100).
    const { json, result } = await plan(book([order('O1', 'FG', 51, '2026-01-09'), order('O2', 'FG', 90, '2026-01-30')]));
    expect(json.purchaseSuggestions).toEqual([
      { item: 'RM', supplier: 'S1', quantity: 51, orderBy: '2026-01-05', needBy: '2026-01-05' },
      { item: 'RM', supplier: 'S1', quantity: 100, orderBy: '2026-01-26', needBy: '2026-01-26' },
    ]);
    // Projected on hand: 0 + 51 − 51 = 0; 0; 0; 0 + 100 − 90 = 10.
    expect(result.materials.map((m) => m.projectedOnHand)).toEqual([0, 0, 0, 10]);
    // The LP's purchase price is the price of the lot the suggestion buys for the whole need:
    // 51 alone → 5 (255 < 400); 90 alone → 4 (the 100 kg lot, 400 < 450), not 5 as the tier 90 reaches.
    const price = (qty: number) => buildPlanModel(plantOf(book([order('O1', 'FG', qty, '2026-01-30')]))).materials.values().next().value!.supply.unitPrice;
    expect([price(51), price(90)]).toEqual([5, 4]);
    const solo = await plan(book([order('O1', 'FG', 51, '2026-01-09')]));
    expect(solo.json.purchaseSuggestions.map((p) => p.quantity)).toEqual([51]);
  });
});
