// The plan job: validated plant → LP → solve → plan, load, materials and exceptions.
// (Minimal placeholder; the full runner lands with shared/plan.)
import { SolveError } from '../../shared/problems';
import type { JobRunner } from './types';

export const runPlan: JobRunner = async () => {
  throw new SolveError('planning is not available yet', '计划功能尚未就绪', 'error');
};
