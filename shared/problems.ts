// Every input problem names the cell, in the form Excel's Name Box accepts, and says in English
// and Simplified Chinese what is wrong and how to fix it.

export type Lang = 'en' | 'zh';

export interface Problem {
  sheet: string;
  /** A1-style cell on that sheet */
  cell: string;
  message: string;
  messageZh: string;
}

export const problem = (sheet: string, cell: string, message: string, messageZh: string): Problem => ({
  sheet,
  cell,
  message,
  messageZh,
});

/** `Orders!D3: Quantity must be a positive number (got -10)`; sheet names with spaces are quoted as Excel does. */
export function formatProblem(p: Problem, lang: Lang = 'en'): string {
  const msg = lang === 'zh' ? p.messageZh : p.message;
  // A problem with a request option (sheet "request") names the option, not a cell.
  return p.sheet === REQUEST ? `${p.cell}: ${msg}` : `${sheetRef(p.sheet)}!${p.cell}: ${msg}`;
}

/** The pseudo-sheet of problems with request options (period, solver…) rather than cells. */
export const REQUEST = 'request';

export const sheetRef = (sheet: string): string => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);

/** Thrown by a job when its input is unusable; carries every problem found. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => formatProblem(p)).join('\n'));
    this.name = 'InputError';
  }
}

/** Thrown when the model cannot be solved (infeasible, too large, time limit): maps to exit 3 / HTTP 422. */
export class SolveError extends Error {
  constructor(
    message: string,
    readonly messageZh: string,
    readonly reason: 'infeasible' | 'unbounded' | 'timeLimit' | 'tooLarge' | 'error' = 'error',
  ) {
    super(message);
    this.name = 'SolveError';
  }
}

/** Pick a language from a locale string such as zh_CN.UTF-8, zh-Hans or en-US. */
export const langOf = (locale: string | undefined | null): Lang => (locale && /^zh/i.test(locale) ? 'zh' : 'en');
