// Reads an image file's format and pixel size from its first bytes, before anything decodes it.
// A text file, a truncated download or a 144-megapixel photo then gets a message that names the
// problem, not a vague decoder failure or a tab killed for memory. Pure TS (no DOM), so it runs in
// Node tests and in the worker alike.

import { InvalidInputError } from '../core/errors';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

export interface ImageSizeLimits {
  /** Most pixels (width × height) an image may have. */
  readonly maxPixels: number;
  /** Longest width or height, in pixels. */
  readonly maxSide: number;
}

/** 40 megapixels decode to 160 MB of RGBA; 16384 is the largest canvas side most browsers allow. */
export const DEFAULT_IMAGE_LIMITS: ImageSizeLimits = Object.freeze({ maxPixels: 40_000_000, maxSide: 16384 });

const USE_INSTEAD = 'Use a PNG, JPEG or WebP file.';
const LABEL: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP', gif: 'GIF', bmp: 'BMP' };

/**
 * The format and size of the image in `bytes`, read from its header. Throws InvalidInputError when
 * the file is empty, is not a PNG/JPEG/WebP/GIF/BMP (saying what it looks like), is truncated or
 * damaged, or has a zero width or height. `fileName` is only used in messages.
 */
export function sniffImage(bytes: Uint8Array, fileName?: string): ImageInfo {
  const name = displayName(fileName, 'The file');
  if (bytes.length === 0) {
    throw new InvalidInputError(
      `${name} is empty (0 bytes); it may not have finished downloading or copying. ${USE_INSTEAD}`,
    );
  }
  const format = detectFormat(bytes);
  if (!format) throw notAnImage(bytes, name);
  const file = new Bytes(bytes, format, name);
  const info = PARSERS[format](file);
  if (info.width === 0 || info.height === 0) {
    throw new InvalidInputError(
      `${name} has a zero width or height (its ${LABEL[format]} header says ${info.width}×${info.height}), ` +
        'so there is nothing to look at. The file is probably damaged; re-export it and try again.',
    );
  }
  return info;
}

/**
 * Throws InvalidInputError, naming the dimensions, the megapixels and the limit, when the image is
 * too large to decode safely. Accepts `(info, fileName)` as a shorthand for the default limits.
 */
export function assertImageSize(info: ImageInfo, fileName?: string): void;
export function assertImageSize(info: ImageInfo, limits?: ImageSizeLimits, fileName?: string): void;
export function assertImageSize(
  info: ImageInfo,
  limitsOrFileName: ImageSizeLimits | string = DEFAULT_IMAGE_LIMITS,
  fileName?: string,
): void {
  const limits = typeof limitsOrFileName === 'string' ? DEFAULT_IMAGE_LIMITS : limitsOrFileName;
  const name = displayName(typeof limitsOrFileName === 'string' ? limitsOrFileName : fileName, 'The image');
  const { width, height } = info;
  const pixels = width * height;
  let [size, limit] = [megapixels(pixels), megapixels(limits.maxPixels)];
  if (size === limit) [size, limit] = [`${count(pixels)} pixels`, `${count(limits.maxPixels)} pixels`];
  const dims = `${name} is ${width}×${height} (${size})`;
  if (pixels > limits.maxPixels) {
    throw new InvalidInputError(`${dims}; the limit is ${limit}. Scale it down and try again.`);
  }
  if (Math.max(width, height) > limits.maxSide) {
    throw new InvalidInputError(
      `${dims}; the limit is ${count(limits.maxSide)} pixels on the longest side. Scale it down and try again.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Recognising the format

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** DIB header sizes: BITMAPCOREHEADER, OS/2 v2 (short and full), INFO, V2, V3, V4, V5. */
const BMP_DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

function detectFormat(b: Uint8Array): ImageFormat | undefined {
  // A file shorter than a signature that matches its start is a truncated image, not "unknown".
  if (startsWith(b, PNG_SIGNATURE, 0, 2)) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff], 0, 2)) return 'jpeg';
  if (ascii(b, 0, 4) === 'RIFF' && (b.length <= 8 || startsWith(b, bytesOf('WEBP'), 8, 1))) return 'webp';
  if (startsWith(b, bytesOf('GIF8'), 0, 4) && (b.length < 6 || /^GIF8[79]a$/.test(ascii(b, 0, 6))))
    return 'gif';
  if (ascii(b, 0, 2) === 'BM') {
    if (b.length >= 18) return BMP_DIB_SIZES.has(u32le(b, 14)) ? 'bmp' : undefined;
    return looksLikeText(b) ? undefined : 'bmp';
  }
  return undefined;
}

interface Lookalike {
  readonly what: string;
  /** An image in a format we do not read (HEIC, TIFF…), rather than no image at all. */
  readonly image?: boolean;
}

function notAnImage(b: Uint8Array, name: string): InvalidInputError {
  const first = `First bytes: ${hex(b.subarray(0, 12))}.`;
  const like = lookalike(b);
  if (!like) {
    return new InvalidInputError(
      `${name} is not an image this app can read (unknown format). ${first} ${USE_INSTEAD}`,
    );
  }
  if (like.image) {
    return new InvalidInputError(
      `${name} is ${like.what}, which this app cannot read. ${first} Convert it to PNG, JPEG or WebP and try again.`,
    );
  }
  return new InvalidInputError(
    `${name} is not an image (it looks like ${like.what}). ${first} ${USE_INSTEAD}`,
  );
}

function lookalike(b: Uint8Array): Lookalike | undefined {
  const head = ascii(b, 0, 16);
  if (head.startsWith('%PDF-')) return { what: 'a PDF document' };
  if (head.startsWith('PK') && [0x0304, 0x0506, 0x0708].includes(((b[2] ?? 0) << 8) | (b[3] ?? 0))) {
    return { what: 'a ZIP archive' };
  }
  if (b[0] === 0x1f && b[1] === 0x8b) return { what: 'a gzip archive' };
  if (head.startsWith('8BPS')) return { what: 'a Photoshop (PSD) image', image: true };
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return { what: 'a TIFF image', image: true };
  if (head.slice(4, 8) === 'ftyp') {
    const brand = head.slice(8, 12);
    if (brand === 'avif' || brand === 'avis') return { what: 'an AVIF image', image: true };
    if (/^(hei[cxms]|hev[cx]|mif1|msf1)$/.test(brand)) return { what: 'a HEIC/HEIF photo', image: true };
    return { what: 'a video (MP4/MOV)' };
  }
  if (head.startsWith('RIFF')) {
    const kind = head.slice(8, 12);
    if (kind === 'WAVE') return { what: 'WAV audio' };
    if (kind === 'AVI ') return { what: 'an AVI video' };
    return { what: `a RIFF "${kind.trim()}" file` };
  }
  if (head.startsWith('ID3') || head.startsWith('OggS') || head.startsWith('fLaC')) return { what: 'audio' };
  if (looksLikeText(b)) {
    const text = new TextDecoder().decode(b.subarray(0, 1024)).trimStart().toLowerCase();
    if (text.includes('<svg')) return { what: 'an SVG drawing', image: true };
    if (text.startsWith('<!doctype html') || text.startsWith('<html')) {
      return { what: 'a web page (HTML), perhaps an error page saved in place of the image' };
    }
    return { what: 'text' };
  }
  return undefined;
}

/** UTF-8 (or BOM-marked UTF-16) without control characters other than tab, newlines, form feed, escape. */
function looksLikeText(b: Uint8Array): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  const sample = b.subarray(0, 1024);
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
      return false;
    }
  }
  try {
    // `stream` keeps a multi-byte character cut off by the sample's end from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Header parsers. Each reads only what it needs and checks the file is complete enough to decode.

const PARSERS: Record<ImageFormat, (file: Bytes) => ImageInfo> = {
  png: parsePng,
  jpeg: parseJpeg,
  webp: parseWebp,
  gif: parseGif,
  bmp: parseBmp,
};

/** The file's bytes with bounds-checked readers and the format's error messages. */
class Bytes {
  readonly length: number;
  private readonly view: DataView;

  constructor(
    readonly b: Uint8Array,
    readonly format: ImageFormat,
    readonly name: string,
  ) {
    this.length = b.length;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Throws "truncated" unless bytes [0, end) exist; for fixed-size headers. */
  need(end: number): void {
    if (end > this.length) {
      throw this.truncated(
        `it ends after ${count(this.length)} bytes, inside the ${LABEL[this.format]} header`,
      );
    }
  }

  u8(offset: number): number {
    return this.view.getUint8(offset);
  }
  u16(offset: number, little = false): number {
    return this.view.getUint16(offset, little);
  }
  u32(offset: number, little = false): number {
    return this.view.getUint32(offset, little);
  }
  i32(offset: number, little = false): number {
    return this.view.getInt32(offset, little);
  }
  u24le(offset: number): number {
    return this.u16(offset, true) | (this.u8(offset + 2) << 16);
  }

  info(width: number, height: number): ImageInfo {
    return { format: this.format, width, height };
  }

  truncated(detail: string): InvalidInputError {
    return new InvalidInputError(
      `${this.name} is truncated: ${detail}. It was probably cut off while downloading or copying; ` +
        'get the complete file and try again.',
    );
  }

  damaged(detail: string): InvalidInputError {
    return new InvalidInputError(
      `${this.name} is a damaged ${LABEL[this.format]} file: ${detail}. Re-export the image and try again.`,
    );
  }
}

function parsePng(f: Bytes): ImageInfo {
  f.need(8 + 8 + 13 + 4); // signature, IHDR length + type, IHDR data, CRC
  if (ascii(f.b, 12, 16) !== 'IHDR' || f.u32(8) !== 13) {
    throw f.damaged(`its first chunk should be a 13-byte IHDR, found "${printable(ascii(f.b, 12, 16))}"`);
  }
  const width = f.u32(16);
  const height = f.u32(20);
  if (width > 0x7fffffff || height > 0x7fffffff)
    throw f.damaged(`its header claims ${width}×${height} pixels`);
  // Walk the chunks to IEND: each length must fit in the file.
  let offset = 8;
  for (;;) {
    if (offset + 8 > f.length) {
      throw f.truncated(
        offset === f.length
          ? `the PNG data stops after ${count(f.length)} bytes, before its end marker (IEND)`
          : `it ends inside a PNG chunk header at byte ${count(offset)}`,
      );
    }
    const length = f.u32(offset);
    const type = ascii(f.b, offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) {
      if (isZeroFrom(f.b, offset)) throw f.truncated(`from byte ${count(offset)} on it holds only zeros`);
      throw f.damaged(
        `byte ${count(offset)} should start a chunk but holds ${hex(f.b.subarray(offset, offset + 8))}`,
      );
    }
    const end = offset + 12 + length;
    if (end > f.length) {
      throw f.truncated(
        `its ${type} chunk at byte ${count(offset)} needs ${count(length + 12)} bytes, ` +
          `but the file ends ${count(f.length - offset)} bytes later`,
      );
    }
    if (type === 'IEND') return f.info(width, height);
    offset = end;
  }
}

/** SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM, RST0..7, SOI, EOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

function parseJpeg(f: Bytes): ImageInfo {
  const inHeader = (): InvalidInputError =>
    f.truncated(`it ends after ${count(f.length)} bytes, inside the JPEG header`);
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  while (!size) {
    if (offset >= f.length) throw inHeader();
    if (f.u8(offset) !== 0xff) {
      throw f.damaged(
        `byte ${count(offset)} should start a marker but holds ${hex(f.b.subarray(offset, offset + 2))}`,
      );
    }
    while (offset < f.length && f.u8(offset) === 0xff) offset++; // a marker may be preceded by fill bytes
    if (offset >= f.length) throw inHeader();
    const marker = f.u8(offset++);
    if (marker === 0x00) throw f.damaged(`byte ${count(offset - 2)} holds FF 00 where a marker should be`);
    if (isStandalone(marker)) {
      if (marker === 0xd9) throw f.damaged('it ends (marker FF D9) before describing the image');
      continue;
    }
    if (offset + 2 > f.length) throw inHeader();
    const length = f.u16(offset);
    if (length < 2) throw f.damaged(`the segment at byte ${count(offset - 2)} has an impossible length`);
    if (marker === 0xda) throw f.damaged('its image data starts before its frame header (SOF)');
    if (isStartOfFrame(marker)) {
      f.need(offset + 7); // length, precision, height, width
      size = { height: f.u16(offset + 3), width: f.u16(offset + 5) };
    }
    offset += length;
  }
  if (!endsWithEoi(f.b) && !hasEoiAfter(f, offset)) {
    throw f.truncated(
      `the JPEG data stops after ${count(f.length)} bytes without its end-of-image marker (FF D9), ` +
        'so part of the picture is missing',
    );
  }
  return f.info(size.width, size.height);
}

/** The usual case: EOI is the last two bytes, ignoring zero padding some writers add. */
function endsWithEoi(b: Uint8Array): boolean {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return end >= 2 && b[end - 2] === 0xff && b[end - 1] === 0xd9;
}

/**
 * Walks the segments and entropy-coded scans from `offset` looking for EOI, for files that carry
 * data after the image (e.g. "motion photos" append a video). In scan data 0xFF is always followed by
 * 0x00 (stuffing) or a restart marker, so the first other marker ends the scan.
 */
function hasEoiAfter(f: Bytes, offset: number): boolean {
  const b = f.b;
  while (offset < b.length) {
    if (b[offset] !== 0xff) return false;
    while (offset < b.length && b[offset] === 0xff) offset++;
    const marker = b[offset++];
    if (marker === undefined) return false;
    if (marker === 0xd9) return true;
    if (isStandalone(marker)) continue;
    if (offset + 2 > b.length) return false;
    offset += f.u16(offset);
    if (marker !== 0xda) continue;
    // Skip the scan's entropy-coded data up to the next real marker.
    for (;;) {
      offset = b.indexOf(0xff, offset);
      if (offset < 0 || offset + 1 >= b.length) return false;
      const next = b[offset + 1] ?? 0;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) offset += 2;
      else if (next === 0xff) offset += 1;
      else break;
    }
  }
  return false;
}

function parseWebp(f: Bytes): ImageInfo {
  f.need(12); // RIFF, size, WEBP
  const promised = f.u32(4, true) + 8;
  if (promised > f.length) {
    throw f.truncated(
      `its RIFF header promises ${count(promised)} bytes, but the file has only ${count(f.length)}`,
    );
  }
  f.need(20); // first chunk's type and size
  const chunk = ascii(f.b, 12, 16);
  if (chunk === 'VP8 ') {
    f.need(30);
    if (f.u8(23) !== 0x9d || f.u8(24) !== 0x01 || f.u8(25) !== 0x2a)
      throw f.damaged('its VP8 start code is missing');
    return f.info(f.u16(26, true) & 0x3fff, f.u16(28, true) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    f.need(25);
    if (f.u8(20) !== 0x2f) throw f.damaged('its VP8L signature is missing');
    const bits = f.u32(21, true);
    return f.info((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    f.need(30);
    return f.info(f.u24le(24) + 1, f.u24le(27) + 1);
  }
  throw f.damaged(`its first chunk is "${printable(chunk)}", not VP8, VP8L or VP8X`);
}

function parseGif(f: Bytes): ImageInfo {
  f.need(10); // GIF8xa, logical screen width and height
  return f.info(f.u16(6, true), f.u16(8, true));
}

function parseBmp(f: Bytes): ImageInfo {
  f.need(18); // file header, DIB header size
  const dibSize = f.u32(14, true);
  f.need(26);
  const core = dibSize === 12; // BITMAPCOREHEADER: 16-bit unsigned sizes
  const width = core ? f.u16(18, true) : f.i32(18, true);
  const rawHeight = core ? f.u16(20, true) : f.i32(22, true); // negative: rows stored top-down
  if (width < 0) throw f.damaged(`its header gives a negative width (${width})`);
  const height = Math.abs(rawHeight);
  // Uncompressed pixels (BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS) have a known size; check they are all there.
  const bitsAt = core ? 24 : 28;
  const dataStart = f.u32(10, true);
  if (dataStart > f.length) {
    throw f.truncated(
      `its pixels should start at byte ${count(dataStart)}, but the file has only ${count(f.length)}`,
    );
  }
  if (f.length >= bitsAt + 2 && (core || dibSize < 20 || f.length >= 34)) {
    const bitsPerPixel = f.u16(bitsAt, true);
    const compression = core || dibSize < 20 ? 0 : f.u32(30, true);
    if ([1, 4, 8, 16, 24, 32].includes(bitsPerPixel) && [0, 3, 6].includes(compression) && height > 0) {
      const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
      const stride = Math.ceil(rowBytes / 4) * 4;
      const needed = dataStart + stride * (height - 1) + rowBytes; // the last row's padding is optional
      if (needed > f.length) {
        throw f.truncated(
          `its ${width}×${height} pixels need ${count(needed)} bytes, but the file has only ${count(f.length)}`,
        );
      }
    }
  }
  return f.info(width, height);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function displayName(fileName: string | undefined, fallback: string): string {
  return fileName ? `"${fileName}"` : fallback;
}

function startsWith(b: Uint8Array, signature: readonly number[], at: number, minMatch: number): boolean {
  const available = Math.min(signature.length, b.length - at);
  if (available < Math.min(minMatch, signature.length)) return false;
  for (let i = 0; i < available; i++) if (b[at + i] !== signature[i]) return false;
  return true;
}

function u32le(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

function bytesOf(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** Bytes [start, end) as Latin-1 characters (short, bounds-clamped). */
function ascii(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...b.subarray(start, end));
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

function hex(b: Uint8Array): string {
  return Array.from(b, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function isZeroFrom(b: Uint8Array, start: number): boolean {
  for (let i = start; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  const shown = mp >= 100 ? Math.round(mp) : Number(mp.toPrecision(3));
  return `${shown} ${shown === 1 ? 'megapixel' : 'megapixels'}`;
}
