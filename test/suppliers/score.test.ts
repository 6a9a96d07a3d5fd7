// The scorecard against figures worked out by hand (fixture.ts describes the plant).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/problems';
import { recordsToRows } from '../../shared/sample-plant';
import { adviceOf, gradeOf, parsePeriod, scorecardJson, scoreSuppliers, type Scorecard, type SupplierScore } from '../../shared/suppliers';
import { readPlant } from '../../shared/validate';
import { runSuppliers, scorecard } from '../../service/jobs/suppliers';
import { handPlant, plantOf } from './fixture';

const card = (period: string, records = handPlant()): Scorecard => scoreSuppliers(plantOf(records), parsePeriod(period)!);
const sup = (c: Scorecard, id: string): SupplierScore => c.suppliers.find((s) => s.supplierId === id)!;

describe('supplier scorecard, 2026-Q3 by hand', () => {
  const q3 = card('2026-Q3');
  const A = sup(q3, 'S-A');
  const B = sup(q3, 'S-B');

  it('on-time rate counts a line received within the tolerance as on time', () => {
    // S-A, tolerance 2 days: PO-1 2 days late (on time), PO-2 3 days late (late), PO-3 early, PO-4 on the day → 3/4
    expect(A.detail.onTime.map((l) => [l.poId, l.daysLate, l.onTime])).toEqual([['PO-1', 2, true], ['PO-2', 3, false], ['PO-3', -2, true], ['PO-4', 0, true]]);
    expect(A.onTimeRate).toBe(0.75);
    // S-B: PO-5 on the day, PO-6 10 days late, PO-11 6 days late (received 2026-07-01, Q3's first day) → 1/3
    expect(B.onTimeRate).toBeCloseTo(1 / 3, 12);
    // received the day after the quarter (PO-12) and open lines (PO-9) are not in Q3
    expect(q3.suppliers.flatMap((s) => s.detail.onTime.map((l) => l.poId)).sort()).toEqual(['PO-1', 'PO-11', 'PO-2', 'PO-3', 'PO-4', 'PO-5', 'PO-6', 'PO-7']);
  });

  it('quantity accuracy and quality rate, blank quantities as documented', () => {
    // quantity: PO-1 100/100, PO-2 80/100, PO-3 200/200, PO-4 blank ReceivedQty = ordered 100 → (1 + 0.8 + 1 + 1) / 4 = 0.95
    expect(A.quantityAccuracy).toBeCloseTo(0.95, 12);
    expect(A.detail.quantity.find((l) => l.poId === 'PO-4')).toMatchObject({ received: 100, receivedAssumed: true });
    // quality: accepted 96 + 80 + 180 + 100 (blank = all accepted) = 456; received 100 + 80 + 200 + 100 = 480 → 0.95
    expect(A.qualityRate).toBeCloseTo(456 / 480, 12);
    expect(A.detail.quality.find((l) => l.poId === 'PO-4')).toMatchObject({ accepted: 100, acceptedAssumed: true });
    // S-B: (100 + 40 + 100) / (100 + 50 + 100) = 240 / 250 = 0.96
    expect(B.qualityRate).toBeCloseTo(0.96, 12);
  });

  it('price score: cheapest APPROVED price / price paid, per item, weighted by spend', () => {
    // S-A BOLT: spend 100×10 + 80×12.5 = 2000 over 180 received → paid 11.11; cheapest approved 10 (S-C's 8 is not approved)
    //   → 100 × 10 / (2000/180) = 90
    // S-A NUT: spend 200×5 + 100×5 = 1500, paid 5, cheapest approved 4 (S-B) → 80
    // spend-weighted: (2000×90 + 1500×80) / 3500 = 300000 / 3500 = 85.714…  (a plain mean would be 85)
    const bolt = A.detail.price.find((i) => i.item === 'BOLT')!;
    expect(bolt).toMatchObject({ spend: 2000, received: 180, benchmarkPrice: 10, benchmarkSupplier: 'S-A', benchmarkSource: 'SupplierItems' });
    expect(bolt.score).toBeCloseTo(90, 10);
    expect(A.detail.price.find((i) => i.item === 'NUT')!.score).toBeCloseTo(80, 10);
    expect(A.priceScore).toBeCloseTo(300000 / 3500, 10);
    // S-C (not approved) pays 8 against the approved 10: capped at 100, never above
    expect(sup(q3, 'S-C').priceScore).toBe(100);
    // S-B: NUT spend 800 at 4 → 100; BOLT spend 600 at 12 → 100×10/12 = 83.33; (80000 + 50000) / 1400 = 92.857…
    expect(B.priceScore).toBeCloseTo(130000 / 1400, 10);
  });

  it('service from the rating row of the period, (r − 1) / 4 × 100', () => {
    // S-A 2026-Q3: service 4 → 75, cooperation 5 → 100 → 87.5 (its 2026-Q2 row is not used)
    expect(A.serviceScore).toBe(87.5);
    expect(A.detail.ratings).toEqual([{ cell: 'SupplierRatings!B2', period: '2026-Q3', service: 4, cooperation: 5 }]);
    // S-C's row says "2026-q3": the same period
    expect(sup(q3, 'S-C').serviceScore).toBe(100);
    // S-B has only a 2026-09 row: no service score for the quarter
    expect(B.serviceScore).toBeNull();
  });

  it('weighted total, renormalised over the criteria with data; grade and AVL advice', () => {
    // S-A: (75×30 + 95×30 + 85.714286×25 + 87.5×15) / 100 = (2250 + 2850 + 2142.857 + 1312.5) / 100 = 85.55 → B, keep
    expect(A.total).toBe(85.55);
    expect([A.grade, A.advice]).toEqual(['B', 'keep']);
    // S-B, no service: (33.333×30 + 96×30 + 92.857×25) / (30+30+25) = (1000 + 2880 + 2321.43) / 85 = 72.96 → C, watch
    expect(B.total).toBe(72.96);
    expect([B.grade, B.advice]).toEqual(['C', 'watch']);
    // S-C: 100 everywhere → A; not approved → consider
    expect(sup(q3, 'S-C')).toMatchObject({ total: 100, grade: 'A', advice: 'consider', approved: false });
  });

  it('a supplier with no receipts in the period is "no deliveries", never scored', () => {
    const D = sup(q3, 'S-D');
    expect(D).toMatchObject({ lines: 0, onTimeRate: null, quantityAccuracy: null, qualityRate: null, priceScore: null, total: null, grade: null, advice: 'no deliveries', trend: null });
    // sorted by total, unscored last
    expect(q3.suppliers.map((s) => s.supplierId)).toEqual(['S-C', 'S-A', 'S-B', 'S-D']);
  });

  it('a period with no deliveries at all scores nobody and allocates nothing', () => {
    const q1 = card('2026-Q1');
    expect(q1.suppliers.every((s) => s.total === null && s.grade === null && s.advice === 'no deliveries' && s.lines === 0)).toBe(true);
    expect(q1.allocations).toEqual([]);
  });

  it('trend = total − total of the previous period of the same length', () => {
    // S-A 2026-Q2: PO-10 on time, all accepted, paid the approved 10 → 100, 100, 100; Q2 rating 1,1 → service 0
    //   → (3000 + 3000 + 2500 + 0) / 100 = 85.00; trend 85.55 − 85 = 0.55
    expect(A.previousTotal).toBe(85);
    expect(A.trend).toBe(0.55);
    // S-B and S-C received nothing in Q2: no trend
    expect(B.trend).toBeNull();
    expect(sup(q3, 'S-C').trend).toBeNull();
  });

  it('a month period: its own lines, ratings and previous month', () => {
    const sep = card('2026-09');
    // S-A September: PO-4 only: 100, 100, NUT paid 5 vs 4 → 80, no 2026-09 rating → (3000 + 3000 + 2000) / 85 = 94.12
    // S-A August: PO-2 late, PO-3 on time → 50; quality (80+180)/(80+200) = 92.857; BOLT 12.5 → 80, NUT 5 → 80 → 80
    //   → (1500 + 2785.714 + 2000) / 85 = 73.95; trend 94.12 − 73.95 = 20.17
    expect(sup(sep, 'S-A')).toMatchObject({ lines: 1, total: 94.12, grade: 'A', previousTotal: 73.95, trend: 20.17 });
    // S-B has a 2026-09 rating but received nothing in September
    expect(sup(sep, 'S-B')).toMatchObject({ lines: 0, total: null, advice: 'no deliveries' });
    expect(sep.previous.key).toBe('2026-08');
  });

  it('an explicit range: ratings keyed 2026-Q3 do not apply; previous range has the same length', () => {
    const r = card('2026-07-01..2026-09-30');
    // 92 days → previous 2026-03-31..2026-06-30
    expect(r.previous).toMatchObject({ from: '2026-03-31', to: '2026-06-30' });
    // S-A without service: (2250 + 2850 + 2142.857) / 85 = 85.21; previous: PO-10 → 100; trend −14.79
    expect(sup(r, 'S-A')).toMatchObject({ total: 85.21, previousTotal: 100, trend: -14.79 });
  });

  it('Q2: a late supplier with a price above the approved one grades C (watch)', () => {
    const q2 = card('2026-Q2');
    // S-D PO-8: 4 days late > 2 → 0; quality 100; paid 11 vs 10 → 90.909; no rating
    //   → (0 + 3000 + 2272.727) / 85 = 62.03 → C
    expect(sup(q2, 'S-D')).toMatchObject({ total: 62.03, grade: 'C', advice: 'watch' });
  });
});

describe('grades at their exact thresholds', () => {
  it('gradeOf is inclusive at each threshold', () => {
    const g = { A: 90, B: 75, C: 60 };
    expect([90, 89.99, 75, 74.99, 60, 59.99, 0, 100].map((t) => gradeOf(t, g))).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D', 'A']);
    expect([adviceOf(true, 'A'), adviceOf(true, 'B'), adviceOf(true, 'C'), adviceOf(true, 'D')]).toEqual(['keep', 'keep', 'watch', 'remove']);
    expect([adviceOf(false, 'A'), adviceOf(false, 'B'), adviceOf(false, 'C'), adviceOf(false, 'D'), adviceOf(false, null)]).toEqual(['consider', 'consider', 'none', 'none', 'no deliveries']);
  });

  it('through the whole pipeline, with only the on-time weight: 9/10 → 90 A, 3/4 → 75 B, 3/5 → 60 C, 2/5 → 40 D', () => {
    const mk = (id: string, n: number, onTime: number) =>
      Array.from({ length: n }, (_, i) => ({
        PoId: `${id}-${i}`, Supplier: id, Item: 'BOLT', Quantity: 10, UnitPrice: 1, DueDate: '2026-07-10',
        ReceivedDate: i < onTime ? '2026-07-10' : '2026-07-20', ReceivedQty: 10, AcceptedQty: 10,
      }));
    const records = {
      settings: { WeightOnTime: 1, WeightQuality: 0, WeightPrice: 0, WeightService: 0 },
      sheets: {
        Suppliers: ['E1', 'E2', 'E3', 'E4'].map((SupplierId) => ({ SupplierId, Name: SupplierId, Approved: 'Y' })),
        PurchaseOrders: [...mk('E1', 10, 9), ...mk('E2', 4, 3), ...mk('E3', 5, 3), ...mk('E4', 5, 2)],
      },
    };
    const c = card('2026-Q3', records);
    expect(c.suppliers.map((s) => [s.supplierId, s.total, s.grade, s.advice])).toEqual([
      ['E1', 90, 'A', 'keep'], ['E2', 75, 'B', 'keep'], ['E3', 60, 'C', 'watch'], ['E4', 40, 'D', 'remove'],
    ]);
    // the thresholds come from Settings: GradeA 95 makes 90 a B
    const strict = card('2026-Q3', { ...records, settings: { ...records.settings, GradeA: 95 } });
    expect(sup(strict, 'E1').grade).toBe('B');
  });
});

describe('allocation shares', () => {
  it('per item among approved, scored suppliers in proportion to total, summing to exactly 100', () => {
    const q3 = card('2026-Q3');
    // BOLT: S-A 85.55 and S-B 72.96 (S-C not approved, S-D no deliveries): 100×85.55/158.51 = 53.97 → 53,
    //   100×72.96/158.51 = 46.03 → 46; the 1 left over goes to the larger remainder (0.97, S-A) → 54 / 46
    expect(q3.allocations.filter((a) => a.item === 'BOLT').map((a) => [a.supplier, a.sharePct, a.currentSharePct])).toEqual([['S-A', 54, 60], ['S-B', 46, 30]]);
    expect(q3.allocations.filter((a) => a.item === 'NUT').map((a) => [a.supplier, a.sharePct])).toEqual([['S-A', 54], ['S-B', 46]]);
    // Q2: BOLT S-A 85 and S-D 62.03: 57.81 → 57, 42.19 → 42, +1 to S-A → 58 / 42; NUT only S-A scored → 100
    const q2 = card('2026-Q2');
    expect(q2.allocations.map((a) => [a.item, a.supplier, a.sharePct])).toEqual([['BOLT', 'S-A', 58], ['BOLT', 'S-D', 42], ['NUT', 'S-A', 100]]);
    for (const c of [q3, q2]) {
      const sums = new Map<string, number>();
      for (const a of c.allocations) sums.set(a.item, (sums.get(a.item) ?? 0) + a.sharePct);
      expect([...sums.values()].every((s) => s === 100)).toBe(true);
    }
  });
});

describe('the job', () => {
  it('--json shape: rates as fractions, scores 0–100', async () => {
    const r = await runSuppliers(plantOf(handPlant()), { lang: 'en', period: '2026-Q3' });
    const json = r.json as ReturnType<typeof scorecardJson>;
    expect(json.period).toBe('2026-Q3');
    expect(Object.keys(json.suppliers[0])).toEqual(['supplierId', 'name', 'approved', 'lines', 'onTimeRate', 'quantityAccuracy', 'qualityRate', 'priceScore', 'serviceScore', 'total', 'grade', 'advice', 'trend']);
    expect(json.suppliers.find((s) => s.supplierId === 'S-A')).toEqual({
      supplierId: 'S-A', name: 'Alpha', approved: true, lines: 4, onTimeRate: 0.75, quantityAccuracy: 0.95, qualityRate: 0.95,
      priceScore: 85.71, serviceScore: 87.5, total: 85.55, grade: 'B', advice: 'keep', trend: 0.55,
    });
    expect(json.allocations[0]).toEqual({ item: 'BOLT', supplier: 'S-A', sharePct: 54 });
    // the SupplierScorecard result sheet, charted by total
    expect(r.sheets).toHaveLength(1);
    expect(r.sheets[0].name).toBe('SupplierScorecard');
    expect(r.sheets[0].rows.map((x) => x.supplierId)).toEqual(['S-C', 'S-A', 'S-B', 'S-D']);
    expect(r.sheets[0].chart).toMatchObject({ category: 'name', series: ['total'] });
  });

  it('defaults to the latest quarter with receipts', async () => {
    // latest ReceivedDate is PO-12's 2026-10-01 → 2026-Q4
    const r = await runSuppliers(plantOf(handPlant()), { lang: 'en' });
    expect(r.json.period).toBe('2026-Q4');
  });

  it('bad periods and contradictory settings are input errors, not crashes', () => {
    const plant = plantOf(handPlant());
    expect(() => scorecard(plant, { period: '2026-Q5' })).toThrow(InputError);
    expect(() => scorecard(plant, { period: '2026-09-31..2026-10-01' })).toThrow(/not understood/);
    const bad = handPlant();
    bad.settings.GradeB = 95; // above GradeA 90
    const { plant: p2 } = readPlant(recordsToRows(bad), 'suppliers');
    try {
      scorecard(p2, { period: '2026-Q3' });
      expect.unreachable();
    } catch (e) {
      // fixture Settings rows: OnTimeToleranceDays, 4 weights, then GradeA as the 6th key → row 7, value in column B
      expect((e as InputError).problems.map((p) => `${p.sheet}!${p.cell}`)).toEqual(['Settings!B7']);
    }
  });
});
