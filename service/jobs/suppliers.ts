// The supplier scorecard job (docs/design.md §5): score suppliers for a period, return the --json / API
// body and the SupplierScorecard result sheet, and build the standalone formatted export.
import type { Plant } from '../../shared/domain';
import { InputError, problem } from '../../shared/problems';
import { latestQuarterWithReceipts, parsePeriod, scorecardJson, scorecardProblems, scorecardSheet, scoreSuppliers, type Period, type Scorecard } from '../../shared/suppliers';
import { reviewPrices } from '../../shared/actuals/price-review';
import { priceReviewSheet } from '../../shared/actuals/sheets';
import type { Lang } from '../../shared/problems';
import { scorecardExportSheets } from '../../shared/suppliers/export-sheets';
import { resultPackage } from '../xlsx/result-parts';
import type { JobOptions, JobRunner } from './types';

/** The period a request names (`--period`, option `period`), or undefined; InputError when it is not understood. */
export function askedPeriod(text: string | undefined): Period | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const p = parsePeriod(text);
  if (!p)
    throw new InputError([problem('request', 'period', `period "${text}" is not understood: use a quarter (2026-Q3), a month (2026-09), a year (2026) or a range (2026-07-01..2026-09-30)`, `无法识别期间“${text}”：请使用季度（2026-Q3）、月份（2026-09）、年份（2026）或日期范围（2026-07-01..2026-09-30）`)]);
  return p;
}

/** The period asked for, else the latest quarter with receipts; InputError when neither exists. */
export function periodFor(plant: Plant, text: string | undefined): Period {
  const asked = askedPeriod(text);
  if (asked) return asked;
  const latest = latestQuarterWithReceipts(plant);
  if (!latest) {
    const col = plant.cells.PurchaseOrders?.ReceivedDate ?? 'G';
    throw new InputError([problem(plant.sheetNames.PurchaseOrders ?? 'PurchaseOrders', `${col}1`, 'no purchase-order line has a ReceivedDate, so there is nothing to score: enter receipts or give a period', '没有任何采购订单行填写了到货日期，无法评分：请录入到货记录或指定期间')]);
  }
  return latest;
}

/** Validate the scorecard settings and score the period (shared by the job and the export). */
export function scorecard(plant: Plant, opts: Pick<JobOptions, 'period'>): Scorecard {
  const problems = scorecardProblems(plant);
  if (problems.length) throw new InputError(problems);
  return scoreSuppliers(plant, periodFor(plant, opts.period));
}

export const runSuppliers: JobRunner<'suppliers'> = async (plant, opts) => {
  const card = scorecard(plant, opts);
  opts.onProgress?.(opts.lang === 'zh' ? `已评分 ${card.suppliers.length} 家供应商（${card.period.key}）` : `scored ${card.suppliers.length} suppliers for ${card.period.key}`);
  return { json: scorecardJson(card), sheets: [scorecardSheet(card, opts.lang)] };
};

/**
 * The scorecard export (.xlsx bytes) with the period's price review as its PriceReview (核价)
 * sheet: result sheets written by the one result writer, like every job's.
 */
export function scorecardBook(plant: Plant, card: Scorecard, lang: Lang): Buffer {
  // Named in the export's language, like its other sheets.
  const review = priceReviewSheet(reviewPrices(plant, card.period), lang);
  return resultPackage([...scorecardExportSheets(card, lang), { ...review, name: lang === 'zh' ? '核价' : review.name }], lang);
}

/** The standalone formatted scorecard workbook (.xlsx bytes): CLI `suppliers --out` and POST /suppliers/export. */
export async function scorecardWorkbook(plant: Plant, opts: JobOptions): Promise<{ xlsx: Buffer; period: string }> {
  const card = scorecard(plant, opts);
  return { xlsx: scorecardBook(plant, card, opts.lang), period: card.period.key };
}
