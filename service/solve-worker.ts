// A solve worker: everything heavy about a request happens here, off the main thread — parsing
// the JSON body or the .xlsx, validation, the solve, writing result sheets, and preparing what the
// run history stores (hashed and gzipped). The main thread only moves bytes.
import { createHash } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Job } from '../shared/contract';
import { InputError, problem, SolveError, type Lang, type Problem } from '../shared/problems';
import { dataCell, type WorkbookRows } from '../shared/rows';
import { checkWorkbook, readPlant } from '../shared/validate';
import { JOBS, scorecardWorkbook } from './jobs/index';
import type { JobOptions, JobResult, SolveStats } from './jobs/types';
import { jobOptions, parseOptions } from './jobs/options';
import { storedAnswer, whatIfSheet } from './jobs/what-if-input';
import { storedSuggestions } from './jobs/stored-suggestions';
import { answerFromWorkbook } from '../shared/changes/earlier-plan';
import { findSheet } from '../shared/parse';
import { EARLIER_PLAN_SHEETS } from '../shared/sheet-names';
import { warmHighs } from './solvers/highs';
import { BookTooLargeError, mergeProblems, NotSpreadsheetError, readBook, readErrorMessage, type Book } from './xlsx/read-book';
import { resultWorkbook } from './xlsx/result-book';
import { sheetAnswer } from '../shared/sheet-answer';

/** json: the job's JSON; workbook: JSON plus the uploaded .xlsx with result sheets; export: the
 * scorecard workbook; check: the input's problems only, for every job whose sheets are there. */
export type Output = 'json' | 'workbook' | 'export' | 'check';

export interface SolveTask {
  /** ignored for output 'check', which looks at every job */
  job: Job;
  output: Output;
  /** a JSON request body ({workbook, options}) or an .xlsx file */
  input: { kind: 'json' | 'xlsx'; bytes: Uint8Array };
  /** options from the query string or form fields; a JSON body's own `options` override them */
  options: Record<string, unknown>;
  lang: Lang;
  maxCells: number;
  /** shared strings a workbook may hold (MTO_MAX_SHARED_STRINGS) */
  maxSharedStrings: number;
  solveTimeoutSeconds: number;
  /** plan with compareRunId: that stored run's gzipped result, read by the main thread */
  compareGz?: Uint8Array;
  /** answer with the result sheets in place of the lists they carry (`?sheets=true`: the pane and the page) */
  sheets?: boolean;
}

/** What the run history keeps about a run that got as far as a readable input. */
export interface RunParts {
  options: Omit<JobOptions, 'onProgress'>;
  stats?: SolveStats;
  inputSha256: string;
  inputBytes: number;
  inputGz: Uint8Array;
  resultBytes?: number;
  resultGz?: Uint8Array;
  summary?: Record<string, unknown>;
  ms: number;
}

export type SolveResult =
  /** body: the answer's JSON text as UTF-8 (encoded here, so the main thread only moves bytes) */
  | { status: 'ok'; body: Uint8Array; xlsx?: Uint8Array; xlsxExt?: 'xlsx' | 'xlsm'; note?: string; run: RunParts }
  | { status: 'invalid'; problems: Problem[]; run: RunParts }
  | { status: 'failed'; error: { message: string; messageZh: string; reason: SolveError['reason'] }; run: RunParts }
  | { status: 'error'; message: string; run?: RunParts }
  | { status: 'badRequest'; message: string }
  | { status: 'tooLarge'; message: string };

const BodySchema = z
  .object({
    workbook: z.record(
      z.string(),
      z.object({
        header: z.array(z.unknown()),
        rows: z.array(z.array(z.unknown())),
        headerRow: z.number().int().positive().optional(),
        firstColumn: z.number().int().positive().optional(),
      }),
    ),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const MAX_JSON_DEPTH = 64;

/** Does JSON text open more than `max` arrays/objects inside each other? (brackets in strings do not count) */
export function nestedDeeper(b: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const countCells = (book: WorkbookRows): number =>
  Object.values(book).reduce((n, s) => n + s.header.length + s.rows.reduce((m, r) => m + r.length, 0), 0);

/** Cells of a JSON workbook must be what a sheet can hold: text, a number, true/false or empty. */
function cellProblems(book: WorkbookRows): Problem[] {
  const out: Problem[] = [];
  const ok = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  for (const [name, s] of Object.entries(book)) {
    s.header.forEach((v, j) => {
      if (!ok(v)) out.push(problem(name, dataCell(s, -1, j), 'a header cell must be text', '表头单元格应为文本'));
    });
    s.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (!ok(v) && out.length < 1000) out.push(problem(name, dataCell(s, i, j), 'a cell must be text, a number, true/false or null', '单元格应为文本、数字、true/false 或 null'));
      }),
    );
  }
  return out;
}

const tooLarge = (cells: number, max: number): SolveResult => ({
  status: 'tooLarge',
  message: `The workbook has ${cells.toLocaleString('en')} cells; this service accepts up to ${max.toLocaleString('en')} (MTO_MAX_CELLS) / 工作簿单元格过多`,
});

/** A small digest of a job's JSON for run listings: scalars as they are, arrays as their length. */
export function summarize(json: object): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    if (Array.isArray(v)) s[k] = v.length;
    else if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 100)) s[k] = v;
  }
  return s;
}

const gz = (text: string): { bytes: number; gz: Uint8Array } => ({ bytes: Buffer.byteLength(text), gz: gzipSync(text) });
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/**
 * The result's byte arrays that own their memory, to be moved to the main thread rather than
 * copied (small Buffers share Node's pool, which cannot be moved: those are copied).
 */
export function transferables(r: SolveResult): ArrayBuffer[] {
  const run = 'run' in r ? r.run : undefined;
  const all = [r.status === 'ok' ? r.body : undefined, r.status === 'ok' ? r.xlsx : undefined, run?.inputGz, run?.resultGz];
  const own = all.filter((b): b is Uint8Array => b !== undefined && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer);
  return [...new Set(own.map((b) => b.buffer as ArrayBuffer))];
}

export async function runTask(task: SolveTask): Promise<SolveResult> {
  const t0 = performance.now();
  let book: WorkbookRows;
  let wb: Book | undefined;
  let rawOptions: Record<string, unknown> = task.options;

  if (task.input.kind === 'json') {
    // A workbook is 5 levels deep; 100,000 levels would overflow the stack of zod's checks.
    if (nestedDeeper(task.input.bytes, MAX_JSON_DEPTH)) return { status: 'badRequest', message: `Malformed JSON: nested more than ${MAX_JSON_DEPTH} levels deep; send {"workbook": {<sheet>: {"header": [...], "rows": [[...]]}}}` };
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(task.input.bytes.buffer, task.input.bytes.byteOffset, task.input.bytes.byteLength).toString('utf8'));
    } catch (e) {
      return { status: 'badRequest', message: `Malformed JSON: ${(e as Error).message}` };
    }
    const shape = BodySchema.safeParse(body);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      return { status: 'badRequest', message: `Expected {"workbook": {<sheet>: {"header": [...], "rows": [[...]]}}, "options"?: {...}} — ${where}${issue.message}` };
    }
    book = shape.data.workbook as WorkbookRows;
    rawOptions = { ...task.options, ...shape.data.options };
    const cells = countCells(book);
    if (cells > task.maxCells) return tooLarge(cells, task.maxCells);
  } else {
    try {
      // A plan may compare with the plan already in the book (compareWithBook): its result sheets are read too.
      wb = readBook(task.input.bytes, { maxCells: task.maxCells, maxSharedStrings: task.maxSharedStrings }, task.job === 'plan' ? EARLIER_PLAN_SHEETS : []);
    } catch (e) {
      if (e instanceof NotSpreadsheetError) return { status: 'badRequest', message: readErrorMessage(e, task.lang) };
      if (e instanceof BookTooLargeError) return { status: 'tooLarge', message: readErrorMessage(e, task.lang) };
      throw e;
    }
    book = wb.rows;
    const cells = countCells(book);
    if (cells > task.maxCells) return tooLarge(cells, task.maxCells);
  }

  const parsed = parseOptions(rawOptions);
  if ('error' in parsed) return { status: 'badRequest', message: parsed.error };
  const opts = jobOptions(parsed.options, task.lang, task.solveTimeoutSeconds);
  if (parsed.options.whatIf) {
    const withChanges = whatIfSheet(book, parsed.options.whatIf);
    if (typeof withChanges === 'string') return { status: 'badRequest', message: withChanges };
    book = withChanges;
  }

  const inputJson = JSON.stringify(book);
  const input = gz(inputJson);
  const run: RunParts = {
    options: opts,
    inputSha256: createHash('sha256').update(inputJson).digest('hex'),
    inputBytes: input.bytes,
    inputGz: input.gz,
    ms: 0,
  };
  const done = <R extends SolveResult>(r: R): R => ((run.ms = performance.now() - t0), r);

  const badCells = task.input.kind === 'json' ? cellProblems(book) : [];
  if (badCells.length) return done({ status: 'invalid', problems: badCells, run });
  if (task.output === 'check') {
    const checked = checkWorkbook(book);
    const problems = wb ? mergeProblems(wb, checked.problems) : checked.problems;
    return done(problems.length ? { status: 'invalid', problems, run } : { status: 'ok', body: utf8(JSON.stringify({ ready: checked.ready, sheets: wb ? wb.sheetNames.length : Object.keys(book).length })), run });
  }
  // A price review with a plan of the same book needs what a plan needs.
  const read = readPlant(book, task.job === 'prices' && opts.withPlan ? 'plan' : task.job);
  const plant = read.plant;
  const problems = wb ? mergeProblems(wb, read.problems) : read.problems;
  if (problems.length) return done({ status: 'invalid', problems, run });
  // compareWithBook: the plan already in the workbook is the earlier plan (the add-in's and the
  // page's "what changed since the last plan"); a book without one is planned as it is.
  const inBook = task.job === 'plan' && parsed.options.compareWithBook && !task.compareGz && findSheet(book, 'Plan', 'Plan') ? answerFromWorkbook(book, 'Plan') : undefined;
  if (inBook?.problems.length) return done({ status: 'invalid', problems: inBook.problems, run });

  try {
    if (task.output === 'export') {
      const { xlsx, period } = await scorecardWorkbook(plant, opts);
      run.resultBytes = xlsx.byteLength;
      // The body carries only the period, which names the file (supplier-scorecard-2026-Q3.xlsx).
      return done({ status: 'ok', body: utf8(JSON.stringify({ period })), xlsx, run });
    }
    // A worker remembers its last plans, so a what-if after a plan of the same book starts from it.
    const result: JobResult = await JOBS[task.job](plant, { ...opts, rememberPlans: true, ...(task.compareGz && task.job === 'prices' ? { suggestingPlan: storedSuggestions(task.compareGz, opts.compareRunId, opts.lang) } : task.compareGz ? { compareWith: storedAnswer(task.compareGz) } : inBook ? { compareWith: inBook.answer } : {}) });
    const stats = result.stats && !('stats' in result.json) ? { stats: result.stats } : {};
    // The run history keeps both (a later plan compares with the stored orders and materials);
    // the answer carries each result once: the typed lists, or the sheets that carry them.
    const body = utf8(JSON.stringify({ ...(task.sheets ? sheetAnswer(task.job, result.json, result.sheets) : result.json), ...stats }));
    const stored = gz(JSON.stringify({ ...result.json, sheets: result.sheets, ...stats }));
    Object.assign(run, { stats: result.stats, resultBytes: stored.bytes, resultGz: stored.gz, summary: summarize(result.json) });
    if (task.output === 'workbook' && wb) {
      const xlsx = await resultWorkbook(wb, result.sheets, opts.lang);
      const note = wb.note && (opts.lang === 'zh' ? wb.note.zh : wb.note.en);
      return done({ status: 'ok', body, xlsx, xlsxExt: wb.resultExt, note, run });
    }
    return done({ status: 'ok', body, run });
  } catch (e) {
    if (e instanceof InputError) return done({ status: 'invalid', problems: e.problems, run });
    if (e instanceof SolveError) return done({ status: 'failed', error: { message: e.message, messageZh: e.messageZh, reason: e.reason }, run });
    // A bug, not bad input: the main thread logs it and answers 500 without details.
    return done({ status: 'error', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e), run });
  }
}

/**
 * Lower this thread's scheduling priority (Linux nice, per thread): when the machine's cores are
 * all busy, the service's main thread (answers, /health) runs before a solve. The thread's own id
 * comes from /proc/thread-self; elsewhere the solve keeps the process's priority.
 */
function lowerPriority(nice: number): void {
  if (!(nice > 0)) return;
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // not Linux, or not allowed: run at the process's priority
  }
}

if (parentPort) {
  const port = parentPort;
  lowerPriority(Number((workerData as { nice?: unknown } | null)?.nice ?? 0));
  // Compile HiGHS's WebAssembly before the first request needs it (it is per thread).
  const warm = warmHighs().catch(() => undefined);
  port.on('message', async (msg: { type: string; id: number; task: SolveTask }) => {
    if (msg.type !== 'task') return;
    await warm;
    let result: SolveResult;
    try {
      result = await runTask(msg.task);
    } catch (e) {
      result = { status: 'error', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
    }
    port.postMessage({ type: 'result', id: msg.id, result }, transferables(result));
  });
  void warm.then(() => port.postMessage({ type: 'ready' }));
}
