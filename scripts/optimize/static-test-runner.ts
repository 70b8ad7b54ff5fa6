// A RunnerFactory over onnxruntime-node for the int8-static tests and measurements (calibration runs
// and output comparisons in Node). Kept in one place so it can be swapped for the optimizer's shared
// Node runner (scripts/optimize/node-runner.ts) when that lands.

import * as ort from 'onnxruntime-node';
import type { TensorData } from '../../src/core/tensor';
import type { RunnerFactory } from '../../src/optimizer/optimize';

/** Sessions of model bytes on onnxruntime-node, `threads` intra-op threads (1 unless set). */
export function staticTestRunner(threads = 1): RunnerFactory {
  return async (bytes) => {
    const session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    });
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      async run(feeds) {
        const inputs = Object.fromEntries(
          Object.entries(feeds).map(([name, tensor]) => [
            name,
            new ort.Tensor(tensor.type, tensor.data, [...tensor.dims]),
          ]),
        );
        const outputs = await session.run(inputs);
        return Object.fromEntries(
          Object.entries(outputs).map(([name, tensor]): [string, TensorData] => [
            name,
            {
              type: tensor.type as TensorData['type'],
              data: tensor.data as TensorData['data'],
              dims: tensor.dims,
            },
          ]),
        );
      },
      release: () => session.release(),
    };
  };
}
