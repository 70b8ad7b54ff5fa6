// Turns per-frame speech probabilities into speech segments, following get_speech_timestamps in
// silero-vad's utils_vad.py: hysteresis between two thresholds, short silences bridged, short bursts
// dropped, then each segment padded without running into its neighbours or past the audio.

export interface SegmentOptions {
  /** A frame at or above this probability starts speech, or keeps it going. */
  readonly threshold: number;
  /** Speech can end only on frames below this; undefined means threshold - 0.15 (at least 0.01). */
  readonly negativeThreshold: number | undefined;
  /** Segments this short or shorter (before padding) are dropped. */
  readonly minSpeechMs: number;
  /** Quieter stretches shorter than this stay inside the segment. */
  readonly minSilenceMs: number;
  /** Added before and after each segment. */
  readonly speechPadMs: number;
}

export const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = {
  threshold: 0.5,
  negativeThreshold: undefined,
  minSpeechMs: 250,
  minSilenceMs: 100,
  speechPadMs: 30,
};

export interface SpeechSegment {
  readonly startS: number;
  readonly endS: number;
}

interface SampleSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * @param probs one speech probability per frame, frame i covering samples [i * frameSamples, (i + 1) * frameSamples)
 * @param audioSamples length of the audio the frames came from, when the last frame was zero-padded
 */
export function speechSegments(
  probs: Float32Array,
  frameSamples: number,
  sampleRate: number,
  options: Partial<SegmentOptions> = {},
  audioSamples: number = probs.length * frameSamples,
): SpeechSegment[] {
  const settings = { ...DEFAULT_SEGMENT_OPTIONS, ...options };
  const samplesPerMs = sampleRate / 1000;
  const spans = detectSpans(probs, frameSamples, audioSamples, {
    threshold: settings.threshold,
    negativeThreshold: settings.negativeThreshold ?? Math.max(settings.threshold - 0.15, 0.01),
    minSpeechSamples: settings.minSpeechMs * samplesPerMs,
    minSilenceSamples: settings.minSilenceMs * samplesPerMs,
  });
  const pad = Math.round(settings.speechPadMs * samplesPerMs);
  return spans.map(({ start, end }, i) => {
    const previous = spans[i - 1];
    const next = spans[i + 1];
    // Neighbours closer than two pads split the gap between them instead.
    const padBefore = previous ? Math.min(pad, Math.floor((start - previous.end) / 2)) : pad;
    const padAfter = next ? Math.min(pad, Math.floor((next.start - end) / 2)) : pad;
    return {
      startS: Math.max(0, start - padBefore) / sampleRate,
      endS: Math.min(audioSamples, end + padAfter) / sampleRate,
    };
  });
}

interface SpanRules {
  readonly threshold: number;
  readonly negativeThreshold: number;
  readonly minSpeechSamples: number;
  readonly minSilenceSamples: number;
}

/** Unpadded speech spans in samples. */
function detectSpans(
  probs: Float32Array,
  frameSamples: number,
  audioSamples: number,
  rules: SpanRules,
): SampleSpan[] {
  const spans: SampleSpan[] = [];
  let start: number | undefined;
  /** Where the current quiet stretch began, while speech is on. */
  let quietSince: number | undefined;
  for (const [frame, probability] of probs.entries()) {
    const at = frame * frameSamples;
    if (probability >= rules.threshold) {
      start ??= at;
      quietSince = undefined;
      continue;
    }
    if (start === undefined || probability >= rules.negativeThreshold) continue;
    quietSince ??= at;
    if (at - quietSince < rules.minSilenceSamples) continue;
    if (quietSince - start > rules.minSpeechSamples) spans.push({ start, end: quietSince });
    start = undefined;
    quietSince = undefined;
  }
  if (start !== undefined && audioSamples - start > rules.minSpeechSamples) {
    spans.push({ start, end: audioSamples });
  }
  return spans;
}
