import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import type { BackendConfig, BenchCell, OutputAgreement } from './run-record';

const CONFIGS: Record<string, BackendConfig> = {
  'wasm-1t': { id: 'wasm-1t', backend: 'wasm', threads: 1 },
  'wasm-2t': { id: 'wasm-2t', backend: 'wasm', threads: 2 },
  'wasm-2t@jsep': { id: 'wasm-2t@jsep', backend: 'wasm', threads: 2, build: 'jsep' },
  'wasm-4t': { id: 'wasm-4t', backend: 'wasm', threads: 4 },
  webgpu: { id: 'webgpu', backend: 'webgpu', threads: 4 },
  webnn: { id: 'webnn', backend: 'webnn', threads: 4 },
};

function agreement(withinTolerance: boolean): OutputAgreement {
  return {
    referenceBackendId: 'wasm-1t',
    tensors: [],
    taskLevel: withinTolerance ? 'same text' : 'different text',
    taskLevelAgrees: withinTolerance,
    tolerance: 1e-3,
    withinTolerance,
  };
}

function cell(
  modelId: string,
  configId: string,
  samplesMs: number[],
  options: { status?: BenchCell['status']; agrees?: boolean } = {},
): BenchCell {
  const backendConfig = CONFIGS[configId];
  if (backendConfig === undefined) throw new Error(`unknown config ${configId}`);
  return {
    modelId,
    backendConfig,
    status: options.status ?? 'ok',
    inputDescription: 'test input',
    warmupMs: [],
    samplesMs,
    ...(options.agrees === undefined ? {} : { agreement: agreement(options.agrees) }),
    softwareAdapter: false,
    setupSnippet: `setup of ${configId}`,
  };
}

/** Every ordering of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

// Ten samples each: the median's 95% interval is x(2)–x(9) (P(Bin(10, ½) ≤ 1) = 11/1024 ≤ 2.5%).
// VAD-like latencies whose medians differ (0.35, 0.30, 0.265 ms) but whose intervals overlap:
const VAD_1T = [0.3, 0.31, 0.33, 0.34, 0.35, 0.35, 0.36, 0.38, 0.4, 0.45]; // interval 0.31–0.40
const VAD_2T = [0.26, 0.27, 0.28, 0.29, 0.3, 0.3, 0.31, 0.32, 0.34, 0.36]; // interval 0.27–0.34
const VAD_GPU = [0.21, 0.22, 0.24, 0.25, 0.26, 0.27, 0.28, 0.3, 0.33, 0.4]; // interval 0.22–0.33

describe('recommend', () => {
  it('keeps the simplest configuration when the faster medians are within the noise, and names the ties', () => {
    const [vad, ...rest] = recommend([
      cell('vad', 'webgpu', VAD_GPU, { agrees: true }),
      cell('vad', 'wasm-2t', VAD_2T, { agrees: true }),
      cell('vad', 'wasm-1t', VAD_1T),
    ]);
    expect(rest).toEqual([]);
    // All three intervals hold 0.33 ms, the lowest upper bound: nobody is faster beyond the noise.
    expect(vad).toMatchObject({ backendConfigId: 'wasm-1t', tiedWith: ['wasm-2t', 'webgpu'] });
    expect(vad?.medianMs).toBeCloseTo(0.35, 12);
    expect(vad?.medianCi95).toMatchObject({ lowMs: 0.31, highMs: 0.4, lowRank: 2, highRank: 9 });
    expect(vad?.reason).toBe(
      'Median 0.35 ms (95% CI of median 0.31–0.40); tied within noise with ' +
        'wasm-2t at 0.30 ms (95% CI of median 0.27–0.34), webgpu at 0.27 ms (95% CI of median 0.22–0.33), ' +
        'so the simplest of them (wasm before GPU backends, fewer threads, default build and options first).',
    );
    expect(vad?.snippet).toBe('setup of wasm-1t');
  });

  it('gives the same answer whatever the order of the cells, also for identical samples', () => {
    const cells = [
      cell('vad', 'webgpu', VAD_GPU, { agrees: true }),
      cell('vad', 'wasm-2t@jsep', VAD_2T, { agrees: true }), // same samples as wasm-2t, a custom build
      cell('vad', 'wasm-2t', VAD_2T, { agrees: true }),
      cell('vad', 'wasm-4t', VAD_2T, { agrees: true }),
    ];
    for (const order of permutations(cells)) {
      const [vad] = recommend(order);
      expect(vad?.backendConfigId).toBe('wasm-2t');
      expect(vad?.tiedWith).toEqual(['wasm-2t@jsep', 'wasm-4t', 'webgpu']);
    }
  });

  it('takes a faster configuration, even a GPU one, when its interval lies below the simpler ones', () => {
    const [ocr] = recommend([
      cell('ocr', 'wasm-1t', [100, 101, 102, 103, 104, 105, 106, 107, 108, 109]), // 101–108
      cell('ocr', 'wasm-2t', [60, 61, 62, 63, 64, 65, 66, 67, 68, 69], { agrees: true }), // 61–68
      cell('ocr', 'webgpu', [20, 21, 22, 23, 24, 25, 26, 27, 28, 29], { agrees: true }), // 21–28
    ]);
    expect(ocr).toMatchObject({ backendConfigId: 'webgpu', medianMs: 24.5, tiedWith: [] });
    expect(ocr?.reason).toBe(
      'Median 24.50 ms (95% CI of median 21.00–28.00), faster beyond the noise than the other 2 cells whose ' +
        'outputs agree with the reference (its interval lies below theirs); ' +
        'runner-up: wasm-2t at 64.50 ms (95% CI of median 61.00–68.00).',
    );
  });

  it('among the ones beyond the noise of the simplest, again prefers the simpler of a tied pair', () => {
    const [ocr] = recommend([
      cell('ocr', 'webgpu', [45, 46, 47, 48, 49, 50, 51, 52, 58, 59], { agrees: true }), // 46–58, median 49.5
      cell('ocr', 'wasm-1t', [100, 101, 102, 103, 104, 105, 106, 107, 108, 109]), // 101–108
      cell('ocr', 'wasm-2t', [50, 51, 52, 53, 54, 55, 56, 57, 58, 59], { agrees: true }), // 51–58, median 54.5
    ]);
    expect(ocr).toMatchObject({ backendConfigId: 'wasm-2t', medianMs: 54.5, tiedWith: ['webgpu'] });
  });

  it('skips faster cells whose outputs disagree or that did not finish', () => {
    const [ocr] = recommend([
      cell('ocr', 'wasm-1t', [50, 52, 48, 51, 49, 50]), // six samples: min–max 48–52 covers 96.9%
      cell('ocr', 'wasm-4t', [21, 20, 19, 20, 22, 18], { agrees: true }), // 18–22
      cell('ocr', 'webgpu', [5, 5, 5, 5, 5, 5], { agrees: false }), // fastest, but wrong outputs
      cell('ocr', 'webnn', [1, 1, 1], { status: 'failed' }), // partial samples of a failed cell
    ]);
    expect(ocr).toMatchObject({ modelId: 'ocr', backendConfigId: 'wasm-4t', medianMs: 20, tiedWith: [] });
    expect(ocr?.reason).toBe(
      'Median 20.00 ms (95% CI of median 18.00–22.00), faster beyond the noise than the other cell whose ' +
        'outputs agree with the reference (its interval lies below theirs); ' +
        'runner-up: wasm-1t at 50.00 ms (95% CI of median 48.00–52.00).',
    );
    expect(ocr?.snippet).toBe('setup of wasm-4t');
  });

  it('trusts an unchecked cell only when it is wasm, and warns when intervals cover less than 95%', () => {
    const [best] = recommend([
      cell('vad', 'webgpu', [2, 2, 2]), // no agreement recorded: not trusted
      cell('vad', 'wasm-1t', [9, 10, 11]), // three samples: min–max covers 1 − 2/8 = 75%
      cell('vad', 'webnn', [3, 4, 5], { status: 'skipped' }),
    ]);
    expect(best).toMatchObject({ backendConfigId: 'wasm-1t', medianMs: 10, tiedWith: [] });
    expect(best?.medianCi95?.coverage).toBe(0.75);
    expect(best?.reason).toBe(
      'Median 10.00 ms (95% CI of median 9.00–11.00); the only cell whose outputs agree with the reference. ' +
        'Some cells have fewer than 6 runs, so their intervals cover less than 95%.',
    );
  });

  it('treats a single run as its own interval', () => {
    const [best] = recommend([cell('vad', 'wasm-1t', [7]), cell('vad', 'wasm-2t', [3], { agrees: true })]);
    expect(best).toMatchObject({ backendConfigId: 'wasm-2t', medianMs: 3, tiedWith: [] });
    expect(best?.medianCi95).toBeUndefined();
    expect(best?.reason).toContain('(one run, no interval)');
    expect(best?.reason).toContain('fewer than 6 runs');
  });

  it('gives no recommendation to a model without a passing cell and keeps model order', () => {
    const recommendations = recommend([
      cell('asr', 'webgpu', [4, 4, 4], { agrees: false }),
      cell('asr', 'wasm-1t', [], { status: 'failed' }),
      cell('vad', 'webgpu', [6, 7, 8], { agrees: true }),
      cell('ocr', 'wasm-1t', [30, 30, 30]),
      cell('vad', 'wasm-1t', [12, 12, 12]),
    ]);
    expect(recommendations.map((r) => [r.modelId, r.backendConfigId])).toEqual([
      ['vad', 'webgpu'],
      ['ocr', 'wasm-1t'],
    ]);
  });

  it('returns nothing for no cells', () => {
    expect(recommend([])).toEqual([]);
  });
});
