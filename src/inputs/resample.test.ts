// Checks that resampling keeps in-band tones intact (frequency, amplitude, timing), removes content that
// would alias, gets lengths right and is fast enough for a minute of audio; and that mixing averages.
import { describe, expect, it } from 'vitest';
import { mixToMono, resample } from './resample';

function sine(frequency: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return samples;
}

/** RMS away from the edges, where the filter sees the zero padding. */
function interiorRms(samples: Float32Array, edge = 200): number {
  let sum = 0;
  for (let i = edge; i < samples.length - edge; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / (samples.length - 2 * edge));
}

function maxInteriorDifference(a: Float32Array, b: Float32Array, edge = 200): number {
  let max = 0;
  for (let i = edge; i < a.length - edge; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('resample', () => {
  it('returns the input itself when the rates are equal', () => {
    const samples = sine(440, 16000, 0.1);
    expect(resample(samples, 16000, 16000)).toBe(samples);
  });

  it.each([
    [48000, 16000, 48000],
    [44100, 16000, 44101],
    [22050, 16000, 1001],
    [16000, 44100, 16001],
    [8000, 16000, 3],
  ])('makes round(n * to / from) samples (%i Hz -> %i Hz, n = %i)', (from, to, n) => {
    expect(resample(new Float32Array(n), from, to)).toHaveLength(Math.round((n * to) / from));
  });

  it('keeps a 1 kHz sine at the same frequency, amplitude and timing going 48 kHz -> 16 kHz', () => {
    const out = resample(sine(1000, 48000, 1), 48000, 16000);
    const expected = sine(1000, 16000, 1);
    expect(maxInteriorDifference(out, expected)).toBeLessThan(1e-3);
    expect(interiorRms(out)).toBeCloseTo(0.5 / Math.SQRT2, 3);
  });

  it('keeps a 3 kHz sine intact going 16 kHz -> 44.1 kHz', () => {
    const out = resample(sine(3000, 16000, 0.5), 16000, 44100);
    expect(maxInteriorDifference(out, sine(3000, 44100, 0.5), 600)).toBeLessThan(1e-3);
  });

  it.each([9000, 12000, 20000])(
    'removes a %i Hz tone going 44.1 kHz -> 16 kHz instead of folding it into the band (> 60 dB down)',
    (frequency) => {
      const out = resample(sine(frequency, 44100, 1), 44100, 16000);
      expect(20 * Math.log10(interiorRms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
    },
  );

  it('passes a 7 kHz tone going 44.1 kHz -> 16 kHz (it fits below the 8 kHz Nyquist; at most 3 dB down)', () => {
    const out = resample(sine(7000, 44100, 1), 44100, 16000);
    expect(20 * Math.log10(interiorRms(out) / (0.5 / Math.SQRT2))).toBeGreaterThan(-3);
  });

  it('resamples 60 s of 48 kHz audio in well under a second', () => {
    const minute = sine(440, 48000, 60);
    const started = performance.now();
    resample(minute, 48000, 16000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects a sample rate that is not a positive number', () => {
    expect(() => resample(new Float32Array(10), 0, 16000)).toThrow(/Invalid sample rate: 0/);
    expect(() => resample(new Float32Array(10), 16000, Number.NaN)).toThrow(/Invalid sample rate/);
  });
});

describe('mixToMono', () => {
  it('averages the channels', () => {
    const mono = mixToMono([Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 1)]);
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it('returns a single channel unchanged', () => {
    const channel = Float32Array.of(0.1, 0.2);
    expect(mixToMono([channel])).toBe(channel);
  });

  it('gives no samples for no channels', () => {
    expect(mixToMono([])).toHaveLength(0);
  });

  it('rejects channels of different lengths', () => {
    expect(() => mixToMono([new Float32Array(3), new Float32Array(2)])).toThrow(/differ in length/);
  });
});
