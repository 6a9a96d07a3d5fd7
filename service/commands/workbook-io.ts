// Shared steps of the workbook commands: read and validate a book, report problems, save results
// atomically so the user's file is untouched unless everything succeeded.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Job } from '../../shared/contract';
import type { Plant } from '../../shared/domain';
import { formatProblem, type Problem } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';
import { readPlant } from '../../shared/validate';
import { loadWorkbook, workbookRows } from '../../shared/xlsx/read-workbook';
import { writeResultSheets } from '../xlsx/write-results';
import { EXIT, type CommandContext } from './types';
import { xlsxBytes } from '../../shared/xlsx/workbook';

export async function openBook(path: string | undefined, ctx: CommandContext): Promise<ExcelJS.Workbook | number> {
  if (!path) {
    ctx.stderr(ctx.lang === 'zh' ? '请指定工作簿文件（.xlsx）' : 'name a workbook (.xlsx) to read');
    return EXIT.error;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    ctx.stderr(`${path}: ${(e as Error).message}`);
    return EXIT.error;
  }
  try {
    return await loadWorkbook(bytes);
  } catch (e) {
    ctx.stderr(`${path}: ${(e as Error).message}`);
    return EXIT.invalid;
  }
}

/** Problems to stderr, one per line (or as JSON on stdout with --json); exit code 2. */
export function reportProblems(problems: Problem[], ctx: CommandContext): number {
  if (ctx.json) ctx.stdout(JSON.stringify({ status: 'invalid', errors: problems.map((p) => ({ sheet: p.sheet, cell: p.cell, message: ctx.lang === 'zh' ? p.messageZh : p.message })) }, null, 2));
  for (const p of problems) ctx.stderr(formatProblem(p, ctx.lang));
  return EXIT.invalid;
}

/** Open, parse and validate a workbook for a job: the plant, or an exit code after reporting. */
export async function loadPlant(path: string | undefined, job: Job, ctx: CommandContext): Promise<{ wb: ExcelJS.Workbook; plant: Plant } | number> {
  ctx.progress(ctx.lang === 'zh' ? '读取工作簿…' : 'reading workbook…');
  const wb = await openBook(path, ctx);
  if (typeof wb === 'number') return wb;
  const { plant, problems } = readPlant(workbookRows(wb), job);
  if (problems.length) return reportProblems(problems, ctx);
  return { wb, plant };
}

/** Where a job writes by default: beside the book, `<book>-<suffix>.xlsx`; nowhere with --json. The
 * user's own file is only rewritten when --out names it (exceljs drops parts it cannot read, such
 * as charts and pivot tables). */
export const resultPath = (book: string, suffix: string, ctx: CommandContext): string | undefined =>
  (ctx.values.out as string | undefined) ?? (ctx.json ? undefined : join(dirname(book), `${basename(book, extname(book))}-${suffix}.xlsx`));

/** Add result sheets and write to `out` through a temp file and rename (all or nothing). */
export async function saveResults(wb: ExcelJS.Workbook, sheets: ResultSheet[], out: string, ctx: CommandContext): Promise<void> {
  ctx.progress(ctx.lang === 'zh' ? '写入结果…' : 'writing results…');
  writeResultSheets(wb, sheets, ctx.lang);
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  await writeFile(tmp, await xlsxBytes(wb));
  await rename(tmp, out);
}
