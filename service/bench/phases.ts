// One plan of a generated plant, phase by phase, as the CLI runs it in one process: read the
// .xlsx (SheetJS and validation), build the LP, solve it (column generation on HiGHS), extract the
// plan, schedule it day by day, write the result sheets into the book. Each phase's wall time and
// the process's resident and heap memory after it, for `npm run bench -- --growth`.
import { readBook } from '../xlsx/read-book';
import { resultWorkbook } from '../xlsx/result-book';
import { inputWorkbook } from '../xlsx/write-inputs';
import { xlsxBytes } from '../xlsx/workbook';
import { checkedSolution } from '../../shared/lp/check';
import { TooManyColumnsError } from '../../shared/lp/model';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveByColumns } from '../../shared/plan/decompose';
import { extractPlan } from '../../shared/plan/extract';
import { generatePlant, type PlantShape } from '../../shared/plan/generate-plant';
import { planSheets } from '../../shared/plan/sheets';
import { PLAN_MAX_VARIABLES } from '../../shared/plan/solve-plan';
import { applySchedule, schedulePlan } from '../../shared/schedule/schedule';
import { scheduleJson, scheduleSheets, wholeQuantityFormats } from '../../shared/schedule/sheets';
import { readPlant } from '../../shared/validate';
import { highsIncremental, warmHighs } from '../solvers/highs';

export const PHASES = ['read', 'build', 'solve', 'extract', 'schedule', 'write'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseRun {
  orders: number;
  workCenters: number;
  buckets: number;
  status: 'optimal' | 'tooLarge' | 'overCap' | 'error';
  variables?: number;
  constraints?: number;
  /** seconds per phase reached */
  seconds: Partial<Record<Phase, number>>;
  /**
   * CPU seconds of the process per phase (user + system, every thread: garbage collection and
   * Wasm compilation included): steadier than the wall clock on a machine shared with other work
   */
  cpuSeconds: Partial<Record<Phase, number>>;
  /** resident MB after each phase reached */
  rssMB: Partial<Record<Phase, number>>;
  /** JavaScript heap used, MB, after each phase reached (HiGHS's Wasm memory is outside it) */
  heapMB: Partial<Record<Phase, number>>;
  /** the process's peak resident memory */
  peakMB: number;
  objective?: number;
  /**
   * With `planOnlyWrite`: the result written once more with the plan's sheets alone, unscheduled,
   * as `plan --no-schedule` writes them; `write` less this is what writing the schedule adds
   */
  planOnlyWrite?: { seconds: number; cpuSeconds: number };
  message?: string;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * `planOnlyWrite`: also write the plan's sheets alone (as --no-schedule does), 'first' or 'last'
 * of the two writes: callers alternate it, so neither write always runs on warmer code.
 */
export async function phaseRun(size: { orders: number; workCenters: number; buckets: number }, capSeconds: number, seed: number, shape?: PlantShape, planOnlyWrite?: 'first' | 'last'): Promise<PhaseRun> {
  const p = generatePlant({ ...size, seed, shape });
  const bytes = await xlsxBytes(inputWorkbook(p.settings, p.sheets));
  await warmHighs(); // as the service does at start: the solve phase times the solve, not Wasm compilation
  const run: PhaseRun = { ...size, status: 'error', seconds: {}, cpuSeconds: {}, rssMB: {}, heapMB: {}, peakMB: 0 };
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let t = performance.now();
  let c = cpuNow();
  const done = (phase: Phase) => {
    const now = performance.now();
    run.seconds[phase] = (now - t) / 1000;
    run.cpuSeconds[phase] = cpuNow() - c;
    const m = process.memoryUsage();
    run.rssMB[phase] = mb(m.rss);
    run.heapMB[phase] = mb(m.heapUsed);
    t = performance.now();
    c = cpuNow();
  };
  const finish = (r: PhaseRun) => ({ ...r, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) });

  const book = readBook(bytes);
  const { plant, problems } = readPlant(book.rows, 'plan');
  if (problems.length) return finish({ ...run, message: `generated plant invalid: ${problems[0].message}` });
  done('read');
  // As the plan job builds: stopped at its variable limit, refused as too large.
  let pm: ReturnType<typeof buildPlanModel>;
  try {
    pm = buildPlanModel(plant, { maxColumns: PLAN_MAX_VARIABLES + 1 });
  } catch (e) {
    if (!(e instanceof TooManyColumnsError)) throw e;
    done('build');
    return finish({ ...run, status: 'tooLarge', message: `refused while building: over the plan job's limit of ${PLAN_MAX_VARIABLES.toLocaleString('en-US')} variables` });
  }
  run.variables = pm.lp.colCost.length;
  run.constraints = pm.lp.rowLower.length;
  done('build');
  const t0 = performance.now();
  const cg = await solveByColumns(pm, highsIncremental, { timeLimitSeconds: capSeconds, clock: () => performance.now() });
  const sol = checkedSolution(pm.lp, cg.status, cg.values, 'highs-columns', (performance.now() - t0) / 1000, cg.message);
  done('solve');
  if (sol.status !== 'optimal') return finish({ ...run, status: sol.status === 'timeLimit' ? 'overCap' : 'error', message: sol.message });
  run.objective = sol.objective;
  const result = extractPlan(pm, sol.values);
  done('extract');
  // As the plan job does: the schedule, the plan's dates and pieces from it, its answer and sheets
  // (the plan's own sheets are made in the write phase, as they are without the schedule).
  const schedule = schedulePlan(plant, pm, sol.values, sol.objective);
  const scheduled = applySchedule(plant, result, schedule);
  scheduleJson(schedule, sol.objective);
  const ofSchedule = scheduleSheets(schedule, 'en');
  done('schedule');
  const writePlanOnly = async () => {
    const [t1, c1] = [performance.now(), cpuNow()];
    await resultWorkbook(book, planSheets(result, 'en'), 'en');
    run.planOnlyWrite = { seconds: (performance.now() - t1) / 1000, cpuSeconds: cpuNow() - c1 };
  };
  if (planOnlyWrite === 'first') await writePlanOnly();
  t = performance.now();
  c = cpuNow();
  await resultWorkbook(book, [...wholeQuantityFormats(planSheets(scheduled, 'en')), ...ofSchedule], 'en');
  done('write');
  if (planOnlyWrite === 'last') await writePlanOnly();
  return finish({ ...run, status: 'optimal' });
}
