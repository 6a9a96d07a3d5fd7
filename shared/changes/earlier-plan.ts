// An earlier plan read back from a result workbook's Plan, Load and Materials sheets (English or
// Chinese headers, as the plan wrote them), or from a stored run's JSON, as a PlanAnswer to
// compare with. Headers come from the plan's own sheet descriptions, so the two stay in step.
import { toDay } from '../dates';
import type { PlanResult } from '../plan/extract';
import { planSheets } from '../plan/sheets';
import { problem, type Problem } from '../problems';
import type { CellValue, WorkbookRows } from '../rows';
import { findSheet } from '../parse';
import type { PlanAnswer } from './compare';

const EMPTY: PlanResult = { orders: [], load: [], materials: [], purchaseSuggestions: [], exceptions: [] };
const norm = (v: unknown) => String(v ?? '').trim().toLowerCase();

/** Rows of a result sheet as records keyed by the plan's column keys. */
function records(book: WorkbookRows, name: 'Plan' | 'Load' | 'Materials', label: string, problems: Problem[]): Record<string, CellValue>[] {
  const def = planSheets(EMPTY, 'en').find((s) => s.name === name)!;
  const found = findSheet(book, name, name);
  if (!found || found[1].header.length === 0) {
    problems.push(problem(label, name, `the earlier plan has no ${name} sheet: compare with a workbook written by mto-planner plan`, `较早的计划中没有“${name}”工作表：请与 mto-planner plan 写出的工作簿比较`));
    return [];
  }
  const [, rows] = found;
  const byHeader = new Map<string, string>();
  for (const c of def.columns) byHeader.set(norm(c.header), c.key), byHeader.set(norm(c.headerZh), c.key);
  const keys = rows.header.map((h) => byHeader.get(norm(h)));
  return rows.rows.map((r) => Object.fromEntries(keys.flatMap((k, j) => (k ? [[k, r[j] ?? null]] : []))));
}

const num = (v: CellValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) || 0 : 0);
const numOrNull = (v: CellValue | undefined): number | null => (v === null || v === undefined || v === '' ? null : num(v));
const day = (v: CellValue | undefined) => (v === null || v === undefined || v === '' ? null : (toDay(v) ?? null));
const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());

export function answerFromWorkbook(book: WorkbookRows, label = 'earlier plan'): { answer: PlanAnswer; problems: Problem[] } {
  const problems: Problem[] = [];
  const plan = records(book, 'Plan', label, problems);
  const load = records(book, 'Load', label, problems);
  const mats = records(book, 'Materials', label, problems);
  const answer: PlanAnswer = {
    orders: plan
      .filter((r) => text(r.orderId))
      .map((r) => ({
        orderId: text(r.orderId),
        item: text(r.item),
        quantity: num(r.quantity),
        dueDate: day(r.dueDate) ?? '',
        finishDate: day(r.finishDate),
        daysLate: numOrNull(r.daysLate),
        shortQty: num(r.shortQty),
        subcontractedQty: num(r.subcontractedQty),
        subcontracting: text(r.subcontracting),
      })),
    load: load.filter((r) => text(r.workCenter) && day(r.bucketStart)).map((r) => ({ workCenter: text(r.workCenter), bucketStart: day(r.bucketStart)!, loadHours: num(r.loadHours), overtimeHours: num(r.overtimeHours) })),
    // Bucket rows only: the purchase-suggestion rows under them carry no requirement.
    materials: mats
      .filter((r) => text(r.item) && day(r.bucketStart) && text(r.requirement) !== '')
      .map((r) => ({ item: text(r.item), bucketStart: day(r.bucketStart)!, requirement: num(r.requirement), suggestedPurchase: num(r.suggestedPurchase) })),
  };
  return { answer, problems };
}

/** A stored plan run's JSON body (orders, load, materials) as a PlanAnswer; undefined if it is not one. */
export function answerFromJson(body: unknown): PlanAnswer | undefined {
  const b = body as Partial<PlanAnswer> | null;
  if (!b || !Array.isArray(b.orders) || !Array.isArray(b.load) || !Array.isArray(b.materials)) return undefined;
  // The JSON's orders do not say which operations were subcontracted; its Plan sheet rows do.
  const sheets = (body as { sheets?: { name: string; rows: { orderId?: unknown; subcontracting?: unknown }[] }[] }).sheets;
  const planRows = Array.isArray(sheets) ? sheets.find((s) => s?.name === 'Plan')?.rows : undefined;
  const sub = new Map((planRows ?? []).map((r) => [String(r.orderId), typeof r.subcontracting === 'string' ? r.subcontracting : undefined]));
  return { orders: b.orders.map((o) => ({ ...o, subcontracting: o.subcontracting ?? sub.get(o.orderId) })), load: b.load, materials: b.materials };
}
