import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import type { BackendConfig, BenchCell, OutputAgreement } from './run-record';

const CONFIGS: Record<string, BackendConfig> = {
  'wasm-1t': { id: 'wasm-1t', backend: 'wasm', threads: 1 },
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

describe('recommend', () => {
  it('picks the fastest cell whose outputs agree, skipping faster ones that disagree or did not run', () => {
    const [ocr, ...rest] = recommend([
      cell('ocr', 'wasm-1t', [50, 52, 48]), // the reference: median 50
      cell('ocr', 'wasm-4t', [21, 20, 19], { agrees: true }), // median 20: the answer
      cell('ocr', 'webgpu', [5, 5, 5], { agrees: false }), // fastest, but wrong outputs
      cell('ocr', 'webnn', [1, 1, 1], { status: 'failed' }), // partial samples of a failed cell
    ]);
    expect(rest).toEqual([]);
    expect(ocr).toMatchObject({ modelId: 'ocr', backendConfigId: 'wasm-4t', medianMs: 20 });
    expect(ocr?.reason).toBe(
      'Median 20.00 ms, the fastest of 2 cells whose outputs agree with the reference; runner-up: wasm-1t at 50.00 ms.',
    );
    expect(ocr?.snippet).toBe('setup of wasm-4t');
  });

  it('trusts an unchecked cell only when it is wasm, the reference itself', () => {
    const [best] = recommend([
      cell('vad', 'webgpu', [2, 2, 2]), // no agreement recorded: not trusted
      cell('vad', 'wasm-1t', [9, 10, 11]),
      cell('vad', 'webnn', [3, 4, 5], { status: 'skipped' }),
    ]);
    expect(best).toMatchObject({ backendConfigId: 'wasm-1t', medianMs: 10 });
    expect(best?.reason).toBe(
      'Median 10.00 ms; the only cell whose outputs agree with the reference, so no runner-up.',
    );
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
