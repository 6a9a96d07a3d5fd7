// compareRunId: the stored plan run a plan request compares with. Read on the main thread (the
// run history lives there) and handed to the solve worker as the stored, gzipped result; the
// worker unpacks it. The id comes from the query string or form, or from a JSON body's options
// (that body is only parsed here when it mentions compareRunId).
import type { Request } from 'express';
import type { RunStore } from '../store/runs';
import { HttpError } from './errors';
import { notAPlanRun } from '../jobs/stored-plan';

export function compareRunId(req: Request, input: { kind: 'json' | 'xlsx'; bytes: Uint8Array }, query: Record<string, unknown>): number | undefined {
  let v = query.compareRunId;
  if (v === undefined && input.kind === 'json' && Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).includes('"compareRunId"')) {
    try {
      v = (JSON.parse(Buffer.from(input.bytes).toString('utf8')) as { options?: { compareRunId?: unknown } }).options?.compareRunId;
    } catch {
      return undefined; // the worker reports the malformed body
    }
  }
  if (v === undefined) return undefined;
  const id = Number(v);
  if (!Number.isInteger(id) || id < 1) throw new HttpError(400, `compareRunId must be a run id, a whole number from 1 (got ${String(v)}) / compareRunId 应为运行编号`);
  return id;
}

/** The stored result of a successful plan run, or a 400 saying why it cannot be compared with. */
export async function storedPlan(store: RunStore, id: number): Promise<Uint8Array> {
  const run = await store.get(id);
  const why = notAPlanRun(run, id);
  if (why) throw new HttpError(400, `compareRunId ${id}: ${why.en} / ${why.zh}`);
  return run!.resultGz!;
}
