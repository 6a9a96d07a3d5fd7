// The last few plans this process made, by what was planned: a what-if right after planning the
// same book (the planner's usual order) takes its baseline from here instead of planning it
// again. Per process (each service worker has its own); the same plant, options and language
// give the same plan, so a remembered one is exactly what planning again would give.
import { createHash } from 'node:crypto';
import type { PlanMemo } from '../../shared/changes/run-changes';
import type { Plant } from '../../shared/domain';
import type { PlanOutcome } from '../../shared/plan/solve-plan';
import type { JobOptions } from './types';

const KEEP = 2;
const remembered = new Map<string, PlanOutcome>();

function keyOf(plant: Plant, opts: JobOptions): string {
  // Where values were read (cells, sheet names) and the changes themselves do not change a plan.
  const { cells: _c, sheetNames: _n, settingsCells: _s, WhatIf: _w, ...what } = plant;
  const h = createHash('sha256');
  h.update(JSON.stringify([opts.lang, opts.solver ?? 'auto', Boolean(opts.includeDrafts), opts.phasing ?? null]));
  h.update(JSON.stringify(what));
  return h.digest('hex');
}

export function planMemo(opts: JobOptions): PlanMemo {
  return {
    get: (plant) => {
      const k = keyOf(plant, opts);
      const hit = remembered.get(k);
      if (hit) remembered.delete(k), remembered.set(k, hit); // most recent last
      return hit;
    },
    set: (plant, outcome) => {
      remembered.set(keyOf(plant, opts), outcome);
      while (remembered.size > KEEP) remembered.delete(remembered.keys().next().value!);
    },
  };
}

/** Forget every remembered plan (the bench times full plans). */
export const forgetPlans = (): void => remembered.clear();
