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

let loading: Promise<Highs> | undefined;
const highsModule = (): Promise<Highs> => (loading ??= loadHighs());

/** Size of the module's Wasm memory: it only grows, so a leak of undisposed models shows here. */
export const highsMemoryBytes = async (): Promise<number> => (await highsModule()).memoryBytes;

/** Loads and compiles the module, then runs one tiny solve with each method so the first plan is not slow. */
export async function warmHighs(): Promise<void> {
  const tiny: LpModel = {
    colNames: ['x', 'y'],
    colCost: Float64Array.of(-1, -2),
    colUpper: Float64Array.of(4, Infinity),
    rowNames: ['r'],
    rowLower: Float64Array.of(-Infinity),
    rowUpper: Float64Array.of(6),
    rowStart: Int32Array.of(0, 2),
    rowIndex: Int32Array.of(0, 1),
    rowValue: Float64Array.of(1, 1),
  };
  await solveHighs(tiny, { timeLimitSeconds: 10 }, 'ipm');
  await solveHighs(tiny, { timeLimitSeconds: 10 }, 'simplex');
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

export async function solveHighs(m: LpModel, opts: SolveOptions, method: HighsMethod = 'ipm'): Promise<LpSolution> {
  const highs = await highsModule();
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const solver = `highs-${method}`;
  const numCols = m.colNames.length;
  const numRows = m.rowNames.length;
  const limit = Math.max(0.001, opts.timeLimitSeconds);
  let model: ReturnType<Highs['createModel']> | undefined;
  try {
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

export const highsBackend = (method: HighsMethod = 'ipm'): SolverBackend => ({
  name: 'highs',
  solve: (m, opts) => solveHighs(m, opts, method),
});
