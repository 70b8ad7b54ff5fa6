// Keeps benchmark runs in the browser's IndexedDB so they survive reloads and can be listed,
// reopened, compared and deleted later. Runs are stored as-is (structured clone), keyed by run id.

import { openDB, type DBSchema } from 'idb';
import type { BenchmarkRun } from './run-record';

/** One line of the saved-runs list. */
export interface RunSummary {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly cellCount: number;
}

export interface RunStore {
  /** Adds the run, or replaces the stored run with the same id. */
  save(run: BenchmarkRun): Promise<void>;
  /** Every stored run, newest `startedAt` first. */
  list(): Promise<RunSummary[]>;
  get(id: string): Promise<BenchmarkRun | undefined>;
  /** Deletes the run; no error when there is none with that id. */
  remove(id: string): Promise<void>;
  close(): void;
}

interface RunDatabase extends DBSchema {
  runs: {
    key: string;
    value: BenchmarkRun;
    indexes: { 'by-started-at': string };
  };
}

const DB_VERSION = 1;

export async function openRunStore(dbName = 'on-device-lab'): Promise<RunStore> {
  const db = await openDB<RunDatabase>(dbName, DB_VERSION, {
    upgrade(database) {
      const runs = database.createObjectStore('runs', { keyPath: 'id' });
      runs.createIndex('by-started-at', 'startedAt');
    },
    // Another tab wants a newer version of the database: let it, rather than block it.
    blocking() {
      db.close();
    },
  });
  return {
    async save(run) {
      await db.put('runs', run);
    },
    async list() {
      const runs = await db.getAllFromIndex('runs', 'by-started-at');
      return runs.reverse().map((run) => ({
        id: run.id,
        label: run.label,
        startedAt: run.startedAt,
        cellCount: run.cells.length,
      }));
    },
    get(id) {
      return db.get('runs', id);
    },
    remove(id) {
      return db.delete('runs', id);
    },
    close() {
      db.close();
    },
  };
}
