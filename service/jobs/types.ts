// The one interface the CLI, the HTTP routes and the solve workers use to run a job.
import type { PlanAnswer as EarlierPlan } from '../../shared/changes/compare';
import type { JobAnswers, SolverName } from '../../shared/answers';
import type { Job } from '../../shared/contract';
import type { Plant } from '../../shared/domain';
import type { Lang } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';
import type { SuggestingPlan } from '../../shared/actuals/price-review';

export type { SolverName };

export interface JobOptions {
  lang: Lang;
  solver?: SolverName;
  timeLimitSeconds?: number;
  /** plan Draft orders too (what-if) */
  includeDrafts?: boolean;
  /**
   * time-phased plan buckets: this many buckets of BucketDays first, the rest of the horizon in
   * buckets twice as long (a smaller model; lateness is then judged on the coarser buckets)
   */
  phasing?: number;
  /** supplier scorecard period: 2026-Q3, 2026-09, or from..to (2026-07-01..2026-09-30) */
  period?: string;
  /** an earlier plan to compare with (a result workbook or a stored run); not stored with the run */
  compareWith?: EarlierPlan;
  /** the stored run compared with (API compareRunId, CLI --compare-run) */
  compareRunId?: number;
  /** prices: hold PO quantities against this plan's purchase suggestions (a stored plan run) */
  suggestingPlan?: SuggestingPlan;
  /** prices: plan the same book now and hold PO quantities against its suggestions */
  withPlan?: boolean;
  /** add the engineering-change RunOut sheet even without changes */
  runOut?: boolean;
  /** false: every what-if step planned from scratch (by default each starts from where the step before ended: the same plan, faster) */
  warmStart?: boolean;
  /** false: the weekly allocation only, without the day-by-day schedule (CLI --no-schedule; the bench's comparison) */
  schedule?: boolean;
  /** keep the last plans made in this process, so a what-if after a plan of the same book reuses it (service workers) */
  rememberPlans?: boolean;
  onProgress?: (message: string) => void;
}

export interface SolveStats {
  solver: string;
  seconds: number;
  variables: number;
  constraints: number;
}

export interface JobResult<J extends Job = Job> {
  /** the job's --json / API body (shared/answers.ts) */
  json: JobAnswers[J];
  /** result sheets to add to the workbook */
  sheets: ResultSheet[];
  stats?: SolveStats;
}

/** Runs a validated plant. Throws InputError (bad references found late) or SolveError (infeasible, time limit, too large). */
export type JobRunner<J extends Job = Job> = (plant: Plant, opts: JobOptions) => Promise<JobResult<J>>;
