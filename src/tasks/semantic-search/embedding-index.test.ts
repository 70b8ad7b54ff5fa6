import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexKey, openEmbeddingIndex } from './embedding-index';

describe('the embedding index', () => {
  it('keeps vectors across openings, keyed by model, precision and text', async () => {
    const first = await openEmbeddingIndex('test-index-a');
    const key = await indexKey('m', 'fp32', 'the battery is slow');
    await first.putMany([[key, Float32Array.of(0.6, 0.8)]]);
    const again = await openEmbeddingIndex('test-index-a');
    expect(await again.getMany([key, await indexKey('m', 'fp16', 'the battery is slow')])).toEqual([
      Float32Array.of(0.6, 0.8),
      undefined,
    ]);
  });

  it('gives different keys to different texts, models and precisions, and the same key to the same ones', async () => {
    const keys = await Promise.all([
      indexKey('m', 'fp32', 'a'),
      indexKey('m', 'fp32', 'b'),
      indexKey('n', 'fp32', 'a'),
      indexKey('m', 'q8', 'a'),
    ]);
    expect(new Set(keys).size).toBe(4);
    expect(await indexKey('m', 'fp32', 'a')).toBe(keys[0]);
    expect(keys[0]).toMatch(/^m\|fp32\|[0-9a-f]{64}$/);
  });

  it('counts what is saved and forgets all of it on clear', async () => {
    const index = await openEmbeddingIndex('test-index-b');
    await index.putMany([
      [await indexKey('m', 'fp32', 'one'), Float32Array.of(1, 0)],
      [await indexKey('m', 'fp16', 'one'), Float32Array.of(0, 1)],
    ]);
    expect(await index.count()).toBe(2);
    await index.clear();
    expect(await index.count()).toBe(0);
    expect(await index.getMany([await indexKey('m', 'fp32', 'one')])).toEqual([undefined]);
  });
});
