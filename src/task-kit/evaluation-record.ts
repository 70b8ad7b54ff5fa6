// A cell's evaluation as the run record stores it: TypeBox schemas (one definition for the TypeScript
// types and the published JSON Schema), composed into the record by src/bench/run-record.ts.

import { Type } from '@sinclair/typebox';
import type { ReadonlyStatic } from '../core/readonly-static';

export const EvaluationScoreSchema = Type.Object(
  {
    metric: Type.String({ description: 'e.g. "character accuracy", "label agreement with fp32".' }),
    value: Type.Number({ minimum: 0, maximum: 1, description: '1 = perfect.' }),
    against: Type.Unsafe<'truth' | 'reference'>({
      enum: ['truth', 'reference'],
      description: "The set's known truth, or the reference cell's outputs on the same set.",
    }),
  },
  { additionalProperties: false },
);

export const EvaluationRecordSchema = Type.Object(
  {
    set: Type.Optional(
      Type.String({ description: 'The evaluation set in words; absent when the evaluation failed.' }),
    ),
    items: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Items scored (lines, pages, frames, sentences).' }),
    ),
    durationMs: Type.Number({
      minimum: 0,
      description: 'Time the evaluation took (untimed for the benchmark).',
    }),
    scores: Type.Array(EvaluationScoreSchema, {
      description:
        "The model's scores, its headline (the first against the truth) first, then those against the reference cell.",
    }),
    reference: Type.Optional(
      Type.String({
        description:
          'The cell scored against: the fp32 parent of a variant, or the fp32 dtype of the model, on the same backend config, e.g. "ppocr-v4-rec on wasm-2t".',
      }),
    ),
    deltaPoints: Type.Optional(
      Type.Number({
        description:
          "The headline score minus the reference cell's, in percentage points (negative: less accurate than fp32).",
      }),
    ),
    error: Type.Optional(Type.String({ description: 'Why the evaluation failed; the timings stand.' })),
  },
  {
    additionalProperties: false,
    description: "The model scored on its task's evaluation set, untimed, after the measured runs.",
  },
);

export type EvaluationRecord = ReadonlyStatic<typeof EvaluationRecordSchema>;
