import { describe, expect, it } from 'vitest';
import { ctcBeamDecode, ctcGreedyDecode } from './ctc-decode';

const charset = ['', 'a', 'b', ' '];

/** One row of class probabilities per time step, flattened. */
function probabilities(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

describe('ctcGreedyDecode', () => {
  it('collapses repeats, drops blanks and averages the kept probabilities', () => {
    const probs = probabilities([
      [0.05, 0.9, 0.03, 0.02], // a
      [0.2, 0.7, 0.05, 0.05], // a again: collapsed
      [0.8, 0.1, 0.05, 0.05], // blank separates
      [0.1, 0.6, 0.2, 0.1], // a: kept, it follows a blank
      [0.2, 0.1, 0.5, 0.2], // b
      [0.3, 0.1, 0.2, 0.4], // space
    ]);
    const { text, confidence } = ctcGreedyDecode(probs, 6, 4, charset);
    expect(text).toBe('aab ');
    expect(confidence).toBeCloseTo((0.9 + 0.6 + 0.5 + 0.4) / 4, 6);
  });

  it('returns empty text with confidence 0 when every step is blank', () => {
    const probs = probabilities([
      [0.9, 0.05, 0.03, 0.02],
      [0.6, 0.2, 0.1, 0.1],
    ]);
    expect(ctcGreedyDecode(probs, 2, 4, charset)).toEqual({ text: '', confidence: 0 });
  });

  it('reads only the first timeSteps rows', () => {
    const probs = probabilities([
      [0.1, 0.1, 0.7, 0.1],
      [0.1, 0.7, 0.1, 0.1],
    ]);
    expect(ctcGreedyDecode(probs, 1, 4, charset).text).toBe('b');
  });

  it('refuses a dictionary that does not match the model classes', () => {
    expect(() => ctcGreedyDecode(new Float32Array(10), 2, 5, charset)).toThrow(
      /dictionary gives 4 classes .* outputs 5/,
    );
  });

  it('refuses too few probabilities', () => {
    expect(() => ctcGreedyDecode(new Float32Array(7), 2, 4, charset)).toThrow(/Expected 2x4/);
  });
});

describe('ctcBeamDecode', () => {
  // A word gap two steps wide where blank (0.5) narrowly beats space (0.45) at each step: greedy drops
  // the space, but the paths that contain it add up to about 0.7 of the probability.
  const wordGap = probabilities([
    [0.05, 0.9, 0.03, 0.02],
    [0.5, 0.02, 0.03, 0.45],
    [0.5, 0.02, 0.03, 0.45],
    [0.05, 0.03, 0.9, 0.02],
  ]);

  it('keeps a space that greedy decoding drops', () => {
    expect(ctcGreedyDecode(wordGap, 4, 4, charset).text).toBe('ab');
    const { text, confidence } = ctcBeamDecode(wordGap, 4, 4, charset, 8);
    expect(text).toBe('a b');
    expect(confidence).toBeCloseTo((0.9 + 0.45 + 0.9) / 3, 6);
  });

  it('agrees with greedy decoding when every step is clear', () => {
    const clear = probabilities([
      [0.02, 0.95, 0.02, 0.01],
      [0.95, 0.02, 0.02, 0.01],
      [0.02, 0.95, 0.02, 0.01],
      [0.02, 0.02, 0.95, 0.01],
    ]);
    expect(ctcBeamDecode(clear, 4, 4, charset, 8)).toEqual(ctcGreedyDecode(clear, 4, 4, charset));
  });

  it('does not underflow on long sequences', () => {
    // 0.5 ** 2400 is far below the smallest double; without renormalising every beam would be 0.
    const rows = Array.from({ length: 2400 }, (_, t) =>
      t % 2 === 1 ? [0.5, 0.2, 0.2, 0.1] : t % 4 === 0 ? [0.2, 0.5, 0.2, 0.1] : [0.2, 0.2, 0.5, 0.1],
    );
    expect(ctcBeamDecode(probabilities(rows), 2400, 4, charset, 4).text).toBe('ab'.repeat(600));
  });

  it('returns empty text with confidence 0 for all-blank input and checks shapes', () => {
    expect(ctcBeamDecode(probabilities([[1, 0, 0, 0]]), 1, 4, charset, 4)).toEqual({
      text: '',
      confidence: 0,
    });
    expect(() => ctcBeamDecode(probabilities([[1, 0, 0]]), 1, 3, charset, 4)).toThrow(/dictionary/);
  });
});
