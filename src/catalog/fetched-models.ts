// The models `npm run models:fetch` (and the variants `npm run optimize`) put under public/models/:
// their ids are listed in models/index.json, and each one's manifest.json (written with every file's
// sha256) becomes its record. Catalog sources built from them come after the built-in one.

import { MANIFEST_FILE_NAME, type ModelManifest } from './manifest';
import { DTYPE_SUFFIXES, type ModelFile, type ModelRecord } from './model-record';

export const MODEL_INDEX_FILE = 'models/index.json';

export interface ModelIndex {
  readonly schema: 'on-device-lab/model-index@1';
  /** Ids (Hub repo ids) of the fetched models, each a folder under models/. */
  readonly models: readonly string[];
}

function dtypeOf(name: string): string {
  const stem = name.replace(/\.onnx$/, '');
  return DTYPE_SUFFIXES.find(([suffix]) => stem.endsWith(suffix))?.[1] ?? 'fp32';
}

/** The record of a fetched model or a variant, from its manifest. A variant of an ONNX Runtime model
 * has one model file and no dtypes (those are the Hugging Face layout's); a variant of a Transformers.js
 * model has its one model file's dtype (onnx/model_q4.onnx is q4). */
export function recordFromManifest(manifest: ModelManifest): ModelRecord {
  const dtypes = !(manifest.variant && manifest.runtime === 'onnxruntime');
  const files: ModelFile[] = manifest.files.map((file) =>
    file.role === 'model'
      ? {
          name: file.name,
          role: 'model',
          ...(dtypes ? { dtype: dtypeOf(file.name) } : {}),
          sha256: file.sha256,
          bytes: file.bytes,
        }
      : {
          name: file.name,
          role: file.role === 'config' ? 'config' : 'tokenizer',
          sha256: file.sha256,
          bytes: file.bytes,
        },
  );
  return {
    id: manifest.id,
    displayName: manifest.displayName,
    task: manifest.task,
    runtime: manifest.runtime,
    files,
    inputSpec: manifest.inputSpec,
    outputSpec: manifest.outputSpec,
    license: manifest.license,
    ...(manifest.source.hub !== undefined
      ? { hub: { host: manifest.source.hub, revision: manifest.source.version } }
      : {}),
    ...(manifest.source.generator !== undefined ? { generator: manifest.source.generator } : {}),
    ...(manifest.variant ? { variant: manifest.variant } : {}),
    originProject: manifest.origin.project,
    originUrl: manifest.origin.url,
    modelCardUrl: manifest.modelCardUrl,
    ...(manifest.paperUrl !== undefined ? { paperUrl: manifest.paperUrl } : {}),
    intendedUse: manifest.intendedUse,
    limitations: manifest.limitations,
  };
}

/**
 * The fetched models' records, read with `readJson` (paths below the app's base URL). No index means
 * none were fetched; a listed model whose manifest cannot be read is left out and named in `skipped`.
 */
export async function loadFetchedModels(
  readJson: (path: string) => Promise<unknown | undefined>,
): Promise<{ readonly records: ModelRecord[]; readonly skipped: string[] }> {
  const index = (await readJson(MODEL_INDEX_FILE)) as ModelIndex | undefined;
  if (!index) return { records: [], skipped: [] };
  const records: ModelRecord[] = [];
  const skipped: string[] = [];
  for (const id of index.models) {
    const manifest = (await readJson(`models/${id}/${MANIFEST_FILE_NAME}`).catch(() => undefined)) as
      ModelManifest | undefined;
    if (manifest?.id === id) records.push(recordFromManifest(manifest));
    else skipped.push(id);
  }
  return { records, skipped };
}
