// Hostile workbooks that stay under the unzipped-size cap but hold millions of shared strings or
// cells: refused before SheetJS parses them (which cost 31 s and 2.5 GB for a 196 MB table of 8.2
// million strings), through the real reader and the built CLI; real plants are not affected.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../shared/plan/generate-plant';
import { MAX_SHARED_STRINGS } from '../../service/xlsx/hostile-parts';
import { BookTooLargeError, readBook } from '../../service/xlsx/read-book';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { xlsxBytes } from '../../service/xlsx/workbook';
import { inflateEntries, writeZip, zipEntries } from '../../service/xlsx/zip';
import { bigTable, withPart } from '../files';
import { ROOT, runCli, tempDir } from '../helpers';

const dir = tempDir();
let sample: Buffer;

beforeAll(() => {
  expect(runCli(['sample', join(dir, 'plant.xlsx')]).code).toBe(0);
  sample = readFileSync(join(dir, 'plant.xlsx'));
});

/** validate under /usr/bin/time: exit code, stderr, seconds, peak MB. */
function validate(file: string, lang = 'en'): { code: number | null; stderr: string; seconds: number; mb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, join(ROOT, 'dist/cli.js'), 'validate', file, '--lang', lang], { encoding: 'utf8', timeout: 60_000 });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr)!;
  return { code: r.status, stderr: r.stderr.slice(0, m.index).replace(/^Command exited with non-zero status \d+\n/m, ''), seconds: Number(m[1]), mb: Number(m[2]) / 1024 };
}

const SST_EN = `The workbook's shared-strings table holds more than 500,000 texts (a plant's workbook has a few thousand); it is damaged or was built to exhaust memory: open it in Excel, WPS or LibreOffice, copy the input sheets into a new workbook (the template) and save that`;
const SST_ZH = `工作簿的共享字符串表超过 500,000 条（正常工作簿只有几千条），文件可能已损坏或为恶意文件：请在 Excel、WPS 或 LibreOffice 中打开，把输入工作表复制到新的工作簿（模板）中再保存`;

describe('a shared-strings table no plant needs', () => {
  it('is refused by the CLI (exit 2) before parsing, quickly and in little memory, whether its uniqueCount says so or lies', () => {
    // 600,000 strings: past the limit of 500,000 (the sample has 432, a 10,000-order plant 13,549).
    const honest = join(dir, 'sst-honest.xlsx');
    const liar = join(dir, 'sst-liar.xlsx');
    writeFileSync(honest, withPart(sample, 'xl/sharedStrings.xml', bigTable(sample, 600_000, (n) => n)));
    writeFileSync(liar, withPart(sample, 'xl/sharedStrings.xml', bigTable(sample, 600_000, () => 432)));
    for (const f of [honest, liar]) {
      const r = validate(f);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`${f}: ${SST_EN}\n`);
      expect(r.seconds).toBeLessThan(5);
      expect(r.mb).toBeLessThan(400);
    }
    expect(validate(liar, 'zh').stderr).toBe(`${liar}: ${SST_ZH}\n`);
  }, 60_000);

  it('a table just at the limit, and real plants, are read', async () => {
    const atLimit = withPart(sample, 'xl/sharedStrings.xml', bigTable(sample, MAX_SHARED_STRINGS - 432, (n) => n));
    expect(readBook(atLimit).rows.Orders.rows.length).toBe(46);
    const big = generatePlant({ orders: 1000, workCenters: 20, buckets: 26, seed: 1 });
    expect(readBook(await xlsxBytes(inputWorkbook(big.settings, big.sheets))).rows.Orders.rows.length).toBe(1000);
  }, 60_000);

  it('the limit is a setting (MTO_MAX_SHARED_STRINGS in the service): 432 strings are refused at 400', () => {
    expect(() => readBook(sample, { maxSharedStrings: 400 })).toThrow(BookTooLargeError);
    expect(() => readBook(sample, { maxSharedStrings: 432 })).not.toThrow();
  });
});

describe('cells no plant needs, without shared strings', () => {
  const CELLS_EN = /^The workbook's input sheets store more than 3,000 cells \(a 10,000-order plant stores under 200,000\)/;

  it('inline-string cells are counted before parsing, against the cell limit (MTO_MAX_CELLS)', () => {
    // The sample stores 3,071 cells, 1,049 of them on Orders; 2,000 more inline strings on Orders
    // make 5,071, past a limit of 3,000 (the input sheets alone count; the limit is lowered so
    // the file stays small: the default, 2,000,000, bounds a 200 MB sheet the same way).
    const entries = zipEntries(sample);
    const orders = inflateEntries(sample, entries, 1 << 30)[entries.findIndex((e) => e.name === 'xl/worksheets/sheet2.xml')].toString('utf8');
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${1000 + i}"><c r="A${1000 + i}" t="inlineStr"><is><t>x${i}</t></is></c></row>`).join('');
    const hostile = withPart(sample, 'xl/worksheets/sheet2.xml', orders.replace('</sheetData>', `${rows}</sheetData>`));
    expect(() => readBook(hostile, { maxCells: 3000 })).toThrow(CELLS_EN);
    expect(() => readBook(sample, { maxCells: 3100 })).not.toThrow();
  });

  it('an .ods content.xml with more cells than the limit is refused before parsing', () => {
    const cell = (i: number) => `<table:table-cell office:value-type="string"><text:p>t${i}</text:p></table:table-cell>`;
    const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
    const ods = (cells: number, rows = Array.from({ length: cells / 2 }, (_, i) => `<table:table-row>${cell(i)}${cell(i)}</table:table-row>`).join('')) =>
      writeZip([
        { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
        { name: 'META-INF/manifest.xml', data: Buffer.from('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>') },
        { name: 'styles.xml', data: Buffer.from(`<office:document-styles ${ns}/>`) },
        { name: 'content.xml', data: Buffer.from(`<office:document-content ${ns}><office:body><office:spreadsheet><table:table table:name="Orders">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`) },
      ]);
    expect(() => readBook(ods(4000), { maxCells: 3000 })).toThrow(CELLS_EN);
    expect(readBook(ods(2000), { maxCells: 3000 }).format).toBe('ods');
    // Repeats count as the cells SheetJS makes of them: 5 rows repeated 1000 times, each one text
    // cell repeated over 1000 columns, are 5 × 1000 × 1000 = 5,000,000 cells (past the default
    // 2,000,000; SheetJS took 83 s and 1.2 GB on them, then failed), while an empty cell repeated
    // to the last column of 1,048,576 rows, as LibreOffice saves the rest of a sheet, counts none.
    const repeated = '<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>';
    const t0 = performance.now();
    expect(() => readBook(ods(0, repeated.repeat(5)))).toThrow(/^The workbook's input sheets store more than 2,000,000 cells/);
    expect(performance.now() - t0).toBeLessThan(1000);
    const rest = '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';
    expect(readBook(ods(0, `<table:table-row>${cell(1)}${cell(2)}</table:table-row>${rest}`), { maxCells: 3000 }).format).toBe('ods');
  });
});
