// Scoring a candidate's evaluation outputs against a reference's, and which score is the headline.
import { describe, expect, it } from 'vitest';
import { headlineScore, scoreAgainstReference } from './evaluation';

describe('scoreAgainstReference', () => {
  it('scores texts by characters and by whole lines', () => {
    expect(
      scoreAgainstReference(
        { kind: 'texts', texts: ['abcd', 'xy'] },
        { kind: 'texts', texts: ['abed', 'xy'] },
      ),
    ).toEqual([
      { metric: 'character agreement with fp32', value: 1 - 1 / 6, against: 'reference' },
      { metric: 'same line with fp32', value: 0.5, against: 'reference' },
    ]);
  });

  it('scores labels, frames, boxes and vectors', () => {
    expect(
      scoreAgainstReference({ kind: 'labels', labels: ['a', 'b'] }, { kind: 'labels', labels: ['a', 'a'] })[0]
        ?.value,
    ).toBe(0.5);
    expect(
      scoreAgainstReference(
        { kind: 'frames', speech: [true, true, false, false] },
        { kind: 'frames', speech: [true, false, false, false] },
      )[0]?.value,
    ).toBe(0.75);
    expect(
      scoreAgainstReference(
        { kind: 'boxes', pages: [[[0, 0, 10, 10]]] },
        { kind: 'boxes', pages: [[[0, 0, 10, 12]]] },
        'the parent',
      )[0],
    ).toEqual({ metric: 'box recall with the parent', value: 1, against: 'reference' });
    expect(
      scoreAgainstReference(
        { kind: 'vectors', vectors: [Float32Array.of(1, 0)] },
        { kind: 'vectors', vectors: [Float32Array.of(0, 1)] },
      )[0]?.value,
    ).toBe(0);
  });

  it('refuses outputs of different kinds', () => {
    expect(() => scoreAgainstReference({ kind: 'labels', labels: [] }, { kind: 'texts', texts: [] })).toThrow(
      /texts outputs against labels/,
    );
  });
});

describe('headlineScore', () => {
  it('is the first score against the truth, else the first', () => {
    const reference = { metric: 'label agreement with fp32', value: 0.9, against: 'reference' } as const;
    const truth = { metric: 'label accuracy', value: 0.7, against: 'truth' } as const;
    expect(headlineScore({ set: 's', items: 1, scores: [reference, truth] })).toBe(truth);
    expect(headlineScore({ set: 's', items: 1, scores: [reference] })).toBe(reference);
    expect(headlineScore({ set: 's', items: 1, scores: [] })).toBeUndefined();
  });
});
