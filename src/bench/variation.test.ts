import { describe, expect, it } from 'vitest';
import type { BenchCell, BenchmarkRun } from './run-record';
import { makeCell, makeRun } from './test-fixtures';
import { cellVariation } from './variation';

const WEBGPU = { id: 'webgpu', backend: 'webgpu', threads: 1 } as const;

function runOf(label: string, cells: BenchCell[]): BenchmarkRun {
  return makeRun({ label, cells });
}

const failedGpu = makeCell({ backendConfig: WEBGPU, status: 'failed', reason: 'device lost', samplesMs: [] });

// wasm-1t medians 20, 22, 24; webgpu medians 10, (failed), 12; a det cell only in the last run.
const repeats = [
  runOf('r1', [
    makeCell({ samplesMs: [19, 20, 21] }),
    makeCell({ backendConfig: WEBGPU, samplesMs: [9, 10, 11] }),
  ]),
  runOf('r2', [makeCell({ samplesMs: [21, 22, 23] }), failedGpu]),
  runOf('r3', [
    makeCell({ samplesMs: [25, 24, 23] }),
    makeCell({ backendConfig: WEBGPU, samplesMs: [12, 12, 12, 12] }),
    makeCell({ modelId: 'ppocr-v4-det', samplesMs: [100] }),
  ]),
];

describe('cellVariation', () => {
  it('summarises the per-repeat medians of each cell, in order of first appearance', () => {
    const [wasm, gpu, det, ...rest] = cellVariation(repeats);
    expect(rest).toEqual([]);
    // mean 22; sd = √(((−2)² + 0² + 2²) / 2) = 2; CV = 2 / 22 = 9.0909 %.
    expect(wasm).toEqual({
      modelId: 'ppocr-v4-rec',
      backendConfigId: 'wasm-1t',
      repeats: 3,
      okRepeats: 3,
      mediansMs: [20, 22, 24],
      meanMedianMs: 22,
      sdMs: 2,
      cvPct: expect.closeTo(9.0909, 4) as number,
      minMedianMs: 20,
      maxMedianMs: 24,
    });
    // Only the two ok repeats count: mean 11; sd = √((1² + 1²) / 1) = √2; CV = √2 / 11 = 12.856 %.
    expect(gpu).toMatchObject({ backendConfigId: 'webgpu', repeats: 3, okRepeats: 2, mediansMs: [10, 12] });
    expect(gpu?.meanMedianMs).toBe(11);
    expect(gpu?.sdMs).toBeCloseTo(Math.SQRT2, 12);
    expect(gpu?.cvPct).toBeCloseTo(12.856, 3);
    expect(gpu).toMatchObject({ minMedianMs: 10, maxMedianMs: 12 });
    // Missing from two runs: one ok repeat, no spread.
    expect(det).toMatchObject({ modelId: 'ppocr-v4-det', okRepeats: 1, mediansMs: [100], sdMs: 0, cvPct: 0 });
  });

  it('leaves the statistics out when a cell was never ok', () => {
    const skipped = makeCell({ status: 'skipped', reason: 'no WebNN', samplesMs: [] });
    expect(cellVariation([runOf('a', [skipped]), runOf('b', [failedGpu])])).toEqual([
      { modelId: 'ppocr-v4-rec', backendConfigId: 'wasm-1t', repeats: 2, okRepeats: 0, mediansMs: [] },
      { modelId: 'ppocr-v4-rec', backendConfigId: 'webgpu', repeats: 2, okRepeats: 0, mediansMs: [] },
    ]);
  });

  it('returns nothing for no runs', () => {
    expect(cellVariation([])).toEqual([]);
  });

  it('refuses a run with the same model and backend config twice', () => {
    expect(() => cellVariation([runOf('twice', [makeCell(), makeCell()])])).toThrow(
      'Run "twice" has two cells for model ppocr-v4-rec on wasm-1t',
    );
  });
});
