import { describe, expect, it } from 'vitest';
import { ortSnippet, providerName } from './ort-providers';

describe('ortSnippet', () => {
  it('reproduces a wasm config with its thread count and build', () => {
    expect(ortSnippet('wasm', 4, 'jspi')).toBe(
      [
        "import * as ort from 'onnxruntime-web/jspi';",
        'ort.env.wasm.numThreads = 4;',
        "const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });",
      ].join('\n'),
    );
    expect(ortSnippet('wasm', 1, 'plain')).toContain("from 'onnxruntime-web/wasm';");
  });

  it('names the webgpu and webnn execution providers and still sets the wasm threads', () => {
    expect(ortSnippet('webgpu', 4, 'jsep')).toContain("import * as ort from 'onnxruntime-web';");
    expect(ortSnippet('webgpu', 4, 'jsep')).toContain("executionProviders: ['webgpu']");
    expect(ortSnippet('webnn', 4, 'jsep')).toContain(
      "executionProviders: [{ name: 'webnn', deviceType: 'gpu' }]",
    );
    expect(ortSnippet('webnn', 4, 'jsep')).toContain('ort.env.wasm.numThreads = 4;');
  });
});

describe('providerName', () => {
  it('tells JSEP’s WebGPU provider from the native one, as ORT logs them', () => {
    expect(providerName('webgpu', 'jsep')).toBe('JsExecutionProvider');
    expect(providerName('webgpu', 'jspi')).toBe('WebGpuExecutionProvider');
    expect(providerName('wasm', 'jspi')).toBe('CPUExecutionProvider');
    expect(providerName('webnn', 'jsep')).toBe('WebNNExecutionProvider');
  });
});
