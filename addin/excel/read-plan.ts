// Which sheets to read and in which blocks: the plain part of read-tables.ts, so the batching
// can be tested without Excel.
import { isBlank, type CellValue, type SheetRows, type WorkbookRows } from '../../shared/rows';

/** Rows per values request. */
export const ROWS_PER_BLOCK = 5000;
/**
 * Cells fetched per context.sync. Excel on the web refuses an answer over 5 MB
 * (ResponsePayloadSizeLimitExceeded). Chinese text costs up to 6 bytes a character in that JSON
 * (\uXXXX), so a 10-character name is about 70 bytes with its quotes and comma: 60,000 such cells
 * ≈ 4.2 MB. (200,000 cells per sync was 6–7 MB on Chinese workbooks.) Longer text still fails: the
 * reader then halves the blocks and asks again.
 */
export const CELLS_PER_SYNC = 60_000;

export { EARLIER_PLAN_SHEETS, inputSheetNames } from '../../shared/sheet-names';

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

/** A merged area, 0-based, as Office.js reports it (Range.getMergedAreasOrNullObject, ExcelApi 1.13). */
export interface MergedArea {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * Every cell of a merged area takes the value of its top-left cell, as the service's reader
 * (exceljs) gives it for an uploaded file; Excel reports only the top-left cell's value.
 */
export function fillMerged(area: UsedArea, values: unknown[][], merged: MergedArea[]): void {
  for (const m of merged) {
    const r0 = m.rowIndex - area.rowIndex;
    const c0 = m.columnIndex - area.columnIndex;
    const master = values[r0]?.[c0];
    for (let r = Math.max(0, r0); r < Math.min(values.length, r0 + m.rowCount); r++)
      for (let c = Math.max(0, c0); c < Math.min(values[r].length, c0 + m.columnCount); c++) values[r][c] = master;
  }
}

/** Does an Excel number format show a date (or time)? Quoted text, [colours] and escapes aside. */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === 'General' || format === '@') return false;
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  return /[dmyhs]/i.test(bare);
}

/**
 * A 1904 workbook's date cells as dates: Excel gives their serials counted from 1904, which the
 * shared parser (counting from 1900, as every other workbook) would read 1,462 days early. The
 * cells are the ones whose number format shows a date, as exceljs decides for an uploaded file.
 */
export function datesFrom1904(values: unknown[][], formats: unknown[][]): void {
  for (let r = 0; r < values.length; r++)
    for (let c = 0; c < values[r].length; c++) {
      const v = values[r][c];
      if (typeof v === 'number' && isDateFormat(formats[r]?.[c])) values[r][c] = new Date(Date.UTC(1904, 0, 1) + Math.round(v * 86_400_000));
    }
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
