// Measures how closely a backend's output tensors match the wasm reference on the same input, and
// turns those numbers plus the task-level comparison into the verdict a BenchCell records. A fast
// backend only counts as a recommendation when its outputs agree.

import type { OutputAgreement, TensorAgreement } from './agreement-record';
import type { TaskComparison, TaskOutput } from './task-output';
import type { ReferenceOutputs } from './workload';

/** Largest per-element difference from the wasm reference that still counts as agreeing. */
export const AGREEMENT_TOLERANCE = 1e-3;

/**
 * Compares one output tensor element by element. Differences and cosine similarity use only the
 * positions where both values are finite; NaN and ±Infinity in the candidate are counted instead.
 * Cosine similarity is 1 when both vectors are all zeros and 0 when only one is.
 */
export function compareTensor(
  name: string,
  reference: Float32Array,
  candidate: Float32Array,
): TensorAgreement {
  if (reference.length !== candidate.length) {
    throw new Error(
      `Cannot compare output "${name}": the reference has ${reference.length} values but the candidate has ${candidate.length}.`,
    );
  }
  let maxAbsDiff = 0;
  let sumAbsDiff = 0;
  let finitePairs = 0;
  let dot = 0;
  let referenceNormSq = 0;
  let candidateNormSq = 0;
  let nonFiniteCount = 0;
  for (let i = 0; i < reference.length; i++) {
    const ref = reference[i]!;
    const cand = candidate[i]!;
    if (!Number.isFinite(cand)) nonFiniteCount++;
    if (!Number.isFinite(ref) || !Number.isFinite(cand)) continue;
    const diff = Math.abs(ref - cand);
    maxAbsDiff = Math.max(maxAbsDiff, diff);
    sumAbsDiff += diff;
    finitePairs++;
    dot += ref * cand;
    referenceNormSq += ref * ref;
    candidateNormSq += cand * cand;
  }
  return {
    output: name,
    maxAbsDiff,
    meanAbsDiff: finitePairs > 0 ? sumAbsDiff / finitePairs : 0,
    cosineSimilarity: cosine(dot, referenceNormSq, candidateNormSq),
    nonFiniteCount,
  };
}

function cosine(dot: number, normSqA: number, normSqB: number): number {
  if (normSqA === 0 && normSqB === 0) return 1;
  if (normSqA === 0 || normSqB === 0) return 0;
  // Rounding can push the ratio just past ±1; the record (and its schema) keep it within.
  return Math.min(1, Math.max(-1, dot / Math.sqrt(normSqA * normSqB)));
}

/**
 * The agreement record for a cell: within tolerance only when every tensor's maxAbsDiff is at most
 * `tolerance`, no tensor has non-finite values and the task-level comparison agrees.
 */
export function agreementVerdict(
  tensors: readonly TensorAgreement[],
  taskLevel: TaskComparison,
  tolerance: number,
  referenceBackendId: string,
): OutputAgreement {
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new Error(`The agreement tolerance must be a finite number ≥ 0, got ${tolerance}.`);
  }
  const tensorsAgree = tensors.every(
    (tensor) => tensor.maxAbsDiff <= tolerance && tensor.nonFiniteCount === 0,
  );
  return {
    referenceBackendId,
    tensors,
    taskLevel: taskLevel.text,
    taskLevelAgrees: taskLevel.agrees,
    tolerance,
    withinTolerance: tensorsAgree && taskLevel.agrees,
  };
}

/**
 * The whole agreement of a candidate's outputs with a reference's on the same input: every reference
 * tensor compared element by element, plus the task's own comparison of the task-level outputs.
 */
export function agreementWith(
  reference: ReferenceOutputs,
  referenceId: string,
  candidate: ReferenceOutputs,
  compareOutputs: (reference: TaskOutput, candidate: TaskOutput) => TaskComparison,
): OutputAgreement {
  const tensors = Object.entries(reference.tensors).map(([name, values]) => {
    const other = candidate.tensors[name];
    if (!other) throw new Error(`Output "${name}" is missing from the compared outputs`);
    return compareTensor(name, values, other);
  });
  return agreementVerdict(
    tensors,
    compareOutputs(reference.task, candidate.task),
    AGREEMENT_TOLERANCE,
    referenceId,
  );
}
