// The headless runner's native reference (`--native`): the same models, on the same inputs, through the
// same workloads as the browser, but on onnxruntime-node's CPU provider. It shows how far the browser's
// wasm numbers are from native ORT on this machine, and checks that native outputs agree with the
// browser's. Node only (native binding, file system), so it lives in scripts/, not in src/.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { errorMessage } from '../../src/core/errors';
import type { TensorRunner } from '../../src/core/tensor';
import { createMemo } from '../../src/core/memo';
import { timed } from '../../src/core/timing';
import { verifyModelFile } from '../../src/catalog/integrity';
import { modelFile, type ModelFile, type ModelRecord } from '../../src/catalog/model-record';
import { readSessionModel } from '../../src/catalog/session-model';
import type { NativeCell, NativeReference } from '../../src/bench/run-record';
import { summarize } from '../../src/bench/statistics';
import { ortSessionRunner } from '../../src/runtimes/ort/ort-tensors';
import { agreementWith } from '../../src/task-kit/agreement';
import { sessionBenchmarkOf, type TaskFiles } from '../../src/task-kit/task';
import type { ReferenceOutputs, WorkloadInput } from '../../src/task-kit/workload';
import { builtinCatalog, TASKS } from '../../src/tasks';

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

/** A TensorRunner over an onnxruntime-node session: the same interface the browser's workloads use. */
export function createNodeRunner(session: ort.InferenceSession): TensorRunner {
  return ortSessionRunner(session, ort.Tensor);
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

/** The task files a workload may read, from the models directory, each read and verified once. */
function nodeTaskFiles(modelsDir: string): TaskFiles {
  const catalog = builtinCatalog();
  return {
    modelFile: (modelId, role) => {
      const model = catalog.get(modelId);
      return readVerified(modelsDir, model, modelFile(model, role));
    },
    appFile: (path) => readFile(join('public', path)).then((bytes) => new Uint8Array(bytes)),
    memo: createMemo(),
  };
}

async function runModel(
  modelId: string,
  reference: BrowserReference,
  options: NativeRunOptions,
  modelsDir: string,
  files: TaskFiles,
): Promise<NativeCell> {
  const model = builtinCatalog().get(modelId);
  const { loaded: modelBytes } = await readSessionModel(model, (file) =>
    readVerified(modelsDir, model, file),
  );
  const session = await ort.InferenceSession.create(modelBytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  try {
    const workload = await sessionBenchmarkOf(TASKS, model).workload(
      model,
      createNodeRunner(session),
      reference.input,
      files,
    );
    // Readied untimed before each run, as in the browser (a VAD stream resets there, not inside a timing).
    const runOnce = () => {
      workload.prepareRuns?.(1);
      return workload.runOnce();
    };
    await runOnce();
    for (let run = 0; run < options.warmupRuns; run++) await runOnce();
    const samplesMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      workload.prepareRuns?.(1);
      samplesMs.push(await timed(() => workload.runOnce()));
    }
    const outputs = await workload.referenceOutputs();
    return {
      modelId,
      threads: options.threads,
      status: 'ok',
      samplesMs,
      stats: summarize(samplesMs),
      agreement: agreementWith(
        reference.outputs,
        reference.backendConfigId,
        outputs,
        sessionBenchmarkOf(TASKS, model).compareOutputs,
      ),
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
  const files = nodeTaskFiles(modelsDir);
  const cells: NativeCell[] = [];
  for (const [modelId, reference] of Object.entries(references)) {
    let cell: NativeCell;
    try {
      cell = await runModel(modelId, reference, options, modelsDir, files);
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
