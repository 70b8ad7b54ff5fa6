// Variants made in this browser (the Optimize view) survive a reload: each one's record and model
// bytes are kept in IndexedDB, and the store is a catalog source ("made in this browser") whose files
// are read from there instead of a URL. The model store still checks them against the record's sha256
// before a session parses them, as it does for downloaded files. Only the model file is kept: a
// Hugging Face-layout variant's config and tokenizer files are its parent's (the catalog reads them
// from the parent's source). Every worker engine opens the same
// database (same origin), so the benchmark's own engines see the variants too.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ModelLoadError } from '../core/errors';
import type { ModelSource } from './catalog';
import type { ModelRecord } from './model-record';

interface VariantDatabase extends DBSchema {
  records: { key: string; value: ModelRecord };
  /** A variant's model file, under its record's id. */
  bytes: { key: string; value: Uint8Array };
}

export const VARIANT_DB_NAME = 'on-device-lab-variants';
const DB_VERSION = 1;

export interface VariantStore extends ModelSource {
  /** Saves the variant, replacing one with the same id. */
  save(record: ModelRecord, bytes: Uint8Array): Promise<void>;
  /** Forgets the variant and its bytes; throws for an id the store does not have. */
  remove(id: string): Promise<void>;
}

/** Opens the store and reads every saved record (the bytes are read when a session needs them). */
export async function openVariantStore(name = VARIANT_DB_NAME): Promise<VariantStore> {
  const db: IDBPDatabase<VariantDatabase> = await openDB<VariantDatabase>(name, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('records');
      database.createObjectStore('bytes');
    },
  });
  let records: ModelRecord[] = await db.getAll('records');
  return {
    name: 'made in this browser',
    list: () => records,
    fileUrl: (model, file) => `indexeddb:${name}/${model.id}/${file.name}`,
    async readFile(model, file) {
      if (file.role !== 'model')
        throw new ModelLoadError(
          `The variant ${model.id} keeps only its model file in this browser, not ${file.name} (its parent's)`,
        );
      const bytes = await db.get('bytes', model.id);
      if (!bytes)
        throw new ModelLoadError(
          `The variant ${model.id} has no saved model file in this browser (site data cleared?). Make it again in the Optimize view.`,
        );
      return bytes;
    },
    async save(record, bytes) {
      const transaction = db.transaction(['records', 'bytes'], 'readwrite');
      await Promise.all([
        transaction.objectStore('records').put(record, record.id),
        transaction.objectStore('bytes').put(bytes, record.id),
        transaction.done,
      ]);
      records = [...records.filter((saved) => saved.id !== record.id), record];
    },
    async remove(id) {
      if (!records.some((saved) => saved.id === id))
        throw new Error(
          `No variant "${id}" is saved in this browser (one written by \`npm run optimize\` lives in ` +
            'public/models/: remove its folder and its line in models/index.json)',
        );
      const transaction = db.transaction(['records', 'bytes'], 'readwrite');
      await Promise.all([
        transaction.objectStore('records').delete(id),
        transaction.objectStore('bytes').delete(id),
        transaction.done,
      ]);
      records = records.filter((saved) => saved.id !== id);
    },
  };
}
