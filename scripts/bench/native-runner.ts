// The headless runner's native reference (`--native`): the same models, on the same inputs, through the
// same workloads as the browser, but on onnxruntime-node's CPU provider. It shows how far the browser's
// wasm numbers are from native ORT on this machine, and checks that native outputs agree with the
// browser's. Node only (native binding, file system), so it lives in scripts/, not in src/.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { errorMessage } from '../../src/core/errors';
import type { TensorData, TensorRunner, TensorValues } from '../../src/core/tensor';
import { verifyModelFile } from '../../src/catalog/integrity';
import { parseDictionary } from '../../src/tasks/ocr/dictionary';
import { findModel, modelFile, type ModelFile, type ModelRecord } from '../../src/catalog/model-record';
import { AGREEMENT_TOLERANCE, agreementVerdict, compareTensor } from '../../src/task-kit/agreement';
import type { NativeCell, NativeReference, OutputAgreement } from '../../src/bench/run-record';
import { summarize } from '../../src/bench/statistics';
import { compareTaskOutputs } from '../../src/task-kit/task-output';
import { createWorkload, type ReferenceOutputs, type WorkloadInput } from '../../src/task-kit/workloads';

/** What the headless CLI extracts from the browser page per model: its input and the wasm outputs on it. */
export interface BrowserReference {
  /** The browser cell the outputs come from, e.g. `wasm-1t`. */
  readonly backendConfigId: string;
  readonly input: WorkloadInput;
  readonly outputs: ReferenceOutputs;
}

export interface NativeRunOptions {
  /** intraOpNumThreads of every session. */
  readonly threads: number;
  /** Untimed runs after the first inference. */
  readonly warmupRuns: number;
  /** Timed runs per model. */
  readonly runs: number;
  /** Directory holding <model id>/<file name>; public/models by default. */
  readonly modelsDir?: string;
  /** Called as each model finishes, ok or failed. */
  readonly onCell?: (cell: NativeCell) => void;
}

export const DEFAULT_MODELS_DIR = 'public/models';

/** The onnxruntime-node package version, e.g. "1.30.0". */
export function nativeRuntimeVersion(): string {
  return ort.env.versions.node ?? 'unknown';
}

function toOrtTensor(tensor: TensorData): ort.Tensor {
  return new ort.Tensor(tensor.type, tensor.data, [...tensor.dims]);
}

function fromOrtTensor(tensor: ort.Tensor): TensorData {
  return { type: tensor.type as TensorData['type'], data: tensor.data as TensorValues, dims: tensor.dims };
}

/** A TensorRunner over an onnxruntime-node session: the same interface the browser's workloads use. */
export function createNodeRunner(session: ort.InferenceSession): TensorRunner {
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const inputs: Record<string, ort.Tensor> = {};
      for (const name in feeds) inputs[name] = toOrtTensor(feeds[name] as TensorData);
      const outputs = await session.run(inputs);
      const result: Record<string, TensorData> = {};
      for (const name in outputs) {
        const tensor = outputs[name] as ort.Tensor;
        result[name] = fromOrtTensor(tensor);
        // A no-op for CPU tensors today; their data stays readable after it.
        tensor.dispose();
      }
      return result;
    },
  };
}

async function readVerified(modelsDir: string, model: ModelRecord, file: ModelFile): Promise<Uint8Array> {
  const path = join(modelsDir, model.id, file.name);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`Cannot read ${path} (run \`npm run prepare-models\`): ${errorMessage(error)}`, {
      cause: error,
    });
  }
  await verifyModelFile(bytes, { sha256: file.sha256, bytes: file.bytes }, `${model.id}/${file.name}`);
  return bytes;
}

function agreementWith(reference: BrowserReference, candidate: ReferenceOutputs): OutputAgreement {
  const tensors = Object.entries(reference.outputs.tensors).map(([name, values]) => {
    const other = candidate.tensors[name];
    if (!other) throw new Error(`Output "${name}" is missing from the native outputs`);
    return compareTensor(name, values, other);
  });
  return agreementVerdict(
    tensors,
    compareTaskOutputs(reference.outputs.task, candidate.task),
    AGREEMENT_TOLERANCE,
    reference.backendConfigId,
  );
}

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function runModel(
  modelId: string,
  reference: BrowserReference,
  options: NativeRunOptions,
  modelsDir: string,
): Promise<NativeCell> {
  const model = findModel(modelId);
  const modelBytes = await readVerified(modelsDir, model, modelFile(model, 'model'));
  const charset =
    model.task === 'ocr-recognition'
      ? parseDictionary(
          new TextDecoder().decode(await readVerified(modelsDir, model, modelFile(model, 'dictionary'))),
        )
      : undefined;
  const session = await ort.InferenceSession.create(modelBytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  try {
    const workload = createWorkload(model, createNodeRunner(session), reference.input, charset);
    await workload.runOnce();
    for (let run = 0; run < options.warmupRuns; run++) await workload.runOnce();
    const samplesMs: number[] = [];
    for (let run = 0; run < options.runs; run++) samplesMs.push(await timed(() => workload.runOnce()));
    const outputs = await workload.referenceOutputs();
    return {
      modelId,
      threads: options.threads,
      status: 'ok',
      samplesMs,
      stats: summarize(samplesMs),
      agreement: agreementWith(reference, outputs),
    };
  } finally {
    await session.release();
  }
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/**
 * Runs every model in `references` on onnxruntime-node (CPU) with the browser's inputs: model files
 * verified against the registry, a first inference, `warmupRuns` untimed and `runs` timed inferences,
 * then the outputs compared with the browser's. A model that fails becomes a 'failed' cell; the rest still run.
 */
export async function runNativeReference(
  references: Readonly<Record<string, BrowserReference>>,
  options: NativeRunOptions,
): Promise<NativeReference> {
  checkCount('threads', options.threads, 1);
  checkCount('warmupRuns', options.warmupRuns, 0);
  checkCount('runs', options.runs, 1);
  const modelsDir = resolve(options.modelsDir ?? DEFAULT_MODELS_DIR);
  const cells: NativeCell[] = [];
  for (const [modelId, reference] of Object.entries(references)) {
    let cell: NativeCell;
    try {
      cell = await runModel(modelId, reference, options, modelsDir);
    } catch (error) {
      cell = {
        modelId,
        threads: options.threads,
        status: 'failed',
        reason: errorMessage(error),
        samplesMs: [],
      };
    }
    cells.push(cell);
    options.onCell?.(cell);
  }
  return { runtime: `onnxruntime-node ${nativeRuntimeVersion()}`, cells };
}
