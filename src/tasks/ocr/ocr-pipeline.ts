// The PP-OCRv4 text reading pipeline (detect boxes, optionally fix upside-down crops, recognize each
// crop), written against TensorRunner so the same code runs on any runtime, in the worker or in Node.

import { InvalidInputError } from '../../core/errors';
import { expectFloat32, type TensorData, type TensorRunner } from '../../core/tensor';
import type { RgbaImage } from '../../inputs/image';
import { ctcBeamDecode, ctcGreedyDecode, type DecodedText } from './ctc-decode';
import { dbPostProcess, type DbOptions, type TextBox } from './db-postprocess';
import { cropTextRegion, rotate180 } from './image-ops';
import {
  classifierInput,
  detectionInput,
  recognitionInput,
  recognitionWidth,
  stackBatch,
} from './preprocess';

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
  /**
   * Crops per classifier and recognizer run, so a page takes a few runs instead of one per line. The
   * recognizer batches only crops of the same input width (every crop up to 160 px wide at 48 px high
   * is padded to 160 anyway, see preprocess.ts): PaddleOCR pads a batch to its widest line, but PP-OCRv4's recognizer
   * attends over the whole width, and that padding changed readings here (a dark terminal line lost two
   * spaces, e2e/ocr.spec.ts) for little time (`npm run bench:e2e`, padded batches of 6 vs one run per
   * line: recognition 1118 vs 1209 ms on the sans page, 3322 vs 3374 ms on the monospace one).
   */
  readonly batchSize: number;
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
  batchSize: 6,
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
  /** Time inside the models' runs (outputs read back), per model; the rest of each stage is our code. */
  readonly inference: {
    readonly detectMs: number;
    readonly classifyMs: number;
    readonly recognizeMs: number;
  };
  /** Model runs made: 1 detector run, then one per batch of crops. */
  readonly runs: { readonly detect: number; readonly classify: number; readonly recognize: number };
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

/** `items` in consecutive groups of at most `size`. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size))
    groups.push(items.slice(i, i + Math.max(1, size)));
  return groups;
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
  const inference = { detectMs: 0, classifyMs: 0, recognizeMs: 0 };
  const runs = { detect: 0, classify: 0, recognize: 0 };
  const start = performance.now();
  let lapStart = start;
  /** Milliseconds since the previous lap. */
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - lapStart;
    lapStart = now;
    return elapsed;
  };
  /** Runs a model, adding the run's own time to its stage's inference figure. */
  const inferOn = async (stage: OcrProgress['stage'], ...args: Parameters<typeof runModel>) => {
    const started = performance.now();
    const output = await runModel(...args);
    inference[`${stage}Ms`] += performance.now() - started;
    runs[stage] += 1;
    return output;
  };

  onProgress?.({ stage: 'detect', done: 0, total: 1 });
  const detInput = detectionInput(image, settings.limitSideLen);
  timings.preprocessMs += lap();
  const probabilities = await inferOn(
    'detect',
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
    let done = 0;
    for (const batch of batches(
      crops.map((_, i) => i),
      settings.batchSize,
    )) {
      const input = stackBatch(batch.map((i) => classifierInput(crops[i]!)));
      timings.preprocessMs += lap();
      const { data } = await inferOn('classify', classifier, input, [batch.length, 2], 'angle classifier');
      batch.forEach((crop, row) => {
        const upright = data[row * 2] ?? 0;
        const upsideDown = data[row * 2 + 1] ?? 0;
        nominated[crop] = upsideDown > upright && upsideDown > settings.clsThresh;
      });
      timings.classifyMs += lap();
      done += batch.length;
      onProgress?.({ stage: 'classify', done, total: crops.length });
    }
  }

  /** Reads crops in batches of equal input width; returns one reading per crop, in the order given. */
  const readAll = async (toRead: readonly RgbaImage[], report: (done: number) => void) => {
    const readings: DecodedText[] = new Array<DecodedText>(toRead.length);
    const widths = toRead.map((crop) => recognitionWidth(crop, settings.recImageHeight));
    const sameWidth = new Map<number, number[]>();
    widths.forEach((width, i) => sameWidth.set(width, [...(sameWidth.get(width) ?? []), i]));
    let done = 0;
    for (const batch of [...sameWidth.values()].flatMap((group) => batches(group, settings.batchSize))) {
      const width = widths[batch[0]!]!;
      const input = stackBatch(
        batch.map((i) => recognitionInput(toRead[i]!, settings.recImageHeight, width)),
      );
      timings.preprocessMs += lap();
      const { data, dims } = await inferOn(
        'recognize',
        models.rec,
        input,
        [batch.length, undefined, undefined],
        'recognition',
      );
      const [, steps = 0, classes = 0] = dims;
      batch.forEach((crop, row) => {
        const rowProbs = data.subarray(row * steps * classes, (row + 1) * steps * classes);
        readings[crop] =
          settings.ctcBeamWidth > 1
            ? ctcBeamDecode(rowProbs, steps, classes, charset, settings.ctcBeamWidth)
            : ctcGreedyDecode(rowProbs, steps, classes, charset);
      });
      timings.recognizeMs += lap();
      done += batch.length;
      report(done);
    }
    return readings;
  };

  onProgress?.({ stage: 'recognize', done: 0, total: crops.length });
  const readings = await readAll(crops, (done) =>
    onProgress?.({ stage: 'recognize', done, total: crops.length }),
  );
  const turnedIndices = crops.map((_, i) => i).filter((i) => nominated[i]);
  const turnedCrops = turnedIndices.map((i) => rotate180(crops[i]!));
  timings.preprocessMs += lap();
  const turnedReadings = await readAll(turnedCrops, () => {});
  const lines: OcrLine[] = [];
  for (const [i, upright] of readings.entries()) {
    const turnedAt = turnedIndices.indexOf(i);
    const turned = turnedAt >= 0 ? turnedReadings[turnedAt] : undefined;
    const [reading, rotated180] =
      turned && turned.confidence > upright.confidence ? [turned, true] : [upright, false];
    if (reading.text !== '' && reading.confidence >= settings.dropScore) {
      lines.push({ box: boxes[i]!, text: reading.text, confidence: reading.confidence, rotated180 });
    }
  }

  timings.totalMs = performance.now() - start;
  return {
    lines,
    timings: { ...timings, inference, runs },
    detInputSize: { width: detInput.width, height: detInput.height },
  };
}
