// What-if, rush orders, stranded material and engineering-change run-out on plants worked out by
// hand (weeks from Monday 2026-01-05 as in test/plan/fixture.ts: bucket 0 = 01-05…01-11,
// 1 = 01-12…01-18, 2 = 01-19…01-25, 3 = 01-26…02-01; lateness 10 per unit-day × priority weight).
import { describe, expect, it } from 'vitest';
import { planWithChanges, type ChangesOutcome } from '../../shared/changes/run-changes';
import { applyWhatIf } from '../../shared/changes/what-if';
import { recordsToRows, type PlantRecords } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { InputError } from '../../shared/problems';
import { pickBackend } from '../../service/solvers/index';
import { order, plantOf, records, wc } from '../plan/fixture';

type Rec = Record<string, unknown>;
const FG = { ItemId: 'FG', Type: 'Make' };
const assy = (run: number) => ({ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: run });

async function whatIf(r: PlantRecords, changes: Rec[]): Promise<ChangesOutcome> {
  const plant = plantOf(records({ ...r.sheets, WhatIf: changes }, r.settings));
  return planWithChanges(plant, { schedule: false, clock: () => performance.now(), lang: 'en', backend: (m) => pickBackend('highs', m) }, {});
}
const changes = (o: ChangesOutcome) => o.json.changes as unknown as {
  summary: string;
  effects: { action: string; orderId: string; delays: { orderId: string; days: number; daysLateAfter: number }[]; costDelta: Record<string, number>; rush?: Record<string, unknown> }[];
  orders: { orderId: string; move: string; movedDays: number | null; finishBefore: string; finishAfter: string }[];
  costsBefore: Record<string, number>;
  costsAfter: Record<string, number>;
  overtimeHoursBefore: number;
  overtimeHoursAfter: number;
};

describe('rush order (插单)', () => {
  // ASSY 8 h × 5 = 40 h a week, no overtime, 1 h a unit. A: 30 due 01-09 (priority 3, weight 4),
  // B: 30 due 01-16 (priority 4, weight 2), C: 20 due 01-23 (priority 3). Baseline: all on time
  // (week 0: A 30 h; week 1: B 30 h; week 2: C 20 h).
  // Rush R: 30 due 01-09 at priority 1 (weight 16). Week 0 holds 40 h of the 60 due in it: 20 of
  // A's units go to week 1 (20 × 7 d × 10 × 4 = 5,600, against 20 × 7 × 10 × 16 for R's). Week 1
  // then has A's 20 + B's 30 = 50 h: 10 of B's go to week 2 (10 × 7 × 10 × 2 = 1,400, against
  // 10 × 7 × 10 × 4 for A's). Week 2: B's 10 + C's 20 = 30 h, so C stays. A planner names A and B.
  // Lateness cost as reported (LatePenalty × days late × quantity): A 10 × 7 × 30 + B 10 × 7 × 30 = 4,200.
  const book = records({
    Items: [FG],
    Routing: [assy(1)],
    WorkCenters: [wc('ASSY', 8)],
    Orders: [order('A', 'FG', 30, '2026-01-09', 3), order('B', 'FG', 30, '2026-01-16', 4), order('C', 'FG', 20, '2026-01-23', 3)],
  });

  it('ships the rush order on time and delays exactly A and B by a week', async () => {
    const out = await whatIf(book, [{ Action: 'AddOrder', OrderId: 'R', Item: 'FG', Quantity: 30, Date: '2026-01-09', Priority: 1, Note: 'Key customer' }]);
    const c = changes(out);
    expect(c.effects).toHaveLength(1);
    const e = c.effects[0];
    expect(e.rush).toMatchObject({ orderId: 'R', canShip: true, finishDate: '2026-01-11', daysLate: 0, shortQty: 0, extraCost: 4200 });
    expect(e.delays.map((d) => [d.orderId, d.days, d.daysLateAfter])).toEqual([
      ['A', 7, 7],
      ['B', 7, 7],
    ]);
    expect(e.costDelta).toMatchObject({ lateness: 4200, overtime: 0, purchases: 0, total: 4200 });
    expect(c.orders.find((o) => o.orderId === 'C')).toBeUndefined(); // unchanged, so not listed
    expect(c.orders.find((o) => o.orderId === 'R')).toMatchObject({ move: 'added', finishAfter: '2026-01-11' });
    expect(c.summary).toBe('2 orders later, 1 added, 2 newly late, lateness cost +4,200 CNY');
    const sheet = out.sheets.find((s) => s.name === 'Changes')!;
    expect(sheet.rows[1].note).toBe('can ship by 2026-01-09 (finishes 2026-01-11), extra cost +4,200 CNY; delays A +7 d (7 d late), B +7 d (7 d late)');
    expect(out.sheets.map((s) => s.name)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Changes', 'Stranded']);
  });

  it('answers "cannot ship" when even priority 1 cannot make the date', async () => {
    // 50 units due 01-09 need 50 h; week 0 has 40: R finishes in week 1, 7 days late.
    const out = await whatIf(book, [{ Action: 'AddOrder', OrderId: 'R', Item: 'FG', Quantity: 50, Date: '2026-01-09', Priority: 1 }]);
    expect(changes(out).effects[0].rush).toMatchObject({ canShip: false, finishDate: '2026-01-18', daysLate: 7 });
  });
});

describe('due date pulled in', () => {
  // A: 45 units × 1 h due 01-16 at 40 h/week with 10 h overtime at 20/h. Baseline: 5 units done a
  // week early (5 × 0.01) beat 5 h overtime (100): no overtime. Pulled in to 01-09: 45 h in week 0
  // → 5 h overtime (5 × 20 = 100) beats 5 units a week late (5 × 7 × 10 × 4 = 1,400).
  const book = records({
    Items: [FG],
    Routing: [assy(1)],
    WorkCenters: [wc('ASSY', 8, { MaxOvertimeHoursPerWeek: 10, OvertimeRate: 20 })],
    Orders: [order('A', 'FG', 45, '2026-01-16')],
  });

  it('turns on 5 h of overtime costing 100', async () => {
    const out = await whatIf(book, [{ Action: 'DueDate', OrderId: 'A', Date: '2026-01-09' }]);
    const c = changes(out);
    expect([c.overtimeHoursBefore, c.overtimeHoursAfter]).toEqual([0, 5]);
    expect([c.costsBefore.overtime, c.costsAfter.overtime]).toEqual([0, 100]);
    expect(c.effects[0].costDelta).toMatchObject({ overtime: 100, lateness: 0, total: 100 });
    expect(c.effects[0].delays).toEqual([]);
    expect(c.orders).toEqual([expect.objectContaining({ orderId: 'A', finishBefore: '2026-01-18', finishAfter: '2026-01-11', movedDays: -7, move: 'earlier' })]);
    expect(c.summary).toContain('overtime +5 h');
    const load = out.sheets.find((s) => s.name === 'Changes')!.rows.filter((r) => r.kind === 'Load');
    // week 0: 5 → 45 h (40 regular + 5 overtime); week 1: 40 → 0 h
    expect(load.map((r) => [r.subject, r.date, r.before, r.after])).toEqual([
      ['ASSY', '2026-01-05', 5, 45],
      ['ASSY', '2026-01-12', 40, 0],
    ]);
  });
});

describe('cancellation strands a purchased part', () => {
  // FG takes 2 BOLT (Buy, StdCost 3). BOLT: 10 on hand, PO-1 40 due 01-05 at 2.5, PO-2 30 due
  // 01-12 at 2.5. A: 20 FG due 01-09 (40 bolts), B: 15 FG due 01-16 (30 bolts): need 70 of 80,
  // no purchases. Cancel A: need 30, so 80 − 30 = 50 stranded, 40 of them by the cancellation
  // (10 were spare before). Latest PO first: PO-2 cancelled (30), PO-1 reduced by 20; nothing left
  // in stock. Value 50 × 2.5 = 125.
  const book = records({
    Items: [FG, { ItemId: 'BOLT', Type: 'Buy', StdCost: 3, OnHand: 10, LeadTimeDays: 7 }],
    BOM: [{ Parent: 'FG', Component: 'BOLT', QtyPer: 2 }],
    Routing: [assy(0.5)],
    WorkCenters: [wc('ASSY', 8)],
    Suppliers: [{ SupplierId: 'S1', Name: 'Bolts Ltd' }],
    PurchaseOrders: [
      { PoId: 'PO-1', Supplier: 'S1', Item: 'BOLT', Quantity: 40, UnitPrice: 2.5, DueDate: '2026-01-05' },
      { PoId: 'PO-2', Supplier: 'S1', Item: 'BOLT', Quantity: 30, UnitPrice: 2.5, DueDate: '2026-01-12' },
    ],
    Orders: [order('A', 'FG', 20, '2026-01-09'), order('B', 'FG', 15, '2026-01-16')],
  });

  it('names 50 bolts worth 125, cancels PO-2 and cuts PO-1 by 20', async () => {
    const out = await whatIf(book, [{ Action: 'Cancel', OrderId: 'A' }]);
    expect(out.json.stranded).toEqual([
      {
        item: 'BOLT',
        supply: 80,
        needBefore: 70,
        needAfter: 30,
        stranded: 50,
        byChanges: 40,
        dropSuggested: 0,
        poCuts: [
          { poId: 'PO-2', supplier: 'S1', dueDate: '2026-01-12', quantity: 30, cut: 30, action: 'cancel', unitPrice: 2.5 },
          { poId: 'PO-1', supplier: 'S1', dueDate: '2026-01-05', quantity: 40, cut: 20, action: 'reduce', unitPrice: 2.5 },
        ],
        stock: 0,
        value: 125,
      },
    ]);
    const sheet = out.sheets.find((s) => s.name === 'Stranded')!;
    expect(sheet.rows[0].poCuts).toBe('PO-2 (2026-01-12) cancel 30; PO-1 (2026-01-05) reduce by 20');
    expect(changes(out).orders).toEqual([expect.objectContaining({ orderId: 'A', move: 'gone' })]);
  });

  it('a quantity cut strands the difference: B 15 → 5 frees 20 bolts, all of PO-2 but 10', async () => {
    // need 40 + 10 = 50 of 80: 30 stranded (20 by the cut), PO-2 cancelled (30), value 75.
    const out = await whatIf(book, [{ Action: 'Quantity', OrderId: 'B', Quantity: 5 }]);
    expect(out.json.stranded).toMatchObject([{ item: 'BOLT', stranded: 30, byChanges: 20, value: 75, poCuts: [{ poId: 'PO-2', cut: 30, action: 'cancel' }] }]);
  });
});

describe('engineering-change run-out (自然切换)', () => {
  // FG uses OLD until 01-18 and NEW from 01-19 (1 each). OLD: 100 on hand, StdCost 5; NEW: 1000.
  // Four orders of 40, each released and due in its own week, so each uses its part that week:
  // O1, O2 (released 01-05, 01-12) use OLD: 80; O3, O4 use NEW.
  // Stranded if the change takes effect 01-19: 100 − 80 = 20 OLD, 20 × 5 = 100.
  // Run-out if OLD stayed in use: 40, 80, 120 ≥ 100 → used up in the week of 01-19, so the change
  // date that strands nothing is 01-26.
  const book = records({
    Items: [FG, { ItemId: 'OLD', Type: 'Buy', StdCost: 5, OnHand: 100 }, { ItemId: 'NEW', Type: 'Buy', StdCost: 6, OnHand: 1000 }],
    BOM: [
      { Parent: 'FG', Component: 'OLD', QtyPer: 1, ValidTo: '2026-01-18' },
      { Parent: 'FG', Component: 'NEW', QtyPer: 1, ValidFrom: '2026-01-19' },
    ],
    Routing: [assy(0.5)],
    WorkCenters: [wc('ASSY', 8)],
    Orders: [
      order('O1', 'FG', 40, '2026-01-09', 3, { ReleaseDate: '2026-01-05' }),
      order('O2', 'FG', 40, '2026-01-16', 3, { ReleaseDate: '2026-01-12' }),
      order('O3', 'FG', 40, '2026-01-23', 3, { ReleaseDate: '2026-01-19' }),
      order('O4', 'FG', 40, '2026-01-30', 3, { ReleaseDate: '2026-01-26' }),
    ],
  });

  it('finds the run-out week and the change date that strands nothing', async () => {
    const plant = plantOf(book);
    const out = await planWithChanges(plant, { schedule: false, clock: () => performance.now(), lang: 'en', backend: (m) => pickBackend('highs', m) }, { runOut: true });
    expect(out.json.runOut).toEqual([
      { parent: 'FG', oldItem: 'OLD', newItem: 'NEW', validTo: '2026-01-18', validFrom: '2026-01-19', supply: 100, plannedUse: 80, usedUpIn: '2026-01-19', stranded: 20, strandedValue: 100, noStrandValidFrom: '2026-01-26' },
    ]);
    const sheet = out.sheets.find((s) => s.name === 'RunOut')!;
    expect(sheet.rows[0].note).toBe('switching on 2026-01-19 strands 20; switching on 2026-01-26 strands nothing');
  });
});

describe('invalid change rows', () => {
  const book = records({
    Items: [FG, { ItemId: 'BOLT', Type: 'Buy' }],
    Routing: [assy(1)],
    WorkCenters: [wc('ASSY', 8)],
    Orders: [order('A', 'FG', 30, '2026-01-09'), order('D', 'FG', 5, '2026-01-09', 3, { Status: 'Delivered' })],
  });

  it('names each bad row by its cell, all at once, and plans nothing', async () => {
    // readPlant (what Validate and every job run first) reports them; the plan job would too.
    const { plant, problems: read } = readPlant(recordsToRows(records({
      ...book.sheets,
      WhatIf: [
        { Action: 'Cancel', OrderId: 'NOPE' },
        { Action: 'DueDate', OrderId: 'A', Date: '2025-12-31' },
        { Action: 'Cancel', OrderId: 'D' },
        { Action: 'AddOrder', OrderId: 'A', Item: 'FG', Quantity: 1, Date: '2026-01-09' },
        { Action: 'AddOrder', OrderId: 'N', Item: 'BOLT', Date: '2026-01-09' },
        { Action: 'Cancel', OrderId: 'A' },
        { Action: 'Priority', OrderId: 'A', Priority: 1 },
      ],
    }, book.settings)), 'plan');
    const { problems } = applyWhatIf(plant);
    expect(read).toEqual(problems);
    // Columns: A Action, B OrderId, C Item, D Quantity, E Date, F Priority, G Note; row 2 is the first change.
    expect(problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual([
      'WhatIf!B2: unknown order "NOPE": use an OrderId from Orders (or an order added above)',
      'WhatIf!E3: 2025-12-31 is before PlanStart 2026-01-05: enter a day on or after it',
      'WhatIf!B4: order D is Delivered, not open: only Approved or InProduction orders are planned and can be changed',
      'WhatIf!B5: order A already exists: AddOrder needs a new order number',
      'WhatIf!C6: "BOLT" is a Buy item: an order is for a Make item',
      'WhatIf!D6: Quantity is empty: an added order needs the quantity',
      'WhatIf!B8: order A is Cancelled, not open: only Approved or InProduction orders are planned and can be changed',
    ]);
    expect(problems.every((p) => p.messageZh.length > 0)).toBe(true);
    // Validate (readPlant for the plan job) reports the same rows.
    expect(readPlant(recordsToRows(records({ ...book.sheets, WhatIf: [{ Action: 'Cancel', OrderId: 'NOPE' }] }, book.settings)), 'plan').problems.map((p) => p.cell)).toEqual(['B2']);
    await expect(planWithChanges(plant, { schedule: false, clock: () => performance.now(), lang: 'en', backend: (m) => pickBackend('highs', m) }, {})).rejects.toBeInstanceOf(InputError);
    // The input plant is as it was read.
    expect(plant.Orders.map((o) => o.Status)).toEqual(['Approved', 'Delivered']);
  });
});
