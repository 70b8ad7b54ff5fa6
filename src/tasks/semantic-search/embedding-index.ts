// The semantic-search index: each passage's vector, kept in the browser's IndexedDB under the model,
// its precision and the sha256 of the passage's text, so a document searched again (also after a
// reload) is not embedded again, and a vector from another model or dtype is never mixed in. The page
// opens it too (same origin, same database), to show how much is saved and to forget it on request.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { sha256Hex } from '../../catalog/integrity';

interface IndexDatabase extends DBSchema {
  vectors: { key: string; value: Float32Array };
}

const DB_NAME = 'on-device-lab-embeddings';
const DB_VERSION = 1;

export interface EmbeddingIndex {
  /** Each key's vector, or undefined where none is saved. */
  getMany(keys: readonly string[]): Promise<Array<Float32Array | undefined>>;
  putMany(entries: ReadonlyArray<readonly [string, Float32Array]>): Promise<void>;
  /** How many vectors are saved, of every model and precision. */
  count(): Promise<number>;
  /** Forgets every saved vector (the next search embeds its passages again). */
  clear(): Promise<void>;
}

/** The key of a passage's vector: model, precision and the sha256 of its text. */
export async function indexKey(modelId: string, dtype: string, text: string): Promise<string> {
  return `${modelId}|${dtype}|${await sha256Hex(new TextEncoder().encode(text))}`;
}

export async function openEmbeddingIndex(name = DB_NAME): Promise<EmbeddingIndex> {
  const db: IDBPDatabase<IndexDatabase> = await openDB<IndexDatabase>(name, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('vectors');
    },
  });
  return {
    async getMany(keys) {
      const transaction = db.transaction('vectors', 'readonly');
      return Promise.all(keys.map((key) => transaction.store.get(key)));
    },
    async putMany(entries) {
      const transaction = db.transaction('vectors', 'readwrite');
      await Promise.all([
        ...entries.map(([key, vector]) => transaction.store.put(vector, key)),
        transaction.done,
      ]);
    },
    count: () => db.count('vectors'),
    clear: () => db.clear('vectors'),
  };
}
