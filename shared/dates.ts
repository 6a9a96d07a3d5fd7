// Calendar days as ISO strings ('2026-11-25'): no time zones, no clocks, JSON-safe.
/** Serial days between Excel's 1900 and 1904 date systems (old Mac workbooks count from 1904). */
export const DAYS_1900_TO_1904 = 1462;

export type Day = string;

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30); // serial 0; serials > 60 are right thanks to the 1900 leap-day bug

export const dayFromUtcMs = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);
export const utcMs = (d: Day): number => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: Day, n: number): Day => dayFromUtcMs(utcMs(d) + n * MS_PER_DAY);
export const daysBetween = (from: Day, to: Day): number => Math.round((utcMs(to) - utcMs(from)) / MS_PER_DAY);
/** 0 = Monday … 6 = Sunday */
export const weekday = (d: Day): number => (new Date(utcMs(d)).getUTCDay() + 6) % 7;
export const excelSerialToDay = (serial: number): Day => dayFromUtcMs(EXCEL_EPOCH + Math.floor(serial) * MS_PER_DAY);
export const dayToExcelSerial = (d: Day): number => (utcMs(d) - EXCEL_EPOCH) / MS_PER_DAY;
/** The Excel serial number behind a Date read from a date-formatted cell (1899-12-31 → 1), float noise rounded off. */
export const dateToExcelSerial = (d: Date): number => Math.round(((d.getTime() - EXCEL_EPOCH) / MS_PER_DAY) * 1e9) / 1e9;
/** A Date that means this calendar day in UTC, as exceljs writes and reads dates. */
export const dayToDate = (d: Day): Date => new Date(utcMs(d));


/**
 * A cell value as a day: Date (exceljs, UTC midnight), Excel serial number (Office.js, raw
 * values), or text such as 2026-11-25, 2026/11/25 or 2026年11月25日. Undefined when it is none.
 */
export function toDay(v: unknown): Day | undefined {
  // Round to the nearest UTC midnight: tolerates dates written at local midnight in any zone.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : dayFromUtcMs(Math.round(v.getTime() / MS_PER_DAY) * MS_PER_DAY);
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 && v < 2_958_466 ? excelSerialToDay(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const m = v.trim().match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/);
  if (!m) return undefined;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, da);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da) return undefined;
  return dayFromUtcMs(ms);
}
