// Result sheets keep their English names in the workbook; Chinese text names each as
// "排产计划（Plan）", so the Chinese reader knows what it is and the tab it will find.

const RESULT_SHEETS_ZH: Record<string, string> = {
  Plan: '排产计划',
  Load: '工作中心负荷',
  Materials: '物料需求',
  Exceptions: '异常清单',
  Changes: '计划变更',
  Stranded: '呆滞料',
  RunOut: '自然切换',
  QuoteResults: '报价结果',
  QuoteDistribution: '成本模拟分布',
  QuoteLines: '报价明细',
  SupplierScorecard: '供应商评分表',
  OrderCosts: '订单成本',
  OrderCostTrace: '订单成本明细',
  SubcontractLots: '委外批次',
  Wages: '工资',
  PriceReview: '核价',
  Schedule: '工序排程',
  Dispatch: '派工单',
  'Gantt by work center': '甘特图（按工作中心）',
  'Gantt by order': '甘特图（按订单）',
};

/** A result sheet's Chinese title (the name itself when it has none). */
export const zhSheetTitle = (sheet: string): string => RESULT_SHEETS_ZH[sheet] ?? sheet;

/** A result sheet's name for Chinese text: its Chinese title with the tab's own name. */
export const zhSheetLabel = (sheet: string): string => (RESULT_SHEETS_ZH[sheet] ? `${zhSheetTitle(sheet)}（${sheet}）` : sheet);
