// Checks what the VAD benchmark times, with a scripted stand-in runner on a constructed clip whose speech
// region is known: the frame order, that a default cell's timed frames cover speech and silence alike,
// and that the stream resets only between timed samples (in prepareRuns), never inside a timed call.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { float32Tensor, type TensorData, type TensorRunner } from '../../core/tensor';
import type { Workload } from '../../task-kit/workload';
import { spreadFrameOrder, VAD_BENCHMARK } from './benchmark';
import { VAD_MODELS } from './models';
import { SILERO_MODELS, SILERO_SAMPLE_RATE, SileroStream } from './silero';

const V5 = SILERO_MODELS['silero-vad-v5'];
const MODEL = VAD_MODELS.find((model) => model.id === 'silero-vad-v5')!;
const SPEECH_LEVEL = 0.5;

/** 10 s of silence with speech (a constant 0.5) from 4 s to 6 s: frames 125–187 hold speech. */
function constructedClip(): Float32Array {
  const clip = new Float32Array(10 * SILERO_SAMPLE_RATE);
  clip.fill(SPEECH_LEVEL, 4 * SILERO_SAMPLE_RATE, 6 * SILERO_SAMPLE_RATE);
  return clip;
}

interface Fed {
  readonly speech: boolean;
  /** The first element of the recurrent state fed: the runs since the last reset (the runner adds 1). */
  readonly state: number;
}

/** Answers 0 and the state plus one; logs whether the frame (not its context) held speech. */
function scriptedRunner(): { runner: TensorRunner; fed: Fed[] } {
  const fed: Fed[] = [];
  const runner: TensorRunner = {
    inputNames: [V5.audioInput, ...V5.states.map((state) => state.input), V5.sampleRateInput],
    outputNames: [V5.probabilityOutput, ...V5.states.map((state) => state.output)],
    run: (feeds) => {
      const audio = (feeds[V5.audioInput]!.data as Float32Array).subarray(V5.contextSamples);
      const outputs: Record<string, TensorData> = {
        [V5.probabilityOutput]: float32Tensor(Float32Array.of(0), [1, 1]),
      };
      for (const { input, output, dims } of V5.states) {
        const state = feeds[input]!.data as Float32Array;
        outputs[output] = float32Tensor(
          state.map((value) => value + 1),
          dims,
        );
      }
      const state = feeds[V5.states[0]!.input]!.data as Float32Array;
      fed.push({ speech: audio.some((sample) => sample === SPEECH_LEVEL), state: state[0]! });
      return Promise.resolve(outputs);
    },
  };
  return { runner, fed };
}

async function workloadOn(runner: TensorRunner): Promise<Workload> {
  const files = {
    modelFile: () => Promise.reject(new Error('not used')),
    appFile: () => Promise.reject(new Error('not used')),
    memo: <T>(_key: string, make: () => Promise<T>) => make(),
  };
  return VAD_BENCHMARK.workload(MODEL, runner, { kind: 'speech', samples16k: constructedClip() }, files);
}

/** As the cell runner does: readied untimed, then `calls` timed calls; `inTimedCall` says when. */
async function sample(workload: Workload, calls: number, timing: { inTimedCall: boolean }): Promise<void> {
  workload.prepareRuns?.(calls);
  timing.inTimedCall = true;
  for (let call = 0; call < calls; call++) await workload.runOnce();
  timing.inTimedCall = false;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('spreadFrameOrder', () => {
  it('steps by the coprime stride nearest frameCount × 0.618', () => {
    // round(6.18) = 6 shares 2 with 10, so the stride is 7.
    expect(spreadFrameOrder(10)).toEqual([0, 7, 4, 1, 8, 5, 2, 9, 6, 3]);
    // 313 frames (10 s of 512-sample frames): round(193.4) = 193, coprime with the prime 313.
    expect(spreadFrameOrder(313).slice(0, 4)).toEqual([0, 193, 73, 266]);
    expect([...spreadFrameOrder(313)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 313 }, (_, i) => i),
    );
  });
});

describe('VAD_BENCHMARK workload', () => {
  it('times speech and silence alike in a default cell (first + 5 warm-ups + 20 runs)', async () => {
    const { runner, fed } = scriptedRunner();
    const workload = await workloadOn(runner);
    const timing = { inTimedCall: false };
    for (let run = 0; run < 26; run++) await sample(workload, 1, timing);
    const speech = fed.filter((frame) => frame.speech).length;
    // Speech is 2 s of 10 s (63 of 313 frames, 20%): a spread of 26 frames holds about 5. Frames taken in
    // clip order (0–25, the first 0.83 s) would hold none.
    expect(speech).toBeGreaterThanOrEqual(3);
    expect(speech).toBeLessThanOrEqual(8);
    expect(fed).toHaveLength(26);
  });

  it('resets the stream only in prepareRuns, between timed samples, never inside a timed call', async () => {
    const timing = { inTimedCall: false };
    const resets: boolean[] = [];
    const reset = SileroStream.prototype.reset;
    vi.spyOn(SileroStream.prototype, 'reset').mockImplementation(function (this: SileroStream) {
      resets.push(timing.inTimedCall);
      reset.call(this);
    });
    const { runner, fed } = scriptedRunner();
    const workload = await workloadOn(runner);
    // Batches of 100 cross the end of the 313-frame pass; one of 400 is longer than the clip.
    const batches = [1, 100, 100, 100, 100, 400, 100];
    let first = 0;
    for (const calls of batches) {
      await sample(workload, calls, timing);
      const states = fed.slice(first, first + calls).map((frame) => frame.state);
      // Inside a sample the state only ever advances by one: no reset in between.
      expect(states).toEqual(states.map((_, index) => (states[0] ?? 0) + index));
      first += calls;
    }
    // The constructor's reset, then one before the 5th sample (301 + 100 > 313), the 400-call one and the last.
    expect(resets).toEqual([false, false, false, false]);
    expect(fed.map((frame) => frame.state).filter((state) => state === 0)).toHaveLength(4);
  });
});
