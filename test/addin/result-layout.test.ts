// One result layout (shared/result-layout.ts), two writers: the XML writer of every file
// (service/xlsx/result-parts.ts, read back from real .xlsx bytes) and the Office.js writer
// (through the mock Excel) must leave the same cell values, number formats, table and conditional
// formats. What differs is stated here: the chart (a DrawingML part in the file, an Excel chart
// object through Office.js) and text guarding (Office.js only, in General cells).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dayToExcelSerial } from '../../shared/dates';
import { resultLayout, uniqueTableName } from '../../shared/result-layout';
import type { ResultSheet } from '../../shared/results';
import { writeResultSheets as writeExcel } from '../../addin/excel/write-results';
import { resultPackage } from '../../service/xlsx/result-parts';
import { zipEntries } from '../../service/xlsx/zip';
import { tempDir } from '../helpers';
import { have, PY } from '../files';
import { mockExcel } from './excel-mock';

const sheet: ResultSheet = {
  name: 'Plan',
  columns: [
    { key: 'orderId', header: 'Order', headerZh: '订单号' },
    { key: 'finish', header: 'Finish', headerZh: '完工日期', format: 'date' },
    { key: 'qty', header: 'Quantity', headerZh: '数量', format: 'integer' },
    { key: 'cost', header: 'Cost', headerZh: '成本', format: 'money' },
    { key: 'util', header: 'Utilisation', headerZh: '利用率', format: 'percent' },
    { key: 'late', header: 'Days late', headerZh: '延期天数' }, // numbers, no format: General
    { key: 'why', header: 'Why late', headerZh: '延期原因' },
  ],
  rows: [
    { orderId: 'SO-1', finish: '2026-11-30', qty: 10, cost: 1234.5, util: 0.5, late: 0, why: null },
    { orderId: '=SO-2', finish: '2026-12-07', qty: 3, cost: 99, util: 1.02, late: 7, why: '产能不足 WC-MILL' },
    { orderId: 'SO-3', finish: undefined, qty: 1, cost: 0, util: 0.9, late: 2, why: '+缺料' },
  ],
  // util from its lowest to its highest value; qty anchored at fixed values (as the scorecard's
  // grade thresholds are): red at 1, yellow at 5, green at 10
  colorScales: [{ column: 'util' }, { column: 'qty', highIsGood: true, at: [1, 5, 10] }],
  // a cell holding exactly this text gets the fill (the scorecard's grade colours)
  valueFills: [{ column: 'orderId', value: 'SO-3', fill: 'C6EFCE' }],
  highlightWhen: { column: 'late', color: 'amber' },
  chart: { type: 'column', title: 'Days late', titleZh: '延期天数', category: 'orderId', series: ['late'] },
};

type Cell = string | number | boolean | null;
interface Seen {
  values: Cell[][];
  formats: string[][]; // data rows
  table: { name: string; ref: string; style: string };
  /** column widths in characters, frozen header rows, print setup */
  widths: number[];
  frozenRows: number;
  headerFont: { name: string; size: number; bold: boolean };
  print: { landscape: boolean; pagesWide: number; pagesTall: number; titleRows: string };
  cfs: ({ ref: string; type: 'colorScale'; colors: string[]; at?: number[] } | { ref: string; type: 'cellIs'; value: string; fill: string } | { ref: string; type: 'expression'; formula: string; fill: string })[];
}

/** What the jobs' XML writer (service/xlsx/result-parts.ts) leaves, read back the same way. */
const viaParts = (lang: 'en' | 'zh') => readBack(resultPackage([sheet], lang));

async function readBack(raw: Buffer): Promise<Seen & { bytes: Buffer }> {
  const bytes = raw;
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(raw as unknown as ExcelJS.Buffer);
  const ws = back.getWorksheet('Plan')!;
  const n = sheet.rows.length + 1;
  const cols = sheet.columns.length;
  const cell = (r: number, c: number): Cell => {
    const v = ws.getCell(r, c).value;
    if (v instanceof Date) return dayToExcelSerial(v.toISOString().slice(0, 10));
    return (v ?? null) as Cell;
  };
  const t = (ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string; style: { theme: string } } }> }).tables;
  const [table] = Object.values(t).map((x) => x.table);
  const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; color?: { argb: string }[]; cfvo?: { type: string; value?: unknown }[]; formulae?: string[]; style?: { fill: { bgColor: { argb: string } } } }[] }[] }).conditionalFormattings;
  return {
    bytes,
    values: Array.from({ length: n }, (_, i) => Array.from({ length: cols }, (_, j) => cell(i + 1, j + 1))),
    formats: Array.from({ length: n - 1 }, (_, i) => Array.from({ length: cols }, (_, j) => ws.getCell(i + 2, j + 1).numFmt ?? 'General')),
    table: { name: table.name, ref: table.tableRef, style: table.style.theme },
    widths: sheet.columns.map((_, j) => ws.getColumn(j + 1).width!),
    frozenRows: (ws.views[0] as { ySplit?: number }).ySplit ?? 0,
    headerFont: (({ name, size, bold }) => ({ name: name!, size: size!, bold: bold! }))(ws.getCell(1, 1).font),
    print: { landscape: ws.pageSetup.orientation === 'landscape', pagesWide: ws.pageSetup.fitToWidth!, pagesTall: ws.pageSetup.fitToHeight!, titleRows: `$${ws.pageSetup.printTitlesRow!.replace(':', ':$')}` },
    cfs: cfs.flatMap((cf) =>
      cf.rules.map((r) =>
        r.type === 'colorScale'
          ? { ref: cf.ref, type: 'colorScale' as const, colors: r.color!.map((c) => c.argb.slice(2)), ...(r.cfvo!.every((c) => c.type === 'num') ? { at: r.cfvo!.map((c) => Number(c.value)) } : {}) }
          : r.type === 'cellIs'
            ? { ref: cf.ref, type: 'cellIs' as const, value: r.formulae![0], fill: r.style!.fill.bgColor.argb.slice(2) }
            : { ref: cf.ref, type: 'expression' as const, formula: r.formulae![0], fill: r.style!.fill.bgColor.argb.slice(2) },
      ),
    ),
  };
}

/** What the Office.js writer leaves in (mock) Excel. */
async function viaExcel(lang: 'en' | 'zh'): Promise<Seen & { chart?: string; guarded: Cell[][] }> {
  const xl = mockExcel([], { excelApi: '1.9' }); // page layout is ExcelApi 1.9
  await writeExcel(xl.context, [sheet], lang, { supports: xl.supports });
  const ws = xl.sheet('Plan')!;
  const guarded = ws.ranges.find((r) => r.values)!.values as Cell[][];
  const t = ws.tables[0];
  const cfs = ws.ranges.flatMap((r) =>
    r.conditionalFormats.map((cf) =>
      cf.type === 'ColorScale'
        ? (({ minimum, midpoint, maximum }) => ({
            ref: r.address,
            type: 'colorScale' as const,
            colors: [minimum, midpoint, maximum].map((c) => c.color.slice(1)),
            ...(minimum.type === 'Number' ? { at: [minimum, midpoint, maximum].map((c) => Number(c.formula)) } : {}),
          }))(cf.colorScale.criteria as Record<'minimum' | 'midpoint' | 'maximum', { color: string; type: string; formula: string }>)
        : cf.type === 'CellValue'
          ? { ref: r.address, type: 'cellIs' as const, value: cf.cellValue.rule.operator === 'EqualTo' ? cf.cellValue.rule.formula1!.slice(1) : '?', fill: cf.cellValue.format.fill.color!.slice(1) }
          : { ref: r.address, type: 'expression' as const, formula: cf.custom.rule.formula!.slice(1), fill: cf.custom.format.fill.color!.slice(1) },
    ),
  );
  return {
    // '' is an empty cell to Office.js; Office.js shows a guarded '=x as =x
    values: guarded.map((row) => row.map((v) => (v === '' ? null : typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v))),
    guarded,
    formats: ws.ranges.find((r) => r.numberFormat)!.numberFormat as string[][],
    table: { name: t.name!, ref: t.address, style: t.style! },
    // Office.js widths are points: 5.25 pt a character plus 4 pt of padding
    widths: sheet.columns.map((_, j) => {
      const L = String.fromCharCode(65 + j);
      return (ws.ranges.find((r) => r.address === `${L}:${L}`)!.format.columnWidth! - 4) / 5.25;
    }).map((w) => Math.round(w)),
    frozenRows: ws.frozenRows!,
    headerFont: (({ fontName, fontSize, bold }) => ({ name: fontName as string, size: fontSize as number, bold: bold as boolean }))(ws.ranges.find((r) => /^A1:[A-Z]+1$/.test(r.address))!.format as Record<string, unknown>),
    print: {
      landscape: ws.pageLayout!.orientation === 'Landscape',
      pagesWide: (ws.pageLayout!.zoom as { horizontalFitToPages: number }).horizontalFitToPages,
      pagesTall: (ws.pageLayout!.zoom as { verticalFitToPages: number }).verticalFitToPages,
      titleRows: ws.pageLayout!.printTitleRows!,
    },
    cfs,
    chart: ws.charts[0]?.type,
  };
}

describe('one result layout, two writers', () => {
  for (const lang of ['en', 'zh'] as const)
    it(`leaves the same values, formats, table and conditional formats (${lang})`, async () => {
      const [excel, parts] = await Promise.all([viaExcel(lang), viaParts(lang)]);
      const { chart, guarded, ...fromExcel } = excel;
      const { bytes: _p, ...fromFile } = parts;
      expect(fromExcel).toEqual(fromFile);
      // hand-checked: 2026-11-30 is serial 46356 (2026-01-01 = 46023, + 333 days)
      expect(fromFile.values[1].slice(0, 5)).toEqual(['SO-1', 46356, 10, 1234.5, 0.5]);
      expect(fromFile.formats[0]).toEqual(['@', 'yyyy-mm-dd', '#,##0', '#,##0.00', '0.0%', 'General', '@']);
      expect(fromFile.table).toEqual({ name: 'tblPlan', ref: 'A1:G4', style: 'TableStyleMedium2' });
      expect(fromFile.print).toEqual({ landscape: true, pagesWide: 1, pagesTall: 0, titleRows: '$1:$1' });
      expect(fromFile.frozenRows).toBe(1);
      expect(fromFile.headerFont).toEqual({ name: lang === 'zh' ? 'Microsoft YaHei' : 'Calibri', size: 11, bold: true });
      // widths: header length + 2, at least 10 ("Utilisation" 11 + 2 = 13; Chinese counts double: 利用率 3 × 2 + 2 = 8 → 10)
      expect(fromFile.widths[4]).toBe(lang === 'en' ? 13 : 10);
      expect(fromFile.cfs).toEqual([
        { ref: 'E2:E4', type: 'colorScale', colors: ['63BE7B', 'FFEB84', 'F8696B'] },
        { ref: 'C2:C4', type: 'colorScale', colors: ['F8696B', 'FFEB84', '63BE7B'], at: [1, 5, 10] },
        { ref: 'A2:A4', type: 'cellIs', value: '"SO-3"', fill: 'C6EFCE' },
        { ref: 'A2:G4', type: 'expression', formula: 'AND($F2<>"",$F2<>0,$F2<>FALSE)', fill: 'FFEB9C' },
      ]);
      // The native chart: Office.js adds it in Excel; the XML writer writes a DrawingML chart
      // part (read back in test/results/native-chart.test.ts).
      expect(zipEntries(parts.bytes).map((e) => e.name)).toEqual(expect.arrayContaining(['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml']));
      // Text columns (@) are written as they are in both.
      expect(chart).toBe('ColumnClustered');
      expect(guarded[2][0]).toBe('=SO-2');
    });

  it.skipIf(!have('openpyxl'))('writes a file an independent reader (openpyxl) sees with its table, frozen header and print setup', async () => {
    const py = PY;
    const dir = tempDir();
    const path = join(dir, 'plan.xlsx');
    writeFileSync(path, resultPackage([sheet], 'en'));
    const script = `
import json, openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Plan']
t = ws.tables['tblPlan']
print(json.dumps({'ref': t.ref, 'style': t.tableStyleInfo.name, 'freeze': ws.freeze_panes,
  'orientation': ws.page_setup.orientation, 'wide': ws.page_setup.fitToWidth, 'tall': ws.page_setup.fitToHeight,
  'fit': ws.sheet_properties.pageSetUpPr.fitToPage, 'titles': ws.print_title_rows}))`;
    writeFileSync(join(dir, 'read.py'), script);
    const r = spawnSync(py, [join(dir, 'read.py'), path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ ref: 'A1:G4', style: 'TableStyleMedium2', freeze: 'A2', orientation: 'landscape', wide: 1, tall: 0, fit: true, titles: '$1:$1' });
  });

  it('finds a free, valid table name', () => {
    expect(uniqueTableName('tblPlan', [])).toBe('tblPlan');
    expect(uniqueTableName('tblPlan', ['TBLPLAN', 'tblPlan_2'])).toBe('tblPlan_3');
    expect(resultLayout({ ...sheet, name: 'Plan 2026' }, 'en').table.name).toBe('tblPlan_2026');
    // table headers must differ: a repeated one is numbered
    expect(resultLayout({ ...sheet, columns: [sheet.columns[0], { ...sheet.columns[1], header: 'ORDER' }] }, 'en').header).toEqual(['Order', 'ORDER (2)']);
    // an empty result still gets a table with one (blank) data row: Excel tables cannot be empty
    expect(resultLayout({ ...sheet, rows: [] }, 'en').table.address).toBe('A1:G2');
  });
});
