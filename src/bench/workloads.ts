// The realistic input each registry model is benchmarked on, and what one timed inference is:
// OCR detection on a 640 px page of rendered text, recognition on a 48×320 rendered line, the angle
// classifier on a 48×192 line, Silero VAD on a 10 s speech clip one frame at a time (state carried).
// Runs in the worker: text is rendered with OffscreenCanvas, so no image file is needed.

import type { TensorData, TensorRunner } from '../engine/tensor';
import { expectFloat32 } from '../engine/tensor';
import type { RgbaImage } from '../models/image';
import { ctcBeamDecode } from '../models/ocr/ctc-decode';
import { dbPostProcess } from '../models/ocr/db-postprocess';
import { DEFAULT_OCR_OPTIONS } from '../models/ocr/ocr-pipeline';
import { classifierInput, detectionInput, recognitionInput } from '../models/ocr/preprocess';
import type { ModelRecord } from '../models/registry';
import { detectVoiceActivity, SileroStream, type SileroVariant } from '../models/vad/silero';
import { DEFAULT_SEGMENT_OPTIONS } from '../models/vad/segments';
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

export interface WorkloadAssets {
  /** Longer side of the OCR detection input, in pixels. */
  readonly detectionSizePx: number;
  charset(): Promise<string[]>;
  /** Mono speech at 16 kHz, at least a few seconds long. */
  speech16k(): Promise<Float32Array>;
}

export const VAD_CLIP_SECONDS = 10;

const DETECTION_LINES = [
  'On-Device Lab benchmark page',
  'The quick brown fox jumps over the lazy dog',
  'Invoice 2026-118  Total 42.50 EUR',
  'Small open models, fast and private',
  'WASM  WebGPU  WebNN  1234567890',
];
const RECOGNITION_LINE = 'On-Device Lab 2026';

function renderText(width: number, height: number, lines: readonly string[], fontPx: number): RgbaImage {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('OffscreenCanvas 2D is unavailable, so benchmark inputs cannot be drawn');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#111';
  context.font = `${fontPx}px sans-serif`;
  context.textBaseline = 'middle';
  const step = height / (lines.length + 1);
  lines.forEach((line, index) =>
    context.fillText(line, fontPx * 0.4, step * (index + 1), width - fontPx * 0.8),
  );
  const pixels = context.getImageData(0, 0, width, height);
  return { width, height, data: pixels.data };
}

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

function detectionWorkload(runner: TensorRunner, sizePx: number): Workload {
  const page = renderText(sizePx, sizePx, DETECTION_LINES, Math.round(sizePx / 24));
  const { tensor, width, height } = detectionInput(page, sizePx);
  return singleInputWorkload(runner, tensor, `${width}×${height} page of rendered text`, async (map) => ({
    kind: 'boxes',
    boxes: dbPostProcess({ data: map, width, height }, page, DEFAULT_OCR_OPTIONS).map((box) => {
      const xs = box.points.map((point) => point.x);
      const ys = box.points.map((point) => point.y);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    }),
  }));
}

function recognitionWorkload(runner: TensorRunner, charset: string[]): Workload {
  const line = renderText(320, 48, [RECOGNITION_LINE], 30);
  return singleInputWorkload(
    runner,
    recognitionInput(line, 48),
    '48×320 rendered text line',
    async (probs, dims) => ({
      kind: 'text',
      text: ctcBeamDecode(probs, dims[1] ?? 0, dims[2] ?? 0, charset, DEFAULT_OCR_OPTIONS.ctcBeamWidth).text,
    }),
  );
}

function angleWorkload(runner: TensorRunner): Workload {
  const line = renderText(192, 48, [RECOGNITION_LINE], 22);
  return singleInputWorkload(runner, classifierInput(line), '48×192 rendered text line', async (probs) => ({
    kind: 'class',
    label: (probs[1] ?? 0) > (probs[0] ?? 0) ? '180°' : '0°',
  }));
}

/** Repeats (or cuts) speech to exactly `seconds`, so every VAD model sees the same clip. */
function clipOf(speech16k: Float32Array, seconds: number): Float32Array {
  const clip = new Float32Array(Math.round(seconds * 16_000));
  if (speech16k.length === 0) return clip;
  for (let offset = 0; offset < clip.length; offset += speech16k.length) {
    clip.set(speech16k.subarray(0, clip.length - offset), offset);
  }
  return clip;
}

function voiceActivityWorkload(
  runner: TensorRunner,
  variant: SileroVariant,
  speech16k: Float32Array,
): Workload {
  const clip = clipOf(speech16k, VAD_CLIP_SECONDS);
  const stream = new SileroStream(runner, variant);
  const frameCount = Math.ceil(clip.length / stream.model.frameSamples);
  const frames = Array.from({ length: frameCount }, (_, frame) => stream.frameInput(clip, frame));
  let next = 0;
  return {
    inputDescription: `${VAD_CLIP_SECONDS} s speech clip, one ${stream.model.frameSamples}-sample frame per inference`,
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

export async function createWorkload(
  model: ModelRecord,
  runner: TensorRunner,
  assets: WorkloadAssets,
): Promise<Workload> {
  switch (model.task) {
    case 'ocr-detection':
      return detectionWorkload(runner, assets.detectionSizePx);
    case 'ocr-recognition':
      return recognitionWorkload(runner, await assets.charset());
    case 'ocr-angle':
      return angleWorkload(runner);
    case 'voice-activity':
      return voiceActivityWorkload(runner, model.id as SileroVariant, await assets.speech16k());
  }
}
