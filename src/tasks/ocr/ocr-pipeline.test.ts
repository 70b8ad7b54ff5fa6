import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors';
import { float32Tensor, type TensorData, type TensorRunner } from '../../core/tensor';
import { createRgbaImage } from '../../inputs/image';
import { recognizeText, type OcrProgress } from './ocr-pipeline';

const charset = ['', 'a', 'b', ' '];

/** A runner with the given names that answers each call with the next output and records its feeds. */
function fakeRunner(inputName: string, outputName: string, outputs: TensorData[]) {
  const feeds: Array<Readonly<Record<string, TensorData>>> = [];
  const runner: TensorRunner = {
    inputNames: [inputName],
    outputNames: [outputName],
    run: async (given) => {
      feeds.push(given);
      const output = outputs[feeds.length - 1];
      if (!output) throw new Error('unexpected run');
      return { [outputName]: output };
    },
  };
  return { runner, feeds };
}

/** A 128 x 64 detector map with two 40 x 10 text blocks on one line (the image is 128 x 64 too). */
function twoLineMap(): TensorData {
  const data = new Float32Array(64 * 128);
  for (let y = 20; y < 30; y++) {
    for (let x = 10; x < 50; x++) data[y * 128 + x] = 0.95;
    for (let x = 70; x < 110; x++) data[y * 128 + x] = 0.95;
  }
  return float32Tensor(data, [1, 1, 64, 128]);
}

/** Recognizer output whose steps pick the given classes with the given probabilities. */
function recOutput(steps: Array<[number, number]>): TensorData {
  const data = new Float32Array(steps.length * charset.length);
  steps.forEach(([cls, probability], t) => {
    data.fill((1 - probability) / (charset.length - 1), t * charset.length, (t + 1) * charset.length);
    data[t * charset.length + cls] = probability;
  });
  return float32Tensor(data, [1, steps.length, charset.length]);
}

const image = createRgbaImage(128, 64);

describe('recognizeText', () => {
  it('detects, reads a nominated crop both ways keeping the surer reading, and drops unsure lines', async () => {
    const det = fakeRunner('det_in', 'det_out', [twoLineMap()]);
    const cls = fakeRunner('cls_in', 'cls_out', [
      float32Tensor(Float32Array.of(0.05, 0.95), [1, 2]),
      float32Tensor(Float32Array.of(0.15, 0.85), [1, 2]),
    ]);
    // Crop 1 is nominated (0.95 > 0.9): read as is (unsure), then, after every crop was read once, turned
    // (sure). Crop 2 is not nominated (0.85).
    const rec = fakeRunner('rec_in', 'rec_out', [
      recOutput([[2, 0.3]]),
      recOutput([[1, 0.4]]),
      recOutput([
        [1, 0.9],
        [0, 0.8],
        [2, 0.7],
      ]),
    ]);
    const progress: OcrProgress[] = [];

    const result = await recognizeText(
      image,
      { det: det.runner, cls: cls.runner, rec: rec.runner },
      charset,
      { unclipRatio: 1.5, ctcBeamWidth: 1, batchSize: 1 },
      (p) => progress.push(p),
    );

    expect(det.feeds[0]!['det_in']!.dims).toEqual([1, 3, 64, 128]);
    expect(cls.feeds.map((feed) => feed['cls_in']!.dims)).toEqual([
      [1, 3, 48, 192],
      [1, 3, 48, 192],
    ]);
    // Both crops are 49 x 19 (see db-postprocess tests for the unclip arithmetic): 124 columns, padded to 160.
    expect(rec.feeds.map((feed) => feed['rec_in']!.dims)).toEqual([
      [1, 3, 48, 160],
      [1, 3, 48, 160],
      [1, 3, 48, 160],
    ]);
    expect(result.detInputSize).toEqual({ width: 128, height: 64 });
    expect(result.lines).toHaveLength(1);
    const [line] = result.lines;
    expect(line!.text).toBe('ab');
    expect(line!.confidence).toBeCloseTo(0.8, 6);
    expect(line!.rotated180).toBe(true);
    expect(line!.box.points.map(({ x, y }) => [x, y])).toEqual([
      [5, 15],
      [54, 15],
      [54, 34],
      [5, 34],
    ]);
    expect(progress).toEqual([
      { stage: 'detect', done: 0, total: 1 },
      { stage: 'detect', done: 1, total: 1 },
      { stage: 'classify', done: 0, total: 2 },
      { stage: 'classify', done: 1, total: 2 },
      { stage: 'classify', done: 2, total: 2 },
      { stage: 'recognize', done: 0, total: 2 },
      { stage: 'recognize', done: 1, total: 2 },
      { stage: 'recognize', done: 2, total: 2 },
    ]);
    const { preprocessMs, detectMs, classifyMs, recognizeMs, totalMs } = result.timings;
    for (const ms of [preprocessMs, detectMs, classifyMs, recognizeMs]) expect(ms).toBeGreaterThanOrEqual(0);
    expect(totalMs).toBeGreaterThanOrEqual(preprocessMs + detectMs + classifyMs + recognizeMs - 1e-6);
  });

  it('keeps the crop as it is when the turned reading is less sure', async () => {
    const det = fakeRunner('x', 'y', [twoLineMap()]);
    const cls = fakeRunner('x', 'y', [
      float32Tensor(Float32Array.of(0.02, 0.98), [1, 2]),
      float32Tensor(Float32Array.of(0.9, 0.1), [1, 2]),
    ]);
    // Crop 1 read, crop 2 read, then crop 1 turned (less sure than upright).
    const rec = fakeRunner('x', 'y', [recOutput([[1, 0.95]]), recOutput([[2, 0.9]]), recOutput([[2, 0.6]])]);
    const result = await recognizeText(
      image,
      { det: det.runner, cls: cls.runner, rec: rec.runner },
      charset,
      { ctcBeamWidth: 1, batchSize: 1 },
    );
    expect(rec.feeds).toHaveLength(3);
    expect(result.lines.map((line) => [line.text, line.rotated180])).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it('skips the classifier when told to, and keeps lines down to dropScore', async () => {
    const det = fakeRunner('x', 'y', [twoLineMap()]);
    const cls = fakeRunner('x', 'y', []);
    const rec = fakeRunner('x', 'y', [recOutput([[1, 0.9]]), recOutput([[3, 0.4]])]);
    const result = await recognizeText(
      image,
      { det: det.runner, cls: cls.runner, rec: rec.runner },
      charset,
      { useAngleClassifier: false, dropScore: 0.4, boxThresh: undefined, batchSize: 1 },
    );
    expect(cls.feeds).toHaveLength(0);
    expect(result.lines.map((line) => [line.text, line.rotated180])).toEqual([
      ['a', false],
      [' ', false],
    ]);
  });

  it('batches crops of the same input width and puts each reading back on its line', async () => {
    // A 512 x 64 page with three blocks on one line: narrow, wide, narrow. Both narrow crops are padded
    // to the recognizer's narrowest input, 160 px, so they share one run; the wide one runs on its own.
    const page = createRgbaImage(512, 64);
    const map = new Float32Array(64 * 512);
    for (let y = 20; y < 30; y++) {
      for (const [from, to] of [
        [10, 50],
        [100, 400],
        [450, 490],
      ] as const) {
        for (let x = from; x < to; x++) map[y * 512 + x] = 0.95;
      }
    }
    const det = fakeRunner('x', 'y', [float32Tensor(map, [1, 1, 64, 512])]);
    const narrowRows = new Float32Array(2 * charset.length);
    narrowRows.set([0.02, 0.94, 0.02, 0.02], 0); // first narrow block: "a"
    narrowRows.set([0.02, 0.02, 0.94, 0.02], charset.length); // second narrow block: "b"
    const rec = fakeRunner('x', 'y', [
      float32Tensor(narrowRows, [2, 1, charset.length]),
      recOutput([
        [1, 0.9],
        [2, 0.9],
      ]),
    ]);
    const result = await recognizeText(page, { det: det.runner, rec: rec.runner }, charset, {
      ctcBeamWidth: 1,
    });

    expect(result.lines.map((line) => line.text)).toEqual(['a', 'ab', 'b']);
    const [narrow, wide] = rec.feeds.map((feed) => feed['x']!);
    expect(narrow!.dims).toEqual([2, 3, 48, 160]);
    expect(wide!.dims[0]).toBe(1);
    expect(wide!.dims[3]).toBeGreaterThan(320);
    // Each narrow crop is resized to its own width; the rest of its 160 columns is the zero padding.
    const plane = 48 * 160;
    expect(narrow!.data[plane - 1]).toBe(0);
    expect(narrow!.data[3 * plane + plane - 1]).toBe(0);
    expect(narrow!.data[0]).not.toBe(0);
    expect(result.timings.runs).toEqual({ detect: 1, classify: 0, recognize: 2 });
    const { inference } = result.timings;
    expect(inference.recognizeMs).toBeLessThanOrEqual(result.timings.recognizeMs);
    expect(inference.detectMs).toBeLessThanOrEqual(result.timings.detectMs);
  });

  it('batches the angle classifier over all crops', async () => {
    const det = fakeRunner('x', 'y', [twoLineMap()]);
    const cls = fakeRunner('x', 'y', [float32Tensor(Float32Array.of(0.9, 0.1, 0.9, 0.1), [2, 2])]);
    const rec = fakeRunner('x', 'y', [
      float32Tensor(Float32Array.of(0.02, 0.94, 0.02, 0.02, 0.02, 0.02, 0.94, 0.02), [2, 1, charset.length]),
    ]);
    const result = await recognizeText(
      image,
      { det: det.runner, cls: cls.runner, rec: rec.runner },
      charset,
      { ctcBeamWidth: 1 },
    );
    expect(cls.feeds.map((feed) => feed['x']!.dims)).toEqual([[2, 3, 48, 192]]);
    expect(result.lines.map((line) => [line.text, line.rotated180])).toEqual([
      ['a', false],
      ['b', false],
    ]);
    expect(result.timings.runs).toEqual({ detect: 1, classify: 1, recognize: 1 });
  });

  it('returns no lines when nothing is detected', async () => {
    const det = fakeRunner('x', 'y', [float32Tensor(new Float32Array(64 * 128), [1, 1, 64, 128])]);
    const rec = fakeRunner('x', 'y', []);
    const result = await recognizeText(image, { det: det.runner, rec: rec.runner }, charset);
    expect(result.lines).toEqual([]);
    expect(rec.feeds).toHaveLength(0);
  });

  it('names the dictionary when it does not fit the recognizer', async () => {
    const det = fakeRunner('x', 'y', [twoLineMap()]);
    const rec = fakeRunner('x', 'y', [float32Tensor(new Float32Array(10), [1, 2, 5])]);
    await expect(
      recognizeText(image, { det: det.runner, rec: rec.runner }, charset, { batchSize: 1 }),
    ).rejects.toThrow(/dictionary gives 4 classes/);
  });

  it('rejects a detector output of the wrong shape', async () => {
    const det = fakeRunner('x', 'y', [float32Tensor(new Float32Array(32 * 64), [1, 1, 32, 64])]);
    const rec = fakeRunner('x', 'y', []);
    await expect(recognizeText(image, { det: det.runner, rec: rec.runner }, charset)).rejects.toThrow(
      /detection model returned shape \[1, 1, 32, 64\], expected \[1, 1, 64, 128\]/,
    );
  });

  it('asks for a classifier model when useAngleClassifier is set without one', async () => {
    const det = fakeRunner('x', 'y', []);
    await expect(
      recognizeText(image, { det: det.runner, rec: det.runner }, charset, { useAngleClassifier: true }),
    ).rejects.toThrow(/no angle classifier/);
  });

  it('rejects an image whose data does not match its size', async () => {
    const det = fakeRunner('x', 'y', []);
    const broken = { width: 10, height: 10, data: new Uint8ClampedArray(12) };
    await expect(recognizeText(broken, { det: det.runner, rec: det.runner }, charset)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});
