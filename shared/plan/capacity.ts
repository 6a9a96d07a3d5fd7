// Hours each work center has per bucket: HoursPerDay on its working days (the first DaysPerWeek
// days of each week, Monday first) × Units × EfficiencyPct/100, with Calendar exceptions
// replacing a day's hours (a row for the work center itself wins over a '*' row for all).
//
// Overtime: MaxOvertimeHoursPerWeek scaled to the bucket by its working days, i.e. the cap per
// working day is MaxOvertimeHoursPerWeek / DaysPerWeek. A normal 7-day bucket gets the weekly
// cap; a week of shutdown gets none (nobody works overtime in a closed plant); a holiday
// takes that day's share away.
import { addDays, weekday, type Day } from '../dates';
import type { Plant, WorkCenter } from '../domain';
import { idKey } from '../network';
import type { Buckets } from './buckets';

export interface WorkCenterCapacity {
  wc: WorkCenter;
  /** regular hours per bucket, after efficiency and calendar exceptions */
  hours: Float64Array;
  /** overtime hours allowed per bucket */
  overtimeMax: Float64Array;
  /** working days (days with hours > 0) per bucket */
  workingDays: Int32Array;
}

/** The plant network's id rule (network/id.ts), under the short name the plan's files use. */
export const key = idKey;

/** Calendar exceptions by "wc|day" (lower-case id, or '*' for all) → hours per unit that day. */
export function calendarExceptions(plant: Plant): Map<string, number> {
  const exceptions = new Map<string, number>();
  for (const c of plant.Calendar) exceptions.set(`${key(c.WorkCenter)}|${c.Date}`, c.Hours);
  return exceptions;
}

/** Clock hours one unit of a work center works on a day: its own Calendar row, else a '*' row, else HoursPerDay on its working weekdays. */
export function dayHours(wc: WorkCenter, d: Day, exceptions: Map<string, number>): number {
  return exceptions.get(`${key(wc.WorkCenterId)}|${d}`) ?? exceptions.get(`*|${d}`) ?? (weekday(d) < wc.DaysPerWeek ? wc.HoursPerDay : 0);
}

/** Per work center (by lower-case id): hours, overtime cap and working days of every bucket. */
export function workCenterCapacity(plant: Plant, b: Buckets): Map<string, WorkCenterCapacity> {
  const exceptions = calendarExceptions(plant);
  const out = new Map<string, WorkCenterCapacity>();
  for (const wc of plant.WorkCenters) {
    const id = key(wc.WorkCenterId);
    const hours = new Float64Array(b.count);
    const overtimeMax = new Float64Array(b.count);
    const workingDays = new Int32Array(b.count);
    const perDay = wc.Units * (wc.EfficiencyPct / 100);
    const otPerDay = wc.DaysPerWeek > 0 ? wc.MaxOvertimeHoursPerWeek / wc.DaysPerWeek : 0;
    for (let t = 0; t < b.count; t++) {
      for (let i = b.offsets[t]; i < b.offsets[t + 1]; i++) {
        const d: Day = addDays(b.start, i);
        const h = dayHours(wc, d, exceptions);
        hours[t] += h * perDay;
        if (h > 0) workingDays[t]++;
      }
      overtimeMax[t] = otPerDay * workingDays[t];
    }
    out.set(id, { wc, hours, overtimeMax, workingDays });
  }
  return out;
}
