// Optional backends that solve the exported CPLEX-LP file with a native solver, to compare
// against: glpsol (Debian glpk-utils) and cbc (coinor-cbc). Never required: available() says
// whether the binary is on PATH. The file goes to a fresh temp dir, the solver runs with its own
// time limit plus a hard kill a little later, and its solution file is read back into values by
// column name and checked like any other backend's.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { checkedSolution } from '../../shared/lp/check';
import { writeLp } from '../../shared/lp/lp-file';
import type { LpModel, LpSolution, LpStatus, SolveOptions, SolverBackend } from '../../shared/lp/model';

export type LpFileSolver = 'glpk' | 'cbc';
const binary: Record<LpFileSolver, string> = { glpk: 'glpsol', cbc: 'cbc' };

/** Whether `name` is an executable on PATH (looked up, not run). */
export function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

interface Run {
  stdout: string;
  killed: boolean;
  failed?: string;
}

/** Runs a solver; a solver that outlives its own limit by 5 s is killed and reported as such. */
function run(cmd: string, args: string[], limitSeconds: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: (limitSeconds + 5) * 1000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      if (e?.killed) resolve({ stdout, killed: true });
      else if (e) resolve({ stdout, killed: false, failed: `${cmd} failed: ${(stderr || stdout || e.message).trim().split('\n').slice(-3).join(' ')}` });
      else resolve({ stdout, killed: false });
    });
  });
}

/**
 * glpsol's plain solution file (-w) numbers columns 1…n in the order it created them; its
 * problem file (--wglp) names them ("n j 7 x_A_10_t3"), so both are read and joined.
 * Status comes from the "s bas rows cols primal dual obj" line (presolve off, so it is definite).
 */
function readGlpsol(solText: string, glpText: string, fileCol: Map<string, number>, values: Float64Array, stdout: string): { status: LpStatus; message?: string } {
  const byIndex: number[] = [];
  for (const line of glpText.split('\n')) {
    if (!line.startsWith('n j ')) continue;
    const [, , k, name] = line.split(' ');
    byIndex[Number(k)] = fileCol.get(name) ?? -1;
  }
  let primal = '';
  let dual = '';
  for (const line of solText.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 's') [primal, dual] = [f[4], f[5]];
    else if (f[0] === 'j') {
      const j = byIndex[Number(f[1])];
      if (j !== undefined && j >= 0) values[j] = Number(f[3]);
    }
  }
  if (/TIME LIMIT EXCEEDED/.test(stdout)) return { status: 'timeLimit', message: 'glpsol stopped at its time limit' };
  if (primal === 'f' && dual === 'f') return { status: 'optimal' };
  if (primal === 'n') return { status: 'infeasible' };
  if (primal === 'f' && dual === 'n') return { status: 'unbounded' };
  return { status: 'error', message: `glpsol ended with primal status '${primal}', dual '${dual}'` };
}

/**
 * cbc's solution file: a status line ("Optimal - objective value 12.5", "Infeasible - …",
 * "Unbounded - …", "Stopped on time - …"), then one line per non-zero column:
 * "index name value reducedCost", marked "**" when the value breaks a bound.
 */
function readCbc(solText: string, fileCol: Map<string, number>, values: Float64Array): { status: LpStatus; message?: string } {
  const lines = solText.split('\n');
  const head = lines[0] ?? '';
  for (let k = 1; k < lines.length; k++) {
    const f = lines[k].replace(/^\s*\*\*/, '').trim().split(/\s+/);
    if (f.length < 3) continue;
    const j = fileCol.get(f[1]);
    if (j !== undefined) values[j] = Number(f[2]);
  }
  if (/^Optimal/.test(head)) return { status: 'optimal' };
  if (/infeasible/i.test(head)) return { status: 'infeasible' };
  if (/unbounded/i.test(head)) return { status: 'unbounded' };
  if (/^Stopped on (time|iterations)/i.test(head)) return { status: 'timeLimit', message: `cbc: ${head.trim()}` };
  return { status: 'error', message: `cbc: ${head.trim() || 'no solution written'}` };
}

export async function solveLpFile(kind: LpFileSolver, m: LpModel, opts: SolveOptions): Promise<LpSolution> {
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const name = kind === 'glpk' ? 'glpsol' : 'cbc';
  const values = new Float64Array(m.colCost.length);
  if (!onPath(binary[kind])) return checkedSolution(m, 'error', values, name, 0, `${binary[kind]} is not installed`);
  const dir = await mkdtemp(join(tmpdir(), 'mto-lp-'));
  try {
    const lp = writeLp(m);
    const fileCol = new Map(lp.colNames.map((n, j) => [n, j]));
    const lpPath = join(dir, 'model.lp');
    const solPath = join(dir, 'model.sol');
    await writeFile(lpPath, lp.text);
    const limit = Math.max(1, Math.ceil(opts.timeLimitSeconds));
    let r: Run;
    let read: { status: LpStatus; message?: string };
    let own = 0;
    const timed = async (cmd: string, args: string[]) => {
      const t0 = performance.now();
      const out = await run(cmd, args, limit);
      own = (performance.now() - t0) / 1000;
      return out;
    };
    if (kind === 'glpk') {
      const glpPath = join(dir, 'model.glp');
      r = await timed('glpsol', ['--lp', lpPath, '--nopresol', '--tmlim', String(limit), '-w', solPath, '--wglp', glpPath]);
      if (r.killed || r.failed) read = { status: r.killed ? 'timeLimit' : 'error', message: r.failed ?? 'glpsol killed after its time limit' };
      else read = readGlpsol(await readFile(solPath, 'utf8'), await readFile(glpPath, 'utf8'), fileCol, values, r.stdout);
    } else {
      r = await timed('cbc', [lpPath, 'sec', String(limit), 'solve', 'solu', solPath]);
      if (r.killed || r.failed) read = { status: r.killed ? 'timeLimit' : 'error', message: r.failed ?? 'cbc killed after its time limit' };
      else read = readCbc(await readFile(solPath, 'utf8').catch(() => ''), fileCol, values);
    }
    return { ...checkedSolution(m, read.status, values, name, seconds(), read.message), solverSeconds: own };
  } catch (e) {
    return checkedSolution(m, 'error', values, name, seconds(), `${name} failed: ${(e as Error).message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const lpFileBackend = (kind: LpFileSolver): SolverBackend & { available(): boolean } => ({
  name: kind,
  available: () => onPath(binary[kind]),
  solve: (m, opts) => solveLpFile(kind, m, opts),
});
