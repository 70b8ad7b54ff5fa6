// Checks the get_speech_timestamps rules on hand-made probabilities. Frames here are 160 samples at
// 16 kHz, 10 ms each, so frame counts read as tens of milliseconds.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_OPTIONS, speechSegments } from './segments';

const RATE = 16000;
const FRAME = 160;
const FRAME_S = FRAME / RATE;
const PAD_S = 0.03;

/** Probabilities from runs of [probability, frame count]. */
function probs(...runs: [number, number][]): Float32Array {
  return Float32Array.from(runs.flatMap(([probability, count]) => Array<number>(count).fill(probability)));
}

function segmentsOf(probabilities: Float32Array, options = {}, audioSamples?: number) {
  return speechSegments(probabilities, FRAME, RATE, options, audioSamples);
}

describe('speechSegments', () => {
  it('uses silero defaults', () => {
    expect(DEFAULT_SEGMENT_OPTIONS).toEqual({
      threshold: 0.5,
      negativeThreshold: undefined,
      minSpeechMs: 250,
      minSilenceMs: 100,
      speechPadMs: 30,
    });
  });

  it('finds nothing in silence or in no frames', () => {
    expect(segmentsOf(probs([0.1, 100]))).toEqual([]);
    expect(segmentsOf(new Float32Array(0))).toEqual([]);
  });

  it('finds one padded segment for one burst of speech', () => {
    const [segment, ...rest] = segmentsOf(probs([0.1, 50], [0.9, 40], [0.1, 50]));
    expect(rest).toEqual([]);
    expect(segment?.startS).toBeCloseTo(50 * FRAME_S - PAD_S, 6);
    expect(segment?.endS).toBeCloseTo(90 * FRAME_S + PAD_S, 6);
  });

  it('keeps speech going between the two thresholds (hysteresis)', () => {
    // 0.4 is under the 0.5 threshold but over the 0.35 negative threshold: speech neither starts nor ends.
    const segments = segmentsOf(probs([0.4, 30], [0.9, 30], [0.4, 50], [0.2, 30]));
    expect(segments).toHaveLength(1);
    expect(segments[0]?.startS).toBeCloseTo(30 * FRAME_S - PAD_S, 6);
    expect(segments[0]?.endS).toBeCloseTo(110 * FRAME_S + PAD_S, 6);
  });

  it('ends speech at the first frame under a custom negative threshold', () => {
    const segments = segmentsOf(probs([0.1, 30], [0.9, 30], [0.4, 50], [0.2, 30]), {
      negativeThreshold: 0.45,
    });
    expect(segments[0]?.endS).toBeCloseTo(60 * FRAME_S + PAD_S, 6);
  });

  it('drops speech no longer than the minimum (250 ms) and keeps longer speech', () => {
    expect(segmentsOf(probs([0.1, 30], [0.9, 25], [0.1, 30]))).toEqual([]);
    expect(segmentsOf(probs([0.1, 30], [0.9, 26], [0.1, 30]))).toHaveLength(1);
  });

  it('bridges silences up to the minimum (100 ms) and splits at longer ones', () => {
    // Speech ends once a quiet frame starts 100 ms after the first quiet frame, i.e. on the 11th.
    expect(segmentsOf(probs([0.1, 30], [0.9, 30], [0.1, 10], [0.9, 30], [0.1, 30]))).toHaveLength(1);
    const split = segmentsOf(probs([0.1, 30], [0.9, 30], [0.1, 11], [0.9, 30], [0.1, 30]));
    expect(split).toHaveLength(2);
    expect(split[0]?.endS).toBeCloseTo(60 * FRAME_S + PAD_S, 6);
    expect(split[1]?.startS).toBeCloseTo(71 * FRAME_S - PAD_S, 6);
  });

  it('splits the gap between neighbours closer than two pads instead of overlapping them', () => {
    const segments = segmentsOf(probs([0.1, 30], [0.9, 30], [0.1, 4], [0.9, 30], [0.1, 30]), {
      minSilenceMs: 20,
    });
    expect(segments).toHaveLength(2);
    expect(segments[0]?.endS).toBeCloseTo(62 * FRAME_S, 6);
    expect(segments[1]?.startS).toBeCloseTo(62 * FRAME_S, 6);
  });

  it('clamps the padding to the start of the audio', () => {
    expect(segmentsOf(probs([0.9, 30], [0.1, 30]))[0]?.startS).toBe(0);
    expect(segmentsOf(probs([0.1, 1], [0.9, 30], [0.1, 30]))[0]?.startS).toBe(0);
  });

  it('runs speech that lasts to the end up to the true end of the audio, not past it', () => {
    // 50 frames, the last one partial: the audio is 49.5 frames long.
    const audioSamples = 49.5 * FRAME;
    const segments = segmentsOf(probs([0.1, 20], [0.9, 30]), {}, audioSamples);
    expect(segments).toEqual([{ startS: 20 * FRAME_S - PAD_S, endS: audioSamples / RATE }]);
  });

  it('drops speech at the end that is no longer than the minimum', () => {
    expect(segmentsOf(probs([0.1, 20], [0.9, 25]))).toEqual([]);
  });

  it('honours a custom threshold', () => {
    const probabilities = probs([0.1, 30], [0.7, 40], [0.1, 30]);
    expect(segmentsOf(probabilities, { threshold: 0.8 })).toEqual([]);
    expect(segmentsOf(probabilities, { threshold: 0.6 })).toHaveLength(1);
  });
});
