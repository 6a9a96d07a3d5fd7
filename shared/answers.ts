// What each job answers, declared once: the --json output of the CLI and the body of the HTTP API
// (with `runId` added by the service; with `?sheets=true` the result sheets replace the lists they
// carry, shared/sheet-answer.ts, which is what the task pane reads). The lists of
// jobs and of solver names are declared here too.
import type { Job } from './contract';
import type { Day } from './dates';
import type { LoadRow, MaterialRow, PlanException, PurchaseSuggestion } from './plan/extract';
import type { ScorecardJson } from './suppliers/report';
import type { Breakdown, CostLine } from './quote/rollup';
import type { Simulation } from './quote/simulate';
import type { DeliveryPromise } from './quote/promise';
import type { CostsAnswer, PriceReviewAnswer } from './actuals/answers';
import type { ScheduleAnswer } from './schedule/sheets';
import type { ChangesAnswer, StrandedItem, RunOut } from './changes/answer';

export const JOB_NAMES = ['plan', 'quote', 'suppliers', 'costs', 'prices'] as const satisfies readonly Job[];

/** Solvers a plan or quote may ask for; `auto` picks by model size. */
export const SOLVER_NAMES = ['auto', 'highs', 'jslp', 'glpk', 'cbc'] as const;
export type SolverName = (typeof SOLVER_NAMES)[number];

/** One order of the plan, its text in the language asked for. */
export interface PlanOrderAnswer {
  orderId: string;
  item: string;
  quantity: number;
  dueDate: Day;
  finishDate: Day | null;
  daysLate: number | null;
  subcontractedQty: number;
  shortQty: number;
  lateBecause: string | null;
  /** alternate components used, in words (only when any) */
  alternatesUsed?: string;
  /** material bought for this order left over after it, in words (only when any) */
  leftover?: string;
  /** operations split onto alternative work centers, in words (only when any) */
  alternateCenters?: string;
}

export interface PlanAnswer {
  /** optimal, or empty when there was nothing to plan (then `message` says why) */
  status: 'optimal' | 'empty';
  message?: string;
  objective: number;
  solver: { name: string; seconds: number; variables: number; constraints: number };
  orders: PlanOrderAnswer[];
  load: LoadRow[];
  materials: MaterialRow[];
  purchaseSuggestions: PurchaseSuggestion[];
  exceptions: (Omit<PlanException, 'message'> & { message: string })[];
  /** with a WhatIf sheet or an earlier plan to compare with (shared/changes) */
  changes?: ChangesAnswer;
  stranded?: StrandedItem[];
  runOut?: RunOut[];
  /** the day-by-day schedule: rounded objective and gap, the sequencing rule kept, the operation lots */
  roundedObjective?: ScheduleAnswer['roundedObjective'];
  roundingGap?: ScheduleAnswer['roundingGap'];
  sequencing?: ScheduleAnswer['sequencing'];
  schedule?: ScheduleAnswer['schedule'];
}

/** One Quotes row costed, priced, simulated and promised. */
export interface QuoteLineAnswer {
  quoteId: string;
  customer: string | null;
  item: string;
  quantity: number;
  requestedDate: Day | null;
  costDate: Day | null;
  unitCost: number;
  breakdown: Breakdown;
  lines: CostLine[];
  marginPct: number;
  unitPrice: number;
  priceAtMean: number;
  priceAtP90: number;
  simulation: Pick<Simulation, 'runs' | 'seed' | 'mean' | 'stdev' | 'p10' | 'p50' | 'p90' | 'min' | 'max' | 'costAtLikely' | 'histogram' | 'tornado'>;
  promiseDate: Day | null;
  rushPremium: number | null;
  promise: Pick<DeliveryPromise, 'status' | 'note' | 'noteZh'>;
}

export interface QuoteAnswer {
  quotes: QuoteLineAnswer[];
}

export type ScorecardAnswer = ScorecardJson;

/** Each job's answer by job name. */
export interface JobAnswers {
  plan: PlanAnswer;
  quote: QuoteAnswer;
  suppliers: ScorecardAnswer;
  costs: CostsAnswer;
  prices: PriceReviewAnswer;
}

/** A problem in the input, as the API and --json report it: the cell and what is wrong, in the language asked for. */
export interface ProblemAnswer {
  sheet: string;
  cell: string;
  message: string;
}

/** What Validate answers for an uploaded workbook with no problems. */
export interface CheckAnswer {
  ready: Job[];
  sheets: number;
}

/** The HTTP body of a job: its answer and the stored run's id (`?sheets=true`: SheetAnswer instead). */
export type JobHttpAnswer<J extends Job = Job> = JobAnswers[J] & { runId?: number };
