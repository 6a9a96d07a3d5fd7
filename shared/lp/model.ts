// A solver-neutral linear program: minimise cost·x subject to rowLower ≤ A·x ≤ rowUpper,
// 0 ≤ x ≤ colUpper. Rows are stored sparse (CSR) in flat arrays so that building is linear in
// size and backends can hand them to a solver as typed arrays without copying names around.

export interface LpModel {
  colNames: string[];
  colCost: Float64Array;
  colUpper: Float64Array; // Infinity = unbounded; lower bounds are all 0
  rowNames: string[];
  rowLower: Float64Array; // -Infinity allowed
  rowUpper: Float64Array; // Infinity allowed
  rowStart: Int32Array; // length rows + 1
  rowIndex: Int32Array;
  rowValue: Float64Array;
}

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'timeLimit' | 'error';

export interface LpSolution {
  status: LpStatus;
  objective: number;
  values: Float64Array; // one per column
  solver: string;
  seconds: number;
  /** an external solver's own run (process start to exit), without writing and reading files */
  solverSeconds?: number;
  message?: string;
}

export interface SolveOptions {
  timeLimitSeconds: number;
}

export interface SolverBackend {
  name: string;
  solve(model: LpModel, opts: SolveOptions): Promise<LpSolution>;
  /** the same solver kept between solves, for models solved by column generation (HiGHS) */
  incremental?: IncrementalSolver;
}

/** Grows flat arrays as variables and rows are added; `build()` freezes them into an LpModel. */
export class LpBuilder {
  private colNames: string[] = [];
  private colCost: number[] = [];
  private colUpper: number[] = [];
  private rowNames: string[] = [];
  private rowLower: number[] = [];
  private rowUpper: number[] = [];
  private rowStart: number[] = [0];
  private rowIndex: number[] = [];
  private rowValue: number[] = [];

  get columns(): number {
    return this.colNames.length;
  }
  get rows(): number {
    return this.rowNames.length;
  }

  addVar(name: string, cost: number, upper = Infinity): number {
    this.colNames.push(name);
    this.colCost.push(cost);
    this.colUpper.push(upper);
    return this.colNames.length - 1;
  }

  /** Add lower ≤ Σ coef·x ≤ upper; zero coefficients are dropped, repeated columns summed. */
  addRow(name: string, index: readonly number[], coef: readonly number[], lower: number, upper: number): number {
    const merged = new Map<number, number>();
    for (let k = 0; k < index.length; k++) merged.set(index[k], (merged.get(index[k]) ?? 0) + coef[k]);
    for (const [j, v] of merged) {
      if (v === 0) continue;
      this.rowIndex.push(j);
      this.rowValue.push(v);
    }
    this.rowNames.push(name);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowStart.push(this.rowIndex.length);
    return this.rowNames.length - 1;
  }

  build(): LpModel {
    return {
      colNames: this.colNames,
      colCost: Float64Array.from(this.colCost),
      colUpper: Float64Array.from(this.colUpper),
      rowNames: this.rowNames,
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStart: Int32Array.from(this.rowStart),
      rowIndex: Int32Array.from(this.rowIndex),
      rowValue: Float64Array.from(this.rowValue),
    };
  }
}

/** Objective value of a point: used to cross-check backends against each other. */
export const objectiveOf = (m: LpModel, x: ArrayLike<number>): number => {
  let s = 0;
  for (let j = 0; j < m.colCost.length; j++) s += m.colCost[j] * x[j];
  return s;
};

/** Largest violation of any row or bound by a point (0 when feasible): backends check answers with it. */
export function maxViolation(m: LpModel, x: ArrayLike<number>): number {
  let worst = 0;
  for (let j = 0; j < m.colCost.length; j++) worst = Math.max(worst, -x[j], x[j] - m.colUpper[j]);
  for (let i = 0; i < m.rowNames.length; i++) {
    let a = 0;
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) a += m.rowValue[k] * x[m.rowIndex[k]];
    worst = Math.max(worst, m.rowLower[i] - a, a - m.rowUpper[i]);
  }
  return worst;
}

/** Columns to append to a model, compressed by column (CSC). */
export interface ColumnBatch {
  cost: Float64Array;
  upper: Float64Array;
  starts: Int32Array; // length count + 1
  index: Int32Array; // row of each entry
  value: Float64Array;
}

export interface MasterSolution {
  status: LpStatus;
  objective: number;
  colValue: Float64Array;
  rowDual: Float64Array; // reduced cost of column j = cost_j − Σ_i a_ij · rowDual_i
  iterations: number;
  message?: string;
}

/**
 * A model kept in a solver between solves, grown by columns: column generation re-solves it from
 * the last basis after each batch, which is what makes it fast.
 */
export interface IncrementalLp {
  addColumns(batch: ColumnBatch): void;
  solve(timeLimitSeconds: number): MasterSolution;
  dispose(): void;
}

export type IncrementalSolver = (model: LpModel) => Promise<IncrementalLp>;
