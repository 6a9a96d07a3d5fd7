// A realistic sample plant: a pump and gearbox maker with six work centers, a three-level BOM
// with shared components, suppliers with two quarters of purchase history, quotes and cost risks.
// Deterministic (seeded), so tests and screenshots are stable.
import { columnsOf, SHEETS, type SheetDef } from './contract';
import { addDays } from './dates';
import { seededRng } from './random';
import type { WorkbookRows } from './rows';

export interface PlantRecords {
  settings: Record<string, unknown>;
  /** sheet name → records keyed by column key; dates as ISO day strings */
  sheets: Record<string, Record<string, unknown>[]>;
}

export const SAMPLE_PLAN_START = '2026-11-30'; // a Monday

export function samplePlant(seed = 7): PlantRecords {
  const rng = seededRng(seed);
  const start = SAMPLE_PLAN_START;
  const settings = {
    PlanStart: start,
    BucketDays: 7,
    HorizonBuckets: 13,
    Currency: 'CNY',
    LatePenaltyPerUnitDay: 20,
    SimulationRuns: 5000,
    RandomSeed: 2026,
    OnTimeToleranceDays: 2,
    WeightOnTime: 30,
    WeightQuality: 30,
    WeightPrice: 25,
    WeightService: 15,
    GradeA: 90,
    GradeB: 75,
    GradeC: 60,
  };

  const Items = [
    { ItemId: 'FG-PUMP-100', Description: 'Centrifugal pump 100 m³/h 离心泵', Type: 'Make', Uom: 'pcs', StdCost: 3900 },
    { ItemId: 'FG-PUMP-200', Description: 'Centrifugal pump 200 m³/h 离心泵', Type: 'Make', Uom: 'pcs', StdCost: 6900 },
    { ItemId: 'FG-VALVE-50', Description: 'Ball valve DN50 球阀', Type: 'Make', Uom: 'pcs', StdCost: 420 },
    { ItemId: 'FG-GEARBOX-A', Description: 'Helical gearbox type A 斜齿轮减速机', Type: 'Make', Uom: 'pcs', StdCost: 5200 },
    { ItemId: 'FG-CONVEYOR-M', Description: 'Belt conveyor module 皮带输送机模块', Type: 'Make', Uom: 'pcs', StdCost: 8800 },
    { ItemId: 'FG-MIXER-30', Description: 'Agitator mixer 30 kW 搅拌机', Type: 'Make', Uom: 'pcs', StdCost: 9800 },
    { ItemId: 'SA-IMPELLER', Description: 'Impeller assembly 叶轮组件', Type: 'Make', Uom: 'pcs', StdCost: 640 },
    { ItemId: 'SA-HOUSING', Description: 'Welded housing 焊接壳体', Type: 'Make', Uom: 'pcs', StdCost: 980 },
    { ItemId: 'SA-SHAFT', Description: 'Machined shaft 加工轴', Type: 'Make', Uom: 'pcs', StdCost: 160 },
    { ItemId: 'SA-FRAME', Description: 'Welded frame 焊接机架', Type: 'Make', Uom: 'pcs', StdCost: 1500 },
    { ItemId: 'RM-STEEL-PLATE', Description: 'Steel plate Q235 8 mm 钢板', Type: 'Buy', Uom: 'kg', StdCost: 8.5, OnHand: 2500, SafetyStock: 300, LeadTimeDays: 10 },
    { ItemId: 'RM-BAR-40', Description: 'Round bar 42CrMo Ø40 圆钢', Type: 'Buy', Uom: 'm', StdCost: 45, OnHand: 120, SafetyStock: 20, LeadTimeDays: 14 },
    { ItemId: 'RM-CASTING-VB', Description: 'Valve body casting DN50 阀体铸件', Type: 'Buy', Uom: 'pcs', StdCost: 120, OnHand: 260, SafetyStock: 20, LeadTimeDays: 28 },
    { ItemId: 'BP-MOTOR-3KW', Description: 'Motor 3 kW IE3 电机', Type: 'Buy', Uom: 'pcs', StdCost: 850, OnHand: 30, SafetyStock: 4, LeadTimeDays: 21 },
    { ItemId: 'BP-MOTOR-7KW', Description: 'Motor 7.5 kW IE3 电机', Type: 'Buy', Uom: 'pcs', StdCost: 1650, OnHand: 6, SafetyStock: 2, LeadTimeDays: 35 },
    { ItemId: 'BP-SEAL-KIT', Description: 'Mechanical seal kit 机械密封', Type: 'Buy', Uom: 'set', StdCost: 65, OnHand: 400, SafetyStock: 40, LeadTimeDays: 14 },
    { ItemId: 'BP-SEAL-KIT-V2', Description: 'Seal kit rev. 2 (ECN-0412) 机械密封 V2', Type: 'Buy', Uom: 'set', StdCost: 72, OnHand: 0, SafetyStock: 0, LeadTimeDays: 14 },
    { ItemId: 'BP-BEARING-6205', Description: 'Ball bearing 6205-2RS 轴承', Type: 'Buy', Uom: 'pcs', StdCost: 18, OnHand: 300, SafetyStock: 50, LeadTimeDays: 10 },
    { ItemId: 'BP-BOLT-M12', Description: 'Bolt set M12 (box of 100) 螺栓', Type: 'Buy', Uom: 'box', StdCost: 40, OnHand: 25, SafetyStock: 5, LeadTimeDays: 7 },
    { ItemId: 'BP-GEAR-SET', Description: 'Helical gear set 齿轮副', Type: 'Buy', Uom: 'set', StdCost: 620, OnHand: 12, SafetyStock: 2, LeadTimeDays: 42 },
  ];

  const BOM = [
    { Parent: 'FG-PUMP-100', Component: 'SA-IMPELLER', QtyPer: 1 },
    { Parent: 'FG-PUMP-100', Component: 'SA-HOUSING', QtyPer: 1 },
    { Parent: 'FG-PUMP-100', Component: 'BP-MOTOR-3KW', QtyPer: 1 },
    { Parent: 'FG-PUMP-100', Component: 'BP-SEAL-KIT', QtyPer: 1, ScrapPct: 2 },
    { Parent: 'FG-PUMP-100', Component: 'BP-BOLT-M12', QtyPer: 0.1 },
    { Parent: 'FG-PUMP-200', Component: 'SA-IMPELLER', QtyPer: 2 },
    { Parent: 'FG-PUMP-200', Component: 'SA-HOUSING', QtyPer: 1 },
    { Parent: 'FG-PUMP-200', Component: 'BP-MOTOR-7KW', QtyPer: 1 },
    { Parent: 'FG-PUMP-200', Component: 'BP-SEAL-KIT', QtyPer: 2, ScrapPct: 2 },
    { Parent: 'FG-PUMP-200', Component: 'BP-BOLT-M12', QtyPer: 0.2 },
    { Parent: 'FG-VALVE-50', Component: 'RM-CASTING-VB', QtyPer: 1, ScrapPct: 3 },
    { Parent: 'FG-VALVE-50', Component: 'SA-SHAFT', QtyPer: 1 },
    { Parent: 'FG-VALVE-50', Component: 'BP-SEAL-KIT', QtyPer: 1, ValidTo: '2027-01-15' },
    { Parent: 'FG-VALVE-50', Component: 'BP-SEAL-KIT-V2', QtyPer: 1, ValidFrom: '2027-01-16' },
    { Parent: 'FG-GEARBOX-A', Component: 'SA-HOUSING', QtyPer: 1 },
    { Parent: 'FG-GEARBOX-A', Component: 'SA-SHAFT', QtyPer: 2 },
    { Parent: 'FG-GEARBOX-A', Component: 'BP-GEAR-SET', QtyPer: 1 },
    { Parent: 'FG-GEARBOX-A', Component: 'BP-BEARING-6205', QtyPer: 4 },
    { Parent: 'FG-CONVEYOR-M', Component: 'SA-FRAME', QtyPer: 1 },
    { Parent: 'FG-CONVEYOR-M', Component: 'BP-MOTOR-3KW', QtyPer: 1 },
    { Parent: 'FG-CONVEYOR-M', Component: 'BP-BEARING-6205', QtyPer: 6 },
    { Parent: 'FG-CONVEYOR-M', Component: 'BP-BOLT-M12', QtyPer: 0.5 },
    { Parent: 'FG-MIXER-30', Component: 'SA-FRAME', QtyPer: 1 },
    { Parent: 'FG-MIXER-30', Component: 'SA-IMPELLER', QtyPer: 1 },
    { Parent: 'FG-MIXER-30', Component: 'BP-MOTOR-7KW', QtyPer: 1 },
    { Parent: 'FG-MIXER-30', Component: 'BP-BEARING-6205', QtyPer: 2 },
    { Parent: 'SA-IMPELLER', Component: 'SA-SHAFT', QtyPer: 1 },
    { Parent: 'SA-IMPELLER', Component: 'RM-STEEL-PLATE', QtyPer: 6, ScrapPct: 8 },
    { Parent: 'SA-HOUSING', Component: 'RM-STEEL-PLATE', QtyPer: 18, ScrapPct: 5 },
    { Parent: 'SA-SHAFT', Component: 'RM-BAR-40', QtyPer: 0.6, ScrapPct: 3 },
    { Parent: 'SA-FRAME', Component: 'RM-STEEL-PLATE', QtyPer: 40, ScrapPct: 6 },
    { Parent: 'SA-FRAME', Component: 'BP-BOLT-M12', QtyPer: 0.2 },
  ];

  const op = (Item: string, OpSeq: number, WorkCenter: string, SetupHours: number, RunHoursPerUnit: number, sub?: [number, number]) => ({
    Item, OpSeq, WorkCenter, SetupHours, RunHoursPerUnit,
    ...(sub ? { Subcontract: 'Y', SubcontractCostPerUnit: sub[0], SubcontractLeadDays: sub[1] } : { Subcontract: 'N' }),
  });
  const Routing: Record<string, unknown>[] = [
    op('FG-PUMP-100', 10, 'ASSY', 1, 1.5), op('FG-PUMP-100', 20, 'TEST', 0.25, 0.5), op('FG-PUMP-100', 30, 'PAINT', 0.5, 0.4, [60, 5]),
    op('FG-PUMP-200', 10, 'ASSY', 1, 2.5), op('FG-PUMP-200', 20, 'TEST', 0.25, 0.8), op('FG-PUMP-200', 30, 'PAINT', 0.5, 0.6, [80, 5]),
    op('FG-VALVE-50', 10, 'CNC', 2, 0.8), op('FG-VALVE-50', 20, 'ASSY', 0.5, 0.5), op('FG-VALVE-50', 30, 'TEST', 0.25, 0.3),
    op('FG-GEARBOX-A', 10, 'ASSY', 1, 3), op('FG-GEARBOX-A', 20, 'TEST', 0.5, 1), op('FG-GEARBOX-A', 30, 'PAINT', 0.5, 0.5, [70, 5]),
    op('FG-CONVEYOR-M', 10, 'ASSY', 2, 4), op('FG-CONVEYOR-M', 20, 'PAINT', 0.5, 1), op('FG-CONVEYOR-M', 30, 'TEST', 0.5, 0.5),
    op('FG-MIXER-30', 10, 'ASSY', 1.5, 3), op('FG-MIXER-30', 20, 'TEST', 0.5, 0.5), op('FG-MIXER-30', 30, 'PAINT', 0.5, 0.8),
    op('SA-IMPELLER', 10, 'CUT', 0.5, 0.3), op('SA-IMPELLER', 20, 'CNC', 2, 1.0, [150, 10]), op('SA-IMPELLER', 30, 'WELD', 0.5, 0.5),
    op('SA-HOUSING', 10, 'CUT', 0.5, 0.5), op('SA-HOUSING', 20, 'WELD', 1, 1.2), op('SA-HOUSING', 30, 'CNC', 1.5, 0.8, [180, 10]),
    op('SA-SHAFT', 10, 'CUT', 0.25, 0.1), op('SA-SHAFT', 20, 'CNC', 1.5, 0.6, [90, 7]),
    op('SA-FRAME', 10, 'CUT', 0.5, 1.0), op('SA-FRAME', 20, 'WELD', 1, 3.0), op('SA-FRAME', 30, 'PAINT', 0.5, 0.8),
  ];
  // Assembly and testing are paid by the piece as well as by the hour.
  for (const r of Routing) if (r.WorkCenter === 'ASSY' || r.WorkCenter === 'TEST') r.PieceRate = r.WorkCenter === 'ASSY' ? 12 : 5;

  const WorkCenters = [
    { WorkCenterId: 'CUT', Description: 'Laser cutting 激光切割', HoursPerDay: 8, DaysPerWeek: 5, Units: 2, EfficiencyPct: 90, LabourRate: 55, OverheadRate: 80, MaxOvertimeHoursPerWeek: 8, OvertimeRate: 45 },
    { WorkCenterId: 'CNC', Description: 'CNC machining (2 shifts) 数控加工', HoursPerDay: 16, DaysPerWeek: 5, Units: 3, EfficiencyPct: 85, LabourRate: 65, OverheadRate: 120, MaxOvertimeHoursPerWeek: 16, OvertimeRate: 60 },
    { WorkCenterId: 'WELD', Description: 'Welding 焊接', HoursPerDay: 8, DaysPerWeek: 5, Units: 2, EfficiencyPct: 95, LabourRate: 50, OverheadRate: 60, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 40 },
    { WorkCenterId: 'PAINT', Description: 'Painting line 喷涂线', HoursPerDay: 8, DaysPerWeek: 5, Units: 1, EfficiencyPct: 100, LabourRate: 45, OverheadRate: 40, MaxOvertimeHoursPerWeek: 0, OvertimeRate: 0 },
    { WorkCenterId: 'ASSY', Description: 'Assembly 装配', HoursPerDay: 8, DaysPerWeek: 6, Units: 3, EfficiencyPct: 95, LabourRate: 48, OverheadRate: 35, MaxOvertimeHoursPerWeek: 12, OvertimeRate: 36 },
    { WorkCenterId: 'TEST', Description: 'Test bench 试验台', HoursPerDay: 8, DaysPerWeek: 5, Units: 1, EfficiencyPct: 100, LabourRate: 60, OverheadRate: 30, MaxOvertimeHoursPerWeek: 6, OvertimeRate: 50 },
  ];

  const Calendar = [
    { WorkCenter: '*', Date: '2027-01-01', Hours: 0 },
    ...['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((Date) => ({ WorkCenter: '*', Date, Hours: 0 })),
    { WorkCenter: 'CNC', Date: '2026-12-16', Hours: 4 },
    { WorkCenter: 'TEST', Date: '2026-12-09', Hours: 0 },
    { WorkCenter: 'TEST', Date: '2026-12-10', Hours: 0 },
  ];

  // Orders: a mix of products, due over the quarter; a few drafts, one cancelled, one completed.
  // The six already in production are the big early lots (twice the usual size), so the first two
  // weeks are tight: TEST needs overtime there, and 7.5 kW motors and gear sets run short until
  // their open POs arrive — the sample plan then shows overtime, late orders with a named reason,
  // and purchase suggestions, while most orders stay on time.
  const products: [string, number, number][] = [
    ['FG-PUMP-100', 4, 30], ['FG-PUMP-200', 2, 10], ['FG-VALVE-50', 20, 120], ['FG-GEARBOX-A', 2, 10], ['FG-CONVEYOR-M', 1, 4], ['FG-MIXER-30', 1, 6],
  ];
  const customers = ['Sinopec Zhenhai 镇海炼化', 'Haier Water 海尔水务', 'BASF Nanjing', 'Conch Cement 海螺水泥', 'Midea HVAC 美的暖通', 'Jiangsu Water Authority 江苏水务', 'Wanhua Chemical 万华化学', 'COFCO 中粮', 'Tata Steel Europe', 'Yili Dairy 伊利'];
  const Orders: Record<string, unknown>[] = [];
  for (let i = 0; i < 46; i++) {
    const [item, lo, hi] = products[i % products.length];
    const dueWeek = 1 + Math.floor((i / 46) * 11) + rng.int(0, 1);
    const status = i === 40 || i === 44 ? 'Draft' : i === 41 ? 'Cancelled' : i === 42 ? 'Completed' : i < 6 ? 'InProduction' : 'Approved';
    Orders.push({
      OrderId: `SO-26${String(1101 + i)}`,
      Customer: rng.pick(customers),
      Item: item,
      Quantity: rng.int(lo, hi) * (i < 6 ? 2 : 1),
      DueDate: addDays(start, dueWeek * 7 + rng.int(0, 4)),
      ReleaseDate: i < 6 ? start : addDays(start, Math.max(0, dueWeek - 4) * 7),
      Priority: i % 11 === 0 ? 1 : i % 5 === 0 ? 2 : i % 7 === 0 ? 4 : 3,
      Status: status,
      Notes: i % 11 === 0 ? 'Key account — rush 紧急' : undefined,
    });
  }

  // Actuals of the completed order SO-261143 (FG-PUMP-100, won on quote Q-2026-101): every
  // operation reported, material issued, two of the three workers on an hourly rate.
  const done = Orders[42];
  done.QuoteId = 'Q-2026-101';
  const q = done.Quantity as number;
  const Workers = [
    { Worker: 'W-017', Name: 'Zhao Lei 赵磊', HourlyRate: 52 },
    { Worker: 'W-023', Name: 'Liu Yang 刘洋', HourlyRate: 46 },
    { Worker: 'W-031', Name: 'Sun Li 孙丽' },
  ];
  const worked: [string, number, string, number][] = [
    ['SA-SHAFT', 10, 'W-031', 0.95], ['SA-SHAFT', 20, 'W-017', 1.1], ['SA-IMPELLER', 10, 'W-031', 1], ['SA-IMPELLER', 20, 'W-017', 1.15],
    ['SA-IMPELLER', 30, 'W-023', 1], ['SA-HOUSING', 10, 'W-031', 0.9], ['SA-HOUSING', 20, 'W-023', 1.05], ['SA-HOUSING', 30, 'W-017', 1.2],
    ['FG-PUMP-100', 10, 'W-023', 1.1], ['FG-PUMP-100', 20, 'W-017', 1], ['FG-PUMP-100', 30, 'W-031', 0.95],
  ];
  const WorkReports = worked.map(([item, seq, Worker, f], k) => {
    const r = Routing.find((x) => x.Item === item && x.OpSeq === seq)!;
    const hours = ((r.SetupHours as number) + (r.RunHoursPerUnit as number) * q) * f;
    return {
      ReportId: `WR-${9001 + k}`, Order: done.OrderId, OpSeq: seq, WorkCenter: r.WorkCenter, Date: addDays('2026-11-09', k),
      Hours: Math.round(hours * 2) / 2, GoodQty: q, ScrapQty: k === 3 ? 1 : 0, Worker, Item: item === 'FG-PUMP-100' ? undefined : item,
    };
  });
  const MaterialIssues = [
    { IssueId: 'MI-7001', Order: done.OrderId, Item: 'RM-STEEL-PLATE', Quantity: Math.ceil(26.5 * q), Date: '2026-11-06' },
    { IssueId: 'MI-7002', Order: done.OrderId, Item: 'RM-BAR-40', Quantity: Math.ceil(6.2 * q) / 10, Date: '2026-11-06' },
    { IssueId: 'MI-7003', Order: done.OrderId, Item: 'BP-MOTOR-3KW', Quantity: q, Date: '2026-11-16', UnitCost: 842 },
    { IssueId: 'MI-7004', Order: done.OrderId, Item: 'BP-SEAL-KIT', Quantity: q + 1, Date: '2026-11-16' },
    { IssueId: 'MI-7005', Order: done.OrderId, Item: 'BP-BOLT-M12', Quantity: Math.ceil(q / 10), Date: '2026-11-16' },
  ];

  // A half-done order: SO-261105 (8 FG-CONVEYOR-M, in production) has 4 units through every
  // operation of its frame and of the conveyor, and material issued for those 4 and a little more
  // (what is left stays with the order). Costs show its actual to date against standard and the
  // estimate to complete; the plan plans the 4 units left.
  const half = Orders[4];
  const h = 4;
  const halfOps: [string, number, string, number][] = [
    ['SA-FRAME', 10, 'W-031', 1.05], ['SA-FRAME', 20, 'W-023', 1.15], ['SA-FRAME', 30, 'W-031', 0.9],
    ['FG-CONVEYOR-M', 10, 'W-017', 1.1], ['FG-CONVEYOR-M', 20, 'W-031', 1], ['FG-CONVEYOR-M', 30, 'W-023', 1.2],
  ];
  halfOps.forEach(([item, seq, Worker, f], k) => {
    const r = Routing.find((x) => x.Item === item && x.OpSeq === seq)!;
    WorkReports.push({
      ReportId: `WR-${9101 + k}`, Order: half.OrderId as string, OpSeq: seq, WorkCenter: r.WorkCenter, Date: addDays('2026-11-16', k),
      Hours: Math.round(((r.SetupHours as number) + (r.RunHoursPerUnit as number) * h) * f * 2) / 2, GoodQty: h, ScrapQty: 0, Worker, Item: item === 'FG-CONVEYOR-M' ? undefined : item,
    });
  });
  MaterialIssues.push(
    { IssueId: 'MI-7101', Order: half.OrderId as string, Item: 'RM-STEEL-PLATE', Quantity: 180, Date: '2026-11-13' }, // 4 × 40 kg × 1.06 = 169.6 needed
    { IssueId: 'MI-7102', Order: half.OrderId as string, Item: 'BP-MOTOR-3KW', Quantity: h, Date: '2026-11-19' },
    { IssueId: 'MI-7103', Order: half.OrderId as string, Item: 'BP-BEARING-6205', Quantity: 26, Date: '2026-11-19' }, // 4 × 6 = 24 needed
    { IssueId: 'MI-7104', Order: half.OrderId as string, Item: 'BP-BOLT-M12', Quantity: 3, Date: '2026-11-13' }, // 4 × (0.5 + 0.2) = 2.8 needed
  );

  const Suppliers = [
    { SupplierId: 'S-BAOSTEEL', Name: 'Baosteel Metals 宝钢金属', Approved: 'Y', Contact: 'Li Wei' },
    { SupplierId: 'S-HUAYANG', Name: 'Huayang Bearing 华阳轴承', Approved: 'Y', Contact: 'Zhang Min' },
    { SupplierId: 'S-NB-MOTOR', Name: 'Ningbo Motor 宁波电机', Approved: 'Y', Contact: 'Chen Jie' },
    { SupplierId: 'S-WANXIN', Name: 'Wanxin Casting 万鑫铸造', Approved: 'Y', Contact: 'Wang Fang' },
    { SupplierId: 'S-DELTA', Name: 'Delta Seals Ltd', Approved: 'Y', Contact: 'J. Becker' },
    { SupplierId: 'S-QUICK', Name: 'QuickParts 快捷配件', Approved: 'N', Contact: 'Zhou Lin' },
    { SupplierId: 'S-SHENGDA', Name: 'Shengda Gears 盛达齿轮', Approved: 'Y', Contact: 'Sun Hao' },
  ];
  const SupplierItems = [
    { Supplier: 'S-BAOSTEEL', Item: 'RM-STEEL-PLATE', UnitPrice: 8.2, MinOrderQty: 1000, LeadTimeDays: 10, SharePct: 70 },
    { Supplier: 'S-QUICK', Item: 'RM-STEEL-PLATE', UnitPrice: 7.9, MinOrderQty: 0, LeadTimeDays: 7, SharePct: 0 },
    { Supplier: 'S-WANXIN', Item: 'RM-STEEL-PLATE', UnitPrice: 8.8, MinOrderQty: 200, LeadTimeDays: 12, SharePct: 30 },
    { Supplier: 'S-BAOSTEEL', Item: 'RM-BAR-40', UnitPrice: 44, MinOrderQty: 50, LeadTimeDays: 14, SharePct: 100 },
    { Supplier: 'S-WANXIN', Item: 'RM-CASTING-VB', UnitPrice: 118, MinOrderQty: 100, LeadTimeDays: 28, SharePct: 100 },
    { Supplier: 'S-NB-MOTOR', Item: 'BP-MOTOR-3KW', UnitPrice: 835, MinOrderQty: 10, LeadTimeDays: 21, SharePct: 100 },
    { Supplier: 'S-NB-MOTOR', Item: 'BP-MOTOR-7KW', UnitPrice: 1620, MinOrderQty: 5, LeadTimeDays: 35, SharePct: 100 },
    { Supplier: 'S-DELTA', Item: 'BP-SEAL-KIT', UnitPrice: 63, MinOrderQty: 50, LeadTimeDays: 14, SharePct: 60 },
    { Supplier: 'S-QUICK', Item: 'BP-SEAL-KIT', UnitPrice: 52, MinOrderQty: 0, LeadTimeDays: 7, SharePct: 0 },
    { Supplier: 'S-HUAYANG', Item: 'BP-SEAL-KIT', UnitPrice: 66, MinOrderQty: 20, LeadTimeDays: 10, SharePct: 40 },
    { Supplier: 'S-DELTA', Item: 'BP-SEAL-KIT-V2', UnitPrice: 71, MinOrderQty: 50, LeadTimeDays: 14, SharePct: 100 },
    { Supplier: 'S-HUAYANG', Item: 'BP-BEARING-6205', UnitPrice: 17.5, MinOrderQty: 100, LeadTimeDays: 10, SharePct: 100 },
    { Supplier: 'S-QUICK', Item: 'BP-BOLT-M12', UnitPrice: 36, MinOrderQty: 0, LeadTimeDays: 5, SharePct: 0 },
    { Supplier: 'S-HUAYANG', Item: 'BP-BOLT-M12', UnitPrice: 39, MinOrderQty: 10, LeadTimeDays: 7, SharePct: 100 },
    { Supplier: 'S-SHENGDA', Item: 'BP-GEAR-SET', UnitPrice: 605, MinOrderQty: 5, LeadTimeDays: 42, SharePct: 100 },
  ];

  // Purchase history over 2026-Q2 and 2026-Q3, each supplier with its own habits; then open lines.
  const habits: Record<string, { late: number; reject: number; short: number }> = {
    'S-BAOSTEEL': { late: 0.1, reject: 0.01, short: 0.02 },
    'S-HUAYANG': { late: 0.2, reject: 0.03, short: 0.05 },
    'S-NB-MOTOR': { late: 0.35, reject: 0.02, short: 0.1 },
    'S-WANXIN': { late: 0.15, reject: 0.08, short: 0.05 },
    'S-DELTA': { late: 0.05, reject: 0.005, short: 0 },
    'S-QUICK': { late: 0.1, reject: 0.12, short: 0.1 },
    'S-SHENGDA': { late: 0.45, reject: 0.04, short: 0.1 },
  };
  const PurchaseOrders: Record<string, unknown>[] = [];
  let po = 5001;
  for (let week = 0; week < 26; week++) {
    const due = addDays('2026-04-06', week * 7);
    for (const si of SupplierItems) {
      if (rng.next() > 0.3) continue;
      const h = habits[si.Supplier];
      const qty = Math.max(si.MinOrderQty, Math.round((si.Item.startsWith('RM-STEEL') ? 1500 : 40) * (0.5 + rng.next())));
      const late = rng.next() < h.late ? rng.int(1, 12) : -rng.int(0, 2);
      const received = rng.next() < h.short ? Math.round(qty * 0.9) : qty;
      const accepted = received - (rng.next() < h.reject * 5 ? Math.ceil(received * h.reject * 4) : 0);
      PurchaseOrders.push({
        PoId: `PO-${po++}`, Supplier: si.Supplier, Item: si.Item, Quantity: qty,
        UnitPrice: Math.round(si.UnitPrice * (0.97 + rng.next() * 0.06) * 100) / 100,
        DueDate: due, ReceivedDate: addDays(due, late), ReceivedQty: received, AcceptedQty: accepted,
      });
    }
  }
  const open: [string, string, number, number][] = [
    ['S-BAOSTEEL', 'RM-STEEL-PLATE', 3000, 7], ['S-NB-MOTOR', 'BP-MOTOR-3KW', 20, 14], ['S-NB-MOTOR', 'BP-MOTOR-7KW', 10, 28],
    ['S-WANXIN', 'RM-CASTING-VB', 300, 21], ['S-SHENGDA', 'BP-GEAR-SET', 15, 35], ['S-DELTA', 'BP-SEAL-KIT-V2', 200, 42],
    ['S-BAOSTEEL', 'RM-BAR-40', 150, 10],
  ];
  for (const [Supplier, Item, Quantity, days] of open) {
    const si = SupplierItems.find((s) => s.Supplier === Supplier && s.Item === Item)!;
    PurchaseOrders.push({ PoId: `PO-${po++}`, Supplier, Item, Quantity, UnitPrice: si.UnitPrice, DueDate: addDays(start, days) });
  }

  const SupplierRatings = Suppliers.flatMap((s, k) =>
    ['2026-Q2', '2026-Q3'].map((Period, q) => ({ Supplier: s.SupplierId, Period, Service: Math.min(5, 2 + ((k + q) % 4)), Cooperation: Math.min(5, 3 + ((k * 3 + q) % 3)) })),
  );

  const Quotes = [
    { QuoteId: 'Q-2026-101', Customer: 'Sinopec Zhenhai 镇海炼化', Item: 'FG-PUMP-100', Quantity: 10, RequestedDate: '2027-01-22', MarginPct: 25 },
    { QuoteId: 'Q-2026-101', Customer: 'Sinopec Zhenhai 镇海炼化', Item: 'FG-PUMP-100', Quantity: 50, RequestedDate: '2027-02-05', MarginPct: 22 },
    { QuoteId: 'Q-2026-101', Customer: 'Sinopec Zhenhai 镇海炼化', Item: 'FG-PUMP-100', Quantity: 200, RequestedDate: '2027-02-26', MarginPct: 18 },
    { QuoteId: 'Q-2026-102', Customer: 'Wanhua Chemical 万华化学', Item: 'FG-GEARBOX-A', Quantity: 5, RequestedDate: '2027-01-08', MarginPct: 30 },
    { QuoteId: 'Q-2026-102', Customer: 'Wanhua Chemical 万华化学', Item: 'FG-GEARBOX-A', Quantity: 20, RequestedDate: '2027-01-29', MarginPct: 27 },
    { QuoteId: 'Q-2026-103', Customer: 'COFCO 中粮', Item: 'FG-MIXER-30', Quantity: 3, RequestedDate: '2026-12-18', MarginPct: 22, MaterialMarkupPct: 5 },
  ];
  const CostRisk = [
    { Target: 'RM-STEEL-PLATE', Factor: 'Price', Distribution: 'Triangular', Low: 0.95, Likely: 1, High: 1.25 },
    { Target: 'BP-MOTOR-3KW', Factor: 'Price', Distribution: 'Normal', Low: 0.92, Likely: 1, High: 1.08 },
    { Target: 'BP-MOTOR-7KW', Factor: 'Price', Distribution: 'Normal', Low: 0.92, Likely: 1, High: 1.1 },
    { Target: 'CNC', Factor: 'RunHours', Distribution: 'Triangular', Low: 0.9, Likely: 1, High: 1.3 },
    { Target: 'ASSY', Factor: 'LabourRate', Distribution: 'Uniform', Low: 1, Likely: 1, High: 1.08 },
    { Target: 'SA-IMPELLER', Factor: 'ScrapPct', Distribution: 'Triangular', Low: 0.5, Likely: 1, High: 2 },
  ];

  return {
    settings,
    sheets: { Items, BOM, Routing, WorkCenters, Calendar, Orders, Suppliers, SupplierItems, PurchaseOrders, SupplierRatings, Quotes, CostRisk, Workers, WorkReports, MaterialIssues },
  };
}

/** Records → the row shape readers produce (English headers, contract column order). */
export function recordsToRows(p: PlantRecords): WorkbookRows {
  const book: WorkbookRows = {
    Settings: { header: ['Key', 'Value'], rows: Object.entries(p.settings).map(([k, v]) => [k, v as never]) },
  };
  for (const def of Object.values(SHEETS) as SheetDef[]) {
    const recs = p.sheets[def.name];
    if (!recs) continue;
    const cols = columnsOf(def);
    book[def.name] = { header: cols.map((c) => c.key), rows: recs.map((r) => cols.map((c) => (r[c.key] ?? null) as never)) };
  }
  return book;
}
