// A job's answer for a caller that writes or draws the result sheets (the task pane, the
// standalone page): the sheets, and only the parts of the typed answer (shared/answers.ts) that
// no sheet carries, so each result travels once. The sheets cannot be rebuilt from the typed
// answer: they carry more (the Plan sheet's customer, priority and stock columns, the Gantt
// sheets' hours per day, the quote's cost lines), so the rows go as sheets and the lists go.
import type { JobAnswers } from './answers';
import type { Job } from './contract';
import type { ResultSheet } from './results';

/** Each job's answer lists whose rows a result sheet carries (the sheet in the comment). */
export const SHEET_ROWS = {
  // Plan, Load, Materials (with the purchase suggestions), Exceptions, Schedule, Stranded, RunOut
  plan: ['orders', 'load', 'materials', 'purchaseSuggestions', 'exceptions', 'schedule', 'stranded', 'runOut'],
  // QuoteResults, QuoteDistribution, QuoteLines
  quote: ['quotes'],
  // SupplierScorecard (the allocation shares are in no sheet: they stay)
  suppliers: ['suppliers'],
  // OrderCosts and OrderCostTrace, SubcontractLots, Wages
  costs: ['orders', 'lots', 'wages'],
  // PriceReview
  prices: ['lines'],
} as const satisfies { [J in Job]: readonly (keyof JobAnswers[J])[] };

/** The answer with its result sheets instead of the lists they carry. */
export type SheetAnswer<J extends Job = Job> = J extends Job ? Omit<JobAnswers[J], (typeof SHEET_ROWS)[J][number]> & { sheets: ResultSheet[] } : never;

export function sheetAnswer<J extends Job>(job: J, answer: JobAnswers[J], sheets: ResultSheet[]): SheetAnswer<J> {
  const rest: Record<string, unknown> = { ...answer };
  for (const k of SHEET_ROWS[job] as readonly string[]) delete rest[k];
  return { ...rest, sheets } as SheetAnswer<J>;
}
