// Which file of a model a session loads: the pre-optimized copy when the record has one (see
// OptimizedFile), else the published model, and the published model too when the optimized copy
// cannot be read or verified (prepare-models leaves it out where ORT folded the constants into other
// bytes). One place for that choice, so the task views, the benchmark and the native reference load
// the same bytes.

import { sessionModelFiles, type ModelFile, type ModelRecord } from './model-record';

/** Reads the first of the model's session files that `read` can read (and verify), with its file. */
export async function readSessionModel<T>(
  model: ModelRecord,
  read: (file: ModelFile) => Promise<T>,
): Promise<{ readonly file: ModelFile; readonly loaded: T }> {
  const [preferred, ...fallbacks] = sessionModelFiles(model);
  if (!preferred) throw new Error(`Model "${model.id}" has no model file`);
  try {
    return { file: preferred, loaded: await read(preferred) };
  } catch (error) {
    const [published] = fallbacks;
    if (!published) throw error;
    return { file: published, loaded: await read(published) };
  }
}
