// Checks what detectVoiceActivity feeds a Silero model, with a scripted stand-in runner: framing,
// context, zero padding, state carried between frames, progress reports and a wrong-model error.
import { describe, expect, it } from 'vitest';
import { float32Tensor } from '../../core/tensor';
import type { TensorData, TensorRunner } from '../../core/tensor';
import { detectVoiceActivity, SILERO_MODELS } from './silero';
import type { SileroVariant } from './silero';

/** Answers each frame with its last input sample as the probability and every state plus one. */
function scriptedRunner(variant: SileroVariant): {
  runner: TensorRunner;
  feeds: Record<string, TensorData>[];
} {
  const model = SILERO_MODELS[variant];
  const feeds: Record<string, TensorData>[] = [];
  const runner: TensorRunner = {
    inputNames: [model.audioInput, ...model.states.map((state) => state.input), model.sampleRateInput],
    outputNames: [model.probabilityOutput, ...model.states.map((state) => state.output)],
    run: (frameFeeds) => {
      feeds.push({ ...frameFeeds });
      const audio = frameFeeds[model.audioInput]!.data as Float32Array;
      const outputs: Record<string, TensorData> = {
        [model.probabilityOutput]: float32Tensor(Float32Array.of(audio[audio.length - 1]!), [1, 1]),
      };
      for (const { input, output, dims } of model.states) {
        outputs[output] = float32Tensor(
          (frameFeeds[input]!.data as Float32Array).map((value) => value + 1),
          dims,
        );
      }
      return Promise.resolve(outputs);
    },
  };
  return { runner, feeds };
}

/** 0.001, 0.002, ... so every sample is recognisable. */
function ramp(length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => (i + 1) / 1000);
}

function floats(tensor: TensorData | undefined): number[] {
  return Array.from(tensor?.data as Float32Array);
}

describe('detectVoiceActivity', () => {
  it('feeds v5 512-sample frames behind 64 samples of context, zero-padding the last frame', async () => {
    const samples = ramp(512 * 2 + 100);
    const { runner, feeds } = scriptedRunner('silero-vad-v5');
    const probabilities = await detectVoiceActivity(samples, runner, 'silero-vad-v5');

    expect(feeds).toHaveLength(3);
    for (const feed of feeds) {
      expect(feed.input?.dims).toEqual([1, 576]);
      expect(feed.sr).toEqual({ type: 'int64', data: BigInt64Array.of(16000n), dims: [] });
    }
    expect(floats(feeds[0]?.input)).toEqual([...Array<number>(64).fill(0), ...samples.subarray(0, 512)]);
    expect(floats(feeds[1]?.input)).toEqual([...samples.subarray(448, 1024)]);
    expect(floats(feeds[2]?.input)).toEqual([...samples.subarray(960), ...Array<number>(412).fill(0)]);
    // The scripted probability is the last input sample: frame ends, then the zero padding.
    expect(Array.from(probabilities)).toEqual([samples[511], samples[1023], 0]);
  });

  it('carries the v5 state from each frame to the next, starting from zeros', async () => {
    const { runner, feeds } = scriptedRunner('silero-vad-v5');
    await detectVoiceActivity(ramp(512 * 3), runner, 'silero-vad-v5');
    expect(feeds.map((feed) => feed.state?.dims)).toEqual([
      [2, 1, 128],
      [2, 1, 128],
      [2, 1, 128],
    ]);
    expect(feeds.map((feed) => floats(feed.state)[0])).toEqual([0, 1, 2]);
  });

  it('feeds the legacy model 1536-sample frames without context and carries h and c', async () => {
    const samples = ramp(1536 + 1);
    const { runner, feeds } = scriptedRunner('silero-vad-legacy');
    const probabilities = await detectVoiceActivity(samples, runner, 'silero-vad-legacy');

    expect(probabilities).toHaveLength(2);
    expect(floats(feeds[0]?.input)).toEqual([...samples.subarray(0, 1536)]);
    expect(floats(feeds[1]?.input)).toEqual([samples[1536], ...Array<number>(1535).fill(0)]);
    expect(feeds.map((feed) => [floats(feed.h)[0], floats(feed.c)[0]])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(feeds[0]?.h?.dims).toEqual([2, 1, 64]);
  });

  it('reports progress at most about 20 times, ending with all frames done', async () => {
    const { runner } = scriptedRunner('silero-vad-v6');
    const reports: [number, number][] = [];
    await detectVoiceActivity(new Float32Array(512 * 1000), runner, 'silero-vad-v6', (done, total) =>
      reports.push([done, total]),
    );
    expect(reports.length).toBeLessThanOrEqual(21);
    expect(reports.length).toBeGreaterThanOrEqual(10);
    expect(reports.at(-1)).toEqual([1000, 1000]);
    expect(reports.every(([done], i) => i === 0 || done > reports[i - 1]![0])).toBe(true);
  });

  it('names what is missing when the runner holds a different Silero model', async () => {
    const { runner } = scriptedRunner('silero-vad-legacy');
    await expect(detectVoiceActivity(new Float32Array(512), runner, 'silero-vad-v5')).rejects.toThrow(
      /does not look like silero-vad-v5: it has no input "state"/,
    );
  });
});
