// The spliced VAD clips: phrase positions that match the fixture's recorded truth, truth segments where
// the phrases were put, noise at the level asked for and the same on every build, and the frame rule.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildClip,
  CALIBRATION_CLIPS,
  EVALUATION_CLIPS,
  framesInSegments,
  SAMPLE_PHRASES,
} from './eval-clips';

const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** A stand-in sample: 1 everywhere, so speech and silence are told apart by value. */
const ONES = new Float32Array(110_000).fill(1);

describe('SAMPLE_PHRASES', () => {
  it('are where scripts/make-test-audio.ts recorded the phrases of the sample it copied', () => {
    const truth = JSON.parse(readFileSync(repoFile('e2e/fixtures/speech-16k.json'), 'utf8')) as {
      sampleRate: number;
      segments: { startS: number; endS: number }[];
    };
    expect(SAMPLE_PHRASES).toEqual(
      truth.segments.map((segment) => [
        Math.round(segment.startS * truth.sampleRate),
        Math.round(segment.endS * truth.sampleRate),
      ]),
    );
    const sample = readFileSync(repoFile('public/samples/speech-sample.wav'));
    expect(sample.equals(readFileSync(repoFile('e2e/fixtures/speech-16k.wav')))).toBe(true);
  });
});

describe('buildClip', () => {
  it('lays the parts end to end and records where the phrases went', () => {
    const clip = buildClip(ONES, {
      parts: [{ silenceS: 0.5 }, { phrase: 1, gain: 0.5 }, { silenceS: 0.25 }],
      noiseDbfs: null,
      seed: 1,
    });
    const phraseLength = SAMPLE_PHRASES[1]![1] - SAMPLE_PHRASES[1]![0];
    expect(clip.samples16k.length).toBe(8000 + phraseLength + 4000);
    expect(clip.truth).toEqual([{ startS: 0.5, endS: (8000 + phraseLength) / 16000 }]);
    expect(clip.samples16k[7999]).toBe(0);
    expect(clip.samples16k[8000]).toBe(0.5);
    expect(clip.samples16k[8000 + phraseLength]).toBe(0);
  });

  it('adds white noise at the RMS asked for, the same on every build', () => {
    const spec = { parts: [{ silenceS: 2 }], noiseDbfs: -30, seed: 7 };
    const clip = buildClip(ONES, spec);
    const rms = Math.sqrt(
      clip.samples16k.reduce((sum, value) => sum + value * value, 0) / clip.samples16k.length,
    );
    expect(20 * Math.log10(rms)).toBeCloseTo(-30, 1);
    expect(buildClip(ONES, spec).samples16k).toEqual(clip.samples16k);
    expect(buildClip(ONES, { ...spec, seed: 8 }).samples16k).not.toEqual(clip.samples16k);
  });

  it('refuses a sample too short for a phrase', () => {
    expect(() =>
      buildClip(new Float32Array(1000), { parts: [{ phrase: 0, gain: 1 }], noiseDbfs: null, seed: 1 }),
    ).toThrow(/phrase 0 ends at 57317/);
  });
});

describe('the splits', () => {
  it('differ in noise seeds and levels', () => {
    const seeds = (specs: typeof EVALUATION_CLIPS) => specs.map((spec) => spec.seed);
    expect(seeds(EVALUATION_CLIPS).filter((seed) => seeds(CALIBRATION_CLIPS).includes(seed))).toEqual([]);
    const levels = (specs: typeof EVALUATION_CLIPS) => specs.map((spec) => spec.noiseDbfs);
    expect(levels(EVALUATION_CLIPS).filter((level) => levels(CALIBRATION_CLIPS).includes(level))).toEqual([]);
  });
});

describe('framesInSegments', () => {
  it('marks a frame when at least half of it is inside a segment', () => {
    // Frames of 512 samples at 16 kHz (32 ms); a segment from 0.040 s (sample 640) to 0.100 s (1600).
    // Frame 1 [512, 1024): 384 inside → speech; frame 2 [1024, 1536): all inside; frame 3 [1536, 2048): 64.
    expect(framesInSegments([{ startS: 0.04, endS: 0.1 }], 4, 512)).toEqual([false, true, true, false]);
  });
});
