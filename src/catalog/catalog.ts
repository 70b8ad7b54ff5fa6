// The one way to look a model up and to find its files. A catalog asks its sources in order: the
// built-in records first, later Hub repositories, generated variants and a user's own files, each
// added as a source without the engine or the benchmark changing. Ids are unique across sources; the
// first source that knows an id wins, and says where that model's files are. A variant's file that its
// parent has too (the config and tokenizer of a Hugging Face-layout variant: same name, same sha256)
// is the parent's, read where the parent's source keeps it, so a variant stores only its model file.

import type { ModelFile, ModelRecord } from './model-record';

/** Somewhere models come from: the built-in list, a Hub cache, the user's files. */
export interface ModelSource {
  /** In words, for messages: "built-in", "your files". */
  readonly name: string;
  list(): readonly ModelRecord[];
  /** Where one of its models' files is: a URL, relative ones resolved against the app's base URL. */
  fileUrl(model: ModelRecord, file: ModelFile): string;
  /** For a source that keeps the files itself (variants saved in this browser): reads one, unverified. */
  readFile?(model: ModelRecord, file: ModelFile): Promise<Uint8Array>;
}

export interface ModelCatalog {
  /** Every model of every source, in source order; a model another source already has is left out. */
  list(): readonly ModelRecord[];
  /** The record, or undefined when no source knows the id. */
  find(id: string): ModelRecord | undefined;
  /** The record; throws an Error naming the known ids when no source knows it. */
  get(id: string): ModelRecord;
  /** Where a file of the model is, as the model's source says (a variant's shared file: its parent's source). */
  fileUrl(model: ModelRecord, file: ModelFile): string;
  /** The file's bytes from a source that keeps them itself (unverified), or undefined: fetch its URL. */
  readStoredFile(model: ModelRecord, file: ModelFile): Promise<Uint8Array> | undefined;
}

/** The models served with the app: files under models/<id>/ on the app's own origin. */
export function staticSource(name: string, records: readonly ModelRecord[]): ModelSource {
  return {
    name,
    list: () => records,
    fileUrl: (model, file) => `models/${model.id}/${file.name}`,
  };
}

export function createCatalog(sources: readonly ModelSource[]): ModelCatalog {
  const list = () => {
    const seen = new Set<string>();
    return sources
      .flatMap((source) => source.list())
      .filter((record) => !seen.has(record.id) && seen.add(record.id));
  };
  const find = (id: string) => list().find((record) => record.id === id);
  const sourceOf = (id: string) => sources.find((source) => source.list().some((record) => record.id === id));
  /** The model whose source has the file: the variant's parent when the parent has the same file. */
  const ownerOf = (model: ModelRecord, file: ModelFile): ModelRecord => {
    const parent = model.variant && find(model.variant.parentId);
    const shared = parent?.files.some(
      (candidate) => candidate.name === file.name && candidate.sha256 === file.sha256,
    );
    return parent && shared ? parent : model;
  };
  return {
    list,
    find,
    fileUrl(model, file) {
      const owner = ownerOf(model, file);
      const source = sourceOf(owner.id);
      if (!source) throw new Error(`No model source has "${owner.id}"`);
      return source.fileUrl(owner, file);
    },
    readStoredFile(model, file) {
      const owner = ownerOf(model, file);
      return sourceOf(owner.id)?.readFile?.(owner, file);
    },
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
