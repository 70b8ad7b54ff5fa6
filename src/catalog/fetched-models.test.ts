import { describe, expect, it } from 'vitest';
import { benchSubjects } from './bench-subject';
import { loadFetchedModels, MODEL_INDEX_FILE, recordFromManifest } from './fetched-models';
import { buildManifest, type ModelManifest } from './manifest';
import { modelDtypes, type ModelRecord } from './model-record';

const manifest = (id: string): ModelManifest => ({
  schema: 'on-device-lab/model-manifest@1',
  id,
  displayName: id,
  task: 'text-classification',
  runtime: 'transformers.js',
  license: 'apache-2.0',
  source: { hub: 'https://hub.test', version: 'abc123', files: ['config.json', 'onnx/model.onnx'] },
  dtypes: ['fp32', 'q8'],
  origin: { project: id, url: `https://hub.test/${id}` },
  modelCardUrl: `https://hub.test/${id}`,
  intendedUse: 'See the model card.',
  inputSpec: 'See the model card.',
  outputSpec: 'See the model card.',
  limitations: [],
  files: [
    { name: 'config.json', role: 'config', sha256: 'a'.repeat(64), bytes: 10 },
    { name: 'tokenizer.json', role: 'tokenizer', sha256: 'b'.repeat(64), bytes: 20 },
    { name: 'onnx/model.onnx', role: 'model', sha256: 'c'.repeat(64), bytes: 30 },
    { name: 'onnx/model_quantized.onnx', role: 'model', sha256: 'd'.repeat(64), bytes: 9 },
  ],
});

describe('recordFromManifest', () => {
  it('keeps every file with its sha256, names each ONNX file by its dtype, and records the Hub revision', () => {
    const record = recordFromManifest(manifest('someone/model'));
    expect(record.files.map((file) => [file.name, file.role, file.sha256.slice(0, 1)])).toEqual([
      ['config.json', 'config', 'a'],
      ['tokenizer.json', 'tokenizer', 'b'],
      ['onnx/model.onnx', 'model', 'c'],
      ['onnx/model_quantized.onnx', 'model', 'd'],
    ]);
    expect(modelDtypes(record)).toEqual(['fp32', 'q8']);
    expect(record.hub).toEqual({ host: 'https://hub.test', revision: 'abc123' });
    expect(record.task).toBe('text-classification');
  });
});

/** A variant `npm run optimize` wrote: one ONNX Runtime model file and its lineage. */
const VARIANT: ModelRecord = {
  id: 'silero-vad-v5~int8-static',
  displayName: 'Silero VAD v5 (int8 static, min-max, 8 samples)',
  task: 'voice-activity',
  runtime: 'onnxruntime',
  files: [{ name: 'model.onnx', role: 'model', sha256: 'e'.repeat(64), bytes: 700_000 }],
  inputSpec: 'input float32 [1,512]',
  outputSpec: 'output [1,1]',
  license: 'MIT',
  generator: 'On-Device Lab optimizer',
  variant: {
    parentId: 'silero-vad-v5',
    parentSha256: 'f'.repeat(64),
    method: 'int8-static',
    calibration: { method: 'minmax', samples: 8, data: '8 clips of speech' },
    optimizerVersion: '1.0.0',
    createdAt: '2026-12-02T08:00:00.000Z',
    summary: ['Converted: Conv ×4', 'Kept in fp32: LSTM ×1 (recurrent)'],
  },
  originProject: 'Silero VAD (snakers4)',
  originUrl: 'https://github.com/snakers4/silero-vad',
  modelCardUrl: 'https://github.com/snakers4/silero-vad/wiki',
  paperUrl: 'https://example.org/paper',
  intendedUse: 'Finding speech.',
  limitations: ['16 kHz only.'],
};

describe('a variant through its manifest', () => {
  it('comes back as the same record, an ONNX Runtime model without dtypes (one benchmark subject)', () => {
    const manifest = buildManifest(VARIANT, '1.0.0', [
      { name: 'model.onnx', role: 'model', sha256: 'e'.repeat(64), bytes: 700_000 },
    ]);
    expect(manifest.variant?.parentId).toBe('silero-vad-v5');
    expect(manifest.source).toEqual({
      generator: 'On-Device Lab optimizer',
      version: '1.0.0',
      files: ['model.onnx'],
    });
    const record = recordFromManifest(JSON.parse(JSON.stringify(manifest)) as ModelManifest);
    expect(record).toEqual(VARIANT);
    expect(benchSubjects(record).map((subject) => subject.id)).toEqual(['silero-vad-v5~int8-static']);
  });
});

/** A variant of a Transformers.js model: the parent's config and tokenizer, and one q4 model file. */
const { calibration: _calibration, ...Q4_LINEAGE } = { ...VARIANT.variant!, method: 'q4' };
const PIPELINE_VARIANT: ModelRecord = {
  ...VARIANT,
  id: 'tiny-bert-sentiment~q4',
  task: 'text-classification',
  runtime: 'transformers.js',
  files: [
    { name: 'config.json', role: 'config', sha256: 'a'.repeat(64), bytes: 10 },
    { name: 'tokenizer.json', role: 'tokenizer', sha256: 'b'.repeat(64), bytes: 20 },
    { name: 'onnx/model_q4.onnx', role: 'model', dtype: 'q4', sha256: 'c'.repeat(64), bytes: 30 },
  ],
  variant: { ...Q4_LINEAGE, parentId: 'tiny-bert-sentiment' },
};

describe('a Transformers.js variant through its manifest', () => {
  it('comes back as the same record, its model file of the dtype its name says (one subject, that dtype)', () => {
    const manifest = buildManifest(
      PIPELINE_VARIANT,
      '1.0.0',
      PIPELINE_VARIANT.files.map(({ name, role, sha256, bytes }) => ({ name, role, sha256, bytes })),
    );
    expect(manifest.dtypes).toEqual(['q4']);
    const record = recordFromManifest(JSON.parse(JSON.stringify(manifest)) as ModelManifest);
    expect(record).toEqual(PIPELINE_VARIANT);
    expect(benchSubjects(record).map((subject) => subject.id)).toEqual(['tiny-bert-sentiment~q4:q4']);
  });
});

describe('loadFetchedModels', () => {
  it('finds none without an index', async () => {
    expect(await loadFetchedModels(async () => undefined)).toEqual({ records: [], skipped: [] });
  });

  it('reads each listed manifest and leaves out, by name, a model whose manifest is missing or not its own', async () => {
    const files: Record<string, unknown> = {
      [MODEL_INDEX_FILE]: { schema: 'on-device-lab/model-index@1', models: ['a/one', 'b/two', 'c/three'] },
      'models/a/one/manifest.json': manifest('a/one'),
      'models/c/three/manifest.json': manifest('c/other'),
    };
    const loaded = await loadFetchedModels(async (path) => files[path]);
    expect(loaded.records.map((record) => record.id)).toEqual(['a/one']);
    expect(loaded.skipped).toEqual(['b/two', 'c/three']);
  });
});
