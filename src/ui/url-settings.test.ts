import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_SETTINGS, formatUrlSettings, parseUrlSettings } from './url-settings';

describe('parseUrlSettings', () => {
  it('falls back to defaults for an empty or unknown query', () => {
    expect(parseUrlSettings('')).toEqual(DEFAULT_URL_SETTINGS);
    expect(parseUrlSettings('?task=chess&backend=cuda&threads=zero&model=nope')).toEqual(
      DEFAULT_URL_SETTINGS,
    );
  });

  it('reads task, backend, threads and VAD model', () => {
    expect(parseUrlSettings('?task=vad&backend=webgpu&threads=2&model=silero-vad-legacy')).toEqual({
      task: 'vad',
      backend: 'webgpu',
      threads: 2,
      vadModel: 'silero-vad-legacy',
    });
  });

  it('keeps a variant of a VAD model, which the engine may know only once it has started', () => {
    expect(parseUrlSettings('?task=vad&model=silero-vad-v6~fp16').vadModel).toBe('silero-vad-v6~fp16');
    expect(parseUrlSettings('?task=vad&model=ppocr-v4-rec~fp16').vadModel).toBe('silero-vad-v5');
  });

  it('rejects out-of-range thread counts', () => {
    expect(parseUrlSettings('?threads=0').threads).toBeUndefined();
    expect(parseUrlSettings('?threads=1000').threads).toBeUndefined();
  });

  it('round-trips through formatUrlSettings', () => {
    const settings = { task: 'vad', backend: 'webnn', threads: 1, vadModel: 'silero-vad-v6' } as const;
    expect(parseUrlSettings(formatUrlSettings(settings))).toEqual(settings);
  });
});
