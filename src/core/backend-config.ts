// One way of running a model in a benchmark (a backend plus a wasm thread count), as a TypeBox schema so
// the run record's TypeScript type and its published JSON Schema come from one definition.

import { Type } from '@sinclair/typebox';
import { BACKEND_IDS, type BackendId } from './backends';
import type { ReadonlyStatic } from './readonly-static';

export const BackendConfigSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    backend: Type.Unsafe<BackendId>({ enum: [...BACKEND_IDS] }),
    build: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "The runtime build asked for (ONNX Runtime Web: jsep, jspi, plain), written `wasm-2t@jsep`; the runtime's own choice when absent.",
      }),
    ),
    threads: Type.Integer({
      minimum: 1,
      description:
        "wasm threads; WebGPU and WebNN cells run with the page's full count for whatever falls back to the CPU.",
    }),
  },
  {
    additionalProperties: false,
    description:
      'One way of running a model: a backend plus, for wasm, a thread count. Ids look like `wasm-1t`, `webgpu`.',
  },
);

export type BackendConfig = ReadonlyStatic<typeof BackendConfigSchema>;
