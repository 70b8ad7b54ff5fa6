// The voice-activity evaluation set and calibration split, built from the app's own speech sample by
// splicing: the sample's two phrases (known positions, written by scripts/make-test-audio.ts into
// e2e/fixtures/speech-16k.json; the sample is a copy of that file) laid out with silences of known
// length, at several gains, over white noise at several levels from a seeded PRNG. So the true speech
// segments of every clip are known exactly, and the clips are the same on every run. Pure: Node tests
// check the splicing and the frame truth.

import type { SpeechSegment } from './segments';
import { seededRandom } from '../../core/seeded-random';

/** The phrases of public/samples/speech-sample.wav, in 16 kHz samples [start, end). */
export const SAMPLE_PHRASES: readonly (readonly [number, number])[] = [
  [16000, 57317], // "the quick brown fox jumps over the lazy dog", 1.000–3.582 s
  [81317, 106567], // "please turn on the kitchen lights", 5.082–6.660 s
];

/** A part of a clip: silence (plus the clip's noise), or one of the sample's phrases at a gain. */
export type ClipPart = { readonly silenceS: number } | { readonly phrase: number; readonly gain: number };

export interface ClipSpec {
  readonly parts: readonly ClipPart[];
  /** RMS of the white noise over the whole clip, in dBFS; null for none. */
  readonly noiseDbfs: number | null;
  readonly seed: number;
}

/** Four clips, 26 s in all: both phrases, gains 0.3–1, silences 0.3–1.5 s, no noise up to −30 dBFS. */
export const EVALUATION_CLIPS: readonly ClipSpec[] = [
  {
    parts: [
      { silenceS: 0.6 },
      { phrase: 0, gain: 1 },
      { silenceS: 0.8 },
      { phrase: 1, gain: 1 },
      { silenceS: 0.5 },
    ],
    noiseDbfs: null,
    seed: 1,
  },
  {
    parts: [
      { silenceS: 1.2 },
      { phrase: 1, gain: 0.5 },
      { silenceS: 0.4 },
      { phrase: 0, gain: 0.5 },
      { silenceS: 1 },
    ],
    noiseDbfs: -50,
    seed: 2,
  },
  {
    parts: [
      { silenceS: 0.3 },
      { phrase: 0, gain: 1 },
      { silenceS: 1.5 },
      { phrase: 0, gain: 0.3 },
      { silenceS: 0.7 },
    ],
    noiseDbfs: -40,
    seed: 3,
  },
  {
    parts: [
      { silenceS: 1 },
      { phrase: 1, gain: 0.8 },
      { silenceS: 1 },
      { phrase: 1, gain: 1 },
      { silenceS: 0.6 },
    ],
    noiseDbfs: -30,
    seed: 4,
  },
];

/** The calibration split: other layouts, gains, noise levels and seeds than the evaluation clips. */
export const CALIBRATION_CLIPS: readonly ClipSpec[] = [
  {
    parts: [
      { silenceS: 0.5 },
      { phrase: 1, gain: 0.7 },
      { silenceS: 0.7 },
      { phrase: 0, gain: 0.9 },
      { silenceS: 0.5 },
    ],
    noiseDbfs: -45,
    seed: 101,
  },
  {
    parts: [
      { silenceS: 0.8 },
      { phrase: 0, gain: 0.6 },
      { silenceS: 0.6 },
      { phrase: 1, gain: 1 },
      { silenceS: 0.4 },
    ],
    noiseDbfs: -35,
    seed: 202,
  },
];

export interface Clip {
  readonly samples16k: Float32Array;
  /** Where the phrases were put. */
  readonly truth: readonly SpeechSegment[];
}

/**
 * Lays the parts end to end at 16 kHz and adds the noise. Phrase `i` is `SAMPLE_PHRASES[i]` cut from
 * `sample16k` (the app's speech sample, decoded at 16 kHz); throws when the sample is too short for it.
 */
export function buildClip(sample16k: Float32Array, spec: ClipSpec, sampleRate = 16000): Clip {
  const pieces = spec.parts.map((part) => {
    if ('silenceS' in part)
      return { samples: new Float32Array(Math.round(part.silenceS * sampleRate)), speech: false };
    const span = SAMPLE_PHRASES[part.phrase];
    if (!span) throw new Error(`The speech sample has no phrase ${part.phrase}`);
    if (sample16k.length < span[1])
      throw new Error(
        `The speech sample has ${sample16k.length} samples; phrase ${part.phrase} ends at ${span[1]}`,
      );
    return { samples: sample16k.slice(span[0], span[1]).map((value) => value * part.gain), speech: true };
  });
  const samples16k = new Float32Array(pieces.reduce((length, piece) => length + piece.samples.length, 0));
  const truth: SpeechSegment[] = [];
  let offset = 0;
  for (const piece of pieces) {
    samples16k.set(piece.samples, offset);
    if (piece.speech)
      truth.push({ startS: offset / sampleRate, endS: (offset + piece.samples.length) / sampleRate });
    offset += piece.samples.length;
  }
  if (spec.noiseDbfs !== null) addWhiteNoise(samples16k, spec.noiseDbfs, seededRandom(spec.seed));
  return { samples16k, truth };
}

/** Adds uniform white noise whose RMS is `dbfs` (uniform on [−a, a] has RMS a/√3). */
function addWhiteNoise(samples: Float32Array, dbfs: number, random: () => number): void {
  const amplitude = Math.sqrt(3) * 10 ** (dbfs / 20);
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! + (random() * 2 - 1) * amplitude;
}

/**
 * Speech or not per frame: frame i (samples [i·frameSamples, (i+1)·frameSamples)) is speech when at
 * least half of it lies inside the segments. The same rule turns the truth and the VAD pipeline's
 * segments into frames, so the two are compared frame by frame.
 */
export function framesInSegments(
  segments: readonly SpeechSegment[],
  frameCount: number,
  frameSamples: number,
  sampleRate = 16000,
): boolean[] {
  return Array.from({ length: frameCount }, (_, frame) => {
    const start = frame * frameSamples;
    const end = start + frameSamples;
    const inside = segments.reduce((sum, segment) => {
      const from = Math.max(start, Math.round(segment.startS * sampleRate));
      const to = Math.min(end, Math.round(segment.endS * sampleRate));
      return sum + Math.max(0, to - from);
    }, 0);
    return inside * 2 >= frameSamples;
  });
}
