// mto-planner plan <book.xlsx> [--out result.xlsx] [--json] [--export-lp f.lp]
//   [--solver auto|highs|jslp|glpk|cbc] [--include-drafts] [--time-limit s] [--phasing n]
//   [--compare earlier-plan.xlsx | --compare-run id] [--run-out] [--cold-start]
// Plans every open order against capacity and material and writes Plan, Load, Materials and
// Exceptions sheets into the book (or --out), through a temp file, only when the plan succeeded.
import { runPlan, writeLpFile } from '../jobs/plan';
import { SOLVER_NAMES, type SolverName } from '../../shared/answers';
import { preloadHighs } from '../solvers/highs';
import { days } from '../../shared/plural';
import { alignTable } from './table';
import { EXIT, type Command } from './types';
import { checkOutputFolders, loadPlant, plannedResultPath, resultPath, reportWritten, saveResults } from './workbook-io';
import { earlierFromFile, earlierFromRun } from './earlier-plan';
import { printChanges } from './print-changes';

export const plan: Command = {
  name: 'plan',
  usage: 'plan <book.xlsx> [--out result.xlsx] [--json] [--export-lp f.lp] [--solver auto|highs|jslp|glpk|cbc] [--include-drafts] [--time-limit s] [--phasing n] [--compare earlier-plan.xlsx | --compare-run id] [--run-out] [--cold-start] [--no-schedule]',
  summary: 'plan open orders against capacity and material; write Plan, Load, Materials, Exceptions, Schedule, Dispatch and Gantt sheets (to <book>-plan.xlsx)',
  summaryZh: '按产能与物料排产未完成订单，写入计划、负荷、物料、异常工作表（<工作簿>-plan.xlsx）',
  options: {
    out: { type: 'string', arg: 'result.xlsx', en: 'write the book with the result sheets here (default: <book>-plan.xlsx beside the book; none with --json)', zh: '结果工作簿写到此处（默认：工作簿旁的 <工作簿>-plan.xlsx；--json 时不写）' },
    'export-lp': { type: 'string', arg: 'f.lp', en: 'also write the plan model as a CPLEX-LP file (for glpsol, CBC or a reader)', zh: '同时把计划模型写成 CPLEX-LP 文件（供 glpsol、CBC 或人工查看）' },
    solver: { type: 'string', arg: 'auto|highs|jslp|glpk|cbc', en: 'the LP solver (default auto: javascript-lp-solver for tiny plans, HiGHS otherwise)', zh: 'LP 求解器（默认 auto：极小计划用 javascript-lp-solver，其余用 HiGHS）' },
    'include-drafts': { type: 'boolean', en: 'plan Draft orders too (what-if)', zh: '同时排产草稿订单（模拟）' },
    'time-limit': { type: 'string', arg: 'seconds', en: 'stop the solver after this many seconds (default 120)', zh: '求解时限，秒（默认 120）' },
    phasing: { type: 'string', arg: 'n', en: 'time-phased buckets: n buckets of BucketDays, then buckets twice as long (a smaller model)', zh: '分段时段：前 n 个时段为 BucketDays 天，其后加倍（模型更小）' },
    compare: { type: 'string', arg: 'earlier-plan.xlsx', en: 'compare with the result workbook of an earlier plan (adds a Changes sheet)', zh: '与早先排产的结果工作簿比较（增加变更工作表）' },
    'compare-run': { type: 'string', arg: 'id', en: "compare with a plan run stored in the service's run history (MTO_DB)", zh: '与服务运行记录（MTO_DB）中的一次排产比较' },
    'run-out': { type: 'boolean', en: 'add the RunOut sheet: when dated BOM changes use up the old part', zh: '增加自然切换工作表：BOM 换版时旧料何时用完' },
    'cold-start': { type: 'boolean', en: 'what-if: plan each scenario from scratch, not from where the plan before ended (the same plan, slower)', zh: '模拟：每个方案从头求解，而不是从上一方案的结果开始（结果相同，更慢）' },
    'warm-start': { type: 'boolean', en: 'what-if: start each scenario from where the plan before ended (the default)', zh: '模拟：每个方案从上一方案的结果开始求解（默认）' },
    'no-schedule': { type: 'boolean', en: 'the weekly allocation only: no day-by-day schedule, finish dates at bucket ends (faster)', zh: '仅按周分配：不做逐日排程，完工日期取时段末（更快）' },
  },
  async run(ctx) {
    const zh = ctx.lang === 'zh';
    const solverText = (ctx.values.solver as string | undefined) ?? 'auto';
    const solver = SOLVER_NAMES.find((s): s is SolverName => s === solverText);
    if (!solver) {
      ctx.stderr(zh ? `--solver 应为 ${SOLVER_NAMES.join('、')} 之一` : `--solver must be one of ${SOLVER_NAMES.join(', ')}`);
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
    const folders = ctx.args[0] === undefined ? undefined : checkOutputFolders([plannedResultPath(ctx.args[0], 'plan', ctx), ctx.values['export-lp'] as string | undefined], ctx);
    if (folders !== undefined) return folders;
    if (solver === 'auto' || solver === 'highs') preloadHighs(); // compiles while the workbook is read
    const exportLp = ctx.values['export-lp'] as string | undefined;
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
      solver,
      timeLimitSeconds,
      includeDrafts: Boolean(ctx.values['include-drafts']),
      phasing,
      onProgress: ctx.progress,
      compareWith,
      compareRunId: compareRun === undefined ? undefined : Number(compareRun),
      runOut: Boolean(ctx.values['run-out']),
      ...(ctx.values['cold-start'] ? { warmStart: false } : {}),
      ...(ctx.values['no-schedule'] ? { schedule: false } : {}),
    }, exportLp === undefined ? undefined : writeLpFile(exportLp));
    const out = resultPath(ctx.args[0], 'plan', ctx, loaded.wb);
    if (out) await saveResults(loaded.wb, result.sheets, out, ctx);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(result.json, null, 2));
      return EXIT.ok;
    }
    const j = result.json;
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
    // One row per late or short order, id and finish aligned, then how late or short and why.
    const rows = [...late, ...short.filter((o) => !late.includes(o))].map((o) => [
      `  ${o.orderId}`,
      o.finishDate ?? '—',
      o.shortQty > 0
        ? zh ? `欠交 ${o.shortQty}：${o.lateBecause ?? ''}` : `${o.shortQty} short: ${o.lateBecause ?? ''}`
        : zh ? `延期 ${o.daysLate} 天：${o.lateBecause ?? ''}` : `${days(o.daysLate ?? 0)} late: ${o.lateBecause ?? ''}`,
    ]);
    for (const line of alignTable(rows, 3)) ctx.stdout(line);
    printChanges(result.json, ctx);
    if (out) reportWritten(out, result.sheets, ctx);
    return EXIT.ok;
  },
};
