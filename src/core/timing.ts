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

/** Successive clock reads sampled at most, so a clock that never moves (a test's fake one) ends the search. */
const RESOLUTION_READS = 100_000;
/** Nonzero steps seen before the smallest is taken as the resolution. */
const RESOLUTION_STEPS = 20;

/**
 * The timer's resolution as observed: the smallest nonzero difference between successive reads of
 * `now` (browsers coarsen performance.now() to 100 µs without cross-origin isolation, 5 µs with it).
 * Undefined when the clock did not move in RESOLUTION_READS reads.
 */
export function timerResolutionMs(now: () => number = () => performance.now()): number | undefined {
  let smallest = Infinity;
  let steps = 0;
  let previous = now();
  for (let read = 0; read < RESOLUTION_READS && steps < RESOLUTION_STEPS; read++) {
    const current = now();
    if (current > previous) {
      smallest = Math.min(smallest, current - previous);
      steps++;
    }
    previous = current;
  }
  return steps > 0 ? smallest : undefined;
}
