// Cost per sales order, price review, subcontract lots and wages on the hand-worked book of
// fixture.ts. Every expected figure is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { actualsProblems, actualsWarnings } from '../../shared/actuals/check';
import { orderCosts, totalOf, type OrderCost } from '../../shared/actuals/order-costs';
import { reviewPrices } from '../../shared/actuals/price-review';
import { lotFollowUp } from '../../shared/actuals/subcontract';
import { wages } from '../../shared/actuals/wages';
import type { Plant } from '../../shared/domain';
import { formatProblem } from '../../shared/problems';
import { recordsToRows, samplePlant, type PlantRecords } from '../../shared/sample-plant';
import { parsePeriod } from '../../shared/suppliers/period';
import { readPlant } from '../../shared/validate';
import { actualsBook } from './fixture';

const plantOf = (r: PlantRecords = actualsBook()): Plant => {
  const { plant, problems } = readPlant(recordsToRows(r), 'costs');
  expect(problems.map((p) => formatProblem(p))).toEqual([]);
  return plant;
};
const costOf = (id: string, plant = plantOf()): OrderCost => orderCosts(plant).costs.find((c) => c.order.OrderId === id)!;

describe('cost per sales order (SO1: 10 FG, half done)', () => {
  const k = costOf('SO1');

  it('standard is the roll-up at the order quantity', () => {
    // RM: lot 10 × 2 = 20 kg, below the 100 tier → 9.50: 20 × 9.50 = 190.00; RM2: 10 × 3.00 = 30.00 → material 220.00
    // op 10 CUT: 2 + 0.5 × 10 = 7 h → labour 7 × 40 = 280.00, overhead 7 × 20 = 140.00
    // op 20 ASM: 1 × 10 = 10 h → labour 10 × 30 = 300.00, overhead 10 × 10 = 100.00
    expect(k.standard.material).toBeCloseTo(220, 6);
    expect(k.standard.labour).toBeCloseTo(580, 6);
    expect(k.standard.overhead).toBeCloseTo(240, 6);
    expect(totalOf(k.standard)).toBeCloseTo(1040, 6);
  });

  it('quoted cost and price come from the quote break that applies (5 units for an order of 10)', () => {
    // At 5 units: RM lot 10 → 9.50 × 2 = 19.00/unit; RM2 3.00; CUT (2 + 0.5 × 5)/5 = 0.9 h → 36.00 + 18.00;
    // ASM 1 h → 30.00 + 10.00. Unit cost 116.00; price 116 / (1 − 0.20) = 145.00.
    expect(k.quoted?.breakQty).toBe(5);
    expect(k.quoted?.unitCost).toBeCloseTo(116, 6);
    expect(k.quoted?.unitPrice).toBeCloseTo(145, 6);
    expect(k.quoted?.cost).toBeCloseTo(1160, 6); // 116 × 10
    expect(k.quoted?.revenue).toBeCloseTo(1450, 6); // 145 × 10
  });

  it('actual to date: issues at their PO price or own cost, hours at the worker or work-center rate', () => {
    // material: I1 22 kg × 9.80 (its PO line P1 for SO1) = 215.60; I2 10 × 3.20 = 32.00 → 247.60
    // labour: R1 5 h × 42 (W1) = 210; R2 3 h × 40 (W2 has no rate: CUT's) = 120; R3 5 h × 42 = 210 → 540.00
    // overhead: R1 5 × 20 = 100; R2 3 × 20 = 60; R3 5 × 10 = 50 → 210.00
    expect(k.actual.material).toBeCloseTo(247.6, 6);
    expect(k.actual.labour).toBeCloseTo(540, 6);
    expect(k.actual.overhead).toBeCloseTo(210, 6);
    expect(k.actual.subcontract).toBe(0);
    expect(totalOf(k.actual)).toBeCloseTo(997.6, 6);
    expect(k.finished).toBe(4);
  });

  it('estimate to complete is the remaining work at standard', () => {
    // material: RM 20 needed, 22 issued → 0; RM2 10 of 10 → 0
    // op 10: 10 good of 10 → 0 h; op 20: 6 left × 1 h (setup 0, started) = 6 h → labour 180.00, overhead 60.00
    expect(k.toComplete.material).toBe(0);
    expect(k.toComplete.labour).toBeCloseTo(180, 6);
    expect(k.toComplete.overhead).toBeCloseTo(60, 6);
    expect(totalOf(k.toComplete)).toBeCloseTo(240, 6);
    expect(totalOf(k.projected)).toBeCloseTo(1237.6, 6); // 997.60 + 240.00
  });

  it('variances by cause add up to projected − standard', () => {
    // material price: RM (9.80 − 9.50) × 22 = 6.60; RM2 (3.20 − 3.00) × 10 = 2.00 → 8.60
    // material usage: RM (22 − 20) × 9.50 = 19.00
    // labour efficiency: op 10 (8 h − (10 × 0.5 + 2 setup)) × 40 = 40.00; op 20 (5 − 4 × 1) × 30 = 30.00 → 70.00
    // labour rate: R1 5 × (42 − 40) = 10; R2 0; R3 5 × (42 − 30) = 60 → 70.00
    // overhead: projected 210 + 60 = 270 − standard 240 = 30.00
    // total: 1237.60 − 1040.00 = 197.60 = 8.60 + 19.00 + 70.00 + 70.00 + 30.00
    expect(k.variances.materialPrice).toBeCloseTo(8.6, 6);
    expect(k.variances.materialUsage).toBeCloseTo(19, 6);
    expect(k.variances.labourEfficiency).toBeCloseTo(70, 6);
    expect(k.variances.labourRate).toBeCloseTo(70, 6);
    expect(k.variances.overhead).toBeCloseTo(30, 6);
    expect(k.variances.subcontract).toBe(0);
    expect(k.variances.total).toBeCloseTo(197.6, 6);
    const v = k.variances;
    expect(v.materialPrice + v.materialUsage + v.labourEfficiency + v.labourRate + v.overhead + v.subcontract).toBeCloseTo(v.total, 9);
  });

  it('margin quoted vs projected', () => {
    expect(k.quotedMargin).toBeCloseTo(290, 6); // 1450 − 1160
    expect(k.projectedMargin).toBeCloseTo(212.4, 6); // 1450 − 1237.60
  });

  it('traces every figure to its source row', () => {
    const actual = k.trace.filter((t) => t.kind === 'actual');
    expect(actual.map((t) => t.ref)).toEqual(expect.arrayContaining(['MaterialIssues!D2', 'MaterialIssues!D3', 'WorkReports!F2', 'WorkReports!F3', 'WorkReports!F4']));
    expect(actual.find((t) => t.ref === 'MaterialIssues!D2')?.rateRef).toBe('PurchaseOrders!E2');
    expect(actual.find((t) => t.ref === 'WorkReports!F2' && t.element === 'labour')?.rateRef).toBe('Workers!C2');
    const byKind = (kind: string) => k.trace.filter((t) => t.kind === kind).reduce((s, t) => s + t.amount, 0);
    expect(byKind('standard')).toBeCloseTo(1040, 6);
    expect(byKind('actual')).toBeCloseTo(997.6, 6);
    expect(byKind('toComplete')).toBeCloseTo(240, 6);
  });
});

describe('subcontract lots (SO2)', () => {
  it('a lot of 10 sent after op 10 reported 10 good, 8 back: 2 still out, overdue on PlanStart', () => {
    const lots = lotFollowUp(plantOf());
    expect(lots).toHaveLength(1);
    const l = lots[0];
    expect([l.sent, l.received, l.accepted, l.open]).toEqual([10, 8, 8, 2]);
    // due 2026-02-27, review day PlanStart 2026-03-02: 3 days overdue
    expect(l.overdue).toBe(true);
    expect(l.daysOverdue).toBe(3);
  });

  it('costs the lot: received units at the PO price, the units still out at standard', () => {
    const k = costOf('SO2');
    // standard: CUT 0.1 × 10 = 1 h → 40 + 20; PLATE subcontract 10 × 5.00 = 50; ASM 0.2 × 10 = 2 h → 60 + 20 → 190.00
    expect(totalOf(k.standard)).toBeCloseTo(190, 6);
    // actual: R4 1 h → 40 + 20; lot L1 8 × 5.00 = 40 → 100.00; to complete: 2 × 5.00 + 2 h ASM (60 + 20) = 90.00
    expect(k.actual.subcontract).toBeCloseTo(40, 6);
    expect(totalOf(k.actual)).toBeCloseTo(100, 6);
    expect(totalOf(k.toComplete)).toBeCloseTo(90, 6);
    expect(k.variances.total).toBeCloseTo(0, 6);
  });
});

describe('price review (核价)', () => {
  const review = reviewPrices(plantOf(), parsePeriod('2026-Q1')!);
  const line = (id: string) => review.lines.find((l) => l.po.PoId === id)!;

  it('flags a PO 10 % over its approved tier and not one within the 2 % tolerance', () => {
    // P2: 120 kg reaches the 100 tier (9.00); 9.90 is (9.90 − 9.00)/9.00 = 10 % over; 0.90 × 120 = 108.00
    expect(line('P2').approvedPrice).toBe(9);
    expect(line('P2').deviationPct).toBeCloseTo(0.1, 9);
    expect(line('P2').deviation).toBeCloseTo(108, 6);
    expect(line('P2').flags).toEqual(['overTolerance']);
    // P3: 50 kg → tier 0 (9.50); 9.65 is 0.15/9.50 = 1.58 % over: within 2 %; 0.15 × 50 = 7.50
    expect(line('P3').deviationPct).toBeCloseTo(0.15 / 9.5, 9);
    expect(line('P3').deviation).toBeCloseTo(7.5, 6);
    expect(line('P3').flags).toEqual([]);
    // P1: 9.80 vs 9.50 = 3.16 % → flagged
    expect(line('P1').flags).toEqual(['overTolerance']);
  });

  it('flags a supplier off the approved list with no approved price', () => {
    expect(line('P4').flags).toEqual(['notOnAvl', 'noApprovedPrice']);
  });

  it('holds a subcontract lot to its operation price and follows PriceTolerancePct', () => {
    expect(line('L1').approvedPrice).toBe(5);
    expect(line('L1').flags).toEqual([]);
    const r = actualsBook();
    r.settings.PriceTolerancePct = 12;
    const loose = reviewPrices(plantOf(r), parsePeriod('2026-Q1')!);
    expect(loose.lines.find((l) => l.po.PoId === 'P2')!.flags).toEqual([]);
  });
});

describe('wages', () => {
  it('pays hours × hourly rate plus good units × piece rate, per worker and month', () => {
    const w = wages(plantOf());
    // W1 2026-02: R1 5 h + R3 5 h = 10 h × 42 = 420.00; pieces R1 6 × 1.50 = 9.00 + R3 4 × 2.00 = 8.00 → 17.00; total 437.00
    const w1 = w.find((x) => x.worker === 'W1')!;
    expect([w1.period, w1.hours, w1.hourlyWage, w1.pieceWage, w1.total]).toEqual(['2026-02', 10, 420, 17, 437]);
    // W2: 3 h, no hourly rate → 0; 4 × 1.50 = 6.00
    const w2 = w.find((x) => x.worker === 'W2')!;
    expect([w2.hourlyWage, w2.pieceWage, w2.total]).toEqual([0, 6, 6]);
  });
});

describe('checks of the actuals sheets', () => {
  it('reports unknown orders and operations, too many good units and negative hours, each at its cell', () => {
    const r = actualsBook();
    r.sheets.WorkReports.push(
      { ReportId: 'R5', Order: 'SO9', OpSeq: 10, Date: '2026-02-25', Hours: 1, GoodQty: 1 },
      { ReportId: 'R6', Order: 'SO1', OpSeq: 30, Date: '2026-02-25', Hours: 1, GoodQty: 1 },
      { ReportId: 'R7', Order: 'SO1', OpSeq: 20, Date: '2026-02-26', Hours: 2, GoodQty: 7 },
      { ReportId: 'R8', Order: 'SO1', OpSeq: 20, Date: '2026-02-26', Hours: -2, GoodQty: 0 },
    );
    r.sheets.MaterialIssues.push({ IssueId: 'I3', Order: 'SO1', Item: 'NOPE', Quantity: 1, Date: '2026-02-25' });
    const { problems } = readPlant(recordsToRows(r), 'costs');
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'WorkReports!F9: Hours must be a number ≥ 0 (got -2)',
      'WorkReports!B6: unknown order "SO9": use an OrderId of the Orders sheet',
      'WorkReports!C7: order SO1 has no operation 30 (its operations: 10, 20): correct the OpSeq',
      'WorkReports!G8: 11 good units reported for order SO1 operation 20 (FG), more than the 10 it needs: correct this report or an earlier one',
      'MaterialIssues!C4: unknown item "NOPE": add it to Items or correct the code',
    ]);
  });

  it('warns, without stopping, about material issued outside the order BOM', () => {
    const r = actualsBook();
    r.sheets.Items.push({ ItemId: 'RM-ALT', Type: 'Buy', StdCost: 8 });
    r.sheets.MaterialIssues.push({ IssueId: 'I3', Order: 'SO1', Item: 'RM-ALT', Quantity: 2, Date: '2026-02-25' });
    const plant = plantOf(r);
    expect(actualsProblems(plant)).toEqual([]);
    expect(actualsWarnings(plant).map((p) => formatProblem(p))).toEqual([
      'MaterialIssues!C4: warning: RM-ALT is not in the BOM of order SO1 (FG); costed as issued, with no standard to compare — check the item if it is not a substitute',
    ]);
    // 2 × 8.00 (StdCost) = 16.00 more actual material, all of it usage variance
    const k = costOf('SO1', plant);
    expect(k.actual.material).toBeCloseTo(263.6, 6);
    expect(k.variances.materialUsage).toBeCloseTo(35, 6); // 19.00 + 16.00
  });

  it('an issue that nothing prices stops the costing at its cell', () => {
    const r = actualsBook();
    r.sheets.Items.push({ ItemId: 'RM3', Type: 'Buy' });
    r.sheets.MaterialIssues.push({ IssueId: 'I3', Order: 'SO1', Item: 'RM3', Quantity: 2, Date: '2026-02-25' });
    expect(orderCosts(plantOf(r)).problems.map((p) => formatProblem(p))).toEqual(['MaterialIssues!F4: no cost for the RM3 issued: enter its UnitCost here, or a StdCost in Items']);
  });
});

describe('price review against a plan', () => {
  it('flags a PO line above the plan suggestion of its item from its supplier, not one below', () => {
    const { plant, problems } = readPlant(recordsToRows(actualsBook()), 'prices');
    expect(problems).toEqual([]);
    const plan = { source: 'plan run 7', suggestions: [{ item: 'rm', supplier: 'SUP1', quantity: 60 }, { item: 'RM', supplier: 'sup1', quantity: 40 }, { item: 'RM', supplier: 'SUP9', quantity: 500 }] };
    const r = reviewPrices(plant, parsePeriod('2026-Q1')!, plan);
    expect(r.plan).toBe('plan run 7');
    const line = (id: string) => r.lines.find((l) => l.po.PoId === id)!;
    // SUP1's RM suggestions: 60 + 40 = 100 kg (ids matched case-insensitively; SUP9's are another supplier's)
    expect([line('P2').suggestedQty, line('P2').vsSuggestion]).toEqual([100, 20]); // 120 ordered − 100
    expect(line('P2').flags).toContain('aboveSuggestion');
    expect([line('P3').suggestedQty, line('P3').vsSuggestion]).toEqual([100, -50]); // 50 − 100
    expect(line('P3').flags).not.toContain('aboveSuggestion');
    expect(line('P4').suggestedQty).toBeUndefined(); // SUP2: nothing suggested from it
    expect(reviewPrices(plant, parsePeriod('2026-Q1')!).lines.every((l) => l.suggestedQty === undefined)).toBe(true);
  });
});

describe('the sample book\'s half-done order SO-261105 (8 FG-CONVEYOR-M, 4 through every operation)', () => {
  const { plant, problems } = readPlant(recordsToRows(samplePlant()), 'costs');
  const k = orderCosts(plant).costs.find((c) => c.order.OrderId === 'SO-261105')!;

  it('has actuals to date against standard and the rest at standard', () => {
    expect(problems).toEqual([]);
    expect(k.finished).toBe(4);
    // Reported hours (sample-plant.ts: (setup + run × 4) × factor, to the half hour) × the worker's
    // rate (W-017 52, W-023 46; W-031 has none: the work center's LabourRate), overhead at the
    // work center's OverheadRate:
    //   SA-FRAME 10 CUT   4.5 h W-031 → 4.5 × 55 = 247.50, OH 4.5 × 80 = 360
    //   SA-FRAME 20 WELD 15.0 h W-023 → 15 × 46 = 690.00,  OH 15 × 60 = 900
    //   SA-FRAME 30 PAINT 3.5 h W-031 → 3.5 × 45 = 157.50, OH 3.5 × 40 = 140
    //   CONV 10 ASSY     20.0 h W-017 → 20 × 52 = 1040.00, OH 20 × 35 = 700
    //   CONV 20 PAINT     4.5 h W-031 → 4.5 × 45 = 202.50, OH 4.5 × 40 = 180
    //   CONV 30 TEST      3.0 h W-023 → 3 × 46 = 138.00,   OH 3 × 30 = 90
    expect(k.actual.labour).toBeCloseTo(2475.5, 6);
    expect(k.actual.overhead).toBeCloseTo(2370, 6);
    // To complete: 4 units × run hours (every operation was started: no setup) × rates:
    //   labour 4 × (4 × 48 + 1 × 45 + 0.5 × 60 + 1 × 55 + 3 × 50 + 0.8 × 45 = 508) = 2032
    //   overhead 4 × (4 × 35 + 1 × 40 + 0.5 × 30 + 1 × 80 + 3 × 60 + 0.8 × 40 = 487) = 1948
    expect(k.toComplete.labour).toBeCloseTo(2032, 6);
    expect(k.toComplete.overhead).toBeCloseTo(1948, 6);
    expect(k.actual.material).toBeGreaterThan(0);
    expect(totalOf(k.projected)).toBeCloseTo(totalOf(k.actual) + totalOf(k.toComplete), 6);
  });
});
