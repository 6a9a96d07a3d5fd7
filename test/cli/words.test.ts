// The CLI's words as a user meets them: --help per command, argument errors in plain words,
// --out into a missing folder, aligned Chinese tables, a number in a date-formatted Settings
// cell, "1 day late", and the service's start-up line on a terminal.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './in-process';
import { displayWidth } from '../../service/commands/table';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { order, records, wc } from '../plan/fixture';
import { ROOT, runCli, tempDir } from '../helpers';

const dir = tempDir('mto-cli-words-');
const sample = join(dir, 'sample.xlsx');
beforeAll(() => {
  expect(runCli(['sample', sample]).code).toBe(0);
});

/** The column (in terminal columns) where each option's explanation starts. */
const explanationColumns = (help: string): number[] =>
  help
    .split('\n')
    .filter((l) => /^ {2}-/.test(l))
    .map((l) => displayWidth(/^(\s+\S.*?\s{2,})/.exec(l)![1]));

describe('--help per command', () => {
  it('explains every option of plan, aligned, in English and Chinese', async () => {
    const r = await cli(['plan', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--out <result.xlsx>', '--export-lp <f.lp>', '--solver <auto|highs|jslp|glpk|cbc>', '--include-drafts', '--time-limit <seconds>', '--phasing <n>', '--no-schedule', '--cold-start', '--warm-start', '--json', '--lang <zh|en>', '-h, --help'])
      expect(r.stdout).toContain(`  ${opt}  `);
    expect(r.stdout).toContain('plan Draft orders too (what-if)');
    expect(new Set(explanationColumns(r.stdout)).size).toBe(1);
    expect(explanationColumns(r.stdout)).toHaveLength(15);
    const zh = await cli(['plan', '--help', '--lang', 'zh']);
    expect(zh.stdout).toContain('同时排产草稿订单（模拟）');
    expect(new Set(explanationColumns(zh.stdout)).size).toBe(1);
  });

  it("explains template's --lang", async () => {
    const r = await cli(['template', '--help']);
    expect(r.stdout).toMatch(/ {2}--lang <zh\|en> +language of the sheet names, headers and drop-down values/);
  });
});

describe('argument errors in plain words', () => {
  it('names an unknown option and a negative count', async () => {
    expect(await cli(['plan', 'book.xlsx', '--bogus'])).toEqual({ code: 1, stdout: '', stderr: 'plan has no option --bogus (see mto-planner plan --help)\n' });
    expect(await cli(['plan', 'book.xlsx', '--phasing', '-3'])).toEqual({ code: 1, stdout: '', stderr: '--phasing must be a whole number of fine buckets, 0 or more (got -3)\n' });
    expect(await cli(['plan', 'book.xlsx', '--phasing'])).toMatchObject({ code: 1, stderr: '--phasing needs a value: n (see mto-planner plan --help)\n' });
    expect((await cli(['plan', 'book.xlsx', '--bogus', '--lang', 'zh'])).stderr).toBe('plan 命令没有选项 --bogus（查看 mto-planner plan --help）\n');
  });
});

describe('--out into a missing folder', () => {
  it('says so before any work and leaves nothing behind', async () => {
    const clean = tempDir('mto-cli-out-');
    const book = join(clean, 'book.xlsx');
    copyFileSync(sample, book);
    const missing = join(clean, 'no-such-folder');
    for (const cmd of ['plan', 'quote', 'suppliers']) {
      const r = await cli([cmd, book, '--out', join(missing, 'result.xlsx')]);
      expect(r).toMatchObject({ code: 1, stderr: `cannot write ${join(missing, 'result.xlsx')}: the folder ${missing} does not exist; create it or choose another path\n` });
    }
    // --export-lp too, checked before the plan is solved.
    const lp = await cli(['plan', book, '--out', join(clean, 'r.xlsx'), '--export-lp', join(missing, 'm.lp')]);
    expect(lp.code).toBe(1);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(clean)).toEqual(['book.xlsx']);
  });
});

describe('Chinese tables', () => {
  it('line up: Chinese characters count two columns', async () => {
    const r = await cli(['suppliers', sample, '--lang', 'zh', '--out', join(dir, 'card.xlsx')]);
    expect(r.code).toBe(0);
    // Header and supplier rows: the last column (trend) is right-aligned, so every row ends at the same column.
    const rows = r.stdout.split('\n').slice(1, -2);
    expect(rows[0]).toMatch(/^供应商/);
    expect(rows.length).toBeGreaterThan(3);
    expect(new Set(rows.map(displayWidth)).size).toBe(1);
  });
});

describe('Settings', () => {
  it('reads a number typed in a Value cell formatted as a date as the number', async () => {
    const book = join(dir, 'datefmt.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample);
    const ws = wb.getWorksheet('Settings')!;
    let at = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === 'BucketDays') at = r;
    });
    expect(at).toBeGreaterThan(0);
    ws.getCell(at, 2).value = 7;
    ws.getCell(at, 2).numFmt = 'yyyy-mm-dd'; // Excel shows 1900-01-07
    await wb.xlsx.writeFile(book);
    const r = runCli(['validate', book, '--job', 'plan']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('days late', () => {
  it('says "1 day late", not "1 days late"', async () => {
    // Daily buckets. 16 h of work on a work center of 8 h a day, due after the first day:
    // the order finishes on day 2, one day late.
    const r = records(
      {
        Items: [{ ItemId: 'FG', Type: 'Make' }],
        Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
        WorkCenters: [wc('ASSY', 8, { DaysPerWeek: 7 })],
        Orders: [order('D1', 'FG', 16, '2026-01-05')],
      },
      { BucketDays: 1, HorizonBuckets: 7 },
    );
    const book = join(dir, 'daily.xlsx');
    writeFileSync(book, Buffer.from(await inputWorkbook(r.settings, r.sheets).xlsx.writeBuffer()));
    const out = await cli(['plan', book, '--out', join(dir, 'daily-plan.xlsx')]);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^ {2}D1 {2}2026-01-06 {2}1 day late: /m);
  });
});

describe('the service on a terminal', () => {
  /** Starts dist/server.js under `script` (a pseudo-terminal), returns what it printed once it listens. */
  async function startUnderTerminal(env: Record<string, string>): Promise<string> {
    const log = join(tempDir('mto-tty-'), 'tty.log');
    const proc = spawn('script', ['-qfc', `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'dist/server.js'))}`, log], {
      env: { ...process.env, PORT: '0', MTO_DB: join(dir, `tty-${Date.now()}.db`), MTO_HTTPS: '0', LOG_FORMAT: '', ...env },
      stdio: 'ignore',
      detached: true,
    });
    try {
      for (let i = 0; i < 300; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (text.includes('listening')) return text;
      }
      throw new Error('the service did not start within 30 s');
    } finally {
      process.kill(-proc.pid!, 'SIGTERM');
    }
  }

  it('prints a plain sentence with the URL; JSON with LOG_FORMAT=json', async () => {
    const plain = await startUnderTerminal({});
    const line = plain.split(/\r?\n/).find((l) => l.includes('listening'))!;
    expect(line).toMatch(/^MTO Planner \S+ listening on http:\/\/localhost:\d+ /);
    expect(line).not.toContain('{');
    const json = await startUnderTerminal({ LOG_FORMAT: 'json' });
    const j = JSON.parse(json.split(/\r?\n/).find((l) => l.includes('listening'))!);
    expect(j.url).toMatch(/^http:\/\/localhost:\d+$/);
  }, 70_000);
});

