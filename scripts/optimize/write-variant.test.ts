// `npm run optimize` writes a variant where the app finds it: model.onnx and a manifest with the
// lineage in public/models/<id>/, the id added to index.json beside the fetched models; read back the
// way the worker reads them, it is the same record. Bytes that are not the record's are refused. A
// Transformers.js variant gets its parent's config copied next to its dtype file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFetchedModels } from '../../src/catalog/fetched-models';
import type { ModelRecord } from '../../src/catalog/model-record';
import { floatTensor, modelBytes, node, TensorProto_DataType, valueInfo } from '../hf-models/onnx-builder';
import { writeVariantToModelsDir } from './write-variant';

/** y = x·W with a 2×3 weight: 6 parameters. */
const BYTES = modelBytes({
  name: 'tiny',
  nodes: [node('MatMul', ['x', 'W'], ['y'])],
  initializers: [floatTensor('W', [2, 3], [1, 2, 3, 4, 5, 6])],
  inputs: [valueInfo('x', TensorProto_DataType.FLOAT, [1, 2])],
  outputs: [valueInfo('y', TensorProto_DataType.FLOAT, [1, 3])],
  opset: 17,
});

const RECORD: ModelRecord = {
  id: 'ppocr-mobile-v2-cls~fp16',
  displayName: 'Angle classifier (fp16)',
  task: 'ocr-angle',
  runtime: 'onnxruntime',
  files: [
    {
      name: 'model.onnx',
      role: 'model',
      sha256: createHash('sha256').update(BYTES).digest('hex'),
      bytes: BYTES.byteLength,
    },
  ],
  inputSpec: 'x float32 [N,3,48,192]',
  outputSpec: 'softmax [N,2]',
  license: 'Apache-2.0',
  generator: 'On-Device Lab optimizer',
  variant: {
    parentId: 'ppocr-mobile-v2-cls',
    parentSha256: 'd'.repeat(64),
    method: 'fp16',
    optimizerVersion: '1.0.0',
    createdAt: '2026-12-02T08:00:00.000Z',
    summary: ['Converted: Conv ×20'],
  },
  originProject: 'PaddleOCR',
  originUrl: 'https://github.com/PaddlePaddle/PaddleOCR',
  modelCardUrl: 'https://example.org/card',
  intendedUse: 'Turning lines.',
  limitations: [],
};

let modelsDir: string;
beforeEach(() => {
  modelsDir = mkdtempSync(join(tmpdir(), 'write-variant-'));
});
afterEach(() => rmSync(modelsDir, { recursive: true, force: true }));

describe('writeVariantToModelsDir', () => {
  it('writes the file and the manifest with the lineage, lists the id, and reads back as the same record', async () => {
    writeFileSync(
      join(modelsDir, 'index.json'),
      JSON.stringify({ schema: 'on-device-lab/model-index@1', models: ['someone/tiny-bert'] }),
    );
    const manifest = writeVariantToModelsDir(modelsDir, RECORD, BYTES);
    expect(manifest.parameters).toBe(6);
    expect(Array.from(readFileSync(join(modelsDir, RECORD.id, 'model.onnx')))).toEqual(Array.from(BYTES));
    const index = JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as { models: string[] };
    expect(index.models).toEqual(['ppocr-mobile-v2-cls~fp16', 'someone/tiny-bert']);
    const loaded = await loadFetchedModels(async (path) => {
      const file = join(modelsDir, path.replace(/^models\//, ''));
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
    });
    expect(loaded.skipped).toEqual(['someone/tiny-bert']);
    expect(loaded.records).toEqual([RECORD]);
  });

  it('writes a Transformers.js variant with its parent’s config, and refuses a config that is not the record’s', async () => {
    const config = '{"model_type":"bert"}';
    const configSha = createHash('sha256').update(config).digest('hex');
    const q4: ModelRecord = {
      ...RECORD,
      id: 'tiny-bert~q4',
      runtime: 'transformers.js',
      files: [
        { name: 'config.json', role: 'config', sha256: configSha, bytes: config.length },
        { ...RECORD.files[0]!, name: 'onnx/model_q4.onnx', role: 'model', dtype: 'q4' },
      ],
      variant: { ...RECORD.variant!, parentId: 'tiny-bert', method: 'q4' },
    };
    expect(() => writeVariantToModelsDir(modelsDir, q4, BYTES)).toThrow(/tiny-bert\/config\.json is missing/);
    mkdirSync(join(modelsDir, 'tiny-bert'));
    writeFileSync(join(modelsDir, 'tiny-bert', 'config.json'), config);
    const manifest = writeVariantToModelsDir(modelsDir, q4, BYTES);
    expect(manifest.dtypes).toEqual(['q4']);
    expect(readFileSync(join(modelsDir, q4.id, 'config.json'), 'utf8')).toBe(config);
    expect(Array.from(readFileSync(join(modelsDir, q4.id, 'onnx/model_q4.onnx')))).toEqual(Array.from(BYTES));
    const loaded = await loadFetchedModels(async (path) => {
      const file = join(modelsDir, path.replace(/^models\//, ''));
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
    });
    expect(loaded.records).toEqual([q4]);
    writeFileSync(join(modelsDir, 'tiny-bert', 'config.json'), '{}');
    expect(() => writeVariantToModelsDir(modelsDir, q4, BYTES)).toThrow(/sha256 differs/);
  });

  it('refuses bytes whose sha256 is not the record’s and leaves nothing behind', () => {
    const other = Uint8Array.from(BYTES, (byte, index) => (index === 0 ? byte ^ 1 : byte));
    expect(() => writeVariantToModelsDir(modelsDir, RECORD, other)).toThrow(
      /are not its record's model\.onnx/,
    );
    expect(existsSync(join(modelsDir, RECORD.id))).toBe(false);
    expect(existsSync(join(modelsDir, 'index.json'))).toBe(false);
  });
});
