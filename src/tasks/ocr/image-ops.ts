// Pixel operations the OCR pipeline needs on plain RGBA images (resize, quarter turns, cutting a text
// quad out upright), written over typed arrays so they run in Node tests and in the worker alike.
// Sampling follows OpenCV (pixel centres at integer coordinates, edge pixels replicated), the library
// PaddleOCR's reference pipeline uses.

import { createRgbaImage, type RgbaImage } from '../../inputs/image';
import type { Point, Quad } from './db-postprocess';

/** PaddleOCR turns a crop this much taller than wide by 90° so vertical text reads left to right. */
const TALL_CROP_RATIO = 1.5;

/** Writes the bilinear sample of `image` at (x, y) into `out` at `offset`, replicating edge pixels. */
function sampleBilinear(
  image: RgbaImage,
  x: number,
  y: number,
  out: Uint8ClampedArray,
  offset: number,
): void {
  const { width, height, data } = image;
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const wx = cx - x0;
  const wy = cy - y0;
  const topLeft = (y0 * width + x0) * 4;
  const topRight = (y0 * width + x1) * 4;
  const bottomLeft = (y1 * width + x0) * 4;
  const bottomRight = (y1 * width + x1) * 4;
  for (let c = 0; c < 4; c++) {
    const top = data[topLeft + c]! + (data[topRight + c]! - data[topLeft + c]!) * wx;
    const bottom = data[bottomLeft + c]! + (data[bottomRight + c]! - data[bottomLeft + c]!) * wx;
    out[offset + c] = top + (bottom - top) * wy;
  }
}

/** Bilinear resize with OpenCV's INTER_LINEAR geometry (half-pixel centres, no antialiasing). */
export function resizeBilinear(image: RgbaImage, width: number, height: number): RgbaImage {
  const resized = createRgbaImage(width, height);
  const scaleX = image.width / width;
  const scaleY = image.height / height;
  for (let y = 0; y < height; y++) {
    const sourceY = (y + 0.5) * scaleY - 0.5;
    for (let x = 0; x < width; x++) {
      sampleBilinear(image, (x + 0.5) * scaleX - 0.5, sourceY, resized.data, (y * width + x) * 4);
    }
  }
  return resized;
}

/** Copies pixels into a new width x height image; `sourceIndex` gives the source pixel of (x, y). */
function remap(
  image: RgbaImage,
  width: number,
  height: number,
  sourceIndex: (x: number, y: number) => number,
): RgbaImage {
  const result = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = sourceIndex(x, y) * 4;
      const to = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) result.data[to + c] = image.data[from + c]!;
    }
  }
  return result;
}

/** Quarter turn counter-clockwise, like numpy's rot90. */
export function rotate90CounterClockwise(image: RgbaImage): RgbaImage {
  const { width, height } = image;
  return remap(image, height, width, (x, y) => x * width + (width - 1 - y));
}

export function rotate180(image: RgbaImage): RgbaImage {
  const { width, height } = image;
  return remap(image, width, height, (x, y) => (height - 1 - y) * width + (width - 1 - x));
}

/** h0..h7 of the projective map (x, y) -> ((h0 x + h1 y + h2) / d, (h3 x + h4 y + h5) / d), d = h6 x + h7 y + 1. */
type Homography = [number, number, number, number, number, number, number, number];

/** Solves the 8x8 system for the homography taking each `from` point to the `to` point at the same index. */
function homography(from: Quad, to: Quad): Homography {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    rows.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  // Gaussian elimination with partial pivoting on the augmented matrix.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) {
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    }
    if (Math.abs(rows[pivot]![col]!) < 1e-12) throw new Error('Cannot crop a degenerate text quad');
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    const pivotRow = rows[col]!;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = rows[r]!;
      const factor = row[col]! / pivotRow[col]!;
      for (let k = col; k < 9; k++) row[k] = row[k]! - factor * pivotRow[k]!;
    }
  }
  // After Gauss-Jordan elimination row i holds only its pivot in column i.
  return rows.map((row, i) => row[8]! / row[i]!) as Homography;
}

/**
 * Perspective-warps the quad onto an upright image, like PaddleOCR's get_rotate_crop_image: width is the
 * longer of the top and bottom edges, height the longer of the left and right edges (truncated to whole
 * pixels, at least 1).
 */
export function warpQuad(image: RgbaImage, quad: Quad): RgbaImage {
  const [topLeft, topRight, bottomRight, bottomLeft] = quad;
  const width = Math.max(
    1,
    Math.trunc(Math.max(distance(topLeft, topRight), distance(bottomRight, bottomLeft))),
  );
  const height = Math.max(
    1,
    Math.trunc(Math.max(distance(topLeft, bottomLeft), distance(topRight, bottomRight))),
  );
  const upright: Quad = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const [h0, h1, h2, h3, h4, h5, h6, h7] = homography(upright, quad);
  const crop = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + 1;
      sampleBilinear(
        image,
        (h0 * x + h1 * y + h2) / w,
        (h3 * x + h4 * y + h5) / w,
        crop.data,
        (y * width + x) * 4,
      );
    }
  }
  return crop;
}

/** The text region as the recognizer wants it: warped upright, and turned when much taller than wide. */
export function cropTextRegion(image: RgbaImage, quad: Quad): RgbaImage {
  const crop = warpQuad(image, quad);
  return crop.height / crop.width >= TALL_CROP_RATIO ? rotate90CounterClockwise(crop) : crop;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
