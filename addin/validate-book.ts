// "Validate" without the service: the same readPlant the service runs, for every job the
// workbook has the sheets for, so problems show before anything is sent.
import { JOB_SHEETS, SETTINGS_SHEET, SHEETS, type Job, type SheetName } from '../shared/contract';
import { findSheet } from '../shared/parse';
import type { Lang, Problem } from '../shared/problems';
import type { WorkbookRows } from '../shared/rows';
import { readPlant } from '../shared/validate';
import type { CellError } from './api';
import { JOBS } from './launch';

/** A problem ready to show and click: `Sheet!Cell: text`. */
export interface ShownProblem {
  sheet: string;
  cell: string;
  text: string;
}

export const shown = (p: Problem, lang: Lang): ShownProblem => ({ sheet: p.sheet, cell: p.cell, text: lang === 'zh' ? p.messageZh : p.message });
export const shownFromApi = (e: CellError): ShownProblem => ({ sheet: e.sheet, cell: e.cell, text: e.message });

const present = (book: WorkbookRows, s: SheetName | 'Settings') =>
  findSheet(book, s, s === 'Settings' ? SETTINGS_SHEET.zh : SHEETS[s].zh) !== undefined;

/** Jobs whose required sheets are all in the workbook. */
export const readyJobs = (book: WorkbookRows): Job[] => JOBS.filter((j) => JOB_SHEETS[j].required.every((s) => present(book, s)));

/**
 * Problems for every ready job (each problem once); when no job is ready, those of the job with
 * the most of its sheets present, which name the sheets still missing.
 */
export function validateBook(book: WorkbookRows, lang: Lang): { ready: Job[]; problems: ShownProblem[] } {
  const ready = readyJobs(book);
  const nearest = [...JOBS].sort((a, b) => missing(book, a) - missing(book, b))[0];
  const seen = new Set<string>();
  const problems: ShownProblem[] = [];
  for (const job of ready.length ? ready : [nearest]) {
    for (const p of readPlant(book, job).problems) {
      const key = `${p.sheet}!${p.cell} ${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(shown(p, lang));
    }
  }
  return { ready, problems };
}

const missing = (book: WorkbookRows, job: Job) => JOB_SHEETS[job].required.filter((s) => !present(book, s)).length;

/** Problems that stop one job, checked before sending it. */
export const jobProblems = (book: WorkbookRows, job: Job, lang: Lang): ShownProblem[] => readPlant(book, job).problems.map((p) => shown(p, lang));
