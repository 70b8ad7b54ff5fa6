import { describe, expect, it } from 'vitest';
import { ortSnippet, providerName } from './ort-providers';
import type { OrtSessionChoices } from './ort-session-options';

const DEFAULTS: OrtSessionChoices = { graphOptimizationLevel: 'all' };

describe('ortSnippet', () => {
  it('reproduces a wasm config with its thread count and build', () => {
    expect(ortSnippet('wasm', 4, 'jspi', DEFAULTS)).toBe(
      [
        "import * as ort from 'onnxruntime-web/jspi';",
        'ort.env.wasm.numThreads = 4;',
        "const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });",
      ].join('\n'),
    );
    expect(ortSnippet('wasm', 1, 'plain', DEFAULTS)).toContain("from 'onnxruntime-web/wasm';");
  });

  it('names the webgpu and webnn execution providers and still sets the wasm threads', () => {
    expect(ortSnippet('webgpu', 4, 'jsep', DEFAULTS)).toContain("import * as ort from 'onnxruntime-web';");
    expect(ortSnippet('webgpu', 4, 'jsep', DEFAULTS)).toContain("executionProviders: ['webgpu']");
    expect(ortSnippet('webnn', 4, 'jsep', DEFAULTS)).toContain(
      "executionProviders: [{ name: 'webnn', deviceType: 'gpu' }]",
    );
    expect(ortSnippet('webnn', 4, 'jsep', DEFAULTS)).toContain('ort.env.wasm.numThreads = 4;');
  });

  it('writes exactly the session options the session was created with', () => {
    const choices: OrtSessionChoices = {
      graphOptimizationLevel: 'basic',
      enableMemPattern: false,
      enableCpuMemArena: true,
      freeDimensionOverrides: { 'p2o.DynamicDimension.0': 1, width: 320 },
    };
    expect(ortSnippet('wasm', 1, 'jspi', choices)).toBe(
      [
        "import * as ort from 'onnxruntime-web/jspi';",
        'ort.env.wasm.numThreads = 1;',
        "const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ['wasm'], " +
          "graphOptimizationLevel: 'basic', enableMemPattern: false, enableCpuMemArena: true, " +
          "freeDimensionOverrides: { 'p2o.DynamicDimension.0': 1, width: 320 } });",
      ].join('\n'),
    );
    expect(ortSnippet('wasm', 2, 'jspi', { graphOptimizationLevel: 'disabled' })).toContain(
      "{ executionProviders: ['wasm'], graphOptimizationLevel: 'disabled' });",
    );
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
