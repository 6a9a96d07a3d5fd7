// How far template validation reaches, and what a template shows in an input cell of a choice
// column, in the book's language: the contract's enum values (their Chinese names in a Chinese
// book) and Y/N (是/否). The parser accepts either language, so a Chinese book stays Chinese end
// to end. One rule for the .xlsx template and sample (service/xlsx/write-inputs.ts) and the
// add-in's template (addin/excel/template-layout.ts).
import type { Column } from './contract';
import { ENUM_ZH } from './enum-zh';
import type { Lang } from './problems';

/** Drop-down lists and other validation reach this many rows below the header, in both templates. */
export const VALIDATED_ROWS = 1000;

/** An enum value as a user of `lang` reads and types it: 'Approved', or '已审批' in Chinese. */
export const shownValue = (v: string, lang: Lang): string => (lang === 'zh' ? (ENUM_ZH[v] ?? v) : v);

/** Y/N as typed in a `lang` book. */
export const shownYesNo = (yes: boolean, lang: Lang): string => (lang === 'zh' ? (yes ? '是' : '否') : yes ? 'Y' : 'N');

/** The drop-down list of a column, or undefined for a column without one. */
export function listValues(c: Column, lang: Lang): string[] | undefined {
  if (c.type === 'enum') return c.values!.map((v) => shownValue(v, lang));
  if (c.type === 'yesNo') return [shownYesNo(true, lang), shownYesNo(false, lang)];
  return undefined;
}
