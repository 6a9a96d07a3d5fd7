// The result sheets of plan changes as ResultSheet descriptions: Changes (summary, each change
// with the orders it delays, costs, orders, load, purchases before/after), Stranded (material no
// remaining order needs, with the PO lines to cut) and RunOut (engineering-change run-out).
import type { Lang } from '../problems';
import type { ResultSheet } from '../results';
import type { CellValue } from '../rows';
import { signedWhole, type Comparison, type OrderMove } from './compare';
import type { ChangeEffect } from './plan-changes';
import type { RunOut } from './run-out';
import type { StrandedItem } from './stranded';

type Row = Record<string, CellValue | undefined>;
type T = { en: string; zh: string };

const MOVE: Record<OrderMove, T> = {
  added: { en: 'new', zh: '新增' },
  gone: { en: 'gone', zh: '撤销' },
  newlyLate: { en: 'newly late', zh: '新延期' },
  nowOnTime: { en: 'now on time', zh: '转为按期' },
  later: { en: 'later', zh: '推迟' },
  earlier: { en: 'earlier', zh: '提前' },
  same: { en: 'unchanged', zh: '不变' },
};

const KIND: Record<string, T> = {
  summary: { en: 'Summary', zh: '汇总' },
  change: { en: 'Change', zh: '变更' },
  cost: { en: 'Cost', zh: '成本' },
  order: { en: 'Order', zh: '订单' },
  load: { en: 'Load', zh: '负荷' },
  purchase: { en: 'Purchases', zh: '采购' },
};

const COST: Record<'lateness' | 'overtime' | 'subcontract' | 'purchases', T> = {
  lateness: { en: 'Lateness (penalty × days late × quantity)', zh: '延期（罚金 × 延期天数 × 数量）' },
  overtime: { en: 'Overtime (hours × overtime rate)', zh: '加班（小时 × 加班费率）' },
  subcontract: { en: 'Subcontracting', zh: '委外' },
  purchases: { en: 'Suggested purchases', zh: '建议采购' },
};

const d = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);

/** "SO-1 +7 d (7 d late), SO-3 +7 d" */
export function delaysText(e: ChangeEffect, lang: Lang): string {
  const zh = lang === 'zh';
  if (e.delays === null) return zh ? '（变更过多，合并计算）' : '(too many changes to plan one by one: planned together)';
  if (e.delays.length === 0) return zh ? '不推迟其他订单' : 'delays no other order';
  const list = e.delays
    .map((x) =>
      zh
        ? `${x.orderId} 推迟 ${x.days} 天${(x.daysLateAfter ?? 0) > 0 ? `（延期 ${x.daysLateAfter} 天）` : ''}${(x.shortAfter ?? 0) > 0 ? `（欠交 ${x.shortAfter}）` : ''}`
        : `${x.orderId} +${x.days} d${(x.daysLateAfter ?? 0) > 0 ? ` (${x.daysLateAfter} d late)` : ''}${(x.shortAfter ?? 0) > 0 ? ` (${x.shortAfter} short)` : ''}`,
    )
    .join(zh ? '，' : ', ');
  return zh ? `推迟：${list}` : `delays ${list}`;
}

function rushText(e: ChangeEffect, lang: Lang, currency: string): string {
  const r = e.rush;
  if (!r) return '';
  const cost = `${signedWhole(r.extraCost)} ${currency}`;
  if (lang === 'zh')
    return r.canShip ? `可在 ${r.dueDate} 前交货（预计完工 ${r.finishDate}），额外成本 ${cost}；` : `无法在 ${r.dueDate} 前交货（${r.finishDate ? `预计完工 ${r.finishDate}，延期 ${r.daysLate} 天` : '计划期内无法完成'}${r.shortQty > 0 ? `，欠交 ${r.shortQty}` : ''}），额外成本 ${cost}；`;
  return r.canShip
    ? `can ship by ${r.dueDate} (finishes ${r.finishDate}), extra cost ${cost}; `
    : `cannot ship by ${r.dueDate} (${r.finishDate ? `finishes ${r.finishDate}, ${r.daysLate} days late` : 'not finished within the horizon'}${r.shortQty > 0 ? `, ${r.shortQty} short` : ''}), extra cost ${cost}; `;
}

export function changesSheet(c: Comparison, effects: ChangeEffect[], lang: Lang, currency: string): ResultSheet {
  const zh = lang === 'zh';
  const w = (t: T) => (zh ? t.zh : t.en);
  // Marked in words, as Exceptions' Act now: a TRUE/FALSE column reads as a helper column, in English.
  const worse = (b: boolean) => (b ? (zh ? '是' : 'yes') : '');
  const rows: Row[] = [{ kind: w(KIND.summary), note: w(c.summary) }];
  for (const e of effects)
    rows.push({
      kind: w(KIND.change),
      subject: w(e.change.label),
      unit: e.costDelta ? currency : undefined,
      change: d(e.costDelta?.total),
      note: rushText(e, lang, currency) + delaysText(e, lang),
      flag: worse((e.delays?.length ?? 0) > 0 || (e.rush !== undefined && !e.rush.canShip)),
    });
  for (const k of ['lateness', 'overtime', 'subcontract', 'purchases'] as const) {
    const b = c.costsBefore[k];
    const a = c.costsAfter[k];
    rows.push({ kind: w(KIND.cost), subject: w(COST[k]), unit: currency, before: d(b), after: d(a), change: b === null || a === null ? null : d(a - b) });
  }
  for (const o of c.orders)
    rows.push({
      kind: w(KIND.order),
      subject: o.orderId,
      date: o.dueAfter ?? o.dueBefore,
      finishBefore: o.finishBefore,
      finishAfter: o.finishAfter,
      daysLateBefore: o.daysLateBefore,
      daysLateAfter: o.daysLateAfter,
      movedDays: o.movedDays,
      unit: zh ? '件' : 'pcs',
      before: o.quantityBefore,
      after: o.quantityAfter,
      change: o.quantityBefore !== null && o.quantityAfter !== null ? d(o.quantityAfter - o.quantityBefore) : null,
      note: w(MOVE[o.move]) + ((o.shortAfter ?? 0) > 0 ? (zh ? `，欠交 ${o.shortAfter}` : `, ${o.shortAfter} short`) : ''),
      flag: worse(o.move === 'newlyLate' || o.move === 'later'),
    });
  for (const l of c.load)
    rows.push({
      kind: w(KIND.load),
      subject: l.workCenter,
      date: l.bucketStart,
      unit: zh ? '小时' : 'h',
      before: d(l.loadBefore),
      after: d(l.loadAfter),
      change: d(l.loadAfter - l.loadBefore),
      note: l.overtimeAfter !== l.overtimeBefore ? (zh ? `加班 ${d(l.overtimeBefore)} → ${d(l.overtimeAfter)} 小时` : `overtime ${d(l.overtimeBefore)} → ${d(l.overtimeAfter)} h`) : undefined,
    });
  for (const p of c.purchases)
    rows.push({ kind: w(KIND.purchase), subject: p.item, unit: zh ? '单位' : 'units', before: p.before, after: p.after, change: d(p.after - p.before) });
  return {
    name: 'Changes',
    columns: [
      { key: 'kind', header: 'What', headerZh: '类别', width: 10 },
      { key: 'subject', header: 'Order / change / work center / item', headerZh: '订单/变更/工作中心/物料', width: 36 },
      { key: 'date', header: 'Due date / bucket start', headerZh: '交期/时段开始', format: 'date', width: 12 },
      { key: 'finishBefore', header: 'Finish before', headerZh: '原完工', format: 'date', width: 12 },
      { key: 'finishAfter', header: 'Finish after', headerZh: '现完工', format: 'date', width: 12 },
      { key: 'daysLateBefore', header: 'Days late before', headerZh: '原延期天数', format: 'integer' },
      { key: 'daysLateAfter', header: 'Days late after', headerZh: '现延期天数', format: 'integer' },
      { key: 'movedDays', header: 'Moved by (days)', headerZh: '推移天数', format: 'integer' },
      { key: 'unit', header: 'Unit', headerZh: '单位', width: 8 },
      { key: 'before', header: 'Before', headerZh: '变更前', format: 'number' },
      { key: 'after', header: 'After', headerZh: '变更后', format: 'number' },
      { key: 'change', header: 'Change', headerZh: '差异', format: 'change' },
      { key: 'note', header: 'What it means', headerZh: '说明', width: 80 },
      { key: 'flag', header: 'Worse', headerZh: '变差', width: 8 },
    ],
    rows,
    highlightWhen: { column: 'flag', color: 'amber' },
  };
}

// Unit columns are left General, as the Plan sheet's quantities: whole pieces read 110, not 110.00.
export function strandedSheet(items: StrandedItem[], lang: Lang, currency: string): ResultSheet {
  const zh = lang === 'zh';
  return {
    name: 'Stranded',
    currency,
    columns: [
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'supply', header: 'Stock + open POs + suggested (units)', headerZh: '库存+在途+建议采购（单位）' },
      { key: 'needBefore', header: 'Needed before (units)', headerZh: '原需求（单位）' },
      { key: 'needAfter', header: 'Needed after (units)', headerZh: '现需求（单位）' },
      { key: 'stranded', header: 'Stranded (units)', headerZh: '呆滞数量（单位）' },
      { key: 'byChanges', header: 'Of which by the changes (units)', headerZh: '其中因变更（单位）' },
      { key: 'value', header: `Value (${currency})`, headerZh: `金额（${currency}）`, format: 'money' },
      { key: 'dropSuggested', header: 'Suggested purchase not to place (units)', headerZh: '不再下单的建议采购（单位）' },
      { key: 'poCuts', header: 'PO lines to cancel or reduce (latest first)', headerZh: '应取消或减量的采购单（从最晚起）', width: 60 },
      { key: 'stock', header: 'Stranded in stock (units)', headerZh: '库存呆滞（单位）' },
    ],
    rows: items.map((s) => ({
      ...s,
      poCuts: s.poCuts
        .map((c) => (c.action === 'cancel' ? (zh ? `${c.poId}（${c.dueDate}）取消 ${c.cut}` : `${c.poId} (${c.dueDate}) cancel ${c.cut}`) : zh ? `${c.poId}（${c.dueDate}）减少 ${c.cut}` : `${c.poId} (${c.dueDate}) reduce by ${c.cut}`))
        .join(zh ? '；' : '; '),
    })),
  };
}

export function runOutSheet(items: RunOut[], lang: Lang, currency: string): ResultSheet {
  const zh = lang === 'zh';
  return {
    name: 'RunOut',
    currency,
    columns: [
      { key: 'parent', header: 'Parent', headerZh: '父项', width: 16 },
      { key: 'oldItem', header: 'Old part', headerZh: '旧料', width: 16 },
      { key: 'newItem', header: 'New part', headerZh: '新料', width: 16 },
      { key: 'validTo', header: 'Old valid to', headerZh: '旧料失效日期', format: 'date', width: 12 },
      { key: 'validFrom', header: 'New valid from', headerZh: '新料生效日期', format: 'date', width: 12 },
      { key: 'supply', header: 'Old part stock + open POs (units)', headerZh: '旧料库存+在途（单位）' },
      { key: 'plannedUse', header: 'Planned use of the old part (units)', headerZh: '旧料计划用量（单位）' },
      { key: 'usedUpIn', header: 'Used up in the bucket starting', headerZh: '用完时段开始', format: 'date', width: 12 },
      { key: 'stranded', header: 'Stranded at the change (units)', headerZh: '切换时呆滞（单位）' },
      { key: 'strandedValue', header: `Stranded value (${currency})`, headerZh: `呆滞金额（${currency}）`, format: 'money' },
      { key: 'noStrandValidFrom', header: 'Change date that strands nothing', headerZh: '不产生呆滞的切换日期', format: 'date', width: 14 },
      { key: 'note', header: 'What it means', headerZh: '说明', width: 60 },
    ],
    rows: items.map((r) => ({
      ...r,
      note:
        r.noStrandValidFrom === null
          ? zh
            ? '计划期内用不完旧料'
            : 'the old part is not used up within the horizon'
          : r.stranded > 0
            ? zh
              ? `按 ${r.validFrom} 切换会呆滞 ${r.stranded}；${r.noStrandValidFrom} 切换则无呆滞`
              : `switching on ${r.validFrom} strands ${r.stranded}; switching on ${r.noStrandValidFrom} strands nothing`
            : r.noStrandValidFrom < r.validFrom
              ? zh
                ? `旧料在 ${r.usedUpIn} 当期即用完，早于切换日期：${r.noStrandValidFrom} 起切换即可，无需再买旧料`
                : `the old part runs out in the bucket of ${r.usedUpIn}, before the change: switching from ${r.noStrandValidFrom} needs no more of it`
              : zh
                ? `按 ${r.validFrom} 切换无呆滞`
                : `switching on ${r.validFrom} strands nothing`,
    })),
    highlightWhen: { column: 'stranded', color: 'amber' },
  };
}
