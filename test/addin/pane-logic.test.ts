// The plain modules under the task pane: where it sends requests, how it reads answers and
// failures, what it says afterwards, and the HTML it shows in a browser.
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { apiBase, failureOf, type JobResponse } from '../../addin/api';
import { failure } from '../../addin/controller';
import { ApiError } from '../../addin/api';
import { display, esc, problemList, sheetChart, sheetSection, sheetTable } from '../../addin/html';
import { pickLang, STRINGS } from '../../addin/i18n';
import { mayBeInOffice, OFFICE_JS_21VIANET, OFFICE_JS_SOURCES, officeJsSources } from '../../addin/office-host';
import { startProgress, type Clock } from '../../addin/progress';
import { lateOrders, summarize } from '../../addin/summary';
import { readyJobs, validateBook } from '../../addin/validate-book';

const t = STRINGS.en;

describe('where the pane talks to', () => {
  it('uses its own origin when served by the service, the default service from a file', () => {
    expect(apiBase('https://localhost:3000/taskpane.html?action=plan')).toBe('https://localhost:3000/api/v1/');
    expect(apiBase('http://127.0.0.1:41234/taskpane.html')).toBe('http://127.0.0.1:41234/api/v1/');
    expect(apiBase('file:///home/me/dist/addin/taskpane.html')).toBe('https://localhost:3000/api/v1/');
    expect(apiBase('https://localhost:3000/taskpane.html', 'http://planner.local:8080')).toBe('http://planner.local:8080/api/v1/');
  });

  it('reads the language', () => {
    expect(pickLang('zh-CN', 'en-US')).toBe('zh');
    expect(pickLang('en-GB', 'zh-CN')).toBe('en'); // Office's display language wins
    expect(pickLang(undefined, 'zh-Hans-CN')).toBe('zh');
    expect(pickLang('', undefined)).toBe('en');
  });

  it('loads office.js from 21Vianet\'s CDN first when a 21Vianet host frames the pane', () => {
    expect(officeJsSources('https://contoso.officeapps.partner.office365.cn')).toEqual([OFFICE_JS_21VIANET, ...OFFICE_JS_SOURCES]);
    expect(officeJsSources('https://contoso.sharepoint.cn')[0]).toBe(OFFICE_JS_21VIANET);
    expect(officeJsSources('https://excel.officeapps.live.com')).toEqual(OFFICE_JS_SOURCES);
    expect(officeJsSources('https://evil-sharepoint.cn.example.com')).toEqual(OFFICE_JS_SOURCES);
    expect(officeJsSources(undefined)).toEqual(OFFICE_JS_SOURCES);
  });

  it('knows a plain browser tab from an Office host by the hints office.js itself reads', () => {
    const plain = { search: '', windowName: '', sessionHostInfo: null, hasExternalHostInfo: false, hasAgaveHost: false };
    expect(mayBeInOffice(plain)).toBe(false);
    expect(mayBeInOffice({ ...plain, search: '?_host_Info=Excel$Win32$16.01$en-US$$$$0' })).toBe(true);
    expect(mayBeInOffice({ ...plain, windowName: '{"hostInfo":"Excel|Mac|16.00"}' })).toBe(true);
    expect(mayBeInOffice({ ...plain, windowName: 'not json' })).toBe(false);
    expect(mayBeInOffice({ ...plain, hasExternalHostInfo: true })).toBe(true);
    expect(mayBeInOffice({ ...plain, sessionHostInfo: 'Excel$Web$16.00' })).toBe(true);
  });
});

describe('service failures', () => {
  const res = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  it('keeps cell problems as problems, and maps every other status to what the user can do', async () => {
    expect(await failureOf(res(400, { errors: [{ sheet: 'Orders', cell: 'D3', message: 'Quantity must be a positive number (got -1)' }], runId: 4 }))).toEqual({
      kind: 'problems',
      problems: [{ sheet: 'Orders', cell: 'D3', message: 'Quantity must be a positive number (got -1)' }],
    });
    expect(await failureOf(res(400, { error: 'Malformed JSON' }))).toEqual({ kind: 'http', status: 400, message: 'Malformed JSON' });
    expect(await failureOf(res(413, { error: 'too big' }))).toEqual({ kind: 'tooLarge' });
    expect(await failureOf(res(429, { error: 'busy' }, { 'Retry-After': '3' }))).toEqual({ kind: 'busy', retryAfterSeconds: 3 });
    expect(await failureOf(res(422, { error: 'infeasible: WC-1 has no hours', reason: 'infeasible' }))).toEqual({ kind: 'unsolvable', message: 'infeasible: WC-1 has no hours' });
    expect(await failureOf(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))).toEqual({ kind: 'http', status: 502, message: '<html>Bad gateway</html>' });
  });

  it('turns failures into messages in the UI language', () => {
    expect(failure(new ApiError({ kind: 'unreachable', url: 'https://localhost:3000/api/v1/' }), 'zh')).toEqual({ kind: 'failed', message: STRINGS.zh.serviceDown('https://localhost:3000/') });
    expect(failure(new ApiError({ kind: 'problems', problems: [{ sheet: 'BOM', cell: 'B4', message: 'cycle' }] }), 'en')).toEqual({ kind: 'problems', problems: [{ sheet: 'BOM', cell: 'B4', text: 'cycle' }] });
    expect(failure(new TypeError('boom'), 'en')).toEqual({ kind: 'failed', message: 'boom' });
  });
});

describe('validation before sending', () => {
  const book = recordsToRows(samplePlant());

  it('checks the sample plant for all three jobs and finds nothing', () => {
    expect(validateBook(book, 'en')).toEqual({ ready: ['plan', 'quote', 'suppliers', 'costs', 'prices'], problems: [] });
  });

  it('names the cell of a bad value once, even when several jobs read that sheet', () => {
    const bad = structuredClone(book);
    const q = bad.Items.header.indexOf('OnHand');
    bad.Items.rows[1][q] = -3; // Items row 3 (header row 1, second data row); OnHand is column F
    const { problems } = validateBook(bad, 'zh');
    // Items is read by plan, quote and suppliers; the problem is listed once, in Chinese.
    expect(problems.filter((p) => p.sheet === 'Items')).toEqual([{ sheet: 'Items', cell: 'F3', text: '库存应为不小于 0 的数字（当前为 -3）' }]);
  });

  it('when no job has its sheets, reports the missing ones of the nearest job', () => {
    const only = { Suppliers: book.Suppliers };
    expect(readyJobs(only)).toEqual([]);
    // suppliers needs Suppliers + PurchaseOrders (1 missing); plan 5, quote 4 missing
    expect(validateBook(only, 'en').problems.map((p) => `${p.sheet}!${p.cell}`)).toEqual(['PurchaseOrders!A1']);
  });
});

describe('what the pane says after a job', () => {
  const order = (orderId: string, daysLate: number, lateBecause: string | null = null, shortQty = 0) => ({ orderId, item: 'FG', quantity: 10, dueDate: '2026-03-06', finishDate: null, daysLate, subcontractedQty: 0, shortQty, lateBecause });
  const response: JobResponse<'plan'> = {
    status: 'optimal',
    objective: 0,
    solver: { name: 'highs', seconds: 0, variables: 0, constraints: 0 },
    // The late orders are read from the Plan sheet's rows (the answer has no second list of them).
    sheets: [
      { name: 'Plan', columns: [], rows: [order('O-1', 0), order('O-2', 7, 'WC-MILL full'), order('O-3', 14, 'WC-MILL, BP-MOTOR'), order('O-4', 0, null, 5)], highlightWhen: { column: 'daysLate' } },
      { name: 'Materials', columns: [], rows: [{ s: true }, { s: true }, { s: false }], highlightWhen: { column: 's' } },
    ] as ResultSheet[],
    runId: 12,
  };

  it('lists late and short orders, latest first, with why', () => {
    expect(lateOrders(response)).toEqual([
      { orderId: 'O-3', daysLate: 14, shortQty: 0, because: 'WC-MILL, BP-MOTOR' },
      { orderId: 'O-2', daysLate: 7, shortQty: 0, because: 'WC-MILL full' },
      { orderId: 'O-4', daysLate: 0, shortQty: 5, because: '' },
    ]);
    // each line says what is wrong: days late, or the quantity short (not "0 days late")
    const items = lateOrders(response)!.map((o) => t.lateItem(o.daysLate, o.shortQty, o.because));
    expect(items).toEqual(['14 days late, because WC-MILL, BP-MOTOR', '7 days late, because WC-MILL full', '5 short']);
    expect(STRINGS.zh.lateItem(7, 0, 'WC-MILL 满负荷')).toBe('延期 7 天，原因：WC-MILL 满负荷');
    expect(STRINGS.zh.lateItem(0, 5, '')).toBe('缺 5');
  });

  it('summarises: late orders, other highlighted rows, the stored run', () => {
    const s = summarize('plan', response, t);
    // Plan's own highlight is the late list already; Materials has 2 truthy rows of 3
    expect(s.lines).toEqual(['3 late orders:', 'Materials: 2 highlighted rows', 'Run 12 saved on the service.']);
    const card = { sheets: [{ name: 'SupplierScorecard', columns: [], rows: [{}, {}] }] } as unknown as JobResponse<'suppliers'>; // only the row count is read
    expect(summarize('suppliers', card, STRINGS.zh).lines).toEqual(['已为 2 家供应商评分。']);
    // In Chinese the result sheet is named in Chinese, with its workbook name (still Materials) beside it.
    expect(summarize('plan', response, STRINGS.zh).lines).toEqual(['3 个订单延期：', '物料需求（Materials）：2 行已标出', '运行记录 12 已保存在服务端。']);
    expect(STRINGS.zh.sheetsWritten(['Plan', 'Load', 'MySheet'])).toBe('已写入：排产计划（Plan）、工作中心负荷（Load）、MySheet。');
  });
});

describe('HTML for the standalone page', () => {
  const sheet: ResultSheet = {
    name: 'Load',
    columns: [
      { key: 'wc', header: 'Work center', headerZh: '工作中心' },
      { key: 'bucket', header: 'Bucket', headerZh: '时段', format: 'date' },
      { key: 'hours', header: 'Load (h)', headerZh: '负荷', format: 'number' },
      { key: 'util', header: 'Utilisation', headerZh: '利用率', format: 'percent' },
      { key: 'over', header: 'Over', headerZh: '超负荷' },
    ],
    rows: [
      { wc: '<script>x</script>', bucket: '2026-11-30', hours: 1234.5, util: 0.875, over: false },
      { wc: 'CNC', bucket: '2026-11-30', hours: 40, util: 1.25, over: true },
      { wc: 'CNC', bucket: '2026-12-07', hours: 10, util: 0.25, over: false },
    ],
    highlightWhen: { column: 'over', color: 'amber' },
    chart: { type: 'column', title: 'Load by bucket', titleZh: '各时段负荷', category: 'bucket', series: ['hours'] },
  };

  it('escapes user text and formats numbers as Excel would show them', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(display(0.875, 'percent', 'en-US')).toBe('87.5%');
    expect(display(1234.5, 'number', 'en-US')).toBe('1,234.50');
    expect(display(7, 'integer', 'en-US')).toBe('7');
    expect(display(2.123456, 'general', 'en-US')).toBe('2.1235');
    expect(display(null, 'number', 'en-US')).toBe('');
    const html = sheetTable(sheet, 'en', t);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    // only the row whose Over is true is shaded
    expect(html.match(/<tr class="flag-amber">/g)).toHaveLength(1);
    expect(html).toContain('<td class="num">125.0%</td>');
  });

  it('draws one bar per category, summing rows of the same category', () => {
    const svg = sheetChart(sheet, 'zh');
    // 2026-11-30: 1234.5 + 40 = 1274.5; 2026-12-07: 10 → two bars, tallest is the max
    const bars = [...svg.matchAll(/<rect[^>]*height="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => [m[2], Number(m[1])]);
    expect(bars.map((b) => b[0])).toEqual(['2026-11-30 · 负荷: 1,275', '2026-12-07 · 负荷: 10']);
    // plot height 240 − 24 − 56 = 160; 10 / 1274.5 of it ≈ 1.3
    expect(bars[0][1]).toBeCloseTo(160, 0);
    expect(bars[1][1]).toBeCloseTo((160 * 10) / 1274.5, 0);
    expect(svg).toContain('<figcaption>各时段负荷</figcaption>');
    expect(sheetChart({ ...sheet, chart: undefined }, 'en')).toBe('');
  });

  it("titles a section in the page's language, keeping the workbook's sheet name in view", () => {
    expect(sheetSection(sheet, 'en', t)).toMatch(/^<section class="result" data-sheet="Load"><h3>Load<\/h3><figure/);
    expect(sheetSection(sheet, 'zh', STRINGS.zh)).toMatch(/^<section class="result" data-sheet="Load"><h3>工作中心负荷 <small class="sheet-name">Load<\/small><\/h3>/);
    // a sheet the UI has no title for keeps its name, once
    expect(sheetSection({ ...sheet, name: 'Other' }, 'zh', STRINGS.zh)).toContain('<h3>Other</h3>');
  });

  it('lists problems as Name Box references, clickable only where a cell can be selected', () => {
    const p = [{ sheet: 'Work Centers', cell: 'C4', text: 'HoursPerDay must be at most 24 (got 30)' }];
    expect(problemList(p, true)).toBe(`<ul class="problems"><li><a href="#" data-sheet="Work Centers" data-cell="C4">&#39;Work Centers&#39;!C4</a>: HoursPerDay must be at most 24 (got 30)</li></ul>`);
    expect(problemList(p, false)).toContain('<span class="ref">&#39;Work Centers&#39;!C4</span>');
  });
});

describe('progress line', () => {
  it('shows elapsed whole seconds while waiting and reports the time taken', () => {
    let now = 1_000;
    let tick: () => void = () => {};
    let stopped = false;
    const clock: Clock = { now: () => now, every: (_ms, fn) => ((tick = fn), () => (stopped = true)) };
    const shown: string[] = [];
    const stop = startProgress((s) => shown.push(s), 'Running on the service…', t.elapsed, clock);
    now += 1_200;
    tick();
    now += 1_000;
    tick();
    now += 300;
    expect(stop()).toBeCloseTo(2.5); // 1.2 + 1.0 + 0.3 s
    expect(stopped).toBe(true);
    expect(shown).toEqual(['Running on the service…', 'Running on the service… 1 s', 'Running on the service… 2 s']);
  });
});
