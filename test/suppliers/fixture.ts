// A small plant whose scorecard is worked out by hand in score.test.ts (the arithmetic is there).
import { recordsToRows, type PlantRecords } from '../../shared/sample-plant';
import type { Plant } from '../../shared/domain';
import { readPlant } from '../../shared/validate';

export const SETTINGS = {
  OnTimeToleranceDays: 2,
  WeightOnTime: 30,
  WeightQuality: 30,
  WeightPrice: 25,
  WeightService: 15,
  GradeA: 90,
  GradeB: 75,
  GradeC: 60,
};

const po = (PoId: string, Supplier: string, Item: string, Quantity: number, UnitPrice: number, DueDate: string, ReceivedDate?: string, ReceivedQty?: number, AcceptedQty?: number) =>
  ({ PoId, Supplier, Item, Quantity, UnitPrice, DueDate, ReceivedDate, ReceivedQty, AcceptedQty });

/**
 * S-A Alpha (approved), S-B Beta (approved), S-C Gamma (NOT approved), S-D Delta (approved, nothing
 * received in 2026-Q3). Approved list prices: BOLT 10 (S-A), 12 (S-B), 11 (S-D); NUT 5 (S-A), 4 (S-B);
 * S-C's BOLT at 8 is cheaper but not approved, so it is no benchmark.
 */
export function handPlant(): PlantRecords {
  return {
    settings: { ...SETTINGS },
    sheets: {
      Items: [
        { ItemId: 'BOLT', Type: 'Buy' },
        { ItemId: 'NUT', Type: 'Buy' },
      ],
      Suppliers: [
        { SupplierId: 'S-A', Name: 'Alpha', Approved: 'Y' },
        { SupplierId: 'S-B', Name: 'Beta', Approved: 'Y' },
        { SupplierId: 'S-C', Name: 'Gamma', Approved: 'N' },
        { SupplierId: 'S-D', Name: 'Delta', Approved: 'Y' },
      ],
      SupplierItems: [
        { Supplier: 'S-A', Item: 'BOLT', UnitPrice: 10, SharePct: 60 },
        { Supplier: 'S-B', Item: 'BOLT', UnitPrice: 12, SharePct: 30 },
        { Supplier: 'S-C', Item: 'BOLT', UnitPrice: 8 },
        { Supplier: 'S-D', Item: 'BOLT', UnitPrice: 11, SharePct: 10 },
        { Supplier: 'S-A', Item: 'NUT', UnitPrice: 5, SharePct: 50 },
        { Supplier: 'S-B', Item: 'NUT', UnitPrice: 4, SharePct: 50 },
      ],
      PurchaseOrders: [
        // S-A in 2026-Q3
        po('PO-1', 'S-A', 'BOLT', 100, 10, '2026-07-10', '2026-07-12', 100, 96), // 2 days late = tolerance → on time
        po('PO-2', 'S-A', 'BOLT', 100, 12.5, '2026-08-10', '2026-08-13', 80, 80), // 3 days late → late; short
        po('PO-3', 'S-A', 'NUT', 200, 5, '2026-09-01', '2026-08-30', 200, 180), // early → on time
        po('PO-4', 'S-A', 'NUT', 100, 5, '2026-09-20', '2026-09-20'), // blank ReceivedQty and AcceptedQty
        // S-B in 2026-Q3
        po('PO-5', 'S-B', 'NUT', 100, 4, '2026-07-15', '2026-07-15', 100, 100),
        po('PO-6', 'S-B', 'BOLT', 50, 12, '2026-07-20', '2026-07-30', 50, 40), // 10 days late
        // S-C in 2026-Q3
        po('PO-7', 'S-C', 'BOLT', 100, 8, '2026-08-01', '2026-08-01', 100, 100),
        // 2026-Q2 history (the trend) and lines outside Q3
        po('PO-8', 'S-D', 'BOLT', 100, 11, '2026-05-01', '2026-05-05', 100, 100), // 4 days late
        po('PO-9', 'S-D', 'BOLT', 100, 11, '2026-10-10'), // open: never counted
        po('PO-10', 'S-A', 'BOLT', 100, 10, '2026-06-01', '2026-06-01', 100, 100),
        po('PO-11', 'S-B', 'NUT', 100, 4, '2026-06-25', '2026-07-01', 100, 100), // received on Q3's first day → Q3
        po('PO-12', 'S-B', 'NUT', 100, 4, '2026-09-30', '2026-10-01', 100, 100), // received the day after Q3 → Q4
      ],
      SupplierRatings: [
        { Supplier: 'S-A', Period: '2026-Q3', Service: 4, Cooperation: 5 },
        { Supplier: 'S-A', Period: '2026-Q2', Service: 1, Cooperation: 1 },
        { Supplier: 'S-C', Period: '2026-q3', Service: 5, Cooperation: 5 }, // period matched case-insensitively
        { Supplier: 'S-B', Period: '2026-09', Service: 1, Cooperation: 1 }, // a month: not Q3's rating
      ],
    },
  };
}

export function plantOf(records: PlantRecords): Plant {
  const { plant, problems } = readPlant(recordsToRows(records), 'suppliers');
  if (problems.length) throw new Error(problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`).join('\n'));
  return plant;
}
