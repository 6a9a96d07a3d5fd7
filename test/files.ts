// Workbooks as other programs save them, made for tests by the programs themselves: LibreOffice
// (soffice), Gnumeric (ssconvert) and openpyxl (python3). In CI (.ci/run installs them) a missing
// program fails the test; on a developer machine without one, tests use `it.skipIf(!have(…))`, so
// vitest reports them as skipped rather than passed.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateEntries, writeZip, zipEntries } from '../service/xlsx/zip';
import { tempDir } from './helpers';

export const PY = '/usr/bin/python3';

const found = new Map<string, boolean>();
/** Is the program there? In CI, its absence is a failure rather than a skip. */
export function have(tool: 'soffice' | 'ssconvert' | 'openpyxl'): boolean {
  if (!found.has(tool)) {
    const ok =
      tool === 'openpyxl'
        ? existsSync(PY) && spawnSync(PY, ['-c', 'import openpyxl']).status === 0
        : spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
    found.set(tool, ok);
  }
  const ok = found.get(tool)!;
  if (!ok && process.env.CI) throw new Error(`${tool} is required in CI (installed by .ci/run)`);
  return ok;
}

/** Run a Python script (openpyxl, zipfile) with arguments; throws with its stderr on failure. */
export function python(script: string, ...args: string[]): string {
  const file = join(tempDir('mto-py-'), 'script.py');
  writeFileSync(file, script);
  const r = spawnSync(PY, [file, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Two zip bombs: `honest`, a 1 MB .xlsx whose sheet inflates to 1 GB of spaces, and `liar`, the
 * same file with both zip headers claiming the sheet is 1,000 bytes.
 */
export function zipBombs(honest: string, liar: string): void {
  python(
    `import sys, zipfile
honest, liar = sys.argv[1:3]
with zipfile.ZipFile(honest, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open('xl/worksheets/sheet1.xml', 'w') as f:
        block = b' ' * (1 << 20)
        for _ in range(1024): f.write(block)
data = bytearray(open(honest, 'rb').read())
name = b'xl/worksheets/sheet1.xml'
at = 0
while True:
    at = data.find(name, at + 1)
    if at < 0: break
    if data[at - 30:at - 26] == b'PK\\x03\\x04': data[at - 8:at - 4] = (1000).to_bytes(4, 'little')
    if data[at - 46:at - 42] == b'PK\\x01\\x02': data[at - 22:at - 18] = (1000).to_bytes(4, 'little')
open(liar, 'wb').write(data)`,
    honest,
    liar,
  );
}

/** LibreOffice converts `src` to `ext` (xlsx, ods, xls) into `outDir`; returns the new file. */
export function soffice(src: string, ext: string, outDir: string): string {
  const profile = tempDir('mto-lo-');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', ext, '--outdir', outDir, src], { encoding: 'utf8', timeout: 180_000 });
  const out = join(outDir, src.replace(/^.*\//, '').replace(/\.[^.]+$/, `.${ext}`));
  if (!existsSync(out)) throw new Error(`soffice did not convert ${src}: ${r.stderr} ${r.stdout}`);
  return out;
}

/** Gnumeric's command-line converter: `src` → `out` (format from the extension). */
export function ssconvert(src: string, out: string): string {
  const r = spawnSync('ssconvert', [src, out], { encoding: 'utf8', timeout: 120_000 });
  if (!existsSync(out)) throw new Error(`ssconvert failed: ${r.stderr}`);
  return out;
}

/** Sheet names of a workbook as openpyxl opens it. */
export const openpyxlSheets = (file: string): string[] =>
  JSON.parse(python('import json, sys, openpyxl\nprint(json.dumps(openpyxl.load_workbook(sys.argv[1], keep_vba=True).sheetnames))', file)) as string[];

/** The zip `b` with the part `name` replaced by `data` (every other part as it was). */
export function withPart(b: Uint8Array, name: string, data: string): Buffer {
  const entries = zipEntries(b);
  const inflated = inflateEntries(b, entries, 1 << 30);
  return writeZip(entries.map((e, i) => (e.name === name ? { name, data: Buffer.from(data, 'utf8') } : { name: e.name, stored: inflated[i], crc: e.crc })));
}

/** The sample's shared strings followed by `extra` more, the table declaring `declared` as its uniqueCount. */
export function bigTable(sample: Uint8Array, extra: number, declared: (real: number) => number): string {
  const entries = zipEntries(sample);
  const part = inflateEntries(sample, entries, 1 << 30)[entries.findIndex((e) => e.name === 'xl/sharedStrings.xml')].toString('utf8');
  const items = part.match(/<si>.*?<\/si>/gs)!;
  const more = Array.from({ length: extra }, (_, i) => `<si><t>filler ${i}</t></si>`).join('');
  const real = items.length + extra;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${real}" uniqueCount="${declared(real)}">${items.join('')}${more}</sst>`;
}
