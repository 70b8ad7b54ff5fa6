// Variants saved in IndexedDB (fake-indexeddb here): they are listed again by a store opened later (a
// reload), replaced by id, deleted with their bytes, and read through the catalog by the model store,
// which still checks them against the record's sha256. A Transformers.js variant keeps only its model
// file: its config is read where its parent's is.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorKind } from '../core/errors';
import { createCatalog, staticSource } from './catalog';
import { sha256Hex } from './integrity';
import type { ModelFile, ModelRecord } from './model-record';
import { ModelStore } from './model-store';
import { openVariantStore } from './variant-store';

let databases = 0;
/** A database of its own per test, so tests do not see each other's variants. */
const freshName = () => `variants-test-${(databases += 1)}`;

async function variant(id: string, bytes: Uint8Array): Promise<ModelRecord> {
  return {
    id,
    displayName: id,
    task: 'voice-activity',
    runtime: 'onnxruntime',
    files: [{ name: 'model.onnx', role: 'model', sha256: await sha256Hex(bytes), bytes: bytes.byteLength }],
    inputSpec: 'input',
    outputSpec: 'output',
    license: 'MIT',
    generator: 'On-Device Lab optimizer',
    variant: {
      parentId: 'silero-vad-v5',
      parentSha256: 'a'.repeat(64),
      method: 'fp16',
      optimizerVersion: '1.0.0',
      createdAt: '2026-12-02T08:00:00.000Z',
      summary: ['Converted: Conv ×4'],
    },
    originProject: 'Silero VAD',
    originUrl: 'https://example.org',
    modelCardUrl: 'https://example.org/card',
    intendedUse: 'Tests.',
    limitations: [],
  };
}

const BYTES = Uint8Array.of(8, 6, 7, 5, 3, 0, 9);
const fileOf = (record: ModelRecord) => record.files[0] as ModelFile;

describe('openVariantStore', () => {
  it('lists a saved variant again when opened later, with its bytes', async () => {
    const name = freshName();
    const record = await variant('silero-vad-v5~fp16', BYTES);
    await (await openVariantStore(name)).save(record, BYTES);
    const reopened = await openVariantStore(name);
    expect(reopened.list()).toEqual([record]);
    expect(Array.from(await reopened.readFile!(record, fileOf(record)))).toEqual(Array.from(BYTES));
  });

  it('replaces a variant saved again under the same id', async () => {
    const store = await openVariantStore(freshName());
    await store.save(await variant('silero-vad-v5~fp16', BYTES), BYTES);
    const again = Uint8Array.of(1, 2, 3);
    const replacement = await variant('silero-vad-v5~fp16', again);
    await store.save(replacement, again);
    expect(store.list()).toEqual([replacement]);
    expect(Array.from(await store.readFile!(replacement, fileOf(replacement)))).toEqual([1, 2, 3]);
  });

  it('forgets a deleted variant and its bytes, also after a reload, and refuses an unknown id', async () => {
    const name = freshName();
    const store = await openVariantStore(name);
    const record = await variant('silero-vad-v5~fp16', BYTES);
    await store.save(record, BYTES);
    await store.remove(record.id);
    expect(store.list()).toEqual([]);
    expect((await openVariantStore(name)).list()).toEqual([]);
    await expect(store.readFile!(record, fileOf(record))).rejects.toThrow(/no saved model file/);
    await expect(store.remove('nothing~fp16')).rejects.toThrow(/No variant "nothing~fp16"/);
  });
});

describe('the model store reading a saved variant through the catalog', () => {
  it('reads its bytes from IndexedDB (no request), verified', async () => {
    const variants = await openVariantStore(freshName());
    const record = await variant('silero-vad-v5~fp16', BYTES);
    await variants.save(record, BYTES);
    const store = new ModelStore('http://app.test/', createCatalog([staticSource('built-in', []), variants]));
    const read = await store.fetchFile(record, fileOf(record));
    expect(read.source).toBe('indexeddb');
    expect(Array.from(read.bytes)).toEqual(Array.from(BYTES));
  });

  it('refuses saved bytes that are not the record’s (sha256 differs)', async () => {
    const variants = await openVariantStore(freshName());
    const record = await variant('silero-vad-v5~fp16', BYTES);
    await variants.save(record, Uint8Array.of(8, 6, 7, 5, 3, 0, 8));
    const store = new ModelStore('http://app.test/', createCatalog([variants]));
    const failure = await store.fetchFile(record, fileOf(record)).catch((error: unknown) => error);
    expect(errorKind(failure)).toBe('ModelIntegrityError');
  });
});

describe('a Transformers.js variant (config shared with its parent)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads its config from the parent’s URL and its model file from IndexedDB, both verified', async () => {
    const config = new TextEncoder().encode('{"model_type":"bert"}');
    const configFile: ModelFile = {
      name: 'config.json',
      role: 'config',
      sha256: await sha256Hex(config),
      bytes: config.byteLength,
    };
    const base = await variant('unused', BYTES);
    const parent: ModelRecord = {
      ...base,
      id: 'tiny-bert',
      runtime: 'transformers.js',
      files: [
        configFile,
        { name: 'onnx/model.onnx', role: 'model', dtype: 'fp32', sha256: 'f'.repeat(64), bytes: 9 },
      ],
    };
    const { variant: lineage, ...record } = base;
    const child: ModelRecord = {
      ...record,
      id: 'tiny-bert~q4',
      runtime: 'transformers.js',
      files: [
        configFile,
        { name: 'onnx/model_q4.onnx', role: 'model', dtype: 'q4', sha256: fileOf(base).sha256, bytes: 7 },
      ],
      variant: { ...lineage!, parentId: 'tiny-bert', method: 'q4' },
    };
    const variants = await openVariantStore(freshName());
    await variants.save(child, BYTES);
    const catalog = createCatalog([staticSource('built-in', [parent]), variants]);
    expect(catalog.fileUrl(child, configFile)).toBe('models/tiny-bert/config.json');
    expect(catalog.fileUrl(child, child.files[1]!)).toMatch(
      /^indexeddb:.+\/tiny-bert~q4\/onnx\/model_q4\.onnx$/,
    );
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(String(url));
      return new Response(config.slice());
    });
    const store = new ModelStore('http://app.test/', catalog);
    const readConfig = await store.fetchFile(child, configFile);
    expect(Array.from(readConfig.bytes)).toEqual(Array.from(config));
    const readModel = await store.fetchFile(child, child.files[1]!);
    expect(readModel.source).toBe('indexeddb');
    expect(Array.from(readModel.bytes)).toEqual(Array.from(BYTES));
    expect(requested).toEqual(['http://app.test/models/tiny-bert/config.json']);
  });
});
