// Shared steps of the workbook commands: read and validate a book, report problems, save results
// atomically so the user's file is untouched unless everything succeeded.
import { existsSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Job } from '../../shared/contract';
import type { Plant } from '../../shared/domain';
import { formatProblem, type Problem } from '../../shared/problems';
import type { ResultSheet } from '../../shared/results';
import { readPlant } from '../../shared/validate';
import { BookTooLargeError, mergeProblems, NotSpreadsheetError, readBook, readErrorMessage, type Book } from '../xlsx/read-book';
import { resultWorkbook } from '../xlsx/result-book';
import { zhSheetLabel } from '../../shared/result-sheet-names';
import { EXIT, type CommandContext } from './types';

export async function openBook(path: string | undefined, ctx: CommandContext, extra: string[] = []): Promise<Book | number> {
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
    return readBook(bytes, {}, extra);
  } catch (e) {
    if (!(e instanceof NotSpreadsheetError || e instanceof BookTooLargeError)) throw e;
    if (ctx.json) ctx.stdout(JSON.stringify({ status: 'invalid', error: readErrorMessage(e, ctx.lang) }, null, 2));
    ctx.stderr(`${path}: ${readErrorMessage(e, ctx.lang)}`);
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
export async function loadPlant(path: string | undefined, job: Job, ctx: CommandContext): Promise<{ wb: Book; plant: Plant } | number> {
  ctx.progress(ctx.lang === 'zh' ? '读取工作簿…' : 'reading workbook…');
  const wb = await openBook(path, ctx);
  if (typeof wb === 'number') return wb;
  const read = readPlant(wb.rows, job);
  const problems = mergeProblems(wb, read.problems);
  if (problems.length) return reportProblems(problems, ctx);
  return { wb, plant: read.plant };
}

/**
 * Where a job writes: --out, else beside the book as `<book>-<suffix>.<ext>` (nowhere with
 * --json). The extension is the result's own: .xlsm for a book with macros, .xlsx otherwise (an
 * .ods or .xls book gets an .xlsx copy, and the user is told why).
 */
export function resultPath(book: string, suffix: string, ctx: CommandContext, read?: Pick<Book, 'resultExt' | 'note'>): string | undefined {
  const ext = read?.resultExt ?? 'xlsx';
  const asked = ctx.values.out as string | undefined;
  if (read?.note) ctx.stderr(ctx.lang === 'zh' ? read.note.zh : read.note.en);
  const out = plannedResultPath(book, suffix, ctx, ext);
  if (asked !== undefined && out !== asked) ctx.stderr(ctx.lang === 'zh' ? `结果为 .${ext} 文件，写入 ${out}（而非 ${asked}）` : `the result is an .${ext} file: writing ${out} instead of ${asked}`);
  return out;
}

/**
 * resultPath without a word to the user: for checking its folder before the book is read, when
 * the result's extension is not known yet (the folder does not depend on it; a message then
 * would be said twice, or wrongly: ".xlsx instead of .xlsm" for a book with macros).
 */
export function plannedResultPath(book: string, suffix: string, ctx: CommandContext, ext = 'xlsx'): string | undefined {
  const asked = ctx.values.out as string | undefined;
  if (asked === undefined) return ctx.json ? undefined : join(dirname(book), `${basename(book, extname(book))}-${suffix}.${ext}`);
  if (extname(asked).toLowerCase() === `.${ext}`) return asked;
  return join(dirname(asked), `${basename(asked, extname(asked))}.${ext}`);
}

/**
 * Before any work: every file the command will write (`--out`, `--export-lp`) must go into an
 * existing folder, else it says so and the command stops having written nothing.
 */
export function checkOutputFolders(paths: (string | undefined)[], ctx: CommandContext): number | undefined {
  for (const path of paths) {
    if (path === undefined) continue;
    const dir = dirname(path);
    if (existsSync(dir) && statSync(dir).isDirectory()) continue;
    ctx.stderr(ctx.lang === 'zh' ? `无法写入 ${path}：文件夹 ${dir} 不存在，请先创建或换一个路径` : `cannot write ${path}: the folder ${dir} does not exist; create it or choose another path`);
    return EXIT.error;
  }
  return undefined;
}

/** Write `bytes` to `out` through a temp file and rename: all or nothing, no temp file left on failure. */
export async function writeAtomically(out: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The book with the result sheets added (or replaced), written to `out`. */
export async function saveResults(wb: Book, sheets: ResultSheet[], out: string, ctx: CommandContext): Promise<void> {
  ctx.progress(ctx.lang === 'zh' ? '写入结果…' : 'writing results…');
  await writeAtomically(out, await resultWorkbook(wb, sheets, ctx.lang));
}

/** The line saying where the result went and with which sheets (in Chinese each with its title and tab name). */
export function reportWritten(out: string, sheets: ResultSheet[], ctx: CommandContext): void {
  const names = sheets.map((s) => s.name);
  ctx.stdout(ctx.lang === 'zh' ? `结果已写入 ${out}（${names.map(zhSheetLabel).join('、')}工作表）` : `wrote ${out} (${names.length === 1 ? 'sheet' : 'sheets'} ${names.join(', ')})`);
}
