// Office.js → WorkbookRows: the input sheets of the open workbook in the row shape the service
// reads from .xlsx files (header = first row of the used range, as service/xlsx/read-book.ts).
// Read as the service reads an uploaded file: hidden and filtered rows and a table's total row
// are rows like any other, a merged area repeats its top-left value (ExcelApi 1.13 reports merged
// areas; older Excel leaves the other cells empty), and in a workbook counting days from 1904 the
// date cells become dates.
// Round trips: one for sheet names and the date system, one for every used range's position, then
// values in blocks sized for the web's 5 MB answer limit (halved when Excel still refuses).
import type { WorkbookRows } from '../../shared/rows';
import { isOfficeError } from './excel-errors';
import { CELLS_PER_SYNC, datesFrom1904, fillMerged, inputSheetNames, planBlocks, ROWS_PER_BLOCK, toSheetRows, type Block, type MergedArea, type UsedArea } from './read-plan';

export interface ReadStats {
  syncs: number;
  sheets: number;
  cells: number;
  /** times Excel refused an answer as too large and the blocks were halved */
  halvings: number;
}

export interface ReadOptions {
  onProgress?: (sheet: string) => void;
  /** does this Excel have ExcelApi `version`? */
  supports?: (version: string) => boolean;
  cellsPerSync?: number;
  /** sheets to read besides the input sheets (the earlier plan's, to compare with) */
  extra?: string[];
}

export async function readInputSheets(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<{ book: WorkbookRows; stats: ReadStats; date1904: boolean }> {
  const supports = opts.supports ?? (() => false);
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  // DATE(1904,1,1) is serial 0 in a 1904 workbook and 1462 otherwise (ExcelApi 1.2, so any Excel).
  const probe = context.workbook.functions.date(1904, 1, 1);
  probe.load('value');
  await context.sync();
  const date1904 = probe.value === 0;
  const names = inputSheetNames(sheets.items.map((s) => s.name), opts.extra ?? []);

  // valuesOnly: formatting alone (an empty formatted table body) does not stretch the area.
  const used = names.map((name) => {
    const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
    range.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
    let merged: Excel.RangeAreas | undefined;
    if (supports('1.13')) {
      merged = range.getMergedAreasOrNullObject();
      merged.load('isNullObject');
      merged.areas.load('items/rowIndex,items/columnIndex,items/rowCount,items/columnCount');
    }
    return { name, range, merged };
  });
  await context.sync();
  const live = used.filter((u) => !u.range.isNullObject);
  const areas: UsedArea[] = live.map((u) => ({ sheet: u.name, rowIndex: u.range.rowIndex, columnIndex: u.range.columnIndex, rowCount: u.range.rowCount, columnCount: u.range.columnCount }));
  const mergedOf = new Map<string, MergedArea[]>(
    live.map((u) => [u.name, u.merged && !u.merged.isNullObject ? u.merged.areas.items.map((a) => ({ rowIndex: a.rowIndex, columnIndex: a.columnIndex, rowCount: a.rowCount, columnCount: a.columnCount })) : []]),
  );

  const values = new Map<string, unknown[][]>(areas.map((a) => [a.sheet, new Array(a.rowCount)]));
  const stats: ReadStats = { syncs: 2, sheets: areas.length, cells: 0, halvings: 0 };
  // With 1904 dates the number formats come too: half the cells per sync.
  const budget = Math.floor((opts.cellsPerSync ?? CELLS_PER_SYNC) / (date1904 ? 2 : 1));

  const fetch = async (group: Block[], cells: number): Promise<void> => {
    const loaded = group.map((b) => {
      const r = sheets.getItem(b.sheet).getRangeByIndexes(b.rowIndex, b.columnIndex, b.rowCount, b.columnCount);
      r.load(date1904 ? 'values,numberFormat' : 'values');
      return { b, r };
    });
    opts.onProgress?.(group[0].sheet);
    try {
      await context.sync();
    } catch (e) {
      if (!isOfficeError(e) || e.code !== 'ResponsePayloadSizeLimitExceeded' || (group.length === 1 && group[0].rowCount === 1)) throw e;
      // Too much for one answer: the same rows again, in blocks and syncs half the size.
      stats.halvings++;
      const half = Math.max(1, Math.floor(cells / 2));
      const pieces = group.flatMap((b) => planBlocks([b], ROWS_PER_BLOCK, half).flat().map((x) => ({ ...x, offset: b.offset + x.offset })));
      for (const p of pieces) await fetch([p], half);
      return;
    }
    stats.syncs++;
    for (const { b, r } of loaded) {
      const into = values.get(b.sheet)!;
      const rows = r.values.map((row) => [...row]);
      if (date1904) datesFrom1904(rows, r.numberFormat);
      rows.forEach((row, i) => (into[b.offset + i] = row));
      stats.cells += b.rowCount * b.columnCount;
    }
  };
  for (const group of planBlocks(areas, ROWS_PER_BLOCK, budget)) await fetch(group, budget);

  const book: WorkbookRows = {};
  for (const a of areas) {
    const grid = values.get(a.sheet)!;
    fillMerged(a, grid, mergedOf.get(a.sheet)!);
    book[a.sheet] = toSheetRows(a, grid);
  }
  return { book, stats, date1904 };
}
