// The cost roll-up against answers worked out by hand.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/problems';
import { costQuotes } from '../../shared/quote/quote';
import { runQuote } from '../../service/jobs/quote';
import { BASE, plantOf, twoLevel } from './fixture';

const quotesFor = (sheets: Parameters<typeof twoLevel>[0]) => {
  const r = costQuotes(plantOf(twoLevel(sheets)));
  expect(r.problems).toEqual([]);
  return r.quotes;
};

describe('cost roll-up', () => {
  it('explodes a two-level BOM with scrap and spreads setup over the lot', () => {
    const [q] = quotesFor({});
    // Quantity 10.
    // material: BP 1 × 1.10 = 1.1 × 10 = 11.00;  RM 2 × 3 × 1.20 = 7.2 × 4 = 28.80  → 39.80
    // FG @ASSY lot 10: (2 + 0.5 × 10) / 10 = 0.7 h/unit → labour 0.7 × 40 = 28, overhead 0.7 × 20 = 14
    // SA @CNC lot 20 (= 10 × 2): (4 + 0.25 × 20) / 10 = 0.9 h/unit → labour 54, overhead 90
    // labour 82, overhead 104, subcontract 0 → unit cost 39.8 + 82 + 104 = 225.80
    // price = 225.80 / (1 − 0.20) = 282.25
    expect(q.breakdown.material).toBeCloseTo(39.8, 10);
    expect(q.breakdown.labour).toBeCloseTo(82, 10);
    expect(q.breakdown.overhead).toBeCloseTo(104, 10);
    expect(q.breakdown.subcontract).toBe(0);
    expect(q.unitCost).toBeCloseTo(225.8, 10);
    expect(q.unitPrice).toBeCloseTo(282.25, 10);

    // The audit lines: one per Buy item per path, a labour and an overhead line per operation.
    const rm = q.lines.find((l) => l.item === 'RM')!;
    expect(rm).toMatchObject({ element: 'material', level: 2, path: 'FG > SA > RM', source: 'StdCost', ref: 'Items!E4', lot: 72 });
    expect(rm.qty).toBeCloseTo(7.2, 12);
    expect(rm.extended).toBeCloseTo(28.8, 12);
    const saLabour = q.lines.find((l) => l.item === 'SA' && l.element === 'labour')!;
    expect(saLabour).toMatchObject({ level: 1, workCenter: 'CNC', opSeq: 10, setupHours: 4, runHoursPerUnit: 0.25, lot: 20, unitPrice: 60, source: 'LabourRate' });
    expect(saLabour.qty).toBeCloseTo(0.9, 12);
    // Lines add up to the breakdown, element by element.
    for (const e of ['material', 'labour', 'overhead', 'subcontract'] as const)
      expect(q.lines.filter((l) => l.element === e).reduce((s, l) => s + l.extended, 0)).toBeCloseTo(q.breakdown[e], 10);
  });

  it('quantity breaks: setup per unit falls as the quantity rises', () => {
    const qs = quotesFor({ sheets: { Quotes: [1, 10, 100].map((Quantity) => ({ QuoteId: 'Q1', Item: 'FG', Quantity, MarginPct: 20 })) } });
    // Q = 1:   FG (2 + 0.5)/1 = 2.5 h → 100 + 50;  SA lot 2: (4 + 0.5)/1 = 4.5 h → 270 + 450;  + 39.8 = 909.80
    // Q = 10:  225.80 (above)
    // Q = 100: FG (2 + 50)/100 = 0.52 h → 20.8 + 10.4;  SA lot 200: (4 + 50)/100 = 0.54 h → 32.4 + 54;  + 39.8 = 157.40
    expect(qs.map((q) => q.unitCost)).toEqual([expect.closeTo(909.8, 9), expect.closeTo(225.8, 9), expect.closeTo(157.4, 9)]);
    expect(qs.map((q) => q.quoteId)).toEqual(['Q1', 'Q1', 'Q1']);
    // Material per unit does not depend on the quantity here (StdCost only).
    expect(new Set(qs.map((q) => q.breakdown.material.toFixed(9))).size).toBe(1);
  });

  it('prices at the cheapest approved supplier whose MinOrderQty fits the lot; a cheaper unapproved one is ignored', () => {
    const suppliers = {
      Suppliers: [
        { SupplierId: 'BULK', Name: 'Bulk Metals', Approved: 'Y' },
        { SupplierId: 'LOCAL', Name: 'Local Metals', Approved: 'Y' },
        { SupplierId: 'CHEAP', Name: 'Cheap & Unvetted', Approved: 'N' },
      ],
      SupplierItems: [
        { Supplier: 'BULK', Item: 'RM', UnitPrice: 3.5, MinOrderQty: 100 },
        { Supplier: 'LOCAL', Item: 'RM', UnitPrice: 3.8, MinOrderQty: 0 },
        { Supplier: 'CHEAP', Item: 'RM', UnitPrice: 2.0, MinOrderQty: 0 },
      ],
    };
    const qs = quotesFor({ sheets: { ...suppliers, Quotes: [10, 100].map((Quantity) => ({ QuoteId: 'Q1', Item: 'FG', Quantity })) } });
    // Q = 10:  RM lot 10 × 7.2 = 72 < 100 → LOCAL 3.8 (CHEAP is not approved): 7.2 × 3.8 = 27.36
    // Q = 100: RM lot 720 ≥ 100 → BULK 3.5: 7.2 × 3.5 = 25.20
    const rm = qs.map((q) => q.lines.find((l) => l.item === 'RM')!);
    expect(rm.map((l) => [l.source, l.unitPrice, l.ref])).toEqual([['LOCAL', 3.8, 'SupplierItems!C3'], ['BULK', 3.5, 'SupplierItems!C2']]);
    expect(rm[0].extended).toBeCloseTo(27.36, 10);
    expect(rm[1].extended).toBeCloseTo(25.2, 10);

    // One purchase per quote: RM also used straight by FG (3 per unit) makes the lot at Q = 10
    // 10 × (7.2 + 3) = 102 ≥ 100, so BULK prices both paths: (7.2 + 3) × 3.5 = 35.70
    const both = quotesFor({ sheets: { ...suppliers, BOM: [...BASE.BOM, { Parent: 'FG', Component: 'RM', QtyPer: 3 }] } })[0];
    const rmLines = both.lines.filter((l) => l.item === 'RM');
    expect(rmLines.map((l) => [l.path, l.source, l.lot])).toEqual([['FG > SA > RM', 'BULK', 102], ['FG > RM', 'BULK', 102]]);
    expect(rmLines.reduce((s, l) => s + l.extended, 0)).toBeCloseTo(35.7, 10);
  });

  it('loads each cost element with its markup, then takes the margin on the price', () => {
    const [q] = quotesFor({ sheets: { Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 10, MarginPct: 20, MaterialMarkupPct: 10, LabourMarkupPct: 50 }] } });
    // loaded = 39.8 × 1.10 + 82 × 1.50 + 104 × 1 = 43.78 + 123 + 104 = 270.78;  price = 270.78 / 0.80 = 338.475
    expect(q.unitCost).toBeCloseTo(225.8, 10);
    expect(q.unitPrice).toBeCloseTo(338.475, 10);
  });

  it('costs Subcontract = Y operations in-house, unless the work center has no capacity of its own', () => {
    const [q] = quotesFor({
      sheets: {
        WorkCenters: [...BASE.WorkCenters, { WorkCenterId: 'PLATING', HoursPerDay: 0, LabourRate: 30, OverheadRate: 10 }],
        Routing: [
          BASE.Routing[0],
          { ...BASE.Routing[1], Subcontract: 'Y', SubcontractCostPerUnit: 999 },
          { Item: 'SA', OpSeq: 20, WorkCenter: 'PLATING', SetupHours: 1, RunHoursPerUnit: 0.1, Subcontract: 'Y', SubcontractCostPerUnit: 7 },
        ],
      },
    });
    // CNC may be subcontracted but has capacity: still 54 labour + 90 overhead in-house (not 2 × 999).
    // PLATING has 0 h/day: 2 SA per FG × 7 = 14.00 subcontract, no labour or overhead.
    expect(q.breakdown.subcontract).toBeCloseTo(14, 10);
    expect(q.breakdown.labour).toBeCloseTo(82, 10);
    expect(q.breakdown.overhead).toBeCloseTo(104, 10);
    expect(q.lines.find((l) => l.element === 'subcontract')).toMatchObject({ item: 'SA', workCenter: 'PLATING', qty: 2, unitPrice: 7, source: 'SubcontractCostPerUnit' });
  });

  it('costs the BOM version in effect on the requested date, else on PlanStart', () => {
    const sheets = {
      Items: [...BASE.Items, { ItemId: 'BP2', Type: 'Buy', StdCost: 13 }],
      BOM: [
        BASE.BOM[0],
        { ...BASE.BOM[1], ValidTo: '2027-01-15' },
        { Parent: 'FG', Component: 'BP2', QtyPer: 1, ScrapPct: 10, ValidFrom: '2027-01-16' },
        BASE.BOM[2],
      ],
      Quotes: [
        { QuoteId: 'Q1', Item: 'FG', Quantity: 10, RequestedDate: '2027-01-10' },
        { QuoteId: 'Q2', Item: 'FG', Quantity: 10, RequestedDate: '2027-02-01' },
        { QuoteId: 'Q3', Item: 'FG', Quantity: 10 },
      ],
    };
    const qs = quotesFor({ sheets, settings: { PlanStart: '2027-03-01' } });
    // BP: 1.1 × 10 = 11.00 before the change; BP2: 1.1 × 13 = 14.30 from 2027-01-16 → +3.30
    expect(qs.map((q) => q.lines.filter((l) => l.element === 'material').map((l) => l.item))).toEqual([['RM', 'BP'], ['RM', 'BP2'], ['RM', 'BP2']]);
    expect(qs[1].unitCost - qs[0].unitCost).toBeCloseTo(3.3, 10);
    expect(qs.map((q) => q.costDate)).toEqual(['2027-01-10', '2027-02-01', '2027-03-01']);
  });

  it('names the cell when the BOM changes by date and the quote has no date, or a bought item has no price', async () => {
    const plant = plantOf(
      twoLevel({
        sheets: {
          Items: [BASE.Items[0], BASE.Items[1], { ItemId: 'RM', Type: 'Buy' }, BASE.Items[3], { ItemId: 'FG2', Type: 'Make' }],
          BOM: [...BASE.BOM, { Parent: 'FG2', Component: 'BP', QtyPer: 1, ValidFrom: '2027-01-01' }],
          Routing: [...BASE.Routing, { Item: 'FG2', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
          Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 10 }, { QuoteId: 'Q2', Item: 'FG2', Quantity: 5 }],
        },
      }),
    );
    const err = await runQuote(plant, { lang: 'en' }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message.split('\n')).toEqual([
      'Items!E4: Buy item "RM" has no price for a lot of 72: enter its StdCost or an approved supplier price (SupplierItems) whose MinOrderQty fits',
      'Quotes!E3: the BOM of "FG2" changes by date (ValidFrom/ValidTo): enter RequestedDate here or Settings PlanStart so the right version is costed',
    ]);
  });
});
