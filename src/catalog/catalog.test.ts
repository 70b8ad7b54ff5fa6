import { describe, expect, it } from 'vitest';
import { createCatalog, staticSource, type ModelSource } from './catalog';
import type { ModelRecord } from './model-record';

function record(id: string, displayName = id): ModelRecord {
  return {
    id,
    displayName,
    task: 'test-kind',
    runtime: 'onnxruntime',
    files: [{ name: 'model.onnx', role: 'model', packagePath: 'm.onnx', sha256: 'c'.repeat(64), bytes: 10 }],
    inputSpec: 'x',
    outputSpec: 'y',
    license: 'MIT',
    npmPackage: '@example/models',
    originProject: 'Example',
    originUrl: 'https://example.org',
    modelCardUrl: 'https://example.org/card',
    intendedUse: 'Tests.',
    limitations: [],
  };
}

/** A source whose files live somewhere else than the app's models/ folder, as a Hub source would. */
const hub: ModelSource = {
  name: 'hub',
  list: () => [record('tiny-bert'), record('shared', 'from the hub')],
  fileUrl: (model, file) => `https://hub.example/${model.id}/resolve/main/${file.name}`,
};

describe('createCatalog', () => {
  const catalog = createCatalog([
    staticSource('built-in', [record('det'), record('shared', 'built in')]),
    hub,
  ]);

  it('lists every source in order and lets the first source that knows an id win', () => {
    expect(catalog.list().map((model) => model.id)).toEqual(['det', 'shared', 'tiny-bert']);
    expect(catalog.get('shared').displayName).toBe('built in');
    expect(catalog.find('tiny-bert')?.id).toBe('tiny-bert');
  });

  it("asks the model's own source where its files are", () => {
    const det = catalog.get('det');
    const bert = catalog.get('tiny-bert');
    expect(catalog.fileUrl(det, det.files[0]!)).toBe('models/det/model.onnx');
    expect(catalog.fileUrl(bert, bert.files[0]!)).toBe(
      'https://hub.example/tiny-bert/resolve/main/model.onnx',
    );
  });

  it('names the known ids when asked for one no source has', () => {
    expect(catalog.find('nope')).toBeUndefined();
    expect(() => catalog.get('nope')).toThrow('Unknown model "nope". Known models: det, shared, tiny-bert');
    expect(() => catalog.fileUrl(record('nope'), record('nope').files[0]!)).toThrow(
      /No model source has "nope"/,
    );
  });
});
