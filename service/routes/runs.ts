// Run history over HTTP: a paginated listing without the big blobs, one run in full (its input,
// so it can be replayed, and its result), and deleting a run.
import { Router } from 'express';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { RUN_STATUSES, type RunStore } from '../store/runs';
import { HttpError } from './errors';
import { JOB_NAMES } from '../../shared/answers';

const gunzipAsync = promisify(gunzip); // on libuv's thread pool, not the main thread

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  before: z.coerce.number().int().min(1).optional(),
  job: z.enum(JOB_NAMES).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  lang: z.string().optional(),
});

export function runRoutes(store: RunStore): Router {
  const r = Router();

  r.get('/runs', async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { limit, offset, before, job, status } = q.data;
    const { runs, total } = await store.list({ limit, offset, before, job, status });
    const more = runs.length === limit;
    res.json({
      runs,
      total,
      limit,
      offset,
      // Either keep paging by offset, or follow the id cursor (stable while new runs arrive).
      nextOffset: more ? offset + runs.length : null,
      nextBefore: more ? runs[runs.length - 1].id : null,
    });
  });

  const runId = (raw: string): number => {
    const id = Number(raw);
    if (!Number.isInteger(id) || id < 1) throw new HttpError(400, `Run ids are positive whole numbers (got ${raw})`);
    return id;
  };

  r.get('/runs/:id', async (req, res) => {
    const id = runId(req.params.id);
    const run = await store.get(id);
    if (!run) throw new HttpError(404, `No run ${id}`);
    const { inputGz, resultGz, ...summary } = run;
    const [input, result] = await Promise.all([inputGz && gunzipAsync(inputGz), resultGz && gunzipAsync(resultGz)]);
    // Stored JSON is spliced in as text: no parse and re-stringify of a large result here.
    const head = JSON.stringify(summary).slice(0, -1);
    res.type('json').send(`${head},"input":${input ? input.toString('utf8') : 'null'},"result":${result ? result.toString('utf8') : 'null'}}`);
  });

  // Deletes the run with its input and result: 204, or 404 if there is none.
  r.delete('/runs/:id', async (req, res) => {
    const id = runId(req.params.id);
    if (!(await store.delete(id))) throw new HttpError(404, `No run ${id}`);
    res.status(204).end();
  });

  return r;
}
