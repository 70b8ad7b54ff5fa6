import { describe, expect, it } from 'vitest';
import { buildProblems } from './check-build-rules';

const SHIPPED = ['ort-wasm-simd-threaded.jspi.wasm', 'ort-wasm-simd-threaded.jsep.wasm'];

describe('buildProblems', () => {
  it('accepts each shipped binary once, under ort/', () => {
    expect(
      buildProblems(
        [
          { path: 'ort/ort-wasm-simd-threaded.jspi.wasm', sha256: 'a' },
          { path: 'ort/ort-wasm-simd-threaded.jsep.wasm', sha256: 'b' },
        ],
        SHIPPED,
      ),
    ).toEqual([]);
  });

  it('refuses the same bytes twice, as a bundler copy of a served file would be', () => {
    expect(
      buildProblems(
        [
          { path: 'ort/ort-wasm-simd-threaded.jspi.wasm', sha256: 'a' },
          { path: 'assets/ort-wasm-simd-threaded.jspi-Bx1.wasm', sha256: 'a' },
        ],
        SHIPPED,
      ),
    ).toEqual([
      'the same binary 2 times: ort/ort-wasm-simd-threaded.jspi.wasm, assets/ort-wasm-simd-threaded.jspi-Bx1.wasm',
      'assets/ort-wasm-simd-threaded.jspi-Bx1.wasm is not one of the ONNX Runtime files the app loads (ort/ort-wasm-simd-threaded.jspi.wasm, ort/ort-wasm-simd-threaded.jsep.wasm)',
    ]);
  });

  it('refuses a build the app does not load, such as the asyncify one', () => {
    expect(
      buildProblems([{ path: 'ort/ort-wasm-simd-threaded.asyncify.wasm', sha256: 'c' }], SHIPPED),
    ).toHaveLength(1);
  });
});
