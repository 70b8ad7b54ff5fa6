import { describe, expect, it } from 'vitest';
import { backendConfigFromId, defaultBackendConfigIds, orderForRun } from './backend-configs';

describe('backendConfigFromId', () => {
  it('reads wasm thread counts and GPU backends', () => {
    expect(backendConfigFromId('wasm-1t', 4)).toEqual({ id: 'wasm-1t', backend: 'wasm', threads: 1 });
    expect(backendConfigFromId('wasm-8t', 4)).toEqual({ id: 'wasm-8t', backend: 'wasm', threads: 8 });
    expect(backendConfigFromId('webgpu', 4)).toEqual({ id: 'webgpu', backend: 'webgpu', threads: 4 });
    expect(backendConfigFromId('webnn', 2)).toEqual({ id: 'webnn', backend: 'webnn', threads: 2 });
    expect(backendConfigFromId('wasm', 4)).toEqual({ id: 'wasm', backend: 'wasm', threads: 4 });
  });

  it('reads a runtime build asked for after @', () => {
    expect(backendConfigFromId('wasm-2t@jsep', 4)).toEqual({
      id: 'wasm-2t@jsep',
      backend: 'wasm',
      threads: 2,
      build: 'jsep',
    });
    expect(backendConfigFromId('webgpu@jspi', 4)).toEqual({
      id: 'webgpu@jspi',
      backend: 'webgpu',
      threads: 4,
      build: 'jspi',
    });
    expect(() => backendConfigFromId('cuda@jspi', 2)).toThrow(/Unknown backend "cuda@jspi"/);
    expect(() => backendConfigFromId('wasm-1t@', 2)).toThrow(/Unknown backend "wasm-1t@"/);
  });

  it('explains unknown ids', () => {
    expect(() => backendConfigFromId('wasm-t', 2)).toThrow(/Unknown backend "wasm-t"/);
    expect(() => backendConfigFromId('cuda', 2)).toThrow(/wasm, wasm-1t, wasm-<N>t, webgpu or webnn/);
    expect(() => backendConfigFromId('wasm-0t', 2)).toThrow(/1 to 64/);
  });
});

describe('defaultBackendConfigIds and orderForRun', () => {
  it('offers one and all threads, and runs wasm first', () => {
    expect(defaultBackendConfigIds(1)).toEqual(['wasm-1t', 'webgpu', 'webnn']);
    const ids = defaultBackendConfigIds(4);
    expect(ids).toEqual(['wasm-1t', 'wasm-4t', 'webgpu', 'webnn']);
    const ordered = orderForRun(
      ['webgpu', 'wasm-4t', 'webnn', 'wasm-1t'].map((id) => backendConfigFromId(id, 4)),
    );
    expect(ordered.map((config) => config.id)).toEqual(['wasm-1t', 'wasm-4t', 'webgpu', 'webnn']);
  });
});
