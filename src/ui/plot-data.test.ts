import { describe, expect, it } from 'vitest';
import { waveformSeries } from './plot-data';

describe('waveformSeries', () => {
  it('keeps each bucket’s extremes and maps frame probabilities onto bucket times', () => {
    const samples = Float32Array.from([0.1, -0.5, 0.3, 0.9, -0.2, 0, 0.4, -0.8]);
    const series = waveformSeries(samples, 8, Float32Array.from([0.2, 0.9]), 0.5, 4);
    expect([...series.times]).toEqual([0, 0.25, 0.5, 0.75]);
    expect([...series.maximum].map((v) => +v.toFixed(2))).toEqual([0.1, 0.9, 0, 0.4]);
    expect([...series.minimum].map((v) => +v.toFixed(2))).toEqual([-0.5, 0, -0.2, -0.8]);
    expect([...series.probability].map((v) => +v.toFixed(2))).toEqual([0.2, 0.2, 0.9, 0.9]);
  });

  it('never makes more buckets than samples', () => {
    const series = waveformSeries(new Float32Array(3), 16000, new Float32Array(1), 0.032, 2000);
    expect(series.times.length).toBe(3);
  });
});
