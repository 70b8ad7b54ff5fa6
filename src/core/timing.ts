// The one way the project times a piece of async work: wall-clock milliseconds around it, result
// discarded. The browser worker and the native reference both time inferences with it.

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
