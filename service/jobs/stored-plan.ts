// A stored run a plan is compared with, or a price review held against (API compareRunId, CLI
// --compare-run): it must be a successful plan run with its result. One check for both.
export interface StoredRun {
  job: string;
  status: string;
  resultGz: Uint8Array | null;
}

/** Why run `id` cannot serve as an earlier plan (en and zh), or undefined when it can. */
export function notAPlanRun(run: StoredRun | undefined, id: number): { en: string; zh: string } | undefined {
  if (!run) return { en: `there is no such run ${id} in the run history`, zh: `没有编号为 ${id} 的运行记录` };
  if (run.job !== 'plan' || run.status !== 'ok' || !run.resultGz)
    return { en: `run ${id} is not a successful plan run (${run.job}, ${run.status}): nothing to compare with`, zh: `运行 ${id} 不是成功的排产运行（${run.job}，${run.status}），无法比较` };
  return undefined;
}
