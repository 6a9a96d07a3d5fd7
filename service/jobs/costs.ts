// The costs job: cost per sales order (standard, quoted, actual, to complete, variances, margin),
// subcontract lots and wages, as JSON and as the OrderCosts, OrderCostTrace, SubcontractLots and
// Wages sheets. Warnings (material issued outside an order's BOM) travel with the result.
import { actualsWarnings } from '../../shared/actuals/check';
import { costsAnswer } from '../../shared/actuals/answers';
import { orderCosts } from '../../shared/actuals/order-costs';
import { lotsSheet, orderCostsSheet, orderCostTraceSheet, wagesSheet } from '../../shared/actuals/sheets';
import { lotFollowUp } from '../../shared/actuals/subcontract';
import { wages } from '../../shared/actuals/wages';
import { InputError } from '../../shared/problems';
import type { JobRunner } from './types';

export const runCosts: JobRunner<'costs'> = async (plant, opts) => {
  const { costs, problems } = orderCosts(plant);
  if (problems.length) throw new InputError(problems);
  const lots = lotFollowUp(plant);
  const wageLines = wages(plant);
  const warnings = actualsWarnings(plant);
  opts.onProgress?.(opts.lang === 'zh' ? `已核算 ${costs.length} 张订单的成本` : `costed ${costs.length} orders`);
  const json = costsAnswer(plant, costs, lots, wageLines, warnings, opts.lang);
  const sheets = [orderCostsSheet(costs, opts.lang), orderCostTraceSheet(costs, opts.lang)];
  if (lots.length) sheets.push(lotsSheet(lots));
  if (wageLines.length) sheets.push(wagesSheet(wageLines));
  return { json, sheets };
};
