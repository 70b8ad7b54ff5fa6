// The registration list: every task the app has, and through them every built-in model. Adding a
// task is one folder under src/tasks/ and one line here; the engine, the benchmark and the model
// cards find it through this list.

import { createCatalog, staticSource, type ModelCatalog } from '../catalog/catalog';
import { benchSubjects, type BenchSubject } from '../catalog/bench-subject';
import type { ModelRecord } from '../catalog/model-record';
import { benchmarkedModels, isBenchmarked, type AnyTask } from '../task-kit/task';
import { imageClassificationTask } from './image-classification/task';
import { ocrTask } from './ocr/task';
import { semanticSearchTask } from './semantic-search/task';
import { textClassificationTask } from './text-classification/task';
import { textGenerationTask } from './text-generation/task';
import { vadTask } from './vad/task';

export const TASKS: readonly AnyTask[] = [
  ocrTask,
  vadTask,
  textClassificationTask,
  semanticSearchTask,
  textGenerationTask,
  imageClassificationTask,
];

/** The built-in models, in task order. */
export const BUILTIN_MODELS: readonly ModelRecord[] = TASKS.flatMap((task) => task.models);

/** The built-in models the benchmark measures (those of tasks with a benchmark). */
export const BENCHMARKED_MODELS: readonly ModelRecord[] = benchmarkedModels(TASKS);

/** What the benchmark can run among `models`: each model whose task has a benchmark, once per dtype
 * file where it has them (built-in models and those fetched from the Hub alike). */
export function benchSubjectsOf(models: readonly ModelRecord[]): BenchSubject[] {
  return models.filter((model) => isBenchmarked(TASKS, model)).flatMap(benchSubjects);
}

/** What the benchmark offers by default: the built-in models' subjects. */
export const BENCH_SUBJECTS: readonly BenchSubject[] = benchSubjectsOf(BUILTIN_MODELS);

/** The catalog with the built-in models as its first (today: only) source. */
export function builtinCatalog(): ModelCatalog {
  return createCatalog([staticSource('built-in', BUILTIN_MODELS)]);
}
