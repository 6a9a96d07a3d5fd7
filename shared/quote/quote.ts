// Every Quotes row costed, priced and simulated (the delivery promise is added by the quote job,
// which can solve the plan). Rows of one QuoteId are its quantity breaks, kept in sheet order.
import type { Day } from '../dates';
import type { Plant, QuoteLine } from '../domain';
import { cellOf } from '../parse';
import { problem, type Problem } from '../problems';
import { datedLinesBelow, idKey, plantNetwork } from '../network';
import { priceFactors, priceOf } from './price';
import type { DeliveryPromise } from './promise';
import { compileCost, riskProblems } from './risk';
import { rollUp, type Breakdown, type CostLine } from './rollup';
import { drawFactors, simulate, type Simulation } from './simulate';

/** the most CostRisk multipliers (runs × rows) drawn once for all lines of a quote */
const SHARED_DRAWS_MAX = 4_000_000;

export interface CostedQuote {
  quote: QuoteLine;
  quoteId: string;
  customer?: string;
  item: string;
  quantity: number;
  /** the day whose BOM was costed: RequestedDate, else Settings PlanStart */
  costDate?: Day;
  unitCost: number;
  breakdown: Breakdown;
  lines: CostLine[];
  /** price at the expected (deterministic) cost: markups, then margin (price.ts) */
  unitPrice: number;
  /** price if cost lands at the simulated P90 */
  priceAtP90: number;
  /** price at the simulated mean cost */
  priceAtMean: number;
  simulation: Simulation;
}

/** A costed quote line with its delivery promise: what the job reports. */
export type QuoteResult = CostedQuote & { promise: DeliveryPromise };

export function costQuotes(plant: Plant): { quotes: CostedQuote[]; problems: Problem[] } {
  const problems: Problem[] = [...riskProblems(plant)];
  const net = plantNetwork(plant);
  const quotes: CostedQuote[] = [];
  const runs = plant.settings.SimulationRuns;
  const seed = plant.settings.RandomSeed;
  let draws: Float64Array | undefined; // every line faces the same draws (simulate.ts)
  for (const q of plant.Quotes) {
    const item = net.items.get(idKey(q.Item));
    if (!item) continue; // validation reports it
    const costDate = q.RequestedDate ?? plant.settings.PlanStart;
    if (costDate === undefined && datedLinesBelow(net, item.ItemId).length) {
      problems.push(problem(plant.sheetNames.Quotes ?? 'Quotes', cellOf(plant, 'Quotes', q, 'RequestedDate'), `the BOM of "${item.ItemId}" changes by date (ValidFrom/ValidTo): enter RequestedDate here or Settings PlanStart so the right version is costed`, `“${item.ItemId}”的物料清单按日期变更（生效/失效日期）：请填写要求交期或设置中的计划开始日期，以便按正确版本核算成本`));
      continue;
    }
    const r = rollUp(plant, item, q.Quantity, costDate);
    problems.push(...r.problems);
    if (r.problems.length) continue;
    const pf = priceFactors(q);
    const compiled = compileCost(r.terms, plant.CostRisk, pf);
    // Shared while they fit in SHARED_DRAWS_MAX numbers (32 MB); beyond, each line draws its own (the same numbers).
    const shared = runs * plant.CostRisk.length <= SHARED_DRAWS_MAX;
    const sim = shared ? simulate(compiled, plant.CostRisk, runs, seed, (draws ??= drawFactors(plant.CostRisk, runs, seed))) : simulate(compiled, plant.CostRisk, runs, seed);
    quotes.push({
      quote: q,
      quoteId: q.QuoteId,
      customer: q.Customer,
      item: item.ItemId,
      quantity: q.Quantity,
      costDate,
      unitCost: r.unitCost,
      breakdown: r.breakdown,
      lines: r.lines,
      unitPrice: priceOf(r.breakdown, pf),
      priceAtP90: sim.priceAtP90,
      priceAtMean: sim.priceAtMean,
      simulation: sim,
    });
  }
  // The same Buy item with no price is reported once, however many quotes use it.
  const seen = new Set<string>();
  return { quotes, problems: problems.filter((p) => !seen.has(p.sheet + p.cell + p.message) && seen.add(p.sheet + p.cell + p.message)) };
}
