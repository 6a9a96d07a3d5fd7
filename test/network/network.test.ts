// The plant network: one id rule, one BOM explosion, one purchase-price rule, shared by
// validation, the plan model and the quote roll-up (weeks from Monday 2026-01-05, as test/plan).
import { describe, expect, it } from 'vitest';
import { explodeBom, idKey, plantNetwork, purchasePrice } from '../../shared/network';
import { buildPlanModel } from '../../shared/plan/build-model';
import { nodesOf } from '../../shared/plan/network';
import { formatProblem } from '../../shared/problems';
import { costQuotes } from '../../shared/quote/quote';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { order, plantOf, records, wc } from '../plan/fixture';

type Rec = Record<string, unknown>;

const cyclic = (): Record<string, Rec[]> => ({
  Items: [
    { ItemId: 'A', Type: 'Make' },
    { ItemId: 'B', Type: 'Make' },
  ],
  BOM: [
    { Parent: 'A', Component: 'B', QtyPer: 1 },
    { Parent: 'b', Component: 'a', QtyPer: 1 },
  ],
  Routing: [
    { Item: 'A', OpSeq: 10, WorkCenter: 'W', RunHoursPerUnit: 1 },
    { Item: 'B', OpSeq: 10, WorkCenter: 'W', RunHoursPerUnit: 1 },
  ],
  WorkCenters: [wc('W', 8)],
  Orders: [order('O1', 'A', 1, '2026-01-16')],
});

describe('one id rule', () => {
  it('trims and ignores case, keeping the spelling of Items for display', () => {
    expect(idKey(' Bp-Motor ')).toBe('bp-motor');
    const sheets = cyclic();
    sheets.BOM = [{ Parent: 'a', Component: ' b ', QtyPer: 2 }];
    sheets.Orders = [order('O1', 'a', 3, '2026-01-16')];
    const plant = plantOf(records(sheets));
    const nodes = explodeBom(plantNetwork(plant), plantNetwork(plant).items.get(idKey('A'))!, '2026-01-05');
    expect(nodes.map((n) => [n.path.join(' > '), n.usage])).toEqual([['A', 1], ['A > B', 2]]);
  });
});

describe('BOM cycles', () => {
  it('reports A→B with b→a as a cycle naming both lines, and never explodes it', () => {
    // The ids differ only in case, so under the id rule B → A closes A → B.
    const { problems } = readPlant(recordsToRows(records(cyclic())), 'plan');
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'BOM!B3: BOM cycle A → B → A (lines BOM!B2, BOM!B3): an item cannot contain itself; remove one of these lines',
    ]);
    // Even past validation the explosion stops where the path meets itself: A's operation and
    // B's, not 52 operations 50 levels deep.
    const pm = buildPlanModel(readPlant(recordsToRows(records(cyclic())), 'plan').plant);
    expect(nodesOf(pm.orders[0].root).flatMap((n) => n.ops.map((o) => o.label))).toEqual(['W10', 'B_W10']);
  });
});

describe('one BOM explosion', () => {
  // FG → SA ×1 and FG → SB ×1 → SA ×1: SA is on two paths. SA: setup 2 h, 0.5 h/unit.
  const twoPaths = (): Record<string, Rec[]> => ({
    Items: [
      { ItemId: 'FG', Type: 'Make' },
      { ItemId: 'SA', Type: 'Make' },
      { ItemId: 'SB', Type: 'Make' },
    ],
    BOM: [
      { Parent: 'FG', Component: 'SA', QtyPer: 1 },
      { Parent: 'FG', Component: 'SB', QtyPer: 1 },
      { Parent: 'SB', Component: 'SA', QtyPer: 1 },
    ],
    Routing: [
      { Item: 'FG', OpSeq: 10, WorkCenter: 'W', RunHoursPerUnit: 1 },
      { Item: 'SA', OpSeq: 10, WorkCenter: 'W', SetupHours: 2, RunHoursPerUnit: 0.5 },
      { Item: 'SB', OpSeq: 10, WorkCenter: 'W', RunHoursPerUnit: 1 },
    ],
    WorkCenters: [wc('W', 8, { LabourRate: 10, OverheadRate: 0 })],
    Orders: [order('O1', 'FG', 4, '2026-01-30')],
    Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 4, MarginPct: 0, RequestedDate: '2026-01-30' }],
  });

  it('counts setup once per item per order in the plan and per quote in the roll-up', () => {
    // SA lot = 4 FG × (1 + 1) paths = 8 units; hours = 2 + 0.5 × 8 = 6.
    // Plan: each SA node carries 0.5 + 2/8 = 0.75 h/unit on its 4 units: 2 × 4 × 0.75 = 6 h.
    const plant = plantOf(records(twoPaths()));
    const sa = nodesOf(buildPlanModel(plant).orders[0].root).filter((n) => n.item.ItemId === 'SA');
    expect(sa.map((n) => [n.qty, n.ops[0].hoursPerUnit])).toEqual([[4, 0.75], [4, 0.75]]);
    // Quote: SA hours per finished unit = 6 / 4 = 1.5, × LabourRate 10 = 15.
    const { quotes } = costQuotes(plant);
    const saLabour = quotes[0].lines.filter((l) => l.item === 'SA' && l.element === 'labour');
    expect(saLabour.map((l) => [l.qty, l.extended])).toEqual([[1.5, 15]]);
  });

  it('with no date counts only lines without ValidFrom/ValidTo', () => {
    const sheets = twoPaths();
    sheets.BOM[1] = { ...sheets.BOM[1], ValidFrom: '2026-01-01' };
    const plant = plantOf(records(sheets));
    const net = plantNetwork(plant);
    const paths = (date?: string) => explodeBom(net, net.items.get('fg')!, date).map((n) => n.path.join(' > '));
    expect(paths(undefined)).toEqual(['FG', 'FG > SA']);
    expect(paths('2026-01-05')).toEqual(['FG', 'FG > SA', 'FG > SB', 'FG > SB > SA']);
    expect(paths('2025-12-31')).toEqual(['FG', 'FG > SA']);
  });
});

describe('one purchase-price rule', () => {
  // RM: StdCost 9; approved offers BIG 5 from 100 units, SMALL 8 from 1 unit.
  const priced = (qty: number): Record<string, Rec[]> => ({
    Items: [
      { ItemId: 'FG', Type: 'Make' },
      { ItemId: 'RM', Type: 'Buy', StdCost: 9, OnHand: 0, LeadTimeDays: 0 },
    ],
    BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 2 }],
    Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'W', RunHoursPerUnit: 0.01 }],
    WorkCenters: [wc('W', 8)],
    Suppliers: [
      { SupplierId: 'BIG', Name: 'Big', Approved: 'Y' },
      { SupplierId: 'SMALL', Name: 'Small', Approved: 'Y' },
    ],
    SupplierItems: [
      { Supplier: 'BIG', Item: 'RM', UnitPrice: 5, MinOrderQty: 100 },
      { Supplier: 'SMALL', Item: 'RM', UnitPrice: 8, MinOrderQty: 1 },
    ],
    Orders: [order('O1', 'FG', qty, '2026-01-30')],
  });

  it('gives the plan the MinOrderQty tier of its whole need, as the quote', () => {
    // 10 FG need 20 RM: below BIG's 100, so SMALL's 8. 60 FG need 120 RM: BIG's 5.
    for (const [qty, price] of [[10, 8], [60, 5]]) {
      const plant = plantOf(records(priced(qty)));
      expect(buildPlanModel(plant).materials.get('rm')!.supply.unitPrice).toBe(price);
      expect(purchasePrice(plant.Items[1], 2 * qty, plantNetwork(plant))?.price).toBe(price);
    }
  });
});
