import { describe, expect, it } from 'vitest';
import { agreementVerdict, compareTensor } from './agreement';
import type { TensorAgreement } from './agreement-record';

const f32 = (values: number[]): Float32Array => Float32Array.from(values);

describe('compareTensor', () => {
  it('matches hand-computed differences and cosine similarity', () => {
    const result = compareTensor('logits', f32([1, 0, 0]), f32([0.9, 0.1, 0]));
    expect(result.output).toBe('logits');
    expect(result.maxAbsDiff).toBeCloseTo(0.1, 6);
    expect(result.meanAbsDiff).toBeCloseTo(0.0667, 4);
    // 0.9 / sqrt(0.81 + 0.01)
    expect(result.cosineSimilarity).toBeCloseTo(0.9939, 4);
    expect(result.nonFiniteCount).toBe(0);
  });

  it('reports identical tensors as identical', () => {
    const values = f32([0.25, -3, 7.5, 1e-6]);
    expect(compareTensor('out', values, values.slice())).toEqual({
      output: 'out',
      maxAbsDiff: 0,
      meanAbsDiff: 0,
      cosineSimilarity: 1,
      nonFiniteCount: 0,
    });
  });

  it('gives -1 for opposite vectors', () => {
    const result = compareTensor('out', f32([1, 2]), f32([-1, -2]));
    expect(result.maxAbsDiff).toBe(4);
    expect(result.meanAbsDiff).toBe(3);
    expect(result.cosineSimilarity).toBe(-1);
  });

  it('defines cosine similarity for zero vectors: 1 when both are zero, 0 when one is', () => {
    expect(compareTensor('out', f32([0, 0]), f32([0, 0])).cosineSimilarity).toBe(1);
    expect(compareTensor('out', f32([0, 0]), f32([0, 3])).cosineSimilarity).toBe(0);
    expect(compareTensor('out', f32([2, 0]), f32([0, 0])).cosineSimilarity).toBe(0);
    expect(compareTensor('out', f32([]), f32([])).cosineSimilarity).toBe(1);
  });

  it('keeps cosine similarity within [-1, 1] despite rounding', () => {
    // Unclamped, these parallel vectors give 1.0000000000000002.
    const reference = f32([-4.867258548736572, -0.28580591082572937]);
    const result = compareTensor(
      'out',
      reference,
      reference.map((value) => value * 3),
    );
    expect(result.cosineSimilarity).toBe(1);
  });

  it('counts NaN and ±Infinity in the candidate and leaves them out of the differences', () => {
    const result = compareTensor('out', f32([1, 2, 3, 5]), f32([1, NaN, Infinity, 4]));
    expect(result.nonFiniteCount).toBe(2);
    expect(result.maxAbsDiff).toBe(1);
    expect(result.meanAbsDiff).toBe(0.5);
    // Finite pairs (1, 1) and (5, 4): 21 / sqrt(26 × 17)
    expect(result.cosineSimilarity).toBeCloseTo(21 / Math.sqrt(442), 10);
    expect(compareTensor('out', f32([0]), f32([-Infinity])).nonFiniteCount).toBe(1);
  });

  it('does not blame the candidate for non-finite reference values', () => {
    const result = compareTensor('out', f32([NaN, 1]), f32([5, 1]));
    expect(result.nonFiniteCount).toBe(0);
    expect(result.maxAbsDiff).toBe(0);
  });

  it('refuses tensors of different lengths, naming the output', () => {
    expect(() => compareTensor('boxes', f32([1, 2, 3]), f32([1, 2]))).toThrow(
      'Cannot compare output "boxes": the reference has 3 values but the candidate has 2.',
    );
  });
});

describe('agreementVerdict', () => {
  const tensor = (overrides: Partial<TensorAgreement> = {}): TensorAgreement => ({
    output: 'out',
    maxAbsDiff: 0.0005,
    meanAbsDiff: 0.0001,
    cosineSimilarity: 0.99999,
    nonFiniteCount: 0,
    ...overrides,
  });
  const agrees = { text: "same text: 'Hello'", agrees: true };

  it('is within tolerance when every tensor is close and the task level agrees', () => {
    const tensors = [tensor(), tensor({ output: 'other', maxAbsDiff: 0.001 })];
    expect(agreementVerdict(tensors, agrees, 0.001, 'wasm-1t')).toEqual({
      referenceBackendId: 'wasm-1t',
      tensors,
      taskLevel: "same text: 'Hello'",
      taskLevelAgrees: true,
      tolerance: 0.001,
      withinTolerance: true,
    });
  });

  it('fails when any tensor differs by more than the tolerance', () => {
    const verdict = agreementVerdict([tensor(), tensor({ maxAbsDiff: 0.0011 })], agrees, 0.001, 'wasm-1t');
    expect(verdict.withinTolerance).toBe(false);
  });

  it('fails when any output value is non-finite, however small the differences', () => {
    const verdict = agreementVerdict(
      [tensor({ maxAbsDiff: 0, nonFiniteCount: 1 })],
      agrees,
      0.001,
      'wasm-1t',
    );
    expect(verdict.withinTolerance).toBe(false);
  });

  it('fails when the task level disagrees, even with identical tensors', () => {
    const disagrees = { text: '312 of 313 frames agree', agrees: false };
    const verdict = agreementVerdict([tensor({ maxAbsDiff: 0 })], disagrees, 0.001, 'wasm-4t');
    expect(verdict.withinTolerance).toBe(false);
    expect(verdict.taskLevel).toBe('312 of 313 frames agree');
    expect(verdict.taskLevelAgrees).toBe(false);
  });

  it('rests on the task level alone when no tensors were compared', () => {
    expect(agreementVerdict([], agrees, 0.001, 'wasm-1t').withinTolerance).toBe(true);
  });

  it('rejects a negative or non-finite tolerance', () => {
    expect(() => agreementVerdict([], agrees, -0.1, 'wasm-1t')).toThrow(/tolerance must be a finite number/);
    expect(() => agreementVerdict([], agrees, NaN, 'wasm-1t')).toThrow(/tolerance must be a finite number/);
  });
});
