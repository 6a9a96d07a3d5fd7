// The one id rule for every code a planner types (ItemId, WorkCenterId, SupplierId and every
// reference to them): surrounding spaces do not count and case does not matter, so "a", " A "
// and "A" are one item. Maps are keyed by idKey; the original spelling is kept on the record
// for display.

/** idKey(' Bp-Motor ') === 'bp-motor'. A row whose id cell failed to parse has none: it keys as ''. */
export const idKey = (id: string | undefined): string => (id ?? '').trim().toLowerCase();

/** Same item, work center or supplier under the id rule. */
export const sameId = (a: string, b: string): boolean => idKey(a) === idKey(b);
