// The VAD evaluation and calibration with the real Silero v5 model (onnxruntime-web's wasm backend in
// Node) on the clips spliced from the app's own sample: the fp32 model's frames agree with the truth,
// a model that hears nothing scores only the silences, and calibration feeds are a real run's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../catalog/model-record';
import type { TensorRunner } from '../../core/tensor';
import { createOrtRuntime } from '../../runtimes/ort/ort-runtime';
import type { ModelSession } from '../../runtimes/runtime';
import { scoreAgainstReference } from '../../task-kit/evaluation';
import type { TaskFiles } from '../../task-kit/task';
import { VAD_MODELS } from './models';
import { VAD_EVALUATION, vadCalibrationData } from './evaluation';

const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

function appFiles(): TaskFiles {
  const memos = new Map<string, Promise<unknown>>();
  return {
    modelFile: () => Promise.reject(new Error('no model files here')),
    appFile: (path) => Promise.resolve(new Uint8Array(readFileSync(repoFile(`public/${path}`)))),
    memo: <T>(key: string, make: () => Promise<T>) => {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as Promise<T>;
    },
  };
}

const SILERO_V5 = VAD_MODELS.find((model) => model.id === 'silero-vad-v5')!;
let session: ModelSession;

beforeAll(async () => {
  const runtime = createOrtRuntime({ threads: 1, jspi: false });
  const bytes = readFileSync(repoFile('node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
  session = await runtime.createSession(new Uint8Array(bytes), 'wasm', 'silero-vad-v5');
});

afterAll(async () => {
  await session.release();
});

/** A stand-in for a broken variant: the model's outputs with every speech probability 0. */
function deaf(runner: TensorRunner): TensorRunner {
  return {
    ...runner,
    inputNames: runner.inputNames,
    outputNames: runner.outputNames,
    run: async (feeds) => {
      const outputs = await runner.run(feeds);
      return { ...outputs, output: { ...outputs.output!, data: new Float32Array(1) } };
    },
  };
}

describe('VAD_EVALUATION', () => {
  it("scores the fp32 model's speech frames against the spliced clips' truth", async () => {
    const progress: number[] = [];
    const { result, outputs } = await VAD_EVALUATION.evaluate(SILERO_V5, session, appFiles(), (done) =>
      progress.push(done),
    );
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(result.items).toBe(822);
    expect(result.scores[0]?.metric).toBe('frame agreement with the truth');
    expect(result.scores[0]?.value).toBeGreaterThan(0.9);
    if (outputs.kind !== 'frames') throw new Error('expected frames');
    expect(outputs.speech.filter(Boolean).length).toBeGreaterThan(300);

    // A model that never hears speech agrees only on the silences, and with fp32 on as few frames.
    const silent = await VAD_EVALUATION.evaluate(SILERO_V5, deaf(session), appFiles(), () => {});
    expect(silent.result.scores[0]?.value).toBeLessThan(0.6);
    const [withFp32] = scoreAgainstReference(outputs, silent.outputs);
    expect(withFp32?.value).toBeCloseTo(1 - outputs.speech.filter(Boolean).length / outputs.speech.length, 9);
  }, 120_000);
});

describe('vadCalibrationData', () => {
  it('takes feeds spread over the calibration clips with the state a real run carried', async () => {
    const data = await vadCalibrationData(SILERO_V5, session, appFiles(), 40);
    expect(data.feeds).toHaveLength(40);
    expect(data.description).toMatch(/^40 of \d+ frames of 2 spliced speech clips \(calibration split/);
    for (const feed of data.feeds) {
      expect(Object.keys(feed).sort()).toEqual(['input', 'sr', 'state']);
      expect(feed.input?.dims).toEqual([1, 576]);
    }
    // The first feed starts a clip (zero state); later ones carry what the model returned.
    const stateNorm = (index: number) =>
      Array.from(data.feeds[index]!.state!.data as Float32Array).reduce(
        (sum, value) => sum + Math.abs(value),
        0,
      );
    expect(stateNorm(0)).toBe(0);
    expect(stateNorm(10)).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a count below one', async () => {
    await expect(vadCalibrationData(SILERO_V5, session, appFiles(), 0)).rejects.toThrow(/at least one feed/);
  });

  it('serves a variant of the model by its parent', async () => {
    const variant: ModelRecord = {
      ...SILERO_V5,
      id: 'silero-vad-v5~int8-static',
      variant: {
        parentId: 'silero-vad-v5',
        parentSha256: 'a'.repeat(64),
        method: 'int8-static',
        optimizerVersion: '1.0.0',
        createdAt: '2026-12-02T00:00:00Z',
        summary: [],
      },
    };
    expect((await vadCalibrationData(variant, session, appFiles(), 2)).feeds).toHaveLength(2);
  }, 60_000);
});
