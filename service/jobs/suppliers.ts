// The supplier scorecard job (issue 5): score suppliers for a period, return JSON and the
// SupplierScorecard result sheet, and build the standalone formatted export workbook.
// (Being written: the full implementation follows in the next commits.)
import type { Plant } from '../../shared/domain';
import type { JobOptions, JobRunner } from './types';

export const runSuppliers: JobRunner = async (_plant, _opts) => {
  throw new Error('supplier scorecard: not implemented yet');
};

export async function scorecardWorkbook(_plant: Plant, _opts: JobOptions): Promise<Buffer> {
  throw new Error('supplier scorecard export: not implemented yet');
}
