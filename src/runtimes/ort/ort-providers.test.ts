import { describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../core/backend-config';
import { ortSnippet } from './ort-providers';

const CONFIGS: Record<string, BackendConfig> = {
  'wasm-4t': { id: 'wasm-4t', backend: 'wasm', threads: 4 },
  webgpu: { id: 'webgpu', backend: 'webgpu', threads: 4 },
  webnn: { id: 'webnn', backend: 'webnn', threads: 4 },
};

describe('ortSnippet', () => {
  it('reproduces a wasm config with its thread count', () => {
    expect(ortSnippet(CONFIGS['wasm-4t']!)).toBe(
      [
        "import * as ort from 'onnxruntime-web';",
        'ort.env.wasm.numThreads = 4;',
        "const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });",
      ].join('\n'),
    );
  });

  it('names the webgpu and webnn execution providers and still sets the wasm threads', () => {
    expect(ortSnippet(CONFIGS.webgpu!)).toContain("executionProviders: ['webgpu']");
    expect(ortSnippet(CONFIGS.webnn!)).toContain(
      "executionProviders: [{ name: 'webnn', deviceType: 'gpu' }]",
    );
    expect(ortSnippet(CONFIGS.webnn!)).toContain('ort.env.wasm.numThreads = 4;');
  });
});
