// Workbooks as real programs save them, through the built CLI: the sample plant re-saved by
// LibreOffice (.xlsx and .ods), Gnumeric and openpyxl (also with the 1904 date system), and a
// template filled by openpyxl, each plans to the original's objective and comes back with every
// original sheet and every part of the original package; .xlsm keeps its macros; files that are
// not workbooks, and hostile ones, are refused quickly with what they are.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryData, zipEntries } from '../../service/xlsx/zip';
import { have, openpyxlSheets, python, soffice, ssconvert, zipBombs } from '../files';
import { ROOT, runCli, tempDir } from '../helpers';

const RESULT_SHEETS = ['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order'];

/** Every part of a zip package: name → bytes. */
function parts(file: string): Map<string, Buffer> {
  const b = readFileSync(file);
  return new Map(zipEntries(b).map((e) => [e.name, entryData(b, e)]));
}

/** plan --json --out: the objective, exit code and messages. */
function plan(book: string, out: string): { code: number | null; objective?: number; stderr: string } {
  const r = runCli(['plan', book, '--json', '--out', out]);
  const objective = r.code === 0 ? (JSON.parse(r.stdout) as { objective: number }).objective : undefined;
  return { code: r.code, objective, stderr: r.stderr };
}

/** The CLI under /usr/bin/time: exit code, stderr, seconds and peak memory (MB). */
function measured(args: string[]): { code: number | null; stderr: string; seconds: number; mb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, join(ROOT, 'dist/cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    timeout: 60_000,
  });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr)!;
  // GNU time adds "Command exited with non-zero status 2" before its own line.
  const stderr = r.stderr.slice(0, m.index).replace(/^Command exited with non-zero status \d+\n/m, '');
  return { code: r.status, stderr, seconds: Number(m[1]), mb: Number(m[2]) / 1024 };
}

describe('workbooks saved by other programs', () => {
  const dir = tempDir('mto-formats-');
  const sample = join(dir, 'plant.xlsx');
  let objective: number;
  let sheets: string[];

  beforeAll(() => {
    expect(runCli(['sample', sample]).code).toBe(0);
    const r = plan(sample, join(dir, 'plant-planned.xlsx'));
    expect(r.code).toBe(0);
    objective = r.objective!;
    sheets = openpyxlSheets(sample);
  }, 120_000);

  it.skipIf(!have('soffice') || !have('openpyxl'))('re-saved by LibreOffice as .xlsx and .ods: same plan, every original sheet back', () => {
    const lo = join(dir, 'lo');
    const xlsx = soffice(sample, 'xlsx', lo);
    const ods = soffice(sample, 'ods', lo);
    const a = plan(xlsx, join(dir, 'lo-planned.xlsx'));
    expect(a.code).toBe(0);
    expect(a.objective).toBeCloseTo(objective, 6);
    expect(openpyxlSheets(join(dir, 'lo-planned.xlsx'))).toEqual([...sheets, ...RESULT_SHEETS]);
    // An .ods gets an .xlsx result, named so, and the message says why.
    const b = plan(ods, join(dir, 'ods-planned.ods'));
    expect(b.code).toBe(0);
    expect(b.objective).toBeCloseTo(objective, 6);
    // Each said once, and nothing else (SheetJS's own "ODS number format may be incorrect: value()&gt;0" lines were passed on).
    expect(b.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^The input is an OpenDocument spreadsheet \(\.ods\)/),
      `the result is an .xlsx file: writing ${join(dir, 'ods-planned.xlsx')} instead of ${join(dir, 'ods-planned.ods')}`,
    ]);
    expect(existsSync(join(dir, 'ods-planned.ods'))).toBe(false);
    expect(openpyxlSheets(join(dir, 'ods-planned.xlsx'))).toEqual([...sheets, ...RESULT_SHEETS]);
    const v = runCli(['validate', ods]);
    expect(v.code).toBe(0);
    expect(v.stderr).toBe('');
  }, 600_000);

  it.skipIf(!have('ssconvert') || !have('openpyxl'))('re-saved by Gnumeric, by openpyxl, and by openpyxl in the 1904 date system: same plan', () => {
    const gnumeric = ssconvert(sample, join(dir, 'gnumeric.xlsx'));
    const py = join(dir, 'openpyxl.xlsx');
    const mac = join(dir, 'openpyxl-1904.xlsx');
    python(
      `import sys, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb = openpyxl.load_workbook(sys.argv[1])
wb.save(sys.argv[2])
wb.epoch = CALENDAR_MAC_1904  # dates are stored as days since 1904-01-01 from here on
wb.save(sys.argv[3])`,
      sample,
      py,
      mac,
    );
    expect(readFileSync(mac).length).toBeGreaterThan(0);
    expect(parts(mac).get('xl/workbook.xml')!.toString()).toContain('date1904="1"');
    for (const book of [gnumeric, py, mac]) {
      const out = book.replace(/\.xlsx$/, '-planned.xlsx');
      const r = plan(book, out);
      expect(r.code, `${book}: ${r.stderr}`).toBe(0);
      expect(r.objective).toBeCloseTo(objective, 6);
      expect(openpyxlSheets(out)).toEqual([...sheets, ...RESULT_SHEETS]);
    }
  }, 300_000);

  it.skipIf(!have('openpyxl'))('relationships written as absolute paths (/xl/…), as some writers do: same plan, sheets added', () => {
    const abs = join(dir, 'absolute.xlsx');
    python(
      `import sys, re, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename in ('xl/_rels/workbook.xml.rels', '_rels/.rels'):
            base = b'/xl/' if info.filename.startswith('xl/') else b'/'
            data = re.sub(rb'Target="(?![/h])([^"]+)"', lambda m: b'Target="' + base + m.group(1) + b'"', data)
        out.writestr(info, data)`,
      sample,
      abs,
    );
    expect(parts(abs).get('xl/_rels/workbook.xml.rels')!.toString()).toContain('Target="/xl/worksheets/');
    const out = join(dir, 'absolute-planned.xlsx');
    const r = plan(abs, out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.objective).toBeCloseTo(objective, 6);
    expect(openpyxlSheets(out)).toEqual([...sheets, ...RESULT_SHEETS]);
  }, 120_000);

  it.skipIf(!have('openpyxl'))('a template filled by openpyxl plans; a formula it never calculated is named as such', () => {
    const template = join(dir, 'template.xlsx');
    expect(runCli(['template', template]).code).toBe(0);
    const fill = `import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def put(name, rows):
    ws = wb[name]
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            ws.cell(row=2 + i, column=1 + j, value=v)
s = wb['Settings']
for row in s.iter_rows(min_row=2):
    if row[0].value == 'PlanStart': row[1].value = datetime.date(2026, 11, 30)
put('Items', [['FG', 'Widget', 'Make']])
put('WorkCenters', [['CNC', 'Mill', 16]])
put('Routing', [['FG', 10, 'CNC', 1, 0.5]])
put('Orders', [['SO-1', 'ACME', 'FG', sys.argv[3] if sys.argv[3].startswith('=') else int(sys.argv[3]), datetime.date(2026, 12, 24), None, 2, 'Approved']])
wb.save(sys.argv[2])`;
    const filled = join(dir, 'filled.xlsx');
    python(fill, template, filled, '12');
    const r = runCli(['plan', filled, '--json', '--out', join(dir, 'filled-planned.xlsx')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { orders: { orderId: string; daysLate: number; shortQty: number }[] };
    // 12 pieces × 0.5 h + 1 h setup = 7 h on a 16 h/day mill, due 2026-12-24: on time, nothing short.
    expect(j.orders).toEqual([expect.objectContaining({ orderId: 'SO-1', daysLate: 0, shortQty: 0 })]);
    expect(openpyxlSheets(join(dir, 'filled-planned.xlsx'))).toEqual([...openpyxlSheets(template), ...RESULT_SHEETS]);

    // openpyxl writes formulas without a calculated value.
    const formula = join(dir, 'formula.xlsx');
    python(fill, template, formula, '=6*2');
    const bad = runCli(['plan', formula]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['Orders!D2: formula not calculated: open and save the workbook in Excel (or WPS, LibreOffice) so the value is stored']);
  }, 120_000);
});

describe('writing back without losing anything', () => {
  const dir = tempDir('mto-keep-');
  const sample = join(dir, 'plant.xlsx');
  beforeAll(() => expect(runCli(['sample', sample]).code).toBe(0), 60_000);

  it.skipIf(!have('openpyxl'))("keeps a chart, comment, defined name, validation and conditional format byte for byte; a rerun changes nothing else", () => {
    const book = join(dir, 'dashboard.xlsx');
    python(
      `import sys, openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet('Dashboard')
ws['A1'] = 'Qty'
for i in range(2, 6): ws.cell(row=i, column=1, value=i * 10)
chart = BarChart()
chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=5), titles_from_data=True)
ws.add_chart(chart, 'C2')
ws['A1'].comment = Comment('checked by the planner', 'Li')
wb.defined_names.append(DefinedName('WeeklyQty', attr_text='Dashboard!$A$2:$A$5'))
dv = DataValidation(type='whole', operator='between', formula1='0', formula2='100')
ws.add_data_validation(dv)
dv.add('B2:B10')
ws.conditional_formatting.add('A2:A5', CellIsRule(operator='greaterThan', formula=['30'], fill=PatternFill(bgColor='FFC7CE', fill_type='solid')))
wb.save(sys.argv[2])`,
      sample,
      book,
    );
    const out = join(dir, 'dashboard-planned.xlsx');
    expect(runCli(['plan', book, '--out', out]).code).toBe(0);
    const before = parts(book);
    const after = parts(out);
    // The parts that say which sheets and styles there are change; every other part is the same bytes.
    const edited = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', '[Content_Types].xml'];
    for (const [name, data] of before) if (!edited.includes(name)) expect(after.get(name)?.equals(data), name).toBe(true);
    const seen = JSON.parse(
      python(
        `import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Dashboard']
print(json.dumps({'sheets': wb.sheetnames, 'charts': len(ws._charts), 'comment': ws['A1'].comment.text,
  'names': [d.name for d in wb.defined_names.definedName], 'validations': len(ws.data_validations.dataValidation),
  'cf': len(list(ws.conditional_formatting)), 'plan': wb['Plan']['A1'].value, 'bold': wb['Plan']['A1'].font.b}))`,
        out,
      ),
    );
    expect(seen).toMatchObject({ charts: 1, comment: 'checked by the planner', validations: 1, cf: 1, plan: 'Order', bold: true });
    expect(seen.names).toContain('WeeklyQty');
    expect(seen.sheets).toEqual([...openpyxlSheets(book), ...RESULT_SHEETS]);
    // Rerun on its own result: result sheets are replaced in place, nothing is added or lost.
    const again = join(dir, 'again.xlsx');
    copyFileSync(out, again);
    expect(runCli(['plan', again, '--out', again]).code).toBe(0);
    const third = parts(again);
    expect([...third.keys()].sort()).toEqual([...after.keys()].sort());
    // The same plan again: every part, result sheets included, comes out the same bytes.
    for (const [name, data] of after) expect(third.get(name)?.equals(data), name).toBe(true);
    expect(openpyxlSheets(again)).toEqual(seen.sheets);
  }, 120_000);

  it('a write that fails leaves no temporary file behind', () => {
    // --out names a folder: the temp file is written beside it, then the rename fails.
    const out = join(dir, 'taken.xlsx');
    mkdirSync(out);
    const r = runCli(['plan', sample, '--out', out]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it.skipIf(!have('openpyxl'))('.xlsm stays .xlsm with its vbaProject.bin', () => {
    const book = join(dir, 'macros.xlsm');
    const vba = Buffer.from('not really VBA, but the bytes must come back unchanged \u0001\u0002\u0003');
    writeFileSync(join(dir, 'vba.bin'), vba);
    // A macro-enabled package by hand: the workbook's content type, a vbaProject part and its relationship.
    python(
      `import sys, zipfile
src, dst, vba = sys.argv[1:4]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as out:
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename == '[Content_Types].xml':
            data = data.replace(b'spreadsheetml.sheet.main+xml', b'PLACEHOLDER').replace(b'application/vnd.openxmlformats-officedocument.PLACEHOLDER', b'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
            data = data.replace(b'</Types>', b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
        if info.filename == 'xl/_rels/workbook.xml.rels':
            data = data.replace(b'</Relationships>', b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
        out.writestr(info.filename, data)
    out.writestr('xl/vbaProject.bin', open(vba, 'rb').read())`,
      sample,
      book,
      join(dir, 'vba.bin'),
    );
    expect(parts(book).get('[Content_Types].xml')!.toString()).toContain('macroEnabled.main+xml');
    const r = runCli(['plan', book]);
    expect(r.code).toBe(0);
    const out = join(dir, 'macros-plan.xlsm');
    expect(r.stdout).toContain(`wrote ${out}`);
    const p = parts(out);
    expect(p.get('xl/vbaProject.bin')!.equals(vba)).toBe(true);
    expect(p.get('[Content_Types].xml')!.toString()).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(openpyxlSheets(out).slice(-RESULT_SHEETS.length)).toEqual(RESULT_SHEETS);
    // --out naming an .xlsx would give Excel a macro book it refuses to open: the name follows the content.
    const r2 = runCli(['plan', book, '--out', join(dir, 'copy.xlsx')]);
    expect(r2.code).toBe(0);
    expect(existsSync(join(dir, 'copy.xlsm'))).toBe(true);
    // Said once, and true (the folder check before reading the book used to say ".xlsx instead of .xlsm").
    expect(r2.stderr.trim().split('\n')).toEqual([`the result is an .xlsm file: writing ${join(dir, 'copy.xlsm')} instead of ${join(dir, 'copy.xlsx')}`]);
    // --out naming an .xlsm for a macro book: nothing to say.
    const r3 = runCli(['plan', book, '--out', join(dir, 'same.xlsm'), '--json']);
    expect(r3.code).toBe(0);
    expect(r3.stderr).toBe('');
    expect(existsSync(join(dir, 'same.xlsm'))).toBe(true);
  }, 120_000);
});

describe('files that are not workbooks, and hostile ones', () => {
  const dir = tempDir('mto-hostile-');

  it.skipIf(!have('openpyxl'))('names what a file is instead of reading it, and validate never passes it', () => {
    const files: [string, string | Buffer, string][] = [
      ['report.pdf', '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n', 'a PDF document'],
      ['orders.csv', 'OrderId,Customer,Item\nSO-1,ACME,FG\n', 'a CSV text file (one table; the planner needs a workbook with several sheets)'],
      ['empty.xlsx', '', 'an empty file'],
    ];
    for (const [name, data] of files) writeFileSync(join(dir, name), data);
    python(
      `import sys, zipfile, openpyxl
with zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr('notes.txt', 'hello')
openpyxl.Workbook().save(sys.argv[2])`,
      join(dir, 'notes.xlsx'),
      join(dir, 'blank.xlsx'),
    );
    files.push(['notes.xlsx', '', 'a zip archive without a workbook: notes.txt']);
    for (const [name, , found] of files) {
      const r = runCli(['validate', join(dir, name)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toBe(`${join(dir, name)}: This is not a spreadsheet (found: ${found}); open it in Excel, WPS or LibreOffice and save it as an .xlsx workbook\n`);
    }
    // A real but empty workbook: the sheets it lacks, never "no problems found".
    const blank = runCli(['validate', join(dir, 'blank.xlsx')]);
    expect(blank.code).toBe(2);
    // (the missing sheets of the job nearest to ready: the scorecard needs only two)
    expect(blank.stderr).toMatch(/^Suppliers!A1: missing sheet Suppliers .*\nPurchaseOrders!A1: missing sheet PurchaseOrders/m);
    expect(blank.stdout).not.toContain('no problems found');
  }, 60_000);

  it.skipIf(!have('openpyxl'))('a zip bomb (1 GB of XML in a 1 MB file) is refused in seconds, within 1 GB, even when its directory lies', () => {
    const bomb = join(dir, 'bomb.xlsx');
    const liar = join(dir, 'liar.xlsx');
    zipBombs(bomb, liar);
    expect(readFileSync(bomb).length).toBeLessThan(2 * 1024 * 1024);
    for (const [f, message] of [
      [bomb, 'The workbook expands to more than 200 MB when unzipped'],
      [liar, 'This is not a spreadsheet (found: a damaged zip file (xl/worksheets/sheet1.xml holds more than the 1000 bytes its directory says))'],
    ]) {
      const r = measured(['plan', f]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/fewer orders/);
      expect(r.seconds).toBeLessThan(15);
      expect(r.mb).toBeLessThan(1024);
    }
  }, 120_000);

  it.skipIf(!have('openpyxl'))('one value at XFD1048576 or A1048576 costs one cell: reported by its address, quickly', () => {
    const sample = join(dir, 'plant.xlsx');
    expect(runCli(['sample', sample]).code).toBe(0);
    const far = join(dir, 'far.xlsx');
    python(
      `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Orders']['XFD1048576'] = 'x'
wb['Items']['A1048576'] = 'y'
wb.save(sys.argv[2])`,
      sample,
      far,
    );
    const r = measured(['plan', far]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Orders!XFD1048576: a value far outside the table: the sheet would span 1048576 rows × 16384 columns for \d+ filled cells; delete it or move it next to the table$/);
    expect(lines[1]).toMatch(/^Items!A1048576: a value far outside the table/);
    expect(r.seconds).toBeLessThan(15);
    expect(r.mb).toBeLessThan(1024);
  }, 120_000);
});
