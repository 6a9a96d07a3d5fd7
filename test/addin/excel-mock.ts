// A workbook for the Office.js layer built on office-addin-mock: sheets, used ranges and ranges are
// OfficeMockObjects, so a property read before load + context.sync() gives the mock's
// "not loaded" / "sync not called" error instead of a value. What office-addin-mock cannot model
// (collections' items, OfficeDev/Office-Addin-Scripts#729) is filled in here: the worksheet
// collection's load('items/name') loads each sheet's name, effective at the next sync.
// Writes are recorded in order in `log` so tests can check what was written where and when.
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetter } from '../../shared/rows';

export interface SheetSpec {
  name: string;
  /** cell values from `origin` (0-based row, column), as Office.js reports them ('' for empty) */
  cells?: unknown[][];
  origin?: [number, number];
}

export interface RangeRecord {
  address: string;
  values?: unknown[][];
  numberFormat?: unknown[][];
  format: { columnWidth?: number; autofitted?: boolean };
  conditionalFormats: { type: string; colorScale: { criteria?: unknown }; custom: { rule: { formula?: string }; format: { fill: { color?: string } } } }[];
  dataValidation: { rule?: unknown; prompt?: unknown; errorAlert?: unknown };
  selected: boolean;
}

export interface ChartRecord {
  type: string;
  source: RangeRecord;
  seriesBy: string;
  title: { text?: string };
  series: { name?: string; values?: RangeRecord; xValues?: RangeRecord }[];
  position?: string;
}

export interface SheetRecord {
  name: string;
  deleted: boolean;
  activated: number;
  ranges: RangeRecord[];
  tables: { address: string; hasHeaders: boolean; name?: string; style?: string }[];
  charts: ChartRecord[];
  frozenRows?: number;
}

// setValue/addMock/populate are public at run time, private in office-addin-mock 4's typings.
type Mock = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const a1 = (r: number, c: number, nr: number, nc: number) => `${columnLetter(c + 1)}${r + 1}:${columnLetter(c + nc)}${r + nr}`;

export function mockExcel(specs: SheetSpec[]) {
  const log: string[] = [];
  let syncs = 0;
  let key = 0;
  const records = new Map<Mock, SheetRecord>();
  const sheetMocks: Mock[] = [];

  const root = new OfficeMockObject({
    context: {
      workbook: { worksheets: {}, application: {} },
      application: {},
    },
  }) as unknown as Mock;
  const context = root.context as Mock;
  const worksheets = context.workbook.worksheets as Mock;

  context.setValue('sync', async function (this: Mock) {
    syncs++;
    log.push('sync');
    await OfficeMockObject.prototype.sync.call(this);
  });
  context.application.setValue('suspendApiCalculationUntilNextSync', () => log.push('suspend'));

  function rangeRecord(ws: Mock, address: string): { mock: Mock; rec: RangeRecord } {
    const rec: RangeRecord = { address, format: {}, conditionalFormats: [], dataValidation: {}, selected: false };
    records.get(ws)!.ranges.push(rec);
    const mock = {
      address,
      format: {
        set columnWidth(w: number) { rec.format.columnWidth = w; log.push(`columnWidth ${address}`); },
        autofitColumns: () => (rec.format.autofitted = true),
      },
      conditionalFormats: {
        add(type: string) {
          const cf = { type, colorScale: {}, custom: { rule: {}, format: { fill: {} } } };
          rec.conditionalFormats.push(cf);
          log.push(`conditionalFormat ${type} ${address}`);
          return cf;
        },
      },
      dataValidation: rec.dataValidation,
      select: () => { rec.selected = true; log.push(`select ${records.get(ws)!.name}!${address}`); },
      set values(v: unknown[][]) { rec.values = v; log.push(`values ${address}`); },
      set numberFormat(v: unknown[][]) { rec.numberFormat = v; log.push(`numberFormat ${address}`); },
    };
    return { mock: mock as unknown as Mock, rec };
  }

  function addSheet(spec: SheetSpec): Mock {
    const k = `sheet${key++}`;
    worksheets.addMock(k);
    const ws = worksheets[k] as Mock;
    const rec: SheetRecord = { name: spec.name, deleted: false, activated: 0, ranges: [], tables: [], charts: [] };
    records.set(ws, rec);
    const cells = spec.cells ?? [];
    const [r0, c0] = spec.origin ?? [0, 0];
    const width = Math.max(0, ...cells.map((r) => r.length));
    ws.populate({ name: spec.name, isNullObject: false });
    ws.setValue('getUsedRangeOrNullObject', function (this: Mock) {
      const u = `used${key++}`;
      ws.addMock(u);
      const empty = cells.length === 0;
      ws[u].populate({ isNullObject: empty, rowIndex: empty ? 0 : r0, columnIndex: empty ? 0 : c0, rowCount: cells.length, columnCount: width });
      return ws[u];
    });
    ws.setValue('getRangeByIndexes', function (this: Mock, r: number, c: number, nr: number, nc: number) {
      const g = `range${key++}`;
      ws.addMock(g);
      const values = Array.from({ length: nr }, (_, i) => Array.from({ length: nc }, (_, j) => cells[r - r0 + i]?.[c - c0 + j] ?? ''));
      ws[g].populate({ values, address: a1(r, c, nr, nc) });
      log.push(`read ${spec.name}!${a1(r, c, nr, nc)}`);
      return ws[g];
    });
    ws.setValue('getRange', (address: string) => rangeRecord(ws, address).mock);
    ws.setValue('activate', () => { rec.activated++; log.push(`activate ${rec.name}`); });
    ws.setValue('delete', () => { rec.deleted = true; log.push(`delete ${rec.name}`); });
    ws.populate({
      tables: {
        add(address: string, hasHeaders: boolean) {
          const t = { address, hasHeaders } as SheetRecord['tables'][number];
          rec.tables.push(t);
          log.push(`table ${address}`);
          return t;
        },
      },
      charts: {
        add(type: string, source: { address: string }, seriesBy: string) {
          const first = { values: rec.ranges.find((r) => r.address === source.address) } as ChartRecord['series'][number];
          const chart: ChartRecord = { type, source: first.values!, seriesBy, title: {}, series: [first] };
          rec.charts.push(chart);
          log.push(`chart ${type}`);
          const api = (s: ChartRecord['series'][number]) => ({
            set name(n: string) { s.name = n; },
            setValues: (r: { address: string }) => (s.values = rec.ranges.find((x) => x.address === r.address)),
            setXAxisValues: (r: { address: string }) => (s.xValues = rec.ranges.find((x) => x.address === r.address)),
          });
          return {
            title: chart.title,
            series: {
              getItemAt: (i: number) => api(chart.series[i]),
              add: (name: string) => {
                const s = { name } as ChartRecord['series'][number];
                chart.series.push(s);
                return api(s);
              },
            },
            setPosition: (at: string) => (chart.position = at),
          };
        },
      },
      freezePanes: { freezeRows: (n: number) => { rec.frozenRows = n; } },
    });
    // Office.js sheets are renamed by assigning `name`; keep the record in step.
    let name = spec.name;
    // Reads go through the mock's load/sync state; the mock itself re-assigns the same value on sync.
    const state = ws._properties.get('name');
    Object.defineProperty(ws, 'name', {
      get: () => (typeof state._value === 'string' && state._value.startsWith('Error,') ? state._value : name),
      set: (n: string) => {
        if (n === name || n.startsWith('Error,')) return; // the mock's own bookkeeping on sync
        log.push(`rename ${name} → ${n}`);
        name = n;
        rec.name = n;
      },
      configurable: true,
    });
    sheetMocks.push(ws);
    return ws;
  }

  for (const s of specs) addSheet(s);

  const live = () => sheetMocks.filter((s) => !records.get(s)!.deleted);
  const find = (n: string) => live().find((s) => records.get(s)!.name.toLowerCase() === n.toLowerCase());
  worksheets.setValue('load', function (this: Mock) {
    for (const s of live()) s.load('name');
    worksheets.items = live();
    return this;
  });
  worksheets.setValue('getItem', (n: string) => {
    const s = find(n);
    if (!s) throw new Error(`ItemNotFound: ${n}`);
    return s;
  });
  worksheets.setValue('getItemOrNullObject', (n: string) => {
    const s = find(n);
    if (s) return s;
    const k = `null${key++}`;
    worksheets.addMock(k);
    worksheets[k].populate({ isNullObject: true });
    return worksheets[k];
  });
  worksheets.setValue('add', (n: string) => {
    if (find(n)) throw new Error(`ItemAlreadyExists: ${n}`);
    log.push(`add ${n}`);
    return addSheet({ name: n });
  });

  return {
    context: context as unknown as Excel.RequestContext,
    log,
    syncCount: () => syncs,
    /** the live sheet of that name, or a deleted one when asked with deleted = true */
    sheet: (n: string, deleted = false) => [...records.values()].find((r) => r.name === n && r.deleted === deleted),
    sheetNames: () => live().map((s) => records.get(s)!.name),
  };
}
