// The steps from an OCR model's raw output to its task-level meaning, shared by the benchmark's
// workloads and the evaluation: the detector's map to line boxes, the recognizer's probabilities to
// text, the angle classifier's two scores to a label. Pure.

import type { Box } from '../../task-kit/evaluation-scores';
import type { RgbaImage } from '../../inputs/image';
import { ctcBeamDecode } from './ctc-decode';
import { dbPostProcess } from './db-postprocess';
import { DEFAULT_OCR_OPTIONS } from './ocr-pipeline';

/** The detector's probability map (width×height, for `page`) as axis-aligned line boxes in page pixels. */
export function detectedBoxes(map: Float32Array, width: number, height: number, page: RgbaImage): Box[] {
  return dbPostProcess({ data: map, width, height }, page, DEFAULT_OCR_OPTIONS).map((box) => {
    const xs = box.points.map((point) => point.x);
    const ys = box.points.map((point) => point.y);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  });
}

/** The recognizer's [1, T, C] probabilities as text, decoded as the OCR pipeline decodes them. */
export function recognizedText(probs: Float32Array, dims: readonly number[], charset: string[]): string {
  return ctcBeamDecode(probs, dims[1] ?? 0, dims[2] ?? 0, charset, DEFAULT_OCR_OPTIONS.ctcBeamWidth).text;
}

/** The angle classifier's label for its two scores. */
export function angleLabel(probs: Float32Array): '0°' | '180°' {
  return (probs[1] ?? 0) > (probs[0] ?? 0) ? '180°' : '0°';
}
