// Which backend solves a model. `auto` keeps javascript-lp-solver for tiny models (it is pure JS
// and fast there) and gives everything else to HiGHS; `--solver` / the API can force any of them.
import { SOLVER_NAMES, type SolverName } from '../../shared/answers';
import { jslpBackend } from './jslp';
import type { LpModel, SolverBackend } from '../../shared/lp/model';
import { highsBackend, type HighsMethod, type HighsTuning } from './highs';
import { lpFileBackend } from './lp-file-solver';

/** The solver names a job may ask for, declared once in shared/answers.ts. */
export type BackendName = SolverName;
export const BACKEND_NAMES: readonly BackendName[] = SOLVER_NAMES;

/** Largest model (in columns) `auto` gives to javascript-lp-solver. */
export const JSLP_MAX_COLUMNS = 300;

export function pickBackend(name: BackendName, model: LpModel, opts: { highsMethod?: HighsMethod } & HighsTuning = {}): SolverBackend {
  switch (name) {
    case 'auto':
      return model.colCost.length <= JSLP_MAX_COLUMNS ? jslpBackend : highsBackend(opts.highsMethod, opts);
    case 'highs':
      return highsBackend(opts.highsMethod, opts);
    case 'jslp':
      return jslpBackend;
    case 'glpk':
    case 'cbc':
      return lpFileBackend(name); // solve() answers status 'error' with a message if the binary is missing
  }
}

export { warmHighs } from './highs';
