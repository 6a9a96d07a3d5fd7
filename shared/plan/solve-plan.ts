// The whole plan job over a plant, with the solver backend passed in: build the LP, solve it,
// read the plan back, describe the result sheets. Pure apart from the backend and the clock, both
// passed in: the service's jobs (HiGHS, javascript-lp-solver, glpsol, CBC) and the bench run it.
// The task pane does not solve; it sends the workbook to the service.
import { checkedSolution } from '../lp/check';
import { TooManyColumnsError, type Clock, type LpModel, type LpSolution, type SolverBackend } from '../lp/model';
import { SolveError, type Lang } from '../problems';
import type { Plant } from '../domain';
import type { PlanAnswer } from '../answers';
import type { ResultSheet } from '../results';
import type { Phasing } from './buckets';
import { buildPlanModel, type PlanModel } from './build-model';
import { solveByColumns, type WarmStart } from './decompose';
import { unitsPartWay } from '../actuals/remaining';
import { extractPlan, type PlanResult } from './extract';
import { planSheets } from './sheets';
import { applySchedule, schedulePlan, type Schedule } from '../schedule/schedule';
import { scheduleJson, scheduleSheets, wholeQuantityFormats } from '../schedule/sheets';

/** Models above this many variables are refused before solving (memory, and minutes of solve). */
export const PLAN_MAX_VARIABLES = 2_000_000;
export const DEFAULT_TIME_LIMIT_SECONDS = 120;

export interface SolvePlanOptions {
  lang: Lang;
  includeDrafts?: boolean;
  /** time-phased buckets (fine first, coarser later); default: every bucket BucketDays long */
  phasing?: Phasing;
  timeLimitSeconds?: number;
  /**
   * false: the weekly allocation only, finish dates at bucket ends (tests whose hand arithmetic is
   * in buckets); default: the day-by-day schedule gives the real days and whole pieces.
   */
  schedule?: boolean;
  /** the clock that measures the solve and its time limit (shared/ reads none itself) */
  clock: Clock;
  /**
   * The backend for this model (the service picks by size unless --solver names one). A backend
   * that offers `incremental` solves the plan by column generation (decompose.ts), unless wholeLp.
   */
  backend: (model: LpModel) => SolverBackend;
  /** hand the whole LP to the backend even when it could solve it by column generation (for comparison) */
  wholeLp?: boolean;
  /** called with the built model before solving (e.g. to write --export-lp) */
  onModel?: (model: LpModel) => void | Promise<void>;
  onProgress?: (message: string) => void;
  maxVariables?: number;
  /** column generation starts from these prices and schedules (a what-if's baseline); the optimum is the same */
  warm?: WarmStart;
}

export interface PlanStats {
  solver: string;
  seconds: number;
  variables: number;
  constraints: number;
}

export interface PlanOutcome {
  json: PlanAnswer;
  sheets: ResultSheet[];
  stats: PlanStats;
  /** the LP's allocation read in buckets (finish = the last day of the bucket the last unit is done in) */
  result: PlanResult;
  /** column generation's final prices and schedules, to warm-start a plan of a changed plant */
  warm?: WarmStart;
  /** what planners read: the allocation with the schedule's real days and whole pieces (json and sheets) */
  scheduled?: PlanResult;
  /** the finite schedule inside the buckets (none when there was nothing to solve) */
  schedule?: Schedule;
}

const pick = (lang: Lang, t: { en: string; zh: string }) => (lang === 'zh' ? t.zh : t.en);

/** The --json / API body of the plan job, with dates as ISO days and text in the chosen language. */
export function planJson(r: PlanResult, lang: Lang, status: PlanAnswer['status'], objective: number, stats: PlanStats, message?: string): PlanAnswer {
  return {
    status,
    ...(message ? { message } : {}),
    objective,
    solver: { name: stats.solver, seconds: stats.seconds, variables: stats.variables, constraints: stats.constraints },
    orders: r.orders.map((o) => ({
      orderId: o.orderId,
      item: o.item,
      quantity: o.quantity,
      fromStock: o.fromStock,
      dueDate: o.dueDate,
      finishDate: o.finishDate,
      daysLate: o.daysLate,
      subcontractedQty: o.subcontractedQty,
      shortQty: o.shortQty,
      lateBecause: o.lateBecause ? pick(lang, o.lateBecause) : null,
      ...(o.alternatesUsed ? { alternatesUsed: pick(lang, o.alternatesUsed) } : {}),
      ...(o.leftover ? { leftover: pick(lang, o.leftover) } : {}),
      ...(o.alternateCenters ? { alternateCenters: pick(lang, o.alternateCenters) } : {}),
    })),
    load: r.load,
    materials: r.materials,
    purchaseSuggestions: r.purchaseSuggestions,
    exceptions: r.exceptions.map((e) => ({ type: e.type, severity: e.severity, subject: e.subject, date: e.date, message: pick(lang, e.message) })),
  };
}

export async function solvePlan(plant: Plant, opts: SolvePlanOptions): Promise<PlanOutcome> {
  const zh = opts.lang === 'zh';
  opts.onProgress?.(zh ? '建立计划模型…' : 'building the plan model…');
  const max = opts.maxVariables ?? PLAN_MAX_VARIABLES;
  const tooLarge = () =>
    new SolveError(
      `the plan has more than ${max} variables, the limit: plan fewer orders, fewer HorizonBuckets, longer BucketDays or time-phased buckets (--phasing)`,
      `计划模型变量超过上限 ${max} 个：请减少订单、减少计划时段数、加长时段天数或使用分段时段（--phasing）`,
      'tooLarge',
    );
  // The builder stops at the limit, so a plan too large is refused before its whole model is built
  // (10,000 orders × 50 work centers × 52 weeks: 3.3 million columns, half a minute and 1 GB to build).
  let pm: PlanModel;
  try {
    pm = buildPlanModel(plant, { includeDrafts: opts.includeDrafts, phasing: opts.phasing, maxColumns: max + 1 });
  } catch (e) {
    if (e instanceof TooManyColumnsError) throw tooLarge();
    throw e;
  }
  const lp = pm.lp;
  const variables = lp.colCost.length;
  const constraints = lp.rowLower.length;
  if (variables > max) throw tooLarge();
  await opts.onModel?.(lp);

  if (pm.orders.length === 0 || variables === 0) {
    // Nothing to optimise: report what there is (orders that cannot start, capacity) without a solver.
    const result = extractPlan(pm, new Float64Array(variables));
    const stats = { solver: 'none', seconds: 0, variables, constraints };
    const empty = pm.orders.length === 0;
    const message = empty
      ? zh
        ? `没有可排产的订单（状态为已审批或生产中${opts.includeDrafts ? '或草稿' : ''}、且在计划期内的订单）`
        : `no orders to plan: none is Approved or InProduction${opts.includeDrafts ? ' or Draft' : ''} within the plan horizon`
      : undefined;
    return { json: planJson(result, opts.lang, empty ? 'empty' : 'optimal', 0, stats, message), sheets: planSheets(result, opts.lang), stats, result };
  }

  const backend = opts.backend(lp);
  const limit = opts.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  opts.onProgress?.(zh ? `求解中（${backend.name}，${variables} 个变量）…` : `solving with ${backend.name} (${variables} variables)…`);
  const { sol, warm } = await solveWith(pm, backend, limit, opts.clock, opts.wholeLp, opts.warm);
  const stats: PlanStats = { solver: sol.solver, seconds: sol.seconds, variables, constraints };
  const detail = sol.message ? ` (${sol.message})` : '';
  switch (sol.status) {
    case 'optimal':
      break;
    case 'timeLimit':
      throw new SolveError(
        `no optimal plan within the ${limit} s time limit (${sol.solver}, ${variables} variables): raise --time-limit or use --solver highs${detail}`,
        `在 ${limit} 秒时限内未求得最优计划（${sol.solver}，${variables} 个变量）：请放宽时限或改用 highs 求解器${detail}`,
        'timeLimit',
      );
    case 'infeasible':
    case 'unbounded':
      // Every order may be left short, so the model always has a plan; reaching here is a bug.
      throw new SolveError(
        `the solver (${sol.solver}) found the plan model ${sol.status}, which should not happen: export it with --export-lp and report it${detail}`,
        `求解器（${sol.solver}）判定计划模型${sol.status === 'infeasible' ? '不可行' : '无界'}，这不应发生：请用 --export-lp 导出模型并反馈${detail}`,
        sol.status,
      );
    default:
      throw new SolveError(`the solver (${sol.solver}) failed${detail}`, `求解器（${sol.solver}）出错${detail}`, 'error');
  }
  opts.onProgress?.(zh ? '整理计划结果…' : 'reading the plan…');
  const values = onGrid(sol.values);
  const result = extractPlan(pm, values);
  if (opts.schedule === false) return { json: planJson(result, opts.lang, 'optimal', sol.objective, stats), sheets: planSheets(result, opts.lang), stats, result, warm };
  // Whole units and real days: the schedule inside the buckets corrects the plan's dates.
  opts.onProgress?.(zh ? '逐日排程…' : 'scheduling day by day…');
  const schedule = schedulePlan(plant, pm, values, sol.objective);
  const scheduled = applySchedule(plant, result, schedule);
  return {
    json: { ...planJson(scheduled, opts.lang, 'optimal', sol.objective, stats), ...scheduleJson(schedule, sol.objective) },
    sheets: [...wholeQuantityFormats(planSheets(scheduled, opts.lang)), ...scheduleSheets(schedule, opts.lang)],
    stats,
    result,
    scheduled,
    schedule,
    warm,
  };
}

/**
 * The solver's values on a grid of 2^-30 (about 1e-9): the same plan reached from another start
 * (a what-if's scenario from its baseline, tie-break.ts) differs from a plan from scratch only in
 * rounding noise far below that, and the day-by-day schedule, which rounds whole pieces and
 * compares hours, must not turn that noise into other days.
 */
function onGrid(values: Float64Array): Float64Array {
  const g = 2 ** 30;
  return values.map((v) => Math.round(v * g) / g);
}

/**
 * Column generation when the backend can keep a model between solves (exact: the same optimum
 * as the whole LP, found in a fraction of the time on plans of hundreds of orders); otherwise, or
 * if it fails to converge, the whole LP.
 */
async function solveWith(pm: PlanModel, backend: SolverBackend, limit: number, clock: Clock, wholeLp = false, warm?: WarmStart): Promise<{ sol: LpSolution; warm?: WarmStart }> {
  // Column generation builds every order from whole schedules through all its operations, so
  // units already part-way (an InProduction order's reported progress) need the whole LP.
  // Alternate components (alternates.ts), order-dedicated material (dedicated.ts) and alternative
  // work centers are columns it does not make either.
  const partWay =
    pm.orders.some((o) => o.remaining && unitsPartWay(o.remaining, o.root)) ||
    pm.substitutions.length > 0 ||
    [...pm.dedicated.values()].some((ps) => ps.some((p) => p.planned)) ||
    pm.orders.some((o) => o.ops.some((v) => v.xw));
  if (!backend.incremental || wholeLp || partWay) return { sol: await backend.solve(pm.lp, { timeLimitSeconds: limit }) };
  const start = clock();
  const seconds = () => (clock() - start) / 1000;
  const cg = await solveByColumns(pm, backend.incremental, { timeLimitSeconds: limit, clock, warm: warm?.prices, carry: warm?.schedules, basis: warm?.basis });
  if (cg.status === 'error' && limit - seconds() > 0) {
    const whole = await backend.solve(pm.lp, { timeLimitSeconds: limit - seconds() });
    return { sol: { ...whole, seconds: seconds(), message: [cg.message, whole.message].filter(Boolean).join('; ') || undefined } };
  }
  // The point is checked against the whole model like any backend's.
  return { sol: checkedSolution(pm.lp, cg.status, cg.values, `${backend.name}-columns`, seconds(), cg.message), warm: cg.prices && { prices: cg.prices, schedules: cg.schedules, basis: cg.basis } };
}
