import { describe, expect, it } from 'vitest';
import { createRgbaImage, type RgbaImage } from '../../inputs/image';
import type { Quad } from './db-postprocess';
import { cropTextRegion, resizeBilinear, rotate180, rotate90CounterClockwise, warpQuad } from './image-ops';

/** An image whose pixel (x, y) is [x * 10 + y, y * 7, x + y, 255]: every pixel tells where it came from. */
function coordinateImage(width: number, height: number): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set([x * 10 + y, y * 7, x + y, 255], (y * width + x) * 4);
  }
  return image;
}

function pixel(image: RgbaImage, x: number, y: number): number[] {
  const offset = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(offset, offset + 4));
}

/** The red channel row by row. */
function redRows(image: RgbaImage): number[][] {
  return Array.from({ length: image.height }, (_, y) =>
    Array.from({ length: image.width }, (_, x) => image.data[(y * image.width + x) * 4]!),
  );
}

function redRow(values: number[]): RgbaImage {
  const image = createRgbaImage(values.length, 1);
  values.forEach((value, x) => (image.data[x * 4] = value));
  return image;
}

const quad = (...corners: Array<[number, number]>) => corners.map(([x, y]) => ({ x, y })) as unknown as Quad;

describe('resizeBilinear', () => {
  it('upscales with half-pixel centres and replicated edges like OpenCV', () => {
    // Source x = (x + 0.5) / 2 - 0.5: -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    expect(redRows(resizeBilinear(redRow([0, 100]), 4, 1))).toEqual([[0, 25, 75, 100]]);
  });

  it('downscales by sampling between the source pixels', () => {
    // Source x = (x + 0.5) * 2 - 0.5: 0.5 and 2.5.
    expect(redRows(resizeBilinear(redRow([0, 40, 80, 120]), 2, 1))).toEqual([[20, 100]]);
  });

  it('keeps the image when the size does not change', () => {
    const image = coordinateImage(5, 4);
    expect(resizeBilinear(image, 5, 4).data).toEqual(image.data);
  });
});

describe('rotations', () => {
  const image = redRowsImage([
    [0, 1, 2],
    [3, 4, 5],
  ]);

  function redRowsImage(rows: number[][]): RgbaImage {
    const result = createRgbaImage(rows[0]!.length, rows.length);
    rows.flat().forEach((value, i) => (result.data[i * 4] = value));
    return result;
  }

  it('turns a quarter counter-clockwise', () => {
    expect(redRows(rotate90CounterClockwise(image))).toEqual([
      [2, 5],
      [1, 4],
      [0, 3],
    ]);
  });

  it('turns upside down', () => {
    expect(redRows(rotate180(image))).toEqual([
      [5, 4, 3],
      [2, 1, 0],
    ]);
  });
});

describe('warpQuad', () => {
  const image = coordinateImage(20, 15);

  it('cuts an axis-aligned quad out as the exact sub-image', () => {
    const crop = warpQuad(image, quad([3, 2], [13, 2], [13, 9], [3, 9]));
    expect([crop.width, crop.height]).toEqual([10, 7]);
    for (let y = 0; y < crop.height; y++) {
      for (let x = 0; x < crop.width; x++) expect(pixel(crop, x, y)).toEqual(pixel(image, 3 + x, 2 + y));
    }
  });

  it('follows the quad orientation: a quad whose top edge points down reads the image sideways', () => {
    const crop = warpQuad(image, quad([5, 1], [5, 7], [1, 7], [1, 1]));
    expect([crop.width, crop.height]).toEqual([6, 4]);
    for (let y = 0; y < crop.height; y++) {
      for (let x = 0; x < crop.width; x++) expect(pixel(crop, x, y)).toEqual(pixel(image, 5 - y, 1 + x));
    }
  });

  it('interpolates between pixels for fractional corners', () => {
    const crop = warpQuad(image, quad([2.5, 3], [6.5, 3], [6.5, 5], [2.5, 5]));
    // Pixel (0, 0) samples (2.5, 3): red between 23 and 33, green 21, blue between 5 and 6 (rounded to even).
    expect(pixel(crop, 0, 0)).toEqual([28, 21, 6, 255]);
  });
});

describe('cropTextRegion', () => {
  const image = coordinateImage(20, 15);

  it('turns a crop at least 1.5 times taller than wide a quarter counter-clockwise', () => {
    const crop = cropTextRegion(image, quad([2, 1], [6, 1], [6, 13], [2, 13]));
    expect([crop.width, crop.height]).toEqual([12, 4]);
    for (let y = 0; y < crop.height; y++) {
      for (let x = 0; x < crop.width; x++) expect(pixel(crop, x, y)).toEqual(pixel(image, 2 + 3 - y, 1 + x));
    }
  });

  it('leaves a crop less than 1.5 times taller than wide upright', () => {
    const crop = cropTextRegion(image, quad([2, 1], [6, 1], [6, 6], [2, 6]));
    expect([crop.width, crop.height]).toEqual([4, 5]);
    expect(pixel(crop, 3, 4)).toEqual(pixel(image, 5, 5));
  });
});
