// One seeded pseudo-random generator for everything that must come out the same on every run and
// machine: bootstrap resampling, generated model weights, generated evaluation data.

/** mulberry32: a small, well-tested 32-bit PRNG; numbers in [0, 1), the same sequence for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
