// Checks that unusable audio fails with a message naming the problem and that silence is measured
// and flagged rather than rejected.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors';
import { assertUsableAudio, inspectAudio, silenceNotice } from './audio-checks';

const ONE_FRAME_S = 512 / 16000;

describe('assertUsableAudio', () => {
  it('rejects audio with no samples', () => {
    const check = () => assertUsableAudio(new Float32Array(0), 16000, ONE_FRAME_S);
    expect(check).toThrow(InvalidInputError);
    expect(check).toThrow(/contains no audio samples/);
  });

  it('rejects audio shorter than one model frame, saying how long it must be', () => {
    const check = () => assertUsableAudio(new Float32Array(320), 16000, ONE_FRAME_S);
    expect(check).toThrow(InvalidInputError);
    expect(check).toThrow(/too few audio samples \(320, 20\.0 ms\).*at least 32 ms/);
  });

  it('accepts audio exactly one frame long', () => {
    expect(() => assertUsableAudio(new Float32Array(1536), 48000, ONE_FRAME_S)).not.toThrow();
  });

  it('rejects NaN samples, saying where the first one is', () => {
    const samples = new Float32Array(16000);
    samples[8000] = Number.NaN;
    const check = () => assertUsableAudio(samples, 16000, ONE_FRAME_S);
    expect(check).toThrow(InvalidInputError);
    expect(check).toThrow(/contains NaN samples \(first at 0\.500 s\)/);
  });

  it('rejects infinite samples', () => {
    const samples = new Float32Array(16000);
    samples[1] = Number.POSITIVE_INFINITY;
    expect(() => assertUsableAudio(samples, 16000, ONE_FRAME_S)).toThrow(/contains infinite samples/);
  });

  it('rejects an invalid sample rate', () => {
    expect(() => assertUsableAudio(new Float32Array(16000), 0, ONE_FRAME_S)).toThrow(InvalidInputError);
  });
});

describe('inspectAudio', () => {
  it('measures duration and levels of a half-scale sine', () => {
    const samples = new Float32Array(8000);
    for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 16000);
    const stats = inspectAudio(samples, 16000);
    expect(stats.durationS).toBe(0.5);
    expect(stats.peakDb).toBeCloseTo(-6.02, 2);
    expect(stats.rmsDb).toBeCloseTo(-9.03, 2);
    expect(stats.silent).toBe(false);
    expect(silenceNotice(stats)).toBeUndefined();
  });

  it('flags digital silence with a notice instead of failing', () => {
    const stats = inspectAudio(new Float32Array(48000), 16000);
    expect(stats).toEqual({ durationS: 3, peakDb: -Infinity, rmsDb: -Infinity, silent: true });
    expect(silenceNotice(stats)).toBe('The audio is silent (peak -inf dBFS): no speech to find');
  });

  it('flags near-silence below -60 dBFS and names its peak', () => {
    const samples = new Float32Array(16000).fill(-(10 ** (-70 / 20)));
    const stats = inspectAudio(samples, 16000);
    expect(stats.silent).toBe(true);
    expect(silenceNotice(stats)).toBe('The audio is silent (peak -70.0 dBFS): no speech to find');
  });

  it('does not flag quiet audio above -60 dBFS', () => {
    expect(inspectAudio(new Float32Array(16000).fill(10 ** (-50 / 20)), 16000).silent).toBe(false);
  });
});
