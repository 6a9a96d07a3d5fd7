// What each button does, for either host: Excel (read sheets through Office.js, write result
// sheets back) or the standalone page (rows read from an uploaded .xlsx). No DOM here: the pane
// renders the Outcome.
import type { Job } from '../shared/contract';
import type { Lang } from '../shared/problems';
import type { ResultSheet } from '../shared/results';
import type { WorkbookRows } from '../shared/rows';
import { ApiError, type JobResponse, type PlannerApi } from './api';
import { STRINGS } from './i18n';
import { realClock, startProgress, type Clock } from './progress';
import { summarize, type Summary } from './summary';
import { jobProblems, shownFromApi, validateBook, type ShownProblem } from './validate-book';

export interface WorkbookHost {
  /** the input sheets as rows */
  read(progress: (text: string) => void): Promise<WorkbookRows>;
  /** write result sheets into the open workbook (Excel only); returns the sheet names */
  write?(sheets: ResultSheet[], progress: (text: string) => void): Promise<string[]>;
}

export type Outcome =
  | { kind: 'problems'; problems: ShownProblem[] }
  | { kind: 'validated'; ready: Job[]; sheets: number }
  | { kind: 'done'; job: Job; response: JobResponse; written: string[]; seconds: number; summary: Summary }
  | { kind: 'file'; blob: Blob; name: string; seconds: number }
  | { kind: 'note'; text: string }
  | { kind: 'failed'; message: string };

export interface Deps {
  host: WorkbookHost;
  api: PlannerApi;
  lang: Lang;
  show: (text: string) => void;
  clock?: Clock;
}

export async function validate({ host, lang, show }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  try {
    const book = await host.read(show);
    show(t.validating);
    const sheets = Object.keys(book).length;
    if (sheets === 0) return { kind: 'failed', message: t.noInputSheets };
    const { ready, problems } = validateBook(book, lang);
    return problems.length ? { kind: 'problems', problems } : { kind: 'validated', ready, sheets };
  } catch (e) {
    return failure(e, lang);
  }
}

/** Read, check locally, run on the service (progress with elapsed seconds), write results. */
export async function runJob(job: Job, { host, api, lang, show, clock = realClock }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  const t0 = clock.now();
  try {
    const book = await host.read(show);
    const problems = jobProblems(book, job, lang);
    if (problems.length) return { kind: 'problems', problems };
    const stop = startProgress(show, t.sending, t.elapsed, clock);
    let response: JobResponse;
    try {
      response = await api.runJob(job, book);
    } finally {
      stop();
    }
    const written = host.write ? await host.write(response.sheets, show) : [];
    return { kind: 'done', job, response, written, seconds: (clock.now() - t0) / 1000, summary: summarize(job, response, t) };
  } catch (e) {
    return failure(e, lang);
  }
}

/** The supplier scorecard as its own formatted workbook, to save. */
export async function exportScorecard({ host, api, lang, show, clock = realClock }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  const t0 = clock.now();
  try {
    const book = await host.read(show);
    const problems = jobProblems(book, 'suppliers', lang);
    if (problems.length) return { kind: 'problems', problems };
    const stop = startProgress(show, t.sending, t.elapsed, clock);
    try {
      const blob = await api.exportScorecard(book);
      return { kind: 'file', blob, name: 'supplier-scorecard.xlsx', seconds: (clock.now() - t0) / 1000 };
    } finally {
      stop();
    }
  } catch (e) {
    return failure(e, lang);
  }
}

/** The uploaded workbook run through the service, returned with result sheets (standalone). */
export async function resultWorkbook(job: Job, file: Blob, fileName: string, { api, lang, show, clock = realClock }: Deps): Promise<Outcome> {
  const t = STRINGS[lang];
  const t0 = clock.now();
  const stop = startProgress(show, t.sending, t.elapsed, clock);
  try {
    const blob = await api.runWorkbook(job, file);
    return { kind: 'file', blob, name: `${fileName.replace(/\.xlsx$/i, '')}-${job}.xlsx`, seconds: (clock.now() - t0) / 1000 };
  } catch (e) {
    return failure(e, lang);
  } finally {
    stop();
  }
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
      case 'unsolvable':
        return { kind: 'failed', message: t.solveFailed(f.message) };
      case 'http':
        return { kind: 'failed', message: t.httpError(f.status, f.message) };
    }
  }
  return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}
