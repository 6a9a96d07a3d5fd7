// The plant network: one id rule, one index of the workbook's items, BOM, routings, work centers
// and suppliers, one BOM explosion and one purchase-price rule.
export { idKey, sameId } from './id';
export { plantNetwork, type PlantNetwork } from './network';
export { datedLinesBelow, effectiveOn, explodeBom, findBomCycle, usageByItem, type BomNode } from './explode';
export { purchasePrice, tierFor, type PurchasePrice } from './supplier-price';
