// Job options accepted by the API: in a JSON body's `options`, or as query parameters / form fields
// for workbook uploads (strings there, hence the coercions). Unknown keys are refused so a typo
// does not silently run with defaults. Parsed in the solve worker, so it lives with the jobs.
import { z } from 'zod';
import { SOLVER_NAMES } from '../../shared/answers';
import type { JobOptions } from './types';

const WhatIfRow = z
  .object({
    action: z.string(),
    orderId: z.string(),
    item: z.string().optional(),
    quantity: z.number().optional(),
    date: z.string().optional(),
    priority: z.number().optional(),
    note: z.string().optional(),
  })
  .strict();

const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])]).transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const OptionsSchema = z
  .object({
    solver: z.enum(SOLVER_NAMES).optional(),
    timeLimitSeconds: z.coerce.number().positive().max(3600).optional(),
    includeDrafts: flag.optional(),
    phasing: z.coerce.number().int().min(0).max(1000).optional(),
    period: z.string().trim().min(1).max(60).optional(),
    /** plan: the stored plan run to compare with; prices: whose purchase suggestions PO quantities are held against (its result is read on the main thread) */
    compareRunId: z.coerce.number().int().min(1).optional(),
    /** prices: plan the same book now and hold PO quantities against its suggestions */
    withPlan: flag.optional(),
    /** plan: compare with the plan already in the sent workbook (its Plan, Load and Materials sheets) before replacing it */
    compareWithBook: flag.optional(),
    /** plan: add the engineering-change RunOut sheet even without changes */
    runOut: flag.optional(),
    /** plan: what-if steps start from the step before's prices (faster; equally good, maybe not the same plan) */
    warmStart: flag.optional(),
    /** plan: WhatIf change rows, as on the WhatIf sheet (row 2 of the sheet is whatIf[0]) */
    whatIf: z.array(WhatIfRow).max(1000).optional(),
    /** the language can also be chosen here (else ?lang= or Accept-Language) */
    lang: z.enum(['en', 'zh']).optional(),
  })
  .strict();

export type ApiOptions = z.infer<typeof OptionsSchema>;

/** Validated options or a one-line message naming each bad key. */
export function parseOptions(raw: unknown): { options: ApiOptions } | { error: string } {
  const r = OptionsSchema.safeParse(raw ?? {});
  if (r.success) return { options: r.data };
  return {
    error: r.error.issues
      .map((i) => {
        const key = i.path.join('.');
        const unknown = i.code === 'unrecognized_keys' ? `unknown option ${i.keys.join(', ')} (known: solver, timeLimitSeconds, includeDrafts, phasing, period, lang, compareRunId, compareWithBook, withPlan, runOut, warmStart, whatIf)` : i.message;
        return key ? `options.${key}: ${unknown}` : unknown;
      })
      .join('; '),
  };
}

/** API options → the job's options, with the time limit capped by the service's own limit. */
export function jobOptions(o: ApiOptions, lang: JobOptions['lang'], capSeconds: number): JobOptions {
  return {
    lang: o.lang ?? lang,
    solver: o.solver,
    timeLimitSeconds: Math.min(o.timeLimitSeconds ?? capSeconds, capSeconds),
    includeDrafts: o.includeDrafts,
    phasing: o.phasing,
    period: o.period,
    compareRunId: o.compareRunId,
    withPlan: o.withPlan,
    runOut: o.runOut,
    warmStart: o.warmStart,
  };
}
