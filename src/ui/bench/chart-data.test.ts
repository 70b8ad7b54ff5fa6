import { describe, expect, it } from 'vitest';
import { makeCell } from '../../bench/test-fixtures';
import { medianChart, quantileChart, trendChart } from './chart-data';

const wasm = makeCell({
  modelId: 'm1',
  backendConfig: { id: 'wasm-1t', backend: 'wasm', threads: 1 },
  warmupMs: [9, 8],
  samplesMs: [4, 2, 3],
});
const gpu = makeCell({
  modelId: 'm1',
  backendConfig: { id: 'webgpu', backend: 'webgpu', threads: 2 },
  warmupMs: [50],
  samplesMs: [10, 12],
});

describe('chart data', () => {
  it('gives each backend its latency quantiles', () => {
    const chart = quantileChart([wasm, gpu]);
    expect(chart.labels).toEqual(['wasm-1t', 'webgpu']);
    expect(chart.data[0]).toHaveLength(101);
    expect(chart.data[1]?.[0]).toBe(2);
    expect(chart.data[1]?.[100]).toBe(4);
    expect(chart.data[2]?.[100]).toBe(12);
  });

  it('lays out warm-up then steady runs, padding shorter series with null', () => {
    const chart = trendChart([wasm, gpu]);
    expect(chart.data[0]).toEqual([1, 2, 3, 4, 5]);
    expect(chart.data[1]).toEqual([9, 8, 4, 2, 3]);
    expect(chart.data[2]).toEqual([50, 10, 12, null, null]);
    expect(chart.warmupRuns).toBe(2);
  });

  it('puts medians on a model axis', () => {
    const other = makeCell({ modelId: 'm2', backendConfig: { id: 'wasm-1t', backend: 'wasm', threads: 1 } });
    const chart = medianChart([wasm, gpu, other]);
    expect(chart.models).toEqual(['m1', 'm2']);
    expect(chart.labels).toEqual(['wasm-1t', 'webgpu']);
    expect(chart.data[1]).toEqual([wasm.stats?.medianMs, other.stats?.medianMs]);
    expect(chart.data[2]).toEqual([gpu.stats?.medianMs, null]);
  });
});
