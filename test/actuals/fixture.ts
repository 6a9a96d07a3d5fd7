// A small plant with an order half done, worked by hand in costs.test.ts.
//
//   FG (Make): op 10 on CUT (setup 2 h, 0.5 h/unit, piece rate 1.50), op 20 on ASM (1 h/unit, piece rate 2.00)
//    ├─ RM  ×2 (Buy; SUP1 approved tiers: 9.50 from 0, 9.00 from 100 units)
//    └─ RM2 ×1 (Buy; StdCost 3.00, no supplier)
//   CUT: labour 40/h, overhead 20/h. ASM: labour 30/h, overhead 10/h.
//   FG2 (Make): op 10 CUT 0.1 h/unit, op 20 on PLATE (no own hours: subcontracted at 5.00/unit), op 30 ASM 0.2 h/unit.
//
// SO1: 10 FG, InProduction, won on quote Q1 (breaks 5 and 20 units, margin 20 %).
//   op 10 reported 6 + 4 good (1 scrap) in 5 h (worker W1, 42/h) + 3 h (W2, no rate of their own);
//   op 20 reported 4 good in 5 h (W1). Issued 22 RM (price from its PO line P1 at 9.80) and 10 RM2 at 3.20.
// SO2: 10 FG2, InProduction: op 10 reported 10 good; lot L1 of 10 sent to SUB for op 20, 8 back and accepted.
import type { PlantRecords } from '../../shared/sample-plant';

export const START = '2026-03-02'; // a Monday

export function actualsBook(): PlantRecords {
  return {
    settings: { PlanStart: START, BucketDays: 7, HorizonBuckets: 8, Currency: 'CNY', LatePenaltyPerUnitDay: 10 },
    sheets: {
      Items: [
        { ItemId: 'FG', Type: 'Make', Uom: 'pcs' },
        { ItemId: 'FG2', Type: 'Make', Uom: 'pcs' },
        { ItemId: 'RM', Type: 'Buy', Uom: 'kg', OnHand: 0, LeadTimeDays: 14 },
        { ItemId: 'RM2', Type: 'Buy', Uom: 'pcs', StdCost: 3, OnHand: 0, LeadTimeDays: 7 },
      ],
      BOM: [
        { Parent: 'FG', Component: 'RM', QtyPer: 2 },
        { Parent: 'FG', Component: 'RM2', QtyPer: 1 },
      ],
      Routing: [
        { Item: 'FG', OpSeq: 10, WorkCenter: 'CUT', SetupHours: 2, RunHoursPerUnit: 0.5, PieceRate: 1.5 },
        { Item: 'FG', OpSeq: 20, WorkCenter: 'ASM', RunHoursPerUnit: 1, PieceRate: 2 },
        { Item: 'FG2', OpSeq: 10, WorkCenter: 'CUT', RunHoursPerUnit: 0.1 },
        { Item: 'FG2', OpSeq: 20, WorkCenter: 'PLATE', RunHoursPerUnit: 0, Subcontract: 'Y', SubcontractCostPerUnit: 5, SubcontractLeadDays: 7 },
        { Item: 'FG2', OpSeq: 30, WorkCenter: 'ASM', RunHoursPerUnit: 0.2 },
      ],
      WorkCenters: [
        { WorkCenterId: 'CUT', HoursPerDay: 8, LabourRate: 40, OverheadRate: 20 },
        { WorkCenterId: 'ASM', HoursPerDay: 8, LabourRate: 30, OverheadRate: 10 },
        { WorkCenterId: 'PLATE', HoursPerDay: 0, LabourRate: 0, OverheadRate: 0 },
      ],
      Orders: [
        { OrderId: 'SO1', Customer: 'ACME', Item: 'FG', Quantity: 10, DueDate: '2026-03-27', ReleaseDate: '2026-02-16', Status: 'InProduction', QuoteId: 'Q1' },
        { OrderId: 'SO2', Customer: 'ACME', Item: 'FG2', Quantity: 10, DueDate: '2026-03-27', ReleaseDate: '2026-02-16', Status: 'InProduction' },
      ],
      Quotes: [
        { QuoteId: 'Q1', Customer: 'ACME', Item: 'FG', Quantity: 5, MarginPct: 20 },
        { QuoteId: 'Q1', Customer: 'ACME', Item: 'FG', Quantity: 20, MarginPct: 20 },
      ],
      Suppliers: [
        { SupplierId: 'SUP1', Name: 'Steel Co', Approved: 'Y' },
        { SupplierId: 'SUP2', Name: 'Grey market', Approved: 'N' },
        { SupplierId: 'SUB', Name: 'Plating shop', Approved: 'Y' },
      ],
      SupplierItems: [
        { Supplier: 'SUP1', Item: 'RM', UnitPrice: 9.5, MinOrderQty: 0 },
        { Supplier: 'SUP1', Item: 'RM', UnitPrice: 9, MinOrderQty: 100 },
      ],
      PurchaseOrders: [
        { PoId: 'P1', Supplier: 'SUP1', Item: 'RM', Quantity: 30, UnitPrice: 9.8, DueDate: '2026-02-13', ReceivedDate: '2026-02-13', ReceivedQty: 30, Order: 'SO1' },
        { PoId: 'P2', Supplier: 'SUP1', Item: 'RM', Quantity: 120, UnitPrice: 9.9, DueDate: '2026-02-20', ReceivedDate: '2026-02-20', ReceivedQty: 120 },
        { PoId: 'P3', Supplier: 'SUP1', Item: 'RM', Quantity: 50, UnitPrice: 9.65, DueDate: '2026-02-27', ReceivedDate: '2026-02-27', ReceivedQty: 50 },
        { PoId: 'P4', Supplier: 'SUP2', Item: 'RM', Quantity: 10, UnitPrice: 9, DueDate: '2026-02-27', ReceivedDate: '2026-02-27', ReceivedQty: 10 },
        { PoId: 'L1', Supplier: 'SUB', Item: 'FG2', Quantity: 10, UnitPrice: 5, DueDate: '2026-02-27', ReceivedDate: '2026-02-26', ReceivedQty: 8, AcceptedQty: 8, Order: 'SO2', OpSeq: 20 },
      ],
      Workers: [
        { Worker: 'W1', Name: 'Li Wei', HourlyRate: 42 },
        { Worker: 'W2', Name: 'Wang Fang' },
      ],
      WorkReports: [
        { ReportId: 'R1', Order: 'SO1', OpSeq: 10, WorkCenter: 'CUT', Date: '2026-02-23', Hours: 5, GoodQty: 6, ScrapQty: 0, Worker: 'W1' },
        { ReportId: 'R2', Order: 'SO1', OpSeq: 10, Date: '2026-02-24', Hours: 3, GoodQty: 4, ScrapQty: 1, Worker: 'W2' },
        { ReportId: 'R3', Order: 'SO1', OpSeq: 20, Date: '2026-02-25', Hours: 5, GoodQty: 4, Worker: 'W1' },
        { ReportId: 'R4', Order: 'SO2', OpSeq: 10, Date: '2026-02-20', Hours: 1, GoodQty: 10 },
      ],
      MaterialIssues: [
        { IssueId: 'I1', Order: 'SO1', Item: 'RM', Quantity: 22, Date: '2026-02-23' },
        { IssueId: 'I2', Order: 'SO1', Item: 'RM2', Quantity: 10, Date: '2026-02-23', UnitCost: 3.2 },
      ],
    },
  };
}
