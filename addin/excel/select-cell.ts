// Jump to the cell a problem names: what a click on `Orders!D7` in the error list does.
import { sheetRef } from '../../shared/problems';

/** `Orders!D7`, `'Work Centers'!B3` ('' inside quotes is one quote) → sheet and cell, else undefined. */
export function parseCellRef(ref: string): { sheet: string; cell: string } | undefined {
  const m = ref.trim().match(/^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/);
  if (!m) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], cell: m[3].replace(/\$/g, '').toUpperCase() };
}

/** The reference as the Name Box shows it. */
export const cellRef = (sheet: string, cell: string): string => `${sheetRef(sheet)}!${cell}`;

/** Activate the sheet and select the cell; false when the sheet is gone (renamed or deleted since). */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<boolean> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.load('isNullObject');
  await context.sync();
  if (ws.isNullObject) return false;
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
  return true;
}
