// Liveness and the sample workbook. /health does no work that can wait on a solve: it reads the
// pool's counters and pings SQLite, so it answers at once while every worker is busy.
import { Router } from 'express';
import type { Lang } from '../../shared/problems';
import { sampleWorkbook } from '../commands/sample';
import type { RunStore } from '../store/runs';
import type { WorkerPool } from '../worker-pool';
import { requestLang, XLSX_TYPE } from './jobs';

/** The sample workbook per language, generated once (exceljs work: the server does it before listening). */
export function sampleCache(): (lang: Lang) => Promise<Buffer> {
  const made = new Map<Lang, Promise<Buffer>>();
  return (lang) => {
    if (!made.has(lang)) made.set(lang, sampleWorkbook(lang));
    return made.get(lang)!;
  };
}

export function healthRoutes(o: { pool: WorkerPool<unknown, unknown>; store: RunStore; version: string; https: boolean; startedAt: number; sample: (lang: Lang) => Promise<Buffer> }): Router {
  const r = Router();

  r.get('/health', (_req, res) => {
    let db = false;
    try {
      db = o.store.ping();
    } catch {
      db = false;
    }
    const workers = o.pool.stats();
    const ok = db && workers.ready > 0;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      version: o.version,
      uptimeSeconds: Math.round((Date.now() - o.startedAt) / 1000),
      https: o.https,
      workers,
      db: { ok: db, schemaVersion: db ? o.store.schemaVersion : null },
    });
  });

  r.get('/sample.xlsx', async (req, res) => {
    const lang = requestLang(req);
    const bytes = await o.sample(lang);
    res.attachment(lang === 'zh' ? 'mto-sample-zh.xlsx' : 'mto-sample.xlsx').type(XLSX_TYPE).send(bytes);
  });

  return r;
}
