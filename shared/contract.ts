// The workbook contract: one declaration of every input sheet and column. Parsing, validation,
// templates, the add-in's table creation and the README table are all derived from it.

export type ColumnType =
  | 'id' // non-empty text key
  | 'text'
  | 'number'
  | 'integer'
  | 'date'
  | 'enum'
  | 'yesNo';

export interface Column<T = unknown> {
  key: string;
  zh: string;
  type: ColumnType;
  required: boolean;
  default?: T;
  unit?: string;
  values?: readonly string[]; // allowed values for enum
  min?: number;
  minExclusive?: boolean; // min itself is not allowed (positive quantities)
  max?: number;
  description: string;
  /** phantom: the parsed value type */
  readonly __t?: { v: T };
}

interface Opts<T> {
  zh: string;
  description: string;
  unit?: string;
  min?: number;
  minExclusive?: boolean;
  max?: number;
  default?: T;
}

// Builders. `req*` columns are required; others may carry a default (then never undefined).
const make =
  <T>(type: ColumnType) =>
  (o: Opts<T> & { values?: readonly string[] }): Omit<Column<T>, 'key'> => ({
    type,
    required: false,
    ...o,
  });

export const col = {
  id: (o: Opts<string>) => ({ ...make<string>('id')(o), required: true }),
  text: (o: Opts<string>) => make<string | undefined>('text')(o),
  reqText: (o: Opts<string>) => ({ ...make<string>('text')(o), required: true }),
  number: <D extends number | undefined = undefined>(o: Opts<number> & { default?: D }) =>
    make<D extends number ? number : number | undefined>('number')(o as never),
  reqNumber: (o: Opts<number>) => ({ ...make<number>('number')(o), required: true }),
  positive: (o: Opts<number>) => ({ ...make<number>('number')({ min: 0, minExclusive: true, ...o }), required: true }),
  integer: <D extends number | undefined = undefined>(o: Opts<number> & { default?: D }) =>
    make<D extends number ? number : number | undefined>('integer')(o as never),
  reqInteger: (o: Opts<number>) => ({ ...make<number>('integer')(o), required: true }),
  date: (o: Opts<string>) => make<string | undefined>('date')(o),
  reqDate: (o: Opts<string>) => ({ ...make<string>('date')(o), required: true }),
  enumOf: <V extends string, D extends V | undefined = undefined>(
    values: readonly V[],
    o: Opts<V> & { default?: D },
  ) => make<D extends V ? V : V | undefined>('enum')({ ...(o as Opts<never>), values }),
  reqEnum: <V extends string>(values: readonly V[], o: Opts<V>) => ({
    ...make<V>('enum')({ ...o, values }),
    required: true,
  }),
  yesNo: (o: Opts<boolean> & { default: boolean }) => make<boolean>('yesNo')(o),
};

export interface SheetDef<C extends Record<string, Omit<Column, 'key'>> = Record<string, Omit<Column, 'key'>>> {
  name: string;
  zh: string;
  description: string;
  /** the columns whose values together must be unique (an id, or a composite key), if any */
  uniqueKey?: (keyof C & string)[];
  columns: { [K in keyof C]: C[K] & { key: K } };
}

function sheet<C extends Record<string, Omit<Column, 'key'>>>(
  name: string,
  zh: string,
  description: string,
  columns: C,
  uniqueKey?: (keyof C & string)[],
): SheetDef<C> {
  const keyed = Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, { ...c, key: k }]));
  return { name, zh, description, uniqueKey, columns: keyed as SheetDef<C>['columns'] };
}

export const ORDER_STATUSES = ['Draft', 'Approved', 'InProduction', 'Delivered', 'Completed', 'Cancelled'] as const;
export const ITEM_TYPES = ['Make', 'Buy'] as const;
export const RISK_FACTORS = ['Price', 'RunHours', 'ScrapPct', 'LabourRate'] as const;
export const DISTRIBUTIONS = ['Triangular', 'Uniform', 'Normal', 'Fixed'] as const;

export const Orders = sheet('Orders', '订单', 'Customer orders to plan', {
  OrderId: col.id({ zh: '订单号', description: 'Unique order number' }),
  Customer: col.reqText({ zh: '客户', description: 'Customer name' }),
  Item: col.id({ zh: '物料', description: 'ItemId of the finished item (Items sheet)' }),
  Quantity: col.positive({ zh: '数量', unit: 'pcs', description: 'Quantity ordered' }),
  DueDate: col.reqDate({ zh: '交期', description: 'Date the customer expects delivery' }),
  ReleaseDate: col.date({ zh: '投产日期', description: 'Earliest day work may start (default: PlanStart)' }),
  Priority: col.integer({ zh: '优先级', min: 1, max: 5, default: 3, description: '1 highest … 5 lowest' }),
  Status: col.enumOf(ORDER_STATUSES, { zh: '状态', default: 'Approved', description: 'Order life cycle; Approved and InProduction are planned' }),
  Notes: col.text({ zh: '备注', description: 'Free text' }),
  QuoteId: col.text({ zh: '报价单号', description: 'QuoteId (Quotes sheet) the order was won on: its quoted cost and price' }),
  PartialOk: col.yesNo({ zh: '允许分批', default: false, description: 'Y: the customer takes partial shipments; N (default): the order ships complete' }),
}, ['OrderId']);

export const Items = sheet('Items', '物料', 'Everything made or bought', {
  ItemId: col.id({ zh: '物料编码', description: 'Unique item code' }),
  Description: col.text({ zh: '描述', description: 'Item description' }),
  Type: col.reqEnum(ITEM_TYPES, { zh: '类型', description: 'Make (routing) or Buy (suppliers)' }),
  Uom: col.text({ zh: '单位', description: 'Unit of measure' }),
  StdCost: col.number({ zh: '标准成本', min: 0, unit: 'currency/unit', description: 'Standard cost; price of Buy items without a supplier price' }),
  OnHand: col.number({ zh: '库存', min: 0, default: 0, unit: 'units', description: 'Stock on hand' }),
  SafetyStock: col.number({ zh: '安全库存', min: 0, default: 0, unit: 'units', description: 'Stock kept back, not planned' }),
  LeadTimeDays: col.number({ zh: '采购提前期', min: 0, unit: 'days', description: 'Days from purchase order to arrival (Buy items)' }),
}, ['ItemId']);

export const BOM = sheet('BOM', '物料清单', 'Components per parent item', {
  Parent: col.id({ zh: '父项', description: 'Parent ItemId (a Make item)' }),
  Component: col.id({ zh: '子项', description: 'Component ItemId' }),
  QtyPer: col.positive({ zh: '单位用量', unit: 'units/parent', description: 'Component quantity per parent unit' }),
  ScrapPct: col.number({ zh: '损耗率', min: 0, max: 99, default: 0, unit: '%', description: 'Percent lost in production (10 = 10%)' }),
  ValidFrom: col.date({ zh: '生效日期', description: 'First day this line applies (engineering change)' }),
  ValidTo: col.date({ zh: '失效日期', description: 'Last day this line applies' }),
  AlternateOf: col.text({ zh: '替代料', description: 'This component may replace that component' }),
}, ['Parent', 'Component', 'ValidFrom']);

export const Routing = sheet('Routing', '工艺路线', 'Operations that make each Make item', {
  Item: col.id({ zh: '物料', description: 'ItemId being made' }),
  OpSeq: col.reqInteger({ zh: '工序号', min: 0, description: 'Operation sequence number (10, 20, …)' }),
  WorkCenter: col.id({ zh: '工作中心', description: 'WorkCenterId doing the operation' }),
  SetupHours: col.number({ zh: '准备工时', min: 0, default: 0, unit: 'h/lot', description: 'Setup hours per lot' }),
  RunHoursPerUnit: col.reqNumber({ zh: '单件工时', min: 0, unit: 'h/unit', description: 'Run hours per unit' }),
  Subcontract: col.yesNo({ zh: '可委外', default: false, description: 'Y if this operation may be subcontracted' }),
  SubcontractCostPerUnit: col.number({ zh: '委外单价', min: 0, unit: 'currency/unit', description: 'Subcontract cost per unit' }),
  SubcontractLeadDays: col.number({ zh: '委外周期', min: 0, default: 0, unit: 'days', description: 'Days until subcontracted units come back' }),
  PieceRate: col.number({ zh: '计件单价', min: 0, unit: 'currency/unit', description: 'Piece-rate wage per good unit reported on this operation' }),
  Preference: col.integer({ zh: '优先顺序', min: 1, description: 'Alternative work centers: several rows with the same Item and OpSeq and their own WorkCenter and hours; 1 = preferred (blank = sheet order)' }),
}, ['Item', 'OpSeq', 'WorkCenter']);

export const WorkCenters = sheet('WorkCenters', '工作中心', 'Machine groups and lines whose hours are shared', {
  WorkCenterId: col.id({ zh: '工作中心编码', description: 'Unique work center code' }),
  Description: col.text({ zh: '描述', description: 'Work center description' }),
  HoursPerDay: col.reqNumber({ zh: '每日工时', min: 0, max: 24, unit: 'h/day', description: 'Hours per working day per unit' }),
  DaysPerWeek: col.integer({ zh: '每周天数', min: 0, max: 7, default: 5, unit: 'days', description: 'Working days per week (Monday first)' }),
  Units: col.integer({ zh: '设备数', min: 1, default: 1, description: 'Parallel machines or crews' }),
  EfficiencyPct: col.number({ zh: '效率', min: 0, minExclusive: true, max: 200, default: 100, unit: '%', description: 'Efficiency (100 = 100%)' }),
  LabourRate: col.number({ zh: '人工费率', min: 0, default: 0, unit: 'currency/h', description: 'Labour cost per hour' }),
  OverheadRate: col.number({ zh: '制造费用率', min: 0, default: 0, unit: 'currency/h', description: 'Overhead cost per hour' }),
  MaxOvertimeHoursPerWeek: col.number({ zh: '每周最大加班', min: 0, default: 0, unit: 'h/week', description: 'Overtime hours available per week' }),
  OvertimeRate: col.number({ zh: '加班费率', min: 0, default: 0, unit: 'currency/h', description: 'Extra cost per overtime hour' }),
}, ['WorkCenterId']);

export const Calendar = sheet('Calendar', '工作日历', 'Exceptions to the weekly pattern', {
  WorkCenter: col.id({ zh: '工作中心', description: 'WorkCenterId (or * for all)' }),
  Date: col.reqDate({ zh: '日期', description: 'The day' }),
  Hours: col.reqNumber({ zh: '工时', min: 0, max: 24, unit: 'h', description: 'Hours that day per unit (0 = closed)' }),
}, ['WorkCenter', 'Date']);

export const Suppliers = sheet('Suppliers', '供应商', 'Suppliers and the approved vendor list', {
  SupplierId: col.id({ zh: '供应商编码', description: 'Unique supplier code' }),
  Name: col.reqText({ zh: '名称', description: 'Supplier name' }),
  Approved: col.yesNo({ zh: '合格供应商', default: true, description: 'Y if on the approved vendor list' }),
  Contact: col.text({ zh: '联系人', description: 'Contact' }),
}, ['SupplierId']);

export const SupplierItems = sheet('SupplierItems', '供应商物料', 'Who supplies what, at what price', {
  Supplier: col.id({ zh: '供应商', description: 'SupplierId' }),
  Item: col.id({ zh: '物料', description: 'ItemId (a Buy item)' }),
  UnitPrice: col.reqNumber({ zh: '单价', min: 0, unit: 'currency/unit', description: 'Price per unit' }),
  MinOrderQty: col.number({ zh: '最小订购量', min: 0, default: 0, unit: 'units', description: 'Minimum order quantity for this price' }),
  LeadTimeDays: col.number({ zh: '采购提前期', min: 0, unit: 'days', description: 'Lead time from this supplier (default: item lead time)' }),
  SharePct: col.number({ zh: '供货比例', min: 0, max: 100, unit: '%', description: 'Allocation share of the item volume' }),
  OrderMultiple: col.number({ zh: '订购倍数', min: 0, unit: 'units', description: 'Order in multiples of this (pack size); blank = any whole quantity' }),
}, ['Supplier', 'Item', 'MinOrderQty']);

export const PurchaseOrders = sheet('PurchaseOrders', '采购订单', 'Open purchase orders and supplier history', {
  PoId: col.id({ zh: '采购单号', description: 'Purchase order line id' }),
  Supplier: col.id({ zh: '供应商', description: 'SupplierId' }),
  Item: col.id({ zh: '物料', description: 'ItemId' }),
  Quantity: col.positive({ zh: '数量', unit: 'units', description: 'Quantity ordered' }),
  UnitPrice: col.reqNumber({ zh: '单价', min: 0, unit: 'currency/unit', description: 'Price per unit' }),
  DueDate: col.reqDate({ zh: '交期', description: 'Promised arrival date' }),
  ReceivedDate: col.date({ zh: '到货日期', description: 'Date received (blank = open)' }),
  ReceivedQty: col.number({ zh: '到货数量', min: 0, unit: 'units', description: 'Quantity received' }),
  AcceptedQty: col.number({ zh: '合格数量', min: 0, unit: 'units', description: 'Quantity accepted by inspection' }),
  Order: col.text({ zh: '销售订单', description: "OrderId this line is bought or subcontracted for (blank = stock); bought for an order, only that order's plan may use it (dedicated material)" }),
  OpSeq: col.integer({ zh: '工序号', min: 0, description: 'Operation of that order this line subcontracts (a subcontract lot); Item is the item being processed' }),
}, ['PoId']);

export const SupplierRatings = sheet('SupplierRatings', '供应商评价', 'Service and cooperation ratings per period', {
  Supplier: col.id({ zh: '供应商', description: 'SupplierId' }),
  Period: col.id({ zh: '期间', description: 'Period such as 2026-Q3 or 2026-09' }),
  Service: col.number({ zh: '服务', min: 1, max: 5, description: 'Service rating 1–5' }),
  Cooperation: col.number({ zh: '配合度', min: 1, max: 5, description: 'Cooperation rating 1–5' }),
}, ['Supplier', 'Period']);

export const Quotes = sheet('Quotes', '报价', 'Quote lines; several rows of one QuoteId are quantity breaks', {
  QuoteId: col.id({ zh: '报价单号', description: 'Quote number' }),
  Customer: col.text({ zh: '客户', description: 'Customer' }),
  Item: col.id({ zh: '物料', description: 'ItemId quoted' }),
  Quantity: col.positive({ zh: '数量', unit: 'pcs', description: 'Quantity (one row per quantity break)' }),
  RequestedDate: col.date({ zh: '要求交期', description: 'Date the customer asks for' }),
  MarginPct: col.number({ zh: '毛利率', min: 0, max: 99, default: 0, unit: '%', description: 'Margin on price (20 = 20%)' }),
  MaterialMarkupPct: col.number({ zh: '材料加价率', min: 0, unit: '%', description: 'Optional markup on material cost' }),
  LabourMarkupPct: col.number({ zh: '人工加价率', min: 0, unit: '%', description: 'Optional markup on labour cost' }),
  OverheadMarkupPct: col.number({ zh: '制造费用加价率', min: 0, unit: '%', description: 'Optional markup on overhead cost' }),
  SubcontractMarkupPct: col.number({ zh: '委外加价率', min: 0, unit: '%', description: 'Optional markup on subcontract cost' }),
});

export const CostRisk = sheet('CostRisk', '成本风险', 'Uncertain cost factors for the quote simulation', {
  Target: col.id({ zh: '对象', description: 'An ItemId or WorkCenterId' }),
  Factor: col.reqEnum(RISK_FACTORS, { zh: '因素', description: 'Price, RunHours, ScrapPct or LabourRate' }),
  Distribution: col.reqEnum(DISTRIBUTIONS, { zh: '分布', description: 'Triangular, Uniform, Normal or Fixed' }),
  Low: col.number({ zh: '低值', min: 0, default: 1, description: 'Low multiplier (1 = as entered)' }),
  Likely: col.number({ zh: '最可能值', min: 0, default: 1, description: 'Most likely multiplier' }),
  High: col.number({ zh: '高值', min: 0, default: 1, description: 'High multiplier' }),
});

export const WorkReports = sheet('WorkReports', '工序汇报', 'Work reported per order and operation', {
  ReportId: col.id({ zh: '汇报单号', description: 'Unique report number' }),
  Order: col.id({ zh: '销售订单', description: 'OrderId worked on' }),
  OpSeq: col.reqInteger({ zh: '工序号', min: 0, description: "OpSeq of the order item's routing (or of a component's)" }),
  WorkCenter: col.text({ zh: '工作中心', description: "WorkCenterId where it was done (blank = the routing's)" }),
  Date: col.reqDate({ zh: '日期', description: 'Day of the work' }),
  Hours: col.number({ zh: '工时', min: 0, default: 0, unit: 'h', description: 'Hours worked' }),
  GoodQty: col.integer({ zh: '合格数量', min: 0, default: 0, unit: 'pcs', description: 'Good units finished at this operation' }),
  ScrapQty: col.integer({ zh: '报废数量', min: 0, default: 0, unit: 'pcs', description: 'Units scrapped at this operation' }),
  Worker: col.text({ zh: '工人', description: 'Worker (Workers sheet) for wages' }),
  Item: col.text({ zh: '物料', description: "Item worked on, when it is a component of the order's item (blank = found by OpSeq)" }),
}, ['ReportId']);

export const MaterialIssues = sheet('MaterialIssues', '领料', 'Material issued to orders', {
  IssueId: col.id({ zh: '领料单号', description: 'Unique issue number' }),
  Order: col.id({ zh: '销售订单', description: 'OrderId the material was issued to' }),
  Item: col.id({ zh: '物料', description: 'ItemId issued' }),
  Quantity: col.positive({ zh: '数量', unit: 'units', description: 'Quantity issued' }),
  Date: col.reqDate({ zh: '日期', description: 'Day of the issue' }),
  UnitCost: col.number({ zh: '单位成本', min: 0, unit: 'currency/unit', description: "Cost per unit (blank = the price of the order's PO line for the item, else the latest received PO, else StdCost)" }),
}, ['IssueId']);

export const Workers = sheet('Workers', '工人', 'Workers and their hourly wage', {
  Worker: col.id({ zh: '工号', description: 'Unique worker code' }),
  Name: col.text({ zh: '姓名', description: 'Name' }),
  HourlyRate: col.number({ zh: '计时工资', min: 0, unit: 'currency/h', description: 'Hourly wage; also the actual labour rate of their hours' }),
}, ['Worker']);

export const WHATIF_ACTIONS = ['AddOrder', 'Cancel', 'Quantity', 'DueDate', 'Priority', 'Item', 'Release'] as const;

export const WhatIf = sheet('WhatIf', '假设分析', 'Order changes to try without editing Orders: the plan is made with and without them and compared', {
  Action: col.reqEnum(WHATIF_ACTIONS, { zh: '变更类型', description: 'AddOrder, Cancel, Quantity, DueDate, Priority, Item (product changed) or Release (release date)' }),
  OrderId: col.id({ zh: '订单号', description: 'The order changed (a new number for AddOrder)' }),
  Item: col.text({ zh: '物料', description: 'ItemId: the new order\'s item (AddOrder) or the new item (Item)' }),
  Quantity: col.number({ zh: '数量', min: 0, minExclusive: true, unit: 'pcs', description: 'New quantity (AddOrder, Quantity)' }),
  Date: col.date({ zh: '日期', description: 'Due date (AddOrder, DueDate) or release date (Release)' }),
  Priority: col.integer({ zh: '优先级', min: 1, max: 5, description: 'Priority 1 highest … 5 lowest (AddOrder, default 3; Priority)' }),
  Note: col.text({ zh: '备注', description: 'Free text; the customer of an added order' }),
});

/** The Settings sheet is Key/Value pairs; each key is declared like a column. */
export const SETTINGS_SHEET = { name: 'Settings', zh: '设置', keyHeader: { en: 'Key', zh: '参数' }, valueHeader: { en: 'Value', zh: '值' } };

export const SettingsKeys = {
  PlanStart: col.date({ zh: '计划开始日期', description: 'First day of the plan (required for plan and delivery promises)' }),
  BucketDays: col.integer({ zh: '时段天数', min: 1, max: 31, default: 7, unit: 'days', description: 'Length of a planning bucket' }),
  HorizonBuckets: col.integer({ zh: '计划时段数', min: 1, max: 520, default: 26, description: 'Number of buckets planned' }),
  Currency: col.text({ zh: '币种', default: 'CNY', description: 'Currency code for reports' }),
  LatePenaltyPerUnitDay: col.number({ zh: '延期罚金', min: 0, default: 10, unit: 'currency/unit/day', description: 'Cost of one unit one day late (before priority weight)' }),
  ShortPenaltyPerUnit: col.number({ zh: '缺交罚金', min: 0, unit: 'currency/unit', description: 'Cost of a unit not made in the horizon (default: far above any lateness)' }),
  SubstitutionCost: col.number({ zh: '替代成本', min: 0, default: 1, unit: 'currency/unit', description: 'Plan cost of one unit of a component replaced by its alternate (BOM AlternateOf): small, so the primary is used first' }),
  DiscreteUoms: col.text({ zh: '整数单位', description: 'More units counted in whole pieces, comma-separated (blank, pcs, ea, set, unit, 件, 台, 个, 套, 只, 把 always are)' }),
  SimulationRuns: col.integer({ zh: '模拟次数', min: 1, max: 1_000_000, default: 10000, description: 'Monte Carlo draws for quotes' }),
  RandomSeed: col.integer({ zh: '随机种子', default: 42, description: 'Seed for the simulation (same seed, same numbers)' }),
  OnTimeToleranceDays: col.number({ zh: '准时容差天数', min: 0, default: 0, unit: 'days', description: 'Days late still counted on time' }),
  WeightOnTime: col.number({ zh: '准时权重', min: 0, default: 30, description: 'Scorecard weight of on-time rate' }),
  WeightQuality: col.number({ zh: '质量权重', min: 0, default: 30, description: 'Scorecard weight of quality rate' }),
  WeightPrice: col.number({ zh: '价格权重', min: 0, default: 25, description: 'Scorecard weight of price score' }),
  WeightService: col.number({ zh: '服务权重', min: 0, default: 15, description: 'Scorecard weight of service score' }),
  GradeA: col.number({ zh: 'A级分数线', min: 0, max: 100, default: 90, description: 'Minimum total for grade A' }),
  GradeB: col.number({ zh: 'B级分数线', min: 0, max: 100, default: 75, description: 'Minimum total for grade B' }),
  GradeC: col.number({ zh: 'C级分数线', min: 0, max: 100, default: 60, description: 'Minimum total for grade C (below: D)' }),
  PriceTolerancePct: col.number({ zh: '价格容差', min: 0, default: 2, unit: '%', description: 'Price review: a PO price more than this above the approved price is flagged' }),
};

export type SettingsKey = keyof typeof SettingsKeys;

export const SHEETS = { Orders, Items, BOM, Routing, WorkCenters, Calendar, Suppliers, SupplierItems, PurchaseOrders, SupplierRatings, Quotes, CostRisk, WorkReports, MaterialIssues, Workers, WhatIf };
export type SheetName = keyof typeof SHEETS;

export type Job = 'plan' | 'quote' | 'suppliers' | 'costs' | 'prices';
/** Which sheets each job needs; the rest it may use count as empty when missing. */
export const JOB_SHEETS: Record<Job, { required: (SheetName | 'Settings')[]; optional: (SheetName | 'Settings')[] }> = {
  plan: { required: ['Settings', 'Orders', 'Items', 'Routing', 'WorkCenters'], optional: ['BOM', 'Calendar', 'PurchaseOrders', 'Suppliers', 'SupplierItems', 'WhatIf'] },
  quote: { required: ['Items', 'Routing', 'WorkCenters', 'Quotes'], optional: ['Settings', 'BOM', 'SupplierItems', 'Suppliers', 'CostRisk', 'Orders', 'Calendar', 'PurchaseOrders'] },
  suppliers: { required: ['Suppliers', 'PurchaseOrders'], optional: ['Settings', 'Items', 'SupplierItems', 'SupplierRatings'] },
  costs: { required: ['Orders', 'Items', 'Routing', 'WorkCenters'], optional: ['Settings', 'BOM', 'Quotes', 'Suppliers', 'SupplierItems', 'PurchaseOrders', 'WorkReports', 'MaterialIssues', 'Workers'] },
  prices: { required: ['PurchaseOrders', 'SupplierItems'], optional: ['Settings', 'Suppliers', 'Items', 'Orders'] },
};

/** The parsed value type of one column / one row of a sheet. */
type ValueOf<C> = C extends { __t?: { v: infer T } } ? T : never;
export type RowOf<S extends SheetDef> = { [K in keyof S['columns']]: ValueOf<S['columns'][K]> } & { row: number };
export type SettingsValues = { [K in SettingsKey]: ValueOf<(typeof SettingsKeys)[K]> };

export const columnsOf = (s: SheetDef): Column[] => Object.values(s.columns) as Column[];
