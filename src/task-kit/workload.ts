// What one timed inference is, in general terms: a task's benchmark builds a Workload on a model's
// runner (or pipeline) and its benchmark input, the cell runner times `runOnce`, and `referenceOutputs` gives the
// tensors and the task-level output that agreement across backends (and with native ORT) compares.
// Pure: the browser worker and the headless runner's onnxruntime-node reference run the same code.

import type { TensorData, TensorRunner } from '../core/tensor';
import { expectFloat32 } from '../core/tensor';
import type { RgbaImage } from '../inputs/image';
import type { TaskOutput } from './task-output';

export interface ReferenceOutputs {
  /** Output name → values, compared element by element with the wasm reference. */
  readonly tensors: Record<string, Float32Array>;
  readonly task: TaskOutput;
}

export interface Workload {
  readonly inputDescription: string;
  /** One timed inference, reading its outputs back. */
  runOnce(): Promise<void>;
  /** Untimed, before every timed sample: readies the next `calls` runOnce calls so none of them does
   * bookkeeping of its own (a stream that would wrap resets here, outside the timing). */
  prepareRuns?(calls: number): void;
  /** Outputs on the canonical input, for agreement across backends (untimed). */
  referenceOutputs(): Promise<ReferenceOutputs>;
  /** What one run produced, counted, for work that is measured per item (a generation's tokens): read
   * after the timed runs, so a benchmark shows items per second next to the time per run. */
  unitsPerRun?(): { readonly count: number; readonly unit: string };
}

/** The input a model is benchmarked on: an image (page or text line), 16 kHz speech, lines of
 * text, or a prompt to continue. */
export type WorkloadInput =
  | { readonly kind: 'image'; readonly image: RgbaImage }
  | { readonly kind: 'speech'; readonly samples16k: Float32Array }
  | { readonly kind: 'texts'; readonly texts: readonly string[] }
  | { readonly kind: 'prompt'; readonly prompt: string; readonly maxNewTokens: number };

/** Runs a one-input model and returns its first output, read back. */
export async function runSingle(
  runner: TensorRunner,
  input: TensorData,
): Promise<TensorData & { data: Float32Array }> {
  const [inputName] = runner.inputNames;
  const [outputName] = runner.outputNames;
  if (!inputName || !outputName) throw new Error('The model has no input or no output');
  return expectFloat32(await runner.run({ [inputName]: input }), outputName);
}

/** A workload for a model with one input and one output; `interpret` reads the task output from it. */
export function singleInputWorkload(
  runner: TensorRunner,
  input: TensorData,
  inputDescription: string,
  interpret: (output: Float32Array, dims: readonly number[]) => Promise<TaskOutput> | TaskOutput,
): Workload {
  return {
    inputDescription,
    runOnce: async () => {
      await runSingle(runner, input);
    },
    referenceOutputs: async () => {
      const output = await runSingle(runner, input);
      return {
        tensors: { [runner.outputNames[0] ?? 'output']: output.data },
        task: await interpret(output.data, output.dims),
      };
    },
  };
}

/** Input names, element types and shapes of one inference, for a bare-runtime comparison loop. */
export type FeedShape = readonly [name: string, type: 'float32' | 'int64', dims: readonly number[]];
