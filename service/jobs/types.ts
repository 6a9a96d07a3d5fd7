// The one interface the CLI, the HTTP routes and the solve workers use to run a job.
import type { JobAnswers, SolverName } from '../../shared/answers';
import type { Job } from '../../shared/contract';
import type { Plant } from '../../shared/domain';
import type { Lang } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';

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
