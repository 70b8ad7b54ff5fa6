// How a Silero model is scored and calibrated on speech the project splices itself (eval-clips.ts): the
// VAD pipeline's own decisions (probabilities → speech segments with the app's default options) per
// 32 ms frame, against the clips' true segments; and, for int8-static variants, a real run's feeds on
// the calibration clips, the recurrent state carried by the fp32 session.

import type { ModelRecord } from '../../catalog/model-record';
import type { TensorData, TensorRunner } from '../../core/tensor';
import type { CalibrationData } from '../../optimizer/optimize';
import type { EvaluationRun, TaskEvaluation } from '../../task-kit/evaluation';
import { shareEqual } from '../../task-kit/evaluation-scores';
import type { TaskFiles } from '../../task-kit/task';
import {
  buildClip,
  CALIBRATION_CLIPS,
  EVALUATION_CLIPS,
  framesInSegments,
  type ClipSpec,
} from './eval-clips';
import { speechSegments } from './segments';
import {
  detectVoiceActivity,
  SILERO_MODELS,
  SILERO_SAMPLE_RATE,
  SileroStream,
  sileroVariant,
} from './silero';
import { sampleSpeech16k } from './speech-sample';

function clipsSeconds(clips: readonly { samples16k: Float32Array }[]): number {
  return clips.reduce((sum, clip) => sum + clip.samples16k.length, 0) / SILERO_SAMPLE_RATE;
}

function noiseLevels(specs: readonly ClipSpec[]): string {
  return specs.map((spec) => (spec.noiseDbfs === null ? 'none' : `${spec.noiseDbfs} dBFS`)).join(', ');
}

async function clipsOf(files: TaskFiles, split: 'evaluation' | 'calibration') {
  const specs = split === 'evaluation' ? EVALUATION_CLIPS : CALIBRATION_CLIPS;
  return files.memo(`vad-${split}-clips`, async () => {
    const sample = await sampleSpeech16k(files);
    return specs.map((spec) => buildClip(sample, spec));
  });
}

export const VAD_EVALUATION: TaskEvaluation<TensorRunner> = {
  async evaluate(model: ModelRecord, runner, files, onProgress): Promise<EvaluationRun> {
    const variant = sileroVariant(model.id);
    const { frameSamples } = SILERO_MODELS[variant];
    const clips = await clipsOf(files, 'evaluation');
    const truth: boolean[] = [];
    const found: boolean[] = [];
    for (const [index, clip] of clips.entries()) {
      const probabilities = await detectVoiceActivity(clip.samples16k, runner, variant);
      const segments = speechSegments(
        probabilities,
        frameSamples,
        SILERO_SAMPLE_RATE,
        {},
        clip.samples16k.length,
      );
      truth.push(...framesInSegments(clip.truth, probabilities.length, frameSamples));
      found.push(...framesInSegments(segments, probabilities.length, frameSamples));
      onProgress(index + 1, clips.length);
    }
    const frameMs = Math.round((frameSamples / SILERO_SAMPLE_RATE) * 1000);
    return {
      result: {
        set: `${clips.length} spliced speech clips (${clipsSeconds(clips).toFixed(1)} s, noise ${noiseLevels(EVALUATION_CLIPS)}), ${found.length} frames of ${frameMs} ms`,
        items: found.length,
        scores: [
          { metric: 'frame agreement with the truth', value: shareEqual(truth, found), against: 'truth' },
        ],
      },
      outputs: { kind: 'frames', speech: found },
    };
  },
};

/**
 * `count` feeds spread evenly over every frame of the calibration clips, each as a real run gives it:
 * frames in order with the state `runner` (the fp32 model) returned for the frame before.
 */
export async function vadCalibrationData(
  model: ModelRecord,
  runner: TensorRunner,
  files: TaskFiles,
  count: number,
): Promise<CalibrationData> {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Calibration needs at least one feed, got ${count}`);
  const stream = new SileroStream(runner, sileroVariant(model.id));
  const clips = await clipsOf(files, 'calibration');
  const frameCounts = clips.map((clip) => Math.ceil(clip.samples16k.length / stream.model.frameSamples));
  const total = frameCounts.reduce((sum, frames) => sum + frames, 0);
  const wanted = new Set(
    Array.from({ length: Math.min(count, total) }, (_, i) =>
      Math.floor((i * total) / Math.min(count, total)),
    ),
  );
  const feeds: Record<string, TensorData>[] = [];
  let frameIndex = 0;
  for (const [index, clip] of clips.entries()) {
    stream.reset();
    for (let frame = 0; frame < frameCounts[index]!; frame++, frameIndex++) {
      const input = stream.frameInput(clip.samples16k, frame);
      if (wanted.has(frameIndex)) feeds.push(stream.feeds(input));
      await stream.step(input);
    }
  }
  return {
    feeds,
    description: `${feeds.length} of ${total} frames of ${clips.length} spliced speech clips (calibration split, ${clipsSeconds(clips).toFixed(1)} s, noise ${noiseLevels(CALIBRATION_CLIPS)}), state carried by fp32 runs`,
  };
}
