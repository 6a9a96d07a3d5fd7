// The quote job draws the CostRisk multipliers once for all its lines: the figures must be exactly
// (bit for bit) those of each line drawing its own stream.
import { describe, expect, it } from 'vitest';
import { costQuotes } from '../../shared/quote/quote';
import { compileCost } from '../../shared/quote/risk';
import { rollUp } from '../../shared/quote/rollup';
import { priceFactors } from '../../shared/quote/price';
import { simulate } from '../../shared/quote/simulate';
import { plantNetwork, idKey } from '../../shared/network';
import { plantOf, RISKS, twoLevel } from './fixture';

describe('shared draws', () => {
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
