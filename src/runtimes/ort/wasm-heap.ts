// The size of ONNX Runtime Web's WASM heap, which ORT does not expose: its Emscripten module (the one
// object holding HEAPU8) stays private to ORT's wasm factory. ORT's glue (ort-wasm-simd-threaded.*.mjs,
// 1.30) creates the heap itself with `new WebAssembly.Memory({ initial: 256, maximum: 65536, shared: true })`
// on the worker's own thread (its pthread workers share that memory), so the runtime watches that
// constructor from before the first build loads and reads each memory's current buffer. One memory per
// ORT build started; a heap only grows, so the figure is the high-water mark of everything loaded so far.

const memories: WeakRef<WebAssembly.Memory>[] = [];
let installed = false;

/** Watches WebAssembly.Memory from now on, once per realm; memories made before stay unseen. */
export function installWasmHeapWatch(): void {
  if (installed) return;
  installed = true;
  const Memory = WebAssembly.Memory;
  WebAssembly.Memory = new Proxy(Memory, {
    construct(target, args: [WebAssembly.MemoryDescriptor], newTarget) {
      const memory = Reflect.construct(target, args, newTarget) as WebAssembly.Memory;
      memories.push(new WeakRef(memory));
      return memory;
    },
  });
}

/** Bytes of every live memory made since the watch was installed; undefined when there is none. */
export function wasmHeapBytes(): number | undefined {
  const live = memories.flatMap((ref) => {
    const memory = ref.deref();
    return memory ? [memory] : [];
  });
  if (live.length === 0) return undefined;
  return live.reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
}
