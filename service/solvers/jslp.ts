// Backend on javascript-lp-solver: pure JavaScript, no WebAssembly or child process. Its dense
// tableau slows steeply with size, so it is meant for tiny models (see ./index.ts). It lives in
// service/ because it patches the library and reads the clock.
//
// Time limits: the library's own `options.timeout` is checked only between branch-and-cut nodes,
// and when it fires it returns the last relaxation, fractional yet marked feasible. Our LPs have
// no integer columns, so the simplex itself would run unbounded in time: we also check a deadline
// at every pivot (a wrapper on the exported Tableau's pivot; a pivot updates the whole dense
// tableau, so reading the clock there costs nothing) and stop the solve there. Either way
// the status is 'timeLimit', never 'optimal', and any point returned is checked with maxViolation.
import solver from 'javascript-lp-solver';
import { checkedSolution } from '../../shared/lp/check';
import type { LpModel, LpSolution, SolveOptions, SolverBackend } from '../../shared/lp/model';

type JslpBound = { min?: number; max?: number; equal?: number };
type JslpModel = {
  optimize: string;
  opType: 'min';
  constraints: Record<string, JslpBound>;
  variables: Record<string, Record<string, number>>;
  options: { timeout?: number };
};

/**
 * The JSON model the library reads. Keys are positional (c0…, r0…, u0…) rather than our names,
 * so no column can collide with a row, a bound, the objective or a result flag ("feasible").
 */
export function toJslpModel(m: LpModel, timeoutMs?: number): JslpModel {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, JslpBound> = {};
  const n = m.colCost.length;
  const cols: Record<string, number>[] = new Array(n);
  for (let j = 0; j < n; j++) {
    cols[j] = { cost: m.colCost[j] };
    variables[`c${j}`] = cols[j];
    if (Number.isFinite(m.colUpper[j])) {
      constraints[`u${j}`] = { max: m.colUpper[j] };
      cols[j][`u${j}`] = 1;
    }
  }
  for (let i = 0; i < m.rowLower.length; i++) {
    const lo = m.rowLower[i];
    const up = m.rowUpper[i];
    if (lo === -Infinity && up === Infinity) continue; // a free row constrains nothing
    const key = `r${i}`;
    constraints[key] = lo === up ? { equal: lo } : { ...(lo > -Infinity ? { min: lo } : {}), ...(up < Infinity ? { max: up } : {}) };
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) cols[m.rowIndex[k]][key] = m.rowValue[k];
  }
  return { optimize: 'cost', opType: 'min', constraints, variables, options: timeoutMs ? { timeout: timeoutMs } : {} };
}

/** An empty row (no coefficients) the library would silently drop, but whose bounds exclude 0. */
function emptyRowInfeasible(m: LpModel): string | undefined {
  for (let i = 0; i < m.rowLower.length; i++) {
    if (m.rowStart[i] === m.rowStart[i + 1] && (m.rowLower[i] > 0 || m.rowUpper[i] < 0)) return m.rowNames[i];
  }
  return undefined;
}

class DeadlinePassed extends Error {}
let deadline = Infinity; // ms on performance.now()'s clock; Infinity outside our solves
let deadlineHooked = false;

/** Wraps the library's pivot once so a running simplex can be stopped at `deadline`. */
function hookDeadline(): void {
  if (deadlineHooked) return;
  deadlineHooked = true;
  const proto = (solver as unknown as { Tableau?: { prototype: { pivot?: (r: number, c: number) => void } } }).Tableau?.prototype;
  const pivot = proto?.pivot;
  if (!proto || typeof pivot !== 'function') return; // library changed shape: fall back to its own timeout
  proto.pivot = function (this: unknown, r: number, c: number) {
    if (performance.now() > deadline) throw new DeadlinePassed();
    pivot.call(this, r, c);
  };
}

type JslpResult = { feasible: boolean; result: number; bounded?: boolean; [key: string]: number | boolean | undefined };

export function solveJslp(m: LpModel, opts: SolveOptions): LpSolution {
  const name = 'jslp';
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const values = new Float64Array(m.colCost.length);
  const empty = emptyRowInfeasible(m);
  if (empty !== undefined) return checkedSolution(m, 'infeasible', values, name, seconds(), `row ${empty} has no coefficients and excludes 0`);

  const limitMs = Math.max(1, opts.timeLimitSeconds * 1000);
  hookDeadline();
  let r: JslpResult;
  try {
    deadline = start + limitMs;
    r = solver.Solve(toJslpModel(m, limitMs)) as JslpResult;
  } catch (e) {
    if (e instanceof DeadlinePassed) {
      return checkedSolution(m, 'timeLimit', values, name, seconds(), `stopped at the ${opts.timeLimitSeconds} s time limit`);
    }
    return checkedSolution(m, 'error', values, name, seconds(), `javascript-lp-solver failed: ${(e as Error).message}`);
  } finally {
    deadline = Infinity;
    (solver as unknown as { lastSolvedModel: unknown }).lastSolvedModel = null; // let the tableau be collected
  }
  for (let j = 0; j < values.length; j++) {
    const v = r[`c${j}`];
    if (typeof v === 'number') values[j] = v;
  }
  // Flags first: infeasible and unbounded results still carry a (meaningless) point.
  if (!r.feasible) return checkedSolution(m, 'infeasible', values, name, seconds());
  if (r.bounded === false) return checkedSolution(m, 'unbounded', values, name, seconds());
  // Past the limit its "feasible" answer may be the relaxation its timeout left behind.
  if (seconds() * 1000 >= limitMs) return checkedSolution(m, 'timeLimit', values, name, seconds(), `stopped at the ${opts.timeLimitSeconds} s time limit`);
  return checkedSolution(m, 'optimal', values, name, seconds());
}

export const jslpBackend: SolverBackend = {
  name: 'jslp',
  solve: async (m, opts) => solveJslp(m, opts),
};
