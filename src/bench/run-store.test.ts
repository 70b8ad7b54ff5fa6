import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchmarkRun } from './run-record';
import { openRunStore, type RunStore } from './run-store';
import { makeCell, makeRun } from './test-fixtures';

let openStores: RunStore[] = [];
let databaseCount = 0;

/** A store in a database of its own, so tests do not see each other's runs. */
async function freshStore(name = `runs-test-${++databaseCount}`): Promise<RunStore> {
  const store = await openRunStore(name);
  openStores.push(store);
  return store;
}

afterEach(() => {
  for (const store of openStores) store.close();
  openStores = [];
});

const older = makeRun({ id: 'older', label: 'Monday', startedAt: '2025-03-10T08:00:00.000Z' });
const newest = makeRun({
  id: 'newest',
  label: 'Friday',
  startedAt: '2025-03-14T08:00:00.000Z',
  cells: [makeCell()],
});
const middle = makeRun({ id: 'middle', label: 'Wednesday', startedAt: '2025-03-12T08:00:00.000Z' });

describe('openRunStore', () => {
  it('starts empty', async () => {
    const store = await freshStore();
    expect(await store.list()).toEqual([]);
    expect(await store.get('older')).toBeUndefined();
  });

  it('lists summaries of saved runs, newest first', async () => {
    const store = await freshStore();
    for (const run of [older, newest, middle]) await store.save(run);
    expect(await store.list()).toEqual([
      { id: 'newest', label: 'Friday', startedAt: '2025-03-14T08:00:00.000Z', cellCount: 1 },
      { id: 'middle', label: 'Wednesday', startedAt: '2025-03-12T08:00:00.000Z', cellCount: 3 },
      { id: 'older', label: 'Monday', startedAt: '2025-03-10T08:00:00.000Z', cellCount: 3 },
    ]);
  });

  it('gives back a saved run unchanged', async () => {
    const store = await freshStore();
    await store.save(middle);
    const stored: BenchmarkRun | undefined = await store.get('middle');
    expect(stored).toStrictEqual(middle);
    expect(stored).not.toBe(middle);
  });

  it('replaces the run with the same id', async () => {
    const store = await freshStore();
    await store.save(older);
    await store.save({ ...older, label: 'Monday, plugged in' });
    expect((await store.list()).map((summary) => summary.label)).toEqual(['Monday, plugged in']);
  });

  it('removes one run and ignores unknown ids', async () => {
    const store = await freshStore();
    await store.save(older);
    await store.save(newest);
    await store.remove('older');
    await store.remove('never-saved');
    expect(await store.get('older')).toBeUndefined();
    expect((await store.list()).map((summary) => summary.id)).toEqual(['newest']);
  });

  it('keeps runs after the database is closed and opened again', async () => {
    const first = await freshStore('runs-test-reopen');
    await first.save(newest);
    first.close();
    const second = await freshStore('runs-test-reopen');
    expect(await second.get('newest')).toStrictEqual(newest);
  });
});
