// The plan's result sheets (Plan, Load, Materials, Exceptions) as ResultSheet descriptions,
// written by exceljs in the service and by Office.js in the add-in.
import type { Lang } from '../problems';
import type { ResultSheet } from '../results';
import type { ExceptionType, PlanResult } from './extract';

const STATE: Record<string, { en: string; zh: string }> = {
  onTime: { en: '', zh: '' },
  late: { en: 'LATE', zh: '延期' },
  short: { en: 'SHORT', zh: '欠交' },
  notPlanned: { en: 'NOT PLANNED', zh: '未排产' },
};

const SEVERITY: Record<string, string> = { error: '严重', warning: '警告', info: '提示' };
// Every exception type has its words in both languages (the type makes a missing one an error).
const TYPE_EN: Record<ExceptionType, string> = {
  late: 'late',
  short: 'short',
  cannotStart: 'cannot start',
  cannotFinish: 'cannot finish',
  beyondHorizon: 'after the horizon',
  overload: 'full work center',
  shortage: 'material short',
  noWorkingDay: 'no working day',
  lotSplit: 'lot over several days',
  movedOn: 'moved on',
  unscheduled: 'not scheduled',
  leftover: 'order material left over',
  dedicatedIdle: 'material for an order not planned',
};
const TYPE_ZH: Record<ExceptionType, string> = {
  late: '延期',
  short: '欠交',
  cannotStart: '无法开工',
  cannotFinish: '无法完工',
  beyondHorizon: '超出计划期',
  overload: '超负荷',
  shortage: '缺料',
  noWorkingDay: '无工作日',
  lotSplit: '跨天批次',
  movedOn: '顺延',
  unscheduled: '未能排程',
  leftover: '专用料剩余',
  dedicatedIdle: '专用料闲置',
};

export function planSheets(r: PlanResult, lang: Lang): ResultSheet[] {
  const zh = lang === 'zh';
  const plan: ResultSheet = {
    name: 'Plan',
    columns: [
      { key: 'orderId', header: 'Order', headerZh: '订单号', width: 14 },
      { key: 'customer', header: 'Customer', headerZh: '客户', width: 24 },
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'quantity', header: 'Quantity', headerZh: '数量' },
      { key: 'priority', header: 'Priority', headerZh: '优先级', format: 'integer' },
      { key: 'dueDate', header: 'Due date', headerZh: '交期', format: 'date', width: 12 },
      { key: 'finishDate', header: 'Finish date', headerZh: '预计完工', format: 'date', width: 12 },
      { key: 'daysLate', header: 'Days late', headerZh: '延期天数', format: 'integer' },
      { key: 'subcontractedQty', header: 'Subcontracted', headerZh: '委外数量' },
      { key: 'subcontracting', header: 'Subcontracted operations', headerZh: '委外工序', width: 24 },
      { key: 'shortQty', header: 'Short', headerZh: '欠交数量' },
      { key: 'alert', header: 'Alert', headerZh: '异常', width: 12 },
      { key: 'fromStock', header: 'From stock', headerZh: '库存发货' },
      { key: 'componentsFromStock', header: 'Components from stock', headerZh: '库存领用半成品', width: 24 },
      { key: 'lateBecause', header: 'Late because', headerZh: '延期原因', width: 80 },
      // Only when the plan used an alternate component somewhere.
      ...(r.orders.some((o) => o.alternatesUsed) ? [{ key: 'alternatesUsed', header: 'Alternates used', headerZh: '替代料使用', width: 50 }] : []),
      // Only when some order leaves material bought for it unused.
      ...(r.orders.some((o) => o.alternateCenters) ? [{ key: 'alternateCenters', header: 'Alternate work centers', headerZh: '替代工作中心', width: 50 }] : []),
      ...(r.orders.some((o) => o.leftover) ? [{ key: 'leftover', header: 'Own material left over', headerZh: '专用料剩余', width: 36 }] : []),
    ],
    rows: r.orders.map((o) => ({
      orderId: o.orderId,
      customer: o.customer,
      item: o.item,
      quantity: o.quantity,
      fromStock: o.fromStock,
      priority: o.priority,
      dueDate: o.dueDate,
      finishDate: o.finishDate,
      daysLate: o.daysLate,
      subcontractedQty: o.subcontractedQty,
      subcontracting: o.subcontracting,
      componentsFromStock: o.componentsFromStock,
      shortQty: o.shortQty,
      alert: zh ? STATE[o.state].zh : STATE[o.state].en,
      lateBecause: o.lateBecause ? (zh ? o.lateBecause.zh : o.lateBecause.en) : null,
      ...(o.alternatesUsed ? { alternatesUsed: zh ? o.alternatesUsed.zh : o.alternatesUsed.en } : {}),
      ...(o.leftover ? { leftover: zh ? o.leftover.zh : o.leftover.en } : {}),
      ...(o.alternateCenters ? { alternateCenters: zh ? o.alternateCenters.zh : o.alternateCenters.en } : {}),
    })),
    highlightWhen: { column: 'alert', color: 'red' },
  };

  const load: ResultSheet = {
    name: 'Load',
    columns: [
      { key: 'label', header: 'Work center · bucket', headerZh: '工作中心·时段', width: 20 },
      { key: 'workCenter', header: 'Work center', headerZh: '工作中心', width: 12 },
      { key: 'bucketStart', header: 'Bucket start', headerZh: '时段开始', format: 'date', width: 12 },
      { key: 'capacityHours', header: 'Capacity (h)', headerZh: '产能（小时）', format: 'number' },
      { key: 'loadHours', header: 'Load (h)', headerZh: '负荷（小时）', format: 'number' },
      { key: 'overtimeHours', header: 'Overtime (h)', headerZh: '加班（小时）', format: 'number' },
      { key: 'utilisation', header: 'Utilisation', headerZh: '利用率', format: 'percent' },
    ],
    rows: r.load.map((l) => ({ label: `${l.workCenter} ${l.bucketStart.slice(5)}`, ...l })),
    colorScales: [{ column: 'utilisation' }],
    chart: { type: 'column', title: 'Utilisation by work center and bucket', titleZh: '各工作中心分时段利用率', category: 'label', series: ['utilisation'] },
  };

  // The suggestions by item and arrival bucket, in their order (one look-up per Materials row,
  // not a scan of every suggestion: 1,300 rows × hundreds of suggestions on a 1000-order plan).
  const arriving = new Map<string, Map<string, PlanResult['purchaseSuggestions']>>();
  for (const p of r.purchaseSuggestions) {
    let byDay = arriving.get(p.item);
    if (!byDay) arriving.set(p.item, (byDay = new Map()));
    const list = byDay.get(p.needBy);
    if (list) list.push(p);
    else byDay.set(p.needBy, [p]);
  }
  const materials: ResultSheet = {
    name: 'Materials',
    columns: [
      { key: 'item', header: 'Item', headerZh: '物料', width: 16 },
      { key: 'bucketStart', header: 'Bucket start', headerZh: '时段开始', format: 'date', width: 12 },
      { key: 'requirement', header: 'Requirement', headerZh: '需求' },
      { key: 'receipts', header: 'Open PO receipts', headerZh: '在途到货' },
      { key: 'suggestedPurchase', header: 'Suggested purchase', headerZh: '建议采购' },
      { key: 'projectedOnHand', header: 'Projected on hand', headerZh: '预计库存' },
      { key: 'safetyStock', header: 'Safety stock', headerZh: '安全库存' },
      { key: 'supplier', header: 'Supplier', headerZh: '供应商', width: 14 },
      { key: 'orderBy', header: 'Order by', headerZh: '最晚下单日', format: 'date', width: 12 },
      { key: 'purchaseQty', header: 'Purchase quantity', headerZh: '采购数量' },
      // Only when a BOM has alternates the plan could use.
      ...(r.materials.some((m) => m.usedAsAlternate !== undefined || m.replacedByAlternate !== undefined)
        ? [
            { key: 'usedAsAlternate', header: 'Used as alternate', headerZh: '用作替代料' },
            { key: 'replacedByAlternate', header: 'Covered by alternates', headerZh: '由替代料顶替' },
          ]
        : []),
      // Only when material is bought for particular orders (PurchaseOrders Order).
      ...(r.materials.some((m) => m.dedicated !== undefined) ? [{ key: 'dedicated', header: 'Held for orders', headerZh: '专用料库存' }] : []),
    ],
    // Each bucket row, then the purchase suggestions that arrive in it (split by supplier).
    rows: r.materials.flatMap((m) => [
      { ...m },
      ...(arriving.get(m.item)?.get(m.bucketStart) ?? []).map((p) => ({
        item: p.item,
        bucketStart: p.needBy,
        supplier: p.supplier || (zh ? '（无合格供应商）' : '(no approved supplier)'),
        orderBy: p.orderBy,
        purchaseQty: p.quantity,
      })),
    ]),
    highlightWhen: { column: 'suggestedPurchase', color: 'amber' },
  };

  const exceptions: ResultSheet = {
    name: 'Exceptions',
    columns: [
      { key: 'severity', header: 'Severity', headerZh: '级别', width: 10 },
      { key: 'type', header: 'Type', headerZh: '类型', width: 14 },
      { key: 'subject', header: 'Order / work center / item', headerZh: '订单/工作中心/物料', width: 18 },
      { key: 'date', header: 'Date', headerZh: '日期', format: 'date', width: 12 },
      { key: 'message', header: 'Message', headerZh: '说明', width: 100 },
      { key: 'action', header: 'Act now', headerZh: '需立即处理', width: 12 },
    ],
    rows: r.exceptions.map((e) => ({
      severity: zh ? SEVERITY[e.severity] : e.severity,
      type: zh ? TYPE_ZH[e.type] : TYPE_EN[e.type],
      subject: e.subject,
      date: e.date,
      message: zh ? e.message.zh : e.message.en,
      // Errors are shaded and marked in words (not a TRUE/FALSE helper column).
      action: e.severity === 'error' ? (zh ? '是' : 'yes') : '',
    })),
    highlightWhen: { column: 'action', color: 'red' },
  };
  return [plan, load, materials, exceptions];
}
