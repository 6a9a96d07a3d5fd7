// The job endpoints: JSON in → JSON out, an .xlsx in → the same .xlsx with result sheets out (or,
// asked for JSON, the job's JSON with that workbook inside), the supplier scorecard export, and a
// check of an uploaded workbook. Each job request becomes one worker task and one stored run.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { Job } from '../../shared/contract';
import { langOf, type Lang } from '../../shared/problems';
import type { Config } from '../config';
import type { SolveResult, SolveTask, Output, RunParts } from '../solve-worker';
import type { RunStatus, RunStore } from '../store/runs';
import { TaskTimeoutError, WorkerCrashError, type WorkerPool } from '../worker-pool';
import { HttpError } from './errors';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface JobDeps {
  config: Config;
  pool: WorkerPool<SolveTask, SolveResult>;
  store: RunStore;
  version: string;
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
 * Does a workbook upload want JSON back (the job's JSON with the result workbook in base64)?
 * `?format=json|xlsx` wins; otherwise the Accept header, where a plain `*\/*` (curl, fetch) means the .xlsx.
 */
function wantsJson(req: Request): boolean {
  const f = req.query.format;
  if (f === 'json') return true;
  if (f === 'xlsx') return false;
  if (f !== undefined) throw new HttpError(400, `format must be json or xlsx (got ${String(f)})`);
  return req.accepts([XLSX_TYPE, 'application/json']) === 'application/json';
}

function downloadName(req: Request, suffix: string): string {
  const original = req.file?.originalname?.replace(/\.xlsx$/i, '').replace(/[^\p{L}\p{N} ._-]/gu, '').trim();
  return `${original || 'workbook'}-${suffix}.xlsx`;
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
  const { config, pool, store } = deps;
  const r = Router();

  const jsonBody = express.raw({ type: ['application/json', 'application/*+json'], limit: config.jsonLimitBytes });
  const rawXlsx = express.raw({ type: [XLSX_TYPE, 'application/octet-stream'], limit: config.uploadLimitBytes });
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20, fieldSize: 1024, parts: 25 },
  }).single('workbook');
  const uploadBody: RequestHandler = (req, res, next) => (req.is('multipart/form-data') ? multipart(req, res, next) : rawXlsx(req, res, next));

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
    if (!looksLikeXlsx(bytes)) throw new HttpError(400, 'The upload is not an .xlsx workbook (save it from Excel as "Excel Workbook (*.xlsx)") / 上传的文件不是 .xlsx 工作簿');
    return { kind: 'xlsx', bytes };
  };

  async function execute(req: Request, res: Response, job: Job, output: Output, input: SolveTask['input']): Promise<void> {
    const json = output === 'workbook' && wantsJson(req);
    if (output === 'workbook') res.vary('Accept');
    const createdAt = new Date().toISOString();
    const lang = requestLang(req);
    const t0 = performance.now();
    const task: SolveTask = { job, output, input, options: queryOptions(req), lang, maxCells: config.maxCells, solveTimeoutSeconds: config.solveTimeoutSeconds };
    // The job stops itself at its time limit; the worker is killed if it does not (model building, a stuck solver).
    const hardLimitMs = (config.solveTimeoutSeconds * 1.25 + 1) * 1000;
    const abort = new AbortController();
    res.on('close', () => !res.writableFinished && abort.abort());

    // A check solves nothing and is not a run.
    const record = (status: RunStatus, run: RunParts | undefined, extra: { error?: unknown; waitMs: number }): number | undefined =>
      output === 'check' ? undefined : store.insert({
        job,
        kind: output === 'export' ? 'export' : input.kind === 'xlsx' ? 'workbook' : 'json',
        status,
        createdAt,
        waitMs: extra.waitMs,
        durationMs: run?.ms ?? performance.now() - t0,
        lang: run?.options.lang ?? lang,
        options: run?.options ?? {},
        stats: run?.stats,
        inputSha256: run?.inputSha256,
        inputBytes: run?.inputBytes,
        inputGz: run?.inputGz,
        resultBytes: run?.resultBytes,
        resultGz: run?.resultGz,
        summary: run?.summary,
        error: extra.error,
        requestId: String(req.id),
        appVersion: deps.version,
      });

    let outcome: Awaited<ReturnType<typeof pool.run>>;
    try {
      outcome = await pool.run(task, { hardLimitMs, signal: abort.signal });
    } catch (e) {
      // A solve killed for overrunning or exhausting memory still counts as a (failed) run.
      if (e instanceof TaskTimeoutError || (e instanceof WorkerCrashError && e.outOfMemory)) {
        const reason = e instanceof TaskTimeoutError ? 'timeLimit' : 'tooLarge';
        const runId = record('failed', undefined, { error: { reason, message: e.message }, waitMs: 0 });
        req.log.warn({ job, output, runId, reason, ms: Math.round(performance.now() - t0) }, 'solve stopped');
        throw reason === 'timeLimit'
          ? new HttpError(422, `The solve did not finish within the service's time limit of ${config.solveTimeoutSeconds} s (MTO_SOLVE_TIMEOUT) and was stopped / 求解超过服务时限，已停止`, { reason, runId })
          : new HttpError(422, `The model needs more memory than a solve may use (MTO_WORKER_HEAP_MB = ${config.workerHeapMb}); plan fewer orders or a shorter horizon / 模型过大，内存不足`, { reason, runId });
      }
      throw e;
    }
    const { result, waitMs, runMs } = outcome;
    const lg = (status: string, runId?: number) =>
      req.log.info(
        { job, output, status, runId, waitMs: Math.round(waitMs), runMs: Math.round(runMs), ...('run' in result && result.run?.stats ? { solver: result.run.stats } : {}) },
        'solve',
      );
    const msgLang: Lang = ('run' in result && result.run?.options.lang) || lang;

    switch (result.status) {
      case 'badRequest':
        lg(result.status);
        throw new HttpError(400, result.message);
      case 'tooLarge':
        lg(result.status);
        throw new HttpError(413, result.message);
      case 'invalid': {
        const runId = record('invalid', result.run, { error: result.problems, waitMs });
        lg(result.status, runId);
        res.status(400).json({ errors: result.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, message: msgLang === 'zh' ? p.messageZh : p.message })), runId });
        return;
      }
      case 'failed': {
        const runId = record('failed', result.run, { error: result.error, waitMs });
        lg(result.status, runId);
        res.status(422).json({ error: msgLang === 'zh' ? result.error.messageZh : result.error.message, reason: result.error.reason, runId });
        return;
      }
      case 'error': {
        const runId = result.run ? record('failed', result.run, { error: { reason: 'error', message: 'internal error' }, waitMs }) : undefined;
        req.log.error({ job, output, runId, workerError: result.message }, 'job failed');
        res.status(500).json({ error: 'Internal error: the failure was logged on the server', requestId: String(req.id), runId });
        return;
      }
      case 'ok': {
        const runId = record('ok', result.run, { waitMs });
        lg(result.status, runId);
        const head = runId === undefined ? [] : [`"runId":${runId}`];
        if (runId !== undefined) res.set('X-Run-Id', String(runId));
        if (output === 'json' || output === 'check') {
          res.type('json').send(splice(head, result.body));
        } else if (json) {
          // One solve, one run: the page shows this JSON and saves this very workbook.
          const workbook = Buffer.from(result.xlsx!.buffer, result.xlsx!.byteOffset, result.xlsx!.byteLength).toString('base64');
          res.type('json').send(splice([...head, `"filename":${JSON.stringify(downloadName(req, job))}`, `"workbook":"${workbook}"`], result.body));
        } else {
          res.attachment(output === 'export' ? scorecardName(result.body) : downloadName(req, job));
          res.type(XLSX_TYPE).send(Buffer.from(result.xlsx!.buffer, result.xlsx!.byteOffset, result.xlsx!.byteLength));
        }
        return;
      }
    }
  }

  const jsonJob = (job: Job, output: Output = 'json'): RequestHandler[] => [jsonBody, (req, res) => execute(req, res, job, output, jsonInput(req))];
  r.post('/plan', ...jsonJob('plan'));
  r.post('/quotes/simulate', ...jsonJob('quote'));
  r.post('/suppliers/evaluate', ...jsonJob('suppliers'));
  // The export takes JSON like /suppliers/evaluate, or an uploaded workbook.
  r.post('/suppliers/export', (req, res, next) => (req.is(['application/json', 'application/*+json']) ? jsonBody : uploadBody)(req, res, next), (req, res) =>
    execute(req, res, 'suppliers', 'export', req.is(['application/json', 'application/*+json']) ? jsonInput(req) : xlsxInput(req)),
  );
  for (const job of ['plan', 'quote', 'suppliers'] as const) {
    r.post(`/workbook/${job}`, uploadBody, (req, res) => execute(req, res, job, 'workbook', xlsxInput(req)));
  }
  // Problems of an uploaded workbook, without solving: what the standalone page's Validate asks.
  r.post('/workbook/validate', uploadBody, (req, res) => execute(req, res, 'plan', 'check', xlsxInput(req)));
  return r;
}
