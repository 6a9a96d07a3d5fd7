// The planning service's HTTP API as the task pane uses it. No DOM and no Office.js: `fetch` is
// passed in, so tests drive it against a real server or a recorded function.
import type { CheckAnswer, ProblemAnswer } from '../shared/answers';
import type { SheetAnswer } from '../shared/sheet-answer';
import type { Job } from '../shared/contract';
import type { Lang } from '../shared/problems';
import type { WorkbookRows } from '../shared/rows';

/** One problem as the API reports it (400 `{errors:[…]}`), in the language asked for. */
export type CellError = ProblemAnswer;

/**
 * A job's JSON answer over HTTP as the pane asks for it (`?sheets=true`): the result sheets, the
 * parts of the job's answer no sheet carries (shared/sheet-answer.ts), and the stored run's id
 * (null, with runSaved false, when the history could not keep it).
 */
export type JobResponse<J extends Job = Job> = J extends Job ? SheetAnswer<J> & { runId?: number | null; runSaved?: false; note?: string } : never;

/** The answer of job `j`, told apart by the job the pane asked for. */
export const answerOf = <J extends Job>(j: J, job: Job, response: JobResponse): response is JobResponse<J> => job === j;

/** A workbook upload answered as JSON: the job's answer and the workbook with its result sheets, from one solve. */
export interface WorkbookRun {
  response: JobResponse;
  workbook: Blob;
  filename: string;
}

/** What Validate finds in an uploaded workbook when nothing is wrong. */
export type CheckResult = CheckAnswer;

export type Failure =
  | { kind: 'problems'; problems: CellError[] }
  | { kind: 'unreachable'; url: string }
  | { kind: 'busy'; retryAfterSeconds?: number }
  | { kind: 'tooLarge' }
  | { kind: 'unauthorized' }
  | { kind: 'unsolvable'; message: string }
  | { kind: 'http'; status: number; message: string };

export class ApiError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind === 'problems' ? failure.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`).join('\n') : 'message' in failure ? failure.message : failure.kind);
    this.name = 'ApiError';
  }
}

export const JOB_PATHS: Record<Job, string> = { plan: 'plan', quote: 'quotes/simulate', suppliers: 'suppliers/evaluate', costs: 'costs', prices: 'prices/review' };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The service's default address: the pane is normally served by it, so same origin. */
export const DEFAULT_SERVICE = 'https://localhost:3000/';

/**
 * Base URL of `/api/v1/`: an explicit `?api=` wins; a page served over http(s) talks to its own
 * origin; a page opened from disk talks to the default service.
 */
export function apiBase(pageUrl: string, override?: string | null): string {
  if (override) return new URL('api/v1/', override.endsWith('/') ? override : `${override}/`).href;
  const page = new URL(pageUrl);
  const origin = page.protocol === 'http:' || page.protocol === 'https:' ? page.origin : DEFAULT_SERVICE;
  return new URL('/api/v1/', origin).href;
}

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export class PlannerApi {
  constructor(
    readonly base: string,
    private readonly fetchFn: FetchFn,
    private readonly lang: Lang = 'en',
    /** MTO_TOKEN, needed when the service is bound beyond loopback */
    private readonly token?: string,
  ) {}

  /** Run a job on rows read from the workbook; resolves with its result sheets. */
  async runJob(job: Job, workbook: WorkbookRows, options?: Record<string, unknown>): Promise<JobResponse> {
    const res = await this.send(`${JOB_PATHS[job]}?sheets=true`, jsonBody(options ? { workbook, options } : { workbook }));
    const body = (await res.json()) as JobResponse;
    return { ...body, sheets: Array.isArray(body.sheets) ? body.sheets : [] };
  }

  /** The supplier scorecard as a formatted .xlsx of its own, from rows or an uploaded workbook. */
  async exportScorecard(workbook: WorkbookRows | Blob): Promise<{ blob: Blob; name: string }> {
    const body = workbook instanceof Blob ? { body: workbook, headers: { 'Content-Type': XLSX_TYPE } } : jsonBody({ workbook });
    const res = await this.send('suppliers/export', body);
    // The service names the file with its period (supplier-scorecard-2026-Q3.xlsx).
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'supplier-scorecard.xlsx';
    return { blob: await res.blob(), name };
  }

  /**
   * The scorecard export as a one-off link on the service (`/downloads/<id>`, no token needed): for
   * a pane that cannot save a Blob (Office on Mac) and opens the link in the user's browser instead.
   */
  async exportScorecardLink(workbook: WorkbookRows): Promise<{ url: string; filename: string }> {
    const init = jsonBody({ workbook });
    const res = await this.send('suppliers/export', { ...init, headers: { ...(init.headers as Record<string, string>), 'X-Download': 'link' } });
    const { url, filename } = (await res.json()) as { url?: unknown; filename?: unknown };
    if (typeof url !== 'string') throw new ApiError({ kind: 'http', status: res.status, message: 'the answer has no download link' });
    return { url: new URL(url, this.base).href, filename: typeof filename === 'string' ? filename : 'supplier-scorecard.xlsx' };
  }

  /**
   * Upload a workbook file once: the answer carries the job's JSON (to show) and the same workbook
   * with the result sheets added (to save), so what is saved is what was shown.
   */
  async runWorkbook(job: Job, file: Blob, name: string): Promise<WorkbookRun> {
    const res = await this.send(`workbook/${job}?sheets=true`, { body: upload(file, name), headers: { Accept: 'application/json' } });
    const { download, filename, ...body } = (await res.json()) as JobResponse & { download?: unknown; filename?: unknown };
    if (typeof download !== 'string') throw new ApiError({ kind: 'http', status: res.status, message: 'the answer has no workbook' });
    // The result workbook waits behind a one-off link (its random id is the permission).
    const saved = await this.fetchFn(new URL(download, this.base).href);
    if (!saved.ok) throw new ApiError(await failureOf(saved));
    return {
      response: { ...body, sheets: Array.isArray(body.sheets) ? body.sheets : [] },
      workbook: new Blob([await saved.arrayBuffer()], { type: XLSX_TYPE }),
      filename: typeof filename === 'string' && filename ? filename : `${name.replace(/\.xlsx$/i, '')}-${job}.xlsx`,
    };
  }

  /** Validate an uploaded workbook on the service (nothing is solved); problems come back as an ApiError. */
  async checkWorkbook(file: Blob, name: string): Promise<CheckResult> {
    return (await (await this.send('workbook/validate', { body: upload(file, name) })).json()) as CheckResult;
  }

  /** The sample plant workbook the service ships. */
  async sample(): Promise<Blob> {
    return (await this.send('sample.xlsx', { method: 'GET' })).blob();
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const url = new URL(path, this.base).href;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'POST',
        ...init,
        headers: {
          'Accept-Language': this.lang === 'zh' ? 'zh-CN' : 'en',
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(init.headers as Record<string, string>),
        },
      });
    } catch {
      throw new ApiError({ kind: 'unreachable', url: this.base });
    }
    if (!res.ok) throw new ApiError(await failureOf(res));
    return res;
  }
}

const jsonBody = (value: unknown): RequestInit => ({ body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });

/** The file as the form field "workbook", so the service knows its name (the download is named after it). */
function upload(file: Blob, name: string): FormData {
  const form = new FormData();
  form.append('workbook', file, name);
  return form;
}

/** Turn a non-2xx answer into something the pane can show; never throws itself. */
export async function failureOf(res: Response): Promise<Failure> {
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const cellErrors = Array.isArray(errors) ? errors.filter(isCellError) : [];
  if (res.status === 400 && cellErrors.length) return { kind: 'problems', problems: cellErrors };
  if (res.status === 413) return { kind: 'tooLarge' };
  if (res.status === 401) return { kind: 'unauthorized' };
  if (res.status === 429) {
    const after = Number(res.headers.get('Retry-After'));
    return { kind: 'busy', retryAfterSeconds: Number.isFinite(after) && after > 0 ? after : undefined };
  }
  const message = messageOf(body) ?? (text.trim().slice(0, 300) || res.statusText);
  if (res.status === 422) return { kind: 'unsolvable', message };
  return { kind: 'http', status: res.status, message };
}

function isCellError(e: unknown): e is CellError {
  const o = e as Partial<CellError> | null;
  return !!o && typeof o.sheet === 'string' && typeof o.cell === 'string' && typeof o.message === 'string' && o.sheet !== '' && o.cell !== '';
}

function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { errors?: { message?: unknown }[]; error?: unknown; message?: unknown };
  const first = Array.isArray(b.errors) ? b.errors.map((e) => e?.message).filter((m) => typeof m === 'string') : [];
  if (first.length) return first.join('; ');
  if (typeof b.error === 'string') return b.error;
  if (typeof b.message === 'string') return b.message;
  return undefined;
}
