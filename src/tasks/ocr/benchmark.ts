// How the OCR models are benchmarked: detection on a page of rendered text, recognition on a rendered
// 48×320 line, the angle classifier on a 48×192 line. Inputs are drawn in the worker with
// OffscreenCanvas, so no image file needs to exist; the workloads are pure and also run on
// onnxruntime-node for the native reference.

import type { TensorRunner } from '../../core/tensor';
import type { RgbaImage } from '../../inputs/image';
import type { ModelRecord } from '../../catalog/model-record';
import type { BenchInputOptions, SessionBenchmark, TaskFiles } from '../../task-kit/task';
import { compareTaskOutputs } from '../../task-kit/task-output';
import { singleInputWorkload, type Workload, type WorkloadInput } from '../../task-kit/workload';
import { ctcBeamDecode } from './ctc-decode';
import { dbPostProcess } from './db-postprocess';
import { DEFAULT_OCR_OPTIONS } from './ocr-pipeline';
import { ocrCharset } from './ocr-files';
import { classifierInput, detectionInput, recognitionInput } from './preprocess';

const DETECTION_LINES = [
  'On-Device Lab benchmark page',
  'The quick brown fox jumps over the lazy dog',
  'Invoice 2026-118  Total 42.50 EUR',
  'Small open models, fast and private',
  'WASM  WebGPU  WebNN  1234567890',
];
const RECOGNITION_LINE = 'On-Device Lab 2026';
const RECOGNITION_SIZE = { width: 320, height: 48 };
const ANGLE_SIZE = { width: 192, height: 48 };

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

function detectionWorkload(runner: TensorRunner, page: RgbaImage): Workload {
  const { tensor, width, height } = detectionInput(page, Math.max(page.width, page.height));
  return singleInputWorkload(runner, tensor, `${width}×${height} page of rendered text`, (map) => ({
    kind: 'boxes',
    boxes: dbPostProcess({ data: map, width, height }, page, DEFAULT_OCR_OPTIONS).map((box) => {
      const xs = box.points.map((point) => point.x);
      const ys = box.points.map((point) => point.y);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    }),
  }));
}

function recognitionWorkload(runner: TensorRunner, line: RgbaImage, charset: string[]): Workload {
  const input = recognitionInput(line, RECOGNITION_SIZE.height);
  return singleInputWorkload(runner, input, `48×${input.dims[3]} rendered text line`, (probs, dims) => ({
    kind: 'text',
    text: ctcBeamDecode(probs, dims[1] ?? 0, dims[2] ?? 0, charset, DEFAULT_OCR_OPTIONS.ctcBeamWidth).text,
  }));
}

function angleWorkload(runner: TensorRunner, line: RgbaImage): Workload {
  return singleInputWorkload(runner, classifierInput(line), '48×192 rendered text line', (probs) => ({
    kind: 'class',
    label: (probs[1] ?? 0) > (probs[0] ?? 0) ? '180°' : '0°',
  }));
}

function notBenchmarked(model: ModelRecord): Error {
  return new Error(`The OCR benchmark has no workload for ${model.id} (task "${model.task}")`);
}

function imageOf(model: ModelRecord, input: WorkloadInput): RgbaImage {
  if (input.kind !== 'image') throw new Error(`${model.id} is benchmarked on an image, not ${input.kind}`);
  return input.image;
}

export const OCR_BENCHMARK: SessionBenchmark = {
  runs: 'session',
  async input(model, _files, options: BenchInputOptions): Promise<WorkloadInput> {
    switch (model.task) {
      case 'ocr-detection': {
        const size = options.detectionSizePx;
        return { kind: 'image', image: renderText(size, size, DETECTION_LINES, Math.round(size / 24)) };
      }
      case 'ocr-recognition':
        return {
          kind: 'image',
          image: renderText(RECOGNITION_SIZE.width, RECOGNITION_SIZE.height, [RECOGNITION_LINE], 30),
        };
      case 'ocr-angle':
        return {
          kind: 'image',
          image: renderText(ANGLE_SIZE.width, ANGLE_SIZE.height, [RECOGNITION_LINE], 22),
        };
      default:
        throw notBenchmarked(model);
    }
  },

  async workload(model, runner, input, files: TaskFiles): Promise<Workload> {
    const image = imageOf(model, input);
    switch (model.task) {
      case 'ocr-detection':
        return detectionWorkload(runner, image);
      case 'ocr-recognition':
        return recognitionWorkload(runner, image, await ocrCharset(files));
      case 'ocr-angle':
        return angleWorkload(runner, image);
      default:
        throw notBenchmarked(model);
    }
  },

  feedShapes(model, options) {
    switch (model.task) {
      case 'ocr-detection':
        return [['x', 'float32', [1, 3, options.detectionSizePx, options.detectionSizePx]]];
      case 'ocr-recognition':
        return [['x', 'float32', [1, 3, RECOGNITION_SIZE.height, RECOGNITION_SIZE.width]]];
      case 'ocr-angle':
        return [['x', 'float32', [1, 3, ANGLE_SIZE.height, ANGLE_SIZE.width]]];
      default:
        throw notBenchmarked(model);
    }
  },

  compareOutputs: compareTaskOutputs,
};
