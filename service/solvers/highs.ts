// HiGHS (npm `highs`, MIT, WebAssembly) through its persistent typed-array API: our CSR arrays go
// in as they are, with no LP text to write and parse. The module is loaded once per process and
// warmed up (warmHighs(), at service start: a first solve is otherwise several times slower),
// every model is disposed after its solve (Wasm memory is not garbage-collected), and a solve
// blocks its thread, so the service runs it in a worker.
import loadHighs, { type Highs, type ModelStatusCode } from 'highs';
import { checkedSolution } from '../../shared/lp/check';
import { capacityLp } from './capacity-lp';
import type { ColumnBatch, IncrementalLp, LpModel, LpSolution, LpStatus, MasterSolution, SolveOptions, SolverBackend } from '../../shared/lp/model';

/** 'ipm' = interior point then crossover to a vertex; 'simplex' = HiGHS's dual simplex. */
export type HighsMethod = 'ipm' | 'simplex';

/**
 * Default method. Measured on generated capacity LPs of 1000 orders × 20 work centers × 26
 * buckets, 1–3 operations each: interior point won when operations are linked through WIP
 * balance rows (4 nonzeros each: 8.9 s against 15.5 s), simplex when linked by cumulative flow
 * rows as capacity-lp.ts writes them (O(buckets²) nonzeros: 9.3 s against 14.8 s) and on every
 * model under ~10,000 columns. Pick by measuring the planner's own models.
 */
export const DEFAULT_HIGHS_METHOD: HighsMethod = 'ipm';

let loading: Promise<Highs> | undefined;
const highsModule = (): Promise<Highs> =>
  (loading ??= loadHighs().catch((e: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw e;
  }));

/** Starts loading (and compiling) the module without waiting: the CLI does this before it reads the workbook. */
export const preloadHighs = (): void => void highsModule().catch(() => undefined);

/** Size of the module's Wasm memory: it only grows, so a leak of undisposed models shows here. */
export const highsMemoryBytes = async (): Promise<number> => (await highsModule()).memoryBytes;

/**
 * Loads the module and solves a small capacity LP (~1,500 columns, two-operation routings) with
 * each method. Compiling the .wasm takes little; what makes a first solve several times slower
 * than the next is V8 optimising HiGHS's hot functions, and only an LP of the planner's shape
 * makes it optimise the ones a plan uses (measured on a 6,500-column plan: its first solve in a
 * fresh process took 4–10× its later ones, still almost 4× after a 2-column warm-up, and
 * 1.1–1.3× after this one).
 */
export async function warmHighs(): Promise<void> {
  const m = capacityLp(3, 60, 4, 20, 2);
  await solveHighs(m, { timeLimitSeconds: 30 }, 'ipm');
  await solveHighs(m, { timeLimitSeconds: 30 }, 'simplex');
  await warmIncremental(m);
}

/** The column-generation path too: half the columns, a dual solve, the rest added, a primal re-solve. */
async function warmIncremental(m: LpModel): Promise<void> {
  const n = m.colCost.length;
  const half = n >> 1;
  const keep = (from: number, to: number) => {
    const rowStart = [0];
    const rowIndex: number[] = [];
    const rowValue: number[] = [];
    const cols: { index: number[]; value: number[] }[] = Array.from({ length: to - from }, () => ({ index: [], value: [] }));
    for (let i = 0; i < m.rowLower.length; i++) {
      for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) {
        const j = m.rowIndex[k];
        if (j < from || j >= to) continue;
        rowIndex.push(j - from), rowValue.push(m.rowValue[k]);
        cols[j - from].index.push(i), cols[j - from].value.push(m.rowValue[k]);
      }
      rowStart.push(rowIndex.length);
    }
    return { rowStart, rowIndex, rowValue, cols };
  };
  const a = keep(0, half);
  const inc = await highsIncremental({
    ...m,
    colNames: m.colNames.slice(0, half),
    colCost: m.colCost.slice(0, half),
    colUpper: m.colUpper.slice(0, half),
    rowStart: Int32Array.from(a.rowStart),
    rowIndex: Int32Array.from(a.rowIndex),
    rowValue: Float64Array.from(a.rowValue),
  });
  try {
    inc.solve(30);
    const b = keep(half, n).cols;
    const starts = [0];
    for (const c of b) starts.push(starts[starts.length - 1] + c.index.length);
    inc.addColumns({
      cost: m.colCost.slice(half),
      upper: m.colUpper.slice(half),
      starts: Int32Array.from(starts),
      index: Int32Array.from(b.flatMap((c) => c.index)),
      value: Float64Array.from(b.flatMap((c) => c.value)),
    });
    inc.solve(30, true);
  } finally {
    inc.dispose();
  }
}

function statusOf(highs: Highs, code: ModelStatusCode): LpStatus {
  const s = highs.constants.modelStatus;
  switch (code) {
    case s.optimal:
    case s.empty: // no rows and no columns: nothing to choose, objective 0
      return 'optimal';
    case s.infeasible:
      return 'infeasible';
    case s.unbounded:
      return 'unbounded';
    case s.timeLimit:
    case s.iterationLimit:
    case s.interrupted:
      return 'timeLimit';
    default:
      return 'error';
  }
}

/** presolve: false skips HiGHS's presolve (it cost more than it saved on whole plan LPs: 300 × 10 × 26 dual simplex 1.5 s without, 3.2 s with) */
export interface HighsTuning {
  presolve?: boolean;
}

export async function solveHighs(m: LpModel, opts: SolveOptions, method: HighsMethod = DEFAULT_HIGHS_METHOD, tuning: HighsTuning = {}): Promise<LpSolution> {
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const solver = `highs-${method}`;
  const numCols = m.colCost.length;
  const numRows = m.rowLower.length;
  const limit = Math.max(0.001, opts.timeLimitSeconds);
  let model: ReturnType<Highs['createModel']> | undefined;
  try {
    const highs = await highsModule();
    model = createHighsModel(highs, m);
    model.options.set({
      output_flag: false,
      solver: method,
      ...(method === 'ipm' ? { run_crossover: 'on' } : {}),
      ...(tuning.presolve === false ? { presolve: 'off' } : {}),
      time_limit: limit,
    });
    // The raw run returns HiGHS's call status instead of throwing on error: the model status
    // read next is what says how the solve ended.
    model.raw.run();
    let code = model.getModelStatus();
    if (code === highs.constants.modelStatus.unboundedOrInfeasible) {
      // Presolve can tell only that one of the two holds; without it the simplex says which.
      model.options.set({ presolve: 'off', solver: 'simplex' });
      model.clearSolver();
      model.raw.run();
      code = model.getModelStatus();
    }
    // A limit that expires inside presolve surfaces as a solve error: it is still the time limit.
    let status = statusOf(highs, code);
    if (status === 'error' && model.getRunTime() >= limit) status = 'timeLimit';
    // A time-limited run may or may not hold a feasible point (primal_solution_status 2 = feasible).
    const hasPoint = status === 'optimal' || (status === 'timeLimit' && model.info.get('primal_solution_status') === 2);
    const values = hasPoint ? model.getSolution().colValue : new Float64Array(numCols);
    const message = status === 'error' ? `HiGHS model status ${code}` : status === 'timeLimit' ? `stopped at the ${opts.timeLimitSeconds} s time limit` : undefined;
    return checkedSolution(m, status, values, solver, seconds(), message);
  } catch (e) {
    return checkedSolution(m, 'error', new Float64Array(numCols), solver, seconds(), `HiGHS failed: ${(e as Error).message}`);
  } finally {
    model?.dispose();
  }
}

export const highsBackend = (method: HighsMethod = DEFAULT_HIGHS_METHOD, tuning: HighsTuning = {}): SolverBackend => ({
  name: 'highs',
  solve: (m, opts) => solveHighs(m, opts, method, tuning),
  incremental: (m) => highsIncremental(m),
});

/** Hand the CSR arrays to HiGHS as they are (no LP text); lower bounds are all 0. */
function createHighsModel(highs: Highs, m: LpModel) {
  const numCols = m.colCost.length;
  const numRows = m.rowLower.length;
  return highs.createModel({
    numCols,
    numRows,
    colCost: m.colCost,
    colLower: new Float64Array(numCols),
    colUpper: m.colUpper,
    rowLower: m.rowLower,
    rowUpper: m.rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts: m.rowStart, indices: m.rowIndex, values: m.rowValue },
  });
}

/**
 * Reduced-cost tolerance of a column-generation master (HiGHS's default is 1e-7): the plan's
 * tie-break (shared/plan/tie-break.ts) tells plans apart by a few millionths per unit, which the
 * master must see for every start to end at the same plan. Measured on generated plants
 * (40–300 orders, five kinds of change): at 1e-7 a what-if started from its baseline ended at
 * another plan than a plan from scratch in some; at 1e-9 in none.
 */
const MASTER_DUAL_TOLERANCE = 1e-9;

/**
 * A HiGHS model kept between solves for column generation: each solve after addColumns starts
 * from the previous basis (new columns enter nonbasic at 0), with the dual or the primal simplex
 * as asked and no presolve (presolve would discard the basis). Dispose when done.
 */
export async function highsIncremental(m: LpModel): Promise<IncrementalLp> {
  const highs = await highsModule();
  const numCols = m.colCost.length;
  const numRows = m.rowLower.length;
  const model = createHighsModel(highs, m);
  model.options.set({ output_flag: false, solver: 'simplex', presolve: 'off', dual_feasibility_tolerance: MASTER_DUAL_TOLERANCE });
  let cols = numCols;
  // HiGHS's time limit counts every run() of a model kept between solves, so each solve's limit
  // is the time already spent in run() plus what this solve may take (without this, column
  // generation on 3000 × 30 × 52 stopped "at its time limit" after half of it, on a loaded machine).
  let spent = 0;
  return {
    addColumns(b: ColumnBatch) {
      const count = b.cost.length;
      if (count === 0) return;
      model.addCols({ cost: b.cost, lower: new Float64Array(count), upper: b.upper, matrix: { format: 'csc', numRows, numCols: count, starts: b.starts, indices: b.index, values: b.value } });
      cols += count;
    },
    deleteColumns(index: Int32Array) {
      if (index.length === 0) return;
      model.deleteCols({ kind: 'set', indices: index });
      cols -= index.length;
    },
    setColumns(index: Int32Array, cost: Float64Array, upper: Float64Array) {
      if (index.length === 0) return;
      model.changeColsCost({ kind: 'set', indices: index }, cost);
      model.changeColsBounds({ kind: 'set', indices: index }, new Float64Array(index.length), upper);
    },
    setRows(index: Int32Array, lower: Float64Array, upper: Float64Array) {
      if (index.length === 0) return;
      model.changeRowsBounds({ kind: 'set', indices: index }, lower, upper);
    },
    solve(timeLimitSeconds: number, primal = false): MasterSolution {
      model.options.set({ time_limit: spent + Math.max(0.001, timeLimitSeconds), simplex_strategy: primal ? 4 : 1 });
      const t0 = performance.now();
      model.raw.run();
      spent += (performance.now() - t0) / 1000;
      const status = statusOf(highs, model.getModelStatus());
      const iterations = Number(model.info.get('simplex_iteration_count')) || 0;
      if (status !== 'optimal') return { status, objective: NaN, colValue: new Float64Array(cols), rowDual: new Float64Array(numRows), iterations, message: `HiGHS model status ${model.getModelStatus()}` };
      const sol = model.getSolution();
      return { status, objective: model.getObjectiveValue(), colValue: sol.colValue, rowDual: sol.rowDual, iterations };
    },
    basis() {
      try {
        const b = model.getBasis();
        return { cols: b.colStatus, rows: b.rowStatus };
      } catch {
        return undefined; // none to give (the model changed since its last solve): the next plan starts cold
      }
    },
    setBasis(colStatus: Int32Array, rowStatus: Int32Array) {
      try {
        model.setBasis({ colStatus, rowStatus });
        return true;
      } catch {
        return false; // an inconsistent basis: the solve starts from the logical one
      }
    },
    dispose: () => model.dispose(),
  };
}
