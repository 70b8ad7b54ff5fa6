// Draws text with OffscreenCanvas in the worker, so OCR inputs need no image file: the benchmark's page
// and line, and the evaluation set's lines (upright or upside down) and pages, with the true box of
// every line measured as it is drawn. Browser only (Node has no OffscreenCanvas): e2e/evaluation.spec.ts
// checks what is drawn through the models' scores.

import type { RgbaImage } from '../../inputs/image';
import type { Box } from '../../task-kit/evaluation-scores';
import type { LineSpec, PageSpec } from './eval-set';

const INK = '#111';
const PAPER = '#fff';

function context2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('OffscreenCanvas 2D is unavailable, so OCR inputs cannot be drawn');
  context.fillStyle = PAPER;
  context.fillRect(0, 0, width, height);
  context.fillStyle = INK;
  return context;
}

function pixelsOf(context: OffscreenCanvasRenderingContext2D): RgbaImage {
  const { width, height } = context.canvas;
  return { width, height, data: context.getImageData(0, 0, width, height).data };
}

/** Lines of sans-serif text, evenly spaced down a width×height image (the benchmark's inputs). */
export function renderText(
  width: number,
  height: number,
  lines: readonly string[],
  fontPx: number,
): RgbaImage {
  const context = context2d(width, height);
  context.font = `${fontPx}px sans-serif`;
  context.textBaseline = 'middle';
  const step = height / (lines.length + 1);
  lines.forEach((line, index) =>
    context.fillText(line, fontPx * 0.4, step * (index + 1), width - fontPx * 0.8),
  );
  return pixelsOf(context);
}

/** One line cropped as a detector would crop it: the text with a margin of 0.3 of its size around it. */
export function renderLine(line: LineSpec): RgbaImage {
  const measure = context2d(1, 1);
  measure.font = cssFont(line);
  const margin = Math.round(line.sizePx * 0.3);
  const width = Math.ceil(measure.measureText(line.text).width) + 2 * margin;
  const height = Math.ceil(line.sizePx * 1.5);
  const context = context2d(width, height);
  if (line.rotated) {
    context.translate(width, height);
    context.rotate(Math.PI);
  }
  context.font = cssFont(line);
  context.textBaseline = 'middle';
  context.fillText(line.text, margin, height / 2);
  return pixelsOf(context);
}

/** "bold serif" at 24 px → "bold 24px serif": the size goes before the family. */
function cssFont(line: LineSpec): string {
  const words = line.font.split(' ');
  const family = words.pop() ?? 'sans-serif';
  return [...words, `${line.sizePx}px`, family].join(' ');
}

/** Page lines are drawn at this share of their line size, so the longest fits a 640 px page. */
const PAGE_SIZE_SCALE = 0.7;
const PAGE_MARGIN_PX = 16;

/** A page with its lines one under another, and each line's true box as drawn (ink extent). */
export function renderPage(page: PageSpec): { readonly image: RgbaImage; readonly boxes: Box[] } {
  const context = context2d(page.widthPx, page.heightPx);
  context.textBaseline = 'alphabetic';
  const step = page.heightPx / (page.lines.length + 1);
  const boxes = page.lines.map((line, index): Box => {
    context.font = cssFont({ ...line, sizePx: Math.round(line.sizePx * PAGE_SIZE_SCALE) });
    const metrics = context.measureText(line.text);
    // Indents vary by line so boxes do not all start at one x.
    const indent = PAGE_MARGIN_PX + ((index * 37) % 90);
    const x = Math.max(PAGE_MARGIN_PX, Math.min(indent, page.widthPx - PAGE_MARGIN_PX - metrics.width));
    const y = step * (index + 1);
    context.fillText(line.text, x, y);
    return [
      x - metrics.actualBoundingBoxLeft,
      y - metrics.actualBoundingBoxAscent,
      x + metrics.actualBoundingBoxRight,
      y + metrics.actualBoundingBoxDescent,
    ];
  });
  return { image: pixelsOf(context), boxes };
}
