// The plan LP solved exactly by column generation (Dantzig–Wolfe decomposition), the way large
// multi-commodity flow LPs are solved: what couples orders is only capacity, material and
// overtime, so a small master LP keeps those rows and one row per order, and each order
// contributes whole schedules (one bucket and mode per operation) as columns. Each round, every
// order finds its cheapest schedule at the master's prices (a shortest path over its operation
// tree: O(operations × buckets)), and those that would lower the cost are added; the master
// re-solves from its last basis. It stops when no schedule prices out, which proves the master
// optimal for the full model (or when the Lagrangian bound is within GAP of it). The first master
// gets its columns from a few pricing passes at estimated prices (startColumns), not from the
// master: how good the first columns are decides how many simplex pivots follow.
//
// Why schedules suffice: within an order, each item's operation chain is a network flow (units
// wait as WIP, go in-house or out to a subcontractor), so it splits into paths; at a component
// link the WIP rows keep cumulative supply ahead of cumulative use, so the component's paths can
// be matched to the parent's by bucket. Any feasible plan of an order is therefore a mix of
// schedules, and the optimum over all schedules is the full LP's. Making more than is used never
// lowers cost (costs and loads are ≥ 0), so schedules carry no waste.
//
// The answer is mapped back onto the full model's columns (x, y from the schedules, WIP from its
// rows, overtime, stock, purchases and short as the master has them), so extraction, explanations
// and the LP export see the same model either way, and the point is checked against it.
//
// One loop serves every caller (ColumnMaster): the plan solves its model once; a planning session
// (session.ts, the quote's promise) re-solves the same master for several requests; a what-if's
// scenario, a model of its own, starts from its baseline's end (WarmStart: the prices, the
// schedules in use and the basis, all carried by what they are, not by column or row number).
// Every start reaches the same optimum, proved by the same pricing; only the rounds differ. A
// plan prices with the tie-break of tie-break.ts, so that optimum is one plan whatever the start.
//
// Measured on generated plants (this 2-core machine, HiGHS Wasm, warm): 300 × 10 × 26 (55,435
// columns in the full LP) 0.33 s against 1.7 s for the dual simplex on the whole LP; 1000 × 20 ×
// 26 (201,928) 1.4 s against 20 s; 3000 × 30 × 52 (1,050,850) 12 s, where the whole LP does not
// solve in a minute. The master's simplex is most of it.
import { withLazyNames, type Clock, type ColumnBatch, type IncrementalSolver, type LpStatus } from '../lp/model';
import type { OpVars, PlanModel, PlannedOrder } from './build-model';
import { key } from './capacity';
import { WIP_PER_UNIT_BUCKET } from './costs';
import type { PartNode, PlanOp } from './network';
import { idKey } from '../network/id';
import { tieBrokenCosts } from './tie-break';

interface OpData {
  v: OpVars;
  /** its index in the order's ops (what CarriedSchedules count by) */
  idx: number;
  /** units of this operation's item per unit of the order */
  pou: number;
  /** master row of the work center's capacity per bucket (−1: none) */
  cap: Int32Array;
  /** first operation of a node: the node's Buy materials, master stock row per bucket and use per order unit */
  mats: { rows: Int32Array; coef: number }[];
  /** cheapest cost with every unit of the subtree done at this operation in bucket d */
  done: Float64Array;
  /** how units done in d were started: start bucket × 2 + (1 if subcontracted) */
  how: Int32Array;
  /** for a start in s: the bucket the previous operation's units were done in */
  from: Int32Array;
  /** scratch: cheapest cost of starting in s */
  start: Float64Array;
}

interface NodeData {
  ops: OpData[];
  children: NodeData[];
  /** per child, for a start in s: the bucket the child's units were done in */
  childFrom: Int32Array[];
}

export interface OrderData {
  o: PlannedOrder;
  root: NodeData;
  /** nodes children first */
  post: NodeData[];
  row: number;
}

export interface ColumnGenerationResult {
  status: LpStatus;
  /** values for every column of the full plan model */
  values: Float64Array;
  objective: number;
  rounds: number;
  columns: number;
  iterations: number;
  message?: string;
  /** the optimal master's prices of capacity and stock rows, to warm-start a plan of a changed plant */
  prices?: WarmPrices;
  /** the optimal master's schedules in use, to start a plan of a changed plant from them */
  schedules?: CarriedSchedules;
  /** and its basis */
  basis?: MasterBasis;
}

/**
 * Prices of capacity and stock rows by what they are (work center or item, and bucket), not by
 * row number, so they carry over to the model of a changed plant (an order added, cancelled or
 * moved): a what-if's scenario starts pricing where its baseline ended.
 */
export type WarmPrices = Map<string, number>;

/**
 * Schedules by order (orderKey), each as what it does per operation of the order (the index in
 * PlannedOrder.ops): start bucket × 2 + 1 if subcontracted, with its basis status. Like
 * WarmPrices they name no column, so a changed plant's master can start from its baseline's
 * optimal schedules: each is rebuilt on the new model (scheduleOf) and kept only if it is a
 * schedule there.
 */
export type CarriedSchedules = Map<string, { picks: Int32Array; status: number }[]>;

/**
 * The master's basis by what rows and static columns are (as WarmPrices names them), so the
 * master of a changed plant starts where its baseline's ended: rows and columns the change
 * adds start as the logical basis has them (slack basic, column at 0).
 */
export interface MasterBasis {
  rows: Map<string, number>;
  cols: Map<string, number>;
  /** each row's bounds (lower, upper), to tell a change of costs alone (see startBasis) */
  bounds?: Map<string, [number, number]>;
}

/** What a plan of a changed plant may start from: its baseline's final prices, schedules and basis. */
export interface WarmStart {
  prices: WarmPrices;
  schedules?: CarriedSchedules;
  basis?: MasterBasis;
}

/** Basis status codes (HiGHS's): at the lower bound, basic, at the upper bound. */
const AT_LOWER = 0;
const BASIC = 1;
const AT_UPPER = 2;

/** An order by its id (and whether it is a what-if), the same in any model of the plant. */
const orderKey = (o: PlannedOrder) => `${o.hypothetical ? 'h' : 'f'}|${idKey(o.order.OrderId)}`;

/** Full-model vectors: column costs and upper bounds, row bounds (lower bounds of columns stay 0). */
export interface PlanRequest {
  cost: Float64Array;
  upper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
}

/** Round count after which the method gives up (it converges in tens on plan models). */
const MAX_ROUNDS = 500;
/**
 * Price-directed start: pricing passes before the first master solve, each pricing every order at
 * prices moved by a subgradient step towards the capacity and stock the previous pass overused;
 * every distinct schedule seen is a first column. The master then starts from a mix of plausible
 * plans instead of discovering them over many rounds. Measured on generated 1000 × 20 × 26 (warm
 * HiGHS): 2.2 s → 1.4 s; 300 × 10 × 26: 0.38 → 0.33 s; 3000 × 30 × 52: 13.3 → 12.1 s. 6, 8, 12
 * and 14 passes and steps 0.25–2 were no better; a greedy first plan (orders placed one by one
 * into the hours left, as before) added nothing once these passes ran. With the optimal
 * schedules themselves as first columns, 1000 × 20 × 26 solves in 0.2 s: better starts pay
 * (which is what CarriedSchedules gives a what-if).
 */
const START_PASSES = 10;
/** Subgradient passes after the warm pass (see WarmPrices). */
const WARM_PASSES = 0;
/** Step of pass k: START_STEP / (k + 1) × the lateness of one bucket, per unit of overuse relative to what is there. */
const START_STEP = 0.5;
/**
 * Relative gap at which a session's request may stop before the last schedules are priced out:
 * the master's objective is then within this of the full LP's optimum (far inside the 1e-6 the
 * backends must agree to). A plan prices out to the end (see the loop).
 */
const GAP = 1e-9;
/**
 * A schedule enters when its reduced cost is below −(PRICE_TOL + 1e-13 × its cost): small enough
 * to see the plan's tie-break (tie-break.ts), not below the master's own dual tolerance (1e-9 in
 * HiGHS), or a column the master holds could be priced in again and again. It was 1e-9 × the
 * cost: a late order's schedule costs thousands a unit, so differences of 1e-7 a unit went unseen
 * and a what-if started from its baseline sometimes ended at another plan than one from scratch.
 */
const PRICE_TOL = 2e-9;
/**
 * A round that adds fewer columns than this fraction of the master's rows re-solves with the
 * primal simplex (measured on generated 3000 × 30 × 52: the last seven rounds took 1.8 s instead
 * of 5.4 s; on 1000 × 20 × 26 a little faster too; dual for every round or primal for every
 * round were both slower).
 */
const PRIMAL_BELOW = 0.1;

export interface RoundReport {
  round: number;
  added: number;
  objective: number;
  iterations: number;
  /** this round's master solve */
  masterSeconds: number;
  /** since the start */
  seconds: number;
}

export interface MasterOptions {
  timeLimitSeconds: number;
  clock: Clock;
  onRound?: (r: RoundReport) => void;
  /** the first solve prices from these (see WarmPrices) */
  warm?: WarmPrices;
  /** and starts with these schedules (see CarriedSchedules) */
  carry?: CarriedSchedules;
  /** from this basis (with carry) */
  basis?: MasterBasis;
}

/** A master's optimal basis, to start a later request of a session from (ColumnMaster.restore). */
export interface MasterCheckpoint {
  cols: Int32Array;
  rows: Int32Array;
}

/**
 * The column-generation master of a plan model, kept in the solver between solves. `solve`
 * without a request solves the model as it is; with one (planning sessions, session.ts) it first
 * puts the request's costs and bounds on the master's own columns and rows, re-costs the
 * schedules it already has (one that uses a column the request closes gets upper bound 0), and
 * prices new schedules from the basis the last solve left.
 */
export interface ColumnMaster {
  solve(req: PlanRequest | undefined, opts: MasterOptions): ColumnGenerationResult;
  /** the last optimal basis (undefined if the solver gives none) */
  checkpoint(): MasterCheckpoint | undefined;
  /** the next solve starts from that basis (columns added since at 0) instead of the last one */
  restore(c: MasterCheckpoint): void;
  dispose(): void;
}

/** The whole plan model solved by column generation in a master of its own. */
export async function solveByColumns(pm: PlanModel, incremental: IncrementalSolver, opts: MasterOptions): Promise<ColumnGenerationResult> {
  const master = await openMaster(pm, incremental);
  try {
    return master.solve(undefined, opts);
  } finally {
    master.dispose();
  }
}

export async function openMaster(pm: PlanModel, incremental: IncrementalSolver): Promise<ColumnMaster> {
  const lp = pm.lp;
  const T = pm.buckets.count;
  const nCols = lp.colCost.length;
  const nRows = lp.rowLower.length;

  // Master rows: each order's done row, capacity and stock rows. Master columns: short, overtime,
  // stock and purchases (every column that belongs to no schedule), then schedules.
  const rowMap = new Int32Array(nRows).fill(-1);
  const masterRows: number[] = [];
  const addRow = (r: number) => {
    if (r >= 0 && rowMap[r] < 0) (rowMap[r] = masterRows.length), masterRows.push(r);
  };
  const planned = pm.orders.filter((o) => o.doneRow >= 0 && o.last);
  for (const o of planned) addRow(o.doneRow);
  for (const rows of pm.capRows.values()) for (const r of rows) addRow(r);
  for (const mv of pm.materials.values()) for (const r of mv.rows) addRow(r);
  // Capacity and stock rows by name (c|wc|t, m|item|t) for warm prices in and out.
  const priced: { row: number; key: string }[] = [];
  for (const [wc, rows] of pm.capRows) rows.forEach((r, t) => r >= 0 && priced.push({ row: rowMap[r], key: `c|${wc}|${t}` }));
  for (const [m, mv] of pm.materials) mv.rows.forEach((r, t) => r >= 0 && priced.push({ row: rowMap[r], key: `m|${m}|${t}` }));
  const colMap = new Int32Array(nCols).fill(-1);
  const staticCols: number[] = [];
  const isShort = new Uint8Array(nCols);
  for (const o of planned) isShort[o.short] = 1;
  for (let j = 0; j < nCols; j++) if (pm.colOrder[j] < 0 || isShort[j]) (colMap[j] = staticCols.length), staticCols.push(j);
  // Rows and static columns by name too, for MasterBasis.
  const rowKeys: string[] = new Array(masterRows.length);
  for (const p of priced) rowKeys[p.row] = p.key;
  for (const o of planned) rowKeys[rowMap[o.doneRow]] = `d|${orderKey(o)}`;
  const colKeys: (string | undefined)[] = new Array(staticCols.length);
  const nameCols = (cols: Int32Array, name: string) => cols.forEach((j, t) => j >= 0 && colMap[j] >= 0 && (colKeys[colMap[j]] = `${name}|${t}`));
  for (const o of planned) colKeys[colMap[o.short]] = `s|${orderKey(o)}`;
  for (const [wc, cols] of pm.otCols) nameCols(cols, `o|${wc}`);
  for (const [m, mv] of pm.materials) nameCols(mv.inv, `i|${m}`), nameCols(mv.buy, `b|${m}`);

  const rowStart = [0];
  const rowIndex: number[] = [];
  const rowValue: number[] = [];
  for (const r of masterRows) {
    for (let k = lp.rowStart[r]; k < lp.rowStart[r + 1]; k++) {
      const c = colMap[lp.rowIndex[k]];
      if (c >= 0) rowIndex.push(c), rowValue.push(lp.rowValue[k]);
    }
    rowStart.push(rowIndex.length);
  }
  const master = await incremental(
    withLazyNames(
      {
        colCost: pick(lp.colCost, staticCols),
        colUpper: pick(lp.colUpper, staticCols),
        rowLower: pick(lp.rowLower, masterRows),
        rowUpper: pick(lp.rowUpper, masterRows),
        rowStart: Int32Array.from(rowStart),
        rowIndex: Int32Array.from(rowIndex),
        rowValue: Float64Array.from(rowValue),
      },
      () => staticCols.map((j) => lp.colNames[j]),
      () => masterRows.map((r) => lp.rowNames[r]),
    ),
  );
  const tables = new OrderTables(pm, rowMap, T);
  const orders = planned.map((o) => orderData(tables, o, rowMap));
  const staticIdx = Int32Array.from(staticCols.keys());
  const rowIdx = Int32Array.from(masterRows.keys());
  // Each schedule column: its order, what it does per operation (CarriedSchedules), the full
  // model's x/y columns it uses and units of each per order unit, and its WIP cost (the same
  // under every request).
  const schedOrder: OrderData[] = [];
  const schedPicks: Int32Array[] = [];
  const schedCols: Int32Array[] = [];
  const schedMult: Float64Array[] = [];
  const schedWip: number[] = [];
  const addSchedule = (batch: Batch, d: OrderData, col: Schedule) => {
    batch.add(col.cost, lp.rowUpper[d.o.doneRow], col.rows, col.coefs); // units to make (less any shipped from stock)
    schedOrder.push(d);
    schedPicks.push(col.picks);
    schedCols.push(col.full);
    schedMult.push(col.mult);
    schedWip.push(col.wip);
  };
  const scheduleCost = (s: number, pcost: Float64Array) => {
    let c = schedWip[s];
    const cols = schedCols[s];
    const mult = schedMult[s];
    for (let k = 0; k < cols.length; k++) c += mult[k] * pcost[cols[k]];
    return c;
  };
  let started = false;
  let tie: Float64Array | undefined;
  /** The model's costs with the tie-break (tie-break.ts) on every schedule's x and y columns. */
  const tieCosts = () => (tie ??= tieBrokenCosts(lp.colCost, orders.map((d) => ({ key: orderKey(d.o), ops: d.o.ops, pou: opUnits(d) }))));
  let lastBasis: MasterCheckpoint | undefined;
  /** the basis after dropUnused, until the next solve */
  let dropped: { cols: Int32Array; rows: Int32Array } | undefined;

  return {
    solve(req, opts) {
      const t0 = opts.clock();
      const elapsed = () => (opts.clock() - t0) / 1000;
      const limit = opts.timeLimitSeconds;
      // Pricing costs: a column the request closes (upper 0) cannot be in any schedule.
      let pcost = req ? lp.colCost : tieCosts();
      let rowUpper = lp.rowUpper;
      if (req) {
        pcost = req.cost.slice();
        for (let j = 0; j < nCols; j++) if (colMap[j] < 0 && req.upper[j] <= 0) pcost[j] = Infinity;
        rowUpper = req.rowUpper;
        master.setColumns(staticIdx, pick(req.cost, staticCols), pick(req.upper, staticCols));
        const n = schedCols.length;
        const cost = new Float64Array(n);
        const upper = new Float64Array(n);
        for (let s = 0; s < n; s++) {
          const c = scheduleCost(s, pcost);
          const ok = Number.isFinite(c);
          cost[s] = ok ? c : 0;
          upper[s] = ok ? lp.rowUpper[schedOrder[s].o.doneRow] : 0;
        }
        const idx = new Int32Array(n);
        for (let s = 0; s < n; s++) idx[s] = staticCols.length + s;
        master.setColumns(idx, cost, upper);
        master.setRows(rowIdx, pick(req.rowLower, masterRows), pick(req.rowUpper, masterRows));
      }
      const active = req ? orders.filter((d) => req.rowUpper[d.o.doneRow] > 0) : orders;
      let batch = new Batch();
      /** each order's first start column, its cheapest schedule (for cheapestBasis) */
      let cheapest: Map<OrderData, number> | undefined;
      /** basis status of each carried schedule in the first batch */
      const carried: number[] = [];
      /** every carried schedule is one here, and every row is as it was (see startBasis) */
      let whole = false;
      if (!started) {
        // Round 0: the baseline's schedules if carried over, then the price-directed start.
        const seen = new Set<number>();
        let offered = 0;
        if (opts.carry)
          for (const d of active)
            for (const c of opts.carry.get(orderKey(d.o)) ?? []) {
              offered++;
              // Every carried schedule, repeats too: the baseline may hold one schedule twice (one
              // copy at its upper bound, priced in again basic), and dropping a copy left its
              // basis short of a column, which took hundreds of pivots to repair.
              const col = scheduleOf(d, c.picks, pcost, d.row);
              if (col) firstSight(seen, d, col), addSchedule(batch, d, col), carried.push(c.status);
            }
        whole = offered > 0 && carried.length === offered;
        const warm = opts.warm && new Float64Array(masterRows.length);
        if (warm) for (const p of priced) warm[p.row] = opts.warm!.get(p.key) ?? 0;
        if (!carried.length && !warm) cheapest = new Map();
        startColumns(pm, active, rowMap, masterRows.length, (d, col) => {
          if (!firstSight(seen, d, col)) return;
          if (cheapest && !cheapest.has(d)) cheapest.set(d, schedCols.length);
          addSchedule(batch, d, col);
        }, warm, pcost);
        started = true;
      }

      // Rounds: every order prices its cheapest schedule at the master's duals; those that would
      // lower the cost enter. The duals also give a lower bound on the full LP (Lagrangian: the
      // master's objective plus each order's quantity times its most negative reduced cost), so
      // the loop ends when no schedule prices out or the bound meets the master's objective.
      let rounds = 0;
      let iterations = 0;
      let objective = NaN;
      let duals: Float64Array = new Float64Array(0);
      let colValue: Float64Array = new Float64Array(0);
      /** the optimal master's basis (before columns kept for later requests are added) */
      let basis: { cols: Int32Array; rows: Int32Array } | undefined;
      const tolOf = (v: number) => PRICE_TOL + 1e-13 * Math.abs(v);
      for (;;) {
        if (rounds >= MAX_ROUNDS) return failed('error', `column generation did not converge in ${MAX_ROUNDS} rounds`);
        const left = limit - elapsed();
        if (left <= 0) return failed('timeLimit');
        const t1 = opts.clock();
        master.addColumns(batch.build());
        if (rounds === 0 && opts.basis && carried.length) whole = startBasis(opts.basis, carried, req?.upper ?? lp.colUpper, req?.rowLower ?? lp.rowLower, req?.rowUpper ?? lp.rowUpper) && whole;
        else {
          whole = false; // no basis came over: the dual simplex, as for any plan
          if (rounds === 0 && cheapest) cheapestBasis(cheapest);
        }
        // A few new columns: the primal simplex from the (still primal feasible) basis takes a
        // pivot or two each. Many, or a request's first solve (its row bounds may have moved):
        // the dual simplex, which copes better with the big swing. A plan started from its
        // baseline's schedules is near its optimum after the first solve: the primal simplex
        // then, however many columns enter (measured on the 1000-order bench plant, pivots of the
        // rounds after the first: a due date pulled in 1,273 → 602, a rush order 510 → 399, a
        // cancellation 239 → 175). Its first solve too when only costs changed (a due date, a
        // priority): the baseline's basis is then still primal feasible (a due date pulled in:
        // 394 → 221 pivots; where rows changed, the dual simplex is far better: a rush order 72
        // against 459).
        const sol = master.solve(left, rounds === 0 ? whole : carried.length > 0 || batch.count < PRIMAL_BELOW * masterRows.length);
        rounds++;
        iterations += sol.iterations;
        opts.onRound?.({ round: rounds, added: batch.count, objective: sol.objective, iterations: sol.iterations, masterSeconds: (opts.clock() - t1) / 1000, seconds: elapsed() });
        if (sol.status !== 'optimal') return failed(sol.status, sol.message);
        (duals = sol.rowDual), (objective = sol.objective), (colValue = sol.colValue);
        dropped = undefined;
        if (rounds === 1 && !req && cheapest) colValue = dropUnused(colValue);
        batch = new Batch();
        let bound = objective;
        for (const d of active) {
          const best = priceOrder(d, pcost, duals, T);
          if (!best) continue;
          const rc = best.cost - duals[d.row];
          if (rc >= -tolOf(best.cost)) continue;
          bound += rowUpper[d.o.doneRow] * rc;
          addSchedule(batch, d, schedule(d, best.done, pcost, d.row));
        }
        // With the tie-break the loop runs until nothing prices out: a master within GAP of the
        // optimum may still be another of the plans the tie-break tells apart.
        const done = batch.count === 0 || (req !== undefined && objective - bound <= GAP * Math.max(1, Math.abs(objective)));
        if (!done) continue;
        basis = master.basis?.() ?? dropped; // a plan hands it on (handOn), a session may come back to it (restore)
        lastBasis = basis;
        master.addColumns(batch.build()); // any left are kept for later requests (at 0 now)
        break;
      }

      // Back to the full model's columns.
      const values = new Float64Array(nCols);
      for (let c = 0; c < staticCols.length; c++) values[staticCols[c]] = colValue[c];
      for (let s = 0; s < schedCols.length; s++) {
        const lambda = colValue[staticCols.length + s];
        if (!(lambda > 0)) continue;
        const cols = schedCols[s];
        const mult = schedMult[s];
        for (let k = 0; k < cols.length; k++) values[cols[k]] += lambda * mult[k];
      }
      // WIP rows were made in bucket order, each defining its own column from the previous one.
      for (let i = 0; i < pm.wipRows.length; i++) {
        const r = pm.wipRows[i];
        const own = pm.wipCols[i];
        let sum = 0;
        let ownCoef = 1;
        for (let k = lp.rowStart[r]; k < lp.rowStart[r + 1]; k++) {
          if (lp.rowIndex[k] === own) ownCoef = lp.rowValue[k];
          else sum += lp.rowValue[k] * values[lp.rowIndex[k]];
        }
        values[own] = Math.max(0, -sum / ownCoef);
      }
      // The objective without the tie-break (what the plan costs).
      if (!req) for (let j = 0; j < nCols; j++) if (pcost[j] !== lp.colCost[j]) objective -= (pcost[j] - lp.colCost[j]) * values[j];
      return { status: 'optimal', values, objective, rounds, columns: schedCols.length, iterations, ...(req ? {} : handOn(colValue, duals, basis)) };

      function failed(status: LpStatus, message?: string): ColumnGenerationResult {
        if (status === 'timeLimit') message = `stopped at the ${limit} s time limit`;
        return { status, values: new Float64Array(nCols), objective: NaN, rounds, columns: schedCols.length, iterations, message };
      }
    },
    checkpoint: () => lastBasis,
    restore(c) {
      const cols = new Int32Array(staticCols.length + schedCols.length); // AT_LOWER
      cols.set(c.cols.subarray(0, cols.length));
      master.setBasis?.(cols, c.rows);
    },
    dispose: () => master.dispose(),
  };

  /**
   * Deletes the schedules the last solve left nonbasic at 0 from the master and from the schedule
   * lists; returns the solve's column values without them. HiGHS has no basis to give until the
   * next solve, so the basis without them is kept (`dropped`) for a plan optimal already.
   *
   * Done once, after a plan's first master solve: most of the start's columns go (4,606 of 5,987
   * on generated 1000 × 20 × 26). They are alternatives the duals already rule out or tie with
   * (reduced cost ≥ 0), and the later rounds' simplex runs faster and pivots less without them;
   * any that pays again is priced back in, so the optimum is the same (the same plan on every
   * plant measured). Whole column-generation solve, HiGHS Wasm, warm, CPU s, min of 5, before →
   * after: 1000 × 20 × 26 standard 1.45 → 1.17 (7,377 → 6,994 simplex iterations, 9 → 10
   * rounds); shared-material 0.74 → 0.58; few-ops 0.39 → 0.37; long-routings 1.13 → 1.07;
   * 3000 × 30 × 52 (one run) 11.0 → 9.2. Deleting only those with a reduced cost above 1e-4 of a
   * late bucket's cost kept twice as many and pivoted more (7,456); deleting after every round
   * took 18 rounds instead of 10 and more pivots (7,503).
   */
  function dropUnused(colValue: Float64Array): Float64Array {
    const b = master.deleteColumns && master.basis?.();
    if (!b) return colValue;
    const nS = staticCols.length;
    const gone: number[] = [];
    const cols = b.cols.slice();
    let kept = 0;
    for (let s = 0; s < schedCols.length; s++) {
      if (b.cols[nS + s] === AT_LOWER && !(colValue[nS + s] > 0)) {
        gone.push(nS + s);
        continue;
      }
      schedOrder[kept] = schedOrder[s];
      schedPicks[kept] = schedPicks[s];
      schedCols[kept] = schedCols[s];
      schedMult[kept] = schedMult[s];
      schedWip[kept] = schedWip[s];
      cols[nS + kept] = b.cols[nS + s];
      colValue[nS + kept++] = colValue[nS + s];
    }
    master.deleteColumns!(Int32Array.from(gone));
    for (const a of [schedOrder, schedPicks, schedCols, schedMult, schedWip]) a.length = kept;
    dropped = { cols: cols.subarray(0, nS + kept), rows: b.rows };
    return colValue.subarray(0, nS + kept);
  }

  /** What a plan of a changed plant may start from (WarmStart): the prices, the schedules in use and the basis by name. */
  function handOn(colValue: Float64Array, duals: Float64Array, basis: { cols: Int32Array; rows: Int32Array } | undefined): WarmStart {
    const schedules: CarriedSchedules = new Map();
    for (let s = 0; s < schedCols.length; s++) {
      const status = basis ? (basis.cols[staticCols.length + s] ?? AT_LOWER) : colValue[staticCols.length + s] > 0 ? BASIC : AT_LOWER;
      if (status !== BASIC && status !== AT_UPPER) continue;
      const k = orderKey(schedOrder[s].o);
      const list = schedules.get(k);
      if (list) list.push({ picks: schedPicks[s], status });
      else schedules.set(k, [{ picks: schedPicks[s], status }]);
    }
    const keyed = (codes: Int32Array, keys: (string | undefined)[]) => {
      const out = new Map<string, number>();
      for (let i = 0; i < keys.length; i++) if (keys[i] !== undefined) out.set(keys[i]!, codes[i]);
      return out;
    };
    const prices: WarmPrices = new Map();
    for (const p of priced) prices.set(p.key, duals[p.row]);
    let bounds: Map<string, [number, number]> | undefined;
    if (basis) {
      bounds = new Map();
      for (let i = 0; i < rowKeys.length; i++) bounds.set(rowKeys[i], [lp.rowLower[masterRows[i]], lp.rowUpper[masterRows[i]]]);
    }
    return { prices, schedules, basis: basis && { rows: keyed(basis.rows, rowKeys), cols: keyed(basis.cols, colKeys), bounds } };
  }

  /**
   * A cold first solve's basis: each order's cheapest schedule at the pricing costs (the start's
   * first pass, at zero prices) basic in its order row (its short column if it has none), every
   * other row's slack basic, every static column at 0. Row duals are then 0 but the order rows',
   * each its cheapest schedule's cost, so the basis is dual feasible (no cost is negative, and no
   * schedule is cheaper) and the dual simplex only has to make room on overloaded rows. HiGHS's
   * own start (the slack basis, every order row's equation unmet) took a third more pivots:
   * measured on generated 1000 × 20 × 26 (HiGHS Wasm, 3 runs), standard 9,050 → 7,646 simplex
   * iterations, 1.63 → 1.42 s; few-ops 4,731 → 3,380; shared-material 4,792 → 3,913;
   * long-routings 5,659 → 4,467; the same objectives.
   */
  function cheapestBasis(cheapest: Map<OrderData, number>) {
    const nS = staticCols.length;
    const cols = new Int32Array(nS + schedCols.length); // AT_LOWER
    const rows = new Int32Array(masterRows.length).fill(BASIC);
    for (const d of orders) {
      const s = cheapest.get(d);
      rows[d.row] = AT_LOWER;
      if (s !== undefined) cols[nS + s] = BASIC;
      else cols[colMap[d.o.short]] = BASIC;
    }
    master.setBasis?.(cols, rows);
  }

  /**
   * The first solve's basis from a baseline's (MasterBasis), the carried schedules (the first
   * columns of the first batch) as they were there. A change leaves the count of basic
   * variables off the count of rows (an order cancelled takes its row and its schedules away):
   * slacks of the last rows become basic, or the last basic schedules leave, until they match;
   * the solver repairs a basis that is then singular. True when it came over whole: the same
   * rows with the same bounds and no status to repair (then it is most likely still primal
   * feasible, and the primal simplex starts from it; were it not, its phase 1 repairs that).
   */
  function startBasis(b: MasterBasis, carried: number[], upper: Float64Array, rowLower: Float64Array, rowUpper: Float64Array): boolean {
    const m = masterRows.length;
    const nS = staticCols.length;
    const cols = new Int32Array(nS + schedCols.length); // AT_LOWER
    const rows = new Int32Array(m);
    let basic = 0;
    for (let c = 0; c < nS; c++) {
      const st = colKeys[c] === undefined ? undefined : b.cols.get(colKeys[c]!);
      cols[c] = st === undefined || (st === AT_UPPER && !Number.isFinite(upper[staticCols[c]])) ? AT_LOWER : st;
      if (cols[c] === BASIC) basic++;
    }
    carried.forEach((st, i) => (cols[nS + i] = st) === BASIC && basic++);
    let same = b.bounds !== undefined && b.rows.size === m;
    for (let i = 0; i < m; i++) {
      (rows[i] = b.rows.get(rowKeys[i]) ?? BASIC) === BASIC && basic++;
      const was = b.bounds?.get(rowKeys[i]);
      if (!was || was[0] !== rowLower[masterRows[i]] || was[1] !== rowUpper[masterRows[i]]) same = false;
    }
    if (basic !== m) same = false;
    for (let i = m - 1; i >= 0 && basic < m; i--) if (rows[i] !== BASIC) (rows[i] = BASIC), basic++;
    for (let j = cols.length - 1; j >= 0 && basic > m; j--) if (cols[j] === BASIC) (cols[j] = AT_LOWER), basic--;
    return (master.setBasis?.(cols, rows) ?? false) && same;
  }
}

/** `from` at `at` (a typed array's from() with a mapping goes through an iterator: slow on every request). */
function pick(from: Float64Array, at: number[]): Float64Array {
  const out = new Float64Array(at.length);
  for (let i = 0; i < at.length; i++) out[i] = from[at[i]];
  return out;
}

/** Whether a schedule is new (by its columns; a hash collision only drops a column the rounds regenerate). */
function firstSight(seen: Set<number>, d: OrderData, col: Schedule): boolean {
  let h = d.row | 0;
  for (let k = 0; k < col.full.length; k++) h = Math.imul(h ^ col.full[k], 0x9e3779b1) ^ (h >>> 15);
  if (seen.has(h)) return false;
  seen.add(h);
  return true;
}

/**
 * The first master's columns (see START_PASSES). Prices start at 0 and rise on each capacity row
 * by the step times its overuse beyond regular hours plus overtime (plus the overtime rate once
 * past regular hours), and on each material's stock before purchases can arrive by the step
 * times the cumulative overuse there; a unit drawn in bucket s pays the prices of every bucket
 * from s until purchases can arrive. Prices enter priceOrder as negative duals, as the master's do.
 * Each pass's schedule of each order is offered to `offer` (which keeps the new ones).
 */
export function startColumns(
  pm: PlanModel,
  orders: OrderData[],
  rowMap: Int32Array,
  nRows: number,
  offer: (d: OrderData, col: Schedule) => void,
  warm?: Float64Array,
  colCost = pm.lp.colCost,
): void {
  const lp = { colCost, rowUpper: pm.lp.rowUpper }; // the costs to price at (the plan's own unless a what-if asks otherwise)
  const T = pm.buckets.count;
  const prices = new Float64Array(nRows); // as duals: ≤ 0
  const use = new Float64Array(nRows);
  const rise = new Float64Array(nRows);
  const scale = pm.latePenalty * pm.buckets.days;
  const caps: { row: number; hours: number; room: number; otCost: number }[] = [];
  for (const [wc, rows] of pm.capRows) {
    const c = pm.capacity.get(wc)!;
    const ot = pm.otCols.get(wc)!;
    for (let t = 0; t < T; t++)
      if (rows[t] >= 0) caps.push({ row: rowMap[rows[t]], hours: c.hours[t], room: c.hours[t] + c.overtimeMax[t], otCost: ot[t] >= 0 ? lp.colCost[ot[t]] : 0 });
  }
  const stocks = [...pm.materials.values()].map((mv) => ({ supply: mv.supply, rows: Int32Array.from(mv.rows, (r) => rowMap[r]) }));
  // Warm: a first pass at the prices a similar plan ended with (its optimal schedules, mostly),
  // then WARM_PASSES subgradient passes instead of START_PASSES.
  const passes = warm ? WARM_PASSES : START_PASSES;
  for (let pass = warm ? -1 : 0; pass < passes; pass++) {
    use.fill(0);
    for (const d of orders) {
      const best = priceOrder(d, lp.colCost, pass < 0 ? warm! : prices, T);
      if (!best) continue;
      const col = schedule(d, best.done, lp.colCost, d.row);
      offer(d, col);
      const q = lp.rowUpper[d.o.doneRow];
      for (let k = 0; k < col.rows.length; k++) if (col.rows[k] !== d.row) use[col.rows[k]] += q * col.coefs[k];
    }
    if (pass < 0) continue;
    const step = (START_STEP / (pass + 1)) * scale;
    for (const c of caps) {
      rise[c.row] = Math.max(0, rise[c.row] + (step * (use[c.row] - c.room)) / Math.max(c.room, 1));
      prices[c.row] = -(rise[c.row] + (use[c.row] > c.hours ? c.otCost : 0));
    }
    for (const { supply, rows } of stocks) {
      const lead = Math.min(T, supply.leadBucket);
      let used = 0;
      let there = supply.usable;
      for (let t = 0; t < lead; t++) {
        used += use[rows[t]];
        there += supply.usableReceipts[t];
        rise[rows[t]] = Math.max(0, rise[rows[t]] + (step * (used - there)) / Math.max(there, 1));
      }
      let price = 0;
      for (let t = T - 1; t >= 0; t--) {
        if (t < lead) price += rise[rows[t]];
        prices[rows[t]] = -price;
      }
    }
  }
}

/** Column batch in CSC form, grown one schedule at a time. */
export class Batch {
  cost: number[] = [];
  upper: number[] = [];
  starts: number[] = [0];
  index: number[] = [];
  value: number[] = [];
  get count() {
    return this.cost.length;
  }
  add(cost: number, upper: number, rows: number[], coefs: number[]) {
    this.cost.push(cost);
    this.upper.push(upper);
    for (let k = 0; k < rows.length; k++) this.index.push(rows[k]), this.value.push(coefs[k]);
    this.starts.push(this.index.length);
  }
  build(): ColumnBatch {
    return {
      cost: Float64Array.from(this.cost),
      upper: Float64Array.from(this.upper),
      starts: Int32Array.from(this.starts),
      index: Int32Array.from(this.index),
      value: Float64Array.from(this.value),
    };
  }
}

/**
 * Per master: each work center's and material's master row per bucket (−1: none), shared by
 * every order, and the pricing scratch arrays, shared too: an order's tables are read only
 * right after it is priced (schedule), so one set per operation slot serves every order (one
 * set per operation of every order was a third of a what-if's solve, in allocations).
 */
class OrderTables {
  private cap = new Map<string, Int32Array>();
  private mat = new Map<string, Int32Array>();
  private ops: { done: Float64Array; how: Int32Array; from: Int32Array; start: Float64Array }[] = [];
  private nodes: Int32Array[][] = [];
  constructor(
    private pm: PlanModel,
    private rowMap: Int32Array,
    private T: number,
  ) {}
  private rows(cache: Map<string, Int32Array>, id: string, rows: Int32Array | undefined): Int32Array {
    let out = cache.get(id);
    if (!out) {
      out = new Int32Array(this.T).fill(-1);
      if (rows) for (let t = 0; t < this.T; t++) if (rows[t] >= 0) out[t] = this.rowMap[rows[t]];
      cache.set(id, out);
    }
    return out;
  }
  capRows = (wc: string) => this.rows(this.cap, wc, this.pm.capRows.get(wc));
  matRows = (m: string) => this.rows(this.mat, m, this.pm.materials.get(m)?.rows);
  opScratch(slot: number) {
    const T = this.T;
    while (this.ops.length <= slot) this.ops.push({ done: new Float64Array(T), how: new Int32Array(T), from: new Int32Array(T), start: new Float64Array(T) });
    return this.ops[slot];
  }
  childFrom(slot: number, count: number): Int32Array[] {
    while (this.nodes.length <= slot) this.nodes.push([]);
    const list = this.nodes[slot];
    while (list.length < count) list.push(new Int32Array(this.T));
    return list.slice(0, count);
  }
}

/** Units of each operation's item per order unit, by the operation's index in the order's ops. */
function opUnits(d: OrderData): Float64Array {
  const out = new Float64Array(d.o.ops.length).fill(1);
  for (const n of d.post) for (const op of n.ops) out[op.idx] = op.pou;
  return out;
}

function orderData(tables: OrderTables, o: PlannedOrder, rowMap: Int32Array): OrderData {
  const byOp = new Map(o.ops.map((v, i) => [v.op, i]));
  const post: NodeData[] = [];
  const root = nodeData(tables, o, byOp, post, o.root);
  return { o, root, post, row: rowMap[o.doneRow] };
}

/** One part's pricing data, its components first in `post` (a module function, not a closure per order: see network.ts explodeOrder). */
function nodeData(tables: OrderTables, o: PlannedOrder, byOp: Map<PlanOp, number>, post: NodeData[], n: PartNode): NodeData {
  const children = n.makeChildren.map((c) => nodeData(tables, o, byOp, post, c.node));
  const ops = n.ops.map((op, k): OpData => {
    const idx = byOp.get(op)!;
    const mats = k === 0 ? n.buyChildren.map((bc) => ({ rows: tables.matRows(key(bc.item.ItemId)), coef: bc.ratio * n.perOrderUnit })) : [];
    return { v: o.ops[idx], idx, pou: n.perOrderUnit, cap: tables.capRows(op.wc), mats, ...tables.opScratch(idx) };
  });
  const d: NodeData = { ops, children, childFrom: tables.childFrom(post.length, children.length) };
  post.push(d);
  return d;
}

/**
 * Cheapest schedule of one order unit at row prices `duals` (reduced cost without the order
 * row's dual): a dynamic program over the operation tree, children first. Returns the bucket the
 * last operation is done in, or undefined if no schedule exists.
 */
export function priceOrder(d: OrderData, colCost: Float64Array, duals: Float64Array, T: number): { cost: number; done: number } | undefined {
  const W = WIP_PER_UNIT_BUCKET;
  for (const n of d.post) {
    for (let k = 0; k < n.ops.length; k++) {
      const op = n.ops[k];
      const start = op.start;
      const lag = op.v.flowLag;
      if (k === 0) {
        // Every component done by s, each waiting (s − done) buckets.
        start.fill(0);
        for (let c = 0; c < n.children.length; c++) {
          const last = n.children[c].ops[n.children[c].ops.length - 1];
          const from = n.childFrom[c];
          let best = Infinity;
          let arg = -1;
          for (let s = 0; s < T; s++) {
            // units done in u are handed over in u + lag (build-model.ts, flow-lag.ts)
            const u = s - lag;
            best += W;
            if (u >= 0 && last.done[u] < best) (best = last.done[u]), (arg = u);
            start[s] += best;
            from[s] = arg;
          }
        }
        // Material drawn when the node's first operation starts.
        for (const m of op.mats)
          for (let s = 0; s < T; s++) {
            if (m.rows[s] < 0) continue;
            start[s] -= duals[m.rows[s]] * m.coef;
          }
      } else {
        const prev = n.ops[k - 1].done;
        let best = Infinity;
        let arg = -1;
        for (let s = 0; s < T; s++) {
          const u = s - lag;
          best += W;
          if (u >= 0 && prev[u] < best) (best = prev[u]), (arg = u);
          start[s] = best;
          op.from[s] = arg;
        }
      }
      const done = op.done;
      done.fill(Infinity);
      const v = op.v;
      for (let s = 0; s < T; s++) {
        if (!(start[s] < Infinity)) continue;
        const xc = v.x[s];
        if (xc >= 0) {
          const row = op.cap[s];
          const c = start[s] + op.pou * (colCost[xc] - (row >= 0 ? duals[row] * v.op.hoursPerUnit : 0));
          if (c < done[s]) (done[s] = c), (op.how[s] = s * 2);
        }
        const yc = v.y[s];
        if (yc >= 0) {
          const a = v.arrival[s];
          const c = start[s] + op.pou * colCost[yc];
          if (c < done[a]) (done[a] = c), (op.how[a] = s * 2 + 1);
        }
      }
    }
  }
  const last = d.root.ops[d.root.ops.length - 1].done;
  let best = Infinity;
  let arg = -1;
  for (let t = 0; t < T; t++) if (last[t] < best) (best = last[t]), (arg = t);
  return arg < 0 ? undefined : { cost: best, done: arg };
}

export interface Schedule {
  cost: number;
  /** the waiting (WIP) part of cost, which no request changes */
  wip: number;
  /** master rows and coefficients */
  rows: number[];
  coefs: number[];
  /** full-model columns and units of each per order unit */
  full: Int32Array;
  mult: Float64Array;
  /** per operation of the order: start bucket × 2 + 1 if subcontracted (CarriedSchedules) */
  picks: Int32Array;
}

/** The schedule priceOrder found, as a master column and as full-model columns. */
export function schedule(d: OrderData, doneAt: number, colCost: Float64Array, orderRow: number): Schedule {
  const picks = new Int32Array(d.o.ops.length).fill(-1);
  pickBack(picks, d.root, doneAt);
  return scheduleOf(d, picks, colCost, orderRow)!;
}

/** The picks of one part done in `doneBucket`, back through its operations and components (a module function: see nodeData). */
function pickBack(picks: Int32Array, n: NodeData, doneBucket: number) {
  let dBucket = doneBucket;
  for (let k = n.ops.length - 1; k >= 0; k--) {
    const op = n.ops[k];
    const how = op.how[dBucket];
    picks[op.idx] = how;
    const s = how >> 1;
    if (k > 0) dBucket = op.from[s];
    else for (let c = 0; c < n.children.length; c++) pickBack(picks, n.children[c], n.childFrom[c][s]);
  }
}

/**
 * The schedule that does each operation as `picks` says, as a master column and as full-model
 * columns; undefined if it is none on this model (a bucket without the column, or an operation
 * starting before what it waits for is done there). Rows in the order first touched, each row's
 * coefficients summed in visit order. Module scratch instead of a Map and closures per call: a
 * what-if rebuilds every carried schedule and this was a tenth of its column generation.
 */
export function scheduleOf(d: OrderData, picks: Int32Array, colCost: Float64Array, orderRow: number): Schedule | undefined {
  const n = d.o.ops.length;
  if (picks.length !== n) return undefined;
  const w = walker;
  w.T = d.root.ops[0].done.length;
  w.picks = picks;
  w.colCost = colCost;
  w.full = new Int32Array(n);
  w.mult = new Float64Array(n);
  w.count = 0;
  w.cost = 0;
  w.wip = 0;
  w.rows = [];
  w.coefs = [];
  if (++w.stamp > 2 ** 30) (w.stamp = 1), w.mark.fill(0);
  w.put(orderRow, 1);
  const ok = w.walk(d.root);
  const { rows, coefs } = w;
  w.picks = EMPTY_PICKS;
  if (!ok) return undefined;
  const full = w.count === n ? w.full : w.full.slice(0, w.count);
  const mult = w.count === n ? w.mult : w.mult.slice(0, w.count);
  return { cost: w.cost + w.wip, wip: w.wip, rows, coefs, full, mult, picks };
}

const EMPTY_PICKS = new Int32Array(0);

/** scheduleOf's state: one walk at a time (pricing is synchronous). */
class ScheduleWalker {
  T = 0;
  picks: Int32Array = EMPTY_PICKS;
  colCost: Float64Array = new Float64Array(0);
  full: Int32Array = new Int32Array(0);
  mult: Float64Array = new Float64Array(0);
  count = 0;
  cost = 0;
  wip = 0;
  rows: number[] = [];
  coefs: number[] = [];
  /** per master row: the stamp of the walk that last touched it, and its place in rows */
  mark = new Int32Array(0);
  slot = new Int32Array(0);
  stamp = 1;
  put(row: number, a: number) {
    if (row < 0) return;
    if (row >= this.mark.length) {
      const size = Math.max(row + 1, this.mark.length * 2, 1024);
      const mark = new Int32Array(size);
      mark.set(this.mark);
      const slot = new Int32Array(size);
      slot.set(this.slot);
      (this.mark = mark), (this.slot = slot);
    }
    if (this.mark[row] === this.stamp) this.coefs[this.slot[row]] += a;
    else {
      this.mark[row] = this.stamp;
      this.slot[row] = this.rows.length;
      this.rows.push(row);
      this.coefs.push(0 + a); // as a Map's (get ?? 0) + a had it: −0 becomes 0
    }
  }
  /** the bucket an operation's units are done in (−1: not a schedule) */
  doneOf(op: OpData): number {
    const p = this.picks[op.idx];
    const s = p >> 1;
    if (p < 0 || s >= this.T) return -1;
    return p & 1 ? (op.v.y[s] >= 0 ? op.v.arrival[s] : -1) : op.v.x[s] >= 0 ? s : -1;
  }
  waits(s: number, lag: number, before: OpData): boolean {
    const done = this.doneOf(before);
    const gap = s - lag - done;
    if (done < 0 || gap < 0) return false;
    this.wip += WIP_PER_UNIT_BUCKET * gap;
    return true;
  }
  walk(n: NodeData): boolean {
    for (let k = n.ops.length - 1; k >= 0; k--) {
      const op = n.ops[k];
      if (this.doneOf(op) < 0) return false;
      const p = this.picks[op.idx];
      const s = p >> 1;
      const col = p & 1 ? op.v.y[s] : op.v.x[s];
      this.full[this.count] = col;
      this.mult[this.count++] = op.pou;
      this.cost += op.pou * this.colCost[col];
      if (!(p & 1)) this.put(op.cap[s], op.pou * op.v.op.hoursPerUnit);
      for (const m of op.mats) this.put(m.rows[s], m.coef);
      const lag = op.v.flowLag;
      if (k > 0) {
        if (!this.waits(s, lag, n.ops[k - 1])) return false;
      } else {
        for (const child of n.children) if (!this.waits(s, lag, child.ops[child.ops.length - 1]) || !this.walk(child)) return false;
      }
    }
    return true;
  }
}
const walker = new ScheduleWalker();
