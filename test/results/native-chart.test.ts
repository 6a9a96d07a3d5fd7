// The layout's chart as a native DrawingML chart in the files the service and CLI write
// (service/xlsx/chart-parts.ts through result-parts.ts and splice.ts), checked by re-reading the
// written file with independent readers: openpyxl sees the chart and its series, LibreOffice
// draws it from the sheet's cells, the user's own chart is kept byte for byte, and a rerun on
// the rerun gives the same bytes (the old chart is replaced, not left behind).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultSheet } from '../../shared/results';
import { resultPackage } from '../../service/xlsx/result-parts';
import { addResultSheets } from '../../service/xlsx/splice';
import { entryData, zipEntries } from '../../service/xlsx/zip';
import { have, python, soffice } from '../files';
import { tempDir } from '../helpers';

const plan: ResultSheet = {
  name: 'Plan',
  columns: [
    { key: 'orderId', header: 'Order', headerZh: '订单号' },
    { key: 'qty', header: 'Quantity', headerZh: '数量', format: 'integer' },
    { key: 'late', header: 'Days late', headerZh: '延期天数', format: 'integer' },
  ],
  rows: [
    { orderId: 'SO-1', qty: 10, late: 0 },
    { orderId: 'SO-2', qty: 3, late: 7 },
    { orderId: 'SO-3', qty: 1, late: 2 },
  ],
  chart: { type: 'column', title: 'Days late', titleZh: '延期天数', category: 'orderId', series: ['late'] },
};

const parts = (b: Uint8Array) => new Map(zipEntries(b).map((e) => [e.name, entryData(b, e)]));

/** A user's workbook with a line chart of their own on their own sheet, made by openpyxl. */
function userBook(dir: string): Buffer {
  const path = join(dir, 'user.xlsx');
  python(
    `
import sys, openpyxl
from openpyxl.chart import LineChart, Reference
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Orders'
for r in [['Month', 'Qty'], ['Jan', 3], ['Feb', 5], ['Mar', 4]]: ws.append(r)
ch = LineChart(); ch.title = 'My own chart'
ch.add_data(Reference(ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
ws.add_chart(ch, 'D2'); wb.save(sys.argv[1])`,
    path,
  );
  return readFileSync(path);
}

describe.skipIf(!have('openpyxl'))('native chart in written files', () => {
  const dir = tempDir('mto-chart-');
  const user = userBook(dir);
  const res = resultPackage([plan], 'en');
  const once = addResultSheets(user, res);
  const file = join(dir, 'planned.xlsx');
  writeFileSync(file, once);

  it('openpyxl sees both charts: the user\'s own on Orders and the result\'s on Plan, with its series on the sheet\'s cells', () => {
    const seen = JSON.parse(
      python(
        `
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = [{'type': type(c).__name__, 'title': ''.join(r.t for p in c.title.tx.rich.p for r in (p.r or [])),
      'series': [s.val.numRef.f for s in c.series], 'categories': [s.cat.strRef.f if s.cat and s.cat.strRef else None for s in c.series]} for c in ws._charts]
print(json.dumps(out))`,
        file,
      ),
    );
    expect(seen.Orders).toEqual([{ type: 'LineChart', title: 'My own chart', series: ["'Orders'!$B$2:$B$4"], categories: [null] }]);
    // Days late is column C; the orders (categories) column A; rows 2–4 hold the three orders
    expect(seen.Plan).toEqual([{ type: 'BarChart', title: 'Days late', series: ["'Plan'!$C$2:$C$4"], categories: ["'Plan'!$A$2:$A$4"] }]);
  });

  it('the package names every chart and drawing part in [Content_Types].xml, and keeps the user\'s chart byte for byte', () => {
    const before = parts(user);
    const after = parts(once);
    const charts = [...after.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort();
    const drawings = [...after.keys()].filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)).sort();
    expect(charts).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml']);
    expect(drawings).toEqual(['xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml']);
    const ct = after.get('[Content_Types].xml')!.toString('utf8');
    for (const n of [...charts, ...drawings]) expect(ct).toContain(`PartName="/${n}"`);
    for (const n of ['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml']) expect(after.get(n)!.equals(before.get(n)!), n).toBe(true);
    // ours: a column chart of the Plan sheet's cells
    expect(after.get('xl/charts/chart2.xml')!.toString('utf8')).toContain("<c:barDir val=\"col\"/>");
  });

  it.skipIf(!have('soffice'))('LibreOffice draws the chart from the sheet\'s cells', () => {
    const ods = readFileSync(soffice(file, 'ods', join(dir, 'lo')));
    const objects = [...parts(ods).entries()].filter(([n]) => /^Object \d+\/content\.xml$/.test(n)).map(([, b]) => b.toString('utf8'));
    const ours = objects.find((x) => x.includes('Plan.C2:Plan.C4'));
    expect(ours, 'a chart object over Plan.C2:C4').toBeDefined();
    expect(ours).toContain('chart:class="chart:bar"');
    expect(ours).toContain('<text:p>Days late</text:p>');
    // and the user's line chart too
    expect(objects.some((x) => x.includes('chart:class="chart:line"'))).toBe(true);
  }, 200_000);

  it('a rerun replaces the chart instead of adding one: the rerun of a rerun gives the same bytes', () => {
    const twice = addResultSheets(once, res);
    const thrice = addResultSheets(twice, res);
    expect(Buffer.compare(twice, thrice)).toBe(0);
    const names = [...parts(thrice).keys()];
    expect(names.filter((n) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(n)).sort()).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml']);
    expect(parts(thrice).get('xl/charts/chart1.xml')!.equals(parts(user).get('xl/charts/chart1.xml')!)).toBe(true);
  });

  it('writes the same bytes for the same result sheets (no time or random id in the parts)', () => {
    expect(Buffer.compare(resultPackage([plan], 'en'), res)).toBe(0);
    expect(Buffer.compare(addResultSheets(user, res), once)).toBe(0);
  });
});
