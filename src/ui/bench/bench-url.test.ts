import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_SETTINGS, formatBenchUrl, parseBenchUrl } from './bench-url';

describe('parseBenchUrl', () => {
  it('uses defaults for an empty query', () => {
    expect(parseBenchUrl('?task=bench')).toEqual(DEFAULT_BENCH_SETTINGS);
  });

  it('reads every setting and drops unknown models', () => {
    const settings = parseBenchUrl(
      '?models=silero-vad-v5,nope,ppocr-v4-rec&backends=wasm-1t,webgpu&warmup=0&runs=5&budget=2000&profile=0&memory=1&detsize=320&eval=0&autostart=1',
    );
    expect(settings).toEqual({
      modelIds: ['silero-vad-v5', 'ppocr-v4-rec'],
      backendConfigIds: ['wasm-1t', 'webgpu'],
      warmupRuns: 0,
      runs: 5,
      timeBudgetMs: 2000,
      profileOperators: false,
      measureMemory: true,
      detectionSizePx: 320,
      evaluate: false,
      autostart: true,
    });
  });

  it('accepts models=all and rejects out-of-range counts', () => {
    const settings = parseBenchUrl('?models=all&runs=0&warmup=-1');
    expect(settings.modelIds).toEqual(DEFAULT_BENCH_SETTINGS.modelIds);
    expect(settings.runs).toBe(DEFAULT_BENCH_SETTINGS.runs);
    expect(settings.warmupRuns).toBe(DEFAULT_BENCH_SETTINGS.warmupRuns);
  });

  it('round-trips through formatBenchUrl', () => {
    const settings = { ...DEFAULT_BENCH_SETTINGS, modelIds: ['silero-vad-v6'], runs: 7, timeBudgetMs: 500 };
    const parsed = parseBenchUrl(formatBenchUrl(settings, ['wasm-2t']));
    expect(parsed).toEqual({ ...settings, backendConfigIds: ['wasm-2t'] });
  });
});
