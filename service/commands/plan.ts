// mto-planner plan <book.xlsx> [--out result.xlsx] [--json] [--export-lp f.lp]
//   [--solver auto|highs|jslp|glpk|cbc] [--include-drafts] [--time-limit s] [--phasing n]
//   [--compare earlier-plan.xlsx | --compare-run id] [--run-out] [--warm-start]
// Plans every open order against capacity and material and writes Plan, Load, Materials and
// Exceptions sheets into the book (or --out), through a temp file, only when the plan succeeded.
import type { OrderPlan } from '../../shared/plan/extract';
import { runPlan } from '../jobs/plan';
import type { SolverName } from '../jobs/types';
import { preloadHighs } from '../solvers/highs';
import { BACKEND_NAMES } from '../solvers/index';
import { EXIT, type Command } from './types';
import { loadPlant, resultPath, saveResults } from './workbook-io';
import { earlierFromFile, earlierFromRun } from './earlier-plan';
import { printChanges } from './print-changes';

const SHEET_ZH: Record<string, string> = { Plan: '计划', Load: '负荷', Materials: '物料', Exceptions: '异常', Changes: '变更', Stranded: '呆滞料', RunOut: '自然切换' };

type OrderJson = Pick<OrderPlan, 'orderId' | 'daysLate' | 'shortQty' | 'finishDate' | 'subcontractedQty'> & { lateBecause: string | null };

export const plan: Command = {
  name: 'plan',
  usage: 'plan <book.xlsx> [--out result.xlsx] [--json] [--export-lp f.lp] [--solver auto|highs|jslp|glpk|cbc] [--include-drafts] [--time-limit s] [--phasing n] [--compare earlier-plan.xlsx | --compare-run id] [--run-out] [--warm-start]',
  summary: 'plan open orders against capacity and material; write Plan, Load, Materials, Exceptions (to <book>-plan.xlsx)',
  summaryZh: '按产能与物料排产未完成订单，写入计划、负荷、物料、异常工作表（<工作簿>-plan.xlsx）',
  options: {
    out: { type: 'string' },
    'export-lp': { type: 'string' },
    solver: { type: 'string' },
    'include-drafts': { type: 'boolean' },
    'time-limit': { type: 'string' },
    phasing: { type: 'string' },
    compare: { type: 'string' },
    'compare-run': { type: 'string' },
    'run-out': { type: 'boolean' },
    'warm-start': { type: 'boolean' },
  },
  async run(ctx) {
    const zh = ctx.lang === 'zh';
    const solver = (ctx.values.solver as string | undefined) ?? 'auto';
    if (!BACKEND_NAMES.includes(solver as SolverName)) {
      ctx.stderr(zh ? `--solver 应为 ${BACKEND_NAMES.join('、')} 之一` : `--solver must be one of ${BACKEND_NAMES.join(', ')}`);
      return EXIT.error;
    }
    const limitText = ctx.values['time-limit'] as string | undefined;
    const timeLimitSeconds = limitText === undefined ? undefined : Number(limitText);
    if (timeLimitSeconds !== undefined && !(timeLimitSeconds > 0)) {
      ctx.stderr(zh ? `--time-limit 应为正数秒（当前为 ${limitText}）` : `--time-limit must be a positive number of seconds (got ${limitText})`);
      return EXIT.error;
    }
    // --phasing n: n buckets of BucketDays, then buckets twice as long to the horizon's end.
    const phasingText = ctx.values.phasing as string | undefined;
    const phasing = phasingText === undefined ? undefined : Number(phasingText);
    if (phasing !== undefined && !(Number.isInteger(phasing) && phasing >= 0)) {
      ctx.stderr(zh ? `--phasing 应为非负整数（细时段数，当前为 ${phasingText}）` : `--phasing must be a whole number of fine buckets, 0 or more (got ${phasingText})`);
      return EXIT.error;
    }
    if (solver === 'auto' || solver === 'highs') preloadHighs(); // compiles while the workbook is read
    const loaded = await loadPlant(ctx.args[0], 'plan', ctx);
    if (typeof loaded === 'number') return loaded;
    // An earlier plan to compare with: a result workbook or a stored run.
    const compareFile = ctx.values.compare as string | undefined;
    const compareRun = ctx.values['compare-run'] as string | undefined;
    if (compareFile !== undefined && compareRun !== undefined) {
      ctx.stderr(zh ? '--compare 与 --compare-run 只能选一个' : 'give --compare or --compare-run, not both');
      return EXIT.error;
    }
    const compareWith = compareFile !== undefined ? await earlierFromFile(compareFile, ctx) : compareRun !== undefined ? await earlierFromRun(compareRun, ctx) : undefined;
    if (typeof compareWith === 'number') return compareWith;
    const result = await runPlan(loaded.plant, {
      lang: ctx.lang,
      solver: solver as SolverName,
      timeLimitSeconds,
      includeDrafts: Boolean(ctx.values['include-drafts']),
      phasing,
      exportLp: ctx.values['export-lp'] as string | undefined,
      onProgress: ctx.progress,
      compareWith,
      compareRunId: compareRun === undefined ? undefined : Number(compareRun),
      runOut: Boolean(ctx.values['run-out']),
      warmStart: Boolean(ctx.values['warm-start']),
    });
    const out = resultPath(ctx.args[0], 'plan', ctx, loaded.wb);
    if (out) await saveResults(loaded.wb, result.sheets, out, ctx);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(result.json, null, 2));
      return EXIT.ok;
    }
    const j = result.json as { status: string; message?: string; orders: OrderJson[]; load: { overtimeHours: number }[]; purchaseSuggestions: { item: string }[] };
    if (j.message) ctx.stdout(j.message);
    const late = j.orders.filter((o) => (o.daysLate ?? 0) > 0);
    const short = j.orders.filter((o) => o.shortQty > 0);
    const sub = j.orders.filter((o) => o.subcontractedQty > 0);
    const overtime = Math.round(j.load.reduce((a, l) => a + l.overtimeHours, 0) * 10) / 10;
    const buyItems = new Set(j.purchaseSuggestions.map((p) => p.item)).size;
    const s = result.stats!;
    ctx.stdout(
      zh
        ? `共 ${j.orders.length} 个订单：${j.orders.length - late.length - short.length} 个按期，${late.length} 个延期，${short.length} 个欠交，${sub.length} 个委外；加班 ${overtime} 小时；${buyItems} 种物料需采购（${s.solver}，${s.variables} 个变量，${s.constraints} 个约束，${s.seconds.toFixed(2)} 秒）`
        : `${j.orders.length} orders: ${j.orders.length - late.length - short.length} on time, ${late.length} late, ${short.length} short, ${sub.length} subcontracted; ${overtime} h overtime; purchases suggested for ${buyItems} items (${s.solver}, ${s.variables} variables, ${s.constraints} constraints, ${s.seconds.toFixed(2)} s)`,
    );
    for (const o of [...late, ...short.filter((o) => !late.includes(o))])
      ctx.stdout(
        zh
          ? `  ${o.orderId}  ${o.finishDate ?? '—'}  ${o.shortQty > 0 ? `欠交 ${o.shortQty}` : `延期 ${o.daysLate} 天`}：${o.lateBecause ?? ''}`
          : `  ${o.orderId}  ${o.finishDate ?? '—'}  ${o.shortQty > 0 ? `${o.shortQty} short` : `${o.daysLate} days late`}: ${o.lateBecause ?? ''}`,
      );
    printChanges(result.json, ctx);
    const names = result.sheets.map((x) => x.name);
    ctx.stdout(zh ? `结果已写入 ${out}（${names.map((n) => SHEET_ZH[n] ?? n).join('、')}工作表）` : `wrote ${out} (sheets ${names.join(', ')})`);
    return EXIT.ok;
  },
};
