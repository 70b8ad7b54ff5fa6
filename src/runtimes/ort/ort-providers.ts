// What ORT calls each backend and how a session is set up, in one place: the execution providers a
// backend asks for (as options, as ORT's provider name in its logs, and as code), and the snippet the
// benchmark's recommendation shows. No onnxruntime-web code is loaded here, only its types.

import type { InferenceSession } from 'onnxruntime-web';
import type { BackendConfig } from '../../core/backend-config';
import type { BackendId } from '../../core/backends';

/** The execution providers each backend asks for, as ORT options and as code in the snippet. */
export const PROVIDERS: Readonly<
  Record<BackendId, { config: InferenceSession.ExecutionProviderConfig; code: string; name: string }>
> = {
  wasm: { config: 'wasm', code: "'wasm'", name: 'CPUExecutionProvider' },
  webgpu: { config: 'webgpu', code: "'webgpu'", name: 'JsExecutionProvider' },
  webnn: {
    config: { name: 'webnn', deviceType: 'gpu' },
    code: "{ name: 'webnn', deviceType: 'gpu' }",
    name: 'WebNNExecutionProvider',
  },
};

/** Graph optimization every session gets; the snippet repeats it. */
export const GRAPH_OPTIMIZATION_LEVEL = 'all';

/**
 * TypeScript that creates the same ORT session the benchmark did. The thread count is always set: the
 * engine sets it for every backend, and nodes a GPU backend cannot run fall back to wasm threads.
 */
export function ortSnippet(config: BackendConfig): string {
  return [
    "import * as ort from 'onnxruntime-web';",
    `ort.env.wasm.numThreads = ${config.threads};`,
    `const session = await ort.InferenceSession.create(modelUrl, { executionProviders: [${PROVIDERS[config.backend].code}], graphOptimizationLevel: '${GRAPH_OPTIMIZATION_LEVEL}' });`,
  ].join('\n');
}
