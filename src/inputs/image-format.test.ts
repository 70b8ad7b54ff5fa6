// Checks the header sniffer on real tiny files of every supported format (non-square, so a swapped
// width and height shows), and that bad input (text, truncated, empty, zero-sized, huge) is refused
// with a message that names the problem.

import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, errorKind } from '../core/errors';
import { makeGrayPng, makeHugePng, makeTextFile, truncate } from '../../scripts/make-bad-inputs';
import { DEFAULT_IMAGE_LIMITS, assertImageSize, sniffImage } from './image-format';
import type { ImageInfo } from './image-format';

// Real files written by ImageMagick 6.9 (`convert -size WxH gradient:red-blue …`), checked with
// `identify`/`dwebp`/`webpinfo`. DHT_FIRST_JPEG is BASELINE_JPEG with its DHT segments moved before SOF0.
const fixture = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
const BASELINE_JPEG = fixture(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAUDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAYEAEAAwEAAAAAAAAAAAAAAAAAAgQVVP/EABUBAQEAAAAAAAAAAAAAAAAAAAQH/8QAHBEAAQQDAQAAAAAAAAAAAAAAAgAVktEEBVNU/9oADAMBAAIRAxEAPwCD6dzomAv7NrvOEBpHds7ucitf/9k=',
); // 5×3, SOF0
const PROGRESSIVE_JPEG = fixture(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wgARCAAEAAcDAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABUBAQEAAAAAAAAAAAAAAAAAAAUH/9oADAMBAAIQAxAAAAELuKv/xAAWEAADAAAAAAAAAAAAAAAAAAAABBT/2gAIAQEAAQUCuYP/xAAXEQADAQAAAAAAAAAAAAAAAAAABRZT/9oACAEDAQE/Abx3qf/EABkRAAEFAAAAAAAAAAAAAAAAAAAFF1OR8P/aAAgBAgEBPwFukCLUf//EABUQAQEAAAAAAAAAAAAAAAAAAAAy/9oACAEBAAY/Arf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAE/IW//2gAMAwEAAgADAAAAED//xAAXEQADAQAAAAAAAAAAAAAAAAAAEdHw/9oACAEDAQE/EMnT/8QAFhEAAwAAAAAAAAAAAAAAAAAAABHw/9oACAECAQE/EJof/8QAFxABAAMAAAAAAAAAAAAAAAAAAQDR8P/aAAgBAQABPxDIbn//2Q==',
); // 7×4, SOF2
const DHT_FIRST_JPEG = fixture(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/xAAVAAEBAAAAAAAAAAAAAAAAAAAAB//EABgQAQADAQAAAAAAAAAAAAAAAAACBBVU/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAcEQABBAMBAAAAAAAAAAAAAAACABWS0QQFU1T/wAARCAADAAUDASIAAhEBAxEB/9oADAMBAAIRAxEAPwCD6dzomAv7NrvOEBpHds7ucitf/9k=',
); // 5×3, DHT (FF C4) before SOF0
const LOSSY_WEBP = fixture(
  'UklGRkoAAABXRUJQVlA4ID4AAACwAgCdASoGAAUAAsBMJagCdGuA/gGEAfoAB2a3DbAA/vEcWMxj/+ZzHlf/f7N2//60P+o76wQk9s17+muwAA==',
); // 6×5, "VP8 "
const LOSSLESS_WEBP = fixture('UklGRiQAAABXRUJQVlA4TBgAAAAvCEAAAA8Q87//8x8OBAJJ+0OvEdH/OAA='); // 9×2, VP8L
const ALPHA_WEBP = fixture(
  'UklGRnIAAABXRUJQVlA4WAoAAAAQAAAACQAAAwAAQUxQSAoAAAABB1DAiAhERP8DVlA4IEIAAAAwAwCdASoKAAQAAsBMJagCdGuA/gGEAfoB7/92AAwNZuFQAP7y6WApP/LVLqK/9C5lS//8gz9VLyXcQveB0QgAAAA=',
); // 10×4, VP8X + ALPH + VP8
const GIF = fixture(
  'R0lGODlhBAAHAPMAAP8AANUAKtUAK6oAVYAAf1UAqisA1CoA1QAA/4AAgAAAAAAAAAAAAAAAAAAAAAAAACH5BAAAAAAALAAAAAAEAAcAAAQQEEgQahh4pJ2KL0d4ICQSAQA7',
); // 4×7
const BMP = fixture(
  'Qk1yAAAAAAAAADYAAAAoAAAAAwAAAAUAAAABABgAAAAAADwAAAAAAAAAAAAAAAAAAAAAAAAA/wAA/wAA/wAAAAAAvwBAvwBAvwBAAAAAgACAgACAgACAAAAAQAC/QAC/QAC/AAAAAAD/AAD/AAD/AAAA',
); // 3×5, 24-bit BITMAPINFOHEADER, bottom-up

const PNG = new Uint8Array(makeGrayPng(5, 3, { pixel: (x, y) => x * 50 + y }));

function topDownBmp(): Uint8Array {
  const bytes = BMP.slice();
  new DataView(bytes.buffer).setInt32(22, -5, true); // negative height: rows stored top-down
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** The InvalidInputError message sniffImage throws for `bytes` (fails the test if it does not throw one). */
function sniffError(bytes: Uint8Array, fileName?: string): string {
  try {
    sniffImage(bytes, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(errorKind(error)).toBe('InvalidInputError');
    return (error as Error).message;
  }
  throw new Error(`sniffImage accepted ${bytes.length} bytes of ${fileName ?? 'input'}`);
}

describe('sniffImage: real files', () => {
  it.each([
    ['PNG (8-bit gray)', PNG, { format: 'png', width: 5, height: 3 }],
    [
      'PNG (1-bit gray)',
      new Uint8Array(makeGrayPng(11, 2, { bitDepth: 1 })),
      { format: 'png', width: 11, height: 2 },
    ],
    ['baseline JPEG', BASELINE_JPEG, { format: 'jpeg', width: 5, height: 3 }],
    ['progressive JPEG', PROGRESSIVE_JPEG, { format: 'jpeg', width: 7, height: 4 }],
    ['JPEG with DHT before SOF', DHT_FIRST_JPEG, { format: 'jpeg', width: 5, height: 3 }],
    ['lossy WebP (VP8)', LOSSY_WEBP, { format: 'webp', width: 6, height: 5 }],
    ['lossless WebP (VP8L)', LOSSLESS_WEBP, { format: 'webp', width: 9, height: 2 }],
    ['extended WebP (VP8X)', ALPHA_WEBP, { format: 'webp', width: 10, height: 4 }],
    ['GIF', GIF, { format: 'gif', width: 4, height: 7 }],
    ['BMP (bottom-up)', BMP, { format: 'bmp', width: 3, height: 5 }],
    ['BMP (top-down, negative height)', topDownBmp(), { format: 'bmp', width: 3, height: 5 }],
  ] as const)('%s', (_label, bytes, expected) => {
    expect(sniffImage(bytes, 'photo')).toEqual(expected);
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const padded = concat(new Uint8Array(7).fill(0xaa), LOSSY_WEBP);
    expect(sniffImage(padded.subarray(7), 'view.webp')).toEqual({ format: 'webp', width: 6, height: 5 });
  });

  it('accepts a JPEG with zero padding after EOI', () => {
    expect(sniffImage(concat(BASELINE_JPEG, new Uint8Array(64)))).toMatchObject({ width: 5, height: 3 });
  });

  it('accepts a JPEG with data appended after EOI (e.g. a motion photo), by walking to EOI', () => {
    const trailer = new TextEncoder().encode('\0\0\0\x18ftypmp42 appended video');
    expect(sniffImage(concat(PROGRESSIVE_JPEG, trailer))).toMatchObject({
      format: 'jpeg',
      width: 7,
      height: 4,
    });
  });
});

describe('sniffImage: the PNG writer in scripts/make-bad-inputs.ts', () => {
  it('writes a well-formed PNG: chunk CRCs match and IDAT inflates to filter-0 rows of the right size', () => {
    const png = makeGrayPng(11, 3, { bitDepth: 1, pixel: (x) => x % 2 });
    const idat: Buffer[] = [];
    const types: string[] = [];
    for (let offset = 8; offset < png.length;) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      types.push(type);
      const crc = png.readUInt32BE(offset + 8 + length);
      expect(crc, `${type} CRC`).toBe(crc32Reference(png.subarray(offset + 4, offset + 8 + length)));
      if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    // Each row: filter byte 0, then 11 one-bit samples packed MSB first (0,1,0,1,… = 0x55, 0x40).
    expect([...inflateSync(Buffer.concat(idat))]).toEqual([0, 0x55, 0x40, 0, 0x55, 0x40, 0, 0x55, 0x40]);
  });
});

describe('sniffImage: not an image', () => {
  it('names text, the file name and the first bytes in hex', () => {
    const message = sniffError(new Uint8Array(makeTextFile('hello world, not a photo')), 'notes.txt');
    expect(message).toBe(
      '"notes.txt" is not an image (it looks like text). First bytes: 68 65 6c 6c 6f 20 77 6f 72 6c 64 2c. ' +
        'Use a PNG, JPEG or WebP file.',
    );
  });

  it('treats UTF-8 text as text, even when the sample cuts a character in half', () => {
    const text = new TextEncoder().encode('Ünïcödé '.repeat(200)); // 2-byte characters straddle byte 1024
    expect(sniffError(text, 'notes.md')).toContain('(it looks like text)');
  });

  it.each([
    ['report.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj', 'is not an image (it looks like a PDF document)'],
    ['photos.zip', 'PK\x03\x04\x14\x00\x00\x00\x08\x00', 'is not an image (it looks like a ZIP archive)'],
    [
      'cat.png',
      '<!DOCTYPE html><html><body>404 Not Found',
      'is not an image (it looks like a web page (HTML)',
    ],
    ['song.wav', 'RIFF\x24\0\0\0WAVEfmt ', 'is not an image (it looks like WAV audio)'],
    [
      'IMG_0001.HEIC',
      '\0\0\0\x18ftypheic\0\0\0\0mif1heic',
      'is a HEIC/HEIF photo, which this app cannot read',
    ],
    [
      'logo.svg',
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
      'is an SVG drawing, which',
    ],
  ])('recognises %s', (fileName, content, expected) => {
    const bytes = Uint8Array.from(content, (c) => c.charCodeAt(0));
    expect(sniffError(bytes, fileName)).toContain(`"${fileName}" ${expected}`);
  });

  it('calls unrecognised binary an unknown format and shows its first bytes', () => {
    const message = sniffError(new Uint8Array([0x00, 0x01, 0x02, 0xfe, 0xfd, 0xfc]), 'blob.bin');
    expect(message).toBe(
      '"blob.bin" is not an image this app can read (unknown format). First bytes: 00 01 02 fe fd fc. ' +
        'Use a PNG, JPEG or WebP file.',
    );
  });

  it('does not take text that starts with "BM" for a bitmap', () => {
    expect(sniffError(new TextEncoder().encode('BMW service history, 2019–2024'))).toMatch(
      /^The file is not an image \(it looks like text\)/,
    );
  });

  it('reports an empty file', () => {
    expect(sniffError(new Uint8Array(0), 'empty.png')).toMatch(/^"empty\.png" is empty \(0 bytes\)/);
  });
});

describe('sniffImage: truncated and damaged files', () => {
  it('reports a PNG cut off inside a chunk', () => {
    const cut = truncate(makeGrayPng(64, 64, { pixel: (x, y) => (x * 7) ^ (y * 13) }), 0.5);
    expect(sniffError(cut, 'x.png')).toMatch(
      /^"x\.png" is truncated: its IDAT chunk at byte 33 needs [\d,]+ bytes/,
    );
  });

  it('reports a PNG whose chunks are whole but which lacks IEND', () => {
    const withoutIend = PNG.subarray(0, PNG.length - 12);
    expect(sniffError(withoutIend, 'x.png')).toContain('"x.png" is truncated: the PNG data stops after');
    expect(sniffError(withoutIend, 'x.png')).toContain('before its end marker (IEND)');
  });

  it('reports a PNG whose tail was zero-filled (a preallocated, unfinished download) as truncated', () => {
    const zeroTail = concat(PNG.subarray(0, PNG.length - 12), new Uint8Array(40));
    expect(sniffError(zeroTail, 'x.png')).toContain('is truncated: from byte');
  });

  it('reports a PNG cut inside its header', () => {
    expect(sniffError(PNG.subarray(0, 20), 'x.png')).toBe(
      '"x.png" is truncated: it ends after 20 bytes, inside the PNG header. ' +
        'It was probably cut off while downloading or copying; get the complete file and try again.',
    );
  });

  it('reports a JPEG without its end-of-image marker', () => {
    expect(sniffError(truncate(BASELINE_JPEG, 0.9), 'x.jpg')).toContain(
      '"x.jpg" is truncated: the JPEG data stops after 282 bytes without its end-of-image marker (FF D9)',
    );
  });

  it('reports a JPEG cut inside its header', () => {
    expect(sniffError(BASELINE_JPEG.subarray(0, 100), 'x.jpg')).toMatch(
      /^"x\.jpg" is truncated: it ends after 100 bytes, inside the JPEG header/,
    );
  });

  it('reports a WebP shorter than its RIFF size', () => {
    expect(sniffError(truncate(LOSSY_WEBP, 0.5), 'x.webp')).toMatch(
      /^"x\.webp" is truncated: its RIFF header promises 82 bytes, but the file has only 41/,
    );
  });

  it('reports GIF and BMP headers that are incomplete, and a BMP missing pixel rows', () => {
    expect(sniffError(GIF.subarray(0, 8), 'x.gif')).toMatch(
      /^"x\.gif" is truncated: .*inside the GIF header/,
    );
    expect(sniffError(BMP.subarray(0, 20), 'x.bmp')).toMatch(
      /^"x\.bmp" is truncated: .*inside the BMP header/,
    );
    expect(sniffError(BMP.subarray(0, 90), 'x.bmp')).toMatch(
      /^"x\.bmp" is truncated: its 3×5 pixels need 111 bytes/,
    );
  });

  it.each([
    ['PNG', PNG],
    ['baseline JPEG', BASELINE_JPEG],
    ['progressive JPEG', PROGRESSIVE_JPEG],
    ['lossy WebP', LOSSY_WEBP],
    ['lossless WebP', LOSSLESS_WEBP],
    ['extended WebP', ALPHA_WEBP],
  ])('reports every cut-off prefix of a %s as truncated', (_label, bytes) => {
    for (let length = 4; length < bytes.length; length++) {
      expect(sniffError(bytes.subarray(0, length), 'cut')).toMatch(/^"cut" is truncated: /);
    }
  });

  it('reports a JPEG whose scan starts before any frame header as damaged', () => {
    const sosFirst = Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0, 0xff, 0xd9]);
    expect(sniffError(sosFirst, 'x.jpg')).toMatch(
      /^"x\.jpg" is a damaged JPEG file: its image data starts before/,
    );
  });

  it('reports zero width or height', () => {
    const png = PNG.slice();
    new DataView(png.buffer).setUint32(16, 0); // IHDR width
    expect(sniffError(png, 'zero.png')).toMatch(/^"zero\.png" has a zero width or height \(.*0×3\)/);
    const gif = GIF.slice();
    gif[8] = 0; // logical screen height
    expect(sniffError(gif, 'zero.gif')).toContain('has a zero width or height (its GIF header says 4×0)');
  });
});

describe('assertImageSize', () => {
  it('accepts images within the default limits', () => {
    expect(() => assertImageSize(sniffImage(PNG))).not.toThrow();
    expect(() => assertImageSize({ format: 'jpeg', width: 16384, height: 2000 })).not.toThrow();
    expect(DEFAULT_IMAGE_LIMITS).toEqual({ maxPixels: 40_000_000, maxSide: 16384 });
  });

  it('sniffs the 12000×12000 PNG from makeHugePng and refuses it, naming size, megapixels and limit', () => {
    const huge = makeHugePng();
    expect(huge.length).toBeLessThan(64 * 1024);
    const info = sniffImage(huge, 'big.png');
    expect(info).toEqual({ format: 'png', width: 12000, height: 12000 });
    const expected =
      '"big.png" is 12000×12000 (144 megapixels); the limit is 40 megapixels. Scale it down and try again.';
    expect(() => assertImageSize(info, DEFAULT_IMAGE_LIMITS, 'big.png')).toThrow(
      new InvalidInputError(expected),
    );
    expect(() => assertImageSize(info, 'big.png')).toThrow(expected); // (info, fileName) shorthand
    expect(() => assertImageSize(info)).toThrow(/^The image is 12000×12000 \(144 megapixels\)/);
  });

  it('refuses an image whose longest side is over the limit', () => {
    const info: ImageInfo = { format: 'png', width: 20000, height: 100 };
    expect(() => assertImageSize(info, 'strip.png')).toThrow(
      '"strip.png" is 20000×100 (2 megapixels); the limit is 16,384 pixels on the longest side.',
    );
  });

  it('shows exact pixel counts when rounded megapixels would equal the limit', () => {
    const info: ImageInfo = { format: 'png', width: 8000, height: 5001 };
    expect(() => assertImageSize(info, 'edge.png')).toThrow(
      '"edge.png" is 8000×5001 (40,008,000 pixels); the limit is 40,000,000 pixels.',
    );
  });

  it('applies custom limits', () => {
    const limits = { maxPixels: 1_000_000, maxSide: 2048 };
    expect(() => assertImageSize({ format: 'webp', width: 1000, height: 1000 }, limits)).not.toThrow();
    expect(() => assertImageSize({ format: 'webp', width: 1200, height: 1000 }, limits, 'a.webp')).toThrow(
      '"a.webp" is 1200×1000 (1.2 megapixels); the limit is 1 megapixel.',
    );
  });
});

/** Bitwise CRC-32 (PNG's), independent of the table-driven one in the writer. */
function crc32Reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
