// Builds the bad inputs the tests feed the app: a real, valid 12000×12000 PNG (a few KB, since its
// rows are zeros) that must be refused before decoding, truncated copies of files, and a text file
// posing as an image. Tests import these and build the bytes at test time; nothing is written to disk
// unless run directly: `npx tsx scripts/make-bad-inputs.ts <out-dir>`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export interface GrayPngOptions {
  /** 1 packs 8 pixels per byte (small and fast even for huge sizes); 8 is one byte per pixel. Default 8. */
  readonly bitDepth?: 1 | 8;
  /** Sample value at (x, y): 0..255 for 8-bit, 0 or 1 for 1-bit. Default: all 0 (black). */
  readonly pixel?: (x: number, y: number) => number;
}

/** A valid, non-interlaced grayscale PNG (colour type 0) that any decoder accepts. */
export function makeGrayPng(width: number, height: number, options: GrayPngOptions = {}): Buffer {
  for (const [label, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 0x7fffffff) {
      throw new RangeError(`PNG ${label} must be an integer from 1 to 2^31-1, got ${value}`);
    }
  }
  const bitDepth = options.bitDepth ?? 8;
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  // Each row is a filter-type byte (0 = None) followed by the packed samples; zeros unless `pixel` is set.
  const raw = Buffer.alloc((rowBytes + 1) * height);
  const { pixel } = options;
  if (pixel) {
    for (let y = 0; y < height; y++) {
      const row = y * (rowBytes + 1) + 1;
      for (let x = 0; x < width; x++) {
        const value = pixel(x, y);
        if (bitDepth === 8) raw[row + x] = value & 0xff;
        else if (value & 1) raw[row + (x >> 3)] = (raw[row + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = 0; // colour type: grayscale
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive
  header[12] = 0; // interlace: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid black grayscale PNG, 144 megapixels by default, yet only ~20 KB on disk. */
export function makeHugePng(width = 12000, height = 12000): Buffer {
  return makeGrayPng(width, height, { bitDepth: 1 });
}

/** The first `keepFraction` (0..1) of `buf`, copied, as a download cut off part-way would leave it. */
export function truncate(buf: Uint8Array, keepFraction: number): Buffer {
  if (!(keepFraction >= 0 && keepFraction <= 1)) {
    throw new RangeError(`keepFraction must be between 0 and 1, got ${keepFraction}`);
  }
  return Buffer.from(buf.subarray(0, Math.floor(buf.length * keepFraction)));
}

/** Plain UTF-8 text, as if someone picked their notes instead of a photo. */
export function makeTextFile(
  text = 'Shopping list:\n- milk\n- eggs\n- a photo of the cat (not this file)\n',
): Buffer {
  return Buffer.from(text, 'utf8');
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG chunks use) of `bytes`; node:zlib.crc32 only exists from Node 20.15. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('Usage: npx tsx scripts/make-bad-inputs.ts <out-dir>');
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  const pattern = makeGrayPng(256, 256, { pixel: (x, y) => (x * 7) ^ (y * 13) });
  const files: Record<string, Buffer> = {
    'huge.png': makeHugePng(),
    'truncated.png': truncate(pattern, 0.5),
    'notes.txt': makeTextFile(),
  };
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(outDir, name), bytes);
    console.log(`${join(outDir, name)} (${bytes.length} bytes)`);
  }
}
