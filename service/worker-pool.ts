// A fixed pool of worker threads with a bounded queue and a hard time limit per task. The main
// thread only moves messages, so it keeps answering /health while every worker is busy.
//
// Protocol (see solve-worker.ts): the worker posts {type:'ready'} once warmed up, receives
// {type:'task', id, task} and answers {type:'result', id, result}.
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The planning service is busy; try again shortly / 服务繁忙，请稍后重试');
    this.name = 'QueueFullError';
  }
}
export class ShuttingDownError extends Error {
  constructor() {
    super('The planning service is shutting down / 服务正在关闭');
    this.name = 'ShuttingDownError';
  }
}
/** The task overran its hard limit and its worker was terminated. */
export class TaskTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`stopped after ${seconds} s`);
    this.name = 'TaskTimeoutError';
  }
}
/** The worker died under the task (out of memory, native crash). */
export class WorkerCrashError extends Error {
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}
export class CancelledError extends Error {
  constructor() {
    super('cancelled: the client went away');
    this.name = 'CancelledError';
  }
}

export interface PoolOptions {
  file: string | URL;
  size: number;
  queueMax: number;
  resourceLimits?: ResourceLimits;
  /** handed to each worker as its workerData */
  workerData?: unknown;
  /** called with warnings (worker replaced, crashed); no task data */
  onEvent?: (event: string, detail: Record<string, unknown>) => void;
}

interface Pending<R> {
  id: number;
  task: unknown;
  transfer: Transferable[];
  hardLimitMs: number;
  resolve: (r: { result: R; waitMs: number; runMs: number }) => void;
  reject: (e: Error) => void;
  enqueuedAt: number;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot<R> {
  worker: Worker;
  ready: boolean;
  current?: Pending<R> & { startedAt: number; timer: NodeJS.Timeout };
}

export class WorkerPool<T, R> {
  private slots: Slot<R>[] = [];
  private queue: Pending<R>[] = [];
  private nextId = 1;
  private closing = false;
  private avgTaskMs = 1000; // running mean of task times, for Retry-After
  private failedStarts = 0;

  constructor(private readonly opts: PoolOptions) {}

  /** Spawns the workers and waits until each has warmed up (rejects if one cannot start). */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.opts.size }, () => this.spawn()));
  }

  private spawn(): Promise<void> {
    const worker = new Worker(this.opts.file, { resourceLimits: this.opts.resourceLimits, workerData: this.opts.workerData });
    const slot: Slot<R> = { worker, ready: false };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: { type: string; id?: number; result?: R }) => {
        if (msg.type === 'ready') {
          slot.ready = true;
          this.failedStarts = 0;
          resolve();
          this.dispatch();
        } else if (msg.type === 'result' && slot.current && slot.current.id === msg.id) {
          const job = slot.current;
          slot.current = undefined;
          clearTimeout(job.timer);
          const runMs = performance.now() - job.startedAt;
          this.avgTaskMs = 0.8 * this.avgTaskMs + 0.2 * runMs;
          job.resolve({ result: msg.result as R, waitMs: job.startedAt - job.enqueuedAt, runMs });
          this.dispatch();
        }
      });
      worker.on('error', (err: Error & { code?: string }) => {
        // An uncaught error or exceeded resource limit: the worker is gone; 'exit' follows.
        const job = slot.current;
        slot.current = undefined;
        if (job) {
          clearTimeout(job.timer);
          job.reject(new WorkerCrashError(err.message, err.code === 'ERR_WORKER_OUT_OF_MEMORY'));
        }
        this.opts.onEvent?.('worker error', { code: err.code, message: err.message });
        if (!slot.ready) reject(err);
        else this.retire(slot);
      });
      worker.on('exit', (code) => {
        const job = slot.current;
        if (job) {
          clearTimeout(job.timer);
          job.reject(new WorkerCrashError(`worker exited with code ${code}`, false));
        }
        if (!slot.ready) {
          this.failedStarts++;
          reject(new Error(`solve worker ${String(this.opts.file)} exited with code ${code} before it was ready`));
        }
        this.retire(slot);
      });
    });
  }

  /** Takes a dead or dying worker out of service at once and starts its replacement. */
  private retire(slot: Slot<R>): void {
    if (!this.slots.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    this.replace();
  }

  /** Keeps the pool at full size (three failed starts in a row: give up). */
  private replace(): void {
    if (this.closing || this.failedStarts >= 3 || this.slots.length >= this.opts.size) return;
    this.spawn().catch((e: Error) => this.opts.onEvent?.('worker start failed', { message: e.message }));
  }

  /**
   * Runs a task on the next free worker. Rejects at once with QueueFullError when every worker is
   * busy and the queue is full; with TaskTimeoutError when it runs longer than hardLimitMs.
   */
  run(task: T, o: { hardLimitMs: number; transfer?: Transferable[]; signal?: AbortSignal }): Promise<{ result: R; waitMs: number; runMs: number }> {
    if (this.closing) return Promise.reject(new ShuttingDownError());
    const free = this.slots.some((s) => s.ready && !s.current);
    if (!free && this.queue.length >= this.opts.queueMax) return Promise.reject(new QueueFullError(this.retryAfterSeconds()));
    return new Promise((resolve, reject) => {
      const p: Pending<R> = { id: this.nextId++, task, transfer: o.transfer ?? [], hardLimitMs: o.hardLimitMs, resolve, reject, enqueuedAt: performance.now(), signal: o.signal };
      if (o.signal) {
        // A client that gave up while waiting frees its place; a task already running finishes.
        p.onAbort = () => {
          const i = this.queue.indexOf(p);
          if (i >= 0) (this.queue.splice(i, 1), reject(new CancelledError()));
        };
        o.signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.queue.push(p);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.current) continue;
      const p = this.queue.shift()!;
      if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
      const timer = setTimeout(() => this.overrun(slot), p.hardLimitMs);
      slot.current = { ...p, startedAt: performance.now(), timer };
      slot.worker.postMessage({ type: 'task', id: p.id, task: p.task }, p.transfer);
    }
  }

  private overrun(slot: Slot<R>): void {
    const job = slot.current;
    if (!job) return;
    slot.current = undefined;
    this.opts.onEvent?.('task overran; worker terminated', { limitMs: job.hardLimitMs });
    job.reject(new TaskTimeoutError(Math.round(job.hardLimitMs / 100) / 10));
    this.retire(slot);
    void slot.worker.terminate();
  }

  /** Would run() take a task now (a worker free, or room in the queue)? */
  hasRoom(): boolean {
    return !this.closing && (this.slots.some((s) => s.ready && !s.current) || this.queue.length < this.opts.queueMax);
  }

  /** Seconds until a place is likely free: queue depth × mean task time ÷ workers. */
  retryAfterSeconds(): number {
    const ahead = this.queue.length + this.slots.filter((s) => s.current).length;
    return Math.max(1, Math.ceil((ahead * this.avgTaskMs) / 1000 / Math.max(1, this.opts.size)));
  }

  stats(): { size: number; ready: number; busy: number; queued: number; queueMax: number } {
    return {
      size: this.opts.size,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.current).length,
      queued: this.queue.length,
      queueMax: this.opts.queueMax,
    };
  }

  /** Stops taking work, cancels what is queued, waits up to graceMs for running tasks, then ends the workers. */
  async close(graceMs: number): Promise<{ finished: number; cancelled: number }> {
    this.closing = true;
    const cancelled = this.queue.length;
    for (const p of this.queue.splice(0)) p.reject(new ShuttingDownError());
    const running = this.slots.filter((s) => s.current).length;
    const deadline = performance.now() + graceMs;
    while (this.slots.some((s) => s.current) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const unfinished = this.slots.filter((s) => s.current).length;
    for (const s of this.slots) {
      if (s.current) {
        clearTimeout(s.current.timer);
        s.current.reject(new ShuttingDownError());
        s.current = undefined;
      }
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    return { finished: running - unfinished, cancelled: cancelled + unfinished };
  }
}
