// The quote job draws the CostRisk multipliers once for all its lines and sums on typed arrays:
// the figures must be exactly (bit for bit) those of each line drawing its own stream and of
// simple-statistics' mean and sample standard deviation.
import { describe, expect, it } from 'vitest';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { costQuotes } from '../../shared/quote/quote';
import { compileCost } from '../../shared/quote/risk';
import { rollUp } from '../../shared/quote/rollup';
import { priceFactors } from '../../shared/quote/price';
import { meanOf, sampleStdevOf, simulate } from '../../shared/quote/simulate';
import { plantNetwork, idKey } from '../../shared/network';
import { seededRng } from '../../shared/random';
import { plantOf, RISKS, twoLevel } from './fixture';


describe('shared draws', () => {
  it('meanOf and sampleStdevOf give the same bits as simple-statistics', () => {
    const rng = seededRng(7);
    for (const n of [1, 2, 3, 1000, 4999]) {
      // values of very different sizes, so the compensated sum's corrections matter
      const x = Float64Array.from({ length: n }, (_, i) => (rng.next() - 0.3) * 10 ** ((i % 7) - 2));
      expect(meanOf(x)).toBe(mean(Array.from(x)));
      if (n > 1) expect(sampleStdevOf(x)).toBe(sampleStandardDeviation(Array.from(x)));
    }
  });

  it('every quantity break of a job gets the simulation it gets when simulated on its own', () => {
    const Quotes = [10, 25, 60].map((Quantity) => ({ QuoteId: 'Q1', Item: 'FG', Quantity, RequestedDate: '2026-03-02', MarginPct: 20 }));
    const plant = plantOf(twoLevel({ settings: { SimulationRuns: 2000, RandomSeed: 11 }, sheets: { CostRisk: RISKS, Quotes } }));
    const r = costQuotes(plant);
    expect(r.problems).toEqual([]);
    expect(r.quotes).toHaveLength(3);
    const fg = plantNetwork(plant).items.get(idKey('FG'))!;
    for (const q of r.quotes) {
      // each line alone: its own roll-up, its own seeded stream (simulate draws it when not given)
      const own = simulate(compileCost(rollUp(plant, fg, q.quantity, q.costDate).terms, plant.CostRisk, priceFactors(q.quote)), plant.CostRisk, 2000, 11);
      expect(q.simulation).toEqual(own);
      expect(q.simulation.stdev).toBeGreaterThan(0); // the risks do spread the cost
    }
  });
});
