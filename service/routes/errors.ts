// Every failure becomes a JSON answer a client can act on; nothing internal (stack traces, paths)
// ever reaches the client. Status codes: 400 bad input, 401 token, 403 origin/host, 404, 413 too
// large, 422 cannot solve, 429 busy, 503 shutting down, 500 our bug.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import { CancelledError, QueueFullError, ShuttingDownError, TaskTimeoutError, WorkerCrashError } from '../worker-pool';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** body-parser errors carry `type` and `status`; multer's carry `code`. */
function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof QueueFullError) return new HttpError(429, err.message, { retryAfterSeconds: err.retryAfterSeconds }, { 'Retry-After': String(err.retryAfterSeconds) });
  if (err instanceof ShuttingDownError) return new HttpError(503, err.message, {}, { 'Retry-After': '5' });
  if (err instanceof TaskTimeoutError) {
    return new HttpError(422, `The solve did not finish within the service's time limit (${err.seconds} s); set a smaller plan or a larger MTO_SOLVE_TIMEOUT / 求解超时`, { reason: 'timeLimit' });
  }
  if (err instanceof WorkerCrashError && err.outOfMemory) {
    return new HttpError(422, 'The model needs more memory than a solve may use (MTO_WORKER_HEAP_MB); plan fewer orders or a shorter horizon / 模型过大，内存不足', { reason: 'tooLarge' });
  }
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new HttpError(413, 'The uploaded file is larger than this service accepts (MTO_UPLOAD_LIMIT_MB) / 上传文件过大');
    return new HttpError(400, `Upload: ${err.message}${err.field ? ` (${err.field})` : ''}; send the workbook in a form field named "workbook"`);
  }
  const e = err as { type?: string; status?: number; expose?: boolean; message?: string };
  if (e && typeof e === 'object' && typeof e.status === 'number' && e.expose) {
    if (e.type === 'entity.too.large') return new HttpError(413, 'The request body is larger than this service accepts (MTO_JSON_LIMIT_MB / MTO_UPLOAD_LIMIT_MB) / 请求过大');
    return new HttpError(e.status, e.message ?? 'bad request');
  }
  return undefined;
}

export const notFound: RequestHandler = (req, _res, next) => next(new HttpError(404, `No such endpoint: ${req.method} ${req.path}`));

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof CancelledError) {
      if (!res.headersSent) res.status(499).end();
      return;
    }
    const known = toHttpError(err);
    const reqId = String(req.id ?? '');
    if (!known) (req.log ?? log).error({ err }, 'unhandled error');
    const h = known ?? new HttpError(500, 'Internal error: the failure was logged on the server', { requestId: reqId });
    if (res.headersSent) return void res.end();
    const runId = (err as { runId?: unknown }).runId;
    res.set(h.headers).status(h.status).json({ error: h.message, ...h.extra, ...(typeof runId === 'number' ? { runId } : {}) });
  };
}
