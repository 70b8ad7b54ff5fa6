import { describe, expect, it } from 'vitest';
import { modelDtypes } from '../catalog/model-record';
import { BENCH_SUBJECTS, BENCHMARKED_MODELS, BUILTIN_MODELS, builtinCatalog, TASKS } from './index';

describe('the built-in models', () => {
  it('have unique ids, one model file per precision each and well-formed hashes', () => {
    const ids = BUILTIN_MODELS.map((model) => model.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const model of BUILTIN_MODELS) {
      expect(model.files.filter((file) => file.role === 'model')).toHaveLength(modelDtypes(model).length);
      expect(modelDtypes(model)[0]).toBe('fp32');
      for (const file of model.files) {
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.bytes).toBeGreaterThan(0);
      }
    }
  });

  it('are the OCR and VAD models and the generated text and image models, each run by exactly one task', () => {
    expect(BUILTIN_MODELS.map((model) => model.id)).toEqual([
      'ppocr-v4-det',
      'ppocr-mobile-v2-cls',
      'ppocr-v4-rec',
      'silero-vad-v5',
      'silero-vad-v6',
      'silero-vad-legacy',
      'tiny-bert-sentiment',
      'tiny-decoder',
      'tiny-image-classifier',
    ]);
    expect(BENCHMARKED_MODELS.map((model) => model.id)).toContain('tiny-bert-sentiment');
    // A model with dtype files is benchmarked once per dtype, fp32 first; the others once.
    expect(BENCH_SUBJECTS.map((subject) => subject.id).slice(-7)).toEqual([
      'silero-vad-legacy',
      'tiny-bert-sentiment:fp32',
      'tiny-bert-sentiment:fp16',
      'tiny-decoder:fp32',
      'tiny-decoder:fp16',
      'tiny-image-classifier:fp32',
      'tiny-image-classifier:fp16',
    ]);
    for (const model of BUILTIN_MODELS) {
      expect(TASKS.filter((task) => task.models.some((record) => record.task === model.task))).toHaveLength(
        1,
      );
    }
  });

  it('are found through the catalog, which explains an unknown id by listing the known ones', () => {
    expect(builtinCatalog().get('silero-vad-v6').displayName).toBe('Silero VAD v6');
    expect(builtinCatalog().find('nope')).toBeUndefined();
    expect(() => builtinCatalog().get('nope')).toThrow(/Unknown model "nope"\. Known models: ppocr-v4-det/);
  });
});
