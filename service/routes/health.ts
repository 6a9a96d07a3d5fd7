// Liveness and the sample workbook. /health does no work that can wait on a solve: it reads the
// runner's counters (for pg-boss, refreshed in the background) and pings the store, so it answers
// at once while every worker is busy.
import { Router } from 'express';
import type { Lang } from '../../shared/problems';
import { sampleWorkbook } from '../commands/sample';
import type { SolveRunner } from '../solve-runner';
import { requestLang, XLSX_TYPE } from './jobs';

/** The sample workbook per language, generated once (exceljs work: the server does it before listening). */
export function sampleCache(): (lang: Lang) => Promise<Buffer> {
  const made = new Map<Lang, Promise<Buffer>>();
  return (lang) => {
    if (!made.has(lang)) made.set(lang, sampleWorkbook(lang));
    return made.get(lang)!;
  };
}

export function healthRoutes(o: { runner: SolveRunner; version: string; https: boolean; startedAt: number; sample: (lang: Lang) => Promise<Buffer> }): Router {
  const r = Router();
  const { recorder } = o.runner;

  r.get('/health', async (_req, res) => {
    let db = false;
    try {
      db = await recorder.store.ping();
    } catch {
      db = false;
    }
    const workers = o.runner.stats();
    // The store reads but its last write failed (disk full): answers still go out, runs are not kept.
    const writeError = recorder.writeError;
    const store = !db ? 'down' : writeError ? 'degraded' : 'ok';
    // With a shared queue, jobs wait for workers elsewhere: no live worker is degraded, not down.
    const solving = workers.engine === 'pg-boss' || workers.ready > 0;
    const status = db && solving && !writeError && (workers.engine !== 'pg-boss' || (workers.liveWorkers ?? 0) > 0) ? 'ok' : 'degraded';
    res.status(db && solving ? 200 : 503).json({
      status,
      version: o.version,
      uptimeSeconds: Math.round((Date.now() - o.startedAt) / 1000),
      https: o.https,
      workers,
      db: { ok: db, state: store, engine: recorder.store.engine, schemaVersion: db ? recorder.store.schemaVersion : null, ...(writeError ? { writeError } : {}) },
    });
  });

  r.get('/sample.xlsx', async (req, res) => {
    const lang = requestLang(req);
    const bytes = await o.sample(lang);
    res.attachment(lang === 'zh' ? 'mto-sample-zh.xlsx' : 'mto-sample.xlsx').type(XLSX_TYPE).send(bytes);
  });

  return r;
}
