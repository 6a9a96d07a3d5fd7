// Which sheets of a workbook are read: the same rule for the add-in (Office.js) and the service
// (an uploaded file), so both see the same book.
import { SETTINGS_SHEET, SHEETS } from './contract';
import { findSheet } from './parse';
import type { WorkbookRows } from './rows';

/** The plan's result sheets a new plan is compared with (read as the earlier plan). */
export const EARLIER_PLAN_SHEETS = ['Plan', 'Load', 'Materials'];

/** The workbook's sheets that are input sheets (English or Chinese names, any case or spacing), and `extra` sheets by name, in workbook order. */
export function inputSheetNames(sheetNames: string[], extra: string[] = []): string[] {
  const book: WorkbookRows = Object.fromEntries(sheetNames.map((n) => [n, { header: [], rows: [] }]));
  const defs = [{ name: SETTINGS_SHEET.name, zh: SETTINGS_SHEET.zh }, ...Object.values(SHEETS), ...extra.map((n) => ({ name: n, zh: n }))];
  const found = new Set(defs.map((d) => findSheet(book, d.name, d.zh)?.[0]).filter((n): n is string => n !== undefined));
  return sheetNames.filter((n) => found.has(n));
}
