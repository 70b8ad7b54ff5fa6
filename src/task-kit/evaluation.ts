// How a task scores a model on an evaluation set it generates itself (rendered lines with known text,
// speech clips with known segments, sentences with known labels), so a variant's accuracy can be set
// against its parent's: against the truth, and against the parent's (fp32) outputs on the same items.

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
  readonly scores: readonly EvaluationScore[];
}

/** To be filled in with the task side of evaluation (items, running, scoring). */
export interface TaskEvaluation {
  readonly set: string;
}
