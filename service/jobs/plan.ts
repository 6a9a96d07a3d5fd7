// The plan job (docs/design.md §3): validated plant → LP → solve → Plan, Load, Materials and
// Exceptions. The backend is picked by model size unless --solver / the API forces one; the
// model can be written as a CPLEX-LP file for glpsol, CBC or anyone to inspect (the CLI's --export-lp).
import { writeFile } from 'node:fs/promises';
import { toLpFile } from '../../shared/lp/lp-file';
import { planWithChanges } from '../../shared/changes/run-changes';
import type { LpModel } from '../../shared/lp/model';
import { pickBackend } from '../solvers/index';
import type { HighsMethod } from '../solvers/highs';
import { planMemo } from './plan-memo';
import type { JobRunner } from './types';

/**
 * HiGHS solves plans by column generation (shared/plan/decompose.ts: a small master LP with
 * order schedules as columns, re-solved from its last basis by the primal simplex when few columns
 * enter and the dual simplex when many). This method is
 * for the whole LP, used when column generation cannot finish. Measured on this 2-core machine
 * (warm): dual simplex beats interior point on every whole plan LP — the WIP chains of
 * multi-operation orders make the interior point's iterations costly (sample plant 8,241
 * columns: 0.08 s vs 0.42 s; generated 150×8×26, 25,217 columns: 0.58 s vs 4.6 s; 300×10×26,
 * 55,435 columns: 2.2 s vs 19 s), and without presolve (300×10×26: 1.5 s instead of 3.2 s).
 */
export const PLAN_HIGHS_METHOD: HighsMethod = 'simplex';

/** An `onModel` for runPlan that writes the model as a CPLEX-LP file. */
export const writeLpFile =
  (path: string) =>
  (model: LpModel): Promise<void> =>
    writeFile(path, toLpFile(model));

/**
 * `onModel` sees the built model before it is solved (the CLI writes it with writeLpFile). A WhatIf
 * sheet or an earlier plan to compare with adds Changes, Stranded and RunOut sheets.
 */
export const runPlan = async (plant: Parameters<JobRunner>[0], opts: Parameters<JobRunner>[1], onModel?: (model: LpModel) => Promise<void>): ReturnType<JobRunner<'plan'>> => {
  const { json, sheets, stats } = await planWithChanges(plant, {
    lang: opts.lang,
    includeDrafts: opts.includeDrafts,
    phasing: opts.phasing === undefined ? undefined : { fineBuckets: opts.phasing },
    timeLimitSeconds: opts.timeLimitSeconds,
    onProgress: opts.onProgress,
    clock: () => performance.now(),
    backend: (model) => pickBackend(opts.solver ?? 'auto', model, { highsMethod: PLAN_HIGHS_METHOD, presolve: false }),
    onModel,
    schedule: opts.schedule,
  }, { compareWith: opts.compareWith, runOut: opts.runOut, warmStart: opts.warmStart, memo: opts.rememberPlans ? planMemo(opts) : undefined });
  return { json, sheets, stats };
};
