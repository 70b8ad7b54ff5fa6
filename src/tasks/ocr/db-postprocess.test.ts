import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR_OPTIONS } from './ocr-pipeline';
import {
  convexHull,
  dbPostProcess,
  minAreaRect,
  rectCorners,
  sortReadingOrder,
  type Point,
  type ProbabilityMap,
  type TextBox,
} from './db-postprocess';

/** PaddleOCR's own unclip ratio, which the hand-computed boxes below assume. */
const PADDLE_OPTIONS = { ...DEFAULT_OCR_OPTIONS, unclipRatio: 1.5 };

/** A map of the given size with `value` wherever `inside(x, y)` holds and 0 elsewhere. */
function mapWith(
  width: number,
  height: number,
  regions: Array<{ value: number; inside: (x: number, y: number) => boolean }>,
): ProbabilityMap {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (const { value, inside } of regions) if (inside(x, y)) data[y * width + x] = value;
    }
  }
  return { data, width, height };
}

/** A filled axis-aligned block of pixels, both ends inclusive. */
function block(x0: number, y0: number, x1: number, y1: number, value = 0.9) {
  return { value, inside: (x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1 };
}

const size = (map: ProbabilityMap) => ({ width: map.width, height: map.height });
const corners = (box: TextBox) => box.points.map(({ x, y }) => [x, y]);
const length = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

describe('dbPostProcess', () => {
  it('finds an axis-aligned block and grows it by the unclip distance', () => {
    // Pixel centres span 39 x 9; unclip distance = 39 * 9 * 1.5 / (2 * (39 + 9)) = 5.484375, so the box
    // spans x 39.5 -/+ 24.984375 and y 24.5 -/+ 9.984375, rounded to whole pixels.
    const map = mapWith(100, 60, [block(20, 20, 59, 29)]);
    const boxes = dbPostProcess(map, size(map), PADDLE_OPTIONS);
    expect(boxes).toHaveLength(1);
    expect(corners(boxes[0]!)).toEqual([
      [15, 15],
      [64, 15],
      [64, 34],
      [15, 34],
    ]);
    expect(boxes[0]!.score).toBeCloseTo(0.9, 6);
  });

  it('scales boxes from map to image pixels per axis', () => {
    const map = mapWith(100, 60, [block(20, 20, 59, 29)]);
    const [box] = dbPostProcess(map, { width: 200, height: 120 }, PADDLE_OPTIONS);
    // 14.515625 * 2 = 29.03 and 64.484375 * 2 = 128.97 (x); the same numbers for y.
    expect(corners(box!)).toEqual([
      [29, 29],
      [129, 29],
      [129, 69],
      [29, 69],
    ]);
  });

  it('clamps boxes to the image', () => {
    const map = mapWith(64, 32, [block(0, 0, 39, 9)]);
    const [box] = dbPostProcess(map, size(map), PADDLE_OPTIONS);
    expect(corners(box!)).toEqual([
      [0, 0],
      [44, 0],
      [44, 14],
      [0, 14],
    ]);
    // Right and bottom edges: x 46.5 + 21.8 and y 24.5 + 9.8 (distance 5.30) fall outside a 64 x 32 image.
    const [edgeBox] = dbPostProcess(
      mapWith(64, 32, [block(30, 20, 63, 29)]),
      { width: 64, height: 32 },
      PADDLE_OPTIONS,
    );
    expect(corners(edgeBox!)).toEqual([
      [25, 15],
      [63, 15],
      [63, 31],
      [25, 31],
    ]);
  });

  it('returns separate blobs in reading order', () => {
    const map = mapWith(120, 60, [
      block(60, 10, 89, 19), // right, 2 px higher than its left neighbour: same line
      block(10, 12, 39, 21), // left
      block(5, 40, 30, 49), // next line
    ]);
    const boxes = dbPostProcess(map, size(map), PADDLE_OPTIONS);
    expect(boxes.map((box) => box.points[0].x)).toEqual([5, 55, 0]);
    expect(boxes.map((box) => box.points[0].y)).toEqual([7, 5, 35]);
  });

  it('finds a rotated rectangle at its angle', () => {
    // 80 x 20 rectangle turned 30 degrees (clockwise on screen, y points down) around (100, 80).
    const angle = Math.PI / 6;
    const map = mapWith(200, 160, [
      {
        value: 0.9,
        inside: (x, y) => {
          const u = (x - 100) * Math.cos(angle) + (y - 80) * Math.sin(angle);
          const v = -(x - 100) * Math.sin(angle) + (y - 80) * Math.cos(angle);
          return Math.abs(u) <= 40 && Math.abs(v) <= 10;
        },
      },
    ]);
    const boxes = dbPostProcess(map, size(map), PADDLE_OPTIONS);
    expect(boxes).toHaveLength(1);
    const [topLeft, topRight, bottomRight, bottomLeft] = boxes[0]!.points;
    const degrees = (a: Point, b: Point) => (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
    expect(Math.abs(degrees(topLeft, topRight) - 30)).toBeLessThan(1.5);
    expect(Math.abs(degrees(bottomLeft, bottomRight) - 30)).toBeLessThan(1.5);
    // About 80 x 20 grown by 80 * 20 * 1.5 / 200 = 12 on each side: 104 x 44.
    expect(Math.abs(length(topLeft, topRight) - 104)).toBeLessThan(2.5);
    expect(Math.abs(length(topLeft, bottomLeft) - 44)).toBeLessThan(2.5);
    const centreX = (topLeft.x + bottomRight.x) / 2;
    const centreY = (topLeft.y + bottomRight.y) / 2;
    expect(Math.abs(centreX - 100)).toBeLessThan(1);
    expect(Math.abs(centreY - 80)).toBeLessThan(1);
  });

  it('drops a blob whose mean probability is below boxThresh', () => {
    const map = mapWith(100, 60, [block(20, 20, 59, 29, 0.5)]);
    expect(dbPostProcess(map, size(map), PADDLE_OPTIONS)).toEqual([]);
    expect(dbPostProcess(map, size(map), { ...PADDLE_OPTIONS, boxThresh: 0.45 })).toHaveLength(1);
  });

  it('ignores values at or below thresh', () => {
    const map = mapWith(100, 60, [block(20, 20, 59, 29, 0.3)]);
    expect(dbPostProcess(map, size(map), PADDLE_OPTIONS)).toEqual([]);
  });

  it('drops blobs whose short side is below minSize', () => {
    // 3 px thick: pixel centres span 2 < 3. 4 px thick: they span 3, which is kept.
    const map = mapWith(100, 60, [block(10, 10, 11, 11), block(10, 30, 49, 32), block(60, 30, 99, 33)]);
    const boxes = dbPostProcess(map, size(map), PADDLE_OPTIONS);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.points[0].x).toBeGreaterThan(55);
  });

  it('considers at most maxCandidates regions, first found first', () => {
    const map = mapWith(100, 80, [block(10, 10, 49, 19), block(10, 40, 49, 49), block(60, 60, 99, 69)]);
    const boxes = dbPostProcess(map, size(map), { ...PADDLE_OPTIONS, maxCandidates: 2 });
    expect(boxes.map((box) => box.points[0].y)).toEqual([5, 35]);
  });

  it('joins diagonal neighbours into one region (8-connectivity)', () => {
    // The joined region fills only half of its rectangle, so accept low scores here.
    const map = mapWith(100, 60, [block(10, 10, 29, 19), block(30, 20, 49, 29)]);
    expect(dbPostProcess(map, size(map), { ...PADDLE_OPTIONS, boxThresh: 0.3 })).toHaveLength(1);
  });

  it('rejects a map whose data does not match its size', () => {
    expect(() =>
      dbPostProcess(
        { data: new Float32Array(5), width: 2, height: 2 },
        { width: 2, height: 2 },
        PADDLE_OPTIONS,
      ),
    ).toThrow(/5 values, expected 2x2/);
  });
});

describe('convexHull', () => {
  it('keeps only the corners of a square with inner and edge points', () => {
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 0, y: 2 },
      { x: 0, y: 1 },
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).toEqual(
      expect.arrayContaining([
        { x: 0, y: 0 },
        { x: 2, y: 0 },
        { x: 2, y: 2 },
        { x: 0, y: 2 },
      ]),
    );
  });
});

describe('minAreaRect', () => {
  const area = (points: Point[]) => {
    const rect = minAreaRect(points);
    return rect.width * rect.height;
  };

  it('fits an axis-aligned rectangle exactly', () => {
    const rect = minAreaRect([
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 2 },
      { x: 0, y: 2 },
      { x: 2, y: 1 },
    ]);
    expect([rect.width, rect.height].sort()).toEqual([2, 4]);
    expect(rect.center.x).toBeCloseTo(2, 9);
    expect(rect.center.y).toBeCloseTo(1, 9);
  });

  it('turns with a diamond instead of boxing it axis-aligned', () => {
    const diamond = [
      { x: 0, y: -1 },
      { x: 1, y: 0 },
      { x: 0, y: 1 },
      { x: -1, y: 0 },
    ];
    const rect = minAreaRect(diamond);
    expect(rect.width).toBeCloseTo(Math.SQRT2, 9);
    expect(rect.height).toBeCloseTo(Math.SQRT2, 9);
    expect(Math.abs(rect.axis.x)).toBeCloseTo(Math.SQRT1_2, 9);
  });

  it('gives a 3-4-5 triangle an area of 12', () => {
    expect(
      area([
        { x: 0, y: 0 },
        { x: 4, y: 0 },
        { x: 0, y: 3 },
      ]),
    ).toBeCloseTo(12, 9);
  });

  it('gives collinear points a zero-height rectangle along the line', () => {
    const rect = minAreaRect([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 3, y: 3 },
    ]);
    expect(Math.max(rect.width, rect.height)).toBeCloseTo(3 * Math.SQRT2, 9);
    expect(Math.min(rect.width, rect.height)).toBeCloseTo(0, 9);
  });

  it('gives a single point an empty rectangle at that point', () => {
    expect(minAreaRect([{ x: 3, y: 4 }])).toMatchObject({ center: { x: 3, y: 4 }, width: 0, height: 0 });
  });
});

describe('rectCorners', () => {
  it('lists corners clockwise from top-left', () => {
    const quad = rectCorners({ center: { x: 10, y: 10 }, axis: { x: 0, y: 1 }, width: 2, height: 4 });
    expect(quad.map(({ x, y }) => [x, y])).toEqual([
      [8, 9],
      [12, 9],
      [12, 11],
      [8, 11],
    ]);
  });
});

describe('sortReadingOrder', () => {
  it('orders top to bottom, and left to right when tops differ by less than 10 px', () => {
    const at = (x: number, y: number): TextBox => ({
      points: [
        { x, y },
        { x: x + 5, y },
        { x: x + 5, y: y + 5 },
        { x, y: y + 5 },
      ],
      score: 1,
    });
    const sorted = sortReadingOrder([at(30, 40), at(50, 10), at(5, 45), at(10, 15), at(0, 25)]);
    expect(sorted.map((box) => [box.points[0].x, box.points[0].y])).toEqual([
      [10, 15],
      [50, 10],
      [0, 25],
      [5, 45],
      [30, 40],
    ]);
  });
});
