// Wages per worker and month from WorkReports: hours × the worker's HourlyRate (Workers) plus
// good units × the operation's PieceRate (Routing). Reports without a Worker are left out.
import type { Plant } from '../domain';
import { matchReport, orderOperations } from './progress';

const key = (s: string) => s.toLowerCase();

export interface WageLine {
  worker: string;
  name?: string;
  /** YYYY-MM of the reports */
  period: string;
  hours: number;
  goodQty: number;
  hourlyRate?: number;
  hourlyWage: number;
  pieceWage: number;
  total: number;
  reports: number;
}

export function wages(plant: Plant): WageLine[] {
  const workers = new Map(plant.Workers.map((w) => [key(w.Worker), w]));
  const orders = new Map(plant.Orders.map((o) => [key(o.OrderId), o]));
  const opsOf = new Map<string, ReturnType<typeof orderOperations>>();
  const out = new Map<string, WageLine>();
  for (const r of plant.WorkReports) {
    if (r.Worker === undefined) continue;
    const w = workers.get(key(r.Worker));
    const period = r.Date.slice(0, 7);
    const k = `${key(r.Worker)}|${period}`;
    let line = out.get(k);
    if (!line) out.set(k, (line = { worker: w?.Worker ?? r.Worker, name: w?.Name, period, hours: 0, goodQty: 0, hourlyRate: w?.HourlyRate, hourlyWage: 0, pieceWage: 0, total: 0, reports: 0 }));
    const order = orders.get(key(r.Order));
    if (order && !opsOf.has(key(order.OrderId))) opsOf.set(key(order.OrderId), orderOperations(plant, order));
    const op = order ? matchReport(opsOf.get(key(order.OrderId))!, r) : undefined;
    line.reports++;
    line.hours += r.Hours;
    line.goodQty += r.GoodQty;
    line.hourlyWage += r.Hours * (w?.HourlyRate ?? 0);
    line.pieceWage += r.GoodQty * (op?.op.PieceRate ?? 0);
    line.total = line.hourlyWage + line.pieceWage;
  }
  return [...out.values()].sort((a, b) => (a.worker === b.worker ? (a.period < b.period ? -1 : 1) : a.worker < b.worker ? -1 : 1));
}
