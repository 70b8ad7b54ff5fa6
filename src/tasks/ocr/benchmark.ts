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
import { angleLabel, detectedBoxes, recognizedText } from './bench-steps';
import { OCR_EVALUATION, ocrCalibrationData } from './evaluation';
import { ocrCharset } from './ocr-files';
import { classifierInput, detectionInput, recognitionInput } from './preprocess';
import { renderText } from './render-text';

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

function detectionWorkload(runner: TensorRunner, page: RgbaImage): Workload {
  const { tensor, width, height } = detectionInput(page, Math.max(page.width, page.height));
  return singleInputWorkload(runner, tensor, `${width}×${height} page of rendered text`, (map) => ({
    kind: 'boxes',
    boxes: detectedBoxes(map, width, height, page),
  }));
}

function recognitionWorkload(runner: TensorRunner, line: RgbaImage, charset: string[]): Workload {
  const input = recognitionInput(line, RECOGNITION_SIZE.height);
  return singleInputWorkload(runner, input, `48×${input.dims[3]} rendered text line`, (probs, dims) => ({
    kind: 'text',
    text: recognizedText(probs, dims, charset),
  }));
}

function angleWorkload(runner: TensorRunner, line: RgbaImage): Workload {
  return singleInputWorkload(runner, classifierInput(line), '48×192 rendered text line', (probs) => ({
    kind: 'class',
    label: angleLabel(probs),
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
  evaluation: OCR_EVALUATION,
  calibrationData: ocrCalibrationData,
};
