// How a cell's outputs agreed with the reference's, as the run record stores it: TypeBox schemas (one
// definition for the TypeScript types and the published JSON Schema), composed into the record by
// src/bench/run-record.ts.

import { Type } from '@sinclair/typebox';
import type { ReadonlyStatic } from '../core/readonly-static';

export const TensorAgreementSchema = Type.Object(
  {
    output: Type.String(),
    maxAbsDiff: Type.Number({ minimum: 0 }),
    meanAbsDiff: Type.Number({ minimum: 0 }),
    cosineSimilarity: Type.Number({ minimum: -1, maximum: 1 }),
    nonFiniteCount: Type.Integer({
      minimum: 0,
      description: "NaN and ±Infinity values in this backend's output.",
    }),
  },
  {
    additionalProperties: false,
    description: 'Numeric agreement of one output tensor with the wasm reference on the same input.',
  },
);

export type TensorAgreement = ReadonlyStatic<typeof TensorAgreementSchema>;

export const OutputAgreementSchema = Type.Object(
  {
    referenceBackendId: Type.String({
      description: 'The cell the outputs were compared with (a wasm cell of the same model).',
    }),
    tensors: Type.Array(TensorAgreementSchema),
    taskLevel: Type.String({
      description: `The task-level verdict in words, e.g. "same text: 'Hello'" or "312 of 313 frames agree".`,
    }),
    taskLevelAgrees: Type.Boolean(),
    tolerance: Type.Number({ minimum: 0 }),
    withinTolerance: Type.Boolean({
      description:
        "False when any tensor's maxAbsDiff exceeds the tolerance, any value is non-finite, or the task level disagrees.",
    }),
  },
  {
    additionalProperties: false,
    description:
      "Outputs compared with a reference on the same input: for a browser cell a wasm cell of the same model, for a native cell the browser's wasm reference.",
  },
);

export type OutputAgreement = ReadonlyStatic<typeof OutputAgreementSchema>;
