// `mto-planner worker`: a solve worker for the shared pg-boss queue (see queue/worker.ts). Its
// settings come from the environment like the service's: MTO_DB (the PostgreSQL URL, required),
// MTO_WORKERS (solve threads), MTO_WORKER_HEAP_MB, MTO_SHUTDOWN_GRACE, LOG_LEVEL.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config';
import { EXIT, type Command } from './types';
import { isPostgresUrl } from '../store/pg-runs';

export const worker: Command = {
  name: 'worker',
  usage: 'worker            (MTO_DB=postgres://… in the environment)',
  summary: 'take solve jobs from the PostgreSQL queue (MTO_QUEUE=pg-boss services) until stopped',
  summaryZh: '从 PostgreSQL 任务队列领取求解任务（配合 MTO_QUEUE=pg-boss 的服务），直到被停止',
  async run(ctx) {
    let config;
    try {
      config = loadConfig(process.env, existsSync);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      ctx.stderr(e.message);
      return EXIT.error;
    }
    if (!isPostgresUrl(config.dbPath)) {
      ctx.stderr(ctx.lang === 'zh' ? '求解进程需要 MTO_DB=postgres://用户@主机/数据库（与服务共用的数据库）' : 'a worker needs MTO_DB=postgres://user@host/database: the database the services use');
      return EXIT.error;
    }
    const { runWorker } = await import('../queue/worker');
    const stop = new AbortController();
    process.once('SIGTERM', () => stop.abort());
    process.once('SIGINT', () => stop.abort());
    await runWorker(config, { signal: stop.signal });
    return EXIT.ok;
  },
};
