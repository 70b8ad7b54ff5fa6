// What the worker measures for one benchmark cell: the phases kept apart, the raw samples, how the cell
// ended, and the runtime's diagnostics. A TypeBox schema, so src/bench composes these fields into the run
// record's BenchCell and the record's type and published JSON Schema keep one definition.

import { Type } from '@sinclair/typebox';
import type { ReadonlyStatic } from '../core/readonly-static';
import { NodePlacementSchema, OperatorTimeSchema } from '../runtimes/diagnostics';

const CELL_STATUSES = ['ok', 'skipped', 'failed'] as const;
const FETCH_SOURCES = ['network', 'http-cache', 'cache-storage', 'indexeddb', 'memory'] as const;

const durationMs = Type.Number({ minimum: 0 });

export const CellStatusSchema = Type.Unsafe<(typeof CELL_STATUSES)[number]>({ enum: [...CELL_STATUSES] });

export type CellStatus = ReadonlyStatic<typeof CellStatusSchema>;

export const CellMeasurementSchema = Type.Object(
  {
    status: CellStatusSchema,
    reason: Type.Optional(Type.String({ description: 'Why the cell was skipped or failed.' })),
    inputDescription: Type.String({
      description:
        'The input used, in words, e.g. "640×640 rendered text" or "10 s speech, 512-sample frames".',
    }),
    phases: Type.Optional(
      Type.Object(
        {
          runtimeStartMs: Type.Optional(
            Type.Number({
              minimum: 0,
              description:
                'Starting the runtime for this backend (its code and threads) before the session; 0 when an earlier cell already started it. Absent in records from before it was timed apart.',
            }),
          ),
          fetchMs: durationMs,
          fetchSource: Type.Optional(
            Type.Unsafe<(typeof FETCH_SOURCES)[number]>({
              enum: [...FETCH_SOURCES],
              description:
                'Where the bytes came from; absent where the runtime reads them itself (pipelines).',
            }),
          ),
          createSessionMs: durationMs,
          firstInferenceMs: durationMs,
        },
        {
          additionalProperties: false,
          description:
            'Runtime start, fetch (with the integrity check), session creation and first inference, timed apart.',
        },
      ),
    ),
    warmupMs: Type.Array(durationMs, {
      description: 'Raw warm-up samples in run order, output read-back included.',
    }),
    samplesMs: Type.Array(durationMs, {
      description: 'Raw steady-state samples in run order, output read-back included.',
    }),
    callsPerSample: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'Calls timed together in one steady-state sample; each sample is that batch divided by it (per call). More than 1 for calls under 1 ms. Absent in records from before batching: 1.',
      }),
    ),
    timer: Type.Optional(
      Type.Object(
        {
          resolutionMs: Type.Optional(
            Type.Number({
              exclusiveMinimum: 0,
              description:
                'Smallest nonzero step of performance.now() seen in the worker (100 µs without cross-origin isolation).',
            }),
          ),
          crossOriginIsolated: Type.Boolean(),
        },
        {
          additionalProperties: false,
          description: 'The clock the samples were read on. Absent in records from before it was kept.',
        },
      ),
    ),
    placement: Type.Optional(NodePlacementSchema),
    operatorTimes: Type.Optional(Type.Array(OperatorTimeSchema)),
    softwareAdapter: Type.Boolean({
      description:
        'The backend ran on a software GPU adapter (SwiftShader, llvmpipe): not representative of a real GPU.',
    }),
    modelFile: Type.Optional(
      Type.Object(
        {
          name: Type.String(),
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
          bytes: Type.Optional(
            Type.Integer({ minimum: 0, description: 'Its size; absent in records from before it was kept.' }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'The file the session loaded: the pre-optimized copy of the model (model.basic.onnx) or the published model.',
        },
      ),
    ),
    runtimeBuild: Type.Optional(
      Type.String({
        description:
          'The build of the runtime that ran the cell, e.g. "jspi" or "jsep" for ONNX Runtime Web.',
      }),
    ),
    unitsPerRun: Type.Optional(
      Type.Object(
        { count: Type.Integer({ minimum: 0 }), unit: Type.String({ description: 'e.g. "tokens".' }) },
        {
          additionalProperties: false,
          description:
            'What one run produced, for work measured per item (a generation: its new tokens); items per second = count / median run time.',
        },
      ),
    ),
    pipeline: Type.Optional(
      Type.Object(
        {
          runtime: Type.String({ description: 'e.g. "transformers.js 4.3.2".' }),
          dtype: Type.String({ description: 'The precision of the model file, e.g. "fp32", "fp16", "q8".' }),
          bytes: Type.Integer({
            minimum: 0,
            description: 'Bytes the pipeline read: model, config and tokenizer files.',
          }),
        },
        {
          additionalProperties: false,
          description:
            'A whole pipeline was timed (tokenizer or image processor, model, post-processing), not a bare session; its load is split into fetch (file reads) and session (the rest).',
        },
      ),
    ),
    setupSnippet: Type.Optional(
      Type.String({
        description: "Code that creates the same session on this cell's runtime, from the runtime itself.",
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'What the worker measured for one cell; the page adds statistics, agreement and memory to make a BenchCell.',
  },
);

export type CellMeasurement = ReadonlyStatic<typeof CellMeasurementSchema>;
