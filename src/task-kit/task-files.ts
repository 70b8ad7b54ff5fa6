// The files a task reads besides its sessions, on its own so that the task contract (task.ts) and the
// evaluation contract (evaluation.ts) can both name them without importing each other.

import type { ModelFile } from '../catalog/model-record';

/** Files a task reads besides its sessions: another file of a model, or one of the app's own files. */
export interface TaskFiles {
  modelFile(modelId: string, role: ModelFile['role']): Promise<Uint8Array>;
  /** A file served with the app, by path below its base URL (e.g. "samples/speech-sample.wav"). */
  appFile(path: string): Promise<Uint8Array>;
  /** `make` runs once per key and engine; later calls share its result (a parsed dictionary, a clip). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}
