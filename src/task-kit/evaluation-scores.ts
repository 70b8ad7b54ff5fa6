// The arithmetic of evaluation scores, pure so that Node tests check it: edit distance and character
// accuracy (OCR), the share of equal items (labels, speech frames), box recall (text detection) and mean
// cosine (embeddings). Every score is between 0 and 1, 1 meaning the candidate matches entirely.

import { boxIou } from './task-output';

/** An axis-aligned box: x0, y0, x1, y1 in pixels. */
export type Box = readonly [number, number, number, number];

/** Levenshtein distance between two strings, by Unicode code point (a CJK character counts once). */
export function editDistance(a: string, b: string): number {
  const source = Array.from(a);
  const target = Array.from(b);
  let previous = Array.from({ length: target.length + 1 }, (_, index) => index);
  for (let i = 1; i <= source.length; i++) {
    const current = [i];
    for (let j = 1; j <= target.length; j++) {
      const substitution = previous[j - 1]! + (source[i - 1] === target[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[target.length]!;
}

function assertSameLength(what: string, reference: readonly unknown[], candidate: readonly unknown[]): void {
  if (reference.length !== candidate.length)
    throw new Error(
      `Cannot score ${what}: ${reference.length} in the reference, ${candidate.length} in the candidate`,
    );
  if (reference.length === 0) throw new Error(`Cannot score ${what}: the set is empty`);
}

/**
 * 1 − (sum of edit distances) / (sum of reference lengths) over the lines, floored at 0 (a candidate
 * can be longer than the truth): the character accuracy OCR is usually scored by.
 */
export function characterAccuracy(references: readonly string[], candidates: readonly string[]): number {
  assertSameLength('lines', references, candidates);
  let distance = 0;
  let length = 0;
  references.forEach((reference, index) => {
    distance += editDistance(reference, candidates[index]!);
    length += Array.from(reference).length;
  });
  if (length === 0) throw new Error('Cannot score character accuracy: every reference line is empty');
  return Math.max(0, 1 - distance / length);
}

/** The share of positions where the candidate equals the reference (labels, speech/no-speech frames). */
export function shareEqual<T>(references: readonly T[], candidates: readonly T[]): number {
  assertSameLength('items', references, candidates);
  return references.filter((reference, index) => candidates[index] === reference).length / references.length;
}

/**
 * The share of true boxes, over all pages, that some found box on the same page overlaps with at least
 * `minIou` intersection over union (line-box recall).
 */
export function boxRecall(
  truthPages: readonly (readonly Box[])[],
  foundPages: readonly (readonly Box[])[],
  minIou: number,
): number {
  assertSameLength('pages', truthPages, foundPages);
  const truths = truthPages.flatMap((boxes, page) => boxes.map((box) => ({ box, page })));
  if (truths.length === 0) throw new Error('Cannot score box recall: the reference has no boxes');
  const found = truths.filter(({ box, page }) =>
    foundPages[page]!.some((candidate) => boxIou(box, candidate) >= minIou),
  );
  return found.length / truths.length;
}

function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Cannot compare vectors of ${a.length} and ${b.length} values`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  if (normA === 0 || normB === 0) return normA === normB ? 1 : 0;
  return Math.min(1, Math.max(-1, dot / Math.sqrt(normA * normB)));
}

/** Mean cosine similarity of paired vectors, floored at 0 so it reads as a 0–1 score. */
export function meanCosine(references: readonly Float32Array[], candidates: readonly Float32Array[]): number {
  assertSameLength('vectors', references, candidates);
  const total = references.reduce((sum, reference, index) => sum + cosine(reference, candidates[index]!), 0);
  return Math.max(0, total / references.length);
}
