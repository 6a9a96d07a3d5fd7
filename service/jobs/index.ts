// Job name → runner: the one map the service's workers (and anything else that runs jobs by name) use.
import type { Job } from '../../shared/contract';
import { runCosts } from './costs';
import { runPlan } from './plan';
import { runPrices } from './prices';
import { runQuote } from './quote';
import { runSuppliers } from './suppliers';
import type { JobRunner } from './types';

export const JOBS: { [J in Job]: JobRunner<J> } = {
  plan: runPlan,
  quote: runQuote,
  suppliers: runSuppliers,
  costs: runCosts,
  prices: runPrices,
};

export { JOB_NAMES } from '../../shared/answers';

export { scorecardWorkbook } from './suppliers';
