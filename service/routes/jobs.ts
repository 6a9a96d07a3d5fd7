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

/** Query parameters (and form fields) that are job options; `lang`, `format` and `sheets` are read separately. */
function queryOptions(req: Request): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = req.file && req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries({ ...req.query, ...fields })) if (k !== 'lang' && k !== 'format' && k !== 'sheets') out[k] = v;
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

/**
 * `?sheets=true`: answer with the result sheets in place of the typed lists they carry (the pane
 * writes or draws them); without it the answer is the typed one, as `--json` prints it.
 */
function wantsSheets(req: Request): boolean {
  const s = req.query.sheets;
  if (s === undefined || s === 'false' || s === '0') return false;
  if (s === 'true' || s === '1') return true;
  throw new HttpError(400, `sheets must be true or false (got ${String(s)})`);
}

function downloadName(req: Request, suffix: string, ext = 'xlsx'): string {
  const original = req.file?.originalname?.replace(/\.(xlsx|xlsm|xls|ods)$/i, '').replace(/[^\p{L}\p{N} ._-]/gu, '').trim();
  return `${original || 'workbook'}-${suffix}.${ext}`;
}

/** The scorecard export named with its period: supplier-scorecard-2026-Q3.xlsx. */
const scorecardName = (body: Uint8Array): string => {
  let period: unknown;
  try {
    period = (JSON.parse(Buffer.from(body).toString('utf8')) as { period?: unknown }).period;
  } catch {
    period = undefined;
  }
  return typeof period === 'string' && /^[\w-]+$/.test(period) ? `supplier-scorecard-${period}.xlsx` : 'supplier-scorecard.xlsx';
};

/**
 * A JSON object's bytes with members put in front, e.g. `"runId":7`: the worker's UTF-8 text is
 * copied once behind them, never parsed or turned into a string here (an answer is up to a few
 * hundred KB; the main thread must stay free for /health).
 */
export function withMembers(members: string[], body: Uint8Array): Buffer {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!members.length) return bytes;
  // The worker writes JSON.stringify's text: no white space, `{}` when empty.
  const empty = bytes.length === 2;
  return Buffer.concat([Buffer.from(`{${members.join(',')}${empty ? '' : ','}`, 'utf8'), bytes.subarray(1)]);
}

/** JSON bytes as the answer (no ETag for a POST's answer: nothing caches it). */
function sendJson(res: Response, bytes: Buffer): void {
  res.type('json').setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

type Ran = Awaited<ReturnType<SolveRunner['run']>>;
type RunRef = { runId: number | undefined } | { runId: null; runSaved: false };

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
        const e = BookTooLargeError.expanded(MAX_EXPANDED_MB);
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

  /** A request: its task, run in a worker, answered as a failure or as what was asked for. */
  async function execute(req: Request, res: Response, job: Job, output: Output, input: SolveTask['input']): Promise<void> {
    if (output === 'workbook') res.vary('Accept');
    const json = output === 'workbook' && wantsJson(req);
    const t0 = performance.now();
    const task = await taskOf(req, job, output, input);
    const ran = await runTask(req, res, task);
    // A run the history could not store is still answered; the caller is told it was not kept.
    const unsaved = output !== 'check' && !ran.saved;
    if (unsaved) res.set('X-Run-Saved', 'false');
    if (ran.attempts > 1) res.set('X-Attempts', String(ran.attempts)); // a worker died under it; another one finished it
    const runRef: RunRef = unsaved ? { runId: null, runSaved: false } : { runId: ran.runId };
    const result = ran.out;
    if (result.status === 'stopped') {
      // Stopped from outside: over the time limit, out of memory, or the worker died under it.
      req.log.warn({ job, output, runId: ran.runId, reason: result.reason, ms: Math.round(performance.now() - t0) }, 'solve stopped');
      return sendStopped(req, res, result, runRef);
    }
    if (result.status !== 'error') logRun(req, task, ran);
    if (result.status !== 'ok') return sendFailure(req, res, task, result, runRef, ran.runId);
    if (ran.runId !== undefined) res.set('X-Run-Id', String(ran.runId));
    sendOk(req, res, task, result, json, unsaved ? ['"runId":null', '"runSaved":false'] : ran.runId === undefined ? [] : [`"runId":${ran.runId}`]);
  }

  /** Step 1: the worker task: options from the query or form, the stored plan it is compared with. */
  async function taskOf(req: Request, job: Job, output: Output, input: SolveTask['input']): Promise<SolveTask> {
    const task: SolveTask = { job, output, input, options: queryOptions(req), lang: requestLang(req), maxCells: config.maxCells, maxSharedStrings: config.maxSharedStrings, solveTimeoutSeconds: config.solveTimeoutSeconds, sheets: wantsSheets(req) };
    await attachStoredPlan(task, req);
    return task;
  }

  /** Step 2: run the task in a worker within its time limits, stopped when the caller goes away. */
  function runTask(req: Request, res: Response, task: SolveTask): ReturnType<SolveRunner['run']> {
    // The job stops itself at its time limit; the worker is killed if it does not (model building, a stuck solver).
    const hardLimitMs = (config.solveTimeoutSeconds * 1.25 + 1) * 1000;
    // A time limit asked for in the query (or form) also bounds a queued job's expiry (pg-boss).
    const asked = Number(task.options.timeLimitSeconds);
    const timeLimitSeconds = asked > 0 ? Math.min(asked, config.solveTimeoutSeconds) : config.solveTimeoutSeconds;
    const abort = new AbortController();
    res.on('close', () => !res.writableFinished && abort.abort());
    const kind = task.output === 'export' ? 'export' : task.input.kind === 'xlsx' ? 'workbook' : 'json';
    const meta = { job: task.job, kind, createdAt: new Date().toISOString(), lang: task.lang, requestId: String(req.id), appVersion: deps.version } as const;
    return runner.run(task, { hardLimitMs, timeLimitSeconds, signal: abort.signal, meta });
  }

  function logRun(req: Request, task: SolveTask, ran: Ran): void {
    const r = ran.out;
    req.log.info(
      { job: task.job, output: task.output, status: r.status, runId: ran.runId, saved: ran.saved, attempts: ran.attempts, waitMs: Math.round(ran.waitMs), runMs: Math.round(ran.runMs), ...('run' in r && r.run?.stats ? { solver: r.run.stats } : {}) },
      'solve',
    );
  }

  /** Step 3a: stopped from outside: the time limit, memory, or a worker that died. */
  function sendStopped(req: Request, res: Response, result: Extract<Ran['out'], { status: 'stopped' }>, runRef: RunRef): void {
    if (result.reason === 'timeLimit') throw new HttpError(422, `The solve did not finish within the service's time limit of ${config.solveTimeoutSeconds} s (MTO_SOLVE_TIMEOUT) and was stopped / 求解超过服务时限，已停止`, { reason: 'timeLimit', ...runRef });
    if (result.reason === 'tooLarge') throw new HttpError(422, `The model needs more memory than a solve may use (MTO_WORKER_HEAP_MB = ${config.workerHeapMb}); plan fewer orders or a shorter horizon / 模型过大，内存不足`, { reason: 'tooLarge', ...runRef });
    req.log.error({ runId: runRef.runId, workerError: result.message }, 'solve worker died');
    res.status(500).json({ error: 'Internal error: the failure was logged on the server', requestId: String(req.id), ...runRef });
  }

  /** Step 3b: the job refused the input or failed: 400 with every problem's cell, 413, 422, or 500. */
  function sendFailure(req: Request, res: Response, task: SolveTask, result: Exclude<Ran['out'], { status: 'ok' | 'stopped' }>, runRef: RunRef, runId: number | undefined): void {
    const msgLang: Lang = ('run' in result && result.run?.options.lang) || task.lang;
    switch (result.status) {
      case 'badRequest':
        throw new HttpError(400, result.message);
      case 'tooLarge':
        throw new HttpError(413, result.message);
      case 'invalid':
        res.status(400).json({ errors: result.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, message: msgLang === 'zh' ? p.messageZh : p.message })), ...runRef });
        return;
      case 'failed':
        res.status(422).json({ error: msgLang === 'zh' ? result.error.messageZh : result.error.message, reason: result.error.reason, ...runRef });
        return;
      case 'error':
        req.log.error({ job: task.job, output: task.output, runId, workerError: result.message }, 'job failed');
        res.status(500).json({ error: 'Internal error: the failure was logged on the server', requestId: String(req.id), ...runRef });
        return;
    }
  }

  /** Step 4: the answer as asked: JSON; JSON with a link to the workbook; a link to the export; or the file. */
  function sendOk(req: Request, res: Response, task: SolveTask, result: Extract<Ran['out'], { status: 'ok' }>, json: boolean, head: string[]): void {
    const { job, output } = task;
    if (output === 'json' || output === 'check') {
      sendJson(res, withMembers(head, result.body));
      return;
    }
    const bytes = Buffer.from(result.xlsx!.buffer, result.xlsx!.byteOffset, result.xlsx!.byteLength);
    const type = result.xlsxExt === 'xlsm' ? XLSM_TYPE : XLSX_TYPE;
    const filename = output === 'export' ? scorecardName(result.body) : downloadName(req, job, result.xlsxExt);
    if (json) {
      // One solve, one run: the page shows this JSON and saves this very workbook, fetched once
      // from its one-off link (the answer does not carry it a second time in base64).
      const note = result.note ? [`"note":${JSON.stringify(result.note)}`] : [];
      sendJson(res, withMembers([...head, ...note, `"filename":${JSON.stringify(filename)}`, `"download":${JSON.stringify(deps.downloads.put(bytes, filename, type))}`], result.body));
    } else if (output === 'export' && req.get('x-download') === 'link') {
      // Office on Mac cannot save a download from the pane: a link the pane opens in the browser.
      res.json({ url: deps.downloads.put(bytes, filename, XLSX_TYPE), filename });
    } else {
      res.attachment(filename);
      res.type(type).send(bytes);
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
