// The price review job (核价): PO lines of a period against their approved price tier.
import { priceReviewAnswer } from '../../shared/actuals/answers';
import { latestQuarterWithLines, reviewPrices, type SuggestingPlan } from '../../shared/actuals/price-review';
import { priceReviewSheet } from '../../shared/actuals/sheets';
import type { Plant } from '../../shared/domain';
import { parsePeriod, type Period } from '../../shared/suppliers/period';
import { latestQuarterWithReceipts } from '../../shared/suppliers/score';
import { runPlan } from './plan';
import { askedPeriod } from './suppliers';
import type { JobOptions, JobRunner } from './types';

/** The period asked for, else the latest quarter with receipts (as the scorecard), else with any PO line. */
export function reviewPeriod(plant: Plant, text: string | undefined): Period {
  return askedPeriod(text) ?? latestQuarterWithReceipts(plant) ?? latestQuarterWithLines(plant) ?? parsePeriod('1900')!;
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
