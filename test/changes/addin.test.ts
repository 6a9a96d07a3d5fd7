// The task pane compares a new plan with the plan already in the workbook before replacing it:
// its Plan, Load and Materials sheets are read as Office.js gives them (dates as serial numbers,
// empty cells as "") and sent with compareWithBook; the answer carries the Changes. Against the
// built service on a loopback port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlannerApi, type JobResponse } from '../../addin/api';
import { runJob, type WorkbookHost } from '../../addin/controller';
import { EARLIER_PLAN_SHEETS, inputSheetNames } from '../../addin/excel/read-plan';
import { resultLayout } from '../../shared/result-layout';
import { officeCell } from '../../addin/excel/write-results';
import type { ResultSheet } from '../../shared/results';
import type { WorkbookRows } from '../../shared/rows';
import { sampleRows, startServer, type Server } from '../service/harness';

let server: Server;
let book: WorkbookRows;
beforeAll(async () => {
  [server, book] = await Promise.all([startServer(), sampleRows()]);
});
afterAll(async () => {
  await server?.stop();
});

const api = () => new PlannerApi(`${server.url}/api/v1/`, (u, i) => fetch(u, i), 'zh');

/** Excel after the pane wrote result sheets: each sheet's values as Office.js reads them back. */
function excel(rows: WorkbookRows) {
  const sheets: Record<string, (string | number | boolean)[][]> = {};
  const reads: boolean[] = [];
  const h: WorkbookHost = {
    read: async (_show, withEarlierPlan) => {
      reads.push(Boolean(withEarlierPlan));
      const out = structuredClone(rows);
      for (const name of inputSheetNames(Object.keys(sheets), withEarlierPlan ? EARLIER_PLAN_SHEETS : []).filter((n) => !(n in rows))) {
        const [header, ...data] = sheets[name];
        out[name] = { header, rows: data };
      }
      return out;
    },
    write: async (written: ResultSheet[]) => {
      for (const s of written) {
        const l = resultLayout(s, 'zh');
        sheets[s.name] = [l.header, ...l.body.map((r) => r.map((v, j) => officeCell(v, l.columns[j].text, false)))];
      }
      return written.map((s) => s.name);
    },
  };
  return { h, reads, sheets };
}

describe('task pane: compare with the plan in the workbook', () => {
  it('sends the earlier plan with the second plan and writes the Changes', async () => {
    const x = excel(book);
    const first = await runJob('plan', { host: x.h, api: api(), lang: 'zh', show: () => undefined });
    if (first.kind !== 'done') throw new Error(JSON.stringify(first));
    expect((first.response as JobResponse<'plan'>).changes).toBeUndefined(); // nothing to compare with yet
    expect(Object.keys(x.sheets)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions', 'Schedule', 'Dispatch', 'Gantt by work center', 'Gantt by order']);

    // The planner cancels an order in the Orders sheet and plans again.
    const st = book.Orders.header.indexOf('Status');
    const edited = { ...book, Orders: { ...book.Orders, rows: book.Orders.rows.map((r) => (r[0] === 'SO-261101' ? r.map((v, j) => (j === st ? 'Cancelled' : v)) : r)) } };
    const y = excel(edited);
    Object.assign(y.sheets, x.sheets);
    const second = await runJob('plan', { host: y.h, api: api(), lang: 'zh', show: () => undefined });
    if (second.kind !== 'done') throw new Error(JSON.stringify(second));
    expect(y.reads).toEqual([true]);
    const changes = (second.response as JobResponse<'plan'>).changes!;
    expect(changes.comparedWith).toBe('earlier plan');
    expect(changes.orders.find((o) => o.orderId === 'SO-261101')).toMatchObject({ move: 'gone' });
    expect(changes.summary).toMatch(/^.*1 个订单撤销/);
    expect(Object.keys(y.sheets)).toEqual(expect.arrayContaining(['Changes', 'Stranded']));
  });
});
