// Chinese names of the contract's enum values (docs/glossary.md); accepted as input and shown in the UI.
export const ENUM_ZH: Record<string, string> = {
  Draft: '草稿',
  Approved: '已审批',
  InProduction: '生产中',
  Delivered: '已交付',
  Completed: '已完成',
  Cancelled: '已取消',
  Make: '自制',
  Buy: '外购',
  Price: '价格',
  RunHours: '工时',
  ScrapPct: '损耗率',
  LabourRate: '人工费率',
  Triangular: '三角分布',
  Uniform: '均匀分布',
  Normal: '正态分布',
  Fixed: '固定值',
};
