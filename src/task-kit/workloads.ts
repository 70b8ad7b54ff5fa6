// What one timed inference is for each registry model, given its benchmark input (workload-inputs.ts):
// OCR detection on a page of rendered text, recognition on a 48×320 line, the angle classifier on a
// 48×192 line, Silero VAD on a 10 s speech clip one frame at a time (state carried). Pure: the browser
// worker and the headless runner's onnxruntime-node reference run the very same code.

import type { TensorData, TensorRunner } from '../core/tensor';
import { expectFloat32 } from '../core/tensor';
import type { RgbaImage } from '../inputs/image';
import { ctcBeamDecode } from '../tasks/ocr/ctc-decode';
import { dbPostProcess } from '../tasks/ocr/db-postprocess';
import { DEFAULT_OCR_OPTIONS } from '../tasks/ocr/ocr-pipeline';
import { classifierInput, detectionInput, recognitionInput } from '../tasks/ocr/preprocess';
import type { ModelRecord } from '../catalog/model-record';
import { detectVoiceActivity, SileroStream, type SileroVariant } from '../tasks/vad/silero';
import { DEFAULT_SEGMENT_OPTIONS } from '../tasks/vad/segments';
import type { TaskOutput } from './task-output';

export interface ReferenceOutputs {
  /** Output name → values, compared element by element with the wasm reference. */
  readonly tensors: Record<string, Float32Array>;
  readonly task: TaskOutput;
}

export interface Workload {
  readonly inputDescription: string;
  /** One timed inference, reading its outputs back. */
  runOnce(): Promise<void>;
  /** Outputs on the canonical input, for agreement across backends (untimed). */
  referenceOutputs(): Promise<ReferenceOutputs>;
}

/** The input a model is benchmarked on: an image (page or text line) or 16 kHz speech. */
export type WorkloadInput =
  | { readonly kind: 'image'; readonly image: RgbaImage }
  | { readonly kind: 'speech'; readonly samples16k: Float32Array };

export const VAD_CLIP_SECONDS = 10;

/** Runs a one-input model and returns its first output, read back. */
async function runSingle(
  runner: TensorRunner,
  input: TensorData,
): Promise<TensorData & { data: Float32Array }> {
  const [inputName] = runner.inputNames;
  const [outputName] = runner.outputNames;
  if (!inputName || !outputName) throw new Error('The model has no input or no output');
  return expectFloat32(await runner.run({ [inputName]: input }), outputName);
}

function singleInputWorkload(
  runner: TensorRunner,
  input: TensorData,
  inputDescription: string,
  interpret: (output: Float32Array, dims: readonly number[]) => Promise<TaskOutput>,
): Workload {
  return {
    inputDescription,
    runOnce: async () => {
      await runSingle(runner, input);
    },
    referenceOutputs: async () => {
      const output = await runSingle(runner, input);
      return {
        tensors: { [runner.outputNames[0] ?? 'output']: output.data },
        task: await interpret(output.data, output.dims),
      };
    },
  };
}

function detectionWorkload(runner: TensorRunner, page: RgbaImage): Workload {
  const { tensor, width, height } = detectionInput(page, Math.max(page.width, page.height));
  return singleInputWorkload(runner, tensor, `${width}×${height} page of rendered text`, async (map) => ({
    kind: 'boxes',
    boxes: dbPostProcess({ data: map, width, height }, page, DEFAULT_OCR_OPTIONS).map((box) => {
      const xs = box.points.map((point) => point.x);
      const ys = box.points.map((point) => point.y);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    }),
  }));
}

function recognitionWorkload(runner: TensorRunner, line: RgbaImage, charset: string[]): Workload {
  const input = recognitionInput(line, 48);
  return singleInputWorkload(
    runner,
    input,
    `48×${input.dims[3]} rendered text line`,
    async (probs, dims) => ({
      kind: 'text',
      text: ctcBeamDecode(probs, dims[1] ?? 0, dims[2] ?? 0, charset, DEFAULT_OCR_OPTIONS.ctcBeamWidth).text,
    }),
  );
}

function angleWorkload(runner: TensorRunner, line: RgbaImage): Workload {
  return singleInputWorkload(runner, classifierInput(line), '48×192 rendered text line', async (probs) => ({
    kind: 'class',
    label: (probs[1] ?? 0) > (probs[0] ?? 0) ? '180°' : '0°',
  }));
}

function voiceActivityWorkload(runner: TensorRunner, variant: SileroVariant, clip: Float32Array): Workload {
  const stream = new SileroStream(runner, variant);
  const frameCount = Math.ceil(clip.length / stream.model.frameSamples);
  const frames = Array.from({ length: frameCount }, (_, frame) => stream.frameInput(clip, frame));
  let next = 0;
  return {
    inputDescription: `${(clip.length / 16_000).toFixed(0)} s speech clip, one ${stream.model.frameSamples}-sample frame per inference`,
    runOnce: async () => {
      if (next === frameCount) {
        next = 0;
        stream.reset();
      }
      await stream.step(frames[next] ?? new Float32Array(0));
      next += 1;
    },
    referenceOutputs: async () => {
      const probabilities = await detectVoiceActivity(clip, runner, variant);
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

export function createWorkload(
  model: ModelRecord,
  runner: TensorRunner,
  input: WorkloadInput,
  charset?: string[],
): Workload {
  const wrongInput = () => new Error(`${model.id} is benchmarked on ${model.task} input, not ${input.kind}`);
  if (model.task === 'voice-activity') {
    if (input.kind !== 'speech') throw wrongInput();
    return voiceActivityWorkload(runner, model.id as SileroVariant, input.samples16k);
  }
  if (input.kind !== 'image') throw wrongInput();
  switch (model.task) {
    case 'ocr-detection':
      return detectionWorkload(runner, input.image);
    case 'ocr-recognition':
      if (!charset) throw new Error('The recognition benchmark needs the dictionary');
      return recognitionWorkload(runner, input.image, charset);
    case 'ocr-angle':
      return angleWorkload(runner, input.image);
  }
}
