// The registration list: every task the app has, and through them every built-in model. Adding a
// task is one folder under src/tasks/ and one line here; the engine, the benchmark and the model
// cards find it through this list.

import { createCatalog, staticSource, type ModelCatalog } from '../catalog/catalog';
import type { ModelRecord } from '../catalog/model-record';
import type { AnyTask } from '../task-kit/task';
import { ocrTask } from './ocr/task';
import { vadTask } from './vad/task';

export const TASKS: readonly AnyTask[] = [ocrTask, vadTask];

/** The built-in models, in task order. */
export const BUILTIN_MODELS: readonly ModelRecord[] = TASKS.flatMap((task) => task.models);

/** The catalog with the built-in models as its first (today: only) source. */
export function builtinCatalog(): ModelCatalog {
  return createCatalog([staticSource('built-in', BUILTIN_MODELS)]);
}
