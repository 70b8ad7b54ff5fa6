// Measures int8-static on the shipped models in Node: quantizes with calibration inputs made from the
// project's own samples (text-line crops and the page of public/samples/ocr-sample.png, speech frames
// of e2e/fixtures/speech-16k.wav), then times fp32 against int8 interleaved (median of --runs) on
// onnxruntime-node and on onnxruntime-web's plain wasm build, 1 thread each, and compares outputs
// (max abs difference; for recognition the CTC greedy text of every crop). A stand-in for the app's
// own calibration (rendered lines) and evaluation set; speed numbers say which input they used.
//   npx tsx scripts/optimize/measure-int8-static.ts [rec|det|vad ...] [--method minmax|percentile] [--runs 21]

import { readFileSync } from 'node:fs';
import { RawImage } from '@huggingface/transformers';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web/wasm';
import { parseWav } from '../../src/inputs/wav';
import type { RgbaImage } from '../../src/inputs/image';
import { float32Tensor, type TensorData } from '../../src/core/tensor';
import { errorMessage } from '../../src/core/errors';
import { prepareFloat, quantizeStatic } from '../../src/optimizer/int8-static';
import { parseModel, serializeModel } from '../../src/optimizer/onnx-graph';
import type { CalibrationMethod } from '../../src/optimizer/optimize';
import { ctcGreedyDecode } from '../../src/tasks/ocr/ctc-decode';
import { parseDictionary } from '../../src/tasks/ocr/dictionary';
import { detectionInput, recognitionInput } from '../../src/tasks/ocr/preprocess';
import { nodeRunnerFactory } from './node-runner';

type Feed = Record<string, TensorData>;

interface Workload {
  readonly file: string;
  readonly calibration: Feed[];
  readonly description: string;
  /** The input timed, and what it is. */
  readonly timed: Feed;
  readonly timedDescription: string;
  /** Compare outputs beyond max abs (e.g. the decoded text). */
  readonly compare?: (fp32: Uint8Array, int8: Uint8Array) => Promise<string[]>;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const method = option('method', 'minmax') as CalibrationMethod;
const runs = Number(option('runs', '21'));
const selected = args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
const models = selected.length > 0 ? selected : ['rec', 'det', 'vad'];

/** Text-line boxes (left, top, width, height) of public/samples/ocr-sample.png (792×255). */
const LINE_BOXES = [
  [20, 30, 320, 48],
  [20, 74, 690, 36],
  [20, 124, 460, 34],
  [20, 158, 420, 34],
  [20, 198, 400, 36],
  [20, 74, 300, 36],
  [250, 124, 230, 34],
  [180, 158, 260, 34],
] as const;

async function samplePage(): Promise<RgbaImage> {
  const image = (await RawImage.read('public/samples/ocr-sample.png')).rgba();
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}

function crop(image: RgbaImage, [left, top, width, height]: readonly number[]): RgbaImage {
  const data = new Uint8ClampedArray(width! * height! * 4);
  for (let y = 0; y < height!; y++)
    data.set(
      image.data.subarray(
        ((top! + y) * image.width + left!) * 4,
        ((top! + y) * image.width + left! + width!) * 4,
      ),
      y * width! * 4,
    );
  return { width: width!, height: height!, data };
}

async function recognition(): Promise<Workload> {
  const page = await samplePage();
  const crops = LINE_BOXES.map((box) => crop(page, box));
  const feeds = crops.map((line) => ({ x: recognitionInput(line, 48) }));
  const charset = parseDictionary(readFileSync('public/models/ppocr-v4-rec/dictionary.txt', 'utf8'));
  return {
    file: 'public/models/ppocr-v4-rec/model.basic.onnx',
    calibration: feeds,
    description: `${feeds.length} text-line crops of public/samples/ocr-sample.png`,
    timed: feeds[0]!,
    timedDescription: 'the crop "On-Device Lab", 1×3×48×320',
    async compare(fp32, int8) {
      const run = nodeRunnerFactory();
      const [a, b] = [await run(fp32), await run(int8)];
      const lines: string[] = [];
      for (const feed of feeds) {
        const [outA, outB] = [await a.run(feed), await b.run(feed)];
        const text = (output: Record<string, TensorData>) => {
          const probs = Object.values(output)[0]!;
          return ctcGreedyDecode(probs.data as Float32Array, probs.dims[1]!, probs.dims[2]!, charset).text;
        };
        const [textA, textB] = [text(outA), text(outB)];
        lines.push(
          `${textA === textB ? 'same' : 'DIFF'}  fp32 ${JSON.stringify(textA)}  int8 ${JSON.stringify(textB)}`,
        );
      }
      return lines;
    },
  };
}

async function detection(): Promise<Workload> {
  const page = await samplePage();
  const feeds = [page, crop(page, [0, 0, 792, 128]), crop(page, [0, 110, 500, 145])].map((image) => ({
    x: detectionInput(image, 960).tensor,
  }));
  return {
    file: 'public/models/ppocr-v4-det/model.basic.onnx',
    calibration: feeds,
    description: 'public/samples/ocr-sample.png and two crops of it, detection preprocessing',
    timed: feeds[0]!,
    timedDescription: `public/samples/ocr-sample.png, 1×3×${feeds[0]!.x.dims[2]}×${feeds[0]!.x.dims[3]}`,
    async compare(fp32, int8) {
      // PP-OCR's detector post-processing binarizes the probability map at 0.3.
      const run = nodeRunnerFactory();
      const [a, b] = [await run(fp32), await run(int8)];
      const lines: string[] = [];
      for (const [index, feed] of feeds.entries()) {
        const mapA = Object.values(await a.run(feed))[0]!.data as Float32Array;
        const mapB = Object.values(await b.run(feed))[0]!.data as Float32Array;
        let text = 0;
        let differing = 0;
        mapA.forEach((value, at) => {
          if (value > 0.3) text += 1;
          if (value > 0.3 !== mapB[at]! > 0.3) differing += 1;
        });
        lines.push(
          `input ${index + 1}: ${differing} of ${mapA.length} pixels binarized differently at 0.3 (${text} text pixels in fp32)`,
        );
      }
      return lines;
    },
  };
}

function vad(): Workload {
  const wav = parseWav(new Uint8Array(readFileSync('e2e/fixtures/speech-16k.wav')));
  const samples = wav.channels[0]!;
  const frames: Feed[] = [];
  for (let start = 0; start + 512 <= samples.length && frames.length < 32; start += 512 * 8)
    frames.push({
      input: float32Tensor(samples.slice(start, start + 512), [1, 512]),
      state: float32Tensor(new Float32Array(256), [2, 1, 128]),
      sr: { type: 'int64', data: BigInt64Array.of(16000n), dims: [] },
    });
  return {
    file: 'public/models/silero-vad-v5/model.onnx',
    calibration: frames,
    description: `${frames.length} frames of e2e/fixtures/speech-16k.wav`,
    timed: frames[Math.floor(frames.length / 2)]!,
    timedDescription: 'one 512-sample speech frame, zero state',
    compare: async (fp32, int8) => {
      const [a, b] = [await vadProbabilities(fp32, samples), await vadProbabilities(int8, samples)];
      let largest = 0;
      let flipped = 0;
      a.forEach((value, at) => {
        largest = Math.max(largest, Math.abs(value - b[at]!));
        if (value > 0.5 !== b[at]! > 0.5) flipped += 1;
      });
      const speech = a.filter((value) => value > 0.5).length;
      return [
        `VAD over all ${a.length} consecutive frames (state carried, onnxruntime-web wasm): max |p − p_fp32| ${largest.toFixed(4)}, ` +
          `${flipped} frames decided differently at 0.5 (${speech} speech frames in fp32)`,
      ];
    },
  };
}

/** Speech probability of every consecutive 512-sample frame of `samples`, the state carried as the app does. */
async function vadProbabilities(bytes: Uint8Array, samples: Float32Array): Promise<number[]> {
  const session = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  let state = new ortWeb.Tensor('float32', new Float32Array(256), [2, 1, 128]);
  const sr = new ortWeb.Tensor('int64', BigInt64Array.of(16000n), []);
  const probabilities: number[] = [];
  for (let start = 0; start + 512 <= samples.length; start += 512) {
    const input = new ortWeb.Tensor('float32', samples.slice(start, start + 512), [1, 512]);
    const outputs = await session.run({ input, state, sr });
    probabilities.push((outputs.output!.data as Float32Array)[0]!);
    state = outputs.stateN as typeof state;
  }
  await session.release();
  return probabilities;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Interleaved timing of `models` on one runtime: median and fastest ms of each, max abs output difference to the first. */
async function time(runtime: typeof ortNode | typeof ortWeb, models: readonly Uint8Array[], feed: Feed) {
  const create = (bytes: Uint8Array) =>
    runtime === ortNode
      ? ortNode.InferenceSession.create(bytes, {
          intraOpNumThreads: 1,
          interOpNumThreads: 1,
          logSeverityLevel: 3,
        })
      : ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'], logSeverityLevel: 3 });
  const sessions: Awaited<ReturnType<typeof create>>[] = [];
  for (const bytes of models) sessions.push(await create(bytes));
  const inputs = Object.fromEntries(
    Object.entries(feed).map(([name, tensor]) => [
      name,
      new runtime.Tensor(tensor.type, tensor.data, [...tensor.dims]),
    ]),
  );
  const times: number[][] = models.map(() => []);
  const outputs: Record<string, { data: unknown }>[] = [];
  for (let round = -5; round < runs; round++)
    for (const [index, session] of sessions.entries()) {
      const start = performance.now();
      const result = await session.run(inputs as never);
      if (round >= 0) times[index]!.push(performance.now() - start);
      outputs[index] = result;
    }
  const results = sessions.map((_, index) => {
    let difference = 0;
    for (const name of sessions[0]!.outputNames) {
      const a = outputs[0]![name]!.data as Float32Array;
      const b = outputs[index]![name]!.data as Float32Array;
      a.forEach((value, at) => (difference = Math.max(difference, Math.abs(value - b[at]!))));
    }
    return { median: median(times[index]!), fastest: Math.min(...times[index]!), difference };
  });
  await Promise.all(sessions.map((session) => session.release()));
  return results;
}

ortWeb.env.wasm.numThreads = 1;
const workloads: Record<string, () => Promise<Workload> | Workload> = {
  rec: recognition,
  det: detection,
  vad,
};
for (const name of models) {
  const make = workloads[name];
  if (!make) throw new Error(`Unknown model "${name}" (rec, det, vad)`);
  const workload = await make();
  const fp32 = new Uint8Array(readFileSync(workload.file));
  console.log(`\n== ${name}: ${workload.file}, int8-static ${method}, calibrated on ${workload.description}`);
  let int8: Uint8Array;
  try {
    const started = performance.now();
    const result = await quantizeStatic(
      parseModel(fp32),
      { method },
      {
        createRunner: nodeRunnerFactory(2),
        calibrationData: { feeds: workload.calibration, description: workload.description },
      },
    );
    int8 = serializeModel(result.model);
    console.log(
      `quantized in ${((performance.now() - started) / 1000).toFixed(1)} s, ${fp32.byteLength} → ${int8.byteLength} bytes`,
    );
    console.log(JSON.stringify(result.report, null, 1));
  } catch (error) {
    console.log(`not quantized: ${errorMessage(error)}`);
    continue;
  }
  for (const line of (await workload.compare?.(fp32, int8)) ?? []) console.log(line);
  const prepared = parseModel(fp32);
  prepareFloat(prepared, true);
  const labels = ['fp32 (shipped)', 'fp32 simplified (opset 13, folds, hard-swish)', 'int8-static'];
  const models = [fp32, serializeModel(prepared), int8];
  for (const [label, runtime] of [
    ['onnxruntime-node', ortNode],
    ['onnxruntime-web wasm', ortWeb],
  ] as const) {
    const results = await time(runtime, models, workload.timed);
    console.log(`${label}, 1 thread, ${workload.timedDescription}, ${runs} interleaved runs:`);
    results.forEach((result, index) =>
      console.log(
        `  ${labels[index]}: median ${result.median.toFixed(3)} ms (${(results[0]!.median / result.median).toFixed(2)}x), fastest ${result.fastest.toFixed(3)} ms (${(results[0]!.fastest / result.fastest).toFixed(2)}x), max abs difference ${result.difference.toFixed(4)}`,
      ),
    );
  }
}
