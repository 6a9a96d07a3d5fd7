// The ribbon and the pane's guards as Excel drives them: the ribbon's functions (shared runtime or
// not), one job at a time across copies of the page, nothing run unasked; and the controller's
// answers to what Excel and the service refuse: a token asked for, the last answer written again
// without a new solve, the export opened in the browser instead of "saved", Excel's error codes in
// the user's language with debugInfo logged.
import { describe, expect, it, vi } from 'vitest';
import { ApiError, PlannerApi, type JobResponse } from '../../addin/api';
import { exportScorecard, failure, runJob, writeAgain, type WorkbookHost } from '../../addin/controller';
import { excelErrorMessage, logExcelError } from '../../addin/excel/excel-errors';
import { STRINGS } from '../../addin/i18n';
import { JobLock, registerRibbon, RIBBON_FUNCTIONS, type RibbonOffice } from '../../addin/ribbon';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { MockExcelError } from './excel-mock';

function fakeOffice(shared: boolean) {
  const handlers = new Map<string, (e: { completed(): void }) => unknown>();
  const shown: number[] = [];
  const office: RibbonOffice = {
    actions: { associate: (name, h) => void handlers.set(name, h) },
    addin: { showAsTaskpane: async () => void shown.push(1) },
    context: { requirements: { isSetSupported: (name, v) => name === 'SharedRuntime' && v === '1.1' && shared } },
  };
  return { office, handlers, shown };
}

/** localStorage as two copies of the page share it (the pane and a hidden function file). */
function sharedStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('ribbon', () => {
  it('registers one function per job, as the manifest names them', () => {
    const { office, handlers } = fakeOffice(true);
    registerRibbon(office, async () => undefined);
    expect([...handlers.keys()]).toEqual(Object.keys(RIBBON_FUNCTIONS));
  });

  it('with a shared runtime: shows the pane, starts the job there and releases the ribbon at once', async () => {
    const { office, handlers, shown } = fakeOffice(true);
    const started: string[] = [];
    let finish!: () => void;
    registerRibbon(office, (job) => (started.push(job), new Promise<void>((r) => (finish = r))));
    const completed: string[] = [];
    await handlers.get('runQuote')!({ completed: () => completed.push('quote') });
    expect([shown.length, started, completed]).toEqual([1, ['quote'], ['quote']]); // the job still runs
    finish();
  });

  it('without one (a hidden function file): runs the job and holds the ribbon until it ends', async () => {
    const { office, handlers, shown } = fakeOffice(false);
    const events: string[] = [];
    registerRibbon(office, async (job) => {
      events.push(`start ${job}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${job}`);
    });
    await handlers.get('runPlan')!({ completed: () => events.push('completed') });
    expect([shown.length, events]).toEqual([0, ['start plan', 'end plan', 'completed']]);
  });

  it('lets one job run at a time across copies of the page, and forgets a holder that died', () => {
    const storage = sharedStorage();
    let now = 1_000;
    const pane = new JobLock(storage, () => now);
    const functionFile = new JobLock(storage, () => now);
    expect(pane.acquire('plan')).toBe(true);
    expect(pane.acquire('quote')).toBe(false); // the same copy, second button
    expect(functionFile.running()).toBe('plan'); // the other copy sees it
    expect(functionFile.acquire('suppliers')).toBe(false);
    pane.release();
    expect(functionFile.acquire('suppliers')).toBe(true);
    // Excel closed mid-run: no heartbeat for 30 s, and the lock no longer holds anyone back.
    const fresh = new JobLock(storage, () => now);
    expect(fresh.running()).toBe('suppliers');
    now += 31_000;
    expect(fresh.running()).toBeUndefined();
    functionFile.release();
  });
});

describe('what the pane does when Excel or the service refuses', () => {
  const response: JobResponse<'plan'> = {
    status: 'optimal', objective: 0, solver: { name: 'highs', seconds: 0, variables: 0, constraints: 0 },
    sheets: [{ name: 'Plan', columns: [], rows: [] }], runId: 12,
  };
  const answering = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

  it('asks for a token when the service answers 401, and sends it once given', async () => {
    const fetch401 = answering(401, { error: 'This service requires a token' });
    const host: WorkbookHost = { read: async () => recordsToRows(samplePlant()) };
    const deps = { host, lang: 'en' as const, show: () => undefined };
    expect(await runJob('plan', { ...deps, api: new PlannerApi('https://planner.example/api/v1/', fetch401) })).toEqual({ kind: 'token' });
    const ok = answering(200, response);
    await runJob('plan', { ...deps, api: new PlannerApi('https://planner.example/api/v1/', ok, 'en', 'a-token-of-16-chars') });
    expect((ok.mock.calls[0] as unknown as [string, RequestInit])[1].headers).toMatchObject({ Authorization: 'Bearer a-token-of-16-chars' });
  });

  it('keeps the answer when writing fails, and writes it again without a new solve', async () => {
    const fetchOnce = answering(200, response);
    let fail = true;
    const writes: (string | undefined)[] = [];
    const host: WorkbookHost = {
      read: async () => recordsToRows(samplePlant()),
      write: async (sheets, _show, runId) => {
        writes.push(runId);
        if (fail) throw new MockExcelError('AccessDenied', 'The workbook structure is protected.');
        return sheets.map((s) => s.name);
      },
    };
    const deps = { host, api: new PlannerApi('https://planner.example/api/v1/', fetchOnce), lang: 'zh' as const, show: () => undefined };
    const first = await runJob('plan', deps);
    expect(first).toMatchObject({ kind: 'failed', message: STRINGS.zh.excelErrors.accessDenied, answer: { job: 'plan', response } });
    fail = false;
    const again = await writeAgain('plan', response, deps);
    expect(again).toMatchObject({ kind: 'done', written: ['Plan'] });
    expect(fetchOnce).toHaveBeenCalledTimes(1); // solved once
    expect(writes).toEqual(['12', '12']); // both writes stamped with the service's run
  });

  it('inside Office opens the export as a service link in the browser, and never says "Saved"', async () => {
    const link = answering(200, { url: '/downloads/abc123', filename: 'supplier-scorecard.xlsx' });
    const opened: string[] = [];
    const o = await exportScorecard({
      host: { read: async () => recordsToRows(samplePlant()) },
      api: new PlannerApi('https://planner.example/api/v1/', link),
      lang: 'en',
      show: () => undefined,
      openUrl: (u) => void opened.push(u),
    });
    expect(o).toMatchObject({ kind: 'opened', url: 'https://planner.example/downloads/abc123', name: 'supplier-scorecard.xlsx' });
    expect(opened).toEqual(['https://planner.example/downloads/abc123']);
    // the request asked for a link, not a file
    expect((link.mock.calls[0] as unknown as [string, RequestInit])[1].headers).toMatchObject({ 'X-Download': 'link' });
    expect(STRINGS.en.saved('x.xlsx')).not.toMatch(/saved/i);
  });

  it("shows Excel errors by their code in the user's language and logs debugInfo", () => {
    const e = new MockExcelError('ItemAlreadyExists', 'A table named tblPlan already exists.', { code: 'ItemAlreadyExists', message: '…', errorLocation: 'Table.name' });
    expect(excelErrorMessage(e, STRINGS.en)).toBe(STRINGS.en.excelErrors.itemAlreadyExists);
    expect(failure(e, 'zh')).toEqual({ kind: 'failed', message: STRINGS.zh.excelErrors.itemAlreadyExists });
    expect(failure(new MockExcelError('ResponsePayloadSizeLimitExceeded', 'too big'), 'en')).toEqual({ kind: 'failed', message: STRINGS.en.excelErrors.tooMuchData });
    expect(failure(new MockExcelError('InvalidOperationInCellEditMode', 'editing'), 'zh')).toEqual({ kind: 'failed', message: STRINGS.zh.excelErrors.cellEditMode });
    const logged: unknown[][] = [];
    logExcelError(e, (...a) => logged.push(a));
    expect(logged).toEqual([['Excel error', 'ItemAlreadyExists', 'A table named tblPlan already exists.', '{"code":"ItemAlreadyExists","message":"…","errorLocation":"Table.name"}']]);
    // the service's own errors are not Excel's
    expect(excelErrorMessage(new ApiError({ kind: 'busy' }), STRINGS.en)).toBeUndefined();
  });
});
