// The OCR evaluation set and calibration split as data: which strings are drawn in which font and size,
// line by line (recognition, angle classifier) and page by page (detection). Pure, so Node tests check
// that the set is deterministic and that the two splits share no string and no font; render-text.ts
// draws them in the worker. The strings are ASCII: the PP-OCRv4 dictionary also holds Chinese, but
// the Chromium here has no CJK font (only DejaVu), so a Chinese line would render as boxes.

/** One text line to draw: the truth, a CSS font family (with style) and a font size. */
export interface LineSpec {
  readonly text: string;
  /** CSS font without the size, e.g. "bold sans-serif"; size is added when drawing. */
  readonly font: string;
  readonly sizePx: number;
  /** Drawn upside down (the angle classifier's "180°" class). */
  readonly rotated?: boolean;
}

export interface PageSpec {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly lines: readonly LineSpec[];
}

/** Words, digits, punctuation and mixes, as receipts, forms, signs and notes have them. */
const EVALUATION_STRINGS = [
  'The quick brown fox',
  'jumps over the lazy dog',
  'Invoice No. 2026-0457',
  'Total: 1,284.90 EUR',
  'Call +49 30 1234 5678',
  'Open Mon-Fri 9:00-17:30',
  'support@example.org',
  'Order #A7-3391 shipped',
  'Room 4B, 2nd floor',
  'Price 12.99 (incl. VAT)',
  'Batch size = 32; lr = 0.001',
  'Keep out of reach of children',
  'Best before 03/2027',
  'https://example.com/docs',
  'Temperature 21.5 C',
  'Meeting at 14:45 today',
  'Serial: XK-0092-ZT',
  'Thank you for shopping!',
  'Page 12 of 48',
  'Latency 36.6 ms / 2 threads',
  'Exit 27 - Berlin Mitte',
  'Hello, World!',
  'Q3 revenue up 8.4%',
  'Gate B22 boarding 18:05',
  'Parcel weight 2.35 kg',
  'Do not bend',
  'Version 1.30.0 [stable]',
  'Step 3 of 5: confirm',
  'Account 0042 7781 9930',
  'Small open models',
  'Fast and private OCR',
  'Receipt 7781 - Cash',
] as const;

/** The calibration split: other strings, and fonts the evaluation set does not use. */
const CALIBRATION_STRINGS = [
  'Delivery note 55-1207',
  'Subtotal 87.40 USD',
  'Station Alexanderplatz',
  'Lot 9921 / Exp. 11-2028',
  'Tel. 0800 555 0199',
  'Welcome to the lab',
  'Seat 14C, Row 3',
  'Monday 08:15 - Friday 16:00',
  'Model card: limitations',
  'Reference ABX-4410',
  'Discount -15% today',
  'Quantity x 24 units',
  'Floor plan (draft 2)',
  'Parking level P2',
  'Ticket valid until 23:59',
  'Product code 4006381333931',
] as const;

const EVALUATION_FONTS = ['sans-serif', 'serif', 'monospace', 'bold sans-serif'] as const;
const CALIBRATION_FONTS = ['italic serif', 'bold monospace', 'italic sans-serif', 'bold serif'] as const;
/** Font sizes of a line; the recognizer scales every line to 48 px high, so small ones get blurrier. */
const LINE_SIZES = [13, 18, 26, 40] as const;

/** The evaluation lines: font by position, size by a slower stride, so every font meets every size. */
function evaluationLines(): LineSpec[] {
  return EVALUATION_STRINGS.map((text, index) => ({
    text,
    font: EVALUATION_FONTS[index % EVALUATION_FONTS.length]!,
    sizePx: LINE_SIZES[Math.floor(index / EVALUATION_FONTS.length) % LINE_SIZES.length]!,
  }));
}

/** The calibration lines: each calibration string in each calibration font (64), a size per pairing. */
function calibrationLines(): LineSpec[] {
  return CALIBRATION_FONTS.flatMap((_, round) =>
    CALIBRATION_STRINGS.map((text, index) => ({
      text,
      font: CALIBRATION_FONTS[(index + round) % CALIBRATION_FONTS.length]!,
      sizePx: LINE_SIZES[(Math.floor(index / 4) + round) % LINE_SIZES.length]!,
    })),
  );
}

export type OcrSplit = 'evaluation' | 'calibration';

/** The recognition set: 32 lines (evaluation) or 64 (calibration: 16 strings × 4 fonts). */
export function recognitionLines(split: OcrSplit): LineSpec[] {
  return split === 'evaluation' ? evaluationLines() : calibrationLines();
}

/** The angle classifier's set: the recognition lines, every other one drawn upside down. */
export function angleLines(split: OcrSplit): LineSpec[] {
  return recognitionLines(split).map((line, index) => ({ ...line, rotated: index % 2 === 1 }));
}

const PAGE_SIZE_PX = 640;
const LINES_PER_PAGE = 8;

/** The detection set: the recognition lines laid out eight to a 640×640 page (4 pages, or 8 for calibration). */
export function detectionPages(split: OcrSplit): PageSpec[] {
  const all = recognitionLines(split);
  const pages: PageSpec[] = [];
  for (let start = 0; start < all.length; start += LINES_PER_PAGE)
    pages.push({
      widthPx: PAGE_SIZE_PX,
      heightPx: PAGE_SIZE_PX,
      lines: all.slice(start, start + LINES_PER_PAGE),
    });
  return pages;
}

/** The set in words, e.g. "32 rendered lines, 4 fonts (sans-serif, …), 18–40 px". */
export function describeLines(specs: readonly LineSpec[], what: string): string {
  const fonts = [...new Set(specs.map((line) => line.font))];
  const sizes = specs.map((line) => line.sizePx);
  return `${specs.length} ${what}, ${fonts.length} fonts (${fonts.join(', ')}), ${Math.min(...sizes)}–${Math.max(...sizes)} px`;
}

/** What the recognizer's text is compared on: runs of whitespace as one space, no space at the ends. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
