// The API's ways into a what-if or a comparison: `whatIf` change rows in the options become the
// WhatIf sheet (validated like any sheet: whatIf[0] is row 2), and a stored run's gzipped result
// becomes the earlier plan to compare with.
import { gunzipSync } from 'node:zlib';
import type { PlanAnswer } from '../../shared/changes/compare';
import { answerFromJson } from '../../shared/changes/earlier-plan';
import { columnsOf, WhatIf } from '../../shared/contract';
import { findSheet } from '../../shared/parse';
import { isBlank, type CellValue, type WorkbookRows } from '../../shared/rows';

export function whatIfSheet(book: WorkbookRows, rows: Record<string, unknown>[]): WorkbookRows | string {
  // An empty WhatIf sheet (templates have one) gives way to the option; one with rows does not.
  const found = findSheet(book, WhatIf.name, WhatIf.zh);
  if (found && found[1].rows.some((r) => r.some((v) => !isBlank(v)))) return 'Give the changes either as rows of the WhatIf sheet or as options.whatIf, not both';
  const rest = Object.fromEntries(Object.entries(book).filter(([k]) => k !== found?.[0]));
  const keys = columnsOf(WhatIf).map((c) => c.key);
  const lower = (k: string) => k[0].toLowerCase() + k.slice(1);
  return { ...rest, WhatIf: { header: keys, rows: rows.map((r) => keys.map((k) => (r[lower(k)] ?? null) as CellValue)) } };
}

export function storedAnswer(gz: Uint8Array): PlanAnswer | undefined {
  return answerFromJson(JSON.parse(gunzipSync(gz).toString('utf8')));
}
