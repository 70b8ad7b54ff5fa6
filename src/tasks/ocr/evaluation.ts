// How the OCR models are scored and calibrated on text the project draws itself (eval-set.ts,
// render-text.ts): the recognizer by character accuracy on 32 rendered lines, the angle classifier by
// accuracy on lines upright and upside down, the detector by line-box recall on 4 rendered pages (IoU ≥
// 0.5 with the drawn lines' ink boxes; the full OCR text would need the recognizer's session too, which a
// benchmark cell does not load). Calibration feeds come from the calibration split (other strings, other
// fonts) through the task's own pre-processing.

import type { ModelRecord } from '../../catalog/model-record';
import type { TensorData, TensorRunner } from '../../core/tensor';
import type { CalibrationData } from '../../optimizer/optimize';
import type { EvaluationRun, TaskEvaluation } from '../../task-kit/evaluation';
import { boxRecall, characterAccuracy, shareEqual, type Box } from '../../task-kit/evaluation-scores';
import type { TaskFiles } from '../../task-kit/task';
import { runSingle } from '../../task-kit/workload';
import { angleLabel, detectedBoxes, recognizedText } from './bench-steps';
import {
  angleLines,
  describeLines,
  detectionPages,
  normalizeText,
  recognitionLines,
  type OcrSplit,
} from './eval-set';
import { ocrCharset } from './ocr-files';
import { classifierInput, detectionInput, recognitionInput } from './preprocess';
import { renderLine, renderPage } from './render-text';

const RECOGNITION_HEIGHT = 48;
/** Every line goes in padded (or squeezed) to one width, as PaddleOCR's resize_norm_img does: one input
 * shape for the whole set (and its calibration feeds), wide enough for its longest line at 48 px. */
const RECOGNITION_WIDTH = 480;
/** The detector's input side for the evaluation pages (the pages are 640×640). */
const DETECTION_SIDE_PX = 640;
/** A drawn line counts as found when a detected box overlaps its ink box this much (IoU). */
export const TRUTH_BOX_IOU = 0.5;

function notEvaluated(model: ModelRecord): Error {
  return new Error(`The OCR evaluation has no set for ${model.id} (task "${model.task}")`);
}

async function evaluateRecognition(
  runner: TensorRunner,
  files: TaskFiles,
  onProgress: (done: number, total: number) => void,
): Promise<EvaluationRun> {
  const charset = await ocrCharset(files);
  const lines = recognitionLines('evaluation');
  const texts: string[] = [];
  for (const line of lines) {
    const input = recognitionInput(renderLine(line), RECOGNITION_HEIGHT, RECOGNITION_WIDTH);
    const output = await runSingle(runner, input);
    texts.push(normalizeText(recognizedText(output.data, output.dims, charset)));
    onProgress(texts.length, lines.length);
  }
  const truth = lines.map((line) => line.text);
  return {
    result: {
      set: describeLines(lines, 'rendered lines'),
      items: lines.length,
      scores: [
        { metric: 'character accuracy', value: characterAccuracy(truth, texts), against: 'truth' },
        { metric: 'lines read exactly', value: shareEqual(truth, texts), against: 'truth' },
      ],
    },
    outputs: { kind: 'texts', texts },
  };
}

async function evaluateAngle(
  runner: TensorRunner,
  onProgress: (done: number, total: number) => void,
): Promise<EvaluationRun> {
  const lines = angleLines('evaluation');
  const labels: string[] = [];
  for (const line of lines) {
    labels.push(angleLabel((await runSingle(runner, classifierInput(renderLine(line)))).data));
    onProgress(labels.length, lines.length);
  }
  const truth = lines.map((line) => (line.rotated ? '180°' : '0°'));
  return {
    result: {
      set: `${describeLines(lines, 'rendered lines')}, every other one upside down`,
      items: lines.length,
      scores: [{ metric: 'orientation accuracy', value: shareEqual(truth, labels), against: 'truth' }],
    },
    outputs: { kind: 'labels', labels },
  };
}

async function evaluateDetection(
  runner: TensorRunner,
  onProgress: (done: number, total: number) => void,
): Promise<EvaluationRun> {
  const pages = detectionPages('evaluation');
  const truth: Box[][] = [];
  const found: Box[][] = [];
  for (const spec of pages) {
    const page = renderPage(spec);
    const { tensor, width, height } = detectionInput(page.image, DETECTION_SIDE_PX);
    const map = await runSingle(runner, tensor);
    truth.push(page.boxes);
    found.push(detectedBoxes(map.data, width, height, page.image));
    onProgress(found.length, pages.length);
  }
  const lines = pages.flatMap((page) => page.lines);
  return {
    result: {
      set: `${pages.length} rendered ${DETECTION_SIDE_PX}×${DETECTION_SIDE_PX} pages, ${describeLines(lines, 'lines')} (at 0.7 of that size)`,
      items: lines.length,
      scores: [
        {
          metric: `line-box recall (IoU ≥ ${TRUTH_BOX_IOU})`,
          value: boxRecall(truth, found, TRUTH_BOX_IOU),
          against: 'truth',
        },
      ],
    },
    outputs: { kind: 'boxes', pages: found },
  };
}

export const OCR_EVALUATION: TaskEvaluation<TensorRunner> = {
  async evaluate(model, runner, files, onProgress) {
    switch (model.task) {
      case 'ocr-recognition':
        return evaluateRecognition(runner, files, onProgress);
      case 'ocr-angle':
        return evaluateAngle(runner, onProgress);
      case 'ocr-detection':
        return evaluateDetection(runner, onProgress);
      default:
        throw notEvaluated(model);
    }
  },
};

/** The model's one input, named as the session names it. */
function feedOf(runner: TensorRunner, tensor: TensorData): Record<string, TensorData> {
  const [name] = runner.inputNames;
  if (!name) throw new Error('The model has no input');
  return { [name]: tensor };
}

const CALIBRATION: OcrSplit = 'calibration';

/**
 * `count` feeds from the calibration split (at most what the split holds: 64 lines, 8 pages), made by
 * the task's own pre-processing. The OCR models are not recurrent, so `runner` only names the input.
 */
export async function ocrCalibrationData(
  model: ModelRecord,
  runner: TensorRunner,
  _files: TaskFiles,
  count: number,
): Promise<CalibrationData> {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Calibration needs at least one feed, got ${count}`);
  switch (model.task) {
    case 'ocr-recognition': {
      const lines = recognitionLines(CALIBRATION).slice(0, count);
      return {
        feeds: lines.map((line) =>
          feedOf(runner, recognitionInput(renderLine(line), RECOGNITION_HEIGHT, RECOGNITION_WIDTH)),
        ),
        description: `${describeLines(lines, 'rendered lines')}, calibration split`,
      };
    }
    case 'ocr-angle': {
      const lines = angleLines(CALIBRATION).slice(0, count);
      return {
        feeds: lines.map((line) => feedOf(runner, classifierInput(renderLine(line)))),
        description: `${describeLines(lines, 'rendered lines')}, half upside down, calibration split`,
      };
    }
    case 'ocr-detection': {
      const pages = detectionPages(CALIBRATION).slice(0, count);
      return {
        feeds: pages.map((spec) =>
          feedOf(runner, detectionInput(renderPage(spec).image, DETECTION_SIDE_PX).tensor),
        ),
        description: `${pages.length} rendered ${DETECTION_SIDE_PX}×${DETECTION_SIDE_PX} pages of ${describeLines(
          pages.flatMap((page) => page.lines),
          'lines',
        )}, calibration split`,
      };
    }
    default:
      throw notEvaluated(model);
  }
}
