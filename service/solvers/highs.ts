// HiGHS (npm `highs`, MIT, WebAssembly) through its persistent typed-array API: our CSR arrays go
// in as they are, with no LP text to write and parse. The module is loaded once per process
// (compiling the .wasm is the slow part of a first solve: warmHighs() does it at service start),
// every model is disposed after its solve (Wasm memory is not garbage-collected), and a solve
// blocks its thread, so the service runs it in a worker.
import loadHighs, { type Highs, type ModelStatusCode } from 'highs';
import { checkedSolution } from '../../shared/lp/check';
import type { LpModel, LpSolution, LpStatus, SolveOptions, SolverBackend } from '../../shared/lp/model';

/** 'ipm' = interior point then crossover to a vertex; 'simplex' = HiGHS's dual simplex. */
export type HighsMethod = 'ipm' | 'simplex';

/**
 * Default method. Measured on generated capacity LPs (see the report of issue 8): interior point
 * wins on the sparse formulation at 1000 × 20 × 26 (8.9 s against 15.5 s), simplex on the one
 * with dense cumulative flow rows (9.3 s against 14.8 s) and on small models.
 */
export const DEFAULT_HIGHS_METHOD: HighsMethod = 'ipm';

let loading: Promise<Highs> | undefined;
const highsModule = (): Promise<Highs> =>
  (loading ??= loadHighs().catch((e: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw e;
  }));

/** Size of the module's Wasm memory: it only grows, so a leak of undisposed models shows here. */
export const highsMemoryBytes = async (): Promise<number> => (await highsModule()).memoryBytes;

/**
 * A transportation LP of `n` sources × `n` sinks (n² columns): enough arithmetic for V8 to
 * compile HiGHS's hot functions optimised and for Wasm memory to grow, which a 2-column model
 * does not do.
 */
function warmUpModel(n: number): LpModel {
  const cols = n * n;
  const colCost = new Float64Array(cols);
  for (let k = 0; k < cols; k++) colCost[k] = 1 + ((k * 7919) % 97);
  const rowStart = new Int32Array(2 * n + 1);
  const rowIndex = new Int32Array(2 * cols);
  let nz = 0;
  for (let r = 0; r < 2 * n; r++) {
    // rows 0…n−1: what source r ships (≤ 12); rows n…2n−1: what sink r − n receives (≥ 10)
    for (let k = 0; k < n; k++) rowIndex[nz++] = r < n ? r * n + k : k * n + (r - n);
    rowStart[r + 1] = nz;
  }
  return {
    colNames: Array.from({ length: cols }, (_, k) => `x${k}`),
    colCost,
    colUpper: new Float64Array(cols).fill(Infinity),
    rowNames: Array.from({ length: 2 * n }, (_, i) => `r${i}`),
    rowLower: Float64Array.from({ length: 2 * n }, (_, i) => (i < n ? -Infinity : 10)),
    rowUpper: Float64Array.from({ length: 2 * n }, (_, i) => (i < n ? 12 : Infinity)),
    rowStart,
    rowIndex,
    rowValue: new Float64Array(2 * cols).fill(1),
  };
}

/** Loads the module and solves a small LP with each method, so the first plan runs at full speed. */
export async function warmHighs(): Promise<void> {
  const m = warmUpModel(60);
  await solveHighs(m, { timeLimitSeconds: 10 }, 'ipm');
  await solveHighs(m, { timeLimitSeconds: 10 }, 'simplex');
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

export async function solveHighs(m: LpModel, opts: SolveOptions, method: HighsMethod = DEFAULT_HIGHS_METHOD): Promise<LpSolution> {
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const solver = `highs-${method}`;
  const numCols = m.colNames.length;
  const numRows = m.rowNames.length;
  const limit = Math.max(0.001, opts.timeLimitSeconds);
  let model: ReturnType<Highs['createModel']> | undefined;
  try {
    const highs = await highsModule();
    model = highs.createModel({
      numCols,
      numRows,
      colCost: m.colCost,
      colLower: new Float64Array(numCols),
      colUpper: m.colUpper,
      rowLower: m.rowLower,
      rowUpper: m.rowUpper,
      matrix: { format: 'csr', numRows, numCols, starts: m.rowStart, indices: m.rowIndex, values: m.rowValue },
    });
    model.options.set({
      output_flag: false,
      solver: method,
      ...(method === 'ipm' ? { run_crossover: 'on' } : {}),
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

export const highsBackend = (method: HighsMethod = DEFAULT_HIGHS_METHOD): SolverBackend => ({
  name: 'highs',
  solve: (m, opts) => solveHighs(m, opts, method),
});
