// Turns what the worker's evaluation gave (scores against the truth, outputs, or an error) into the
// record's `evaluation` of a cell: the scores against the reference cell's outputs (the fp32 parent or
// dtype on the same backend config) added, and the headline's difference from the reference's, in points.

import type { BenchCell, EvaluationRecord } from './run-record';
import {
  headlineScore,
  scoreAgainstReference,
  type EvaluationRun,
  type EvaluationScore,
} from '../task-kit/evaluation';
import type { CellEvaluation } from '../worker/cell-runner';

/** The reference cell's evaluation: its name in the record ("ppocr-v4-rec on wasm-2t") and its run. */
export interface EvaluationReference {
  readonly name: string;
  readonly run: EvaluationRun;
}

/** A cell's accuracy as reports show it: the headline score of its evaluation, when it has one. */
export function accuracyOf(cell: Pick<BenchCell, 'evaluation'>): EvaluationScore | undefined {
  const scores = cell.evaluation?.scores ?? [];
  return scores.find((score) => score.against === 'truth') ?? scores[0];
}

export function evaluationRecord(
  evaluation: CellEvaluation,
  reference?: EvaluationReference,
): EvaluationRecord {
  const { durationMs, run, error } = evaluation;
  if (!run) return { durationMs, scores: [], error: error ?? 'the evaluation gave no result' };
  const own = { set: run.result.set, items: run.result.items, durationMs, scores: run.result.scores };
  if (!reference) return own;
  try {
    const headline = headlineScore(run.result);
    const referenceHeadline = headlineScore(reference.run.result);
    const comparable = headline && referenceHeadline && headline.metric === referenceHeadline.metric;
    return {
      ...own,
      scores: [...run.result.scores, ...scoreAgainstReference(reference.run.outputs, run.outputs)],
      reference: reference.name,
      ...(comparable ? { deltaPoints: (headline.value - referenceHeadline.value) * 100 } : {}),
    };
  } catch (problem) {
    return {
      ...own,
      error: `Not comparable with ${reference.name}: ${problem instanceof Error ? problem.message : String(problem)}`,
    };
  }
}
