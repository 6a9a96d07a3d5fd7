// Writing runs without ever costing the caller its answer: a run is started as `running` when its
// solve is admitted and finished with its outcome; when the store cannot write (disk full, the
// database gone) the answer still goes out, marked unsaved, and /health reports the store degraded
// until a write succeeds again. Used by the service (embedded workers) and by `mto-planner worker`.
import type { Job } from '../../shared/contract';
import type { Lang } from '../../shared/problems';
import type { RunParts, SolveResult } from '../solve-worker';
import type { NewRun, RunKind, RunStatus, RunStore } from './runs';

/** What the service knows about a run before its solve. */
export interface RunMeta {
  /** set once the `running` row is written; absent: a check (not a run) or the store could not write */
  runId?: number;
  job: Job;
  kind: RunKind;
  createdAt: string;
  lang: Lang;
  requestId: string;
  appVersion: string;
}

/** A solve stopped from outside: over its time limit, out of memory, or its worker died. */
export interface Stopped {
  status: 'stopped';
  reason: 'timeLimit' | 'tooLarge' | 'error';
  message: string;
}

export type Outcome = SolveResult | Stopped;

export class RunRecorder {
  /** the last write that failed, until one succeeds */
  writeError?: { message: string; at: string };

  constructor(
    readonly store: RunStore,
    private readonly onError: (e: Error, what: string) => void = () => undefined,
  ) {}

  private async guard<T>(what: string, f: () => Promise<T>, failed: T): Promise<T> {
    try {
      const v = await f();
      this.writeError = undefined;
      return v;
    } catch (e) {
      this.writeError = { message: (e as Error).message, at: new Date().toISOString() };
      this.onError(e as Error, what);
      return failed;
    }
  }

  /** The `running` row; its id, or undefined when the store cannot write. */
  start(meta: RunMeta): Promise<number | undefined> {
    return this.guard('start run', () => this.store.insert(row(meta, 'running', undefined, {}, 0)), undefined);
  }

  /** Not a run after all (bad request, cancelled before it ran). */
  drop(runId: number | undefined): Promise<boolean> {
    if (runId === undefined) return Promise.resolve(true);
    return this.guard('drop run', () => this.store.delete(runId).then(() => true), false);
  }

  /** Writes the outcome into run `meta.runId` (the same row on a retry). True when it is saved. */
  async settle(meta: RunMeta, out: Outcome, waitMs: number, durationMs: number): Promise<boolean> {
    if (meta.runId === undefined) return false;
    const id = meta.runId;
    const finish = (status: RunStatus, run: RunParts | undefined, error?: unknown) =>
      this.guard('finish run', () => this.store.finish(id, row(meta, status, run, { error, waitMs }, run?.ms ?? durationMs)), false);
    switch (out.status) {
      case 'badRequest':
      case 'tooLarge':
        return this.drop(id);
      case 'invalid':
        return finish('invalid', out.run, out.problems);
      case 'failed':
        return finish('failed', out.run, out.error);
      case 'error':
        return finish('failed', out.run, { reason: 'error', message: 'internal error' });
      case 'stopped':
        return finish('failed', undefined, { reason: out.reason, message: out.message });
      case 'ok':
        return finish('ok', out.run);
    }
  }
}

function row(meta: RunMeta, status: RunStatus, run: RunParts | undefined, extra: { error?: unknown; waitMs?: number }, durationMs: number): NewRun {
  return {
    job: meta.job,
    kind: meta.kind,
    status,
    createdAt: meta.createdAt,
    waitMs: extra.waitMs ?? 0,
    durationMs,
    lang: run?.options.lang ?? meta.lang,
    options: run?.options ?? {},
    stats: run?.stats,
    inputSha256: run?.inputSha256,
    inputBytes: run?.inputBytes,
    inputGz: run?.inputGz,
    resultBytes: run?.resultBytes,
    resultGz: run?.resultGz,
    summary: run?.summary,
    error: extra.error,
    requestId: meta.requestId,
    appVersion: meta.appVersion,
  };
}
