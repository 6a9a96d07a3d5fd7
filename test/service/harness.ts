// Runs the BUILT service (`node dist/server.js`, built by `npm test` before vitest) on an
// ephemeral loopback port with its own temp database, as a user would start it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { samplePlant } from '../../shared/sample-plant';
import type { CellValue, WorkbookRows } from '../../shared/rows';
import { inputWorkbook } from '../../service/xlsx/write-inputs';
import { workbookRows } from '../exceljs-read';
import { ROOT, tempDir } from '../helpers';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Server {
  url: string;
  port: number;
  db: string;
  proc: ChildProcess;
  /** every stdout/stderr line so far (pino JSON) */
  logs: string[];
  /** SIGTERM (or the given signal) and wait for the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Calls `onLine` with each line a child process writes to stdout or stderr. */
export function eachLine(proc: ChildProcess, onLine: (line: string) => void): void {
  let buf = '';
  const onData = (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
}

/** Start the server; resolves once it logs its URL, rejects if it exits first. */
export function startServer(env: Record<string, string> = {}): Promise<Server> {
  const server = join(ROOT, 'dist/server.js');
  if (!existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const db = env.MTO_DB ?? join(tempDir('mto-svc-'), 'runs.db');
  const proc = spawn(process.execPath, [server], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MTO_HTTPS: '0', MTO_WORKERS: '1', LOG_LEVEL: 'info', MTO_TOKEN: '', ...env, MTO_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    eachLine(proc, (line) => {
        logs.push(line);
        try {
          const j = JSON.parse(line) as { port?: number; https?: boolean; msg?: string };
          if (j.port && j.msg?.includes('listening')) {
            const url = `${j.https ? 'https' : 'http'}://127.0.0.1:${j.port}`;
            resolve({
              url,
              port: j.port,
              db,
              proc,
              logs,
              exited,
              stop: (signal = 'SIGTERM') => {
                if (proc.exitCode === null) proc.kill(signal);
                return exited;
              },
            });
          }
        } catch {
          /* not JSON: keep it in logs */
        }
    });
    void exited.then((code) => reject(new ServerExited(code, logs)));
  });
}

export class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    readonly logs: string[],
  ) {
    super(`server exited with code ${code}:\n${logs.join('\n')}`);
  }
}

/** The sample plant as an .xlsx (the same bytes GET /sample.xlsx serves), typed for fetch bodies. */
export async function sampleXlsx(): Promise<Uint8Array<ArrayBuffer>> {
  const p = samplePlant();
  return bytes(await inputWorkbook(p.settings, p.sheets, 'en').xlsx.writeBuffer());
}

/** A copy as a plain Uint8Array: what fetch and Blob accept as a body. */
export const bytes = (b: ArrayBuffer | Uint8Array | ArrayLike<number>): Uint8Array<ArrayBuffer> => b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b as ArrayLike<number>);

/** The sample plant as the JSON body's WorkbookRows (dates as ISO strings, as JSON carries them). */
export async function sampleRows(): Promise<WorkbookRows> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await sampleXlsx()).buffer);
  return JSON.parse(JSON.stringify(workbookRows(wb))) as WorkbookRows;
}

/** Set a Settings value in a WorkbookRows copy. */
export function withSetting(book: WorkbookRows, key: string, value: CellValue): WorkbookRows {
  const copy = structuredClone(book);
  const s = copy.Settings;
  const i = s.rows.findIndex((r) => r[0] === key);
  if (i >= 0) s.rows[i][1] = value;
  else s.rows.push([key, value, ...Array(Math.max(0, s.header.length - 2)).fill(null)]);
  return copy;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export async function loadXlsx(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((data instanceof ArrayBuffer ? data : bytes(data).buffer) as ArrayBuffer);
  return wb;
}
