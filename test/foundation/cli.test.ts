// The CLI as a user runs it: real files, real exit codes, problems one per line on stderr.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT, runCli, tempDir } from '../helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir('mto-cli-');
});

describe('mto-planner CLI', () => {
  it('writes a sample plant that validates cleanly', () => {
    const book = join(dir, 'sample.xlsx');
    expect(runCli(['sample', book]).code).toBe(0);
    const r = runCli(['validate', book, '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows;
    expect(rows.Orders).toBeGreaterThanOrEqual(40);
    expect(rows.WorkCenters).toBeGreaterThanOrEqual(6);
  });

  it('names exactly the broken cells, exits 2, and says it in Chinese with --lang zh', async () => {
    const book = join(dir, 'broken.xlsx');
    expect(runCli(['sample', book]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    wb.getWorksheet('Orders')!.getCell('D3').value = -10; // Quantity
    wb.getWorksheet('Orders')!.getCell('C5').value = 'FG-NOTHING'; // Item
    wb.getWorksheet('Routing')!.getCell('C2').value = 'LATHE'; // WorkCenter
    await wb.xlsx.writeFile(book);
    const r = runCli(['validate', book]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'Orders!D3: Quantity must be a positive number (got -10)',
      'Orders!C5: unknown item "FG-NOTHING": add it to Items or correct the code',
      'Routing!C2: unknown work center "LATHE": add it to WorkCenters or correct the code',
    ]);
    const zh = runCli(['validate', book, '--lang', 'zh']);
    expect(zh.stderr.split('\n')[0]).toBe('Orders!D3: 数量应为正数（当前为 -10）');
    const envZh = runCli(['validate', book], { LANG: 'zh_CN.UTF-8' });
    expect(envZh.stderr.split('\n')[0]).toBe('Orders!D3: 数量应为正数（当前为 -10）');
    const json = JSON.parse(runCli(['validate', book, '--json']).stdout);
    expect(json.errors[0]).toEqual({ sheet: 'Orders', cell: 'D3', message: 'Quantity must be a positive number (got -10)' });
  });

  it('writes a template whose sheets are tables', async () => {
    const book = join(dir, 'template.xlsx');
    expect(runCli(['template', book]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    expect(wb.getWorksheet('Orders')!.getCell('A1').value).toBe('OrderId');
    // An empty template cannot be planned: it says why, with the cell.
    const r = runCli(['validate', book, '--job', 'plan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Settings!B2: PlanStart is required to plan');
  });

  it('uses exit 1 for a missing file or an unknown command, 2 for a file that is not a spreadsheet', () => {
    expect(runCli(['validate', join(dir, 'nope.xlsx')]).code).toBe(1);
    expect(runCli(['frobnicate']).code).toBe(1);
    const r = runCli(['validate', join(__dirname, 'cli.test.ts')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('This is not a spreadsheet (found: a text file)');
  });

  it('shows a progress line on a terminal, and none with --json', () => {
    const book = join(dir, 'tty.xlsx');
    expect(runCli(['sample', book]).code).toBe(0);
    // util-linux `script` runs the CLI on a pseudo-terminal, as a user's shell would.
    const onTty = (extra: string) =>
      spawnSync('script', ['-qec', `${process.execPath} ${join(ROOT, 'dist/cli.js')} validate ${book}${extra}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } }).stdout;
    const plain = onTty('');
    expect(plain).toMatch(/\r\x1b\[Kreading workbook… \(\d+\.\d s\)/);
    expect(plain).toContain('no problems found');
    const json = onTty(' --json');
    expect(json).not.toContain('reading workbook');
    expect(JSON.parse(json.replace(/\r/g, '')).status).toBe('ok');
  });

  it('stops quietly when the reader closes the pipe early (| head)', () => {
    const book = join(dir, 'pipe.xlsx');
    expect(runCli(['sample', book]).code).toBe(0);
    const r = spawnSync('sh', ['-c', `${process.execPath} ${join(ROOT, 'dist/cli.js')} plan ${book} --json | head -c 10`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toHaveLength(10);
  });

  it('prints no progress line when stderr is not a terminal', () => {
    const r = runCli(['sample', join(dir, 'quiet.xlsx')]);
    expect(r.stderr).toBe('');
  });
});
