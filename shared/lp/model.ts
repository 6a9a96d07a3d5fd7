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

/** A typed array twice as long (at least 1024), the first `length` entries copied. */
export function grown<A extends Float64Array | Int32Array>(a: A, length: number): A {
  const next = new (a.constructor as new (n: number) => A)(Math.max(1024, a.length * 2));
  next.set(a.subarray(0, length));
  return next;
}

/**
 * Grows flat typed arrays as variables and rows are added; `build()` freezes them into an LpModel.
 * The numbers live outside the JS heap's object graph and each array is grown by doubling, so
 * building a million-column model does not keep the garbage collector busy.
 * A name is a base and, for the many per-bucket ones, a bucket (`x_SO1_OP10` and 3 name
 * `x_SO1_OP10_t3`): the strings are made only if someone reads the names (exporting the LP, a
 * message), which a plan solved by HiGHS never does (measured on 1000 × 20 × 26: 200,000 names
 * were a quarter of the time to build the model).
 *
 * A row is added in one call (addRow) or entry by entry (entry …, endRow), which spares the
 * caller an index and a coefficient array per row.
 */
export class LpBuilder {
  /** names without their bucket: colBase[colBaseOf[j]] is column j's (one entry for a run of columns of one name) */
  private colBase: string[] = [];
  private colBaseOf = new Int32Array(1024);
  private colBucket = new Int32Array(1024);
  private colCost = new Float64Array(1024);
  private colUpper = new Float64Array(1024);
  /** per column, where it sits in the row being added (−1: not in it): merges repeats without a Map */
  private at = new Int32Array(1024);
  private nCols = 0;
  private rowBase: string[] = [];
  private rowBaseOf = new Int32Array(1024);
  private rowBucket = new Int32Array(1024);
  private rowLower = new Float64Array(1024);
  private rowUpper = new Float64Array(1024);
  private rowStart = new Int32Array(1024);
  private nRows = 0;
  private rowIndex = new Int32Array(4096);
  private rowValue = new Float64Array(4096);
  private nnz = 0;

  /** maxColumns: addVar throws TooManyColumnsError past it (a model too large is refused while it is built, not after) */
  constructor(private readonly maxColumns = Infinity) {}

  /**
   * Room for this many columns, rows and row entries, allocated once: doubling a large typed array
   * touches and copies it, while room never used costs no memory (pages are zeroed on first write).
   */
  reserve(columns: number, rows: number, entries: number): void {
    const fit = <A extends Float64Array | Int32Array>(a: A, n: number, used: number): A => {
      if (n <= a.length) return a;
      const next = new (a.constructor as new (n: number) => A)(n);
      next.set(a.subarray(0, used));
      return next;
    };
    // Past the column limit the model is refused: no room beyond it, for rows and entries alike.
    const share = Math.min(1, (this.maxColumns + 1) / Math.max(1, columns));
    columns = Math.ceil(columns * share);
    rows = Math.ceil(rows * share);
    entries = Math.ceil(entries * share);
    this.colBaseOf = fit(this.colBaseOf, columns, this.nCols);
    this.colBucket = fit(this.colBucket, columns, this.nCols);
    this.colCost = fit(this.colCost, columns, this.nCols);
    this.colUpper = fit(this.colUpper, columns, this.nCols);
    this.at = fit(this.at, columns, this.nCols);
    this.rowBaseOf = fit(this.rowBaseOf, rows + 1, this.nRows);
    this.rowBucket = fit(this.rowBucket, rows + 1, this.nRows);
    this.rowLower = fit(this.rowLower, rows + 1, this.nRows);
    this.rowUpper = fit(this.rowUpper, rows + 1, this.nRows);
    this.rowStart = fit(this.rowStart, rows + 1, this.nRows + 1);
    this.rowIndex = fit(this.rowIndex, entries, this.nnz);
    this.rowValue = fit(this.rowValue, entries, this.nnz);
  }

  /** columns there is room for before the arrays grow */
  get columnRoom(): number {
    return this.colCost.length;
  }

  get columns(): number {
    return this.nCols;
  }
  get rows(): number {
    return this.nRows;
  }

  /** A column named `name`, or `name_t<bucket>` when a bucket is given. */
  addVar(name: string, cost: number, upper = Infinity, bucket = -1): number {
    const j = this.nCols;
    if (j >= this.maxColumns) throw new TooManyColumnsError(this.maxColumns);
    if (j === this.colCost.length) {
      this.colBaseOf = grown(this.colBaseOf, j);
      this.colBucket = grown(this.colBucket, j);
      this.colCost = grown(this.colCost, j);
      this.colUpper = grown(this.colUpper, j);
      this.at = grown(this.at, j);
    }
    if (this.colBase.length === 0 || this.colBase[this.colBase.length - 1] !== name) this.colBase.push(name);
    this.colBaseOf[j] = this.colBase.length - 1;
    this.colBucket[j] = bucket;
    this.colCost[j] = cost;
    this.colUpper[j] = upper;
    this.at[j] = -1;
    this.nCols = j + 1;
    return j;
  }

  /** Add coef × column j to the row being added (a column already in it gets the sum). */
  entry(j: number, coef: number): void {
    const p = this.at[j];
    if (p >= 0) {
      this.rowValue[p] += coef;
      return;
    }
    const n = this.nnz;
    if (n === this.rowIndex.length) {
      this.rowIndex = grown(this.rowIndex, n);
      this.rowValue = grown(this.rowValue, n);
    }
    this.at[j] = n;
    this.rowIndex[n] = j;
    this.rowValue[n] = coef;
    this.nnz = n + 1;
  }

  /** Close the row being added as lower ≤ Σ entries ≤ upper (named as addVar names); entries that summed to zero are dropped. */
  endRow(name: string, lower: number, upper: number, bucket = -1): number {
    const first = this.rowStart[this.nRows];
    const at = this.at;
    const index = this.rowIndex;
    const value = this.rowValue;
    let w = first;
    for (let p = first; p < this.nnz; p++) {
      const j = index[p];
      at[j] = -1;
      const v = value[p];
      if (v === 0) continue;
      index[w] = j;
      value[w++] = v;
    }
    this.nnz = w;
    const i = this.nRows;
    if (i + 1 >= this.rowLower.length) {
      this.rowBaseOf = grown(this.rowBaseOf, i);
      this.rowBucket = grown(this.rowBucket, i);
      this.rowLower = grown(this.rowLower, i);
      this.rowUpper = grown(this.rowUpper, i);
      this.rowStart = grown(this.rowStart, i + 1);
    }
    if (this.rowBase.length === 0 || this.rowBase[this.rowBase.length - 1] !== name) this.rowBase.push(name);
    this.rowBaseOf[i] = this.rowBase.length - 1;
    this.rowBucket[i] = bucket;
    this.rowLower[i] = lower;
    this.rowUpper[i] = upper;
    this.rowStart[i + 1] = w;
    this.nRows = i + 1;
    return i;
  }
  /** Add lower ≤ Σ coef·x ≤ upper (named as addVar names); zero coefficients are dropped, repeated columns summed. */
  addRow(name: string, index: readonly number[], coef: readonly number[], lower: number, upper: number, bucket = -1): number {
    for (let k = 0; k < index.length; k++) this.entry(index[k], coef[k]);
    return this.endRow(name, lower, upper, bucket);
  }

  /** The model: views of the builder's arrays, not copies (the builder is done with them). */
  build(): LpModel {
    const names = (base: string[], baseOf: Int32Array, bucket: Int32Array) => () => Array.from(baseOf, (k, i) => (bucket[i] >= 0 ? `${base[k]}_t${bucket[i]}` : base[k]));
    const n = this.nCols;
    const m = this.nRows;
    return withLazyNames(
      {
        colCost: this.colCost.subarray(0, n),
        colUpper: this.colUpper.subarray(0, n),
        rowLower: this.rowLower.subarray(0, m),
        rowUpper: this.rowUpper.subarray(0, m),
        rowStart: this.rowStart.subarray(0, m + 1),
        rowIndex: this.rowIndex.subarray(0, this.nnz),
        rowValue: this.rowValue.subarray(0, this.nnz),
      },
      names(this.colBase, this.colBaseOf.subarray(0, n), this.colBucket.subarray(0, n)),
      names(this.rowBase, this.rowBaseOf.subarray(0, m), this.rowBucket.subarray(0, m)),
    );
  }
}

const LAZY = Symbol('lazy names');
interface LazyNames {
  colNames: () => string[];
  rowNames: () => string[];
  cols?: string[];
  rows?: string[];
}
function lazyColNames(this: { [LAZY]: LazyNames }): string[] {
  const l = this[LAZY];
  return (l.cols ??= l.colNames());
}
function lazyRowNames(this: { [LAZY]: LazyNames }): string[] {
  const l = this[LAZY];
  return (l.rows ??= l.rowNames());
}

/**
 * An LpModel whose colNames and rowNames are made on first read (then kept). The getters are
 * the same two functions on every model, so every model has one hidden class: a getter closure
 * per model gave each its own, and the loops over a model's arrays (the solution check, column
 * generation, the schedule) went megamorphic and reloaded each array on every step (measured on
 * the 1000-order bench plant: maxViolation 20–40 ms on the second model built, 6 ms on the first).
 */
export function withLazyNames(m: Omit<LpModel, 'colNames' | 'rowNames'>, colNames: () => string[], rowNames: () => string[]): LpModel {
  return Object.defineProperties(m, {
    [LAZY]: { value: { colNames, rowNames } satisfies LazyNames },
    colNames: { get: lazyColNames, enumerable: true },
    rowNames: { get: lazyRowNames, enumerable: true },
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
  /** removes the columns `cols` (strictly increasing, all nonbasic); later columns move down, the basis of the rest is kept */
  deleteColumns?(cols: Int32Array): void;
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
