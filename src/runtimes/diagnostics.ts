// What a runtime reports about how it ran a model, beyond its outputs: which execution provider got each
// node, and where the time went per operator type. TypeBox schemas, because both go into the benchmark run
// record (src/bench/run-record.ts composes them) and so into its published JSON Schema.

import { Type } from '@sinclair/typebox';
import type { ReadonlyStatic } from '../core/readonly-static';

const count = Type.Integer({ minimum: 0 });

export const NodePlacementSchema = Type.Object(
  {
    providers: Type.Array(
      Type.Object(
        {
          provider: Type.String(),
          label: Type.Optional(
            Type.String({
              description: "Words for the provider, from the runtime that ran it, e.g. 'CPU (wasm)'.",
            }),
          ),
          nodeCount: count,
          opCounts: Type.Unsafe<Record<string, number>>({
            type: 'object',
            description: 'Operator type → node count, e.g. { Conv: 12, Relu: 10 }.',
            additionalProperties: count,
          }),
        },
        { additionalProperties: false },
      ),
    ),
    cpuFallbackNodes: Type.Integer({
      minimum: 0,
      description: 'Nodes that ran on the CPU while another provider was requested.',
    }),
  },
  {
    additionalProperties: false,
    description: "Which execution provider ORT gave each node (from ORT's verbose session log).",
  },
);

export type NodePlacement = ReadonlyStatic<typeof NodePlacementSchema>;

export const OperatorTimeSchema = Type.Object(
  {
    opType: Type.String(),
    provider: Type.String(),
    totalMs: Type.Number({ minimum: 0 }),
    calls: count,
  },
  {
    additionalProperties: false,
    description: "Time per operator type from ORT's profiler over the profiled runs.",
  },
);

export type OperatorTime = ReadonlyStatic<typeof OperatorTimeSchema>;
