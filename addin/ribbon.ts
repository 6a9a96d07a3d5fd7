// The ribbon's Plan / Quote / Suppliers buttons (manifest.xml: ExecuteFunction) and the one rule
// every way of starting a job obeys: one job at a time, and nothing runs unasked.
//
// With the shared runtime (SharedRuntime 1.1: Microsoft 365 on Windows and Mac, Excel on the web)
// the ribbon's functions run in the pane's own page: the handler shows the pane and starts the job
// there, where its progress is seen. Without it (older perpetual Office), Office loads the same page
// hidden as the function file, a second copy that shares only localStorage with the pane: the
// handler runs the job there and holds the ribbon until it ends, and a lock in localStorage keeps
// the two copies from running jobs at the same time. The pane never runs a job on load or reload.
import type { Job } from '../shared/contract';

/** Function names in manifest.xml's <FunctionName> → the job each runs. */
export const RIBBON_FUNCTIONS: Record<string, Job> = { runPlan: 'plan', runQuote: 'quote', runSuppliers: 'suppliers' };

/** The slice of Office.js the ribbon needs (injected, so tests drive it without Office). */
export interface RibbonOffice {
  actions: { associate(name: string, handler: (event: { completed(): void }) => unknown): void };
  addin?: { showAsTaskpane(): Promise<void> };
  context: { requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export const hasSharedRuntime = (office: Pick<RibbonOffice, 'context'>): boolean => office.context.requirements.isSetSupported('SharedRuntime', '1.1');

/**
 * Registers the ribbon functions. `start` runs a job through the same guard as the pane's buttons
 * and resolves when it ends (at once, when the guard refuses).
 */
export function registerRibbon(office: RibbonOffice, start: (job: Job) => Promise<unknown>): void {
  const shared = hasSharedRuntime(office);
  for (const [name, job] of Object.entries(RIBBON_FUNCTIONS)) {
    office.actions.associate(name, async (event) => {
      try {
        if (shared) {
          await office.addin?.showAsTaskpane().catch(() => undefined); // the pane may already be open
          void start(job); // the pane shows progress; the ribbon is released now
        } else await start(job);
      } finally {
        event.completed();
      }
    });
  }
}

/** What the lock stores: which job, and when its holder last said it was alive. */
interface Held {
  job: Job;
  owner: string;
  at: number;
}

/**
 * One job at a time, across every copy of the page that shares `storage` (the pane and, without a
 * shared runtime, the hidden function file). A holder that died without releasing (Excel closed
 * mid-run) stops refreshing its heartbeat and is ignored after `staleMs`.
 */
export class JobLock {
  private readonly owner = Math.random().toString(36).slice(2);
  private held?: Job;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly now: () => number = Date.now,
    private readonly staleMs = 30_000,
    private readonly key = 'mtoJobLock',
  ) {}

  /** The job running now (here or in another copy of the page), if any. */
  running(): Job | undefined {
    if (this.held) return this.held;
    const other = this.read();
    return other && this.now() - other.at < this.staleMs ? other.job : undefined;
  }

  /** Takes the lock for `job`; false when a job is already running. */
  acquire(job: Job): boolean {
    if (this.running()) return false;
    this.held = job;
    this.beat();
    if (this.storage) this.timer = setInterval(() => this.beat(), Math.max(1000, this.staleMs / 3));
    return true;
  }

  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.held = undefined;
    try {
      const raw = this.storage?.getItem(this.key);
      if (raw && (JSON.parse(raw) as Held).owner === this.owner) this.storage?.removeItem(this.key);
    } catch {
      /* storage blocked: nothing to release */
    }
  }

  private beat(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify({ job: this.held!, owner: this.owner, at: this.now() } satisfies Held));
    } catch {
      /* storage blocked: this copy still guards itself */
    }
  }

  private read(): Held | undefined {
    try {
      const raw = this.storage?.getItem(this.key);
      const h = raw ? (JSON.parse(raw) as Held) : undefined;
      return h && h.owner !== this.owner ? h : undefined;
    } catch {
      return undefined;
    }
  }
}
