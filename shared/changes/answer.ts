// What a plan with changes adds to the plan's answer (shared/answers.ts): the comparison, what
// each change does, stranded material and engineering-change run-outs.
import type { Comparison } from './compare';
import type { ChangeEffect } from './plan-changes';
export type { RunOut } from './run-out';
export type { StrandedItem } from './stranded';

export interface ChangeEffectAnswer {
  index: number;
  action: string;
  orderId: string;
  /** the change in words, in the language asked for */
  change: string;
  delays: ChangeEffect['delays'];
  costDelta: ChangeEffect['costDelta'];
  rush?: ChangeEffect['rush'];
}

export interface ChangesAnswer extends Omit<Comparison, 'summary'> {
  /** "3 orders later, 1 earlier, overtime +12 h, lateness cost +4,200 CNY" */
  summary: string;
  comparedWith: 'earlier plan' | 'baseline';
  effects: ChangeEffectAnswer[];
  /** what-if only: the baseline's objective and time, and each step's time */
  baseline?: { objective: number; seconds: number };
  steps?: { step: number; seconds: number }[];
}
