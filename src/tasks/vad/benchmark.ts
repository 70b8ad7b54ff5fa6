// How the Silero models are benchmarked: a 10 s speech clip (the app's own sample, looped) run one
// frame per timed inference with the recurrent state carried, and the whole clip's speech decisions as
// the task-level output. The timed frames visit the clip in a spread order (a golden-ratio stride), so
// even the 25 frames of a default cell cover its speech and its silences alike — timing frames in clip
// order measured only the sample's leading silence — and the stream resets only between timed samples.
// The workload is pure and also runs on onnxruntime-node.

import type { ModelRecord } from '../../catalog/model-record';
import type { SessionBenchmark } from '../../task-kit/task';
import { compareTaskOutputs } from '../../task-kit/task-output';
import type { Workload } from '../../task-kit/workload';
import { DEFAULT_SEGMENT_OPTIONS } from './segments';
import { sampleSpeech16k } from './speech-sample';
import { VAD_EVALUATION, vadCalibrationData } from './evaluation';
import {
  detectVoiceActivity,
  SILERO_MODELS,
  SILERO_SAMPLE_RATE,
  SileroStream,
  sileroVariant,
} from './silero';

export const VAD_CLIP_SECONDS = 10;

/** Repeats (or cuts) speech to exactly `seconds`, so every VAD model sees the same clip. */
export function loopToLength(speech16k: Float32Array, seconds: number): Float32Array {
  const clip = new Float32Array(Math.round(seconds * SILERO_SAMPLE_RATE));
  if (speech16k.length === 0) return clip;
  for (let offset = 0; offset < clip.length; offset += speech16k.length) {
    clip.set(speech16k.subarray(0, clip.length - offset), offset);
  }
  return clip;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/**
 * The order the timed runs visit a clip's frames: frame (i × stride) mod frameCount, the stride the
 * integer nearest frameCount × 0.618… (the golden ratio's conjugate) that is coprime with frameCount. Every
 * frame comes once per pass, and any run of consecutive entries is spread evenly over the clip.
 */
export function spreadFrameOrder(frameCount: number): number[] {
  const golden = (Math.sqrt(5) - 1) / 2;
  let stride = Math.max(1, Math.round(frameCount * golden));
  while (greatestCommonDivisor(stride, frameCount) !== 1) stride++;
  return Array.from({ length: frameCount }, (_, index) => (index * stride) % frameCount);
}

function voiceActivityWorkload(model: ModelRecord, stream: SileroStream, clip: Float32Array): Workload {
  const frameCount = Math.ceil(clip.length / stream.model.frameSamples);
  const frames = spreadFrameOrder(frameCount).map((frame) => stream.frameInput(clip, frame));
  /** Runs since the last reset: the next frame is frames[next mod frameCount]. */
  let next = 0;
  return {
    inputDescription: `${(clip.length / SILERO_SAMPLE_RATE).toFixed(0)} s speech clip, one ${stream.model.frameSamples}-sample frame per inference, frames spread over the clip (speech and silence)`,
    prepareRuns: (calls) => {
      // A sample that would run past the end of the pass starts a fresh one, reset here, untimed; a
      // batch longer than the clip carries the state on into a second pass instead.
      if (next + calls > frameCount) {
        next = 0;
        stream.reset();
      }
    },
    runOnce: async () => {
      await stream.step(frames[next % frameCount] ?? new Float32Array(0));
      next += 1;
    },
    referenceOutputs: async () => {
      const probabilities = await detectVoiceActivity(clip, stream.runner, sileroVariant(model.id));
      const threshold = DEFAULT_SEGMENT_OPTIONS.threshold;
      return {
        tensors: { [stream.model.probabilityOutput]: probabilities },
        task: {
          kind: 'decisions',
          speech: Array.from(probabilities, (probability) => probability >= threshold),
        },
      };
    },
  };
}

export const VAD_BENCHMARK: SessionBenchmark = {
  runs: 'session',
  async input(_model, files) {
    return { kind: 'speech', samples16k: loopToLength(await sampleSpeech16k(files), VAD_CLIP_SECONDS) };
  },

  async workload(model, runner, input) {
    if (input.kind !== 'speech') throw new Error(`${model.id} is benchmarked on speech, not ${input.kind}`);
    return voiceActivityWorkload(model, new SileroStream(runner, sileroVariant(model.id)), input.samples16k);
  },

  feedShapes(model) {
    const spec = SILERO_MODELS[sileroVariant(model.id)];
    return [
      [spec.audioInput, 'float32', [1, spec.contextSamples + spec.frameSamples]],
      [spec.sampleRateInput, 'int64', []],
      ...spec.states.map(({ input, dims }) => [input, 'float32', dims] as const),
    ];
  },

  compareOutputs: compareTaskOutputs,
  evaluation: VAD_EVALUATION,
  calibrationData: vadCalibrationData,
};
