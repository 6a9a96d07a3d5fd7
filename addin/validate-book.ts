// "Validate" without the service: the same readPlant the service runs, for every job the
// workbook has the sheets for, so problems show before anything is sent.
import type { Job } from '../shared/contract';
import type { Lang, Problem } from '../shared/problems';
import type { WorkbookRows } from '../shared/rows';
import { checkWorkbook, readPlant, readyJobs } from '../shared/validate';

export { readyJobs };
import type { CellError } from './api';

/** A problem ready to show and click: `Sheet!Cell: text`. */
export interface ShownProblem {
  sheet: string;
  cell: string;
  text: string;
}

export const shown = (p: Problem, lang: Lang): ShownProblem => ({ sheet: p.sheet, cell: p.cell, text: lang === 'zh' ? p.messageZh : p.message });
export const shownFromApi = (e: CellError): ShownProblem => ({ sheet: e.sheet, cell: e.cell, text: e.message });

/** Every problem of every job the workbook has the sheets for (shared with the service's /workbook/validate). */
export function validateBook(book: WorkbookRows, lang: Lang): { ready: Job[]; problems: ShownProblem[] } {
  const { ready, problems } = checkWorkbook(book);
  return { ready, problems: problems.map((p) => shown(p, lang)) };
}

/** Problems that stop one job, checked before sending it. */
export const jobProblems = (book: WorkbookRows, job: Job, lang: Lang): ShownProblem[] => readPlant(book, job).problems.map((p) => shown(p, lang));
