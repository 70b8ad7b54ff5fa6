// How a task scores a model on an evaluation set it generates itself (rendered lines with known text,
// speech clips with known segments, sentences with known labels), so a variant's accuracy can be set
// against its parent's: against the truth, and against the parent's (fp32) outputs on the same items.
// A task's benchmark implements TaskEvaluation; the cell runner calls it after the timed runs (untimed)
// and the page scores a cell's outputs against its reference cell's with scoreAgainstReference.

import type { ModelRecord } from '../catalog/model-record';
import { boxRecall, characterAccuracy, meanCosine, shareEqual, type Box } from './evaluation-scores';
import type { TaskFiles } from './task-files';

/** One score of a model on an evaluation set, between 0 and 1 (1 = perfect). */
export interface EvaluationScore {
  /** e.g. "character accuracy", "frame agreement with the truth", "label agreement with fp32". */
  readonly metric: string;
  readonly value: number;
  /** Scored against the set's known truth, or against the reference model's outputs. */
  readonly against: 'truth' | 'reference';
}

/** A model's evaluation on a task's set. */
export interface EvaluationResult {
  /** The set in words: "24 rendered lines, 6 fonts, 16–40 px". */
  readonly set: string;
  readonly items: number;
  /** Its headline first: the score the benchmark shows as the model's accuracy (see headlineScore). */
  readonly scores: readonly EvaluationScore[];
}

/**
 * What a model produced on every item of the set, in the set's order, kept so that another model's
 * outputs on the same set can be scored against them ("with fp32"). Structured-cloneable: it crosses
 * the worker boundary.
 */
export type EvaluationOutputs =
  | { readonly kind: 'texts'; readonly texts: readonly string[] }
  | { readonly kind: 'labels'; readonly labels: readonly string[] }
  | { readonly kind: 'frames'; readonly speech: readonly boolean[] }
  | { readonly kind: 'boxes'; readonly pages: readonly (readonly Box[])[] }
  | { readonly kind: 'vectors'; readonly vectors: readonly Float32Array[] };

/** One evaluation of a model: its scores against the truth, and its outputs for scoring against a reference. */
export interface EvaluationRun {
  readonly result: EvaluationResult;
  readonly outputs: EvaluationOutputs;
}

/** Items of the set done so far, for a progress bar. */
export type EvaluationProgress = (done: number, total: number) => void;

/**
 * A task's evaluation set and how a model runs on it. `Subject` is what the benchmark lends the model
 * as: a TensorRunner (session benchmarks) or a loaded pipeline (pipeline benchmarks). Deterministic: the
 * same model on the same backend gets the same items every time, apart from any calibration split.
 */
export interface TaskEvaluation<Subject> {
  evaluate(
    model: ModelRecord,
    subject: Subject,
    files: TaskFiles,
    onProgress: EvaluationProgress,
  ): Promise<EvaluationRun>;
}

/** The score shown as a model's accuracy: its first score against the truth, else its first score. */
export function headlineScore(result: EvaluationResult): EvaluationScore | undefined {
  return result.scores.find((score) => score.against === 'truth') ?? result.scores[0];
}

/** Smallest IoU at which a box counts as the reference's box (boxes move a little under quantization). */
export const REFERENCE_BOX_IOU = 0.5;

/**
 * A candidate's outputs scored against a reference model's outputs on the same set (the reference is
 * the fp32 parent on the same backend): same text by characters, same labels, same speech frames, the
 * reference's boxes found again, or embedding cosine. Throws when the two are not of one set.
 */
export function scoreAgainstReference(
  reference: EvaluationOutputs,
  candidate: EvaluationOutputs,
  referenceName = 'fp32',
): EvaluationScore[] {
  if (reference.kind !== candidate.kind)
    throw new Error(`Cannot score ${candidate.kind} outputs against ${reference.kind} outputs`);
  const score = (metric: string, value: number): EvaluationScore => ({
    metric: `${metric} with ${referenceName}`,
    value,
    against: 'reference',
  });
  switch (reference.kind) {
    case 'texts': {
      const { texts } = candidate as typeof reference;
      return [
        score('character agreement', characterAccuracy(reference.texts, texts)),
        score('same line', shareEqual(reference.texts, texts)),
      ];
    }
    case 'labels':
      return [score('label agreement', shareEqual(reference.labels, (candidate as typeof reference).labels))];
    case 'frames':
      return [score('frame agreement', shareEqual(reference.speech, (candidate as typeof reference).speech))];
    case 'boxes':
      return [
        score(
          'box recall',
          boxRecall(reference.pages, (candidate as typeof reference).pages, REFERENCE_BOX_IOU),
        ),
      ];
    case 'vectors':
      return [
        score('embedding cosine', meanCosine(reference.vectors, (candidate as typeof reference).vectors)),
      ];
  }
}
