// Bounds on what SheetJS would build from a package, checked on the inflated XML before it parses:
// the unzipped-size cap (read-book.ts) bounds the bytes, but within 200 MB a file can hold 8
// million shared strings or 4 million cells, which SheetJS turns into gigabytes of objects and
// half a minute of parsing. Elements are counted, not trusted from a count attribute, with a scan
// of the bytes that stops at the limit.
import { parseRels } from './splice';

/** Largest shared-strings table accepted. A generated 1000-order plant has 1,611 distinct strings
 * (40 KB), the 10,000-order one 13,549 (320 KB), the sample 432: a plant's strings are its ids,
 * names and notes, about one per row. 500,000 is 37 times the 10,000-order plant and still costs
 * SheetJS under 2 s and 200 MB; the hostile 196 MB table (8.2 million strings) cost 31 s and 2.5 GB. */
export const MAX_SHARED_STRINGS = 500_000;

/** Largest number of cells stored in the input sheets (the service's MTO_MAX_CELLS default): the
 * 10,000-order plant stores 168,345; 2.4 million inline-string cells cost SheetJS 37 s and 1.5 GB. */
export const MAX_CELLS = 2_000_000;

export interface ReadLimits {
  maxExpandedMb: number;
  maxSharedStrings: number;
  maxCells: number;
}

/** What about a package is past a limit (English, Chinese), or undefined. */
export interface Excess {
  en: string;
  zh: string;
}

const LT = 0x3c, SLASH = 0x2f, COLON = 0x3a;
const isNameEnd = (c: number) => c === 0x20 || c === 0x3e || c === SLASH || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Start tags in `xml` whose local name (namespace prefix dropped) is one of `names`, counted up to
 * `stopAt` (then stopAt + 1 is returned, so a hostile part costs no more than the limit's scan).
 */
export function countElements(xml: Uint8Array, names: string[], stopAt: number): number {
  const wanted = new Set(names);
  const buf = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  let n = 0;
  for (let at = buf.indexOf(LT); at >= 0 && at < buf.length - 1; at = buf.indexOf(LT, at + 1)) {
    if (buf[at + 1] === SLASH) continue;
    let end = at + 1;
    let local = at + 1;
    while (end < buf.length && !isNameEnd(buf[end]) && end - at < 64) {
      if (buf[end] === COLON) local = end + 1;
      end++;
    }
    if (end - local <= 16 && wanted.has(buf.toString('latin1', local, end)) && ++n > stopAt) return n;
  }
  return n;
}

/** The parts named in [Content_Types].xml with a content type ending in `suffix`. */
function partsOfType(parts: Map<string, Uint8Array>, suffix: string): string[] {
  const types = parts.get('[Content_Types].xml');
  if (!types) return [];
  const xml = Buffer.from(types).toString('utf8');
  return [...xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)]
    .filter((m) => new RegExp(`ContentType="[^"]*${suffix}"`).test(m[0]))
    .map((m) => /PartName="\/?([^"]*)"/.exec(m[0])?.[1])
    .filter((p): p is string => p !== undefined);
}

/** The worksheet parts of the sheets named `names` (every worksheet when a name is not found). */
function worksheetParts(parts: Map<string, Uint8Array>, names: string[] | undefined): string[] {
  const all = [...parts.keys()].filter((p) => /^xl\/worksheets\/[^/]+\.xml$/i.test(p));
  const wb = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (!names || !wb || !rels) return all;
  const target = new Map(parseRels(Buffer.from(rels).toString('utf8')).map((r) => [r.id, `xl/${r.target.replace(/^\/?xl\//, '')}`]));
  const byName = new Map([...Buffer.from(wb).toString('utf8').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => [/\sname="([^"]*)"/.exec(m[0])?.[1], target.get(/\sr:id="([^"]*)"/.exec(m[0])?.[1] ?? '')]));
  const found = names.map((n) => byName.get(n));
  return found.every((p): p is string => p !== undefined && parts.has(p)) ? found : all;
}

const sstExcess = (limit: number): Excess => ({
  en: `The workbook's shared-strings table holds more than ${limit.toLocaleString('en')} texts (a plant's workbook has a few thousand); it is damaged or was built to exhaust memory: open it in Excel, WPS or LibreOffice, copy the input sheets into a new workbook (the template) and save that`,
  zh: `工作簿的共享字符串表超过 ${limit.toLocaleString('en')} 条（正常工作簿只有几千条），文件可能已损坏或为恶意文件：请在 Excel、WPS 或 LibreOffice 中打开，把输入工作表复制到新的工作簿（模板）中再保存`,
});

const cellsExcess = (limit: number): Excess => ({
  en: `The workbook's input sheets store more than ${limit.toLocaleString('en')} cells (a 10,000-order plant stores under 200,000); it is damaged or was built to exhaust memory: delete the rows and columns past the tables, or copy the tables into a new workbook (the template) and save that`,
  zh: `工作簿的输入工作表存有超过 ${limit.toLocaleString('en')} 个单元格（10,000 个订单的工厂不到 200,000 个），文件可能已损坏或为恶意文件：请删除表格以外的行和列，或把表格复制到新的工作簿（模板）中再保存`,
});

/** An OOXML package past a limit: its shared-strings table (declared count first, then the real one) or its input sheets' cells. */
export function ooxmlExcess(parts: Map<string, Uint8Array>, inputSheets: string[] | undefined, limits: ReadLimits): Excess | undefined {
  const sst = new Set([...partsOfType(parts, 'sharedStrings+xml'), 'xl/sharedStrings.xml']);
  for (const name of sst) {
    const xml = parts.get(name);
    if (!xml) continue;
    // The declared count refuses an honest hostile table without a scan; a lying one is counted.
    const head = Buffer.from(xml.buffer, xml.byteOffset, Math.min(xml.byteLength, 4096)).toString('latin1');
    const declared = Number(/<(?:\w+:)?sst\b[^>]*\suniqueCount="(\d+)"/.exec(head)?.[1] ?? 0);
    const count = declared > limits.maxSharedStrings ? declared : countElements(xml, ['si', 'sstItem'], limits.maxSharedStrings);
    if (count > limits.maxSharedStrings) return sstExcess(limits.maxSharedStrings);
  }
  let cells = 0;
  for (const p of worksheetParts(parts, inputSheets)) {
    cells += countElements(parts.get(p)!, ['c'], limits.maxCells - cells);
    if (cells > limits.maxCells) return cellsExcess(limits.maxCells);
  }
  return undefined;
}

const ROWS_REPEATED = /(?:^|\s)(?:[\w.-]+:)?number-rows-repeated="(\d+)"/;
const COLUMNS_REPEATED = /(?:^|\s)(?:[\w.-]+:)?number-columns-repeated="(\d+)"/;

/**
 * The cells SheetJS makes of an OpenDocument content.xml, counted up to `stopAt`: a cell with
 * content once per column and row it repeats (table:number-columns-repeated ×
 * table:number-rows-repeated of its row), a covered cell once per column it repeats, an empty
 * self-closing cell once when it is a string and not at all otherwise. So five elements repeated
 * 1000 × 1000 count 5 million (they cost SheetJS 83 s and 1.2 GB), while LibreOffice's empty
 * cells repeated to the sheet's last column and row count nothing, as SheetJS makes nothing of them.
 */
export function odsCellCount(content: Uint8Array, stopAt: number): number {
  const xml = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  const tag = /<(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>/g;
  const repeat = (attrs: string, attr: RegExp) => Math.max(1, Number.parseInt(attr.exec(attrs)?.[1] ?? '1', 10) || 1);
  let rows = 1;
  let n = 0;
  for (let m = tag.exec(xml); m && n <= stopAt; m = tag.exec(xml)) {
    const [, name, attrs] = m;
    const empty = attrs.endsWith('/');
    if (name === 'table-row') rows = repeat(attrs, ROWS_REPEATED);
    else if (name === 'covered-table-cell') n += repeat(attrs, COLUMNS_REPEATED);
    else if (!empty) n += rows * repeat(attrs, COLUMNS_REPEATED);
    else if (/value-type="string"/.test(attrs)) n += 1;
  }
  return n;
}

/** An OpenDocument spreadsheet past the cell limit (the cells SheetJS would make of its content.xml). */
export function odsExcess(parts: Map<string, Uint8Array>, limits: ReadLimits): Excess | undefined {
  const content = parts.get('content.xml');
  if (content && odsCellCount(content, limits.maxCells) > limits.maxCells) return cellsExcess(limits.maxCells);
  return undefined;
}
