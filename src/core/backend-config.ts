// One way of running a model in a benchmark (a backend plus a wasm thread count, optionally a runtime build
// and session options), as a TypeBox schema so the run record's TypeScript type and its published JSON
// Schema come from one definition.

import { Type } from '@sinclair/typebox';
import { BACKEND_IDS, type BackendId } from './backends';
import type { ReadonlyStatic } from './readonly-static';

/** A session option's name: lower-case letters, digits and hyphens. */
export const SESSION_OPTION_KEY_PATTERN = '^[a-z0-9-]+$';
/** A session option's value: not empty, and free of `~` (between options), `,` (between backend configs
 * in a list) and whitespace. */
export const SESSION_OPTION_VALUE_PATTERN = '^[^~,\\s]+$';

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
    options: Type.Optional(
      Type.Record(
        Type.String({ pattern: SESSION_OPTION_KEY_PATTERN }),
        Type.String({ minLength: 1, pattern: SESSION_OPTION_VALUE_PATTERN }),
        {
          additionalProperties: false,
          description:
            'Session options asked for, written after `~` as key=value (`wasm-1t~opt=basic~mempattern=on`), kept as text: ' +
            "the runtime says which keys and values it knows (ONNX Runtime Web: opt, mempattern, arena, dims) and fails the cell on any other. The runtime's defaults when absent.",
        },
      ),
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
      'One way of running a model: a backend plus, for wasm, a thread count, optionally a runtime build and session options. Ids look like `wasm-1t`, `webgpu`, `wasm-2t@jsep`, `wasm-1t~opt=basic`.',
  },
);

export type BackendConfig = ReadonlyStatic<typeof BackendConfigSchema>;
