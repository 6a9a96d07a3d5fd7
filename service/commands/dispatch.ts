// mto-planner dispatch <book.xlsx> [--work-center CNC] [--from 2026-12-07] [--days 5] [--json]
// The foreman's list (派工单): plans the book as `plan` does, then prints each work center's
// lots day by day in the order they run, with times, quantities, priority, due date and whether
// the materials are there. Writes nothing.
import { toDay, weekday } from '../../shared/dates';
import { solvePlan } from '../../shared/plan/solve-plan';
import { dispatchRows } from '../../shared/schedule/sheets';
import { PLAN_HIGHS_METHOD } from '../jobs/plan';
import { preloadHighs } from '../solvers/highs';
import { pickBackend } from '../solvers/index';
import { EXIT, type Command } from './types';
import { loadPlant } from './workbook-io';

const WEEKDAY = { en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] };

export const dispatch: Command = {
  name: 'dispatch',
  usage: 'dispatch <book.xlsx> [--work-center CNC] [--from 2026-12-07] [--days 5] [--json]',
  summary: "print the dispatch list: each work center's lots per day in sequence (default: the first 7 days)",
  summaryZh: '打印派工单：各工作中心每日按顺序的加工批次（默认前 7 天）',
  options: {
    'work-center': { type: 'string', arg: 'CNC', en: 'only this work center (default: every one)', zh: '只列此工作中心（默认：全部）' },
    from: { type: 'string', arg: '2026-12-07', en: 'first day of the list (default: PlanStart)', zh: '清单的第一天（默认：PlanStart）' },
    days: { type: 'string', arg: 'n', en: 'how many calendar days to list (default 7)', zh: '列出的日历天数（默认 7）' },
  },
  async run(ctx) {
    const zh = ctx.lang === 'zh';
    const fromText = ctx.values.from as string | undefined;
    const from = fromText === undefined ? undefined : toDay(fromText);
    if (fromText !== undefined && from === undefined) {
      ctx.stderr(zh ? `--from 应为日期，如 2026-12-07（当前为 ${fromText}）` : `--from must be a date such as 2026-12-07 (got ${fromText})`);
      return EXIT.error;
    }
    const daysText = ctx.values.days as string | undefined;
    const days = daysText === undefined ? 7 : Number(daysText);
    if (!(Number.isInteger(days) && days >= 1 && days <= 366)) {
      ctx.stderr(zh ? `--days 应为 1 到 366 的整数（当前为 ${daysText}）` : `--days must be a whole number from 1 to 366 (got ${daysText})`);
      return EXIT.error;
    }
    preloadHighs();
    const loaded = await loadPlant(ctx.args[0], 'plan', ctx);
    if (typeof loaded === 'number') return loaded;
    const plant = loaded.plant;
    const wcText = ctx.values['work-center'] as string | undefined;
    const wc = wcText === undefined ? undefined : plant.WorkCenters.find((w) => w.WorkCenterId.toLowerCase() === wcText.trim().toLowerCase());
    if (wcText !== undefined && !wc) {
      const known = plant.WorkCenters.map((w) => w.WorkCenterId).join(', ');
      ctx.stderr(zh ? `未知的工作中心 "${wcText}"：可选 ${known}` : `unknown work center "${wcText}": choose one of ${known}`);
      return EXIT.error;
    }
    const out = await solvePlan(plant, {
      clock: () => performance.now(),
      lang: ctx.lang,
      onProgress: ctx.progress,
      backend: (model) => pickBackend('auto', model, { highsMethod: PLAN_HIGHS_METHOD, presolve: false }),
    });
    const start = from ?? (plant.settings.PlanStart as string);
    const rows = out.schedule ? dispatchRows(out.schedule, { workCenter: wc?.WorkCenterId, from: start, days }) : [];
    if (ctx.json) {
      ctx.stdout(JSON.stringify({ workCenter: wc?.WorkCenterId ?? null, from: start, days, dispatch: rows }, null, 2));
      return EXIT.ok;
    }
    if (rows.length === 0) {
      ctx.stdout(zh ? `${start} 起 ${days} 天内${wc ? ` ${wc.WorkCenterId} ` : ''}没有派工` : `nothing dispatched${wc ? ` on ${wc.WorkCenterId}` : ''} in the ${days} days from ${start}`);
      return EXIT.ok;
    }
    let head = '';
    for (const r of rows) {
      const h = `${r.workCenter}  ${r.day} ${WEEKDAY[ctx.lang][weekday(r.day)]}`;
      if (h !== head) ctx.stdout(`${head ? '\n' : ''}${h}`);
      head = h;
      const qty = `${r.quantity} ${r.uom}`.trim();
      const part = r.part ? (zh ? `（第 ${r.part} 天）` : ` (day ${r.part})`) : '';
      ctx.stdout(
        zh
          ? `  ${String(r.seq).padStart(2)}  ${r.start}–${r.end}  设备 ${r.lane}  ${r.orderId}  ${r.item}  ${r.operation}  ${qty}${part}  优先级 ${r.priority}  交期 ${r.dueDate}  齐料 ${r.materialReady ? '是' : '否'}${r.lateRisk === 'late' ? '  延期' : ''}`
          : `  ${String(r.seq).padStart(2)}  ${r.start}–${r.end}  unit ${r.lane}  ${r.orderId}  ${r.item}  ${r.operation}  ${qty}${part}  priority ${r.priority}  due ${r.dueDate}  material ${r.materialReady ? 'ready' : 'NOT ready'}${r.lateRisk === 'late' ? '  LATE' : ''}`,
      );
    }
    return EXIT.ok;
  },
};
