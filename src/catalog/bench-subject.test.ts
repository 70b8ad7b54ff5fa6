import { describe, expect, it } from 'vitest';
import {
  benchSubject,
  benchSubjects,
  fp32ReferenceId,
  orderSubjects,
  subjectModelFile,
} from './bench-subject';
import { createCatalog, staticSource } from './catalog';
import type { ModelRecord } from './model-record';

const facts = {
  inputSpec: '',
  outputSpec: '',
  license: 'MIT',
  originProject: 'test',
  originUrl: 'https://example.org',
  modelCardUrl: 'https://example.org',
  intendedUse: 'tests',
  limitations: [],
};
/** A model of the ONNX Runtime path: one model file, no dtype. */
const PPOCR_V4_REC: ModelRecord = {
  ...facts,
  id: 'ppocr-v4-rec',
  displayName: 'recognition',
  task: 'ocr-recognition',
  runtime: 'onnxruntime',
  files: [
    { name: 'model.onnx', role: 'model', packagePath: 'rec.onnx', sha256: 'a'.repeat(64), bytes: 9 },
    {
      name: 'model.basic.onnx',
      role: 'optimized-model',
      optimizedFrom: 'model.onnx',
      level: 'basic',
      sha256: 'b'.repeat(64),
      bytes: 8,
    },
  ],
};
/** A model in the Hugging Face layout with fp32 and fp16 files. */
const TINY_BERT_SENTIMENT: ModelRecord = {
  ...facts,
  id: 'tiny-bert-sentiment',
  displayName: 'tiny bert',
  task: 'text-classification',
  runtime: 'transformers.js',
  files: [
    { name: 'config.json', role: 'config', sha256: 'c'.repeat(64), bytes: 1 },
    { name: 'onnx/model.onnx', role: 'model', dtype: 'fp32', sha256: 'd'.repeat(64), bytes: 4 },
    { name: 'onnx/model_fp16.onnx', role: 'model', dtype: 'fp16', sha256: 'e'.repeat(64), bytes: 2 },
  ],
};

const catalog = createCatalog([staticSource('built-in', [PPOCR_V4_REC, TINY_BERT_SENTIMENT])]);

describe('bench subjects', () => {
  it('names a model with one model file by its id, and one with dtype files once per dtype', () => {
    expect(benchSubjects(PPOCR_V4_REC).map((subject) => subject.id)).toEqual(['ppocr-v4-rec']);
    expect(benchSubjects(TINY_BERT_SENTIMENT)).toEqual([
      { id: 'tiny-bert-sentiment:fp32', model: TINY_BERT_SENTIMENT, dtype: 'fp32' },
      { id: 'tiny-bert-sentiment:fp16', model: TINY_BERT_SENTIMENT, dtype: 'fp16' },
    ]);
  });

  it('finds the file each subject measures', () => {
    expect(subjectModelFile(benchSubject(catalog, 'tiny-bert-sentiment:fp16')).name).toBe(
      'onnx/model_fp16.onnx',
    );
    expect(subjectModelFile(benchSubject(catalog, 'tiny-bert-sentiment:fp32')).name).toBe('onnx/model.onnx');
    expect(subjectModelFile(benchSubject(catalog, 'ppocr-v4-rec')).name).toBe('model.onnx');
  });

  it('refuses a dtype the model lacks, a bare id for a model with dtypes, and an unknown model', () => {
    expect(() => benchSubject(catalog, 'tiny-bert-sentiment:q8')).toThrow(
      'tiny-bert-sentiment is benchmarked as tiny-bert-sentiment:fp32, tiny-bert-sentiment:fp16',
    );
    expect(() => benchSubject(catalog, 'tiny-bert-sentiment')).toThrow(
      'is not something the benchmark can run',
    );
    expect(() => benchSubject(catalog, 'ppocr-v4-rec:fp16')).toThrow(
      'ppocr-v4-rec is benchmarked as ppocr-v4-rec',
    );
    expect(() => benchSubject(catalog, 'yolo')).toThrow('Unknown model "yolo"');
  });

  it('runs a model’s subjects together with fp32 first, models in the order asked', () => {
    const asked = ['tiny-bert-sentiment:fp16', 'ppocr-v4-rec', 'tiny-bert-sentiment:fp32'].map((id) =>
      benchSubject(catalog, id),
    );
    expect(orderSubjects(asked).map((subject) => subject.id)).toEqual([
      'tiny-bert-sentiment:fp32',
      'tiny-bert-sentiment:fp16',
      'ppocr-v4-rec',
    ]);
  });
});

/** A variant the optimizer made of the recognizer. */
const REC_INT8: ModelRecord = {
  ...PPOCR_V4_REC,
  id: 'ppocr-v4-rec~int8-static',
  files: [{ name: 'model.onnx', role: 'model', packagePath: 'x', sha256: 'f'.repeat(64), bytes: 3 }],
  variant: {
    parentId: 'ppocr-v4-rec',
    parentSha256: 'a'.repeat(64),
    method: 'int8-static',
    optimizerVersion: '1.0.0',
    createdAt: '2026-12-02T00:00:00Z',
    summary: [],
  },
};

describe('variants and their fp32 reference', () => {
  const withVariant = createCatalog([
    staticSource('built-in', [PPOCR_V4_REC, TINY_BERT_SENTIMENT, REC_INT8]),
  ]);
  const subject = (id: string) => benchSubject(withVariant, id);

  it('runs a variant after its parent, whatever the order asked for', () => {
    const asked = ['ppocr-v4-rec~int8-static', 'tiny-bert-sentiment:fp16', 'ppocr-v4-rec'].map(subject);
    expect(orderSubjects(asked).map((item) => item.id)).toEqual([
      'ppocr-v4-rec',
      'ppocr-v4-rec~int8-static',
      'tiny-bert-sentiment:fp16',
    ]);
  });

  it('scores a variant against its parent and a dtype against fp32; an fp32 original against nothing', () => {
    expect(fp32ReferenceId(withVariant, subject('ppocr-v4-rec~int8-static'))).toBe('ppocr-v4-rec');
    expect(fp32ReferenceId(withVariant, subject('tiny-bert-sentiment:fp16'))).toBe(
      'tiny-bert-sentiment:fp32',
    );
    expect(fp32ReferenceId(withVariant, subject('tiny-bert-sentiment:fp32'))).toBeUndefined();
    expect(fp32ReferenceId(withVariant, subject('ppocr-v4-rec'))).toBeUndefined();
  });

  it('has no reference for a variant whose parent the catalog lacks', () => {
    const orphan = createCatalog([staticSource('built-in', [REC_INT8])]);
    expect(fp32ReferenceId(orphan, benchSubject(orphan, REC_INT8.id))).toBeUndefined();
  });
});
