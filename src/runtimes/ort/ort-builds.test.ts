import { describe, expect, it } from 'vitest';
import { chooseOrtBuild, ORT_WASM_FILES } from './ort-builds';

describe('chooseOrtBuild', () => {
  it('runs wasm on JSPI where the browser has it, plain wasm where not, and GPU backends on JSEP', () => {
    expect(chooseOrtBuild('wasm', undefined, true)).toBe('jspi');
    expect(chooseOrtBuild('wasm', undefined, false)).toBe('plain');
    expect(chooseOrtBuild('webgpu', undefined, true)).toBe('jsep');
    expect(chooseOrtBuild('webnn', undefined, true)).toBe('jsep');
  });

  it('honours a build asked for when it can run the backend here', () => {
    expect(chooseOrtBuild('wasm', 'jsep', true)).toBe('jsep');
    expect(chooseOrtBuild('webgpu', 'jspi', true)).toBe('jspi');
    expect(chooseOrtBuild('wasm', 'plain', true)).toBe('plain');
  });

  it('refuses, saying why, a build that does not exist, cannot run the backend, or needs JSPI', () => {
    expect(() => chooseOrtBuild('wasm', 'turbo', true)).toThrow(
      'There is no ONNX Runtime Web build "turbo"; the builds are jsep, jspi, plain.',
    );
    expect(() => chooseOrtBuild('webgpu', 'plain', true)).toThrow(
      'The plain build of ONNX Runtime Web cannot run webgpu; it runs wasm.',
    );
    expect(() => chooseOrtBuild('webnn', 'jspi', true)).toThrow(/cannot run webnn/);
    expect(() => chooseOrtBuild('wasm', 'jspi', false)).toThrow(/needs JavaScript Promise Integration/);
  });
});

describe('ORT_WASM_FILES', () => {
  it('lists each build’s glue module and binary once', () => {
    expect([...ORT_WASM_FILES].sort()).toEqual([
      'ort-wasm-simd-threaded.jsep.mjs',
      'ort-wasm-simd-threaded.jsep.wasm',
      'ort-wasm-simd-threaded.jspi.mjs',
      'ort-wasm-simd-threaded.jspi.wasm',
      'ort-wasm-simd-threaded.mjs',
      'ort-wasm-simd-threaded.wasm',
    ]);
  });
});
