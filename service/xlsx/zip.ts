// Just enough of the zip format for workbook packages: list the entries from the central
// directory, inflate one with a cap on its size, and write a package where entries we do not
// change are copied as they were, compressed bytes and all (so charts, pivots, images and macros
// come back bit for bit). Node's zlib does the (de)compression.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** offset of the local header */
  offset: number;
}

export class BadZipError extends Error {}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;

/** The entries named in the central directory (throws BadZipError when there is none). */
export function zipEntries(b: Uint8Array): ZipEntry[] {
  // End of central directory: the last PK\5\6 within the final 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new BadZipError('no zip directory');
  let count = u16(b, eocd + 10);
  let at = u32(b, eocd + 16);
  if (at === 0xffffffff || count === 0xffff) {
    // Zip64: the locator just before the EOCD points at the zip64 end record.
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new BadZipError('bad zip64 directory');
    const rec = Number(Buffer.from(b.buffer, b.byteOffset, b.byteLength).readBigUInt64LE(loc + 8));
    if (rec + 56 > b.length || u32(b, rec) !== 0x06064b50) throw new BadZipError('bad zip64 directory');
    count = Number(Buffer.from(b.buffer, b.byteOffset, b.byteLength).readBigUInt64LE(rec + 32));
    at = Number(Buffer.from(b.buffer, b.byteOffset, b.byteLength).readBigUInt64LE(rec + 48));
  }
  const out: ZipEntry[] = [];
  const dec = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) throw new BadZipError('bad zip directory entry');
    const nameLen = u16(b, at + 28);
    const extraLen = u16(b, at + 30);
    const commentLen = u16(b, at + 32);
    const e: ZipEntry = {
      name: dec.decode(b.subarray(at + 46, at + 46 + nameLen)),
      method: u16(b, at + 10),
      crc: u32(b, at + 16),
      compressedSize: u32(b, at + 20),
      size: u32(b, at + 24),
      offset: u32(b, at + 42),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.offset === 0xffffffff) {
      // Zip64 extra field (id 1): the 64-bit values, in this order, for the fields that overflowed.
      const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen; x += 4 + u16(b, x + 2)) {
        if (u16(b, x) !== 1) continue;
        let p = x + 4;
        const next = () => Number(buf.readBigUInt64LE((p += 8) - 8));
        if (e.size === 0xffffffff) e.size = next();
        if (e.compressedSize === 0xffffffff) e.compressedSize = next();
        if (e.offset === 0xffffffff) e.offset = next();
      }
    }
    out.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The entry's compressed bytes, as stored. */
export function rawData(b: Uint8Array, e: ZipEntry): Uint8Array {
  if (e.offset + 30 > b.length || u32(b, e.offset) !== 0x04034b50) throw new BadZipError(`bad zip entry ${e.name}`);
  const start = e.offset + 30 + u16(b, e.offset + 26) + u16(b, e.offset + 28);
  if (start + e.compressedSize > b.length) throw new BadZipError(`zip entry ${e.name} is cut off`);
  return b.subarray(start, start + e.compressedSize);
}

export class ZipTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`expands to more than ${limitBytes} bytes`);
  }
}

/** Inflate an entry, refusing to produce more than `maxBytes` whatever its header claims. */
export function entryData(b: Uint8Array, e: ZipEntry, maxBytes = Number.MAX_SAFE_INTEGER): Buffer {
  const raw = rawData(b, e);
  if (e.method === 0) {
    if (raw.length > maxBytes) throw new ZipTooLargeError(maxBytes);
    return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  if (e.method !== 8) throw new BadZipError(`zip entry ${e.name} uses compression method ${e.method}`);
  try {
    // maxOutputLength stops zlib as soon as the output would pass the cap (a zip bomb costs no more).
    return inflateRawSync(raw, { maxOutputLength: Math.min(2 ** 32, Math.max(1, maxBytes)) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipTooLargeError(maxBytes);
    throw new BadZipError(`zip entry ${e.name}: ${(err as Error).message}`);
  }
}

/** Sum of the sizes the directory declares (cheap: no inflating). */
export const declaredSize = (entries: ZipEntry[]): number => entries.reduce((n, e) => n + e.size, 0);

/**
 * Every entry inflated once, in directory order (folders give an empty buffer): ZipTooLargeError
 * when the directory declares more than `maxBytes`; BadZipError as soon as an entry inflates past
 * the size the directory gives it (a bomb that understates itself is stopped after its declared
 * bytes, not after the cap).
 */
export function inflateEntries(b: Uint8Array, entries: ZipEntry[], maxBytes: number): Buffer[] {
  if (declaredSize(entries) > maxBytes) throw new ZipTooLargeError(maxBytes);
  return entries.map((e) => {
    if (e.name.endsWith('/')) return Buffer.alloc(0);
    try {
      return entryData(b, e, e.size);
    } catch (err) {
      if (err instanceof ZipTooLargeError) throw new BadZipError(`${e.name} holds more than the ${e.size} bytes its directory says`);
      throw err;
    }
  });
}

/**
 * An entry of a package to write: new bytes (deflated), one copied from another zip as it was
 * stored, or bytes already inflated with their known CRC, stored uncompressed (`stored`).
 */
export type OutEntry = { name: string; data: Uint8Array } | { name: string; from: Uint8Array; entry: ZipEntry } | { name: string; stored: Uint8Array; crc: number };

/** Write a zip. New data is deflated at level 1 (JavaScript-free and fast; workbooks are small). */
export function writeZip(entries: OutEntry[]): Buffer {
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let method: number, crc: number, size: number, body: Uint8Array;
    if ('data' in e) {
      body = deflateRawSync(e.data, { level: 1 });
      method = 8;
      crc = crc32(e.data);
      size = e.data.length;
    } else if ('stored' in e) {
      [body, method, crc, size] = [e.stored, 0, e.crc, e.stored.length];
    } else {
      body = rawData(e.from, e.entry);
      ({ method, crc, size } = e.entry);
    }
    if (offset > 0xfffffffe || body.length > 0xfffffffe || size > 0xfffffffe) throw new BadZipError('package too large for a plain zip');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01: a fixed time, so equal input gives equal bytes
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    chunks.push(local, name, body);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
