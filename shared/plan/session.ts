// A planning session: one plan model kept in one solver, re-solved for a sequence of requests
// (new costs, new column bounds, new row bounds on the same model) from the previous basis. The
// quote's delivery promise asks several what-ifs of the same plant this way (what-if.ts says what
// each request means in planners' terms; this file only solves them).
//
// With a backend that keeps a model between solves (HiGHS), the session is the column-generation
// master of decompose.ts kept alive: a request changes the master's static columns (overtime,
// stock, purchases, short) and rows in place, re-costs the schedules it already has (a schedule
// that uses a column the request forbids gets upper bound 0), and then prices new schedules at
// the new duals until none lowers the cost. Other backends solve the whole LP per request.
import type { Clock } from '../lp/model';
import type { LpModel, LpStatus, SolverBackend } from '../lp/model';
import { withLazyNames } from '../lp/model';
import type { PlanModel } from './build-model';
import { Batch, orderData, priceOrder, schedule, startColumns, type OrderData, type Schedule } from './decompose';

/** Full-model vectors: column costs and upper bounds, row bounds (lower bounds of columns stay 0). */
export interface PlanRequest {
  cost: Float64Array;
  upper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
}

export interface SessionSolution {
  status: LpStatus;
  /** one value per column of the full plan model */
  values: Float64Array;
  message?: string;
}

export interface PlanSession {
  solve(req: PlanRequest, timeLimitSeconds: number): Promise<SessionSolution>;
  dispose(): void;
}

/** The request that plans as the plan job does: the model's own costs and bounds. */
export const planRequestOf = (pm: PlanModel): PlanRequest => ({
  cost: pm.lp.colCost.slice(),
  upper: pm.lp.colUpper.slice(),
  rowLower: pm.lp.rowLower.slice(),
  rowUpper: pm.lp.rowUpper.slice(),
});

/** `clock`: milliseconds, for the time limits (shared/ reads no clock itself). */
export async function openSession(pm: PlanModel, backend: SolverBackend, clock: Clock): Promise<PlanSession> {
  if (!backend.incremental) {
    return {
      async solve(req, limit) {
        const m: LpModel = withLazyNames(
          { colCost: req.cost, colUpper: req.upper, rowLower: req.rowLower, rowUpper: req.rowUpper, rowStart: pm.lp.rowStart, rowIndex: pm.lp.rowIndex, rowValue: pm.lp.rowValue },
          () => pm.lp.colNames,
          () => pm.lp.rowNames,
        );
        const s = await backend.solve(m, { timeLimitSeconds: limit });
        return { status: s.status, values: s.values, message: s.message };
      },
      dispose() {},
    };
  }
  return columnSession(pm, backend.incremental, clock);
}

const MAX_ROUNDS = 500;
/** As in decompose.ts: the relative gap at which the loop may stop, and when rounds use the primal simplex. */
const GAP = 1e-9;
const PRIMAL_BELOW = 0.1;

async function columnSession(pm: PlanModel, incremental: NonNullable<SolverBackend["incremental"]>, clock: Clock): Promise<PlanSession> {
  const lp = pm.lp;
  const T = pm.buckets.count;
  const nCols = lp.colCost.length;
  const nRows = lp.rowLower.length;

  // Master rows and static columns exactly as decompose.ts makes them.
  const rowMap = new Int32Array(nRows).fill(-1);
  const masterRows: number[] = [];
  const addRow = (r: number) => {
    if (r >= 0 && rowMap[r] < 0) (rowMap[r] = masterRows.length), masterRows.push(r);
  };
  const planned = pm.orders.filter((o) => o.doneRow >= 0 && o.last);
  for (const o of planned) addRow(o.doneRow);
  for (const rows of pm.capRows.values()) for (const r of rows) addRow(r);
  for (const mv of pm.materials.values()) for (const r of mv.rows) addRow(r);
  const colMap = new Int32Array(nCols).fill(-1);
  const staticCols: number[] = [];
  const isShort = new Uint8Array(nCols);
  for (const o of planned) isShort[o.short] = 1;
  for (let j = 0; j < nCols; j++) if (pm.colOrder[j] < 0 || isShort[j]) (colMap[j] = staticCols.length), staticCols.push(j);
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
        colCost: Float64Array.from(staticCols, (j) => lp.colCost[j]),
        colUpper: Float64Array.from(staticCols, (j) => lp.colUpper[j]),
        rowLower: Float64Array.from(masterRows, (r) => lp.rowLower[r]),
        rowUpper: Float64Array.from(masterRows, (r) => lp.rowUpper[r]),
        rowStart: Int32Array.from(rowStart),
        rowIndex: Int32Array.from(rowIndex),
        rowValue: Float64Array.from(rowValue),
      },
      () => staticCols.map((j) => lp.colNames[j]),
      () => masterRows.map((r) => lp.rowNames[r]),
    ),
  );
  const orders: OrderData[] = planned.map((o) => orderData(pm, o, rowMap, T));
  const schedCols: Int32Array[] = [];
  const schedMult: Float64Array[] = [];
  /** the WIP part of each schedule's cost (the same under every request) */
  const schedWip: number[] = [];
  /** the done row of each schedule's order */
  const schedOrder: number[] = [];
  let started = false;

  const staticIdx = Int32Array.from(staticCols.keys());
  const rowIdx = Int32Array.from(masterRows.keys());
  const scheduleCost = (s: number, pcost: Float64Array) => {
    let c = schedWip[s];
    const cols = schedCols[s];
    const mult = schedMult[s];
    for (let k = 0; k < cols.length; k++) c += mult[k] * pcost[cols[k]];
    return c;
  };

  return {
    async solve(req, limit) {
      const t0 = clock();
      const left = () => limit - (clock() - t0) / 1000;
      // Pricing costs: a column the request closes (upper 0) cannot be in any schedule.
      const pcost = Float64Array.from(req.cost);
      for (let j = 0; j < nCols; j++) if (colMap[j] < 0 && req.upper[j] <= 0) pcost[j] = Infinity;
      const add = (batch: Batch, d: OrderData, col: Schedule) => {
        const wip = col.cost - scheduleWithoutWip(col, pcost);
        // Bounded by the order's quantity, as decompose.ts does: boxed columns let the dual
        // simplex flip bounds (Infinity here made each solve a third slower).
        batch.add(col.cost, lp.rowUpper[d.o.doneRow], col.rows, col.coefs);
        schedOrder.push(d.o.doneRow);
        schedCols.push(col.full);
        schedMult.push(col.mult);
        schedWip.push(wip);
      };
      if (started) {
        master.setColumns(staticIdx, Float64Array.from(staticCols, (j) => req.cost[j]), Float64Array.from(staticCols, (j) => req.upper[j]));
        const n = schedCols.length;
        const cost = new Float64Array(n);
        const upper = new Float64Array(n);
        for (let s = 0; s < n; s++) {
          const c = scheduleCost(s, pcost);
          const ok = Number.isFinite(c);
          cost[s] = ok ? c : 0;
          upper[s] = ok ? lp.rowUpper[schedOrder[s]] : 0;
        }
        master.setColumns(Int32Array.from({ length: n }, (_, s) => staticCols.length + s), cost, upper);
        master.setRows(rowIdx, Float64Array.from(masterRows, (r) => req.rowLower[r]), Float64Array.from(masterRows, (r) => req.rowUpper[r]));
      } else {
        master.setColumns(staticIdx, Float64Array.from(staticCols, (j) => req.cost[j]), Float64Array.from(staticCols, (j) => req.upper[j]));
        master.setRows(rowIdx, Float64Array.from(masterRows, (r) => req.rowLower[r]), Float64Array.from(masterRows, (r) => req.rowUpper[r]));
      }
      const active = orders.filter((d) => req.rowUpper[d.o.doneRow] > 0);
      let batch = new Batch();
      if (!started) {
        batch = startColumns(pm, active, rowMap, masterRows.length, add, undefined, pcost);
        started = true;
      }
      let colValue: Float64Array = new Float64Array(0);
      for (let round = 0; ; round++) {
        if (round >= MAX_ROUNDS) return failed('error', `column generation did not converge in ${MAX_ROUNDS} rounds`);
        if (left() <= 0) return failed('timeLimit', `stopped at the ${limit} s time limit`);
        master.addColumns(batch.build());
        // The request's first solve: the dual simplex (row bounds may have moved). Later rounds
        // add a few columns to a primal feasible basis: the primal simplex (as decompose.ts).
        const sol = master.solve(left(), round > 0 && batch.count < PRIMAL_BELOW * masterRows.length);
        if (sol.status !== 'optimal') return failed(sol.status, sol.message);
        colValue = sol.colValue;
        batch = new Batch();
        // Lagrangian bound as in decompose.ts: stop when no schedule can lower the cost by more than GAP.
        let bound = sol.objective;
        for (const d of active) {
          const best = priceOrder(d, pcost, sol.rowDual, T);
          if (!best) continue;
          const rc = best.cost - sol.rowDual[d.row];
          if (rc >= -1e-9 * Math.max(1, Math.abs(best.cost))) continue;
          bound += req.rowUpper[d.o.doneRow] * rc;
          add(batch, d, schedule(d, best.done, pcost, d.row));
        }
        if (batch.count === 0) break;
        if (sol.objective - bound <= GAP * Math.max(1, Math.abs(sol.objective))) {
          master.addColumns(batch.build()); // kept for later requests (at 0 now)
          break;
        }
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
      return { status: 'optimal', values };

      function failed(status: LpStatus, message?: string): SessionSolution {
        return { status, values: new Float64Array(nCols), message };
      }
    },
    dispose: () => master.dispose(),
  };
}

/** A schedule's cost without its WIP part: Σ units × column cost. */
function scheduleWithoutWip(col: Schedule, pcost: Float64Array): number {
  let c = 0;
  for (let k = 0; k < col.full.length; k++) c += col.mult[k] * pcost[col.full[k]];
  return c;
}
