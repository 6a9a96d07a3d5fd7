// Every backend checks the point it hands back: a solver that says "optimal" about a point that
// breaks a row (a time-limited javascript-lp-solver run, a truncated solution file) must not reach
// the planner as a plan.
import { maxViolation, objectiveOf, type LpModel, type LpSolution, type LpStatus } from './model';

/** Feasibility tolerance for a model: 1e-6 relative to its largest finite bound (at least 1e-6). */
export function violationTolerance(m: LpModel): number {
  let big = 0;
  for (let j = 0; j < m.colUpper.length; j++) if (Number.isFinite(m.colUpper[j])) big = Math.max(big, Math.abs(m.colUpper[j]));
  for (let i = 0; i < m.rowLower.length; i++) {
    if (Number.isFinite(m.rowLower[i])) big = Math.max(big, Math.abs(m.rowLower[i]));
    if (Number.isFinite(m.rowUpper[i])) big = Math.max(big, Math.abs(m.rowUpper[i]));
  }
  return 1e-6 * (1 + big);
}

/** |a − b| / max(1, |a|, |b|): the gap the backends must agree within. */
export const relativeGap = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Builds the LpSolution a backend returns. A point claimed optimal or time-limited is checked
 * with maxViolation; an optimal claim whose point breaks the model becomes status 'error'.
 * The objective is recomputed from the values so every backend reports it the same way.
 */
export function checkedSolution(
  m: LpModel,
  status: LpStatus,
  values: Float64Array,
  solver: string,
  seconds: number,
  message?: string,
): LpSolution {
  const hasPoint = status === 'optimal' || status === 'timeLimit';
  if (!hasPoint) return { status, objective: NaN, values, solver, seconds, ...(message ? { message } : {}) };
  const violation = maxViolation(m, values);
  const tol = violationTolerance(m);
  if (violation > tol) {
    if (status === 'timeLimit') {
      return { status, objective: NaN, values, solver, seconds, message: (message ? message + '; ' : '') + `no feasible point yet (violation ${violation.toExponential(2)})` };
    }
    return {
      status: 'error',
      objective: NaN,
      values,
      solver,
      seconds,
      message: `${solver} reported optimal but its point violates the model by ${violation.toExponential(3)} (tolerance ${tol.toExponential(1)})`,
    };
  }
  return { status, objective: objectiveOf(m, values), values, solver, seconds, ...(message ? { message } : {}) };
}
