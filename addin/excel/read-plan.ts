// Which sheets to read and in which blocks: the plain part of read-tables.ts, so the batching
// can be tested without Excel.
import { SETTINGS_SHEET, SHEETS } from '../../shared/contract';
import { findSheet } from '../../shared/parse';
import { isBlank, type CellValue, type SheetRows, type WorkbookRows } from '../../shared/rows';

/** Rows per values request: keeps each response well under Excel on the web's 5 MB payload limit. */
export const ROWS_PER_BLOCK = 5000;
/** Cells fetched per context.sync when several small blocks can share one round trip. */
export const CELLS_PER_SYNC = 200_000;

/** The plan's result sheets a new plan is compared with (the service reads them as the earlier plan). */
export const EARLIER_PLAN_SHEETS = ['Plan', 'Load', 'Materials'];

/** The workbook's sheets that are input sheets (English or Chinese names, any case or spacing), and `extra` sheets by name. */
export function inputSheetNames(sheetNames: string[], extra: string[] = []): string[] {
  const book: WorkbookRows = Object.fromEntries(sheetNames.map((n) => [n, { header: [], rows: [] }]));
  const defs = [{ name: SETTINGS_SHEET.name, zh: SETTINGS_SHEET.zh }, ...Object.values(SHEETS), ...extra.map((n) => ({ name: n, zh: n }))];
  const found = defs.map((d) => findSheet(book, d.name, d.zh)?.[0]).filter((n): n is string => n !== undefined);
  return sheetNames.filter((n) => found.includes(n)); // workbook order
}

/** Where a sheet's used range sits (0-based, as Office.js reports rowIndex/columnIndex). */
export interface UsedArea {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export interface Block {
  sheet: string;
  /** 0-based first row of the block within the used area */
  offset: number;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** Split used areas into row blocks, and group the blocks into syncs by a cell budget. */
export function planBlocks(areas: UsedArea[], rowsPerBlock = ROWS_PER_BLOCK, cellsPerSync = CELLS_PER_SYNC): Block[][] {
  const blocks: Block[] = [];
  for (const a of areas) {
    // Wide sheets get shorter blocks so one block stays within the cell budget.
    const rows = Math.max(1, Math.min(rowsPerBlock, Math.floor(cellsPerSync / Math.max(1, a.columnCount))));
    for (let offset = 0; offset < a.rowCount; offset += rows)
      blocks.push({ sheet: a.sheet, offset, rowIndex: a.rowIndex + offset, columnIndex: a.columnIndex, rowCount: Math.min(rows, a.rowCount - offset), columnCount: a.columnCount });
  }
  const syncs: Block[][] = [];
  let current: Block[] = [];
  let cells = 0;
  for (const b of blocks) {
    const n = b.rowCount * b.columnCount;
    if (current.length && cells + n > cellsPerSync) {
      syncs.push(current);
      current = [];
      cells = 0;
    }
    current.push(b);
    cells += n;
  }
  if (current.length) syncs.push(current);
  return syncs;
}

/** Office.js reports empty cells as ''; the row shape (like exceljs) uses null. */
const plain = (v: unknown): CellValue => (v === '' || v === undefined ? null : (v as CellValue));

/**
 * A used area's values → SheetRows: first row is the header, trailing blank rows dropped, and
 * the position kept so problems name the right cells.
 */
export function toSheetRows(area: UsedArea, values: unknown[][]): SheetRows {
  const grid = values.map((r) => r.map(plain));
  while (grid.length > 1 && grid[grid.length - 1].every((v) => isBlank(v))) grid.pop();
  return { header: grid[0] ?? [], rows: grid.slice(1), headerRow: area.rowIndex + 1, firstColumn: area.columnIndex + 1 };
}
