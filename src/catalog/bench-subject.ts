// What one benchmark row measures: a model in one precision. A model of the ONNX Runtime path has one
// model file, and its subject id is the model id ("ppocr-v4-rec"); a model in the Hugging Face layout
// has a file per dtype, and each is a subject of its own ("tiny-bert-sentiment:fp16"), so dtype is a
// dimension of the benchmark like the backend, and comparisons, gates and reports key rows by subject
// id without knowing about dtypes.

import type { ModelCatalog } from './catalog';
import {
  dtypeModelFile,
  hasDtypeFiles,
  modelDtypes,
  modelFile,
  type ModelFile,
  type ModelRecord,
} from './model-record';

export interface BenchSubject {
  /** `model` or `model:dtype`. */
  readonly id: string;
  readonly model: ModelRecord;
  /** The precision of a model with dtype files; absent for a model with one model file. */
  readonly dtype?: string;
}

const SEPARATOR = ':';

/** The subjects of a model, fp32 first: one per dtype file (the Hugging Face layout), or the model itself. */
export function benchSubjects(model: ModelRecord): BenchSubject[] {
  if (!hasDtypeFiles(model)) return [{ id: model.id, model }];
  return modelDtypes(model).map((dtype) => ({ id: `${model.id}${SEPARATOR}${dtype}`, model, dtype }));
}

/** The subject an id names; throws naming the model's subjects when the dtype is not one of its files. */
export function benchSubject(catalog: Pick<ModelCatalog, 'get'>, id: string): BenchSubject {
  const at = id.lastIndexOf(SEPARATOR);
  const model = catalog.get(at < 0 ? id : id.slice(0, at));
  const subjects = benchSubjects(model);
  const subject = subjects.find((candidate) => candidate.id === id);
  if (!subject)
    throw new Error(
      `"${id}" is not something the benchmark can run: ${model.id} is benchmarked as ${subjects.map((candidate) => candidate.id).join(', ')}`,
    );
  return subject;
}

/** The model file the subject measures. */
export function subjectModelFile(subject: BenchSubject): ModelFile {
  if (subject.dtype === undefined) return modelFile(subject.model, 'model');
  const file = dtypeModelFile(subject.model, subject.dtype);
  if (!file) throw new Error(`Model "${subject.model.id}" has no ${subject.dtype} file`);
  return file;
}

/** The model a subject is compared with: its own, or for a variant the optimizer made, its parent. */
export function familyId(subject: BenchSubject): string {
  return subject.model.variant?.parentId ?? subject.model.id;
}

/** Whether the subject is its family's fp32 original: not a variant, and fp32 (or without dtypes). */
function isReference(subject: BenchSubject): boolean {
  return !subject.model.variant && (subject.dtype === undefined || subject.dtype === 'fp32');
}

/**
 * The subject whose outputs a subject's accuracy is set against ("Δ vs fp32"): a variant's parent
 * (its fp32 subject), or the fp32 dtype of a model with dtype files; undefined for an fp32 original
 * and for a model with no fp32 file.
 */
export function fp32ReferenceId(
  catalog: Pick<ModelCatalog, 'find'>,
  subject: BenchSubject,
): string | undefined {
  if (isReference(subject)) return undefined;
  if (subject.model.variant) {
    const parent = catalog.find(subject.model.variant.parentId);
    return parent ? benchSubjects(parent).find(isReference)?.id : undefined;
  }
  return benchSubjects(subject.model).find(isReference)?.id;
}

/**
 * Subjects in the order they run within a backend config: as asked, except that a model's subjects
 * and its variants' keep together with the fp32 original (else the first asked for) first, so every
 * other dtype and every variant of the model is compared with it.
 */
export function orderSubjects(subjects: readonly BenchSubject[]): BenchSubject[] {
  const families = [...new Set(subjects.map(familyId))];
  const rank = (subject: BenchSubject) => (isReference(subject) ? 0 : 1);
  return families.flatMap((id) =>
    subjects.filter((subject) => familyId(subject) === id).sort((a, b) => rank(a) - rank(b)),
  );
}
