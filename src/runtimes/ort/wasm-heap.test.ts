// Checks the WASM heap watch on real WebAssembly memories (64 KiB pages): memories made after the watch
// is installed are counted at their current size, growth included; memories made before are not.
import { describe, expect, it } from 'vitest';
import { installWasmHeapWatch, wasmHeapBytes } from './wasm-heap';

const PAGE = 65_536;

describe('wasmHeapBytes', () => {
  it('sums the memories made since the watch, as they grow, and ignores earlier ones', () => {
    const before = new WebAssembly.Memory({ initial: 5 });
    installWasmHeapWatch();
    expect(wasmHeapBytes()).toBeUndefined();
    const heap = new WebAssembly.Memory({ initial: 2, maximum: 10 });
    expect(heap).toBeInstanceOf(WebAssembly.Memory);
    expect(wasmHeapBytes()).toBe(2 * PAGE);
    heap.grow(1);
    expect(wasmHeapBytes()).toBe(3 * PAGE);
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(wasmHeapBytes()).toBe(4 * PAGE);
    installWasmHeapWatch(); // a second install wraps nothing twice
    new WebAssembly.Memory({ initial: 1 });
    expect(wasmHeapBytes()).toBe(5 * PAGE);
    expect(before.buffer.byteLength).toBe(5 * PAGE);
  });
});
