// The plan job (DESIGN.md §3): validated plant → LP → solve → Plan, Load, Materials and
// Exceptions. The backend is picked by model size unless --solver / the API forces one; the
// model can be written as a CPLEX-LP file for glpsol, CBC or anyone to inspect.
import { writeFile } from 'node:fs/promises';
import { toLpFile } from '../../shared/lp/lp-file';
import { solvePlan } from '../../shared/plan/solve-plan';
import { pickBackend } from '../solvers/index';
import type { JobRunner } from './types';

export const runPlan: JobRunner = async (plant, opts) => {
  const { json, sheets, stats } = await solvePlan(plant, {
    lang: opts.lang,
    includeDrafts: opts.includeDrafts,
    timeLimitSeconds: opts.timeLimitSeconds,
    onProgress: opts.onProgress,
    backend: (model) => pickBackend(opts.solver ?? 'auto', model),
    onModel: opts.exportLp ? (model) => writeFile(opts.exportLp!, toLpFile(model)) : undefined,
  });
  return { json, sheets, stats };
};
