// Draws the add-in icons (a blue tile with three white Gantt bars) as PNGs at the sizes Office
// asks for: 16/32/80 required for ribbon buttons plus 20/24/40/48/64 for high-DPI screens, 64 (IconUrl)
// and 128 (HighResolutionIconUrl) for the add-in list. Run: node addin/assets/make-icons.mjs
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5, size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Geometry in a unit square: rounded tile, bars at three heights with staggered starts and ends.
const BARS = [
  { y: 0.22, x0: 0.18, x1: 0.62 },
  { y: 0.45, x0: 0.34, x1: 0.82 },
  { y: 0.68, x0: 0.26, x1: 0.72 },
];
function pixel(px, py, size) {
  const [x, y] = [px / size, py / size];
  const r = 0.16; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  const inTile = Math.hypot(x - cx, y - cy) <= r;
  if (!inTile) return [0, 0, 0, 0];
  const h = Math.max(0.12, 2 / size); // bars stay at least two pixels tall at 16 px
  const onBar = BARS.some((b) => y >= b.y && y < b.y + h && x >= b.x0 && x < b.x1);
  return onBar ? [255, 255, 255, 255] : [0x21, 0x73, 0x46, 255]; // Excel green tile
}

const dir = new URL('.', import.meta.url);
for (const size of [16, 20, 24, 32, 40, 48, 64, 80, 128]) writeFileSync(new URL(`icon-${size}.png`, dir), png(size, pixel));
