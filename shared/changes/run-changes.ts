// The plan job when there is something to compare: a WhatIf sheet (baseline and scenario planned
// in one run), an earlier plan (a result workbook or a stored run), or both. Adds Changes,
// Stranded and RunOut to the plan's own sheets and JSON. Without either it is a plain plan.
import type { Plant } from '../domain';
import { InputError } from '../problems';
import type { ResultSheet } from '../results';
import { solvePlan, type PlanOutcome, type PlanStats, type SolvePlanOptions } from '../plan/solve-plan';
import type { PlanAnswer } from '../answers';
import { comparePlans, type Comparison, type PlanAnswer as EarlierPlan } from './compare';
import { answerOf, planWhatIf, type ChangeEffect } from './plan-changes';
import { runOuts } from './run-out';
import { changesSheet, runOutSheet, strandedSheet } from './sheets';
import { strandedMaterial, type StrandedItem } from './stranded';
import { applyWhatIf } from './what-if';

export interface ChangesOptions {
  /** the earlier plan to compare with (instead of this book's own baseline) */
  compareWith?: EarlierPlan;
  /** add the RunOut sheet even without changes */
  runOut?: boolean;
  /**
   * Plan each what-if step from where the step before ended (its prices, schedules and basis:
   * decompose.ts WarmStart), the default: the same plan as a separate plan of the edited book
   * (the plan's tie-break makes its optimum one plan, tie-break.ts) in a fraction of the time.
   * false: every step from scratch.
   */
  warmStart?: boolean;
  /** plans already made of identical plants (the service keeps the last few per worker): a what-if takes its baseline from here */
  memo?: PlanMemo;
}

/** Remembers plans by plant (the caller decides what makes two requests the same). */
export interface PlanMemo {
  get(plant: Plant): PlanOutcome | undefined;
  set(plant: Plant, outcome: PlanOutcome): void;
}

export interface ChangesOutcome {
  json: PlanAnswer;
  sheets: ResultSheet[];
  stats: PlanStats;
  /** the plan written (the scenario in a what-if) */
  plan: PlanOutcome;
  /** the book without its changes (what-if only) */
  baseline?: PlanOutcome;
}

const pick = (lang: 'en' | 'zh', t: { en: string; zh: string }) => (lang === 'zh' ? t.zh : t.en);

/**
 * What a later what-if reads of a remembered plan as its baseline: its answer, objective, time
 * and warm start. Its sheets and day-by-day schedule (about 25 MB of objects at 1,000 orders)
 * stay out: every garbage collection of the worker would otherwise mark them again.
 */
const asBaseline = (out: PlanOutcome): PlanOutcome => ({ ...out, sheets: [], schedule: undefined });

export async function planWithChanges(plant: Plant, opts: SolvePlanOptions, c: ChangesOptions): Promise<ChangesOutcome> {
  const lang = opts.lang;
  const whatIf = plant.WhatIf.length > 0;
  // Every plan is remembered; only a what-if's baseline is looked up (a plan request always plans).
  const solve = async (p: Plant, o: SolvePlanOptions, lookUp = false): Promise<PlanOutcome> => {
    const known = lookUp ? c.memo?.get(p) : undefined;
    if (known) return known;
    const out = await solvePlan(p, o);
    c.memo?.set(p, asBaseline(out));
    return out;
  };
  if (!whatIf && !c.compareWith) {
    const plan = await solve(plant, opts);
    const ro = c.runOut ? runOuts(plant, answerOf(plan)) : [];
    return { json: c.runOut ? { ...plan.json, runOut: ro } : plan.json, sheets: c.runOut ? [...plan.sheets, runOutSheet(ro, lang, plant.settings.Currency ?? 'CNY')] : plan.sheets, stats: plan.stats, plan };
  }
  if (whatIf) {
    const { problems } = applyWhatIf(plant, { includeDrafts: opts.includeDrafts });
    if (problems.length) throw new InputError(problems);
  }
  const steps: { step: number; seconds: number }[] = [];
  let effects: ChangeEffect[] = [];
  let plan: PlanOutcome;
  let baseline: PlanOutcome | undefined;
  let edited = plant;
  /** the what-if's own comparison with its baseline and stranded material (the same as made here) */
  let made: { comparison: Comparison; stranded: StrandedItem[] } | undefined;
  if (whatIf) {
    // The baseline may be known (this book was just planned); each later step starts from where
    // the step before ended (unless warmStart is false).
    let warm = opts.warm;
    const r = await planWhatIf(plant, { includeDrafts: opts.includeDrafts }, async (p, step) => {
      const t = opts.clock();
      const out = step === 0 ? await solve(p, opts, true) : await solvePlan(p, { ...opts, warm: c.warmStart === false ? undefined : warm, onProgress: undefined });
      steps.push({ step, seconds: (opts.clock() - t) / 1000 });
      warm = out.warm ?? warm;
      return out;
    });
    plan = r.scenario;
    baseline = r.baseline;
    effects = r.report.effects;
    edited = r.edited;
    if (!c.compareWith) made = r.report;
  } else {
    plan = await solve(plant, opts);
  }
  const before: EarlierPlan = c.compareWith ?? answerOf(baseline!);
  const comparison = made?.comparison ?? comparePlans(edited, before, answerOf(plan));
  const stranded = made?.stranded ?? strandedMaterial(edited, before, answerOf(plan));
  const ro = runOuts(edited, answerOf(plan));
  const currency = plant.settings.Currency ?? 'CNY';
  const stats: PlanStats = { ...plan.stats, seconds: steps.length ? steps.reduce((s, x) => s + x.seconds, 0) : plan.stats.seconds };
  const json: PlanAnswer = {
    ...plan.json,
    changes: {
      summary: pick(lang, comparison.summary),
      comparedWith: c.compareWith ? ('earlier plan' as const) : ('baseline' as const),
      effects: effects.map((e) => ({
        index: e.change.index,
        action: e.change.action,
        orderId: e.change.orderId,
        change: pick(lang, e.change.label),
        delays: e.delays,
        costDelta: e.costDelta,
        ...(e.rush ? { rush: e.rush } : {}),
      })),
      orders: comparison.orders,
      load: comparison.load,
      purchases: comparison.purchases,
      costsBefore: comparison.costsBefore,
      costsAfter: comparison.costsAfter,
      overtimeHoursBefore: comparison.overtimeHoursBefore,
      overtimeHoursAfter: comparison.overtimeHoursAfter,
      ...(baseline ? { baseline: { objective: baseline.json.objective, seconds: baseline.stats.seconds }, steps } : {}),
    },
    stranded,
    runOut: ro,
  };
  const sheets = [...plan.sheets, changesSheet(comparison, effects, lang, currency), strandedSheet(stranded, lang, currency), ...(ro.length || c.runOut ? [runOutSheet(ro, lang, currency)] : [])];
  return { json, sheets, stats, plan, baseline };
}
