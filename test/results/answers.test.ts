// Jobs and solver names are declared once (shared/answers.ts); every list a user meets is that one.
import { describe, expect, it } from 'vitest';
import { main } from '../../service/cli';
import { JOBS } from '../../service/jobs/index';
import { parseOptions } from '../../service/jobs/options';
import { BACKEND_NAMES } from '../../service/solvers/index';
import { JOB_NAMES, SOLVER_NAMES } from '../../shared/answers';

describe('one list of jobs and of solvers', () => {
  it('is the list the worker runs, the API accepts and the CLI names', async () => {
    expect(Object.keys(JOBS)).toEqual([...JOB_NAMES]);
    expect(BACKEND_NAMES).toBe(SOLVER_NAMES);
    for (const solver of SOLVER_NAMES) expect(parseOptions({ solver })).toEqual({ options: { solver } });
    expect(parseOptions({ solver: 'gurobi' })).toHaveProperty('error');
    let stderr = '';
    const io = { out: { write: () => true }, err: { write: (s: string) => ((stderr += s), true) } };
    expect(await main(['plan', 'book.xlsx', '--solver', 'gurobi'], io as unknown as Parameters<typeof main>[1])).toBe(1);
    expect(stderr).toBe(`--solver must be one of ${SOLVER_NAMES.join(', ')}\n`);
  });
});
