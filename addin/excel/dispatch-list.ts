// The "Dispatch list" button: the foreman's list (派工单) of one work center, the one named on the
// row of the selected cell — a row of the Dispatch, Schedule, Load or Gantt sheet, or of the
// WorkCenters or Routing sheet — copied from the plan's Dispatch sheet onto a sheet of its own
// ("Dispatch CNC" / "派工单 CNC"), in sequence, formats kept, ready to print.
import type { Lang } from '../../shared/problems';
import { columnLetter } from '../../shared/rows';

/** Headers of a column that names a work center, lower case: result sheets and input sheets, both languages. */
const WORK_CENTER_HEADERS = new Set(['work center', 'workcenter', 'workcenterid', '工作中心', '工作中心编码']);

const isWorkCenterHeader = (h: unknown) => typeof h === 'string' && WORK_CENTER_HEADERS.has(h.trim().toLowerCase());

/** The work center named on a row: its value under a work-center header; undefined when the row names none. */
export function workCenterOnRow(header: unknown[], row: unknown[]): string | undefined {
  const j = header.findIndex(isWorkCenterHeader);
  const v = j >= 0 ? row[j] : undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The sheet the list goes on (a sheet name has at most 31 characters and none of []:*?/\). */
export const dispatchSheetName = (workCenter: string, lang: Lang): string =>
  `${lang === 'zh' ? '派工单' : 'Dispatch'} ${workCenter.replace(/[[\]:*?/\\]/g, '_')}`.slice(0, 31);

export type DispatchListResult =
  | { kind: 'written'; workCenter: string; sheet: string; lots: number }
  /** the selected row names no work center */
  | { kind: 'noWorkCenter'; sheet: string }
  /** no Dispatch sheet: the plan has not been run */
  | { kind: 'noDispatch' };

/** Reads the selected row's work center and writes its dispatch list; activates the new sheet. */
export async function writeDispatchList(context: Excel.RequestContext, lang: Lang): Promise<DispatchListResult> {
  const wb = context.workbook;
  const cell = wb.getActiveCell();
  cell.load('rowIndex');
  const ws = cell.worksheet;
  ws.load('name');
  const dispatch = wb.worksheets.getItemOrNullObject('Dispatch');
  dispatch.load('isNullObject');
  await context.sync();
  if (dispatch.isNullObject) return { kind: 'noDispatch' };

  // The selected row and its sheet's header (row 1, as every sheet of the book has it).
  const used = ws.getUsedRangeOrNullObject();
  used.load('isNullObject,columnIndex,columnCount');
  await context.sync();
  if (used.isNullObject || cell.rowIndex === 0) return { kind: 'noWorkCenter', sheet: ws.name };
  const header = ws.getRangeByIndexes(0, used.columnIndex, 1, used.columnCount);
  const row = ws.getRangeByIndexes(cell.rowIndex, used.columnIndex, 1, used.columnCount);
  header.load('values');
  row.load('values');
  const all = dispatch.getUsedRangeOrNullObject();
  all.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  const workCenter = workCenterOnRow(header.values[0], row.values[0]);
  if (!workCenter) return { kind: 'noWorkCenter', sheet: ws.name };
  if (all.isNullObject) return { kind: 'noDispatch' };

  const src = dispatch.getRangeByIndexes(all.rowIndex, all.columnIndex, all.rowCount, all.columnCount);
  src.load('values,numberFormat');
  const name = dispatchSheetName(workCenter, lang);
  const old = wb.worksheets.getItemOrNullObject(name);
  old.load('isNullObject');
  await context.sync();
  const j = src.values[0].findIndex(isWorkCenterHeader);
  const keep = src.values.map((_, i) => i).filter((i) => i === 0 || (j >= 0 && String(src.values[i][j]).trim().toLowerCase() === workCenter.toLowerCase()));
  if (!old.isNullObject) old.delete();
  const out = wb.worksheets.add(name);
  const target = out.getRange(`A1:${columnLetter(all.columnCount)}${keep.length}`);
  target.numberFormat = keep.map((i) => src.numberFormat[i]);
  target.values = keep.map((i) => src.values[i]);
  out.getRange(`A1:${columnLetter(all.columnCount)}1`).format.font.bold = true;
  out.freezePanes.freezeRows(1);
  target.format.autofitColumns();
  out.activate();
  await context.sync();
  return { kind: 'written', workCenter, sheet: name, lots: keep.length - 1 };
}
