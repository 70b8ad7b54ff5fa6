import { describe, expect, it } from 'vitest';
import type { ModelFile, ModelRecord } from './model-record';
import { readSessionModel } from './session-model';

const PUBLISHED: ModelFile = {
  name: 'model.onnx',
  role: 'model',
  packagePath: 'm.onnx',
  sha256: 'a'.repeat(64),
  bytes: 10,
};
const DICTIONARY: ModelFile = {
  name: 'keys.txt',
  role: 'dictionary',
  packagePath: 'k.txt',
  sha256: 'b'.repeat(64),
  bytes: 2,
};
const OPTIMIZED: ModelFile = {
  name: 'model.basic.onnx',
  role: 'optimized-model',
  optimizedFrom: 'model.onnx',
  level: 'basic',
  sha256: 'c'.repeat(64),
  bytes: 9,
};

const model = (files: ModelFile[]) => ({ id: 'm', files }) as unknown as ModelRecord;

describe('readSessionModel', () => {
  it('reads the pre-optimized copy when the record has one', async () => {
    const read: string[] = [];
    const result = await readSessionModel(model([PUBLISHED, DICTIONARY, OPTIMIZED]), async (file) => {
      read.push(file.name);
      return file.bytes;
    });
    expect(result).toEqual({ file: OPTIMIZED, loaded: 9 });
    expect(read).toEqual(['model.basic.onnx']);
  });

  it('falls back to the published model when the copy cannot be read', async () => {
    const result = await readSessionModel(model([PUBLISHED, OPTIMIZED]), async (file) => {
      if (file.role === 'optimized-model') throw new Error('404');
      return file.bytes;
    });
    expect(result).toEqual({ file: PUBLISHED, loaded: 10 });
  });

  it("reports the published model's error when neither can be read", async () => {
    const failing = readSessionModel(model([PUBLISHED, OPTIMIZED]), async (file) => {
      throw new Error(`cannot read ${file.name}`);
    });
    await expect(failing).rejects.toThrow('cannot read model.onnx');
  });

  it('reads the published model of a record without a copy, and never the dictionary', async () => {
    const read: string[] = [];
    const result = await readSessionModel(model([DICTIONARY, PUBLISHED]), async (file) => {
      read.push(file.name);
      return file.bytes;
    });
    expect(result.file).toBe(PUBLISHED);
    expect(read).toEqual(['model.onnx']);
  });
});
