// Sessions of a model's bytes on onnxruntime-node, as the optimizer's RunnerFactory: what validates a
// variant (a session is actually created) and runs calibration when the optimizer runs from the command
// line and in the unit tests. The browser passes its own factory on ORT-web instead.

import * as ort from 'onnxruntime-node';
import type { RunnerFactory } from '../../src/optimizer/optimize';
import { ortSessionRunner } from '../../src/runtimes/ort/ort-tensors';

/** Creates onnxruntime-node sessions (CPU, `threads` intra-op threads) from model bytes. */
export function nodeRunnerFactory(threads = 1): RunnerFactory {
  return async (modelBytes) => {
    const session = await ort.InferenceSession.create(modelBytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    });
    return { ...ortSessionRunner(session, ort.Tensor), release: () => session.release() };
  };
}
