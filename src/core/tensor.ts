// Runtime-neutral tensors and the one call a task pipeline needs from a runtime.
// Task code (src/tasks) speaks only this, so the same OCR or VAD pipeline runs on ORT-web,
// on Transformers.js' ORT, or on onnxruntime-node in a reference run.

export type TensorElementType = 'float32' | 'int64' | 'int32' | 'uint8' | 'bool';

export type TensorValues = Float32Array | BigInt64Array | Int32Array | Uint8Array;

export interface TensorData {
  readonly type: TensorElementType;
  readonly data: TensorValues;
  readonly dims: readonly number[];
}

/** A loaded model that turns named input tensors into named output tensors. */
export interface TensorRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Readonly<Record<string, TensorData>>): Promise<Record<string, TensorData>>;
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): TensorData {
  return { type: 'float32', data, dims };
}

export function int64Scalar(value: number): TensorData {
  return { type: 'int64', data: BigInt64Array.of(BigInt(value)), dims: [] };
}

/** Reads a float32 output, failing with the output's name when the model returned something else. */
export function expectFloat32(
  outputs: Record<string, TensorData>,
  name: string,
): TensorData & { data: Float32Array } {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`Model output "${name}" is missing (got: ${Object.keys(outputs).join(', ')})`);
  if (!(tensor.data instanceof Float32Array))
    throw new Error(`Model output "${name}" is ${tensor.type}, expected float32`);
  return tensor as TensorData & { data: Float32Array };
}
