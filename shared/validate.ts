// Checks that span rows and sheets (references, cycles, dates), after each cell parsed alone.
import { actualsProblems } from './actuals/check';
import { alternativesProblems } from './alternatives-check';
import { JOB_NAMES } from './answers';
import { JOB_SHEETS, SETTINGS_SHEET, SHEETS, type Job, type SheetName } from './contract';
import type { BomLine, Plant } from './domain';
import { applyWhatIf } from './changes/what-if';
import { findBomCycle, idKey, plantNetwork } from './network';
import { cellOf, findSheet, parseTables } from './parse';
import { problem, type Problem } from './problems';
import type { WorkbookRows } from './rows';

/** Parse and validate in one step: the single entry every job, reader and route uses. */
export function readPlant(book: WorkbookRows, job: Job | 'all'): { plant: Plant; problems: Problem[] } {
  const { tables, problems } = parseTables(book, job);
  const noSettings = problems.some((p) => p.sheet === 'Settings' && p.cell === 'A1');
  // WhatIf rows that cannot apply (Draft orders pass here; the plan job checks them against --include-drafts).
  // A cell the parser refused (Quantity -3) is blank in its row: the change's own "Quantity is empty" would contradict the reason given.
  const refused = new Set(problems.map((p) => `${p.sheet}!${p.cell}`));
  const changes = job === 'plan' && tables.WhatIf.length ? applyWhatIf(tables, { includeDrafts: true }).problems.filter((p) => !refused.has(`${p.sheet}!${p.cell}`)) : [];
  return { plant: tables, problems: [...problems, ...crossCheck(tables, job, noSettings), ...changes] };
}

const JOBS = JOB_NAMES;
/** The sheet is there with something on it (an empty one is no more ready than a missing one). */
const present = (book: WorkbookRows, s: SheetName | 'Settings'): boolean =>
  (findSheet(book, s, s === 'Settings' ? SETTINGS_SHEET.zh : SHEETS[s].zh)?.[1].header.length ?? 0) > 0;
const missingSheets = (book: WorkbookRows, job: Job): number => JOB_SHEETS[job].required.filter((s) => !present(book, s)).length;

/** Jobs whose required sheets are all in the workbook. */
export const readyJobs = (book: WorkbookRows): Job[] => JOBS.filter((j) => missingSheets(book, j) === 0);

/**
 * What "Validate" reports, in the pane and in the service alike: the problems of every job whose
 * required sheets are there, each once; with none there, those of the job with the fewest
 * missing sheets, which name them.
 */
export function checkWorkbook(book: WorkbookRows): { ready: Job[]; problems: Problem[] } {
  const ready = readyJobs(book);
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const job of ready.length ? ready : [[...JOBS].sort((a, b) => missingSheets(book, a) - missingSheets(book, b))[0]]) {
    for (const p of readPlant(book, job).problems) {
      const key = `${p.sheet}!${p.cell} ${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
  }
  return { ready, problems };
}

export { findBomCycle } from './network';

function crossCheck(p: Plant, job: Job | 'all', noSettings: boolean): Problem[] {
  const out: Problem[] = [];
  const at = (sheet: string, rec: { row: number }, key: string, en: string, zh: string) =>
    out.push(problem(p.sheetNames[sheet] ?? sheet, cellOf(p, sheet, rec, key), en, zh));
  const net = plantNetwork(p);
  const items = net.items;
  const wcs = net.workCenters;
  const sups = net.suppliers;
  const hasItems = p.Items.length > 0 || p.cells.Items !== undefined;
  const unknownItem = (sheet: string, rec: { row: number }, key: string, id: string | undefined) => {
    if (id !== undefined && hasItems && !items.has(idKey(id)))
      at(sheet, rec, key, `unknown item "${id}": add it to Items or correct the code`, `未知物料“${id}”：请在物料表中添加或更正编码`);
  };
  const unknownWc = (sheet: string, rec: { row: number }, key: string, id: string | undefined) => {
    if (id !== undefined && !wcs.has(idKey(id)))
      at(sheet, rec, key, `unknown work center "${id}": add it to WorkCenters or correct the code`, `未知工作中心“${id}”：请在工作中心表中添加或更正编码`);
  };
  const unknownSupplier = (sheet: string, rec: { row: number }, key: string, id: string | undefined) => {
    if (id !== undefined && !sups.has(idKey(id)))
      at(sheet, rec, key, `unknown supplier "${id}": add it to Suppliers or correct the code`, `未知供应商“${id}”：请在供应商表中添加或更正编码`);
  };

  if (job === 'plan' && p.settings.PlanStart === undefined && !noSettings)
    out.push(problem(p.sheetNames.Settings ?? 'Settings', p.settingsCells.PlanStart ?? 'B2', 'PlanStart is required to plan: enter the first day of the plan (Key PlanStart, Value a date)', '计划需要计划开始日期：请在设置表中填写 PlanStart'));

  for (const o of p.Orders) {
    unknownItem('Orders', o, 'Item', o.Item);
    if (o.ReleaseDate && o.DueDate && o.DueDate < o.ReleaseDate)
      at('Orders', o, 'DueDate', `DueDate ${o.DueDate} is before ReleaseDate ${o.ReleaseDate}: move the due date or the release date`, `交期 ${o.DueDate} 早于投产日期 ${o.ReleaseDate}：请调整其一`);
  }
  for (const b of p.BOM) {
    unknownItem('BOM', b, 'Parent', b.Parent);
    unknownItem('BOM', b, 'Component', b.Component);
    if (b.Parent && b.Component && idKey(b.Parent) === idKey(b.Component))
      at('BOM', b, 'Component', `item "${b.Parent}" cannot be its own component`, `物料“${b.Parent}”不能是自身的子项`);
    if (b.ValidFrom && b.ValidTo && b.ValidTo < b.ValidFrom)
      at('BOM', b, 'ValidTo', `ValidTo ${b.ValidTo} is before ValidFrom ${b.ValidFrom}`, `失效日期 ${b.ValidTo} 早于生效日期 ${b.ValidFrom}`);
  }
  // Under the id rule, so A→B and b→a are a cycle too. Named by items and by every line's cell.
  const cycle = findBomCycle(p.BOM.filter((b) => b.Parent && b.Component && idKey(b.Parent) !== idKey(b.Component)));
  if (cycle) {
    const name = (id: string) => items.get(idKey(id))?.ItemId ?? id;
    const path = [...cycle.map((b) => name(b.Parent)), name(cycle[0].Parent)].join(' → ');
    const cells = cycle.map((b) => `${p.sheetNames.BOM ?? 'BOM'}!${cellOf(p, 'BOM', b, 'Component')}`).join(', ');
    at('BOM', cycle[cycle.length - 1], 'Component', `BOM cycle ${path} (lines ${cells}): an item cannot contain itself; remove one of these lines`, `物料清单循环 ${path}（${cells} 行）：物料不能包含自身，请删除其中一行`);
  }
  for (const r of p.Routing) {
    unknownItem('Routing', r, 'Item', r.Item);
    if (r.Item !== undefined && items.get(idKey(r.Item))?.Type === 'Buy')
      at('Routing', r, 'Item', `"${r.Item}" is a Buy item, so its routing would never be used: set its Type to Make or delete this row`, `“${r.Item}”为外购物料，其工艺路线不会被使用：请将类型改为自制或删除此行`);
    unknownWc('Routing', r, 'WorkCenter', r.WorkCenter);
    if (r.Subcontract && r.SubcontractCostPerUnit === undefined)
      at('Routing', r, 'SubcontractCostPerUnit', 'Subcontract is Y but SubcontractCostPerUnit is empty: enter the cost per unit', '可委外为 Y 但委外单价为空：请填写');
  }
  const routed = net.routings;
  if (job !== 'suppliers')
    for (const i of p.Items)
      if (i.Type === 'Make' && !routed.has(idKey(i.ItemId)) && p.cells.Routing)
        at('Items', i, 'Type', `Make item "${i.ItemId}" has no routing: add its operations to Routing or set Type to Buy`, `自制物料“${i.ItemId}”没有工艺路线：请在工艺路线表中添加工序，或将类型改为外购`);
  for (const c of p.Calendar) if (c.WorkCenter !== '*') unknownWc('Calendar', c, 'WorkCenter', c.WorkCenter);
  for (const s of p.SupplierItems) {
    unknownSupplier('SupplierItems', s, 'Supplier', s.Supplier);
    unknownItem('SupplierItems', s, 'Item', s.Item);
  }
  for (const po of p.PurchaseOrders) {
    if (p.cells.Suppliers) unknownSupplier('PurchaseOrders', po, 'Supplier', po.Supplier);
    unknownItem('PurchaseOrders', po, 'Item', po.Item);
    if (po.AcceptedQty !== undefined && po.ReceivedQty !== undefined && po.AcceptedQty > po.ReceivedQty)
      at('PurchaseOrders', po, 'AcceptedQty', `AcceptedQty ${po.AcceptedQty} is more than ReceivedQty ${po.ReceivedQty}`, `合格数量 ${po.AcceptedQty} 大于到货数量 ${po.ReceivedQty}`);
  }
  for (const r of p.SupplierRatings) unknownSupplier('SupplierRatings', r, 'Supplier', r.Supplier);
  for (const q of p.Quotes) unknownItem('Quotes', q, 'Item', q.Item);
  for (const r of p.CostRisk) {
    if (r.Target && !items.has(idKey(r.Target)) && !wcs.has(idKey(r.Target)))
      at('CostRisk', r, 'Target', `unknown target "${r.Target}": use an ItemId or a WorkCenterId`, `未知对象“${r.Target}”：请填写物料编码或工作中心编码`);
    if (r.Distribution !== 'Fixed' && !(r.Low <= r.Likely && r.Likely <= r.High))
      at('CostRisk', r, 'Likely', `Low ≤ Likely ≤ High is required (got ${r.Low}, ${r.Likely}, ${r.High})`, `须满足 低值 ≤ 最可能值 ≤ 高值（当前为 ${r.Low}、${r.Likely}、${r.High}）`);
  }
  out.push(...actualsProblems(p));
  out.push(...alternativesProblems(p));
  return out;
}
