// The score arithmetic on cases worked out by hand.
import { describe, expect, it } from 'vitest';
import { boxRecall, characterAccuracy, editDistance, meanCosine, shareEqual } from './evaluation-scores';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('counts a character outside the BMP or a CJK character once', () => {
    expect(editDistance('中文字', '中字')).toBe(1);
    expect(editDistance('a😀b', 'ab')).toBe(1);
  });
});

describe('characterAccuracy', () => {
  it('sums distances and reference lengths over the lines', () => {
    // 1 error in 5 characters, 2 in 5: 1 − 3/10.
    expect(characterAccuracy(['Hello', 'World'], ['Hallo', 'Wor'])).toBeCloseTo(0.7, 12);
    expect(characterAccuracy(['abc'], ['abc'])).toBe(1);
  });

  it('is floored at 0 when the candidate adds more than the truth holds', () => {
    expect(characterAccuracy(['ab'], ['xxxxxx'])).toBe(0);
  });

  it('refuses sets that do not line up, or with no text', () => {
    expect(() => characterAccuracy(['a', 'b'], ['a'])).toThrow(/2 in the reference, 1 in the candidate/);
    expect(() => characterAccuracy([''], [''])).toThrow(/every reference line is empty/);
    expect(() => characterAccuracy([], [])).toThrow(/empty/);
  });
});

describe('shareEqual', () => {
  it('is the share of equal positions', () => {
    expect(shareEqual([true, false, true, true], [true, true, true, false])).toBe(0.5);
    expect(shareEqual(['0°', '180°', '0°'], ['0°', '180°', '0°'])).toBe(1);
  });
});

describe('boxRecall', () => {
  it('finds a true box by IoU on its own page only', () => {
    const truth = [[[0, 0, 10, 10] as const, [0, 20, 10, 30] as const], [[0, 0, 10, 10] as const]];
    // Page 0: the first box shifted by 1 (IoU 81/119 ≈ 0.68), the second missed; page 1: the box is on page 0 only.
    const found = [[[1, 1, 11, 11] as const, [0, 40, 10, 50] as const], [[50, 50, 60, 60] as const]];
    expect(boxRecall(truth, found, 0.5)).toBeCloseTo(1 / 3, 12);
    expect(boxRecall(truth, found, 0.7)).toBe(0);
  });
});

describe('meanCosine', () => {
  it('averages the cosine of paired vectors', () => {
    const a = [Float32Array.of(1, 0), Float32Array.of(0, 2)];
    const b = [Float32Array.of(2, 0), Float32Array.of(1, 1)];
    expect(meanCosine(a, b)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 6);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => meanCosine([Float32Array.of(1)], [Float32Array.of(1, 2)])).toThrow(/1 and 2 values/);
  });
});
