// Builds each model's benchmark input in the worker: text rendered with OffscreenCanvas (a page of
// several lines for detection, one line for recognition and the angle classifier) and a 10 s speech
// clip looped from the app's sample. No image or audio file needs to exist for a benchmark.

import type { RgbaImage } from '../inputs/image';
import type { ModelRecord } from '../catalog/model-record';
import { VAD_CLIP_SECONDS, type WorkloadInput } from './workloads';

export interface InputAssets {
  /** Longer side of the OCR detection page, in pixels. */
  readonly detectionSizePx: number;
  /** Mono speech at 16 kHz, at least a few seconds long. */
  speech16k(): Promise<Float32Array>;
}

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

/** Repeats (or cuts) speech to exactly `seconds`, so every VAD model sees the same clip. */
export function loopToLength(speech16k: Float32Array, seconds: number): Float32Array {
  const clip = new Float32Array(Math.round(seconds * 16_000));
  if (speech16k.length === 0) return clip;
  for (let offset = 0; offset < clip.length; offset += speech16k.length) {
    clip.set(speech16k.subarray(0, clip.length - offset), offset);
  }
  return clip;
}

export async function buildWorkloadInput(model: ModelRecord, assets: InputAssets): Promise<WorkloadInput> {
  switch (model.task) {
    case 'ocr-detection': {
      const size = assets.detectionSizePx;
      return { kind: 'image', image: renderText(size, size, DETECTION_LINES, Math.round(size / 24)) };
    }
    case 'ocr-recognition':
      return { kind: 'image', image: renderText(320, 48, [RECOGNITION_LINE], 30) };
    case 'ocr-angle':
      return { kind: 'image', image: renderText(192, 48, [RECOGNITION_LINE], 22) };
    case 'voice-activity':
      return { kind: 'speech', samples16k: loopToLength(await assets.speech16k(), VAD_CLIP_SECONDS) };
  }
}
