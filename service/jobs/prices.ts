// The price review job (核价): PO lines of a period against their approved price tier.
import { priceReviewAnswer } from '../../shared/actuals/answers';
import { latestQuarterWithLines, reviewPrices, type SuggestingPlan } from '../../shared/actuals/price-review';
import { priceReviewSheet } from '../../shared/actuals/sheets';
import type { Plant } from '../../shared/domain';
import { InputError, problem } from '../../shared/problems';
import { parsePeriod, type Period } from '../../shared/suppliers/period';
import { latestQuarterWithReceipts } from '../../shared/suppliers/score';
import { runPlan } from './plan';
import type { JobOptions, JobRunner } from './types';

/** The period asked for, else the latest quarter with receipts (as the scorecard), else with any PO line. */
export function reviewPeriod(plant: Plant, text: string | undefined): Period {
  if (text !== undefined && text.trim() !== '') {
    const p = parsePeriod(text);
    if (!p) throw new InputError([problem('request', 'period', `period "${text}" is not understood: use a quarter (2026-Q3), a month (2026-09), a year (2026) or a range (2026-07-01..2026-09-30)`, `无法识别期间“${text}”：请使用季度（2026-Q3）、月份（2026-09）、年份（2026）或日期范围（2026-07-01..2026-09-30）`)]);
    return p;
  }
  return latestQuarterWithReceipts(plant) ?? latestQuarterWithLines(plant) ?? parsePeriod('1900')!;
}

/** The plan PO quantities are held against: this book's plan now (withPlan), else the one given (a stored run). */
async function suggestingPlan(plant: Plant, opts: JobOptions): Promise<SuggestingPlan | undefined> {
  if (!opts.withPlan) return opts.suggestingPlan;
  const plan = await runPlan(plant, { ...opts, withPlan: undefined });
  return { source: opts.lang === 'zh' ? '本工作簿的计划' : "this book's plan", suggestions: plan.json.purchaseSuggestions };
}

export const runPrices: JobRunner<'prices'> = async (plant, opts) => {
  const review = reviewPrices(plant, reviewPeriod(plant, opts.period), await suggestingPlan(plant, opts));
  return { json: priceReviewAnswer(review), sheets: [priceReviewSheet(review, opts.lang)] };
};
