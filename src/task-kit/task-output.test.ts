import { describe, expect, it } from 'vitest';
import { boxIou, compareTaskOutputs } from './task-output';

describe('boxIou', () => {
  it('is 1 for the same box, 0 for disjoint boxes, and the overlap ratio otherwise', () => {
    expect(boxIou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(boxIou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    // Overlap 5×10 = 50; union 100 + 100 − 50 = 150.
    expect(boxIou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3, 10);
  });
});

describe('compareTaskOutputs', () => {
  it('compares text exactly', () => {
    expect(compareTaskOutputs({ kind: 'text', text: 'Hi' }, { kind: 'text', text: 'Hi' })).toEqual({
      text: 'same text: "Hi"',
      agrees: true,
    });
    expect(compareTaskOutputs({ kind: 'text', text: 'Hi' }, { kind: 'text', text: 'Hl' }).agrees).toBe(false);
  });

  it('matches boxes by IoU, in any order', () => {
    const reference = {
      kind: 'boxes',
      boxes: [
        [0, 0, 100, 20],
        [0, 40, 100, 60],
      ],
    } as const;
    const shifted = {
      kind: 'boxes',
      boxes: [
        [0, 41, 100, 61],
        [1, 0, 100, 20],
      ],
    } as const;
    const result = compareTaskOutputs(reference, shifted);
    expect(result.agrees).toBe(true);
    expect(result.text).toBe('2 boxes, lowest IoU 0.905');
    const missing = compareTaskOutputs(reference, { kind: 'boxes', boxes: [[0, 0, 100, 20]] });
    expect(missing).toEqual({ text: '1 boxes vs 2', agrees: false });
    const moved = compareTaskOutputs(reference, {
      kind: 'boxes',
      boxes: [
        [0, 0, 100, 20],
        [0, 50, 100, 70],
      ],
    });
    expect(moved.agrees).toBe(false);
  });

  it('counts agreeing speech frames', () => {
    const result = compareTaskOutputs(
      { kind: 'decisions', speech: [false, true, true, false] },
      { kind: 'decisions', speech: [false, true, false, false] },
    );
    expect(result).toEqual({ text: '3 of 4 frames agree on speech/no speech', agrees: false });
  });

  it('counts texts with the same label, and a missing text as a disagreement', () => {
    const reference = { kind: 'labels', labels: ['POSITIVE', 'NEGATIVE', 'POSITIVE'] } as const;
    expect(
      compareTaskOutputs(reference, { kind: 'labels', labels: ['POSITIVE', 'POSITIVE', 'POSITIVE'] }),
    ).toEqual({ text: '2 of 3 texts get the same label', agrees: false });
    expect(compareTaskOutputs(reference, { kind: 'labels', labels: ['POSITIVE', 'NEGATIVE'] }).agrees).toBe(
      false,
    );
    expect(compareTaskOutputs(reference, { ...reference }).agrees).toBe(true);
  });

  it('refuses to compare different kinds', () => {
    expect(compareTaskOutputs({ kind: 'class', label: '0' }, { kind: 'text', text: '0' }).agrees).toBe(false);
  });
});
