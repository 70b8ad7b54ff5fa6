// The voice-activity task end to end on decoded mono audio: check it, resample it to 16 kHz, run a
// Silero model over it and turn the probabilities into speech segments, timing each stage.
import type { TensorRunner } from '../../core/tensor';
import { assertUsableAudio, inspectAudio } from '../../inputs/audio-checks';
import type { AudioStats } from '../../inputs/audio-checks';
import { resample } from '../../inputs/resample';
import { speechSegments } from './segments';
import type { SegmentOptions, SpeechSegment } from './segments';
import { detectVoiceActivity, SILERO_MODELS, SILERO_SAMPLE_RATE } from './silero';
import type { SileroVariant } from './silero';

export interface VadResult {
  /** Speech probability per model frame. */
  readonly probabilities: Float32Array;
  /** Length of one frame, so frame i starts at i * frameSeconds. */
  readonly frameSeconds: number;
  readonly segments: SpeechSegment[];
  readonly audio: Pick<AudioStats, 'durationS' | 'peakDb' | 'silent'>;
  readonly timings: {
    readonly resampleMs: number;
    readonly inferenceMs: number;
    readonly totalMs: number;
    readonly perFrameMs: number;
  };
}

/**
 * Throws InvalidInputError for audio with no usable samples; silent audio succeeds with
 * `audio.silent` set (and, normally, no segments).
 */
export async function runVad(
  samples: Float32Array,
  sampleRate: number,
  runner: TensorRunner,
  variant: SileroVariant,
  options: Partial<SegmentOptions> = {},
  onProgress?: (done: number, total: number) => void,
): Promise<VadResult> {
  const startedAt = performance.now();
  const { frameSamples } = SILERO_MODELS[variant];
  assertUsableAudio(samples, sampleRate, frameSamples / SILERO_SAMPLE_RATE);
  const { durationS, peakDb, silent } = inspectAudio(samples, sampleRate);

  const resampleStart = performance.now();
  const samples16k = resample(samples, sampleRate, SILERO_SAMPLE_RATE);
  const inferenceStart = performance.now();
  const probabilities = await detectVoiceActivity(samples16k, runner, variant, onProgress);
  const inferenceEnd = performance.now();
  const segments = speechSegments(
    probabilities,
    frameSamples,
    SILERO_SAMPLE_RATE,
    options,
    samples16k.length,
  );

  const inferenceMs = inferenceEnd - inferenceStart;
  return {
    probabilities,
    frameSeconds: frameSamples / SILERO_SAMPLE_RATE,
    segments,
    audio: { durationS, peakDb, silent },
    timings: {
      resampleMs: inferenceStart - resampleStart,
      inferenceMs,
      totalMs: performance.now() - startedAt,
      perFrameMs: inferenceMs / probabilities.length,
    },
  };
}
