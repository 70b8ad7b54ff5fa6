// Turns decoded audio (any channel count, any sample rate) into the mono 16 kHz signal Silero VAD
// expects. Downsampling uses a Kaiser-windowed sinc low-pass so content above the new Nyquist
// frequency is removed instead of folding back into the band the model listens to.

/** Kernel half-length, counted in samples at the lower of the two rates. */
const KERNEL_HALF_WIDTH = 24;
/** Cutoff as a fraction of the lower Nyquist frequency; the transition band ends near Nyquist. */
const CUTOFF = 0.9;
/** Kaiser window shape; 8.6 gives roughly 80 dB of stopband attenuation. */
const KAISER_BETA = 8.6;
/** Most precomputed kernel phases; ratios that would need more use the nearest phase. */
const MAX_PHASES = 1024;

/** Averages the channels sample by sample. One channel is returned as is. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const [first] = channels;
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channels) {
    if (channel.length !== first.length) {
      throw new Error(`Channels differ in length (${channel.length} vs ${first.length} samples)`);
    }
    for (let i = 0; i < mono.length; i++) mono[i]! += channel[i]!;
  }
  const scale = 1 / channels.length;
  for (let i = 0; i < mono.length; i++) mono[i]! *= scale;
  return mono;
}

/**
 * Band-limited resampling. The output has round(n * toRate / fromRate) samples, output sample i sitting
 * at input time i * fromRate / toRate. Equal rates return the input array itself.
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  for (const rate of [fromRate, toRate]) {
    if (!(Number.isFinite(rate) && rate > 0)) throw new Error(`Invalid sample rate: ${rate}`);
  }
  if (fromRate === toRate) return samples;

  const outLength = Math.round((samples.length * toRate) / fromRate);
  const bandwidth = Math.min(1, toRate / fromRate);
  const halfTaps = Math.ceil(KERNEL_HALF_WIDTH / bandwidth);
  const taps = 2 * halfTaps;
  const phases = phaseCount(fromRate, toRate);
  const kernels = kernelTable(phases, halfTaps, bandwidth * CUTOFF);

  // Zero padding on both sides lets the inner loop run without bounds checks.
  const padded = new Float32Array(samples.length + 2 * taps);
  padded.set(samples, taps);
  const out = new Float32Array(outLength);
  const step = fromRate / toRate;
  for (let i = 0; i < outLength; i++) {
    const position = i * step;
    let base = Math.floor(position);
    let phase = Math.round((position - base) * phases);
    if (phase === phases) {
      base += 1;
      phase = 0;
    }
    // The first tap reads input sample base - halfTaps + 1, which sits at padded index base + halfTaps + 1.
    const start = base + halfTaps + 1;
    const kernelStart = phase * taps;
    let sum = 0;
    for (let j = 0; j < taps; j++) sum += padded[start + j]! * kernels[kernelStart + j]!;
    out[i] = sum;
  }
  return out;
}

/** Distinct fractional input positions: exact for integer rates with a small ratio, else MAX_PHASES. */
function phaseCount(fromRate: number, toRate: number): number {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate)) return MAX_PHASES;
  return Math.min(toRate / gcd(fromRate, toRate), MAX_PHASES);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * One windowed-sinc kernel per phase, each normalised to unit DC gain. Tap j of phase p weighs input
 * sample base - halfTaps + 1 + j for an output at base + p / phases.
 * @param cutoff low-pass cutoff as a fraction of the input Nyquist frequency
 */
function kernelTable(phases: number, halfTaps: number, cutoff: number): Float32Array {
  const taps = 2 * halfTaps;
  const table = new Float32Array(phases * taps);
  const windowNorm = besselI0(KAISER_BETA);
  for (let phase = 0; phase < phases; phase++) {
    const fraction = phase / phases;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const distance = fraction + halfTaps - 1 - j;
      const edge = distance / halfTaps;
      const window =
        Math.abs(edge) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - edge * edge)) / windowNorm;
      const value = cutoff * sinc(cutoff * distance) * window;
      table[phase * taps + j] = value;
      sum += value;
    }
    for (let j = 0; j < taps; j++) table[phase * taps + j]! /= sum;
  }
  return table;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const angle = Math.PI * x;
  return Math.sin(angle) / angle;
}

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; term > sum * 1e-12; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}
