// Monte Carlo over the compiled cost: `runs` draws of every CostRisk row from one seeded stream.
// Every quote line faces the same draws (drawn once and shared, or drawn again from the same
// seed), so the same seed gives the same numbers and quantity breaks' percentiles compare.
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { CostRiskRow } from '../domain';
import { seededRng } from '../random';
import { drawMultiplier, evaluate, tornadoEnd, type CompiledCost } from './risk';

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface TornadoBar {
  target: string;
  factor: string;
  distribution: string;
  low: number;
  high: number;
  /** unit cost with this factor at Low (High), every other factor at Likely */
  costAtLow: number;
  costAtHigh: number;
  /** those costs minus the cost with every factor at Likely */
  deltaLow: number;
  deltaHigh: number;
}

export interface Simulation {
  runs: number;
  seed: number;
  mean: number;
  stdev: number;
  p10: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
  /** unit cost with every factor at Likely (the tornado's centre) */
  costAtLikely: number;
  /** mean of the drawn prices = the price of the expected cost */
  priceAtMean: number;
  /** P90 of the drawn prices (each draw priced with the quote's markups and margin) */
  priceAtP90: number;
  histogram: HistogramBin[];
  /** largest swing first */
  tornado: TornadoBar[];
}

export const HISTOGRAM_BINS = 20;

/**
 * The multipliers of `runs` draws of every CostRisk row, draw d's in [d × rows, (d + 1) × rows).
 * They depend only on the rows, the runs and the seed, so the lines of one quote job share them.
 */
export function drawFactors(risks: CostRiskRow[], runs: number, seed: number): Float64Array {
  const rng = seededRng(seed);
  const n = risks.length;
  const k = new Float64Array(runs * n);
  for (let d = 0, j = 0; d < runs; d++) for (let i = 0; i < n; i++, j++) k[j] = drawMultiplier(risks[i], rng.next());
  return k;
}

/** `draws`: drawFactors(risks, runs, seed), when several lines are simulated with the same ones; else drawn run by run. */
export function simulate(c: CompiledCost, risks: CostRiskRow[], runs: number, seed: number, draws?: Float64Array): Simulation {
  const n = risks.length;
  const k = new Float64Array(n);
  const m = new Float64Array(n + c.scrap.length);
  const out = new Float64Array(1);
  const costs = new Float64Array(runs);
  const prices = new Float64Array(runs);
  const rng = seededRng(seed); // the same stream drawFactors draws from, run by run
  for (let d = 0, j = 0; d < runs; d++) {
    if (draws) for (let i = 0; i < n; i++, j++) k[i] = draws[j];
    else for (let i = 0; i < n; i++) k[i] = drawMultiplier(risks[i], rng.next());
    costs[d] = evaluate(c, k, m, out);
    prices[d] = out[0];
  }
  const likely = Float64Array.from(risks, (r) => r.Likely);
  const costAtLikely = evaluate(c, likely, m, out);
  const tornado = risks
    .map((r, i): TornadoBar => {
      const at = (end: 'Low' | 'High') => {
        const kk = likely.slice();
        kk[i] = tornadoEnd(r, end);
        return evaluate(c, kk, m, out);
      };
      const [lo, hi] = [at('Low'), at('High')];
      return { target: r.Target, factor: r.Factor, distribution: r.Distribution, low: tornadoEnd(r, 'Low'), high: tornadoEnd(r, 'High'), costAtLow: lo, costAtHigh: hi, deltaLow: lo - costAtLikely, deltaHigh: hi - costAtLikely };
    })
    .sort((a, b) => Math.abs(b.costAtHigh - b.costAtLow) - Math.abs(a.costAtHigh - a.costAtLow));

  costs.sort();
  prices.sort();
  const q = (p: number) => quantileSorted(costs as unknown as number[], p);
  return {
    runs,
    seed,
    mean: mean(costs as unknown as number[]), // simple-statistics reads typed arrays as arrays
    stdev: runs > 1 ? sampleStandardDeviation(costs as unknown as number[]) : 0,
    p10: q(0.1),
    p50: q(0.5),
    p90: q(0.9),
    min: costs[0],
    max: costs[runs - 1],
    costAtLikely,
    priceAtMean: mean(prices as unknown as number[]),
    priceAtP90: quantileSorted(prices as unknown as number[], 0.9),
    histogram: histogram(costs),
    tornado,
  };
}

/** Equal-width bins from the smallest to the largest draw; the last bin includes its upper edge. */
export function histogram(sorted: Float64Array, bins = HISTOGRAM_BINS): HistogramBin[] {
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: i === bins - 1 ? hi : lo + (i + 1) * width, count: 0 }));
  for (const x of sorted) out[width > 0 ? Math.min(bins - 1, Math.floor((x - lo) / width)) : 0].count++;
  return out;
}
