// Runs the native reference against "browser" outputs produced the way the page produces them: the same
// workloads on onnxruntime-web's wasm backend (here in Node, one thread), on inputs built without a
// canvas (the committed speech fixture, hand-drawn text-like images). Native and wasm must agree.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { median } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_TOLERANCE } from '../../src/task-kit/agreement';
import type { NativeCell, NativeReference } from '../../src/bench/run-record';
import { timed } from '../../src/core/timing';
import { createRgbaImage, type RgbaImage } from '../../src/inputs/image';
import { modelFile } from '../../src/catalog/model-record';
import { ortSessionRunner } from '../../src/runtimes/ort/ort-tensors';
import { sessionBenchmarkOf, type TaskFiles } from '../../src/task-kit/task';
import type { WorkloadInput } from '../../src/task-kit/workload';
import { builtinCatalog, TASKS } from '../../src/tasks';
import { loopToLength, VAD_CLIP_SECONDS } from '../../src/tasks/vad/benchmark';
import { mixToMono, resample } from '../../src/inputs/resample';
import { parseWav } from '../../src/inputs/wav';
import { createNodeRunner, runNativeReference, type BrowserReference } from './native-runner';

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const MODELS_DIR = repoFile('public/models');
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(repoFile('node_modules/onnxruntime-node/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const WARMUP_RUNS = 2;
const RUNS = 20;
type ModelId = 'silero-vad-v5' | 'silero-vad-v6' | 'ppocr-v4-rec' | 'ppocr-v4-det';

// ---- Inputs, built in Node without OffscreenCanvas ----

function speechInput(): WorkloadInput {
  const wav = parseWav(readFileSync(repoFile('e2e/fixtures/speech-16k.wav')));
  const samples16k = resample(mixToMono(wav.channels), wav.sampleRate, 16_000);
  return { kind: 'speech', samples16k: loopToLength(samples16k, VAD_CLIP_SECONDS) };
}

function fillRect(image: RgbaImage, x0: number, y0: number, width: number, height: number, gray: number) {
  for (let y = y0; y < Math.min(image.height, y0 + height); y++) {
    for (let x = x0; x < Math.min(image.width, x0 + width); x++) {
      const offset = (y * image.width + x) * 4;
      image.data.set([gray, gray, gray, 255], offset);
    }
  }
}

/** White background, then a row of dark glyph-like strokes (bars, blocks, gaps) along one text line. */
function drawLine(image: RgbaImage, x0: number, x1: number, top: number, height: number, seed: number) {
  let x = x0;
  let step = seed;
  while (x < x1) {
    step = (step * 7 + 3) % 11;
    const stroke = 2 + (step % 4);
    const glyph = stroke + 3 + (step % 5) * 2;
    fillRect(image, x, top, stroke, height, 17);
    fillRect(image, x, top + (step % 3) * Math.floor(height / 3), glyph, Math.max(2, height / 6), 17);
    x += glyph + 3 + (step === 5 ? 8 : 0);
  }
}

function whiteImage(width: number, height: number): RgbaImage {
  const image = createRgbaImage(width, height);
  image.data.fill(255);
  return image;
}

function recognitionLine(): RgbaImage {
  const image = whiteImage(320, 48);
  drawLine(image, 12, 300, 10, 28, 1);
  return image;
}

function detectionPage(): RgbaImage {
  const image = whiteImage(160, 160);
  [20, 50, 80, 110].forEach((top, index) => drawLine(image, 10, 90 + index * 15, top, 12, index + 2));
  return image;
}

// ---- The "browser": the same workloads on onnxruntime-web's wasm backend ----

/** The model files a workload reads, straight from public/models (the native runner verifies its own). */
const files: TaskFiles = {
  modelFile: async (modelId, role) => {
    const model = builtinCatalog().get(modelId);
    return new Uint8Array(readFileSync(join(MODELS_DIR, modelId, modelFile(model, role).name)));
  },
  appFile: async (path) => new Uint8Array(readFileSync(repoFile(`public/${path}`))),
  memo: (_key, make) => make(),
};

/** What the page hands the headless CLI for one model, plus how fast wasm ran it (for the log). */
async function browserReference(modelId: ModelId, input: WorkloadInput) {
  const model = builtinCatalog().get(modelId);
  const bytes = readFileSync(join(MODELS_DIR, modelId, modelFile(model, 'model').name));
  const session = await ortWeb.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  try {
    const workload = await sessionBenchmarkOf(TASKS, model).workload(
      model,
      ortSessionRunner(session, ortWeb.Tensor),
      input,
      files,
    );
    for (let run = 0; run <= WARMUP_RUNS; run++) await workload.runOnce();
    const samplesMs: number[] = [];
    for (let run = 0; run < RUNS; run++) samplesMs.push(await timed(() => workload.runOnce()));
    const reference: BrowserReference = {
      backendConfigId: 'wasm-1t',
      input,
      outputs: await workload.referenceOutputs(),
    };
    return { reference, wasmMedianMs: median(samplesMs) };
  } finally {
    await session.release();
  }
}

const references: Partial<Record<ModelId, BrowserReference>> = {};
const wasmMedians: Partial<Record<ModelId, number>> = {};
let native: NativeReference;
const reported: NativeCell[] = [];
const tempDirs: string[] = [];

function reference(modelId: ModelId): BrowserReference {
  const found = references[modelId];
  if (!found) throw new Error(`No browser reference for ${modelId}`);
  return found;
}

function cell(modelId: string, run: NativeReference = native): NativeCell {
  const found = run.cells.find((candidate) => candidate.modelId === modelId);
  if (!found) throw new Error(`No native cell for ${modelId}`);
  return found;
}

beforeAll(async () => {
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.logLevel = 'error';
  const speech = speechInput();
  const inputs: Record<ModelId, WorkloadInput> = {
    'silero-vad-v5': speech,
    'silero-vad-v6': speech,
    'ppocr-v4-rec': { kind: 'image', image: recognitionLine() },
    'ppocr-v4-det': { kind: 'image', image: detectionPage() },
  };
  for (const modelId of Object.keys(inputs) as ModelId[]) {
    const { reference: found, wasmMedianMs } = await browserReference(modelId, inputs[modelId]);
    references[modelId] = found;
    wasmMedians[modelId] = wasmMedianMs;
  }
  native = await runNativeReference(
    {
      'silero-vad-v5': reference('silero-vad-v5'),
      'ppocr-v4-rec': reference('ppocr-v4-rec'),
      'ppocr-v4-det': reference('ppocr-v4-det'),
    },
    {
      threads: 1,
      warmupRuns: WARMUP_RUNS,
      runs: RUNS,
      modelsDir: MODELS_DIR,
      onCell: (done) => reported.push(done),
    },
  );
  const lines = native.cells.map(
    (done) =>
      `${done.modelId}: native median ${done.stats?.medianMs.toFixed(3)} ms, ` +
      `wasm (Node, 1 thread) median ${wasmMedians[done.modelId as ModelId]?.toFixed(3)} ms, ` +
      `max |diff| ${Math.max(...(done.agreement?.tensors ?? []).map((t) => t.maxAbsDiff)).toExponential(1)}, ` +
      `${done.agreement?.taskLevel ?? done.reason}`,
  );
  console.log(`${native.runtime}, 1 thread\n${lines.join('\n')}`);
}, 120_000);

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('runNativeReference', () => {
  it('names the runtime and the thread count', () => {
    expect(native.runtime).toBe(`onnxruntime-node ${PACKAGE_VERSION}`);
    expect(native.cells.map((done) => done.threads)).toEqual([1, 1, 1]);
    expect(native.cells.map((done) => done.modelId)).toEqual([
      'silero-vad-v5',
      'ppocr-v4-rec',
      'ppocr-v4-det',
    ]);
    expect(reported).toEqual(native.cells);
  });

  it.each(['silero-vad-v5', 'ppocr-v4-rec', 'ppocr-v4-det'])(
    'measures %s with exactly `runs` samples and agrees with the wasm outputs',
    (modelId) => {
      const done = cell(modelId);
      expect(done.reason).toBeUndefined();
      expect(done.status).toBe('ok');
      expect(done.samplesMs).toHaveLength(RUNS);
      expect(done.samplesMs.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true);
      expect(done.stats?.count).toBe(RUNS);
      const agreement = done.agreement;
      expect(agreement?.referenceBackendId).toBe('wasm-1t');
      expect(agreement?.tolerance).toBe(AGREEMENT_TOLERANCE);
      expect(agreement?.taskLevelAgrees, agreement?.taskLevel).toBe(true);
      expect(agreement?.tensors.map((tensor) => tensor.output)).toEqual(
        Object.keys(reference(modelId as ModelId).outputs.tensors),
      );
      for (const tensor of agreement?.tensors ?? []) {
        expect(tensor.maxAbsDiff, tensor.output).toBeLessThanOrEqual(AGREEMENT_TOLERANCE);
        expect(tensor.nonFiniteCount).toBe(0);
        expect(tensor.cosineSimilarity).toBeGreaterThan(0.9999);
      }
      expect(agreement?.withinTolerance).toBe(true);
    },
  );

  it('compares against outputs that carry real signal', () => {
    // Guards the agreement above against trivially matching outputs (all zeros, no speech, no boxes).
    const vad = reference('silero-vad-v5').outputs;
    expect(vad.task.kind === 'decisions' && vad.task.speech.filter(Boolean).length).toBeGreaterThan(30);
    expect(vad.task.kind === 'decisions' && vad.task.speech.some((speech) => !speech)).toBe(true);
    const det = reference('ppocr-v4-det').outputs.task;
    expect(det.kind === 'boxes' && det.boxes.length).toBeGreaterThan(0);
    const rec = reference('ppocr-v4-rec').outputs.tensors['softmax_11.tmp_0'];
    expect(rec?.length).toBeGreaterThan(6625);
  });

  it('reports disagreement when the browser outputs differ beyond the tolerance', async () => {
    const vad = reference('silero-vad-v5');
    const [name, values] = Object.entries(vad.outputs.tensors)[0]!;
    const shifted = Float32Array.from(values);
    shifted[100] = shifted[100]! + 0.01;
    const run = await runNativeReference(
      { 'silero-vad-v5': { ...vad, outputs: { ...vad.outputs, tensors: { [name]: shifted } } } },
      { threads: 1, warmupRuns: 0, runs: 3, modelsDir: MODELS_DIR },
    );
    const agreement = cell('silero-vad-v5', run).agreement;
    expect(cell('silero-vad-v5', run).stats?.count).toBe(3);
    expect(agreement?.tensors[0]?.maxAbsDiff).toBeCloseTo(0.01, 3);
    expect(agreement?.withinTolerance).toBe(false);
  }, 30_000);

  it('reports disagreement when the task-level outputs differ', async () => {
    const vad = reference('silero-vad-v5');
    if (vad.outputs.task.kind !== 'decisions') throw new Error('VAD reference has no decisions');
    const speech = [...vad.outputs.task.speech];
    speech[0] = !speech[0];
    const run = await runNativeReference(
      { 'silero-vad-v5': { ...vad, outputs: { ...vad.outputs, task: { kind: 'decisions', speech } } } },
      { threads: 1, warmupRuns: 0, runs: 1, modelsDir: MODELS_DIR },
    );
    const agreement = cell('silero-vad-v5', run).agreement;
    expect(agreement?.tensors.every((tensor) => tensor.maxAbsDiff <= AGREEMENT_TOLERANCE)).toBe(true);
    expect(agreement?.taskLevel).toBe(
      `${speech.length - 1} of ${speech.length} frames agree on speech/no speech`,
    );
    expect(agreement?.taskLevelAgrees).toBe(false);
    expect(agreement?.withinTolerance).toBe(false);
  }, 30_000);

  it('fails a model whose file does not match the registry sha256 and carries on with the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'native-runner-'));
    tempDirs.push(dir);
    for (const modelId of ['silero-vad-v5', 'silero-vad-v6']) {
      mkdirSync(join(dir, modelId));
      copyFileSync(join(MODELS_DIR, modelId, 'model.onnx'), join(dir, modelId, 'model.onnx'));
    }
    const tampered = join(dir, 'silero-vad-v5', 'model.onnx');
    const bytes = readFileSync(tampered);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
    writeFileSync(tampered, bytes);

    const run = await runNativeReference(
      { 'silero-vad-v5': reference('silero-vad-v5'), 'silero-vad-v6': reference('silero-vad-v6') },
      { threads: 1, warmupRuns: 0, runs: RUNS, modelsDir: dir },
    );
    const failed = cell('silero-vad-v5', run);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/sha256/);
    expect(failed.reason).toContain('silero-vad-v5/model.onnx');
    expect(failed.samplesMs).toEqual([]);
    expect(failed.stats).toBeUndefined();
    const next = cell('silero-vad-v6', run);
    expect(next.status).toBe('ok');
    expect(next.stats?.count).toBe(RUNS);
    expect(next.agreement?.withinTolerance).toBe(true);
  }, 30_000);

  it('fails a model given the wrong kind of input, or a missing file, with a reason', async () => {
    const run = await runNativeReference(
      {
        'silero-vad-v5': { ...reference('silero-vad-v5'), input: reference('ppocr-v4-rec').input },
        'ppocr-mobile-v2-cls': reference('ppocr-v4-rec'),
        'no-such-model': reference('silero-vad-v5'),
      },
      { threads: 1, warmupRuns: 0, runs: 1, modelsDir: join(tmpdir(), 'native-runner-missing-dir') },
    );
    expect(run.cells.map((done) => done.status)).toEqual(['failed', 'failed', 'failed']);
    expect(cell('silero-vad-v5', run).reason).toMatch(/Cannot read .*silero-vad-v5\/model\.onnx/);
    expect(cell('no-such-model', run).reason).toMatch(/Unknown model "no-such-model"/);
  });

  it('rejects run counts that cannot give statistics', async () => {
    await expect(runNativeReference({}, { threads: 1, warmupRuns: 0, runs: 0 })).rejects.toThrow(/runs/);
    await expect(runNativeReference({}, { threads: 0, warmupRuns: 0, runs: 1 })).rejects.toThrow(/threads/);
  });
});

describe('createNodeRunner', () => {
  it('passes int64 inputs and reads float32 outputs back with their shapes', async () => {
    const bytes = readFileSync(join(MODELS_DIR, 'silero-vad-v5/model.onnx'));
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
    try {
      const runner = createNodeRunner(session);
      expect([...runner.inputNames].sort()).toEqual(['input', 'sr', 'state']);
      const outputs = await runner.run({
        input: { type: 'float32', data: new Float32Array(576), dims: [1, 576] },
        state: { type: 'float32', data: new Float32Array(256), dims: [2, 1, 128] },
        sr: { type: 'int64', data: BigInt64Array.of(16_000n), dims: [] },
      });
      expect(outputs['output']?.type).toBe('float32');
      expect(outputs['output']?.dims).toEqual([1, 1]);
      expect(outputs['output']?.data).toBeInstanceOf(Float32Array);
      expect(outputs['stateN']?.dims).toEqual([2, 1, 128]);
      const probability = outputs['output']?.data[0] as number;
      expect(probability).toBeGreaterThanOrEqual(0);
      expect(probability).toBeLessThan(0.5); // silence
    } finally {
      await session.release();
    }
  });
});
