// A workbook for the Office.js layer built on office-addin-mock: sheets, used ranges and ranges are
// OfficeMockObjects, so a property read before load + context.sync() gives the mock's
// "not loaded" / "sync not called" error instead of a value. What office-addin-mock cannot model
// (collections' items, OfficeDev/Office-Addin-Scripts#729) is filled in here: the worksheet
// collection's load('items/name') loads each sheet's name, effective at the next sync.
// Writes are recorded in order in `log` so tests can check what was written where and when.
//
// It fails where Excel fails, with Excel's error codes, at the next context.sync() (as Excel
// reports a failed batch): an answer or a request over Excel on the web's 5 MB payload limit
// (ResponsePayloadSizeLimitExceeded / RequestPayloadSizeLimitExceeded, measured as the JSON Excel
// would send, non-ASCII text as \uXXXX); a table name that is invalid (InvalidArgument) or already
// used anywhere in the workbook (ItemAlreadyExists); an API above the requirement sets the mock
// Excel has (ApiNotFound); writing to a protected sheet (AccessDenied); and any batch run while
// the user is editing a cell (InvalidOperationInCellEditMode), unless it asked to wait
// (delayForCellEdit, ExcelApi 1.11). Unlike Excel, which drops a failed batch whole, the records
// keep what the failed batch set before its sync.
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetter } from '../../shared/rows';

export interface SheetSpec {
  name: string;
  /** cell values from `origin` (0-based row, column), as Office.js reports them ('' for empty) */
  cells?: unknown[][];
  origin?: [number, number];
  /** number formats of the same cells (default General) */
  formats?: unknown[][];
  /** merged areas, A1 addresses such as B2:B3 (Excel reports only their top-left value) */
  merged?: string[];
  /** tables already on the sheet */
  tables?: { name: string; address: string }[];
  protected?: boolean;
}

export interface MockOptions {
  /** ExcelApi versions this Excel has: up to and including this one (default 1.8, the manifest's minimum) */
  excelApi?: string;
  /** the workbook counts days from 1904 */
  date1904?: boolean;
  /** Excel on the web's payload limit in bytes, each way */
  payloadLimit?: number;
  /** the selected cell (workbook.getActiveCell()): sheet name and 0-based row */
  activeCell?: { sheet: string; row: number };
}

/** What Excel throws: OfficeExtension.Error's code, message and debugInfo. */
export class MockExcelError extends Error {
  readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
    readonly debugInfo: { code: string; message: string; errorLocation?: string } = { code, message },
  ) {
    super(message);
  }
}

const apiAtLeast = (have: string, want: string): boolean => {
  const [a, b] = have.split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

/** Bytes of a value in Excel's JSON: non-ASCII characters travel as \uXXXX escapes. */
export const jsonBytes = (v: unknown): number => JSON.stringify(v).replace(/[^\x00-\x7f]/g, '\\uXXXX').length;

const VALID_TABLE = /^[A-Za-z_][A-Za-z0-9_.]{0,254}$/;

export interface RangeRecord {
  address: string;
  values?: unknown[][];
  numberFormat?: unknown[][];
  format: { columnWidth?: number; autofitted?: boolean };
  conditionalFormats: { type: string; colorScale: { criteria?: unknown }; custom: { rule: { formula?: string }; format: { fill: { color?: string } } }; cellValue: { rule: { formula1?: string; operator?: string }; format: { fill: { color?: string } } } }[];
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
  protected?: boolean;
  /** ranges cleared (clear()), in order; '' is the whole sheet */
  cleared?: string[];
  pageLayout?: { orientation?: string; zoom?: unknown; printTitleRows?: string };
  /** sheet-scoped names: name → formula */
  names?: Record<string, string>;
}

// setValue/addMock/populate are public at run time, private in office-addin-mock 4's typings.
type Mock = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const a1 = (r: number, c: number, nr: number, nc: number) => `${columnLetter(c + 1)}${r + 1}:${columnLetter(c + nc)}${r + nr}`;

export function mockExcel(specs: SheetSpec[], options: MockOptions = {}) {
  const log: string[] = [];
  let syncs = 0;
  let key = 0;
  const excelApi = options.excelApi ?? '1.8';
  const supports = (v: string) => apiAtLeast(excelApi, v);
  const limit = options.payloadLimit ?? 5 * 1024 * 1024;
  /** the first failure of the batch being built: thrown by the next sync, as Excel does */
  let pending: MockExcelError | undefined;
  const fail = (code: string, message: string) => (pending ??= new MockExcelError(code, message));
  const needs = (version: string, what: string) => supports(version) || (fail('ApiNotFound', `${what} needs ExcelApi ${version}`), false);
  /** bytes loaded (answer) and written (request) in the batch being built */
  let answer = 0;
  let request = 0;
  let editing = false;
  const waiters: (() => void)[] = [];
  const workbookNames: Record<string, string> = {};
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
    const [a, r, e] = [answer, request, pending];
    answer = request = 0;
    pending = undefined;
    if (editing) throw new MockExcelError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    if (e) throw e;
    if (r > limit) throw new MockExcelError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${r} bytes).`);
    if (a > limit) throw new MockExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${a} bytes).`);
    await OfficeMockObject.prototype.sync.call(this);
  });
  context.application.setValue('suspendApiCalculationUntilNextSync', () => log.push('suspend'));

  function rangeRecord(ws: Mock, address: string): { mock: Mock; rec: RangeRecord } {
    const rec: RangeRecord = { address, format: {}, conditionalFormats: [], dataValidation: {}, selected: false };
    const sheet = records.get(ws)!;
    sheet.ranges.push(rec);
    const guard = () => sheet.protected && fail('AccessDenied', `${sheet.name} is protected.`);
    const mock = {
      address,
      format: {
        set columnWidth(w: number) { rec.format.columnWidth = w; log.push(`columnWidth ${address}`); },
        autofitColumns: () => (rec.format.autofitted = true),
        font: {
          set bold(b: boolean) { (rec.format as Record<string, unknown>).bold = b; },
          set name(n: string) { (rec.format as Record<string, unknown>).fontName = n; },
          set size(n: number) { (rec.format as Record<string, unknown>).fontSize = n; },
        },
      },
      clear: () => { guard(); (sheet.cleared ??= []).push(address); log.push(`clear ${address || '(sheet)'}`); },
      conditionalFormats: {
        clearAll: () => { if (needs('1.6', 'conditionalFormats.clearAll')) { for (const r of sheet.ranges) r.conditionalFormats.length = 0; log.push(`clearConditionalFormats ${address || '(sheet)'}`); } },
        add(type: string) {
          const cf = { type, colorScale: {}, custom: { rule: {}, format: { fill: {} } }, cellValue: { rule: {}, format: { fill: {} } } };
          rec.conditionalFormats.push(cf);
          log.push(`conditionalFormat ${type} ${address}`);
          return cf;
        },
      },
      dataValidation: rec.dataValidation,
      select: () => { rec.selected = true; log.push(`select ${records.get(ws)!.name}!${address}`); },
      set values(v: unknown[][]) { guard(); request += jsonBytes(v); rec.values = v; log.push(`values ${address}`); },
      set numberFormat(v: unknown[][]) { guard(); request += jsonBytes(v); rec.numberFormat = v; log.push(`numberFormat ${address}`); },
    };
    return { mock: mock as unknown as Mock, rec };
  }

  function addSheet(spec: SheetSpec): Mock {
    const k = `sheet${key++}`;
    worksheets.addMock(k);
    const ws = worksheets[k] as Mock;
    const rec: SheetRecord = { name: spec.name, deleted: false, activated: 0, ranges: [], tables: [], charts: [] };
    if (spec.protected) rec.protected = true;
    records.set(ws, rec);
    for (const t of spec.tables ?? []) rec.tables.push({ address: t.address, hasHeaders: true, name: t.name });
    const cells = spec.cells ?? [];
    const [r0, c0] = spec.origin ?? [0, 0];
    const width = Math.max(0, ...cells.map((r) => r.length));
    ws.populate({ name: spec.name, isNullObject: false });
    ws.setValue('getUsedRangeOrNullObject', function (this: Mock) {
      const u = `used${key++}`;
      ws.addMock(u);
      const empty = cells.length === 0;
      ws[u].populate({ isNullObject: empty, rowIndex: empty ? 0 : r0, columnIndex: empty ? 0 : c0, rowCount: cells.length, columnCount: width });
      ws[u].setValue('getMergedAreasOrNullObject', () => {
        needs('1.13', 'getMergedAreasOrNullObject');
        const m = `merged${key++}`;
        ws.addMock(m);
        ws[m].populate({ isNullObject: mergedAreas.length === 0 });
        Object.defineProperty(ws[m], 'areas', { value: { items: mergedAreas, load() { return this; } } });
        return ws[m];
      });
      return ws[u];
    });
    const mergedAreas = (spec.merged ?? []).map((m) => {
      const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m)!;
      const col = (L: string) => [...L].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return { rowIndex: Number(r1) - 1, columnIndex: col(c1), rowCount: Number(r2) - Number(r1) + 1, columnCount: col(c2) - col(c1) + 1 };
    });
    ws.setValue('getRangeByIndexes', function (this: Mock, r: number, c: number, nr: number, nc: number) {
      const g = `range${key++}`;
      ws.addMock(g);
      const grid = (src: unknown[][], empty: unknown) => Array.from({ length: nr }, (_, i) => Array.from({ length: nc }, (_, j) => src[r - r0 + i]?.[c - c0 + j] ?? empty));
      const values = grid(cells, '');
      const numberFormat = grid(spec.formats ?? [], 'General');
      const range = ws[g] as Mock;
      range.populate({ values, numberFormat, address: a1(r, c, nr, nc) });
      // Loaded values travel in the answer of the next sync, which fails over the payload limit.
      range.setValue('load', function (this: Mock, what: string) {
        answer += jsonBytes(values) + (what.includes('numberFormat') ? jsonBytes(numberFormat) : 0);
        OfficeMockObject.prototype.load.call(this, what);
        return this;
      });
      log.push(`read ${spec.name}!${a1(r, c, nr, nc)}`);
      return range;
    });
    ws.setValue('getRange', (address = '') => rangeRecord(ws, address).mock);
    ws.populate({ protection: { protected: Boolean(spec.protected) } });
    rec.names = {};
    Object.defineProperty(ws, 'names', { value: namesApi(rec.names, `${spec.name}!`) });
    Object.defineProperty(ws, 'pageLayout', {
      value: {
        set orientation(o: string) { if (needs('1.9', 'pageLayout')) (rec.pageLayout ??= {}).orientation = o; },
        set zoom(z: unknown) { if (needs('1.9', 'pageLayout')) (rec.pageLayout ??= {}).zoom = z; },
        setPrintTitleRows: (rows: string) => { if (needs('1.9', 'pageLayout')) (rec.pageLayout ??= {}).printTitleRows = rows; },
      },
    });
    ws.setValue('activate', () => { rec.activated++; log.push(`activate ${rec.name}`); });
    ws.setValue('delete', () => { rec.deleted = true; log.push(`delete ${rec.name}`); });
    ws.populate({
      freezePanes: { freezeRows: (n: number) => { rec.frozenRows = n; } },
    });
    // Collections with live items: defined directly (populate would copy them once).
    Object.defineProperties(ws, {
      tables: { value: {
        add(address: string, hasHeaders: boolean) {
          if (rec.protected) fail('AccessDenied', `${rec.name} is protected.`);
          // Excel names a new table Table1, Table2…; the record shows only a name set by the caller.
          const t = { address, hasHeaders } as SheetRecord['tables'][number];
          Object.defineProperty(t, 'defaultName', { value: `Table${allTables().length + 1}`, enumerable: false });
          rec.tables.push(t);
          log.push(`table ${address}`);
          return tableApi(rec, t);
        },
        load() { return this; },
        get items() { return rec.tables.map((t) => tableApi(rec, t)); },
      } },
      charts: { value: {
        load() { return this; },
        get items() {
          return rec.charts.map((c) => ({ name: c.title.text, delete: () => { rec.charts.splice(rec.charts.indexOf(c), 1); log.push(`deleteChart ${rec.name}`); } }));
        },
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
      } },
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

  /** Every table of the workbook (names are unique per workbook, case-insensitively). */
  const allTables = () => [...records.values()].filter((r) => !r.deleted).flatMap((r) => r.tables);
  function tableApi(sheet: SheetRecord, t: SheetRecord['tables'][number]) {
    return {
      get name() { return t.name ?? (t as { defaultName?: string }).defaultName ?? ''; },
      set name(n: string) {
        if (!VALID_TABLE.test(n)) fail('InvalidArgument', `The table name ${n} is not valid.`);
        else if (allTables().some((x) => x !== t && x.name?.toLowerCase() === n.toLowerCase())) fail('ItemAlreadyExists', `A table named ${n} already exists.`);
        else t.name = n;
      },
      set style(st: string) { t.style = st; },
      resize: (address: string) => { if (needs('1.13', 'Table.resize')) { t.address = address; log.push(`resizeTable ${t.name} ${address}`); } },
      convertToRange: () => { sheet.tables.splice(sheet.tables.indexOf(t), 1); log.push(`convertToRange ${t.name}`); },
      delete: () => { sheet.tables.splice(sheet.tables.indexOf(t), 1); log.push(`deleteTable ${t.name}`); },
    };
  }
  function namesApi(store: Record<string, string>, scope: string) {
    return {
      add: (name: string, formula: string) => {
        if (store[name] !== undefined) return void fail('ItemAlreadyExists', `The name ${name} already exists.`);
        store[name] = formula;
        log.push(`name ${scope}${name}`);
      },
      getItemOrNullObject: (name: string) => {
        const absent = store[name] === undefined;
        return {
          isNullObject: absent,
          formula: store[name],
          load() { return this; },
          // Excel fails a batch that calls a method on a null object.
          delete: () => (absent ? fail('ItemNotFound', `There is no name ${name}.`) : delete store[name]),
        };
      },
    };
  }
  Object.defineProperty(context.workbook, 'names', { value: namesApi(workbookNames, '') });
  Object.defineProperty(context.workbook, 'tables', { value: { load() { return this; }, get items() { return allTables().map((t) => ({ name: t.name ?? (t as { defaultName?: string }).defaultName ?? '' })); } } });
  // DATE(1904,1,1): 0 in a 1904 workbook, 1462 otherwise; the answer comes with the next sync.
  context.workbook.addMock('functions');
  context.workbook.functions.setValue('date', () => {
    const k = `fn${key++}`;
    context.workbook.functions.addMock(k);
    const r = context.workbook.functions[k] as Mock;
    r.populate({ value: options.date1904 ? 0 : 1462 });
    return r;
  });

  for (const s of specs) addSheet(s);

  context.workbook.setValue('getActiveCell', () => {
    const k = `active${key++}`;
    context.workbook.addMock(k);
    const cell = context.workbook[k] as Mock;
    const at = options.activeCell ?? { sheet: specs[0]?.name ?? '', row: 0 };
    cell.populate({ rowIndex: at.row });
    Object.defineProperty(cell, 'worksheet', { value: find(at.sheet) });
    return cell;
  });

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

  /** Excel.run as the pane calls it: with delayForCellEdit (ExcelApi 1.11) a batch waits for the edit to end. */
  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const [opts, batch] = (typeof a === 'function' ? [{}, a] : [a, b]) as [{ delayForCellEdit?: boolean }, (c: Excel.RequestContext) => Promise<T>];
    if (editing && opts.delayForCellEdit && supports('1.11')) await new Promise<void>((r) => waiters.push(r));
    return batch(context as unknown as Excel.RequestContext);
  }

  return {
    context: context as unknown as Excel.RequestContext,
    run: run as unknown as { run: typeof run }['run'],
    supports,
    /** the user starts or stops editing a cell */
    setEditing(on: boolean) {
      editing = on;
      if (!on) for (const w of waiters.splice(0)) w();
    },
    workbookNames,
    log,
    syncCount: () => syncs,
    /** the live sheet of that name, or a deleted one when asked with deleted = true */
    sheet: (n: string, deleted = false) => [...records.values()].find((r) => r.name === n && r.deleted === deleted),
    sheetNames: () => live().map((s) => records.get(s)!.name),
  };
}
