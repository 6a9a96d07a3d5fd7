// Which backend solves a model. `auto` keeps javascript-lp-solver for tiny models (it is pure JS
// and fast there) and gives everything else to HiGHS; `--solver` / the API can force any of them.
import { SOLVER_NAMES, type SolverName } from '../../shared/answers';
import { jslpBackend } from './jslp';
import type { LpModel, SolverBackend } from '../../shared/lp/model';
import { SolveError } from '../../shared/problems';
import { highsBackend, type HighsMethod, type HighsTuning } from './highs';
import { lpFileBackend } from './lp-file-solver';

/** The solver names a job may ask for, declared once in shared/answers.ts. */
export type BackendName = SolverName;
export const BACKEND_NAMES: readonly BackendName[] = SOLVER_NAMES;

/** Largest model (in columns) `auto` gives to javascript-lp-solver. */
export const JSLP_MAX_COLUMNS = 300;

/**
 * Largest model javascript-lp-solver takes even when asked for by name: beyond it, it holds a
 * worker for minutes and a gigabyte (the 8,241-column sample plant: over 120 s) where HiGHS
 * needs a second, so it is refused before solving.
 */
export const JSLP_FORCED_MAX_COLUMNS = 3000;

export function pickBackend(name: BackendName, model: LpModel, opts: { highsMethod?: HighsMethod } & HighsTuning = {}): SolverBackend {
  switch (name) {
    case 'auto':
      return model.colCost.length <= JSLP_MAX_COLUMNS ? jslpBackend : highsBackend(opts.highsMethod, opts);
    case 'highs':
      return highsBackend(opts.highsMethod, opts);
    case 'jslp':
      if (model.colCost.length > JSLP_FORCED_MAX_COLUMNS)
        throw new SolveError(
          `the model has ${model.colCost.length} variables; javascript-lp-solver (solver jslp) takes up to ${JSLP_FORCED_MAX_COLUMNS}: use solver highs or auto`,
          `模型有 ${model.colCost.length} 个变量，javascript-lp-solver（jslp）最多处理 ${JSLP_FORCED_MAX_COLUMNS} 个：请改用 highs 或 auto`,
          'tooLarge',
        );
      return jslpBackend;
    case 'glpk':
    case 'cbc':
      return lpFileBackend(name); // solve() answers status 'error' with a message if the binary is missing
  }
}

export { warmHighs } from './highs';
