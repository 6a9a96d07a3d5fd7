// The quote job: cost roll-up, risk simulation and delivery promise for every Quotes row.
import type { QuoteLineAnswer } from '../../shared/answers';
import { InputError } from '../../shared/problems';
import { costQuotes, type QuoteResult } from '../../shared/quote/quote';
import { quoteSheets } from '../../shared/quote/sheets';
import { promiseDeliveries, type PickBackend } from '../../shared/quote/promise';
import { pickBackend } from '../solvers/index';
import { PLAN_HIGHS_METHOD } from './plan';
import type { JobOptions, JobRunner } from './types';

export const runQuote: JobRunner<'quote'> = async (plant, opts) => {
  opts.onProgress?.(opts.lang === 'zh' ? '成本汇总与风险模拟…' : 'rolling up costs and simulating risk…');
  const { quotes, problems } = costQuotes(plant);
  if (problems.length) throw new InputError(problems);
  opts.onProgress?.(opts.lang === 'zh' ? '计算承诺交期…' : 'searching delivery promises…');
  const promises = await promiseDeliveries(plant, quotes, solverFor(opts), () => performance.now());
  const results: QuoteResult[] = quotes.map((q, i) => ({ ...q, promise: promises[i] }));
  return { json: { quotes: results.map(quoteJson) }, sheets: quoteSheets(results, opts.lang, plant.settings.Currency).map((s) => ({ ...s, currency: plant.settings.Currency })) };
};

/** The --json / API shape of one quote line (docs/design.md §4). */
export type QuoteJson = QuoteLineAnswer;

export function quoteJson(q: QuoteResult): QuoteLineAnswer {
  const s = q.simulation;
  return {
    quoteId: q.quoteId,
    customer: q.customer ?? null,
    item: q.item,
    quantity: q.quantity,
    requestedDate: q.quote.RequestedDate ?? null,
    costDate: q.costDate ?? null,
    unitCost: q.unitCost,
    breakdown: q.breakdown,
    lines: q.lines,
    marginPct: q.quote.MarginPct ?? 0,
    unitPrice: q.unitPrice,
    priceAtMean: q.priceAtMean,
    priceAtP90: q.priceAtP90,
    simulation: {
      runs: s.runs, seed: s.seed, mean: s.mean, stdev: s.stdev, p10: s.p10, p50: s.p50, p90: s.p90, min: s.min, max: s.max,
      costAtLikely: s.costAtLikely, histogram: s.histogram, tornado: s.tornado,
    },
    promiseDate: q.promise.promiseDate,
    rushPremium: q.promise.rushPremium,
    promise: { status: q.promise.status, note: q.promise.note, noteZh: q.promise.noteZh },
  };
}

/**
 * The promise's solver: the job's --solver choice (auto: HiGHS beyond tiny models). With HiGHS
 * every what-if is re-solved by column generation from the previous basis in one session.
 */
const solverFor = (opts: JobOptions): PickBackend => (pm) => pickBackend(opts.solver ?? 'auto', pm.lp, { highsMethod: PLAN_HIGHS_METHOD, presolve: false });
