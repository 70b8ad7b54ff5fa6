// Checks decoded audio before voice detection: unusable input (no samples, too short, NaN, bad rate)
// fails with a message naming the problem, while silent audio is only measured and flagged, since
// "no speech found" is a valid answer the UI should explain rather than an error.
import { InvalidInputError } from '../core/errors';

/** Peaks below this level count as silence: far under any recorded speech, above 16-bit dither. */
export const SILENT_PEAK_DB = -60;

export interface AudioStats {
  readonly durationS: number;
  /** Largest absolute sample in dB relative to full scale; -Infinity for digital silence. */
  readonly peakDb: number;
  readonly rmsDb: number;
  readonly silent: boolean;
}

/** Throws InvalidInputError when the samples cannot be analysed at all. */
export function assertUsableAudio(samples: Float32Array, sampleRate: number, minDurationS: number): void {
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) {
    throw new InvalidInputError(
      `The audio has an invalid sample rate (${sampleRate} Hz); the file may be corrupt.`,
    );
  }
  const minMs = Math.ceil(minDurationS * 1000);
  if (samples.length === 0) {
    throw new InvalidInputError(
      `The audio contains no audio samples; choose a recording at least ${minMs} ms long.`,
    );
  }
  if (samples.length / sampleRate < minDurationS) {
    const ms = ((samples.length / sampleRate) * 1000).toFixed(1);
    throw new InvalidInputError(
      `The audio contains too few audio samples (${samples.length}, ${ms} ms); voice detection needs at least ${minMs} ms.`,
    );
  }
  const bad = samples.findIndex((sample) => !Number.isFinite(sample));
  if (bad >= 0) {
    const what = Number.isNaN(samples[bad]) ? 'NaN' : 'infinite';
    throw new InvalidInputError(
      `The audio contains ${what} samples (first at ${(bad / sampleRate).toFixed(3)} s); the file may be corrupt, try re-exporting it.`,
    );
  }
}

/** Duration and levels of samples that passed assertUsableAudio. */
export function inspectAudio(samples: Float32Array, sampleRate: number): AudioStats {
  let peak = 0;
  let sumSquares = 0;
  for (const sample of samples) {
    peak = Math.max(peak, Math.abs(sample));
    sumSquares += sample * sample;
  }
  const peakDb = toDb(peak);
  return {
    durationS: samples.length / sampleRate,
    peakDb,
    rmsDb: toDb(Math.sqrt(sumSquares / Math.max(samples.length, 1))),
    silent: peakDb < SILENT_PEAK_DB,
  };
}

/** What the UI shows for silent audio, or undefined when the audio is not silent. */
export function silenceNotice(stats: Pick<AudioStats, 'peakDb' | 'silent'>): string | undefined {
  if (!stats.silent) return undefined;
  const peak = Number.isFinite(stats.peakDb) ? stats.peakDb.toFixed(1) : '-inf';
  return `The audio is silent (peak ${peak} dBFS): no speech to find`;
}

function toDb(amplitude: number): number {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}
