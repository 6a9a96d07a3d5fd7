// One what-if run: the baseline (the book as it is), then the changes applied one after another,
// each step planned, so every change can be told what it did — the orders it delays and by how
// many days, what it costs — and the last step is the scenario with every change. A step is a
// plan of an edited copy of the plant, exactly what a separate plan of the edited book gives.
import type { Plant } from '../domain';
import type { PlanOutcome } from '../plan/solve-plan';
import { comparePlans, type Comparison, type PlanAnswer, type PlanCosts } from './compare';
import { strandedMaterial, type StrandedItem } from './stranded';
import { applyWhatIf, type AppliedChange } from './what-if';
import { sameId } from '../network';

/** Above this many change rows the changes are planned together only (one scenario), not one by one. */
export const MAX_STEPS = 12;

export interface Delay {
  orderId: string;
  /** days the finish moved later */
  days: number;
  daysLateAfter: number | null;
  shortAfter: number | null;
}

export interface CostDelta {
  lateness: number;
  overtime: number;
  subcontract: number | null;
  purchases: number;
  total: number;
}

/** AddOrder's answer: can we ship it by its date, at what extra cost, and who slips. */
export interface RushAnswer {
  orderId: string;
  dueDate: string;
  canShip: boolean;
  finishDate: string | null;
  daysLate: number | null;
  shortQty: number;
  extraCost: number;
}

export interface ChangeEffect {
  change: AppliedChange;
  /** null when the changes were planned together (more than MAX_STEPS rows) */
  delays: Delay[] | null;
  costDelta: CostDelta | null;
  rush?: RushAnswer;
}

export interface WhatIfReport {
  effects: ChangeEffect[];
  comparison: Comparison;
  stranded: StrandedItem[];
}

/** What planners read of a plan: the schedule's real days and whole pieces where there is one. */
export const answerOf = (o: PlanOutcome): PlanAnswer => o.scheduled ?? o.result;

export function costDelta(before: PlanCosts, after: PlanCosts): CostDelta {
  const d = (k: 'lateness' | 'overtime' | 'purchases') => Math.round((after[k] - before[k]) * 100) / 100;
  const sub = before.subcontract === null || after.subcontract === null ? null : Math.round((after.subcontract - before.subcontract) * 100) / 100;
  const total = Math.round((d('lateness') + d('overtime') + d('purchases') + (sub ?? 0)) * 100) / 100;
  return { lateness: d('lateness'), overtime: d('overtime'), subcontract: sub, purchases: d('purchases'), total };
}

/** Orders other than `self` that finish later (or fall short more) in `c`. */
export function delaysIn(c: Comparison, self: string): Delay[] {
  return c.orders
    .filter((o) => !sameId(o.orderId, self) && o.move !== 'added' && o.move !== 'gone')
    .filter((o) => (o.movedDays ?? 0) > 0 || (o.shortAfter ?? 0) > (o.shortBefore ?? 0) + 1e-6)
    .map((o) => ({ orderId: o.orderId, days: o.movedDays ?? 0, daysLateAfter: o.daysLateAfter, shortAfter: o.shortAfter }));
}

/**
 * Plans the baseline and the changes. `solve` plans a plant (the caller picks the backend and
 * may warm-start each step from the one before). Throws nothing about bad rows: call
 * applyWhatIf first and report its problems.
 */
export async function planWhatIf(
  plant: Plant,
  opts: { includeDrafts?: boolean },
  solve: (p: Plant, step: number) => Promise<PlanOutcome>,
): Promise<{ baseline: PlanOutcome; scenario: PlanOutcome; report: WhatIfReport; edited: Plant }> {
  const rows = plant.WhatIf;
  const base = { ...plant, WhatIf: [] };
  const baseline = await solve(base, 0);
  const all = applyWhatIf(plant, opts);
  const effects: ChangeEffect[] = [];
  let scenario: PlanOutcome;
  /** the comparison of the baseline and the scenario, when a step already made it (one change) */
  let whole: Comparison | undefined;
  /** the plant with every change: the last step's (the same as all.scenario, and its network is built already) */
  let edited = all.scenario;
  if (rows.length > MAX_STEPS) {
    scenario = await solve(all.scenario, 1);
    for (const change of all.applied) effects.push({ change, delays: null, costDelta: null });
  } else {
    let prev = baseline;
    for (let k = 1; k <= rows.length; k++) {
      // The last step has every change: the plant already made above.
      const step = k === rows.length ? all : applyWhatIf(plant, { ...opts, changes: rows.slice(0, k) });
      const out = await solve(step.scenario, k);
      const change = step.applied[step.applied.length - 1];
      const cmp = comparePlans(step.scenario, answerOf(prev), answerOf(out));
      // Costs of both plans priced on the edited plant (an added order has no rates in the old
      // one): the comparison's own costs, which are exactly that.
      const effect: ChangeEffect = { change, delays: delaysIn(cmp, change.orderId), costDelta: costDelta(cmp.costsBefore, cmp.costsAfter) };
      if (rows.length === 1) whole = cmp; // the baseline against the scenario already
      if (change.action === 'AddOrder') {
        const o = answerOf(out).orders.find((x) => sameId(x.orderId, change.orderId));
        if (o)
          effect.rush = {
            orderId: o.orderId,
            dueDate: o.dueDate,
            canShip: o.shortQty === 0 && o.finishDate !== null && (o.daysLate ?? 0) === 0,
            finishDate: o.finishDate,
            daysLate: o.daysLate,
            shortQty: o.shortQty,
            extraCost: effect.costDelta!.total,
          };
      }
      effects.push(effect);
      prev = out;
      edited = step.scenario;
    }
    scenario = prev;
  }
  const comparison = whole ?? comparePlans(edited, answerOf(baseline), answerOf(scenario));
  const stranded = strandedMaterial(edited, answerOf(baseline), answerOf(scenario));
  return { baseline, scenario, report: { effects, comparison, stranded }, edited };
}
