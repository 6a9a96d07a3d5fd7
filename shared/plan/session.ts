// A planning session: one plan model kept in one solver, re-solved for a sequence of requests
// (new costs, new column bounds, new row bounds on the same model) from the previous basis. The
// quote's delivery promise asks several what-ifs of the same plant this way (what-if.ts says what
// each request means in planners' terms; this file only solves them).
//
// With a backend that keeps a model between solves (HiGHS), the session is the column-generation
// master of decompose.ts kept alive (ColumnMaster: the one column-generation loop, used by the
// plan too). Other backends solve the whole LP per request.
import type { Clock } from '../lp/model';
import type { LpModel, LpStatus, SolverBackend } from '../lp/model';
import { withLazyNames } from '../lp/model';
import type { PlanModel } from './build-model';
import { openMaster, type MasterCheckpoint, type PlanRequest } from './decompose';

export type { PlanRequest } from './decompose';

export interface SessionSolution {
  status: LpStatus;
  /** one value per column of the full plan model */
  values: Float64Array;
  message?: string;
}

export interface PlanSession {
  solve(req: PlanRequest, timeLimitSeconds: number): Promise<SessionSolution>;
  /** the last solve's basis, to start a later request from (undefined when the backend keeps no model) */
  checkpoint(): MasterCheckpoint | undefined;
  restore(c: MasterCheckpoint): void;
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
      checkpoint: () => undefined,
      restore() {},
      dispose() {},
    };
  }
  const master = await openMaster(pm, backend.incremental);
  return {
    async solve(req, limit) {
      const s = master.solve(req, { timeLimitSeconds: limit, clock });
      return { status: s.status, values: s.values, message: s.message };
    },
    checkpoint: () => master.checkpoint(),
    restore: (c) => master.restore(c),
    dispose: () => master.dispose(),
  };
}
