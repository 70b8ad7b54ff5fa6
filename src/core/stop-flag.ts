// A Stop button's signal to work that runs in the worker. Text generation runs token after token inside
// one engine call, and the worker does not read its messages until the call ends: measured 2026-12-02
// with a timer and a MessageChannel message queued at the start of a 200-token generation of the tiny
// decoder, both ran only after the last token on wasm (JSPI build); on WebGPU both ran before the
// first token (GPU read-back yields). So a Stop sent as a message would arrive too late on wasm; a flag
// in shared memory is read between tokens instead. The page
// creates the flag, passes it in the request (a SharedArrayBuffer stays shared across postMessage), and
// raises it; the task asks it after each token. Shared memory needs cross-origin isolation, which the
// app's headers give; without it the flag is a plain copy and Stop cannot reach a worker.

/** One 32-bit cell: 0 running, 1 asked to stop. */
export type StopFlag = Int32Array;

export function createStopFlag(): StopFlag {
  const shared = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  return new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
}

/** Whether raising the flag reaches another thread (it does when its memory is shared). */
export function stopReachesWorker(flag: StopFlag): boolean {
  return typeof SharedArrayBuffer === 'function' && flag.buffer instanceof SharedArrayBuffer;
}

export function raiseStop(flag: StopFlag): void {
  Atomics.store(flag, 0, 1);
}

export function stopRaised(flag: StopFlag): boolean {
  return Atomics.load(flag, 0) === 1;
}
