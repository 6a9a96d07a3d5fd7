// Domain nouns as planners say them (docs/glossary.md), each a parsed row of its sheet.
import type { BOM, Calendar as CalendarSheet, CostRisk, Items, MaterialIssues, Orders, PurchaseOrders, Quotes, Routing, RowOf, SupplierItems, SupplierRatings, Suppliers, WorkCenters, WorkReports, Workers } from './contract';
import type { Tables } from './parse';

export type Order = RowOf<typeof Orders>;
export type Item = RowOf<typeof Items>;
export type BomLine = RowOf<typeof BOM>;
export type Operation = RowOf<typeof Routing>;
export type WorkCenter = RowOf<typeof WorkCenters>;
export type CalendarException = RowOf<typeof CalendarSheet>;
export type Supplier = RowOf<typeof Suppliers>;
export type SupplierItem = RowOf<typeof SupplierItems>;
export type PurchaseOrder = RowOf<typeof PurchaseOrders>;
export type SupplierRating = RowOf<typeof SupplierRatings>;
export type QuoteLine = RowOf<typeof Quotes>;
export type CostRiskRow = RowOf<typeof CostRisk>;
export type WorkReport = RowOf<typeof WorkReports>;
export type MaterialIssue = RowOf<typeof MaterialIssues>;
export type Worker = RowOf<typeof Workers>;

/** A validated workbook: every table of the contract, typed, plus where each value came from. */
export type Plant = Tables;
