// What the pane says after a job: late orders for a plan (with why), counts for quotes and
// suppliers, and highlighted rows of any result sheet. Reads the response defensively: fields
// are the jobs' JSON (issues 3–5), absent ones are skipped.
import type { Job } from '../shared/contract';
import type { ResultSheet } from '../shared/results';
import type { JobResponse } from './api';
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

/** Late (or short) orders, latest first, from the plan's `orders`. */
export function lateOrders(response: JobResponse): LateOrder[] | undefined {
  if (!Array.isArray(response.orders)) return undefined;
  return (response.orders as Record<string, unknown>[])
    .filter((o) => Number(o.daysLate) > 0 || Number(o.shortQty) > 0)
    .map((o) => ({
      orderId: String(o.orderId ?? ''),
      daysLate: Number(o.daysLate) || 0,
      shortQty: Number(o.shortQty) || 0,
      because: Array.isArray(o.lateBecause) ? o.lateBecause.join(', ') : o.lateBecause === undefined || o.lateBecause === null ? '' : String(o.lateBecause),
    }))
    .sort((a, b) => b.daysLate - a.daysLate || a.orderId.localeCompare(b.orderId));
}

export const flaggedRows = (s: ResultSheet): number => (s.highlightWhen ? s.rows.filter((r) => truthy(r[s.highlightWhen!.column])).length : 0);

export function summarize(job: Job, response: JobResponse, t: Strings): Summary {
  const lines: string[] = [];
  let late: LateOrder[] | undefined;
  if (job === 'plan') {
    late = lateOrders(response);
    if (late) lines.push(t.lateOrders(late.length));
  }
  if (job === 'quote' && Array.isArray(response.quotes)) lines.push(t.quotesPriced(response.quotes.length));
  if (job === 'suppliers' && Array.isArray(response.suppliers)) lines.push(t.suppliersScored(response.suppliers.length));
  for (const s of response.sheets) {
    const n = flaggedRows(s);
    if (n > 0 && !(late && s.name === 'Plan')) lines.push(t.flaggedRows(s.name, n));
  }
  if (response.runId !== undefined) lines.push(t.runId(String(response.runId)));
  return { lines, late };
}
