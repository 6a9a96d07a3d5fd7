// The actuals as result sheets: OrderCosts (with a chart of quoted vs projected margin),
// OrderCostTrace (every figure to its source row), SubcontractLots, Wages and PriceReview.
import { ENUM_ZH } from '../enum-zh';
import type { Lang } from '../problems';
import type { ResultColumn, ResultSheet } from '../results';
import { totalOf, type OrderCost, type TraceKind } from './order-costs';
import { FLAG_TEXT, type PriceReview } from './price-review';
import type { LotLine } from './subcontract';
import type { WageLine } from './wages';

const c = (key: string, header: string, headerZh: string, format?: ResultColumn['format'], width?: number): ResultColumn => ({ key, header, headerZh, format, width });
const cents = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);

export function orderCostsSheet(costs: OrderCost[], lang: Lang): ResultSheet {
  return {
    name: 'OrderCosts',
    columns: [
      c('order', 'Order', '订单号'), c('customer', 'Customer', '客户', 'text', 20), c('item', 'Item', '物料', 'text', 16), c('status', 'Status', '状态'),
      c('quantity', 'Quantity', '数量', 'integer'), c('finished', 'Units finished', '已完工数量', 'integer'), c('quoteId', 'Quote', '报价单号'),
      c('standard', 'Standard cost', '标准成本', 'money'), c('quotedCost', 'Quoted cost', '报价成本', 'money'), c('revenue', 'Quoted price', '报价金额', 'money'),
      c('actualMaterial', 'Actual material', '实际材料', 'money'), c('actualLabour', 'Actual labour', '实际人工', 'money'), c('actualOverhead', 'Actual overhead', '实际制造费用', 'money'),
      c('actualSubcontract', 'Actual subcontract', '实际委外', 'money'), c('actual', 'Actual to date', '累计实际成本', 'money'), c('toComplete', 'Estimate to complete', '预计完工尚需', 'money'),
      c('projected', 'Projected cost', '预计总成本', 'money'),
      c('vMaterialPrice', 'Material price variance', '材料价差', 'money'), c('vMaterialUsage', 'Material usage variance', '材料量差', 'money'),
      c('vLabourEfficiency', 'Labour efficiency variance', '人工效率差', 'money'), c('vLabourRate', 'Labour rate variance', '工资率差', 'money'),
      c('vOverhead', 'Overhead variance', '制造费用差异', 'money'), c('vSubcontract', 'Subcontract variance', '委外差异', 'money'), c('vTotal', 'Total variance', '总差异', 'money'),
      c('quotedMargin', 'Quoted margin', '报价毛利', 'money'), c('quotedMarginPct', 'Quoted margin %', '报价毛利率', 'percent'),
      c('projectedMargin', 'Projected margin', '预计毛利', 'money'), c('projectedMarginPct', 'Projected margin %', '预计毛利率', 'percent'),
      c('marginLost', 'Margin lost', '毛利损失', 'money'),
    ],
    rows: costs.map((k) => {
      const rev = k.quoted?.revenue;
      const lost = k.quotedMargin !== undefined && k.projectedMargin !== undefined ? k.quotedMargin - k.projectedMargin : undefined;
      return {
        order: k.order.OrderId, customer: k.order.Customer, item: k.order.Item, status: lang === 'zh' ? (ENUM_ZH[k.order.Status] ?? k.order.Status) : k.order.Status, quantity: k.order.Quantity, finished: k.finished,
        quoteId: k.quoted?.quoteId ?? null, standard: cents(totalOf(k.standard)), quotedCost: cents(k.quoted?.cost), revenue: cents(rev),
        actualMaterial: cents(k.actual.material), actualLabour: cents(k.actual.labour), actualOverhead: cents(k.actual.overhead), actualSubcontract: cents(k.actual.subcontract),
        actual: cents(totalOf(k.actual)), toComplete: cents(totalOf(k.toComplete)), projected: cents(totalOf(k.projected)),
        vMaterialPrice: cents(k.variances.materialPrice), vMaterialUsage: cents(k.variances.materialUsage), vLabourEfficiency: cents(k.variances.labourEfficiency),
        vLabourRate: cents(k.variances.labourRate), vOverhead: cents(k.variances.overhead), vSubcontract: cents(k.variances.subcontract), vTotal: cents(k.variances.total),
        quotedMargin: cents(k.quotedMargin), quotedMarginPct: rev ? k.quotedMargin! / rev : null,
        projectedMargin: cents(k.projectedMargin), projectedMarginPct: rev ? k.projectedMargin! / rev : null,
        marginLost: lost !== undefined && lost > 0.005 ? cents(lost) : null,
      };
    }),
    highlightWhen: { column: 'marginLost', color: 'red' },
    chart: { type: 'column', title: 'Quoted vs projected margin % per order', titleZh: '各订单报价毛利率与预计毛利率', category: 'order', series: ['quotedMarginPct', 'projectedMarginPct'] },
  };
}

const KIND: Record<TraceKind, { en: string; zh: string }> = {
  standard: { en: 'standard', zh: '标准' },
  quoted: { en: 'quoted', zh: '报价' },
  actual: { en: 'actual', zh: '实际' },
  toComplete: { en: 'to complete', zh: '尚需' },
};
const ELEMENT: Record<string, { en: string; zh: string }> = {
  material: { en: 'material', zh: '材料' },
  labour: { en: 'labour', zh: '人工' },
  overhead: { en: 'overhead', zh: '制造费用' },
  subcontract: { en: 'subcontract', zh: '委外' },
};

export function orderCostTraceSheet(costs: OrderCost[], lang: Lang): ResultSheet {
  return {
    name: 'OrderCostTrace',
    columns: [
      c('order', 'Order', '订单号'), c('kind', 'Figure', '口径'), c('element', 'Element', '成本要素'), c('item', 'Item', '物料', 'text', 16),
      c('opSeq', 'Operation', '工序号', 'integer'), c('workCenter', 'Work center or supplier', '工作中心/供应商', 'text', 14),
      c('qty', 'Quantity', '数量', 'number'), c('uom', 'Unit', '单位'), c('rate', 'Rate or price', '单价/费率', 'money'), c('amount', 'Amount', '金额', 'money'),
      c('ref', 'Source cell', '来源单元格', 'text', 22), c('rateRef', 'Rate from', '单价来源', 'text', 22),
    ],
    rows: costs.flatMap((k) =>
      k.trace.map((t) => ({
        order: t.order, kind: KIND[t.kind][lang], element: ELEMENT[t.element][lang], item: t.item, opSeq: t.opSeq ?? null, workCenter: t.workCenter ?? null,
        qty: Math.round(t.qty * 1e4) / 1e4, uom: t.uom, rate: cents(t.rate), amount: cents(t.amount), ref: t.ref, rateRef: t.rateRef,
      })),
    ),
  };
}

export function lotsSheet(lots: LotLine[]): ResultSheet {
  return {
    name: 'SubcontractLots',
    columns: [
      c('po', 'PO line', '采购单号'), c('supplier', 'Subcontractor', '委外商'), c('order', 'Order', '订单号'), c('item', 'Item', '物料', 'text', 16), c('opSeq', 'Operation', '工序号', 'integer'),
      c('ordered', 'Lot quantity', '委外数量', 'integer'), c('sent', 'Sent', '委外发料', 'integer'), c('received', 'Received', '委外收货', 'integer'), c('accepted', 'Accepted', '合格', 'integer'),
      c('open', 'Still at subcontractor', '在委外商处', 'integer'), c('due', 'Due date', '交期', 'date'), c('daysOverdue', 'Days overdue', '逾期天数', 'integer'),
    ],
    rows: lots.map((l) => ({
      po: l.po.PoId, supplier: l.po.Supplier, order: l.order, item: l.item, opSeq: l.opSeq, ordered: l.po.Quantity, sent: l.sent, received: l.received, accepted: l.accepted,
      open: l.open, due: l.po.DueDate, daysOverdue: l.overdue ? l.daysOverdue : null,
    })),
    highlightWhen: { column: 'daysOverdue', color: 'red' },
  };
}

export function wagesSheet(lines: WageLine[]): ResultSheet {
  return {
    name: 'Wages',
    columns: [
      c('worker', 'Worker', '工号'), c('name', 'Name', '姓名', 'text', 14), c('period', 'Month', '月份'), c('reports', 'Reports', '汇报条数', 'integer'),
      c('hours', 'Hours', '工时', 'number'), c('goodQty', 'Good units', '合格数量', 'integer'), c('hourlyRate', 'Hourly rate', '计时工资率', 'money'),
      c('hourlyWage', 'Time wage', '计时工资', 'money'), c('pieceWage', 'Piece wage', '计件工资', 'money'), c('total', 'Total wage', '工资合计', 'money'),
    ],
    rows: lines.map((w) => ({ ...w, name: w.name ?? null, hourlyRate: w.hourlyRate ?? null, hourlyWage: cents(w.hourlyWage), pieceWage: cents(w.pieceWage), total: cents(w.total) })),
  };
}

export function priceReviewSheet(r: PriceReview, lang: Lang): ResultSheet {
  return {
    name: 'PriceReview',
    columns: [
      c('po', 'PO line', '采购单号'), c('supplier', 'Supplier', '供应商'), c('item', 'Item', '物料', 'text', 16), c('order', 'Order', '订单号'), c('date', 'Date', '日期', 'date'),
      c('quantity', 'Quantity', '数量', 'number'), c('unitPrice', 'Unit price', '单价', 'money'), c('approvedPrice', 'Approved price', '核定价格', 'money'),
      c('tierQty', 'Price tier from', '价格档起订量', 'number'), c('deviationPct', 'Deviation %', '偏差率', 'percent'), c('deviation', 'Deviation', '偏差金额', 'money'),
      c('suggestedQty', 'Plan suggested', '计划建议数量', 'number'), c('vsSuggestion', 'Ordered − suggested', '订购超出建议', 'number'),
      c('flag', 'Flag', '提示', 'text', 36), c('approvedRef', 'Approved price cell', '核定价格来源', 'text', 22),
    ],
    rows: r.lines.map((l) => ({
      po: l.po.PoId, supplier: l.po.Supplier, item: l.po.Item, order: l.po.Order ?? null, date: l.date, quantity: l.po.Quantity, unitPrice: l.po.UnitPrice,
      approvedPrice: l.approvedPrice ?? null, tierQty: l.tierQty ?? null, deviationPct: l.deviationPct ?? null, deviation: cents(l.deviation),
      suggestedQty: l.suggestedQty ?? null, vsSuggestion: l.vsSuggestion ?? null,
      flag: l.flags.map((f) => FLAG_TEXT[f][lang]).join(lang === 'zh' ? '；' : '; ') || null, approvedRef: l.approvedRef ?? null,
    })),
    highlightWhen: { column: 'flag', color: 'red' },
  };
}
