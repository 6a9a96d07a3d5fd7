// What the pane says after a job: late orders for a plan (with why), counts for quotes and
// suppliers, and highlighted rows of any result sheet, from the answer's result sheets.
import type { Job } from '../shared/contract';
import type { ResultSheet } from '../shared/results';
import { answerOf, type JobResponse } from './api';
import type { Strings } from './i18n';

export interface LateOrder {
  orderId: string;
  daysLate: number;
  shortQty: number;
  because: string;
}

export interface Summary {
  lines: string[];
  late?: LateOrder[];
}

const truthy = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== 0 && v !== false;

/** The rows of the answer's sheet `name` (none when it has no such sheet). */
const rowsOf = (response: JobResponse, name: string) => response.sheets.find((s) => s.name === name)?.rows ?? [];
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Late (or short) orders, latest first, from the Plan sheet's rows. */
export function lateOrders(response: JobResponse<'plan'>): LateOrder[] {
  return rowsOf(response, 'Plan')
    .filter((o) => num(o.daysLate) > 0 || num(o.shortQty) > 0)
    .map((o) => ({ orderId: String(o.orderId), daysLate: num(o.daysLate), shortQty: num(o.shortQty), because: typeof o.lateBecause === 'string' ? o.lateBecause : '' }))
    .sort((a, b) => b.daysLate - a.daysLate || a.orderId.localeCompare(b.orderId));
}

export const flaggedRows = (s: ResultSheet): number => (s.highlightWhen ? s.rows.filter((r) => truthy(r[s.highlightWhen!.column])).length : 0);

export function summarize(job: Job, response: JobResponse, t: Strings): Summary {
  const lines: string[] = [];
  let late: LateOrder[] | undefined;
  if (answerOf('plan', job, response)) {
    late = lateOrders(response);
    lines.push(t.lateOrders(late.length));
  }
  if (answerOf('quote', job, response)) lines.push(t.quotesPriced(rowsOf(response, 'QuoteResults').length));
  if (answerOf('suppliers', job, response)) lines.push(t.suppliersScored(rowsOf(response, 'SupplierScorecard').length));
  for (const s of response.sheets) {
    const n = flaggedRows(s);
    if (n > 0 && !(late && s.name === 'Plan')) lines.push(t.flaggedRows(s.name, n));
  }
  if (response.runId !== undefined && response.runId !== null) lines.push(t.runId(String(response.runId)));
  return { lines, late };
}
