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

/** Milliseconds since any fixed start (`performance.now` in the service): shared/ reads no clock itself. */
export type Clock = () => number;

export interface SolverBackend {
  name: string;
  solve(model: LpModel, opts: SolveOptions): Promise<LpSolution>;
  /** the same solver kept between solves, for models solved by column generation (HiGHS) */
  incremental?: IncrementalSolver;
}

/** A model grew past the builder's column limit. */
export class TooManyColumnsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} columns`);
    this.name = 'TooManyColumnsError';
  }
}

/** A growable typed array: the builder's numbers live outside the JS heap's object graph, so
 *  building a million-column model does not keep the garbage collector busy. */
class Grow<A extends Float64Array | Int32Array> {
  data: A;
  length = 0;
  constructor(private make: (n: number) => A) {
    this.data = make(1024);
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

/**
 * Grows flat arrays as variables and rows are added; `build()` freezes them into an LpModel.
 * A name is a base and, for the many per-bucket ones, a bucket (`x_SO1_OP10` and 3 name
 * `x_SO1_OP10_t3`): the strings are made only if someone reads the names (exporting the LP, a
 * message), which a plan solved by HiGHS never does (measured on 1000 × 20 × 26: 200,000 names
 * were a quarter of the time to build the model).
 */
export class LpBuilder {
  private colBase: string[] = [];
  private colBucket = new Grow((n) => new Int32Array(n));
  private colCost = new Grow((n) => new Float64Array(n));
  private colUpper = new Grow((n) => new Float64Array(n));
  private rowBase: string[] = [];
  private rowBucket = new Grow((n) => new Int32Array(n));
  private rowLower = new Grow((n) => new Float64Array(n));
  private rowUpper = new Grow((n) => new Float64Array(n));
  private rowStart = new Grow((n) => new Int32Array(n));
  private rowIndex = new Grow((n) => new Int32Array(n));
  private rowValue = new Grow((n) => new Float64Array(n));
  /** per column, where it sits in the row being added (−1: not in it): merges repeats without a Map */
  private at = new Grow((n) => new Int32Array(n));

  /** maxColumns: addVar throws TooManyColumnsError past it (a model too large is refused while it is built, not after) */
  constructor(private readonly maxColumns = Infinity) {
    this.rowStart.push(0);
  }

  get columns(): number {
    return this.colCost.length;
  }
  get rows(): number {
    return this.rowLower.length;
  }

  /** A column named `name`, or `name_t<bucket>` when a bucket is given. */
  addVar(name: string, cost: number, upper = Infinity, bucket = -1): number {
    if (this.colCost.length >= this.maxColumns) throw new TooManyColumnsError(this.maxColumns);
    this.colBase.push(name);
    this.colBucket.push(bucket);
    this.colCost.push(cost);
    this.colUpper.push(upper);
    this.at.push(-1);
    return this.colCost.length - 1;
  }

  /** Add lower ≤ Σ coef·x ≤ upper (named as addVar names); zero coefficients are dropped, repeated columns summed. */
  addRow(name: string, index: readonly number[], coef: readonly number[], lower: number, upper: number, bucket = -1): number {
    const first = this.rowIndex.length;
    const at = this.at.data;
    for (let k = 0; k < index.length; k++) {
      const j = index[k];
      if (at[j] >= 0) this.rowValue.data[at[j]] += coef[k];
      else {
        at[j] = this.rowIndex.length;
        this.rowIndex.push(j);
        this.rowValue.push(coef[k]);
      }
    }
    // Reset the markers and drop entries that summed to zero.
    let w = first;
    for (let p = first; p < this.rowIndex.length; p++) {
      const j = this.rowIndex.data[p];
      at[j] = -1;
      const v = this.rowValue.data[p];
      if (v === 0) continue;
      this.rowIndex.data[w] = j;
      this.rowValue.data[w++] = v;
    }
    this.rowIndex.length = w;
    this.rowValue.length = w;
    this.rowBase.push(name);
    this.rowBucket.push(bucket);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowStart.push(w);
    return this.rowLower.length - 1;
  }

  build(): LpModel {
    const names = (base: string[], bucket: Int32Array) => () => base.map((b, i) => (bucket[i] >= 0 ? `${b}_t${bucket[i]}` : b));
    return withLazyNames(
      {
        colCost: this.colCost.done(),
        colUpper: this.colUpper.done(),
        rowLower: this.rowLower.done(),
        rowUpper: this.rowUpper.done(),
        rowStart: this.rowStart.done(),
        rowIndex: this.rowIndex.done(),
        rowValue: this.rowValue.done(),
      },
      names(this.colBase, this.colBucket.done()),
      names(this.rowBase, this.rowBucket.done()),
    );
  }
}

/** An LpModel whose colNames and rowNames are made on first read (then kept). */
export function withLazyNames(m: Omit<LpModel, 'colNames' | 'rowNames'>, colNames: () => string[], rowNames: () => string[]): LpModel {
  let cols: string[] | undefined;
  let rows: string[] | undefined;
  return Object.defineProperties(m, {
    colNames: { get: () => (cols ??= colNames()), enumerable: true },
    rowNames: { get: () => (rows ??= rowNames()), enumerable: true },
  }) as LpModel;
}

/** Objective value of a point: used to cross-check backends against each other. */
/** What a solver's answer of this size may be off by (4.7826 + 8.2174 is 13, not 13.0000001). */
export const solverTol = (q: number): number => 1e-6 * Math.max(1, Math.abs(q));

export const objectiveOf = (m: LpModel, x: ArrayLike<number>): number => {
  let s = 0;
  for (let j = 0; j < m.colCost.length; j++) s += m.colCost[j] * x[j];
  return s;
};

/** Largest violation of any row or bound by a point (0 when feasible): backends check answers with it. */
export function maxViolation(m: LpModel, x: ArrayLike<number>): number {
  let worst = 0;
  for (let j = 0; j < m.colCost.length; j++) worst = Math.max(worst, -x[j], x[j] - m.colUpper[j]);
  for (let i = 0; i < m.rowLower.length; i++) {
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
  /** new costs and upper bounds for the columns `cols` (strictly increasing); the basis is kept */
  setColumns(cols: Int32Array, cost: Float64Array, upper: Float64Array): void;
  /** new bounds for the rows `rows` (strictly increasing); the basis is kept */
  setRows(rows: Int32Array, lower: Float64Array, upper: Float64Array): void;
  /** primal: the primal simplex (from a primal feasible basis, as after adding columns); else the dual */
  solve(timeLimitSeconds: number, primal?: boolean): MasterSolution;
  /** the last solve's basis (BasisStatus codes: 0 at lower, 1 basic, 2 at upper) */
  basis?(): { cols: Int32Array; rows: Int32Array } | undefined;
  /** start the next solve from this basis (one code per column and per row); false if the solver refused it */
  setBasis?(cols: Int32Array, rows: Int32Array): boolean;
  dispose(): void;
}

export type IncrementalSolver = (model: LpModel) => Promise<IncrementalLp>;
