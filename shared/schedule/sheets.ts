// The schedule's result sheets: Schedule (every lot starting in the first SCHEDULE_DAYS), Dispatch (派工单: per work center and day,
// in sequence) and two Gantt charts as day grids — hours per work-center unit and per order on
// each day, shaded by a colour scale — so exceljs and Office.js draw them from one description.
import { addDays, daysBetween, weekday, type Day } from '../dates';
import type { Lang } from '../problems';
import type { ResultColumn, ResultSheet } from '../results';
import { clockText } from './days';
import type { Schedule, ScheduleRow } from './schedule';

/** Days shown in the Gantt grids (from PlanStart): the weeks a planner acts on. */
export const GANTT_DAYS = 56;
/**
 * Days whose lots the Schedule sheet lists: the four weeks a planner releases work for (later
 * lots are re-planned before they start; JSON and `mto-planner dispatch` show any day). Writing
 * the sheet costs about 20 µs a cell: on the 1000-order bench plant eight weeks of lots were 5,000
 * rows, two thirds of what the schedule added to the plan's time end to end.
 */
export const SCHEDULE_DAYS = 28;
/** Days in the Dispatch sheet (from PlanStart): the foreman's fortnight; `mto-planner dispatch` shows any days. */
export const DISPATCH_DAYS = 14;

const WEEKDAY = { en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] };
const RISK = { late: { en: 'LATE', zh: '延期' }, atRisk: { en: 'due that day', zh: '当日到期' }, '': { en: '', zh: '' } } as const;
const yesNo = (b: boolean, zh: boolean) => (b ? (zh ? '是' : 'Y') : zh ? '否' : 'N');

export interface DispatchRow {
  workCenter: string;
  day: Day;
  /** 1, 2, … in start order per work center and day */
  seq: number;
  lane: number;
  orderId: string;
  item: string;
  operation: string;
  opSeq: number;
  quantity: number;
  uom: string;
  /** "08:00" */
  start: string;
  end: string;
  hours: number;
  priority: number;
  dueDate: Day;
  materialReady: boolean;
  lateRisk: ScheduleRow['lateRisk'];
  /** "2/3": the second day of a lot split over three */
  part: string;
}

/** One line per working stretch of an in-house lot, per work center and day, in start order. */
export function dispatchRows(s: Schedule, filter: { workCenter?: string; from?: Day; days?: number } = {}): DispatchRow[] {
  const wc = filter.workCenter?.trim().toLowerCase();
  const last = filter.from && filter.days ? addDays(filter.from, filter.days - 1) : undefined;
  // The window in hours from PlanStart, to skip stretches outside it before naming their days.
  const lo = filter.from ? 24 * daysBetween(s.start, filter.from) : -Infinity;
  const hi = last ? 24 * (daysBetween(s.start, last) + 1) : Infinity;
  const out: DispatchRow[] = [];
  for (const r of s.rows(hi)) {
    if (r.subcontract || (wc && r.workCenter.toLowerCase() !== wc) || r.t1 < lo) continue;
    r.pieces.forEach(([a, b], i) => {
      if (a < lo || a >= hi) return;
      const from = clockText(s.start, a);
      const to = clockText(s.start, b).slice(11);
      const day = from.slice(0, 10);
      out.push({
        workCenter: r.workCenter,
        day,
        seq: 0,
        lane: r.lane,
        orderId: r.orderId,
        item: r.item,
        operation: r.operation,
        opSeq: r.opSeq,
        quantity: r.quantity,
        uom: r.uom,
        start: from.slice(11),
        end: to === '00:00' && b > a ? '24:00' : to,
        hours: Math.round((b - a) * 100) / 100,
        priority: r.priority,
        dueDate: r.dueDate,
        materialReady: r.materialOk && (r.materialReady === null || r.materialReady <= day),
        lateRisk: r.lateRisk,
        part: r.pieces.length > 1 ? `${i + 1}/${r.pieces.length}` : '',
      });
    });
  }
  // (Times are all "HH:MM": compared as plain text; work centers by locale, asked only when they differ.)
  out.sort((x, y) => (x.workCenter === y.workCenter ? 0 : x.workCenter.localeCompare(y.workCenter)) || (x.day < y.day ? -1 : x.day > y.day ? 1 : 0) || (x.start < y.start ? -1 : x.start > y.start ? 1 : 0) || x.lane - y.lane);
  let prev = '';
  let n = 0;
  for (const d of out) {
    const k = `${d.workCenter}|${d.day}`;
    n = k === prev ? n + 1 : 1;
    prev = k;
    d.seq = n;
  }
  return out;
}

function dayColumns(s: Schedule): { cols: ResultColumn[]; days: Day[] } {
  const n = Math.min(GANTT_DAYS, s.horizonDays);
  const days = Array.from({ length: n }, (_, i) => addDays(s.start, i));
  const cols = days.map((d, i) => ({ key: `d${i}`, header: `${WEEKDAY.en[weekday(d)]} ${d.slice(5)}`, headerZh: `${d.slice(5)} ${WEEKDAY.zh[weekday(d)]}`, format: 'number' as const, width: 9 }));
  return { cols, days };
}

/** Hours per row key and day index, from the lots' working stretches (key of the lot's place in s.lots). */
function grid(s: Schedule, keyOf: (i: number) => string, n: number): Map<string, number[]> {
  const g = new Map<string, number[]>();
  // Lots starting after the grid's last day add nothing (a key without hours reads as none); lots are by start.
  const end = 24 * n;
  const p = s.lots;
  for (let i = 0; i < p.n && p.start[i] < end; i++) {
    if (p.lot[i].subcontract) continue;
    const k = keyOf(i);
    let cells = g.get(k);
    if (!cells) g.set(k, (cells = new Array(n).fill(0)));
    for (let j = p.first[i]; j < p.first[i] + p.days[i]; j++) {
      const a = p.stretches[2 * j];
      const d = Math.floor(a / 24);
      if (d >= 0 && d < n) cells[d] += p.stretches[2 * j + 1] - a;
    }
  }
  return g;
}

/** `row` with the grid's day cells d0, d1, … added (hours, null when none); the keys named once per sheet. */
function withCells<T extends Record<string, unknown>>(row: T, cells: number[] | undefined, keys: string[]): T & Record<string, number | null> {
  const out: Record<string, unknown> = row;
  for (let i = 0; i < keys.length; i++) out[keys[i]] = cells && cells[i] > 1e-9 ? Math.round(cells[i] * 100) / 100 : null;
  return out as T & Record<string, number | null>;
}

export function scheduleSheets(s: Schedule, lang: Lang): ResultSheet[] {
  const zh = lang === 'zh';
  const t = (x: { en: string; zh: string }) => (zh ? x.zh : x.en);
  const whole = s.wholeQuantities;
  const schedule: ResultSheet = {
    name: 'Schedule',
    columns: [
      { key: 'orderId', header: 'Order', headerZh: '订单号', width: 14 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'opSeq', header: 'Operation no.', headerZh: '工序号', format: 'integer' },
      { key: 'operation', header: 'Operation', headerZh: '工序', width: 18 },
      { key: 'workCenter', header: 'Work center', headerZh: '工作中心', width: 14 },
      { key: 'lane', header: 'Unit', headerZh: '设备', format: 'integer', width: 8 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: whole ? 'integer' : 'number' },
      { key: 'uom', header: 'Unit of measure', headerZh: '单位', width: 8 },
      { key: 'start', header: 'Start', headerZh: '开始', format: 'dateTime', width: 17 },
      { key: 'end', header: 'End', headerZh: '结束', format: 'dateTime', width: 17 },
      { key: 'setupHours', header: 'Setup (h)', headerZh: '准备工时（小时）', format: 'number' },
      { key: 'runHours', header: 'Run (h)', headerZh: '加工工时（小时）', format: 'number' },
      { key: 'days', header: 'Working days', headerZh: '跨工作日数', format: 'integer' },
      { key: 'materialReady', header: 'Material ready', headerZh: '齐料日期', format: 'date', width: 12 },
      { key: 'dueDate', header: 'Due date', headerZh: '交期', format: 'date', width: 12 },
      { key: 'lateRisk', header: 'Late risk', headerZh: '延期风险', width: 12 },
      // Only when some lot draws an alternate component (BOM AlternateOf).
      ...(s.lots.alternates.size ? [{ key: 'alternates', header: 'Alternates drawn', headerZh: '领用替代料', width: 36 }] : []),
    ],
    rows: s.rows(24 * SCHEDULE_DAYS).map((r) => {
      const row: ResultSheet['rows'][number] = {
        orderId: r.orderId,
        item: r.item,
        opSeq: r.opSeq,
        operation: r.operation,
        workCenter: r.subcontract ? (zh ? `${r.workCenter}（委外）` : `${r.workCenter} (subcontracted)`) : r.workCenter,
        lane: r.subcontract ? null : r.lane,
        quantity: r.quantity,
        uom: r.uom,
        start: r.start,
        end: r.end,
        setupHours: r.setupHours,
        runHours: r.runHours,
        days: r.days,
        materialReady: r.materialReady,
        dueDate: r.dueDate,
        lateRisk: t(RISK[r.lateRisk]) || null,
      };
      // (Added last, as the column is: no object spread per row.)
      if (r.alternates) row.alternates = r.alternates.map((a) => (zh ? `${a.qty} × ${a.item} 替代 ${a.primary}` : `${a.qty} × ${a.item} for ${a.primary}`)).join(zh ? '；' : '; ');
      return row;
    }),
    highlightWhen: { column: 'lateRisk', color: 'red' },
  };
  const dispatch = dispatchRows(s, { from: s.start, days: DISPATCH_DAYS });
  const dispatchSheet: ResultSheet = {
    name: 'Dispatch',
    columns: [
      { key: 'workCenter', header: 'Work center', headerZh: '工作中心', width: 14 },
      { key: 'day', header: 'Day', headerZh: '日期', format: 'date', width: 12 },
      { key: 'seq', header: 'Seq no.', headerZh: '顺序号', format: 'integer', width: 8 },
      { key: 'lane', header: 'Unit', headerZh: '设备', format: 'integer', width: 8 },
      { key: 'orderId', header: 'Order', headerZh: '订单号', width: 14 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'operation', header: 'Operation', headerZh: '工序', width: 18 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量', format: whole ? 'integer' : 'number' },
      { key: 'uom', header: 'Unit of measure', headerZh: '单位', width: 8 },
      { key: 'start', header: 'Start', headerZh: '开始', width: 8 },
      { key: 'end', header: 'End', headerZh: '结束', width: 8 },
      { key: 'hours', header: 'Hours', headerZh: '工时（小时）', format: 'number' },
      { key: 'part', header: 'Day of lot', headerZh: '批次第几天', width: 10 },
      { key: 'priority', header: 'Priority', headerZh: '优先级', format: 'integer' },
      { key: 'dueDate', header: 'Due date', headerZh: '交期', format: 'date', width: 12 },
      { key: 'materialReady', header: 'Material ready', headerZh: '齐料', width: 10 },
      { key: 'lateRisk', header: 'Late risk', headerZh: '延期风险', width: 12 },
    ],
    rows: dispatch.map((d) => ({ ...d, materialReady: yesNo(d.materialReady, zh), lateRisk: t(RISK[d.lateRisk]) || null })),
    highlightWhen: { column: 'lateRisk', color: 'red' },
  };
  const { cols, days } = dayColumns(s);
  const n = days.length;
  const scales = cols.map((c) => ({ column: c.key }));
  const keys = cols.map((c) => c.key);
  const byWc = grid(s, (i) => `${s.lotWorkCenters[i]}|${s.lots.lane[i]}`, n);
  const ganttWc: ResultSheet = {
    name: 'Gantt by work center',
    columns: [
      { key: 'workCenter', header: 'Work center', headerZh: '工作中心', width: 14 },
      { key: 'lane', header: 'Unit', headerZh: '设备', format: 'integer', width: 6 },
      ...cols,
    ],
    rows: s.workCenters.flatMap((w) => Array.from({ length: w.lanes }, (_, i) => withCells({ workCenter: w.id, lane: i + 1 }, byWc.get(`${w.id}|${i + 1}`), keys))),
    colorScales: scales,
  };
  const byOrder = grid(s, (i) => s.lots.lot[i].order.order.OrderId, n);
  const orders = [...s.orders.values()];
  const ganttOrder: ResultSheet = {
    name: 'Gantt by order',
    columns: [
      { key: 'orderId', header: 'Order', headerZh: '订单号', width: 14 },
      { key: 'dueDate', header: 'Due date', headerZh: '交期', format: 'date', width: 12 },
      { key: 'finishDate', header: 'Finish date', headerZh: '预计完工', format: 'date', width: 12 },
      ...cols,
    ],
    rows: orders.filter((o) => byOrder.get(o.orderId)?.some((h) => h > 1e-9)).map((o) => withCells({ orderId: o.orderId, dueDate: o.dueDate, finishDate: o.finishDate }, byOrder.get(o.orderId), keys)),
    colorScales: scales,
  };
  return [schedule, dispatchSheet, ganttWc, ganttOrder];
}

const QUANTITY_KEYS = new Set(['quantity', 'subcontractedQty', 'shortQty', 'requirement', 'receipts', 'suggestedPurchase', 'projectedOnHand', 'safetyStock', 'purchaseQty']);

/** Quantity columns of the plan's sheets shown without decimals when every value in them is whole (pieces). */
export function wholeQuantityFormats(sheets: ResultSheet[]): ResultSheet[] {
  return sheets.map((sh) => ({
    ...sh,
    columns: sh.columns.map((c) =>
      c.format === 'number' && QUANTITY_KEYS.has(c.key) && sh.rows.every((r) => r[c.key] === null || r[c.key] === undefined || Number.isInteger(r[c.key])) ? { ...c, format: 'integer' as const } : c,
    ),
  }));
}

/**
 * What the plan's JSON adds from the schedule: the rounding gap, the dispatch order kept, and the
 * lots that start in the foreman's fortnight (`mto-planner dispatch --json` lists any days).
 */
/** What the schedule adds to the plan's answer (shared/answers.ts). */
export function scheduleJson(s: Schedule, lpObjective: number) {
  return {
    roundedObjective: Math.round(s.roundedObjective * 1e4) / 1e4,
    roundingGap: Math.round((s.roundedObjective - lpObjective) * 1e4) / 1e4,
    sequencing: { kept: s.rule, weightedDaysLate: s.weightedLateness },
    schedule: s.rows(24 * DISPATCH_DAYS).map(({ pieces: _p, t0: _0, t1: _1, ...r }) => r),
  };
}
export type ScheduleAnswer = ReturnType<typeof scheduleJson>;
