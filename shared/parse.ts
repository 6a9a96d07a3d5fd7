// Rows (header + values) → typed records, driven entirely by the contract. Collects every problem
// instead of stopping at the first, and names each one's cell.
import {
  columnsOf,
  JOB_SHEETS,
  SETTINGS_SHEET,
  SettingsKeys,
  SHEETS,
  type Column,
  type Job,
  type RowOf,
  type SettingsValues,
  type SheetDef,
  type SheetName,
} from './contract';
import { distance } from 'fastest-levenshtein';
import { dateToExcelSerial, toDay } from './dates';
import { ENUM_ZH } from './enum-zh';
import { problem, type Problem } from './problems';
import { columnLetter, dataCell, isBlank, type CellValue, type SheetRows, type WorkbookRows } from './rows';

export type Tables = { [S in SheetName]: RowOf<(typeof SHEETS)[S]>[] } & {
  settings: SettingsValues;
  /** where each value was read, for problems found later: cells[sheet][columnKey] = column letter */
  cells: Record<string, Record<string, string>>;
  /** the workbook's own name of each sheet (it may be the Chinese one) */
  sheetNames: Record<string, string>;
  /** Settings key → A1 cell of its value, for problems about settings */
  settingsCells: Record<string, string>;
};

/** Address of a parsed record's field, e.g. cellOf(tables, 'Orders', order, 'Quantity') → 'D7'. */
export const cellOf = (t: Pick<Tables, 'cells'>, sheet: string, rec: { row: number }, key: string): string =>
  `${t.cells[sheet]?.[key] ?? 'A'}${rec.row}`;

const norm = (s: unknown): string => String(s ?? '').trim().toLowerCase().replace(/[\s_\-()（）]/g, '');

/** Find a sheet by its English or Chinese name, case-insensitively. */
export function findSheet(book: WorkbookRows, name: string, zh: string): [string, SheetRows] | undefined {
  const wanted = new Set([norm(name), norm(zh)]);
  const key = Object.keys(book).find((k) => wanted.has(norm(k)));
  return key === undefined ? undefined : [key, book[key]];
}

/** Largest magnitude of any number cell. */
const MAX_MAGNITUDE = 1e9;

export function convert(c: Column, v: CellValue): { ok: true; value: unknown } | { ok: false; en: string; zh: string } {
  const got = v instanceof Date ? (Number.isNaN(v.getTime()) ? 'an invalid date' : v.toISOString().slice(0, 10)) : String(v);
  switch (c.type) {
    case 'id':
    case 'text':
      if (typeof v === 'boolean' || v instanceof Date) return { ok: false, en: `${c.key} must be text (got ${got})`, zh: `${c.zh}应为文本（当前为 ${got}）` };
      return { ok: true, value: String(v).trim() };
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(/,/g, '').replace(/%$/, '')) : NaN;
      const kind = c.type === 'integer' ? 'a whole number' : 'a number';
      const kindZh = c.type === 'integer' ? '整数' : '数字';
      if (!Number.isFinite(n) || (c.type === 'integer' && !Number.isInteger(n)))
        return { ok: false, en: `${c.key} must be ${kind} (got ${got})`, zh: `${c.zh}应为${kindZh}（当前为 ${got}）` };
      if (c.min !== undefined && (c.minExclusive ? n <= c.min : n < c.min)) {
        const what = c.minExclusive && c.min === 0 ? `a positive number` : `${kind} ≥ ${c.min}`;
        const whatZh = c.minExclusive && c.min === 0 ? '正数' : `不小于 ${c.min} 的${kindZh}`;
        return { ok: false, en: `${c.key} must be ${what} (got ${got})`, zh: `${c.zh}应为${whatZh}（当前为 ${got}）` };
      }
      if (c.max !== undefined && n > c.max)
        return { ok: false, en: `${c.key} must be at most ${c.max} (got ${got})`, zh: `${c.zh}不能大于 ${c.max}（当前为 ${got}）` };
      // Beyond what any plant counts (1e300 pieces or hours) the solver's arithmetic fails: say so here.
      if (Math.abs(n) > MAX_MAGNITUDE)
        return { ok: false, en: `${c.key} is too large to plan with (got ${got}); at most ${MAX_MAGNITUDE.toLocaleString('en')}`, zh: `${c.zh}过大，无法计算（当前为 ${got}），上限为 ${MAX_MAGNITUDE.toLocaleString('en')}` };
      return { ok: true, value: n };
    }
    case 'date': {
      const d = toDay(v);
      return d ? { ok: true, value: d } : { ok: false, en: `${c.key} must be a date such as 2026-03-31 (got ${got})`, zh: `${c.zh}应为日期，如 2026-03-31（当前为 ${got}）` };
    }
    case 'enum': {
      const s = norm(v);
      const hit = c.values!.find((x) => norm(x) === s || norm(ENUM_ZH[x]) === s);
      return hit
        ? { ok: true, value: hit }
        : { ok: false, en: `${c.key} must be one of ${c.values!.join(', ')} (got ${got})`, zh: `${c.zh}应为 ${c.values!.map((x) => ENUM_ZH[x] ?? x).join('、')} 之一（当前为 ${got}）` };
    }
    case 'yesNo': {
      if (typeof v === 'boolean') return { ok: true, value: v };
      const s = norm(v);
      if (['y', 'yes', 'true', '1', '是', 'x'].includes(s)) return { ok: true, value: true };
      if (['n', 'no', 'false', '0', '否'].includes(s)) return { ok: true, value: false };
      return { ok: false, en: `${c.key} must be Y or N (got ${got})`, zh: `${c.zh}应为 Y 或 N（当前为 ${got}）` };
    }
  }
}

/** Title lines above a table are common: when the first row names no column, use the first of
 * the next 20 rows that names the most. */
function locateHeader(def: SheetDef, rows: SheetRows): SheetRows {
  const known = new Set(columnsOf(def).flatMap((c) => [norm(c.key), norm(c.zh)]));
  const hits = (r: CellValue[]) => r.filter((h) => known.has(norm(h))).length;
  if (hits(rows.header) > 0) return rows;
  let best = -1;
  let bestHits = 0;
  rows.rows.slice(0, 20).forEach((r, k) => {
    if (hits(r) > bestHits) [best, bestHits] = [k, hits(r)];
  });
  if (best < 0) return rows;
  return { ...rows, header: rows.rows[best], rows: rows.rows.slice(best + 1), headerRow: (rows.headerRow ?? 1) + 1 + best };
}

function parseSheet(def: SheetDef, sheetName: string, rowsIn: SheetRows, problems: Problem[]) {
  const cols = columnsOf(def);
  const rows = locateHeader(def, rowsIn);
  const index = new Map<string, number>();
  rows.header.forEach((h, j) => {
    const n = norm(h);
    const c = cols.find((c) => norm(c.key) === n || norm(c.zh) === n);
    if (c && !index.has(c.key)) index.set(c.key, j);
  });
  const letters: Record<string, string> = {};
  const first = rows.firstColumn ?? 1;
  const headerRow = rows.headerRow ?? 1;
  let nextFree = rows.header.length;
  for (const c of cols) {
    const j = index.get(c.key);
    if (j !== undefined) letters[c.key] = columnLetter(first + j);
    else if (c.required) {
      const cell = `${columnLetter(first + nextFree++)}${headerRow}`;
      problems.push(problem(sheetName, cell, `missing required column ${c.key} (${c.zh}): add it to the header row`, `缺少必填列 ${c.zh}（${c.key}）：请在表头行添加`));
    }
  }
  const out: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  rows.rows.forEach((r, i) => {
    if (r.every(isBlank)) return;
    const rec: Record<string, unknown> = { row: headerRow + 1 + i };
    for (const c of cols) {
      const j = index.get(c.key);
      if (j === undefined) {
        rec[c.key] = c.default;
        continue;
      }
      const v = r[j] ?? null;
      const cell = dataCell(rows, i, j);
      if (isBlank(v)) {
        if (c.required) problems.push(problem(sheetName, cell, `${c.key} is required: enter ${c.description.toLowerCase()}`, `${c.zh}为必填项，请填写`));
        rec[c.key] = c.default;
        continue;
      }
      const res = convert(c, v);
      if (res.ok) rec[c.key] = res.value;
      else problems.push(problem(sheetName, cell, res.en, res.zh));
    }
    const key = def.uniqueKey;
    if (key && key.every((k) => rec[k] !== undefined || !cols.find((c) => c.key === k)!.required)) {
      const id = key.map((k) => String(rec[k] ?? '')).join(' / ');
      const firstRow = seen.get(id.toLowerCase());
      const what = key.join(' / ');
      const whatZh = key.map((k) => def.columns[k].zh).join(' / ');
      const at = `${letters[key[key.length > 1 ? 1 : 0]] ?? letters[key[0]]}${rec.row}`;
      if (firstRow !== undefined)
        problems.push(problem(sheetName, at, `duplicate ${what} "${id}" (first used in row ${firstRow}): ${key.length > 1 ? 'merge the two rows or delete one' : `give each row its own ${what}`}`, `${whatZh}“${id}”重复（首次出现在第 ${firstRow} 行）：${key.length > 1 ? '请合并或删除其中一行' : '请使用唯一编码'}`));
      else seen.set(id.toLowerCase(), rec.row as number);
    }
    out.push(rec);
  });
  return { rows: out, letters };
}

function parseSettings(book: WorkbookRows, problems: Problem[], required: boolean) {
  const settings: Record<string, unknown> = {};
  const cells: Record<string, string> = {};
  for (const [k, c] of Object.entries(SettingsKeys)) settings[k] = (c as Column).default;
  const found = findSheet(book, SETTINGS_SHEET.name, SETTINGS_SHEET.zh);
  if (!found) {
    if (required) problems.push(problem(SETTINGS_SHEET.name, 'A1', 'missing sheet Settings (设置) with columns Key, Value: run `mto-planner template` to get one', '缺少“设置”工作表（参数、值）：可用 template 命令生成模板'));
    return { settings, cells, name: SETTINGS_SHEET.name };
  }
  const [name, rows] = found;
  // Key/Value may sit in any two columns; default to the first two.
  const hk = rows.header.findIndex((h) => [norm(SETTINGS_SHEET.keyHeader.en), norm(SETTINGS_SHEET.keyHeader.zh)].includes(norm(h)));
  const hv = rows.header.findIndex((h) => [norm(SETTINGS_SHEET.valueHeader.en), norm(SETTINGS_SHEET.valueHeader.zh)].includes(norm(h)));
  const kj = hk >= 0 ? hk : 0;
  const vj = hv >= 0 ? hv : kj + 1;
  rows.rows.forEach((r, i) => {
    if (isBlank(r[kj])) return;
    const key = Object.entries(SettingsKeys).find(([k, c]) => norm(k) === norm(r[kj]) || norm((c as Column).zh) === norm(r[kj]));
    const keyCell = dataCell(rows, i, kj);
    if (!key) {
      // Unknown keys are the user's own notes, unless one is a slip of a real key.
      const near = Object.keys(SettingsKeys).find((k) => distance(norm(k), norm(r[kj])) <= 2);
      if (near) problems.push(problem(name, keyCell, `unknown setting "${r[kj]}": did you mean ${near}?`, `未知参数“${r[kj]}”：是否应为 ${near}？`));
      return;
    }
    const [k, c] = key;
    const cell = dataCell(rows, i, vj);
    if (cells[k]) {
      problems.push(problem(name, keyCell, `setting ${k} is given twice (also at ${cells[k]}): keep one row`, `参数 ${k} 重复（另见 ${cells[k]}）：请只保留一行`));
      return;
    }
    cells[k] = cell;
    const raw = r[vj] ?? null;
    if (isBlank(raw)) return;
    // One Value column holds dates and numbers, so a number may sit in a cell formatted as a
    // date (Excel then shows 1 as 1900-01-01): a numeric setting reads the number behind it.
    const numeric = (c as Column).type === 'number' || (c as Column).type === 'integer';
    const v = numeric && raw instanceof Date ? dateToExcelSerial(raw) : raw;
    const res = convert({ ...(c as Column), key: k }, v);
    if (res.ok) settings[k] = res.value;
    else problems.push(problem(name, cell, res.en, res.zh));
  });
  return { settings, cells, name };
}

/**
 * Parse the sheets a job needs. Missing required sheets are problems; missing optional ones are
 * empty. `job: 'all'` parses everything that is there and requires nothing.
 */
export function parseTables(book: WorkbookRows, job: Job | 'all'): { tables: Tables; problems: Problem[] } {
  const problems: Problem[] = [];
  const need = job === 'all' ? { required: [], optional: Object.keys(SHEETS) } : JOB_SHEETS[job];
  const s = parseSettings(book, problems, (need.required as string[]).includes('Settings'));
  const tables = { settings: s.settings, settingsCells: s.cells, cells: {}, sheetNames: { Settings: s.name } } as unknown as Tables;
  for (const [key, def] of Object.entries(SHEETS) as [SheetName, SheetDef][]) {
    (tables as Record<string, unknown>)[key] = [];
    tables.sheetNames[key] = key;
    const found = findSheet(book, def.name, def.zh);
    const required = columnsOf(def).filter((c) => c.required);
    if (!found) {
      if ((need.required as string[]).includes(key))
        problems.push(problem(key, 'A1', `missing sheet ${key} (${def.zh}): add it with columns ${required.map((c) => c.key).join(', ')}`, `缺少工作表“${def.zh}”（${key}）：请添加该工作表，表头列为 ${required.map((c) => c.key).join('、')}`));
      continue;
    }
    // A sheet with nothing on it (the reader keeps it as an empty header): an optional one is just empty.
    if (found[1].header.length === 0 && found[1].rows.length === 0) {
      if ((need.required as string[]).includes(key))
        problems.push(problem(found[0], 'A1', `sheet ${found[0]} is empty: add the header row ${required.map((c) => c.key).join(', ')} and a row for each entry below it`, `工作表“${found[0]}”为空：请添加表头行 ${required.map((c) => c.key).join('、')}，并在其下逐行填写`));
      continue;
    }
    const [name, rows] = found;
    tables.sheetNames[key] = name;
    const parsed = parseSheet(def, name, rows, problems);
    (tables as Record<string, unknown>)[key] = parsed.rows;
    tables.cells[key] = parsed.letters;
  }
  return { tables, problems };
}
