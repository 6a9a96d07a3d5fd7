// Orders and component needs served from stock before anything is made.
//
// Make items: their stock above safety stock (OnHand − SafetyStock) is there at PlanStart. It is
// handed out first come by priority — orders by Priority, then due date, then sheet row — each
// order first taking its finished item, then (parents before children) its Make components. An
// order covered in full ships from stock and gets no work; a part covered leaves the rest to be
// made (its operations sized for the rest). A component covered in full drops out of the order's
// tree with everything below it; a part covered scales that branch down: per parent unit the
// branch makes (1 − covered share) of the components, the rest coming from stock at PlanStart
// (a proportional mix, so the plan stays linear per order unit).
//
// Buy items ordered directly (trading goods) have no routing: the order gets one "ship" step that
// draws the item from the plan's stock balance like any Buy component — stock, open POs, then
// purchases after the lead time — and no work center.
import type { Operation, Plant } from '../domain';
import { key } from './capacity';
import type { PlannedOrder } from './build-model';
import type { PartNode } from './network';

/** The work center id of the ship step of a Buy item ordered directly: no capacity. */
export const SHIP_WC = '';

/** Gives a Buy item's order tree one step that draws the item itself from stock. */
export function addShipStep(root: PartNode): void {
  const op: Operation = {
    row: 0,
    Item: root.item.ItemId,
    OpSeq: 0,
    WorkCenter: SHIP_WC,
    SetupHours: 0,
    PieceRate: undefined,
    RunHoursPerUnit: 0,
    Subcontract: false,
    SubcontractCostPerUnit: undefined,
    SubcontractLeadDays: 0,
    Preference: undefined,
  };
  root.buyChildren = [{ item: root.item, ratio: 1 }];
  root.ops = [{ node: root, label: 'SHIP', op, wc: SHIP_WC, hoursPerUnit: 0, subcontract: false }];
}

/** Scales a branch's quantities; `perUnit` also scales its units per order unit. */
function scale(n: PartNode, f: number, perUnit: boolean): void {
  n.qty *= f;
  if (perUnit) n.perOrderUnit *= f;
  for (const op of n.ops) op.hoursPerUnit = op.op.RunHoursPerUnit + (n.qty > 0 ? op.op.SetupHours / n.qty : 0);
  for (const c of n.makeChildren) scale(c.node, f, perUnit);
}

const tol = (q: number) => 1e-9 * Math.max(1, q);

/**
 * Hands out Make-item stock to the orders (see the top of this file). Sets each order's
 * `fromStock` and `componentsFromStock`, and trims or scales its tree.
 */
export function netMakeStock(plant: Plant, orders: Pick<PlannedOrder, 'order' | 'root' | 'fromStock' | 'componentsFromStock' | 'hypothetical'>[]): void {
  let left = new Map<string, number>();
  for (const i of plant.Items) if (i.Type === 'Make' && i.OnHand > i.SafetyStock) left.set(key(i.ItemId), i.OnHand - i.SafetyStock);
  if (left.size === 0) return;
  const take = (itemId: string, want: number): number => {
    const have = left.get(key(itemId)) ?? 0;
    const got = Math.min(have, want);
    if (got > 0) left.set(key(itemId), have - got);
    return got;
  };
  // Firm orders first; each hypothetical order then sees what they leave, reserving nothing.
  const byPriority = orders.slice().sort((a, b) => Number(a.hypothetical ?? false) - Number(b.hypothetical ?? false) || byRank(a, b));
  let firmLeft: Map<string, number> | undefined;
  for (const o of byPriority) {
    if (o.hypothetical) left = new Map((firmLeft ??= left));
    netOne(o);
  }

  function netOne(o: (typeof orders)[number]) {
    if (o.root.item.Type !== 'Make') return;
    const q = o.order.Quantity;
    const got = take(o.root.item.ItemId, q);
    o.fromStock = got;
    if (got >= q - tol(q)) return; // ships from stock: nothing to make
    if (got > 0) scale(o.root, (q - got) / q, false);
    const walk = (n: PartNode) => {
      n.makeChildren = n.makeChildren.filter((c) => {
        const need = c.node.qty;
        const g = take(c.node.item.ItemId, need);
        if (g > 0) o.componentsFromStock.push({ item: c.node.item.ItemId, quantity: g });
        if (g >= need - tol(need)) return false;
        if (g > 0) {
          const f = (need - g) / need;
          c.ratio *= f;
          scale(c.node, f, true);
        }
        walk(c.node);
        return true;
      });
    };
    walk(o.root);
  }
}

/** First come by priority: Priority, then due date, then sheet row. */
const byRank = (a: Pick<PlannedOrder, 'order'>, b: Pick<PlannedOrder, 'order'>) =>
  a.order.Priority - b.order.Priority || (a.order.DueDate < b.order.DueDate ? -1 : a.order.DueDate > b.order.DueDate ? 1 : 0) || a.order.row - b.order.row;

