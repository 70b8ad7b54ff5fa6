// What ORT calls each backend and how a session is set up, in one place: the execution providers a
// backend asks for (as options, as ORT's provider name in its logs, and as code), and the snippet the
// benchmark's recommendation shows. No onnxruntime-web code is loaded here, only its types.

import type { InferenceSession } from 'onnxruntime-web';
import type { BackendId } from '../../core/backends';
import { ORT_BUILDS, type OrtBuildId } from './ort-builds';
import { sessionChoicesCode, type OrtSessionChoices } from './ort-session-options';

/** The execution providers each backend asks for, as ORT options and as code in the snippet. */
export const PROVIDERS: Readonly<
  Record<BackendId, { config: InferenceSession.ExecutionProviderConfig; code: string }>
> = {
  wasm: { config: 'wasm', code: "'wasm'" },
  webgpu: { config: 'webgpu', code: "'webgpu'" },
  webnn: { config: { name: 'webnn', deviceType: 'gpu' }, code: "{ name: 'webnn', deviceType: 'gpu' }" },
};

/** ORT's own name for the provider a backend gets on a build, as its logs print it. */
export function providerName(backend: BackendId, build: OrtBuildId): string {
  switch (backend) {
    case 'wasm':
      return 'CPUExecutionProvider';
    case 'webgpu':
      // JSEP runs WebGPU kernels from JavaScript; the other builds carry the native WebGPU EP.
      return build === 'jsep' ? 'JsExecutionProvider' : 'WebGpuExecutionProvider';
    case 'webnn':
      return 'WebNNExecutionProvider';
  }
}

/**
 * TypeScript that creates the same ORT session the benchmark did, from the same build and with the same
 * session options (exactly those the session was created with). The thread count is always set: the
 * engine sets it for every backend, and nodes a GPU backend cannot run fall back to wasm threads.
 */
export function ortSnippet(
  backend: BackendId,
  threads: number,
  build: OrtBuildId,
  choices: OrtSessionChoices,
): string {
  return [
    `import * as ort from '${ORT_BUILDS[build].importPath}';`,
    `ort.env.wasm.numThreads = ${threads};`,
    `const session = await ort.InferenceSession.create(modelUrl, { executionProviders: [${PROVIDERS[backend].code}], ${sessionChoicesCode(choices)} });`,
  ].join('\n');
}
