import type { Job } from '../../shared/contract';
import { checkWorkbook, readPlant } from '../../shared/validate';
import { mergeProblems } from '../xlsx/read-book';
import { openBook, reportProblems } from './workbook-io';
import { EXIT, type Command } from './types';
import { JOB_NAMES } from '../../shared/answers';
import { makeStockNotes } from '../../shared/plan/stock-notes';
import { formatProblem } from '../../shared/problems';

export const validate: Command = {
  name: 'validate',
  usage: 'validate <book.xlsx> [--job plan|quote|suppliers|costs|prices]',
  summary: 'check every input sheet and print each problem with its cell',
  summaryZh: '检查所有输入表，逐条列出问题及单元格',
  options: { job: { type: 'string', arg: 'plan|quote|suppliers', en: 'check only what this job needs (default: every sheet)', zh: '只检查该作业所需的表（默认：全部）' } },
  async run(ctx) {
    const job = (ctx.values.job as Job | undefined) ?? 'all';
    if (job !== 'all' && !JOB_NAMES.includes(job)) {
      ctx.stderr('--job must be plan, quote, suppliers, costs or prices');
      return EXIT.error;
    }
    ctx.progress(ctx.lang === 'zh' ? '读取工作簿…' : 'reading workbook…');
    const wb = await openBook(ctx.args[0], ctx);
    if (typeof wb === 'number') return wb;
    ctx.progress(ctx.lang === 'zh' ? '检查数据…' : 'checking every sheet…');
    // Without --job, the check the service and the pane make: every job whose sheets are there,
    // or the missing sheets of the nearest one (so a book without input sheets is never "fine").
    const problems = mergeProblems(wb, job === 'all' ? checkWorkbook(wb.rows).problems : readPlant(wb.rows, job).problems);
    if (problems.length) return reportProblems(problems, ctx);
    const { plant } = readPlant(wb.rows, job);
    const counts = Object.fromEntries(Object.entries(plant).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
    // Not problems: what the plan will do with stock of Make items (orders shipped from stock).
    const notes = job === 'all' || job === 'plan' || job === 'quote' ? makeStockNotes(plant).map((p) => formatProblem(p, ctx.lang)) : [];
    if (ctx.json) ctx.stdout(JSON.stringify({ status: 'ok', rows: counts, notes }, null, 2));
    else {
      ctx.stdout((ctx.lang === 'zh' ? '没有发现问题：' : 'no problems found: ') + Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', '));
      for (const n of notes) ctx.stdout(n);
    }
    return EXIT.ok;
  },
};
