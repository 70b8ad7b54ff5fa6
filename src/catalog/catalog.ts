// The one way to look a model up. A catalog asks its sources in order: the built-in records first,
// later Hub repositories, generated variants and a user's own files, each added as a source without
// the engine or the benchmark changing. Ids are unique across sources; the first source that knows
// an id wins.

import type { ModelRecord } from './model-record';

/** Somewhere models come from: the built-in list, a Hub cache, the user's files. */
export interface ModelSource {
  /** In words, for messages: "built-in", "your files". */
  readonly name: string;
  list(): readonly ModelRecord[];
}

export interface ModelCatalog {
  /** Every model of every source, in source order. */
  list(): readonly ModelRecord[];
  /** The record, or undefined when no source knows the id. */
  find(id: string): ModelRecord | undefined;
  /** The record; throws an Error naming the known ids when no source knows it. */
  get(id: string): ModelRecord;
}

/** A source over a fixed list of records. */
export function staticSource(name: string, records: readonly ModelRecord[]): ModelSource {
  return { name, list: () => records };
}

export function createCatalog(sources: readonly ModelSource[]): ModelCatalog {
  const list = () => sources.flatMap((source) => source.list());
  const find = (id: string) => list().find((record) => record.id === id);
  return {
    list,
    find,
    get(id) {
      const model = find(id);
      if (!model) {
        const known = list()
          .map((record) => record.id)
          .join(', ');
        throw new Error(`Unknown model "${id}". Known models: ${known}`);
      }
      return model;
    },
  };
}
