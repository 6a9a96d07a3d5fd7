// The working day of each work center, as the schedule sees it: one lane per unit (machine or
// crew), each open from SHIFT_START for the day's hours (Calendar exceptions, else HoursPerDay on
// its working weekdays) plus the overtime the plan used that week, spread evenly over the week's
// working days. Times are hours from PlanStart 00:00, so day d's window is
// [24d + SHIFT_START, 24d + SHIFT_START + hours]; a window never reaches the next day's.
import { addDays, type Day } from '../dates';
import type { Plant, WorkCenter } from '../domain';
import { bucketIndex } from '../plan/buckets';
import type { PlanModel } from '../plan/build-model';
import { calendarExceptions, dayHours, key } from '../plan/capacity';

/** The working day starts at 08:00. */
export const SHIFT_START = 8;
/** How far past the horizon work that does not fit may move on (then it is reported unscheduled). */
export const OVERFLOW_DAYS = 366;

export interface WorkCenterDays {
  wc: WorkCenter;
  id: string;
  lanes: number;
  /** EfficiencyPct / 100: an hour of work takes 1/eff clock hours */
  eff: number;
  /** clock hours each lane is open on day d (from PlanStart), overtime included */
  open(d: number): number;
  /** overtime hours per lane included in open(d) */
  overtime(d: number): number;
  /** working days within the horizon (days with any hours) */
  workingDays: number;
}

export function workCenterDays(plant: Plant, pm: PlanModel, values: ArrayLike<number>): Map<string, WorkCenterDays> {
  const b = pm.buckets;
  const horizon = b.offsets[b.count];
  const exceptions = calendarExceptions(plant);
  const out = new Map<string, WorkCenterDays>();
  // Each day's name and bucket, once for all work centers.
  const dayNames = Array.from({ length: horizon + OVERFLOW_DAYS }, (_, d) => addDays(b.start, d) as Day);
  const bucketOfDay = Int32Array.from({ length: horizon }, (_, d) => bucketIndex(b, dayNames[d]));
  const ownRows = new Set([...exceptions.keys()].map((k) => k.slice(0, k.lastIndexOf('|'))));
  const byWeek = new Map<string, Float64Array>();
  for (const wc of plant.WorkCenters) {
    const id = key(wc.WorkCenterId);
    const eff = wc.EfficiencyPct > 0 ? wc.EfficiencyPct / 100 : 1;
    const lanes = Math.max(1, Math.round(wc.Units));
    // Work centers without Calendar rows of their own share their days with any other of the same
    // week (days per week, hours per day): worked out once for all of them.
    const own = ownRows.has(id);
    const week = `${wc.DaysPerWeek}|${wc.HoursPerDay}`;
    const shared = own ? undefined : byWeek.get(week);
    const regular = shared ? shared.slice() : new Float64Array(horizon + OVERFLOW_DAYS);
    const extra = new Float64Array(horizon + OVERFLOW_DAYS);
    let workingDays = 0;
    if (!shared) for (let d = 0; d < regular.length; d++) regular[d] = Math.min(24, dayHours(wc, dayNames[d], exceptions));
    if (!own && !shared) byWeek.set(week, regular.slice());
    for (let d = 0; d < horizon; d++) if (regular[d] > 0) workingDays++;
    // Planned overtime (hours of work across all units) → clock hours per lane on each working day.
    const cap = pm.capacity.get(id);
    const ot = pm.otCols.get(id);
    if (cap && ot)
      for (let d = 0; d < horizon; d++) {
        const t = bucketOfDay[d];
        const col = ot[t];
        if (col < 0 || regular[d] <= 0 || cap.workingDays[t] === 0) continue;
        const hours = Math.max(0, values[col]) / cap.workingDays[t] / (lanes * eff);
        extra[d] = Math.min(24 - regular[d], hours);
      }
    out.set(id, {
      wc,
      id,
      lanes,
      eff,
      open: (d) => (d >= 0 && d < regular.length ? regular[d] + extra[d] : 0),
      overtime: (d) => (d >= 0 && d < extra.length ? extra[d] : 0),
      workingDays,
    });
  }
  return out;
}

// Day n after a start, remembered: the schedule names tens of thousands of days, a few hundred
// distinct. The last start's days are at hand without a map lookup (a schedule asks for one start),
// each start's in an array made whole-size at once (filled in any order, it stays a plain array).
const DAYS_REMEMBERED = 4000;
const dayCache = new Map<Day, Day[]>();
let lastStart: Day | undefined;
let lastDays: Day[] = [];
export function dayAt(start: Day, n: number): Day {
  if (n < 0 || n > DAYS_REMEMBERED) return addDays(start, n);
  let days = start === lastStart ? lastDays : dayCache.get(start);
  if (!days) {
    if (dayCache.size > 16) dayCache.clear();
    dayCache.set(start, (days = new Array<Day>(DAYS_REMEMBERED + 1)));
  }
  lastStart = start;
  lastDays = days;
  return (days[n] ??= addDays(start, n));
}

// " 08:00" for each minute of a day, made once: a schedule names tens of thousands of times.
const hhmm = (m: number): string => ` ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
let minuteTexts: string[] | undefined;
const timeOfDay = (m: number): string => (minuteTexts ??= Array.from({ length: 1440 }, (_, k) => hhmm(k)))[m];

/** "2026-12-07 08:00" for a time in hours from PlanStart 00:00. */
export function clockText(start: Day, hours: number): string {
  const minutes = Math.round(hours * 60);
  const d = Math.floor(minutes / 1440);
  const m = minutes - d * 1440;
  return dayAt(start, d) + (m >= 0 && m < 1440 ? timeOfDay(m) : hhmm(m)); // else not a finite time
}

/** The calendar day a time falls in; an end exactly at midnight belongs to the day before. */
const dayOfEnd = (hours: number): number => Math.floor((hours - 1e-7) / 24);
export const dayOfStart = (hours: number): number => Math.floor((hours + 1e-7) / 24);
/** The day a lot from `start` to `end` ends on: a lot that takes no time is done the day it starts (at midnight, that day, not the one before). */
export const endDayOf = (start: number, end: number): number => (end > start ? dayOfEnd(end) : dayOfStart(end));
