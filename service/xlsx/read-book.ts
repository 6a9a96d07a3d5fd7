// Spreadsheet bytes → the input sheets as WorkbookRows. SheetJS reads (Excel .xlsx/.xlsm/.xls,
// LibreOffice .ods, WPS, Gnumeric, Google Sheets, openpyxl and ERP exports all come through it);
// result sheets are written by result-parts.ts. Before any parsing the bytes are identified (a PDF or a CSV
// is named as such) and a zip's entries are inflated once, against a size cap (so a small file
// that expands to gigabytes is refused), by Node's zlib; SheetJS reads those inflated parts (its
// own inflate is JavaScript) and the splice of the result sheets reuses them. Cells are read from the ones the file holds, never from the sheet's
// declared extent, so one value at XFD1048576 costs one cell.
import { inputSheetNames } from '../../shared/sheet-names';
import * as XLSX from '@e965/xlsx';
import { DAYS_1900_TO_1904, dayToDate, excelSerialToDay } from '../../shared/dates';
import { problem, type Lang, type Problem } from '../../shared/problems';
import type { CellValue, SheetRows, WorkbookRows } from '../../shared/rows';
import { parseRels } from './splice';
import { MAX_CELLS, MAX_SHARED_STRINGS, odsExcess, ooxmlExcess, type Excess, type ReadLimits } from './hostile-parts';
import { BadZipError, inflateEntries, writeZip, zipEntries, ZipTooLargeError, type ZipEntry } from './zip';

/** Largest a workbook may expand to when unzipped. A 1000-order plant is about 5 MB of XML. */
export const MAX_EXPANDED_MB = 200;

export type BookFormat = 'xlsx' | 'xlsm' | 'ods' | 'xls' | 'other';

export interface Book {
  /** the input sheets found (by contract name, English or Chinese), as the add-in reads them */
  rows: WorkbookRows;
  /** every sheet name, in workbook order */
  sheetNames: string[];
  format: BookFormat;
  /** input cells whose formula has no calculated value stored, and cells far outside a table */
  problems: Problem[];
  /** sheets not read because of a value far outside their table (reported in `problems`) */
  unread: string[];
  /** the OOXML package the result sheets are added to: the file itself, or an .xlsx copy of an .ods/.xls */
  pkg: () => Uint8Array;
  /** the package's parts as inflated on reading (name without a leading /), when pkg() is the file itself */
  parts?: Map<string, Uint8Array>;
  /** extension of the result: the input's own for .xlsx/.xlsm, .xlsx otherwise */
  resultExt: 'xlsx' | 'xlsm';
  /** why the result is not in the input's format (English, Chinese), when it is not */
  note?: { en: string; zh: string };
}

/** The bytes are not a spreadsheet at all; says what they are. */
export class NotSpreadsheetError extends Error {
  readonly messageZh: string;
  constructor(foundEn: string, foundZh: string) {
    super(`This is not a spreadsheet (found: ${foundEn}); open it in Excel, WPS or LibreOffice and save it as an .xlsx workbook`);
    this.messageZh = `这不是电子表格（发现：${foundZh}），请在 Excel、WPS 或 LibreOffice 中打开并另存为 .xlsx 工作簿`;
    this.name = 'NotSpreadsheetError';
  }
}

/** The zip expands past the cap, or holds more shared strings or cells than a plant's: refused before parsing (HTTP 413). */
export class BookTooLargeError extends Error {
  readonly messageZh: string;
  constructor(excess: Excess) {
    super(excess.en);
    this.messageZh = excess.zh;
    this.name = 'BookTooLargeError';
  }
  static expanded(limitMb: number): BookTooLargeError {
    return new BookTooLargeError({
      en: `The workbook expands to more than ${limitMb} MB when unzipped (a plant's workbook is a few MB); it is damaged or was built to exhaust memory`,
      zh: `工作簿解压后超过 ${limitMb} MB（正常工作簿只有几 MB），文件可能已损坏或为恶意文件`,
    });
  }
}

export const DEFAULT_LIMITS: ReadLimits = { maxExpandedMb: MAX_EXPANDED_MB, maxSharedStrings: MAX_SHARED_STRINGS, maxCells: MAX_CELLS };

export const readErrorMessage = (e: NotSpreadsheetError | BookTooLargeError, lang: Lang): string => (lang === 'zh' ? e.messageZh : e.message);

const OOXML_MAIN = /\/(officeDocument)$/;

/** What a zip holds: an OOXML workbook (its entries), an OpenDocument spreadsheet, or something else. */
function identifyZip(entries: ZipEntry[], byName: Map<string, Buffer>): 'ooxml' | 'ods' {
  const mimetype = byName.get('mimetype');
  if (mimetype) {
    const type = mimetype.subarray(0, 200).toString('latin1').trim();
    if (type === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
    if (type.includes('opendocument.text')) throw new NotSpreadsheetError('an OpenDocument text document (.odt)', 'OpenDocument 文字文档（.odt）');
    if (type.includes('opendocument.presentation')) throw new NotSpreadsheetError('an OpenDocument presentation (.odp)', 'OpenDocument 演示文稿（.odp）');
  }
  const rels = byName.get('_rels/.rels');
  if (byName.has('[Content_Types].xml') && rels) {
    const xml = rels.subarray(0, 1 << 20).toString('utf8');
    for (const rel of parseRels(xml)) {
      const target = rel.target.replace(/^\//, '');
      if (!OOXML_MAIN.test(rel.type)) continue;
      if (/^word\//.test(target)) throw new NotSpreadsheetError('a Word document (.docx)', 'Word 文档（.docx）');
      if (/^ppt\//.test(target)) throw new NotSpreadsheetError('a PowerPoint presentation (.pptx)', 'PowerPoint 演示文稿（.pptx）');
      if (byName.has(target)) return 'ooxml';
    }
  }
  const names = entries.filter((e) => !e.name.endsWith('/')).slice(0, 3).map((e) => e.name);
  const listed = names.length ? `: ${names.join(', ')}${entries.length > 3 ? ', …' : ''}` : '';
  throw new NotSpreadsheetError(`a zip archive without a workbook${listed}`, `不含工作簿的 zip 压缩包${listed}`);
}

/** Name what non-zip bytes are when they are plainly not a workbook; undefined to let SheetJS try. */
function identifyOther(b: Uint8Array): void {
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
  if (b.length === 0) throw new NotSpreadsheetError('an empty file', '空文件');
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new NotSpreadsheetError('a PDF document', 'PDF 文档');
  if (starts(0x89, 0x50, 0x4e, 0x47)) throw new NotSpreadsheetError('a PNG image', 'PNG 图片');
  if (starts(0xff, 0xd8, 0xff)) throw new NotSpreadsheetError('a JPEG image', 'JPEG 图片');
  if (starts(0x47, 0x49, 0x46, 0x38)) throw new NotSpreadsheetError('a GIF image', 'GIF 图片');
  if (starts(0x1f, 0x8b)) throw new NotSpreadsheetError('a gzip-compressed file (a Gnumeric .gnumeric workbook saves as .xlsx with File › Save As)', 'gzip 压缩文件（Gnumeric 的 .gnumeric 工作簿请另存为 .xlsx）');
  if (starts(0x52, 0x61, 0x72, 0x21)) throw new NotSpreadsheetError('a RAR archive', 'RAR 压缩包');
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) throw new NotSpreadsheetError('a 7-Zip archive', '7-Zip 压缩包');
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return; // Office 97–2003 (.xls), or an encrypted .xlsx
  // Text: HTML tables and Excel 2003 XML (ERP exports often save those as .xls) go to SheetJS;
  // delimited text is named, since it holds one sheet and a plant needs several.
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*</.test(head)) return;
  // Delimited: the first lines split into the same number of fields (more than one) by , ; or tab.
  const lines = head.split(/\r?\n/).filter((l) => l.trim()).slice(0, 5);
  const fields = (d: string) => lines.map((l) => l.split(d).length);
  const delimited = lines.length >= 2 && [',', ';', '\t'].some((d) => fields(d).every((n) => n > 1 && n === fields(d)[0]));
  if (delimited && !/[\x00-\x08]/.test(head)) throw new NotSpreadsheetError('a CSV text file (one table; the planner needs a workbook with several sheets)', 'CSV 文本文件（只有一张表，排产需要含多张工作表的工作簿）');
  if (!/[\x00-\x08\x0e-\x1a]/.test(head)) throw new NotSpreadsheetError('a text file', '文本文件');
  throw new NotSpreadsheetError('a file of unknown type', '未知类型的文件');
}

/** An OOXML workbook's sheet names in order, from its workbook part; undefined when unsure. */
function workbookSheetNames(parts: Map<string, Buffer>): string[] | undefined {
  const rels = parts.get('_rels/.rels');
  const main = rels && parseRels(rels.toString('utf8')).find((r) => OOXML_MAIN.test(r.type));
  const wb = main && parts.get(main.target.replace(/^\//, ''));
  if (!wb) return undefined;
  const names = [...wb.toString('utf8').matchAll(/<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"/g)].map((m) => m[1]);
  // Names with an escape (&amp; …) are left to SheetJS: the whole book is read.
  return names.length && names.every((n) => !n.includes('&')) ? names : undefined;
}

/**
 * SheetJS prints its own doubts about a file on the console while it reads (a LibreOffice .ods
 * gives a dozen "ODS number format may be incorrect: value()&gt;0", one per conditional number
 * style); the user can do nothing with them and the values are read all the same, so they do not
 * reach the CLI's stderr or the service's log. Problems the planner can act on come as Problems.
 */
function quietly<T>(read: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => {};
  try {
    return read();
  } finally {
    Object.assign(console, { error, warn, log });
  }
}

/** Read spreadsheet bytes; throws NotSpreadsheetError or BookTooLargeError. */
/** `extra`: sheets to read besides the input sheets (an earlier plan's result sheets, to compare with). */
export function readBook(bytes: Uint8Array, limits: Partial<ReadLimits> = {}, extra: string[] = []): Book {
  const limit = { ...DEFAULT_LIMITS, ...limits };
  const maxExpandedMb = limit.maxExpandedMb;
  let format: BookFormat = 'other';
  let parts: Map<string, Buffer> | undefined;
  let readable = bytes;
  // The sheets the workbook part names plainly (not in an .ods), and of them the ones read: the
  // input sheets and `extra`. Only those are checked for size and parsed.
  let names: string[] | undefined;
  let wanted: string[] = [];
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  if (isZip) {
    let entries: ZipEntry[];
    let inflated: Buffer[];
    try {
      entries = zipEntries(bytes);
      inflated = inflateEntries(bytes, entries, maxExpandedMb * 1024 * 1024);
    } catch (e) {
      if (e instanceof ZipTooLargeError) throw BookTooLargeError.expanded(maxExpandedMb);
      if (e instanceof BadZipError) throw new NotSpreadsheetError(`a damaged zip file (${e.message})`, `已损坏的 zip 文件（${e.message}）`);
      throw e;
    }
    parts = new Map(entries.map((e, i) => [e.name.replace(/^\//, ''), inflated[i]]));
    const kind = identifyZip(entries, parts);
    format = kind === 'ods' ? 'ods' : entries.some((e) => /vbaProject\.bin$/i.test(e.name)) ? 'xlsm' : 'xlsx';
    if (kind !== 'ods') names = workbookSheetNames(parts);
    if (names) wanted = inputSheetNames(names, extra);
    const excess = kind === 'ods' ? odsExcess(parts, limit) : ooxmlExcess(parts, names && wanted, limit);
    if (excess) throw new BookTooLargeError(excess);
    // SheetJS gets the parts stored uncompressed: it only slices them (it does not check CRCs).
    readable = writeZip(entries.map((e, i) => ({ name: e.name, stored: inflated[i], crc: e.crc })));
  } else {
    identifyOther(bytes);
    if (bytes[0] === 0xd0) format = 'xls';
  }

  let wb: XLSX.WorkBook;
  try {
    // sheetStubs keeps a formula cell that has no stored value (otherwise dropped silently);
    // cellNF gives number formats, which tell dates from numbers.
    const read = (sheets?: string[]) => quietly(() => XLSX.read(readable, { type: 'buffer', cellFormula: true, cellNF: true, sheetStubs: true, cellHTML: false, cellText: false, cellDates: false, dense: false, bookVBA: false, ...(sheets ? { sheets } : {}) }));
    // Only the sheets read as input are parsed: a book planned before holds the last run's result
    // sheets (tens of thousands of cells on a large plant), which the package keeps byte for byte.
    wb = names && wanted.length && wanted.length < names.length ? read(wanted) : read();
    // Named otherwise than SheetJS names them (an escape it reads differently): every sheet, as before.
    if (names && wb.SheetNames.join('\n') !== names.join('\n')) wb = read();
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/password|encrypt/i.test(msg)) throw new NotSpreadsheetError('a password-protected workbook: remove the password to open (File › Info › Protect Workbook) and save again', '设有打开密码的工作簿：请取消密码后重新保存');
    if (format === 'xls') throw new NotSpreadsheetError('an Office 97–2003 file that is not a workbook (a Word or PowerPoint file?)', '不是工作簿的 Office 97–2003 文件（Word 或 PowerPoint 文件？）');
    throw new NotSpreadsheetError(`a file that could not be read as a workbook (${msg.slice(0, 120)})`, `无法作为工作簿读取的文件（${msg.slice(0, 120)}）`);
  }
  if (!wb.SheetNames.length) throw new NotSpreadsheetError('a workbook without any sheet', '没有任何工作表的工作簿');

  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const rows: WorkbookRows = {};
  const problems: Problem[] = [];
  const unread: string[] = [];
  for (const name of inputSheetNames(wb.SheetNames, extra)) {
    const s = sheetRows(name, wb.Sheets[name], date1904, problems);
    if (s === 'stray') unread.push(name);
    else if (s) rows[name] = s;
  }
  const ooxml = format === 'xlsx' || format === 'xlsm';
  const fmtName: Record<BookFormat, readonly [string, string]> = { xlsx: ['', ''], xlsm: ['', ''],  ods: ['an OpenDocument spreadsheet (.ods)', 'OpenDocument 电子表格（.ods）'], xls: ['an Excel 97–2003 workbook (.xls)', 'Excel 97–2003 工作簿（.xls）'], other: ['not an Excel workbook', '不是 Excel 工作簿'] };
  return {
    rows,
    sheetNames: wb.SheetNames,
    format,
    problems,
    unread,
    resultExt: format === 'xlsm' ? 'xlsm' : 'xlsx',
    pkg: ooxml ? () => bytes : () => XLSX.write(wb, { bookType: 'xlsx', type: 'buffer', compression: true }) as Buffer,
    parts: ooxml ? parts : undefined,
    note: ooxml
      ? undefined
      : {
          en: `The input is ${fmtName[format][0]}; result sheets can only be added to an Excel workbook, so the result is an .xlsx holding your sheets' values and formulas plus the result sheets (formatting and charts of the original are not carried over).`,
          zh: `输入文件是${fmtName[format][1]}；结果工作表只能添加到 Excel 工作簿中，因此结果保存为 .xlsx：包含原工作表的数值与公式以及结果工作表（原文件的格式和图表不会保留）。`,
        },
  };
}

const isDateFormat = (z: unknown): boolean => typeof z === 'string' && z !== 'General' && XLSX.SSF.is_date(z);

/** A SheetJS cell as the value Office.js would give. */
function cellValue(c: XLSX.CellObject, date1904: boolean): CellValue {
  switch (c.t) {
    case 's':
      return c.v as string;
    case 'b':
      return c.v as boolean;
    case 'n': {
      const v = c.v as number;
      // Dates are serial numbers with a date format; old Mac books count from 1904.
      if (isDateFormat(c.z) && Number.isFinite(v)) return dayToDate(excelSerialToDay(v + (date1904 ? DAYS_1900_TO_1904 : 0)));
      return v;
    }
    case 'd':
      return c.v as Date;
    case 'e':
      return c.w ?? errorText(c.v as number);
    default:
      return null;
  }
}

const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };
const errorText = (code: number): string => ERRORS[code] ?? '#ERROR';

/**
 * One sheet's used area of values (first to last non-blank row and column, as Office.js's
 * getUsedRange(true)). A value so far from the rest that the area would be mostly empty
 * (a stray entry at XFD1048576) is reported instead of building the grid.
 */
function sheetRows(name: string, ws: XLSX.WorkSheet, date1904: boolean, problems: Problem[]): SheetRows | 'stray' | undefined {
  const cells: { r: number; c: number; v: CellValue }[] = [];
  let top = Infinity, bottom = -1, left = Infinity, right = -1;
  for (const addr in ws) {
    if (addr.charCodeAt(0) === 33) continue; // "!ref", "!merges", …
    const cell = ws[addr] as XLSX.CellObject;
    const { r, c } = XLSX.utils.decode_cell(addr);
    if (cell.t === 'z' && cell.f) {
      problems.push(problem(name, addr, 'formula not calculated: open and save the workbook in Excel (or WPS, LibreOffice) so the value is stored', '公式未计算：请在 Excel（或 WPS、LibreOffice）中打开并保存工作簿，以保存计算结果'));
      cells.push({ r, c, v: null });
      top = Math.min(top, r), bottom = Math.max(bottom, r), left = Math.min(left, c), right = Math.max(right, c);
      continue;
    }
    const v = cellValue(cell, date1904);
    if (v === null || (typeof v === 'string' && v.trim() === '')) continue;
    cells.push({ r, c, v });
    top = Math.min(top, r), bottom = Math.max(bottom, r), left = Math.min(left, c), right = Math.max(right, c);
  }
  if (bottom < 0) return { header: [], rows: [] }; // there but empty: parse says so, rather than "missing"
  const area = (bottom - top + 1) * (right - left + 1);
  if (area > 4 * cells.length + 100_000) {
    // The cell farthest from the first one is the stray.
    const far = cells.reduce((a, x) => (x.r + x.c > a.r + a.c ? x : a));
    const at = XLSX.utils.encode_cell({ r: far.r, c: far.c });
    problems.push(
      problem(
        name,
        at,
        `a value far outside the table: the sheet would span ${bottom - top + 1} rows × ${right - left + 1} columns for ${cells.length} filled cells; delete it or move it next to the table`,
        `远离表格的数据：该表将跨越 ${bottom - top + 1} 行 × ${right - left + 1} 列，而只有 ${cells.length} 个非空单元格；请删除或移到表格旁`,
      ),
    );
    return 'stray';
  }
  const width = right - left + 1;
  const grid: CellValue[][] = Array.from({ length: bottom - top + 1 }, () => new Array<CellValue>(width).fill(null));
  for (const x of cells) grid[x.r - top][x.c - left] = x.v;
  // A merged area repeats its top-left value in every cell, as the add-in reads it (read-tables.ts).
  for (const m of ws['!merges'] ?? []) {
    const v = m.s.r >= top && m.s.c >= left && m.s.r <= bottom && m.s.c <= right ? grid[m.s.r - top][m.s.c - left] : null;
    if (v === null) continue;
    for (let r = Math.max(m.s.r, top); r <= Math.min(m.e.r, bottom); r++)
      for (let c = Math.max(m.s.c, left); c <= Math.min(m.e.c, right); c++) grid[r - top][c - left] = v;
  }
  return { header: grid[0], rows: grid.slice(1), headerRow: top + 1, firstColumn: left + 1 };
}

/**
 * The problems a job reports: the reader's (uncalculated formulas, stray far cells) and the
 * contract's, without the contract's "required" for a cell whose formula was never calculated.
 * With a sheet left unread, only the reader's: checks across sheets would report every
 * reference into it as unknown.
 */
export function mergeProblems(book: Pick<Book, 'problems' | 'unread'>, parsed: Problem[]): Problem[] {
  if (book.unread.length) return book.problems;
  const at = new Set(book.problems.map((p) => `${p.sheet}!${p.cell}`));
  return [...book.problems, ...parsed.filter((p) => !at.has(`${p.sheet}!${p.cell}`))];
}
