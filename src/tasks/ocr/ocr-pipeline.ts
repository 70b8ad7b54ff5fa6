// The PP-OCRv4 text reading pipeline (detect boxes, optionally fix upside-down crops, recognize each
// crop), written against TensorRunner so the same code runs on any runtime, in the worker or in Node.

import { InvalidInputError } from '../../core/errors';
import { expectFloat32, type TensorData, type TensorRunner } from '../../core/tensor';
import type { RgbaImage } from '../../inputs/image';
import { ctcBeamDecode, ctcGreedyDecode, type DecodedText } from './ctc-decode';
import { dbPostProcess, type DbOptions, type TextBox } from './db-postprocess';
import { cropTextRegion, rotate180 } from './image-ops';
import { classifierInput, detectionInput, recognitionInput } from './preprocess';

export interface OcrOptions extends DbOptions {
  /** The detector sees the image shrunk so its longer side is at most this. */
  readonly limitSideLen: number;
  /** Lines recognized with lower confidence are dropped. */
  readonly dropScore: number;
  /** Run the angle classifier on each crop; defaults to whether a classifier model was given. */
  readonly useAngleClassifier: boolean;
  /** A crop is turned 180° when the classifier says so with more than this probability. */
  readonly clsThresh: number;
  /** Input height of the recognition model. */
  readonly recImageHeight: number;
  /** CTC prefix-beam width; 1 decodes greedily as PaddleOCR does. */
  readonly ctcBeamWidth: number;
}

/**
 * PaddleOCR's inference defaults with two changes measured on rendered English text: beam-search CTC
 * decoding (see ctc-decode.ts) and unclip ratio 2.0 instead of 1.5 (PaddleOCR's advice for tight boxes),
 * which together keep the spaces between words that the defaults drop.
 */
export const DEFAULT_OCR_OPTIONS: Omit<OcrOptions, 'useAngleClassifier'> = {
  limitSideLen: 960,
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 2.0,
  minSize: 3,
  maxCandidates: 1000,
  dropScore: 0.5,
  clsThresh: 0.9,
  recImageHeight: 48,
  ctcBeamWidth: 10,
};

export interface OcrModels {
  readonly det: TensorRunner;
  readonly rec: TensorRunner;
  readonly cls?: TensorRunner;
}

export interface OcrProgress {
  readonly stage: 'detect' | 'classify' | 'recognize';
  readonly done: number;
  readonly total: number;
}

export interface OcrLine {
  readonly box: TextBox;
  readonly text: string;
  readonly confidence: number;
  /** The angle classifier found the crop upside down and it was turned before recognition. */
  readonly rotated180: boolean;
}

export interface OcrTimings {
  /** Resizing, cropping and normalizing for all three models. */
  readonly preprocessMs: number;
  /** Detector run plus box extraction. */
  readonly detectMs: number;
  /** Classifier runs plus turning crops. */
  readonly classifyMs: number;
  /** Recognizer runs plus CTC decoding. */
  readonly recognizeMs: number;
  readonly totalMs: number;
}

export interface OcrResult {
  /** Recognized lines in reading order. */
  readonly lines: OcrLine[];
  readonly timings: OcrTimings;
  /** Size of the image the detector saw. */
  readonly detInputSize: { readonly width: number; readonly height: number };
}

function validateImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidInputError(`The image must have a positive whole size, got ${width}x${height}`);
  }
  if (data.length !== width * height * 4) {
    throw new InvalidInputError(
      `The image data has ${data.length} bytes, expected ${width * height * 4} RGBA bytes`,
    );
  }
}

/**
 * Runs a one-input, one-output model and returns its float32 output after checking the output's shape
 * (`undefined` entries of `expectedDims` accept any size).
 */
async function runModel(
  runner: TensorRunner,
  input: TensorData,
  expectedDims: readonly (number | undefined)[],
  role: string,
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const inputName = runner.inputNames[0];
  const outputName = runner.outputNames[0];
  if (inputName === undefined || outputName === undefined) {
    throw new Error(`The ${role} model has no input or no output`);
  }
  const { data, dims } = expectFloat32(await runner.run({ [inputName]: input }), outputName);
  const shapeMatches =
    dims.length === expectedDims.length &&
    expectedDims.every((size, i) => size === undefined || dims[i] === size);
  if (!shapeMatches) {
    const expected = expectedDims.map((size) => size ?? '?').join(', ');
    throw new Error(`The ${role} model returned shape [${dims.join(', ')}], expected [${expected}]`);
  }
  return { data, dims };
}

/** Options as given, without keys set to undefined, over the defaults. */
function resolveOptions(options: Partial<OcrOptions>, hasClassifier: boolean): OcrOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_OCR_OPTIONS, useAngleClassifier: hasClassifier, ...given };
}

/** Finds and reads the text lines in an image. `charset` comes from parseDictionary. */
export async function recognizeText(
  image: RgbaImage,
  models: OcrModels,
  charset: readonly string[],
  options: Partial<OcrOptions> = {},
  onProgress?: (progress: OcrProgress) => void,
): Promise<OcrResult> {
  validateImage(image);
  const settings = resolveOptions(options, models.cls !== undefined);
  if (settings.useAngleClassifier && !models.cls) {
    throw new Error('useAngleClassifier is set but no angle classifier model was given');
  }
  const classifier = settings.useAngleClassifier ? models.cls : undefined;

  const timings = { preprocessMs: 0, detectMs: 0, classifyMs: 0, recognizeMs: 0, totalMs: 0 };
  const start = performance.now();
  let lapStart = start;
  /** Milliseconds since the previous lap. */
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - lapStart;
    lapStart = now;
    return elapsed;
  };

  onProgress?.({ stage: 'detect', done: 0, total: 1 });
  const detInput = detectionInput(image, settings.limitSideLen);
  timings.preprocessMs += lap();
  const probabilities = await runModel(
    models.det,
    detInput.tensor,
    [1, 1, detInput.height, detInput.width],
    'detection',
  );
  const boxes = dbPostProcess(
    { data: probabilities.data, width: detInput.width, height: detInput.height },
    image,
    settings,
  );
  timings.detectMs += lap();
  onProgress?.({ stage: 'detect', done: 1, total: 1 });

  const crops = boxes.map((box) => cropTextRegion(image, box.points));
  timings.preprocessMs += lap();

  // The classifier only nominates crops for turning: the mobile v2 model misfires on long lines it
  // squeezes into 192 px, so a nominated crop is read both ways and the more confident reading wins.
  const nominated = crops.map(() => false);
  if (classifier) {
    onProgress?.({ stage: 'classify', done: 0, total: crops.length });
    for (const [i, crop] of crops.entries()) {
      const input = classifierInput(crop);
      timings.preprocessMs += lap();
      const { data } = await runModel(classifier, input, [1, 2], 'angle classifier');
      const [upright = 0, upsideDown = 0] = data;
      nominated[i] = upsideDown > upright && upsideDown > settings.clsThresh;
      timings.classifyMs += lap();
      onProgress?.({ stage: 'classify', done: i + 1, total: crops.length });
    }
  }

  const read = async (crop: RgbaImage): Promise<DecodedText> => {
    const input = recognitionInput(crop, settings.recImageHeight);
    timings.preprocessMs += lap();
    const { data, dims } = await runModel(models.rec, input, [1, undefined, undefined], 'recognition');
    const decoded =
      settings.ctcBeamWidth > 1
        ? ctcBeamDecode(data, dims[1]!, dims[2]!, charset, settings.ctcBeamWidth)
        : ctcGreedyDecode(data, dims[1]!, dims[2]!, charset);
    timings.recognizeMs += lap();
    return decoded;
  };

  const lines: OcrLine[] = [];
  onProgress?.({ stage: 'recognize', done: 0, total: crops.length });
  for (const [i, crop] of crops.entries()) {
    let reading = await read(crop);
    let rotated180 = false;
    if (nominated[i]) {
      const turned = await read(rotate180(crop));
      if (turned.confidence > reading.confidence) [reading, rotated180] = [turned, true];
    }
    if (reading.text !== '' && reading.confidence >= settings.dropScore) {
      lines.push({ box: boxes[i]!, text: reading.text, confidence: reading.confidence, rotated180 });
    }
    onProgress?.({ stage: 'recognize', done: i + 1, total: crops.length });
  }

  timings.totalMs = performance.now() - start;
  return { lines, timings, detInputSize: { width: detInput.width, height: detInput.height } };
}
