// Turns long audio and per-frame probabilities into the few thousand points a chart can draw:
// a min/max envelope per time bucket, and the speech probability at each bucket's time.

export interface WaveformSeries {
  readonly times: Float64Array;
  readonly minimum: Float32Array;
  readonly maximum: Float32Array;
  readonly probability: Float32Array;
}

export function waveformSeries(
  samples: Float32Array,
  sampleRate: number,
  probabilities: Float32Array,
  frameSeconds: number,
  buckets = 2000,
): WaveformSeries {
  const count = Math.max(1, Math.min(buckets, samples.length));
  const times = new Float64Array(count);
  const minimum = new Float32Array(count);
  const maximum = new Float32Array(count);
  const probability = new Float32Array(count);
  const perBucket = samples.length / count;
  for (let bucket = 0; bucket < count; bucket += 1) {
    const start = Math.floor(bucket * perBucket);
    const end = Math.max(start + 1, Math.floor((bucket + 1) * perBucket));
    let low = 0;
    let high = 0;
    for (let index = start; index < end && index < samples.length; index += 1) {
      const value = samples[index] ?? 0;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    const time = start / sampleRate;
    times[bucket] = time;
    minimum[bucket] = low;
    maximum[bucket] = high;
    const frame = Math.min(probabilities.length - 1, Math.floor(time / frameSeconds));
    probability[bucket] = frame >= 0 ? (probabilities[frame] ?? 0) : 0;
  }
  return { times, minimum, maximum, probability };
}
