// The job endpoints: JSON in → JSON out, an .xlsx in → the same .xlsx with result sheets out (or,
// asked for JSON, the job's JSON with that workbook inside), the supplier scorecard export, and a
// check of an uploaded workbook. Each job request becomes one worker task and one stored run.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { Job } from '../../shared/contract';
import { langOf, type Lang } from '../../shared/problems';
import type { Config } from '../config';
import type { SolveRunner } from '../solve-runner';
import type { SolveTask, Output } from '../solve-worker';
import { BookTooLargeError, MAX_EXPANDED_MB } from '../xlsx/read-book';
import { declaredSize, zipEntries } from '../xlsx/zip';
import { QueueFullError } from '../worker-pool';
import { compareRunId, storedPlan } from './compare-run';
import { HttpError } from './errors';
import type { Downloads } from '../downloads';
import { JOB_NAMES } from '../../shared/answers';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';
/** Other spreadsheet types a raw upload may be sent as (.xlsm, .xls, .ods). */
const SPREADSHEET_TYPES = [XLSX_TYPE, XLSM_TYPE, 'application/vnd.ms-excel', 'application/vnd.oasis.opendocument.spreadsheet', 'application/octet-stream'];

export interface JobDeps {
  config: Config;
  runner: SolveRunner;
  version: string;
  /** one-off download links: the workbook of a JSON answer, the scorecard export (Office on Mac) */
  downloads: Downloads;
}

/** ?lang=zh wins, then the first Accept-Language entry; English otherwise. */
export function requestLang(req: Request): Lang {
  const q = req.query.lang;
  if (q === 'zh' || q === 'en') return q;
  return langOf(req.get('accept-language')?.split(',')[0]?.trim());
}

/** A zip file (which every .xlsx is) starts with the local-file-header signature PK\x03\x04. */
export const looksLikeXlsx = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const UPLOAD_HELP = `send the workbook as the request body with Content-Type: ${XLSX_TYPE}, or as a multipart/form-data field named "workbook"`;

/** Query parameters (and form fields) that are job options; `lang` and `format` are read separately. */
function queryOptions(req: Request): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = req.file && req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries({ ...req.query, ...fields })) if (k !== 'lang' && k !== 'format') out[k] = v;
  return out;
}

/**
 * Does a workbook upload want JSON back (the job's JSON with a link to the result workbook)?
 * `?format=json|xlsx` wins; otherwise the Accept header, where a plain `*\/*` (curl, fetch) means the .xlsx.
 */
function wantsJson(req: Request): boolean {
  const f = req.query.format;
  if (f === 'json') return true;
  if (f === 'xlsx') return false;
  if (f !== undefined) throw new HttpError(400, `format must be json or xlsx (got ${String(f)})`);
  return req.accepts([XLSX_TYPE, 'application/json']) === 'application/json';
}

function downloadName(req: Request, suffix: string, ext = 'xlsx'): string {
  const original = req.file?.originalname?.replace(/\.(xlsx|xlsm|xls|ods)$/i, '').replace(/[^\p{L}\p{N} ._-]/gu, '').trim();
  return `${original || 'workbook'}-${suffix}.${ext}`;
}

/** A JSON object's text with members put in front, e.g. `"runId":7` (no parse and re-stringify of a large body). */
/** The scorecard export named with its period: supplier-scorecard-2026-Q3.xlsx. */
const scorecardName = (body: string): string => {
  let period: unknown;
  try {
    period = (JSON.parse(body) as { period?: unknown }).period;
  } catch {
    period = undefined;
  }
  return typeof period === 'string' && /^[\w-]+$/.test(period) ? `supplier-scorecard-${period}.xlsx` : 'supplier-scorecard.xlsx';
};

const splice = (members: string[], body: string): string => {
  const rest = body.trim() === '{}' ? [] : [body.trim().slice(1, -1)];
  return `{${[...members, ...rest].join(',')}}`;
};

export function jobRoutes(deps: JobDeps): Router {
  const { config, runner } = deps;
  const r = Router();

  const jsonBody = express.raw({ type: ['application/json', 'application/*+json'], limit: config.jsonLimitBytes });
  const rawXlsx = express.raw({ type: SPREADSHEET_TYPES, limit: config.uploadLimitBytes });
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20, fieldSize: 1024, parts: 25 },
  }).single('workbook');
  // A cut-off or malformed form is the client's fault (busboy reports it as a plain Error).
  const form: RequestHandler = (req, res, next) =>
    multipart(req, res, (err?: unknown) => next(err && !(err instanceof multer.MulterError) && !(err instanceof HttpError) ? new HttpError(400, `The upload is cut off or malformed (${(err as Error).message ?? err}); send the workbook again as a form field named "workbook"`) : err));
  const uploadBody: RequestHandler = (req, res, next) => (req.is('multipart/form-data') ? form(req, res, next) : rawXlsx(req, res, next));
  /** With every worker busy and the queue full, 429 before a byte of the body is read or buffered. */
  const room: RequestHandler = (_req, res, next) => {
    const wait = runner.fullFor();
    if (wait === undefined) return next();
    res.set('Connection', 'close');
    next(new QueueFullError(wait));
  };

  /** The JSON body's bytes (parsed in the worker, so a 20 MB body never blocks this thread). */
  const jsonInput = (req: Request): SolveTask['input'] => {
    if (!req.is(['application/json', 'application/*+json'])) throw new HttpError(400, 'Send JSON with Content-Type: application/json: {"workbook": {<sheet>: {"header": [...], "rows": [[...]]}}, "options": {...}}');
    const bytes = req.body as Buffer | undefined;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError(400, 'Malformed JSON: the request body is empty');
    return { kind: 'json', bytes };
  };

  /** The uploaded .xlsx, checked by its signature before anything parses it. */
  const xlsxInput = (req: Request): SolveTask['input'] => {
    const bytes = req.file?.buffer ?? (Buffer.isBuffer(req.body) ? (req.body as Buffer) : undefined);
    if (req.is('multipart/form-data') && !req.file) throw new HttpError(400, `No file in the form: ${UPLOAD_HELP}`);
    if (!bytes || bytes.length === 0) throw new HttpError(400, `No workbook received: ${UPLOAD_HELP}`);
    // A zip bomb is refused here from its directory, without a worker; one whose directory
    // understates it is stopped by the worker's capped inflate (service/xlsx/read-book.ts).
    if (looksLikeXlsx(bytes)) {
      let declared = 0;
      try {
        declared = declaredSize(zipEntries(bytes));
      } catch {
        // a damaged zip: the worker names what it is
      }
      if (declared > MAX_EXPANDED_MB * 1024 * 1024) {
        const e = new BookTooLargeError(MAX_EXPANDED_MB);
        throw new HttpError(413, `${e.message} / ${e.messageZh}`);
      }
    }
    return { kind: 'xlsx', bytes };
  };

  /**
   * A plan compares with the stored plan run it names (compareRunId); a price review holds PO
   * quantities against that run's suggestions, or the latest successful plan run's.
   */
  async function attachStoredPlan(task: SolveTask, req: Request): Promise<void> {
    if ((task.job !== 'plan' && task.job !== 'prices') || task.output === 'check') return;
    const id = compareRunId(req, task.input, task.options);
    if (id !== undefined) {
      task.compareGz = await storedPlan(runner.recorder.store, id);
      return;
    }
    if (task.job !== 'prices') return;
    try {
      const latest = (await runner.recorder.store.list({ limit: 1, job: 'plan', status: 'ok' })).runs[0]?.id;
      const gz = latest === undefined ? null : (await runner.recorder.store.get(latest))?.resultGz;
      if (latest !== undefined && gz) [task.compareGz, task.options.compareRunId] = [gz, latest];
    } catch (e) {
      req.log.warn({ err: e }, 'no stored plan for the price review'); // the review runs without one
    }
  }

  async function execute(req: Request, res: Response, job: Job, output: Output, input: SolveTask['input']): Promise<void> {
    const json = output === 'workbook' && wantsJson(req);
    if (output === 'workbook') res.vary('Accept');
    const createdAt = new Date().toISOString();
    const lang = requestLang(req);
    const t0 = performance.now();
    const options = queryOptions(req);
    const task: SolveTask = { job, output, input, options, lang, maxCells: config.maxCells, solveTimeoutSeconds: config.solveTimeoutSeconds };
    await attachStoredPlan(task, req);
    // The job stops itself at its time limit; the worker is killed if it does not (model building, a stuck solver).
    const hardLimitMs = (config.solveTimeoutSeconds * 1.25 + 1) * 1000;
    // A time limit asked for in the query (or form) also bounds a queued job's expiry (pg-boss).
    const asked = Number(task.options.timeLimitSeconds);
    const timeLimitSeconds = asked > 0 ? Math.min(asked, config.solveTimeoutSeconds) : config.solveTimeoutSeconds;
    const abort = new AbortController();
    res.on('close', () => !res.writableFinished && abort.abort());

    const meta = { job, kind: output === 'export' ? 'export' : input.kind === 'xlsx' ? 'workbook' : 'json', createdAt, lang, requestId: String(req.id), appVersion: deps.version } as const;
    const { out: result, runId, saved, waitMs, runMs, attempts } = await runner.run(task, { hardLimitMs, timeLimitSeconds, signal: abort.signal, meta });
    // A run the history could not store is still answered; the caller is told it was not kept.
    const unsaved = output !== 'check' && !saved;
    if (unsaved) res.set('X-Run-Saved', 'false');
    if (attempts > 1) res.set('X-Attempts', String(attempts)); // a worker died under it; another one finished it
    const runRef = (id: number | undefined) => (unsaved ? { runId: null, runSaved: false } : { runId: id });
    const lg = (status: string) =>
      req.log.info(
        { job, output, status, runId, saved, attempts, waitMs: Math.round(waitMs), runMs: Math.round(runMs), ...('run' in result && result.run?.stats ? { solver: result.run.stats } : {}) },
        'solve',
      );
    const msgLang: Lang = ('run' in result && result.run?.options.lang) || lang;

    switch (result.status) {
      case 'stopped': {
        // Stopped from outside: over the time limit, out of memory, or the worker died under it.
        req.log.warn({ job, output, runId, reason: result.reason, ms: Math.round(performance.now() - t0) }, 'solve stopped');
        if (result.reason === 'timeLimit') throw new HttpError(422, `The solve did not finish within the service's time limit of ${config.solveTimeoutSeconds} s (MTO_SOLVE_TIMEOUT) and was stopped / 求解超过服务时限，已停止`, { reason: 'timeLimit', ...runRef(runId) });
        if (result.reason === 'tooLarge') throw new HttpError(422, `The model needs more memory than a solve may use (MTO_WORKER_HEAP_MB = ${config.workerHeapMb}); plan fewer orders or a shorter horizon / 模型过大，内存不足`, { reason: 'tooLarge', ...runRef(runId) });
        req.log.error({ job, output, runId, workerError: result.message }, 'solve worker died');
        res.status(500).json({ error: 'Internal error: the failure was logged on the server', requestId: String(req.id), ...runRef(runId) });
        return;
      }
      case 'badRequest':
        lg(result.status);
        throw new HttpError(400, result.message);
      case 'tooLarge':
        lg(result.status);
        throw new HttpError(413, result.message);
      case 'invalid': {
        lg(result.status);
        res.status(400).json({ errors: result.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, message: msgLang === 'zh' ? p.messageZh : p.message })), ...runRef(runId) });
        return;
      }
      case 'failed': {
        lg(result.status);
        res.status(422).json({ error: msgLang === 'zh' ? result.error.messageZh : result.error.message, reason: result.error.reason, ...runRef(runId) });
        return;
      }
      case 'error': {
        req.log.error({ job, output, runId, workerError: result.message }, 'job failed');
        res.status(500).json({ error: 'Internal error: the failure was logged on the server', requestId: String(req.id), ...runRef(runId) });
        return;
      }
      case 'ok': {
        lg(result.status);
        const head = unsaved ? ['"runId":null', '"runSaved":false'] : runId === undefined ? [] : [`"runId":${runId}`];
        if (runId !== undefined) res.set('X-Run-Id', String(runId));
        if (output === 'json' || output === 'check') {
          res.type('json').send(splice(head, result.body));
        } else if (json) {
          // One solve, one run: the page shows this JSON and saves this very workbook, fetched
          // once from its one-off link (the answer does not carry it a second time in base64).
          const filename = downloadName(req, job, result.xlsxExt);
          const download = deps.downloads.put(Buffer.from(result.xlsx!.buffer, result.xlsx!.byteOffset, result.xlsx!.byteLength), filename, result.xlsxExt === 'xlsm' ? XLSM_TYPE : XLSX_TYPE);
          const note = result.note ? [`"note":${JSON.stringify(result.note)}`] : [];
          res.type('json').send(splice([...head, ...note, `"filename":${JSON.stringify(filename)}`, `"download":${JSON.stringify(download)}`], result.body));
        } else if (output === 'export' && req.get('x-download') === 'link') {
          // Office on Mac cannot save a download from the pane: a link the pane opens in the browser.
          const url = deps.downloads.put(Buffer.from(result.xlsx!.buffer, result.xlsx!.byteOffset, result.xlsx!.byteLength), 'supplier-scorecard.xlsx', XLSX_TYPE);
          res.json({ url, filename: 'supplier-scorecard.xlsx' });
        } else {
          res.attachment(output === 'export' ? scorecardName(result.body) : downloadName(req, job, result.xlsxExt));
          res.type(result.xlsxExt === 'xlsm' ? XLSM_TYPE : XLSX_TYPE).send(Buffer.from(result.xlsx!.buffer, result.xlsx!.byteOffset, result.xlsx!.byteLength));
        }
        return;
      }
    }
  }

  const jsonJob = (job: Job, output: Output = 'json'): RequestHandler[] => [room, jsonBody, (req, res) => execute(req, res, job, output, jsonInput(req))];
  r.post('/plan', ...jsonJob('plan'));
  r.post('/quotes/simulate', ...jsonJob('quote'));
  r.post('/suppliers/evaluate', ...jsonJob('suppliers'));
  r.post('/costs', ...jsonJob('costs'));
  r.post('/prices/review', ...jsonJob('prices'));
  // The export takes JSON like /suppliers/evaluate, or an uploaded workbook.
  r.post('/suppliers/export', room, (req, res, next) => (req.is(['application/json', 'application/*+json']) ? jsonBody : uploadBody)(req, res, next), (req, res) =>
    execute(req, res, 'suppliers', 'export', req.is(['application/json', 'application/*+json']) ? jsonInput(req) : xlsxInput(req)),
  );
  for (const job of JOB_NAMES) {
    r.post(`/workbook/${job}`, room, uploadBody, (req, res) => execute(req, res, job, 'workbook', xlsxInput(req)));
  }
  // Problems of an uploaded workbook, without solving: what the standalone page's Validate asks.
  r.post('/workbook/validate', room, uploadBody, (req, res) => execute(req, res, 'plan', 'check', xlsxInput(req)));
  return r;
}
