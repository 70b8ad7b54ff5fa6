// The one bridge between our runtime-neutral tensors and ONNX Runtime's, for every ORT package we
// run: onnxruntime-web in the worker and in Node tests, onnxruntime-node in the native reference.
// Both packages share onnxruntime-common's types (re-exported by onnxruntime-web, which is why the
// types come from there); the caller passes its own package's Tensor class.

import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { TensorData, TensorRunner, TensorValues } from '../../core/tensor';

/** The Tensor class of an ORT package (`ort.Tensor`). */
export type OrtTensorClass = new (
  type: TensorData['type'],
  data: TensorValues,
  dims: readonly number[],
) => Tensor;

export function toOrtTensor(TensorClass: OrtTensorClass, tensor: TensorData): Tensor {
  return new TensorClass(tensor.type, tensor.data, [...tensor.dims]);
}

/** CPU outputs are readable at once; GPU-resident ones are downloaded first. */
export async function fromOrtTensor(tensor: Tensor): Promise<TensorData> {
  const data = (tensor.location === 'cpu' ? tensor.data : await tensor.getData()) as TensorValues;
  return { type: tensor.type as TensorData['type'], data, dims: tensor.dims };
}

/**
 * Runs an ORT session on our tensors. Plain loops: on sub-millisecond models (Silero VAD) per-call
 * overhead shows in the benchmark. Inputs wrap our own CPU arrays, so they hold nothing to dispose;
 * every output is disposed once read.
 */
export async function runOrtSession(
  session: InferenceSession,
  TensorClass: OrtTensorClass,
  feeds: Readonly<Record<string, TensorData>>,
): Promise<Record<string, TensorData>> {
  const inputs: Record<string, Tensor> = {};
  for (const name in feeds) inputs[name] = toOrtTensor(TensorClass, feeds[name] as TensorData);
  const outputs = await session.run(inputs);
  const result: Record<string, TensorData> = {};
  for (const name in outputs) {
    const tensor = outputs[name] as Tensor;
    result[name] = await fromOrtTensor(tensor);
    tensor.dispose();
  }
  return result;
}

/** A TensorRunner over any ORT package's session. */
export function ortSessionRunner(session: InferenceSession, TensorClass: OrtTensorClass): TensorRunner {
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run: (feeds) => runOrtSession(session, TensorClass, feeds),
  };
}
