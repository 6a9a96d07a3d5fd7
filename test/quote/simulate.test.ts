// The risk simulation: seeded, ordered percentiles, hand-computed tornado and Fixed cases.
import { describe, expect, it } from 'vitest';
import { costQuotes } from '../../shared/quote/quote';
import { drawMultiplier } from '../../shared/quote/risk';
import { plantOf, RISKS, twoLevel } from './fixture';

type Risk = { Target: string; Factor: string; Distribution: string; Low?: number; Likely?: number; High?: number };
const simulated = (CostRisk: Risk[], settings: Record<string, unknown> = {}, quotes?: Record<string, unknown>[]) => {
  const r = costQuotes(plantOf(twoLevel({ settings, sheets: { CostRisk, ...(quotes ? { Quotes: quotes } : {}) } })));
  expect(r.problems).toEqual([]);
  return r.quotes;
};

// Deterministic unit cost of the fixture at Q = 10: 225.80 (rollup.test.ts). Its parts:
// RM material 28.80, CNC run (0.25 × 2 = 0.5 h) × (60 + 100) = 80.00, ASSY labour 28.00.
const COST = 225.8;


describe('cost simulation', () => {
  it('Fixed distributions at Likely 1 give P10 = P50 = P90 = the deterministic cost', () => {
    const [q] = simulated(RISKS.map((r) => ({ ...r, Distribution: 'Fixed' })));
    const s = q.simulation;
    for (const v of [s.p10, s.p50, s.p90, s.mean, s.min, s.max]) expect(v).toBeCloseTo(COST, 9);
    expect(s.stdev).toBeCloseTo(0, 9);
    expect(s.tornado.every((t) => t.deltaLow === 0 && t.deltaHigh === 0)).toBe(true);
    expect(q.priceAtP90).toBeCloseTo(282.25, 9); // 225.80 / 0.80
  });

  it('a Fixed multiplier shifts every draw by the same amount', () => {
    const [q] = simulated([{ Target: 'RM', Factor: 'Price', Distribution: 'Fixed', Likely: 1.1 }]);
    // RM 28.80 × 1.1 = 31.68 → 225.80 + 2.88 = 228.68 in every draw
    expect([q.simulation.p10, q.simulation.p50, q.simulation.p90]).toEqual([expect.closeTo(228.68, 9), expect.closeTo(228.68, 9), expect.closeTo(228.68, 9)]);
    expect(q.unitCost).toBeCloseTo(COST, 9); // the quote's own cost is as entered
  });

  it('the same seed gives the same numbers; another seed does not', () => {
    const a = simulated(RISKS, { RandomSeed: 11 })[0].simulation;
    const b = simulated(RISKS, { RandomSeed: 11 })[0].simulation;
    const c = simulated(RISKS, { RandomSeed: 12 })[0].simulation;
    expect(b).toEqual(a);
    expect(c.p50).not.toBe(a.p50);
    expect(c.mean).toBeCloseTo(a.mean, 0); // different draws, same distribution
  });

  it('percentiles are ordered and the 20-bin histogram holds every draw', () => {
    const [q] = simulated(RISKS, { SimulationRuns: 5000 });
    const s = q.simulation;
    expect(s.min).toBeLessThan(s.p10);
    expect(s.p10).toBeLessThan(s.p50);
    expect(s.p50).toBeLessThan(s.p90);
    expect(s.p90).toBeLessThan(s.max);
    expect(s.histogram).toHaveLength(20);
    expect(s.histogram.reduce((n, b) => n + b.count, 0)).toBe(5000);
    expect(s.histogram[0].from).toBe(s.min);
    expect(s.histogram[19].to).toBe(s.max);
    expect(q.priceAtP90).toBeCloseTo(s.p90 / 0.8, 9); // no element markups: price of the P90 cost
    expect(q.priceAtMean).toBeCloseTo(s.mean / 0.8, 9);
  });

  it('tornado: each factor alone at Low and High, signs and sizes worked out by hand', () => {
    const [q] = simulated(RISKS);
    const bar = (target: string) => q.simulation.tornado.find((t) => t.target === target)!;
    // RM price ×0.9 / ×1.3 on 28.80:                 −2.88 / +8.64
    // CNC run hours ×0.8 / ×1.2 on 80.00:            −16.00 / +16.00
    // ASSY labour rate ×1 / ×1.5 on 28.00:            0 / +14.00
    // SA scrap on RM line (20 %) ×0.5 / ×2: usage × (1.10/1.20) / (1.40/1.20) on 28.80: −2.40 / +4.80
    expect([bar('RM').deltaLow, bar('RM').deltaHigh]).toEqual([expect.closeTo(-2.88, 9), expect.closeTo(8.64, 9)]);
    expect([bar('CNC').deltaLow, bar('CNC').deltaHigh]).toEqual([expect.closeTo(-16, 9), expect.closeTo(16, 9)]);
    expect([bar('ASSY').deltaLow, bar('ASSY').deltaHigh]).toEqual([0, expect.closeTo(14, 9)]);
    expect([bar('SA').deltaLow, bar('SA').deltaHigh]).toEqual([expect.closeTo(-2.4, 9), expect.closeTo(4.8, 9)]);
    expect(q.simulation.tornado.map((t) => t.target)).toEqual(['CNC', 'ASSY', 'RM', 'SA']); // largest swing first: 32, 14, 11.52, 7.2
    expect(q.simulation.costAtLikely).toBeCloseTo(COST, 9);
  });

  it('draws match each distribution: Triangular and Uniform means, Normal P10/P90 at Low/High', () => {
    // Triangular 0.9/1/1.3 on RM: mean multiplier (0.9 + 1 + 1.3)/3 = 1.0667 → 225.80 + 28.80 × 0.0667 = 227.72
    const tri = simulated([RISKS[0]], { SimulationRuns: 20000 })[0].simulation;
    expect(tri.mean).toBeCloseTo(227.72, 1);
    // Uniform 1..1.5 on ASSY labour 28: mean 1.25 → 225.80 + 7.00 = 232.80; P10 = 225.80 + 28 × 0.05 = 227.20
    const uni = simulated([RISKS[2]], { SimulationRuns: 20000 })[0].simulation;
    expect(uni.mean).toBeCloseTo(232.8, 1);
    expect(uni.p10).toBeCloseTo(227.2, 1);
    // Normal mean 1, Low/High 0.8/1.2 read as P10/P90, on CNC run 80: P10 = 225.80 − 16 = 209.80, P90 = 241.80
    const nor = simulated([RISKS[1]], { SimulationRuns: 20000 })[0].simulation;
    expect(nor.mean).toBeCloseTo(COST, 0);
    expect(Math.abs(nor.p10 - 209.8)).toBeLessThan(0.4);
    expect(Math.abs(nor.p90 - 241.8)).toBeLessThan(0.4);
    // the inverse CDFs at their ends
    expect(drawMultiplier({ Distribution: 'Triangular', Low: 0.9, Likely: 1, High: 1.3 }, 0)).toBe(0.9);
    expect(drawMultiplier({ Distribution: 'Triangular', Low: 0.9, Likely: 1, High: 1.3 }, 0.25)).toBeCloseTo(1, 12); // F(mode) = 0.1/0.4
    expect(drawMultiplier({ Distribution: 'Normal', Low: 0.8, Likely: 1, High: 1.2 }, 0.9)).toBeCloseTo(1.2, 12);
  });

  it('quantity breaks of one quote face the same draws, and markups price every draw', () => {
    const quotes = [10, 100].map((Quantity) => ({ QuoteId: 'Q1', Item: 'FG', Quantity, MarginPct: 20, MaterialMarkupPct: 10 }));
    const [a, b] = simulated([RISKS[0]], {}, quotes);
    // Only RM's price is uncertain and RM is 28.80 per unit at both quantities, so both breaks
    // see the same cost deviations from their own deterministic cost: 225.80 and 157.40.
    expect(a.simulation.p90 - 225.8).toBeCloseTo(b.simulation.p90 - 157.4, 9);
    // price = (material × 1.10 + rest) / 0.80; the RM deviation is material: ΔP90 price = ΔP90 cost × 1.10 / 0.80
    expect(a.priceAtP90 - a.unitPrice).toBeCloseTo(((a.simulation.p90 - 225.8) * 1.1) / 0.8, 9);
  });

  it('each factor moves only what it targets', () => {
    const [q] = simulated([
      { Target: 'BP', Factor: 'Price', Distribution: 'Fixed', Likely: 2 },
      { Target: 'SA', Factor: 'RunHours', Distribution: 'Fixed', Likely: 2 },
      { Target: 'CNC', Factor: 'LabourRate', Distribution: 'Fixed', Likely: 1.5 },
      { Target: 'FG', Factor: 'Price', Distribution: 'Fixed', Likely: 3 },
    ]);
    // BP price ×2: 11.00 → 22.00, +11.
    // SA at CNC per FG: setup 4/10 = 0.4 h, run 0.25 × 2 = 0.5 h → ×2 = 1.0 h.
    //   labour (0.4 + 1.0) h × 60 × 1.5 = 126 (was 54) → +72;  overhead (0.4 + 1.0) × 100 = 140 (was 90) → +50
    // FG is made, not bought, and has no subcontracted operation: its Price moves nothing.
    // 225.80 + 11 + 72 + 50 = 358.80
    expect(q.simulation.p50).toBeCloseTo(358.8, 9);
    expect(q.simulation.tornado.find((t) => t.target === 'FG')!.deltaHigh).toBe(0);
  });

  it('names the cell of a ScrapPct risk that targets a work center', () => {
    const r = costQuotes(plantOf(twoLevel({ sheets: { CostRisk: [RISKS[0], { Target: 'CNC', Factor: 'ScrapPct', Distribution: 'Fixed' }] } })));
    expect(r.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual(['CostRisk!A3: ScrapPct risk needs an item as Target (got "CNC"): scrap belongs to BOM lines']);
  });
});
