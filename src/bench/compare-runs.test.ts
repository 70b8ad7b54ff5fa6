import { describe, expect, it } from 'vitest';
import { compareRuns, regressions, type CellComparison } from './compare-runs';
import { RUN_RECORD_SCHEMA, type BackendConfig, type BenchCell, type BenchmarkRun } from './run-record';

const CONFIGS: Record<string, BackendConfig> = {
  'wasm-1t': { id: 'wasm-1t', backend: 'wasm', threads: 1 },
  'wasm-4t': { id: 'wasm-4t', backend: 'wasm', threads: 4 },
  webgpu: { id: 'webgpu', backend: 'webgpu', threads: 1 },
  webnn: { id: 'webnn', backend: 'webnn', threads: 1 },
};

function cell(
  modelId: string,
  configId: string,
  samplesMs: number[],
  status: BenchCell['status'] = 'ok',
): BenchCell {
  const backendConfig = CONFIGS[configId];
  if (backendConfig === undefined) throw new Error(`unknown config ${configId}`);
  return {
    modelId,
    backendConfig,
    status,
    inputDescription: 'test input',
    warmupMs: [],
    samplesMs,
    softwareAdapter: false,
  };
}

function run(label: string, cells: BenchCell[]): BenchmarkRun {
  return {
    schema: RUN_RECORD_SCHEMA,
    id: label,
    label,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:01:00.000Z',
    config: {
      modelIds: [],
      backendConfigIds: [],
      warmupRuns: 0,
      runs: 5,
      measureMemory: false,
      profileOperators: false,
      detectionSizePx: 640,
    },
    environment: {
      userAgent: 'test',
      hardwareConcurrency: 4,
      crossOriginIsolated: true,
      webgpu: { available: true },
      webnn: { available: false },
      libraries: {},
      modelSha256: {},
    },
    cells,
    recommendations: [],
    mainThread: { longTaskCount: 0, longestLongTaskMs: 0 },
    cancelled: false,
  };
}

const FAST = [10, 11, 12, 13, 14]; // median 12
const SLOW = [20, 21, 22, 23, 24]; // median 22; resampled medians of the two never overlap
const A_BIT_SLOWER = [12, 13, 14, 15, 16]; // median 14; resampled medians overlap FAST's

describe('compareRuns', () => {
  const baseline = run('baseline', [
    cell('ocr', 'wasm-1t', FAST),
    cell('ocr', 'webgpu', SLOW),
    cell('vad', 'wasm-1t', FAST),
    cell('vad', 'webgpu', FAST),
    cell('vad', 'wasm-4t', FAST),
    cell('asr', 'wasm-1t', FAST),
    cell('asr', 'webgpu', [], 'skipped'),
  ]);
  const candidate = run('candidate', [
    cell('vad', 'webnn', FAST), // only in the candidate; listed last
    cell('ocr', 'webgpu', FAST), // cell order differs from the baseline: matching is by key
    cell('ocr', 'wasm-1t', SLOW),
    cell('vad', 'wasm-1t', A_BIT_SLOWER),
    cell('vad', 'webgpu', [1, 2, 3], 'failed'),
    cell('asr', 'wasm-1t', FAST),
    cell('asr', 'webgpu', FAST),
  ]);

  const byKey = (rows: CellComparison[]) =>
    new Map(rows.map((row) => [`${row.modelId}/${row.backendConfigId}`, row]));

  it('matches cells by model and backend config and gives each a verdict', () => {
    const rows = compareRuns(baseline, candidate);
    expect(rows.map((row) => [`${row.modelId}/${row.backendConfigId}`, row.verdict])).toEqual([
      ['ocr/wasm-1t', 'slower'],
      ['ocr/webgpu', 'faster'],
      ['vad/wasm-1t', 'no significant change'],
      ['vad/webgpu', 'not comparable'],
      ['vad/wasm-4t', 'missing in candidate'],
      ['asr/wasm-1t', 'no significant change'],
      ['asr/webgpu', 'not comparable'],
      ['vad/webnn', 'missing in baseline'],
    ]);
  });

  it('reports medians, the candidate/baseline ratio and its interval for the paired cells', () => {
    const rows = byKey(compareRuns(baseline, candidate));
    expect(rows.get('ocr/wasm-1t')).toMatchObject({
      baselineMedianMs: 12,
      candidateMedianMs: 22,
      ratio: 22 / 12,
      significant: true,
    });
    // Resampled medians lie in 10–14 and 20–24, so the interval lies within [20/14, 24/10].
    const interval = rows.get('ocr/wasm-1t')?.interval;
    expect(interval?.low).toBeGreaterThanOrEqual(20 / 14);
    expect(interval?.high).toBeLessThanOrEqual(24 / 10);
    expect(interval?.method).toBe('within-run bootstrap');
    expect(rows.get('ocr/webgpu')).toMatchObject({ ratio: 12 / 22, significant: true });
    expect(rows.get('vad/wasm-1t')).toMatchObject({ ratio: 14 / 12, significant: false });
    expect(rows.get('asr/wasm-1t')).toMatchObject({ ratio: 1, significant: false });
  });

  it('keeps the measured side of an unmatched or non-comparable cell and nothing else', () => {
    const rows = byKey(compareRuns(baseline, candidate));
    const failed = rows.get('vad/webgpu');
    expect(failed).toMatchObject({ baselineMedianMs: 12, significant: false });
    expect(failed?.candidateMedianMs).toBeUndefined(); // a failed cell's partial samples do not count
    expect(failed?.ratio).toBeUndefined();
    expect(failed?.interval).toBeUndefined();
    expect(rows.get('vad/wasm-4t')).toMatchObject({ baselineMedianMs: 12, significant: false });
    expect(rows.get('vad/webnn')).toMatchObject({ candidateMedianMs: 12, significant: false });
    expect(rows.get('vad/webnn')?.baselineMedianMs).toBeUndefined();
  });

  it('uses the spread between runs when a side has several', () => {
    // Baseline runs with medians 12, 16.8 (40% apart) and 14; the candidate is the first of them: a run
    // against its own setup passes although its median is 1/1.4 of one baseline run's.
    const shifted = (samples: number[], by: number) => samples.map((value) => value + by);
    const baselineRuns = [
      run('b1', [cell('ocr', 'wasm-1t', FAST)]),
      run('b2', [cell('ocr', 'wasm-1t', shifted(FAST, 4.8))]),
      run('b3', [cell('ocr', 'wasm-1t', shifted(FAST, 2)), cell('vad', 'wasm-1t', FAST)]),
    ];
    const rows = byKey(compareRuns(baselineRuns, [run('c1', [cell('ocr', 'wasm-1t', FAST)])]));
    expect(rows.get('ocr/wasm-1t')).toMatchObject({
      baselineMedianMs: 14, // median of the per-run medians 12, 16.8, 14
      candidateMedianMs: 12,
      verdict: 'no significant change',
    });
    expect(rows.get('ocr/wasm-1t')?.interval).toMatchObject({ method: 'between-run t', baselineRuns: 3 });
    expect(rows.get('ocr/wasm-1t')?.ratio).toBeCloseTo(12 / Math.cbrt(12 * 16.8 * 14), 12);
    expect(rows.get('vad/wasm-1t')?.verdict).toBe('missing in candidate');
  });

  it('refuses a run with two cells for the same model and config', () => {
    const duplicated = run('dup', [cell('ocr', 'wasm-1t', FAST), cell('ocr', 'wasm-1t', SLOW)]);
    expect(() => compareRuns(duplicated, candidate)).toThrow(/two cells for model ocr on wasm-1t/);
  });
});

describe('regressions', () => {
  const row = (
    backendConfigId: string,
    ratio: number,
    verdict: CellComparison['verdict'],
  ): CellComparison => ({
    modelId: 'ocr',
    backendConfigId,
    baselineMedianMs: 100,
    candidateMedianMs: 100 * ratio,
    ratio,
    significant: verdict !== 'no significant change',
    verdict,
  });
  const rows = [
    row('ten-percent-slower', 110 / 100, 'slower'),
    row('twenty-percent-slower', 120 / 100, 'slower'),
    row('noisy-fifty-percent', 150 / 100, 'no significant change'),
    row('faster', 50 / 100, 'faster'),
  ];
  const ids = (selected: CellComparison[]) => selected.map((r) => r.backendConfigId);

  it('keeps significant slowdowns strictly above the threshold', () => {
    expect(ids(regressions(rows, 10))).toEqual(['twenty-percent-slower']);
    expect(ids(regressions(rows, 9.9))).toEqual(['ten-percent-slower', 'twenty-percent-slower']);
    expect(ids(regressions(rows, 0))).toEqual(['ten-percent-slower', 'twenty-percent-slower']);
    expect(ids(regressions(rows, 20))).toEqual([]);
  });

  it('ignores rows without a significant slowdown whatever their ratio', () => {
    expect(ids(regressions(rows, 0))).not.toContain('noisy-fifty-percent');
  });

  it('rejects a negative or non-finite threshold', () => {
    expect(() => regressions(rows, -1)).toThrow(RangeError);
    expect(() => regressions(rows, Number.NaN)).toThrow(RangeError);
  });
});
