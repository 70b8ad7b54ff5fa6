// Turns the DB text detector's probability map into text boxes, following PaddleOCR's DBPostProcess
// ('fast' score, quad boxes) and its box filtering and reading-order sort in predict_det / predict_system.
// Regions are 8-connected components of the binarized map rather than OpenCV contours; each component's
// minimum-area rectangle is scored, grown by the unclip distance, and mapped back to image pixels.

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Four corners clockwise from top-left (in image coordinates, y pointing down). */
export type Quad = readonly [Point, Point, Point, Point];

export interface TextBox {
  readonly points: Quad;
  /** Mean text probability inside the detected box before unclipping. */
  readonly score: number;
}

export interface DbOptions {
  /** Map values above this count as text. */
  readonly thresh: number;
  /** Boxes whose mean probability is below this are dropped. */
  readonly boxThresh: number;
  /** How far boxes grow: distance = area * unclipRatio / perimeter. */
  readonly unclipRatio: number;
  /** Boxes whose short side is below this (below minSize + 2 after growing) are dropped. */
  readonly minSize: number;
  /** At most this many regions are considered, in raster order of their first pixel. */
  readonly maxCandidates: number;
}

export interface ProbabilityMap {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A rectangle of any orientation; `axis` is the unit vector along its width. */
export interface RotatedRect {
  readonly center: Point;
  readonly axis: Point;
  readonly width: number;
  readonly height: number;
}

/** PaddleOCR's filter_tag_det_res drops boxes with a side this short or shorter in image pixels. */
const MIN_IMAGE_SIDE = 3;
/** PaddleOCR's sorted_boxes treats boxes whose top-left corners differ less than this in y as one line. */
const SAME_LINE_TOLERANCE = 10;
/** Slack for coordinates that land on pixel centres up to rounding error. */
const EPSILON = 1e-6;

/**
 * The hull-relevant pixels of each 8-connected region of `foreground` (the leftmost and rightmost pixel of
 * every row, at pixel centres), for at most maxCount regions. Consumes `foreground`: it ends all zero.
 */
function regionOutlines(foreground: Uint8Array, width: number, height: number, maxCount: number): Point[][] {
  const outlines: Point[][] = [];
  const queue = new Int32Array(width * height);
  const rowMin = new Int32Array(height);
  const rowMax = new Int32Array(height);
  for (let start = 0; start < foreground.length && outlines.length < maxCount; start++) {
    if (!foreground[start]) continue;
    // Breadth-first flood fill; queue[0, tail) ends up holding every pixel of the region.
    foreground[start] = 0;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    const top = Math.floor(start / width);
    let bottom = top;
    while (head < tail) {
      const pixel = queue[head++]!;
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (y > bottom) bottom = y;
      for (let ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, height - 1); ny++) {
        for (let nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, width - 1); nx++) {
          const neighbour = ny * width + nx;
          if (foreground[neighbour]) {
            foreground[neighbour] = 0;
            queue[tail++] = neighbour;
          }
        }
      }
    }
    rowMin.fill(width, top, bottom + 1);
    rowMax.fill(-1, top, bottom + 1);
    for (let i = 0; i < tail; i++) {
      const pixel = queue[i]!;
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (x < rowMin[y]!) rowMin[y] = x;
      if (x > rowMax[y]!) rowMax[y] = x;
    }
    const outline: Point[] = [];
    for (let y = top; y <= bottom; y++) {
      outline.push({ x: rowMin[y]!, y });
      if (rowMax[y] !== rowMin[y]) outline.push({ x: rowMax[y]!, y });
    }
    outlines.push(outline);
  }
  return outlines;
}

function cross(origin: Point, a: Point, b: Point): number {
  return (a.x - origin.x) * (b.y - origin.y) - (a.y - origin.y) * (b.x - origin.x);
}

/** Convex hull by Andrew's monotone chain, without collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const halfHull = (ordered: readonly Point[]): Point[] => {
    const chain: Point[] = [];
    for (const point of ordered) {
      while (chain.length >= 2 && cross(chain[chain.length - 2]!, chain[chain.length - 1]!, point) <= 0)
        chain.pop();
      chain.push(point);
    }
    chain.pop(); // the last point starts the other half
    return chain;
  };
  return [...halfHull(sorted), ...halfHull([...sorted].reverse())];
}

/**
 * The smallest-area rectangle around the points (OpenCV's minAreaRect). One side of it lies along a hull
 * edge, so every edge direction of the convex hull is tried.
 */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  const first = hull[0];
  if (!first) throw new Error('minAreaRect needs at least one point');
  let best: RotatedRect = { center: first, axis: { x: 1, y: 0 }, width: 0, height: 0 };
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    const ux = (b.x - a.x) / length;
    const uy = (b.y - a.y) / length;
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const p of hull) {
      const u = p.x * ux + p.y * uy;
      const v = p.y * ux - p.x * uy;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const midU = (minU + maxU) / 2;
      const midV = (minV + maxV) / 2;
      best = {
        center: { x: ux * midU - uy * midV, y: uy * midU + ux * midV },
        axis: { x: ux, y: uy },
        width: maxU - minU,
        height: maxV - minV,
      };
    }
  }
  return best;
}

/**
 * Orders a rectangle's corners clockwise from top-left like PaddleOCR's get_mini_boxes: of the two leftmost
 * corners the upper is top-left, of the two rightmost the upper is top-right.
 */
function orderCorners(corners: Quad): Quad {
  const byX = [...corners].sort((a, b) => a.x - b.x || a.y - b.y) as [Point, Point, Point, Point];
  const [left1, left2, right1, right2] = byX;
  const [topLeft, bottomLeft] = left1.y <= left2.y ? [left1, left2] : [left2, left1];
  const [topRight, bottomRight] = right1.y <= right2.y ? [right1, right2] : [right2, right1];
  return [topLeft, topRight, bottomRight, bottomLeft];
}

/** The rectangle's corners, clockwise from top-left. */
export function rectCorners(rect: RotatedRect): Quad {
  const { center, axis } = rect;
  const halfU = { x: (axis.x * rect.width) / 2, y: (axis.y * rect.width) / 2 };
  const halfV = { x: (-axis.y * rect.height) / 2, y: (axis.x * rect.height) / 2 };
  const corner = (alongWidth: number, alongHeight: number): Point => ({
    x: center.x + alongWidth * halfU.x + alongHeight * halfV.x,
    y: center.y + alongWidth * halfU.y + alongHeight * halfV.y,
  });
  return orderCorners([corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)]);
}

/** x-extent of a convex polygon on row y, or undefined when the row misses it. */
function rowSpan(polygon: Quad, y: number): { from: number; to: number } | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    if (Math.min(a.y, b.y) > y + EPSILON || Math.max(a.y, b.y) < y - EPSILON) continue;
    const dy = b.y - a.y;
    const xs =
      Math.abs(dy) < EPSILON ? [a.x, b.x] : [a.x + Math.min(Math.max((y - a.y) / dy, 0), 1) * (b.x - a.x)];
    for (const x of xs) {
      from = Math.min(from, x);
      to = Math.max(to, x);
    }
  }
  return from <= to ? { from, to } : undefined;
}

/** Mean map value over the pixels whose centres lie in the convex quad (PaddleOCR's box_score_fast). */
function boxScore(map: ProbabilityMap, quad: Quad): number {
  const ys = quad.map((p) => p.y);
  const firstRow = Math.max(Math.ceil(Math.min(...ys) - EPSILON), 0);
  const lastRow = Math.min(Math.floor(Math.max(...ys) + EPSILON), map.height - 1);
  let sum = 0;
  let count = 0;
  for (let y = firstRow; y <= lastRow; y++) {
    const span = rowSpan(quad, y);
    if (!span) continue;
    const lastColumn = Math.min(Math.floor(span.to + EPSILON), map.width - 1);
    for (let x = Math.max(Math.ceil(span.from - EPSILON), 0); x <= lastColumn; x++) {
      sum += map.data[y * map.width + x]!;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * Grows the rectangle by PaddleOCR's unclip distance (area * ratio / perimeter) on every side. Offsetting a
 * rectangle with round joins, as PaddleOCR does, has exactly this rectangle as its minimum-area rectangle.
 */
function unclip(rect: RotatedRect, unclipRatio: number): RotatedRect {
  const distance = (rect.width * rect.height * unclipRatio) / (2 * (rect.width + rect.height));
  return { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance };
}

/** Scales map coordinates to whole image pixels, clamped inside the image. */
function toImagePixels(quad: Quad, map: ProbabilityMap, imageWidth: number, imageHeight: number): Quad {
  const scale = (p: Point): Point => ({
    x: Math.min(Math.max(Math.round((p.x * imageWidth) / map.width), 0), imageWidth - 1),
    y: Math.min(Math.max(Math.round((p.y * imageHeight) / map.height), 0), imageHeight - 1),
  });
  return [scale(quad[0]), scale(quad[1]), scale(quad[2]), scale(quad[3])];
}

function isLargeEnough([topLeft, topRight, , bottomLeft]: Quad): boolean {
  const side = (a: Point, b: Point) => Math.trunc(Math.hypot(a.x - b.x, a.y - b.y));
  return side(topLeft, topRight) > MIN_IMAGE_SIDE && side(topLeft, bottomLeft) > MIN_IMAGE_SIDE;
}

/** Reading order as PaddleOCR's sorted_boxes: top to bottom, left to right within a line. */
export function sortReadingOrder(boxes: readonly TextBox[]): TextBox[] {
  const sorted = [...boxes].sort((a, b) => a.points[0].y - b.points[0].y || a.points[0].x - b.points[0].x);
  for (let i = 0; i < sorted.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const upper = sorted[j]!;
      const lower = sorted[j + 1]!;
      const sameLine = Math.abs(lower.points[0].y - upper.points[0].y) < SAME_LINE_TOLERANCE;
      if (!sameLine || lower.points[0].x >= upper.points[0].x) break;
      sorted[j] = lower;
      sorted[j + 1] = upper;
    }
  }
  return sorted;
}

/** Text boxes in image coordinates, in reading order, from a probability map of any size. */
export function dbPostProcess(
  map: ProbabilityMap,
  imageSize: { readonly width: number; readonly height: number },
  options: DbOptions,
): TextBox[] {
  const { data, width, height } = map;
  if (data.length !== width * height) {
    throw new Error(`Probability map has ${data.length} values, expected ${width}x${height}`);
  }
  const foreground = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) foreground[i] = data[i]! > options.thresh ? 1 : 0;

  const boxes: TextBox[] = [];
  for (const outline of regionOutlines(foreground, width, height, options.maxCandidates)) {
    const rect = minAreaRect(outline);
    if (Math.min(rect.width, rect.height) < options.minSize) continue;
    const score = boxScore(map, rectCorners(rect));
    if (score < options.boxThresh) continue;
    const grown = unclip(rect, options.unclipRatio);
    if (Math.min(grown.width, grown.height) < options.minSize + 2) continue;
    const points = toImagePixels(rectCorners(grown), map, imageSize.width, imageSize.height);
    if (isLargeEnough(points)) boxes.push({ points, score });
  }
  return sortReadingOrder(boxes);
}
