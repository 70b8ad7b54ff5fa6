// The one way the project times a piece of async work: wall-clock milliseconds around it, result
// discarded. The browser worker and the native reference both time inferences with it. Also the time
// overlapping pieces of work took together (parallel file reads).

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

/** Milliseconds during which at least one of the spans was under way (overlaps counted once). */
export function coveredMs(spans: readonly TimeSpan[]): number {
  let total = 0;
  let coveredUntil = -Infinity;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    total += Math.max(0, end - Math.max(start, coveredUntil));
    coveredUntil = Math.max(coveredUntil, end);
  }
  return total;
}
