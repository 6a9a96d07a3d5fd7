// Excel's own errors, by their `code` (OfficeExtension.Error), shown in the user's language; the
// message and debugInfo (which statement failed, where) go to the console for whoever debugs.
// And how a batch is run when Excel is busy: while the user is editing a cell, Excel refuses
// every batch (InvalidOperationInCellEditMode); ExcelApi 1.11 can wait for the edit to end
// (delayForCellEdit), older Excel is asked again a few times.
import type { Strings } from '../i18n';

export interface OfficeErrorLike {
  code: string;
  message?: string;
  debugInfo?: unknown;
}

export const isOfficeError = (e: unknown): e is OfficeErrorLike => !!e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && (e as { name?: unknown }).name !== 'ApiError';

/** The message to show for an Excel error; `undefined` for anything that is not one. */
export function excelErrorMessage(e: unknown, t: Strings): string | undefined {
  if (!isOfficeError(e)) return undefined;
  const x = t.excelErrors;
  switch (e.code) {
    case 'ItemAlreadyExists':
      return x.itemAlreadyExists;
    case 'AccessDenied':
      return x.accessDenied;
    case 'InvalidOperationInCellEditMode':
      return x.cellEditMode;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'PayloadTooLarge':
      return x.tooMuchData;
    case 'ItemNotFound':
      return x.itemNotFound;
    case 'ApiNotFound':
    case 'NotImplemented':
      return x.apiMissing;
    case 'InvalidArgument':
    case 'InvalidReference':
    case 'InvalidOperation':
      return x.invalid(e.message ?? e.code);
    default:
      return x.other(e.code, e.message ?? '');
  }
}

/** Logs what Excel said about a failed batch (never workbook data: debugInfo names statements). */
export function logExcelError(e: unknown, log: (...args: unknown[]) => void = console.error): void {
  if (isOfficeError(e)) log('Excel error', e.code, e.message, JSON.stringify(e.debugInfo ?? null));
}

/** Excel.run, as the pane calls it: the options overload exists from ExcelApi 1.11 on. */
export interface ExcelRunner {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: { delayForCellEdit?: boolean }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface BusyOptions {
  /** does this Excel have ExcelApi `version`? */
  supports: (version: string) => boolean;
  /** told once when Excel is busy with a cell edit and the batch will be tried again */
  onWait?: () => void;
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs a batch so that a cell being edited delays it instead of failing it. Batches passed here
 * must be safe to run again from the start (reading, and writing result sheets in place, are).
 */
export async function runWhenFree<T>(excel: ExcelRunner, batch: (context: Excel.RequestContext) => Promise<T>, o: BusyOptions): Promise<T> {
  if (o.supports('1.11')) return excel.run({ delayForCellEdit: true }, batch);
  const retries = o.retries ?? 8;
  const sleep = o.sleep ?? wait;
  for (let attempt = 0; ; attempt++) {
    try {
      return await excel.run(batch);
    } catch (e) {
      if (!isOfficeError(e) || e.code !== 'InvalidOperationInCellEditMode' || attempt >= retries) throw e;
      if (attempt === 0) o.onWait?.();
      await sleep(Math.min(4000, 500 * 2 ** attempt)); // 0.5, 1, 2, 4, 4 … s: about half a minute in all
    }
  }
}
