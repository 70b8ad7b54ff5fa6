import { describe, expect, it } from 'vitest';
import { modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { nodeRunnerFactory } from './node-runner';
import { float32Tensor } from '../../src/core/tensor';
import { InvalidInputError } from '../../src/core/errors';
import { calibrate } from '../../src/optimizer/calibration';
import { parseModel } from '../../src/optimizer/onnx-graph';

const FLOAT = TensorProto_DataType.FLOAT;

// h = -x is an inner value (not an output): calibration must expose it to observe it.
const model = parseModel(
  modelBytes({
    name: 'negate',
    opset: 13,
    initializers: [],
    inputs: [valueInfo('x', FLOAT, ['n'])],
    outputs: [valueInfo('y', FLOAT, ['n'])],
    nodes: [node('Neg', ['x'], ['h']), node('Neg', ['h'], ['y'])],
  }),
);

/** Two feeds holding 0…4999 and 5000…9999: h spans −9999…0 in steps of 1. */
const feeds = [0, 5000].map((start) => ({
  x: float32Tensor(
    Float32Array.from({ length: 5000 }, (_, index) => start + index),
    [5000],
  ),
}));

describe('calibrate', () => {
  it('minmax gives the smallest and largest value over all feeds, and reports progress', async () => {
    const progress: number[] = [];
    const result = await calibrate(
      model,
      ['h'],
      { method: 'minmax' },
      {
        createRunner: nodeRunnerFactory(),
        calibrationData: { feeds, description: 'two ramps' },
        onProgress: (_, fraction) => progress.push(fraction ?? -1),
      },
    );
    expect(result.ranges.get('h')).toEqual({ min: -9999, max: -0 }); // −(0) is −0
    expect(result.samples).toBe(2);
    expect(progress).toEqual([0, 0.5, 1]);
  });

  it('percentile cuts (100 − p)/2 % of the values off each tail', async () => {
    // p = 99 over 10 000 values: 50 values off each end, so about −9949…−50 (histogram bins are ~5 wide).
    const result = await calibrate(
      model,
      ['h'],
      { method: 'percentile', percentile: 99 },
      {
        createRunner: nodeRunnerFactory(),
        calibrationData: { feeds, description: 'two ramps' },
      },
    );
    const range = result.ranges.get('h')!;
    expect(range.min).toBeGreaterThan(-9949 - 15);
    expect(range.min).toBeLessThan(-9949 + 15);
    expect(range.max).toBeGreaterThan(-50 - 15);
    expect(range.max).toBeLessThan(-50 + 15);
    expect(result.percentile).toBe(99);
  });

  it('percentile 100 keeps the whole range', async () => {
    const result = await calibrate(
      model,
      ['h'],
      { method: 'percentile', percentile: 100 },
      {
        createRunner: nodeRunnerFactory(),
        calibrationData: { feeds, description: 'two ramps' },
      },
    );
    const range = result.ranges.get('h')!;
    expect(range.min).toBeCloseTo(-9999, 0);
    expect(range.max).toBeCloseTo(0, 0);
  });

  it('refuses to run without calibration data', async () => {
    await expect(
      calibrate(model, ['h'], { method: 'minmax' }, { createRunner: nodeRunnerFactory() }),
    ).rejects.toThrow(InvalidInputError);
  });
});
