// What each button does, for either source: Excel (read sheets through Office.js, send rows,
// write result sheets back) or the standalone page (send the picked .xlsx file as it is; the
// service reads it, and answers with results to show and the workbook to save, from one solve).
// No DOM here: the pane renders the Outcome.
import type { Job } from '../shared/contract';
import type { Lang } from '../shared/problems';
import type { ResultSheet } from '../shared/results';
import type { WorkbookRows } from '../shared/rows';
import { ApiError, type JobResponse, type PlannerApi } from './api';
import { excelErrorMessage, logExcelError } from './excel/excel-errors';
import { PartialWrite, ProtectedSheet } from './excel/write-results';
import { STRINGS } from './i18n';
import { realClock, startProgress, type Clock } from './progress';
import { summarize, type Summary } from './summary';
import { jobProblems, shownFromApi, validateBook, type ShownProblem } from './validate-book';

export interface WorkbookHost {
  /** the input sheets as rows (with the plan's earlier result sheets too when asked, to compare with) */
  read(progress: (text: string) => void, withEarlierPlan?: boolean): Promise<WorkbookRows>;
  /** write result sheets into the open workbook (Excel only), stamped with the run; returns the sheet names */
  write?(sheets: ResultSheet[], progress: (text: string) => void, runId?: string): Promise<string[]>;
}

/** A workbook file picked in the standalone page (or the sample). */
export interface PickedFile {
  blob: Blob;
  name: string;
}

export type Outcome =
  | { kind: 'problems'; problems: ShownProblem[] }
  | { kind: 'validated'; ready: Job[]; sheets: number }
  | { kind: 'done'; job: Job; response: JobResponse; written: string[]; seconds: number; summary: Summary; download?: PickedFile }
  | { kind: 'file'; blob: Blob; name: string; seconds: number }
  | { kind: 'opened'; url: string; name: string; seconds: number }
  | { kind: 'note'; text: string }
  | { kind: 'token' }
  /** `answer`: the service's answer that was not (fully) written, kept for "write again" */
  | { kind: 'failed'; message: string; answer?: { job: Job; response: JobResponse } };

/** Exactly one of `host` (Excel) and `file` (standalone) is the source. */
export interface Deps {
  host?: WorkbookHost;
  file?: PickedFile;
  api: PlannerApi;
  lang: Lang;
  show: (text: string) => void;
  clock?: Clock;
  /** open a service link in the user's browser (inside Office, where the pane cannot save files) */
  openUrl?: (url: string) => void;
}

export async function validate({ host, file, api, lang, show }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  try {
    if (file) {
      show(t.validating);
      const { ready, sheets } = await api.checkWorkbook(file.blob, file.name);
      return { kind: 'validated', ready, sheets };
    }
    const book = await rowsOf(host, show, lang);
    show(t.validating);
    const sheets = Object.keys(book).length;
    if (sheets === 0) return { kind: 'failed', message: t.noInputSheets };
    const { ready, problems } = validateBook(book, lang);
    return problems.length ? { kind: 'problems', problems } : { kind: 'validated', ready, sheets };
  } catch (e) {
    return failure(e, lang);
  }
}

/**
 * Excel: read, check locally, run on the service (progress with elapsed seconds), write results.
 * Standalone: upload the file once; show its answer, keep its workbook to save.
 */
export async function runJob(job: Job, { host, file, api, lang, show, clock = realClock }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  const t0 = clock.now();
  try {
    if (file) {
      const stop = startProgress(show, t.sending, t.elapsed, clock);
      try {
        const { response, workbook, filename } = await api.runWorkbook(job, file.blob, file.name);
        const seconds = (clock.now() - t0) / 1000;
        return { kind: 'done', job, response, written: [], seconds, summary: summarize(job, response, t), download: { blob: workbook, name: filename } };
      } finally {
        stop();
      }
    }
    const book = await rowsOf(host, show, lang, job === 'plan');
    const problems = jobProblems(book, job, lang);
    if (problems.length) return { kind: 'problems', problems };
    const stop = startProgress(show, t.sending, t.elapsed, clock);
    let response: JobResponse;
    try {
      // A plan already in the workbook is compared with before it is replaced (the Changes sheet).
      response = await api.runJob(job, book, job === 'plan' && book.Plan ? { compareWithBook: true } : undefined);
    } finally {
      stop();
    }
    return await writeAnswer(job, response, { host, lang, show, clock, t0 });
  } catch (e) {
    return failure(e, lang);
  }
}

/** The last answer written again (after a protected sheet was unprotected, say): nothing is solved again. */
export async function writeAgain(job: Job, response: JobResponse, { host, lang, show, clock = realClock }: Deps): Promise<Outcome> {
  return writeAnswer(job, response, { host, lang, show, clock, t0: clock.now() });
}

async function writeAnswer(job: Job, response: JobResponse, d: { host?: WorkbookHost; lang: Lang; show: (text: string) => void; clock: Clock; t0: number }): Promise<Outcome> {
  const t = STRINGS[d.lang];
  try {
    const written = d.host?.write ? await d.host.write(response.sheets, d.show, response.runId === undefined || response.runId === null ? undefined : String(response.runId)) : [];
    return { kind: 'done', job, response, written, seconds: (d.clock.now() - d.t0) / 1000, summary: summarize(job, response, t) };
  } catch (e) {
    const f = failure(e, d.lang);
    return f.kind === 'failed' ? { ...f, answer: { job, response } } : f;
  }
}

/** The supplier scorecard as its own formatted workbook, to save. */
export async function exportScorecard({ host, file, api, lang, show, clock = realClock, openUrl }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  const t0 = clock.now();
  try {
    let source: WorkbookRows | Blob;
    if (file) source = file.blob;
    else {
      source = await rowsOf(host, show, lang);
      const problems = jobProblems(source, 'suppliers', lang);
      if (problems.length) return { kind: 'problems', problems };
    }
    const stop = startProgress(show, t.sending, t.elapsed, clock);
    try {
      if (openUrl && !(source instanceof Blob)) {
        const { url, filename } = await api.exportScorecardLink(source);
        openUrl(url);
        return { kind: 'opened', url, name: filename, seconds: (clock.now() - t0) / 1000 };
      }
      const { blob, name } = await api.exportScorecard(source);
      return { kind: 'file', blob, name, seconds: (clock.now() - t0) / 1000 };
    } finally {
      stop();
    }
  } catch (e) {
    return failure(e, lang);
  }
}

/** The input rows from the host; without one (standalone, nothing picked) the pane asks for a file. */
async function rowsOf(host: WorkbookHost | undefined, show: (text: string) => void, lang: Lang, withEarlierPlan = false): Promise<WorkbookRows> {
  if (!host) throw new Error(STRINGS[lang].noFile);
  return host.read(show, withEarlierPlan);
}

/** Any error as something to show: cell problems stay clickable, the rest become one message. */
export function failure(e: unknown, lang: Lang): Outcome {
  const t = STRINGS[lang];
  if (e instanceof ApiError) {
    const f = e.failure;
    switch (f.kind) {
      case 'problems':
        return { kind: 'problems', problems: f.problems.map(shownFromApi) };
      case 'unreachable':
        return { kind: 'failed', message: t.serviceDown(f.url.replace(/api\/v1\/$/, '')) };
      case 'busy':
        return { kind: 'failed', message: t.busy };
      case 'tooLarge':
        return { kind: 'failed', message: t.tooLarge };
      case 'unauthorized':
        return { kind: 'token' };
      case 'unsolvable':
        return { kind: 'failed', message: t.solveFailed(f.message) };
      case 'http':
        return { kind: 'failed', message: t.httpError(f.status, f.message) };
    }
  }
  if (e instanceof PartialWrite) {
    logExcelError(e.cause);
    const why = failure(e.cause, lang);
    return { kind: 'failed', message: `${why.kind === 'failed' ? `${why.message} ` : ''}${t.partialWrite(e.written, e.stale)}` };
  }
  if (e instanceof ProtectedSheet) return { kind: 'failed', message: t.protectedSheet(e.sheet) };
  const excel = excelErrorMessage(e, t);
  if (excel) {
    logExcelError(e);
    return { kind: 'failed', message: excel };
  }
  return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}
