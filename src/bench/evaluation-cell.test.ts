// A cell's evaluation as recorded: scores against the reference's outputs added, the headline's
// difference in points, an error kept instead of scores, and the accuracy reports show.
import { describe, expect, it } from 'vitest';
import type { EvaluationRun } from '../task-kit/evaluation';
import { accuracyOf, evaluationRecord } from './evaluation-cell';

const FP32: EvaluationRun = {
  result: {
    set: '4 lines',
    items: 4,
    scores: [{ metric: 'character accuracy', value: 0.95, against: 'truth' }],
  },
  outputs: { kind: 'texts', texts: ['abcd', 'efgh', 'ijkl', 'mnop'] },
};
const INT8: EvaluationRun = {
  result: {
    set: '4 lines',
    items: 4,
    scores: [{ metric: 'character accuracy', value: 0.9, against: 'truth' }],
  },
  outputs: { kind: 'texts', texts: ['abcd', 'efgh', 'ijkl', 'mnoq'] },
};

describe('evaluationRecord', () => {
  it("keeps an fp32 cell's own scores", () => {
    expect(evaluationRecord({ durationMs: 12, run: FP32 })).toEqual({
      set: '4 lines',
      items: 4,
      durationMs: 12,
      scores: FP32.result.scores,
    });
  });

  it("adds the scores against the reference's outputs and the headline's difference in points", () => {
    const record = evaluationRecord(
      { durationMs: 5, run: INT8 },
      { name: 'ppocr-v4-rec on wasm-2t', run: FP32 },
    );
    expect(record.reference).toBe('ppocr-v4-rec on wasm-2t');
    expect(record.deltaPoints).toBeCloseTo(-5, 9);
    expect(record.scores).toEqual([
      { metric: 'character accuracy', value: 0.9, against: 'truth' },
      { metric: 'character agreement with fp32', value: 1 - 1 / 16, against: 'reference' },
      { metric: 'same line with fp32', value: 0.75, against: 'reference' },
    ]);
    expect(accuracyOf({ evaluation: record })).toEqual({
      metric: 'character accuracy',
      value: 0.9,
      against: 'truth',
    });
  });

  it('records a failed evaluation with its reason and no scores', () => {
    expect(evaluationRecord({ durationMs: 1, error: 'no canvas' })).toEqual({
      durationMs: 1,
      scores: [],
      error: 'no canvas',
    });
  });

  it('says why outputs of another set cannot be compared', () => {
    const other: EvaluationRun = { ...FP32, outputs: { kind: 'labels', labels: ['0°'] } };
    const record = evaluationRecord({ durationMs: 1, run: INT8 }, { name: 'x on wasm-1t', run: other });
    expect(record.error).toMatch(
      /^Not comparable with x on wasm-1t: Cannot score texts outputs against labels/,
    );
    expect(record.scores).toEqual(INT8.result.scores);
  });
});
