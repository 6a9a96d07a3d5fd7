// The task pane page: wires buttons to the controller for whichever host it finds. In Excel it
// reads and writes the open workbook; in a plain browser (no office.js, no internet) it sends the
// picked .xlsx to the service, which reads it there. All decisions live in plain modules; this
// file only touches the DOM.
import type { Job } from '../shared/contract';
import type { Lang } from '../shared/problems';
import { apiBase, PlannerApi } from './api';
import { answerOf, type JobResponse } from './api';
import { exportScorecard, failure, runJob, validate, writeAgain, type Deps, type Outcome, type PickedFile, type WorkbookHost } from './controller';
import { createTemplate } from './excel/create-template';
import { runWhenFree } from './excel/excel-errors';
import { EARLIER_PLAN_SHEETS } from './excel/read-plan';
import { readInputSheets } from './excel/read-tables';
import { selectCell } from './excel/select-cell';
import { writeDispatchList } from './excel/dispatch-list';
import { staleResultSheets, writeResultSheets } from './excel/write-results';
import { allocationSection, esc, lateList, problemList, sheetSection } from './html';
import { pickLang, STRINGS, type Strings } from './i18n';
import { hostHints, loadOfficeJs, mayBeInOffice, officeJsSources, officeReady } from './office-host';
import { JobLock, registerRibbon, type RibbonOffice } from './ribbon';

type Mode = 'pending' | 'excel' | 'standalone';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URL(location.href).searchParams;

let mode: Mode = 'pending';
let lang: Lang = pickLang(undefined, navigator.language);
let t: Strings = STRINGS[lang];
let busy = false;
/** one job at a time, also across the pane and a hidden ribbon function file (no shared runtime) */
const lock = new JobLock(storage('localStorage'));
/** the service's last answer that was not fully written: "Write results again" needs no new solve */
let unwritten: { job: Job; response: JobResponse } | undefined;
/** what to do again once a token is entered */
let retry: { run: () => Promise<Outcome>; job: Job | 'other' } | undefined;
let file: PickedFile | undefined;
/** the workbook with results from the last run (standalone), saved as it came */
let download: PickedFile | undefined;

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined; // blocked (some webviews' privacy settings)
  }
}

// A token (MTO_TOKEN, for a service bound beyond loopback) comes in the URL fragment, which is never
// sent to a server, or from the pane's own prompt (the manifest's URLs carry none); it is kept for
// the session (until Excel or the tab closes).
let token = (() => {
  const m = /[#&]token=([^&]+)/.exec(location.hash);
  if (m) storage('sessionStorage')?.setItem('mtoToken', decodeURIComponent(m[1]));
  return storage('sessionStorage')?.getItem('mtoToken') ?? undefined;
})();
const api = () => new PlannerApi(apiBase(location.href, params.get('api')), (u, i) => fetch(u, i), lang, token);

function applyTexts() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const v = t[el.dataset.text as keyof Strings];
    if (typeof v === 'string') el.textContent = v;
  }
  document.title = t.title;
  $('file-name').textContent = file?.name ?? t.noFileChosen;
  $('subtitle').textContent = mode === 'excel' ? t.subtitleExcel : mode === 'standalone' ? t.subtitleStandalone : '';
}

function setBusy(on: boolean) {
  busy = on;
  for (const b of document.querySelectorAll<HTMLButtonElement>('button')) b.disabled = on || mode === 'pending';
  ($('file') as HTMLInputElement).disabled = on; // no new workbook while a job reads this one
  $('status').classList.toggle('busy', on);
}

function status(text: string, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}

// ---- hosts -------------------------------------------------------------------------------

/** Does this Excel have ExcelApi `version`? */
const excelApi = (version: string): boolean => Office.context.requirements.isSetSupported('ExcelApi', version);
/** the date system of the workbook last read (1904: serials 1,462 days fewer) */
let date1904 = false;

const excelHost: WorkbookHost = {
  read: (show, withEarlierPlan) =>
    runWhenFree(
      Excel,
      async (ctx) => {
        show(t.reading);
        const read = await readInputSheets(ctx, { onProgress: (sheet) => show(`${t.reading} ${sheet}`), supports: excelApi, extra: withEarlierPlan ? EARLIER_PLAN_SHEETS : [] });
        date1904 = read.date1904;
        return read.book;
      },
      { supports: excelApi, onWait: () => show(t.cellEditWait) },
    ),
  write: (sheets, show, runId) =>
    runWhenFree(Excel, (ctx) => writeResultSheets(ctx, sheets, lang, { onProgress: (s) => show(t.writing(s)), supports: excelApi, runId, date1904 }), {
      supports: excelApi,
      onWait: () => show(t.cellEditWait),
    }),
};

/** Inside Office the pane cannot save a file (Office on Mac ignores downloads): the browser does. */
function openInBrowser(url: string) {
  if (Office.context.requirements.isSetSupported('OpenBrowserWindowApi', '1.1')) Office.context.ui.openBrowserWindow(url);
}

const deps = (): Deps => ({ ...(mode === 'excel' ? { host: excelHost, openUrl: openInBrowser } : { file }), api: api(), lang, show: (s) => status(s) });

// ---- outcomes ----------------------------------------------------------------------------

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function render(o: Outcome) {
  const messages = $('messages');
  const results = $('results');
  messages.innerHTML = '';
  $('download').hidden = true;
  $('token-form').hidden = o.kind !== 'token';
  if (o.kind !== 'token') retry = undefined;
  unwritten = o.kind === 'failed' ? o.answer : o.kind === 'token' ? unwritten : undefined;
  $('rewrite').hidden = !unwritten;
  switch (o.kind) {
    case 'problems':
      status(t.problemsFound(o.problems.length, mode === 'excel'), true);
      messages.innerHTML = problemList(o.problems, mode === 'excel');
      results.innerHTML = '';
      return;
    case 'validated':
      status(t.noProblems(o.sheets));
      messages.innerHTML = o.ready.length ? `<p>${esc(o.ready.map((j) => t[j]).join(' · '))} ✓</p>` : '';
      return;
    case 'failed':
      status(o.message, true);
      return;
    case 'note':
      status(o.text);
      return;
    case 'token':
      status(token ? t.tokenWrong : t.tokenNeeded, true);
      $<HTMLInputElement>('token-input').focus();
      return;
    case 'opened':
      status(`${t.done(o.seconds)} ${t.openedInBrowser(o.name)}`);
      messages.innerHTML = `<p><a href="${esc(o.url)}" target="_blank" rel="noopener">${esc(o.name)}</a></p>`;
      return;
    case 'file':
      saveBlob(o.blob, o.name);
      status(`${t.done(o.seconds)} ${t.saved(o.name)}`);
      return;
    case 'done': {
      status(t.done(o.seconds));
      const lines = [...o.summary.lines.map((l) => `<p>${esc(l)}</p>`)];
      if (o.summary.late?.length) lines.splice(1, 0, lateList(o.summary.late, t));
      if (o.written.length) lines.push(`<p>${esc(t.sheetsWritten(o.written))}</p>`);
      messages.innerHTML = lines.join('');
      results.innerHTML = mode === 'standalone' ? o.response.sheets.map((s) => sheetSection(s, lang, t)).join('') + (answerOf('suppliers', o.job, o.response) ? allocationSection(o.response.allocations, lang) : '') : '';
      download = o.download;
      $('download').hidden = !download;
      return;
    }
  }
}

/** Runs one action; refuses (and says so) while another job runs, here or in the ribbon's copy of the page. */
async function act(run: () => Promise<Outcome>, job: Job | 'other' = 'other') {
  const running = lock.running();
  if (busy || running) {
    status(t.jobRunning(running ? t[running] : '…'), true);
    return;
  }
  if (job !== 'other') lock.acquire(job);
  setBusy(true);
  // A new job starts with nothing left over from the last one's answer.
  status('');
  $('messages').innerHTML = '';
  $('results').innerHTML = '';
  $('download').hidden = true;
  try {
    const outcome = await run().catch((e: unknown) => failure(e, lang));
    if (outcome.kind === 'token') retry = { run, job };
    render(outcome);
  } finally {
    if (job !== 'other') lock.release();
    setBusy(false);
  }
}

const runAction = (job: Job) => act(() => runJob(job, deps()), job);

// ---- modes -------------------------------------------------------------------------------

function enterStandalone() {
  if (mode !== 'pending') return;
  mode = 'standalone';
  $('standalone').hidden = false;
  $('template').hidden = true;
  applyTexts();
  setBusy(false);
  status(file ? file.name : t.noFile);
}

async function enterExcel() {
  mode = 'excel';
  lang = pickLang(Office.context.displayLanguage, navigator.language);
  t = STRINGS[lang];
  $('standalone').hidden = true;
  $('template').hidden = false;
  $('dispatch').hidden = false;
  applyTexts();
  setBusy(false);
  status('');
  if (!excelApi('1.8')) {
    status(t.excelTooOld, true);
    for (const b of document.querySelectorAll<HTMLButtonElement>('#actions button')) b.disabled = true;
    return;
  }
  // The ribbon's buttons call into this page; the pane itself never starts a job on load or reload.
  try {
    registerRibbon(Office as unknown as RibbonOffice, (job) => runAction(job));
  } catch {
    /* Office.actions missing (no add-in commands here): the pane's own buttons still work */
  }
  // A write that died half-way earlier left sheets from different runs: say which.
  const stale = await Excel.run(staleResultSheets).catch(() => []);
  if (stale.length) status(t.staleSheets(stale), true);
}

/** A new file (or none): earlier results and their workbook no longer apply. */
function pick(f: PickedFile | undefined) {
  file = f;
  download = undefined;
  $('file-name').textContent = f?.name ?? t.noFileChosen;
  $('results').innerHTML = '';
  $('messages').innerHTML = '';
  $('download').hidden = true;
}

function wire() {
  for (const job of ['plan', 'quote', 'suppliers', 'costs'] as const) $(job).addEventListener('click', () => runAction(job));
  $('validate').addEventListener('click', () => act(() => validate(deps())));
  $('export').addEventListener('click', () => act(() => exportScorecard(deps())));
  $('template').addEventListener('click', () =>
    act(async () => {
      const { created, skipped } = await Excel.run((ctx) => createTemplate(ctx, lang));
      status([created.length ? t.templateCreated(created) : '', skipped.length ? t.templateSkipped(skipped) : ''].filter(Boolean).join(' '));
      return { kind: 'validated', ready: [], sheets: created.length + skipped.length } as Outcome;
    }).then(() => undefined),
  );
  // The selected row's work center → its dispatch list on a sheet of its own (Excel only).
  $('dispatch').addEventListener('click', () =>
    act(async (): Promise<Outcome> => {
      const r = await Excel.run((ctx) => writeDispatchList(ctx, lang));
      const text = r.kind === 'written' ? t.dispatchWritten(r.workCenter, r.sheet, r.lots) : r.kind === 'noWorkCenter' ? t.dispatchNoWorkCenter(r.sheet) : t.dispatchNoPlan;
      return { kind: 'note', text };
    }).then(() => undefined),
  );
  $('file').addEventListener('change', () => {
    const f = $<HTMLInputElement>('file').files?.[0];
    pick(f ? { blob: f, name: f.name } : undefined);
    status(file ? file.name : t.noFile);
  });
  $('sample').addEventListener('click', () =>
    act(async () => {
      status(t.reading);
      pick({ blob: await api().sample(), name: 'sample-plant.xlsx' });
      return runJob('plan', deps());
    }),
  );
  $('rewrite').addEventListener('click', () => {
    const again = unwritten;
    if (again) void act(() => writeAgain(again.job, again.response, deps()), again.job);
  });
  $('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = $<HTMLInputElement>('token-input').value.trim();
    if (!v) return;
    token = v;
    storage('sessionStorage')?.setItem('mtoToken', v);
    $<HTMLInputElement>('token-input').value = '';
    const again = retry;
    $('token-form').hidden = true;
    if (again) void act(again.run, again.job);
  });
  // The workbook came with the results: saving it asks the service nothing.
  $('download-button').addEventListener('click', () => {
    if (!download) return;
    saveBlob(download.blob, download.name);
    status(t.saved(download.name));
  });
  // Problem links select their cell in Excel.
  $('messages').addEventListener('click', (ev) => {
    const a = (ev.target as HTMLElement).closest<HTMLAnchorElement>('a[data-sheet]');
    if (!a) return;
    ev.preventDefault();
    if (mode !== 'excel') return;
    const { sheet, cell } = a.dataset as { sheet: string; cell: string };
    void Excel.run((ctx) => selectCell(ctx, sheet, cell)).then((ok) => (ok ? undefined : status(t.cellNotFound(a.textContent ?? ''), true)));
  });
}

async function start() {
  applyTexts();
  wire();
  setBusy(false);
  // A plain browser tab (none of the hints office.js itself looks for) is standalone at once:
  // office.js could not find a host there either, so it is not even loaded.
  if (params.get('standalone') === '1' || !mayBeInOffice(hostHints(window))) return enterStandalone();
  // Excel on the web frames the pane: its origin says which cloud (and which office.js CDN).
  const office = await loadOfficeJs(document, officeJsSources(location.ancestorOrigins?.[0] ?? (document.referrer || undefined)));
  const ready = office ? await officeReady(office) : undefined;
  if (String(ready?.host) === 'Excel') {
    mode = 'pending';
    await enterExcel();
  } else enterStandalone();
}

void start();
