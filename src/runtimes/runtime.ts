// What a model runtime must offer the engine: turn verified model bytes into a TensorRunner on a
// backend, and release it. ONNX Runtime Web is the first; Transformers.js and user-supplied .onnx
// files plug in here without the UI changing.

import type { BackendId } from '../core/backends';
import type { TensorRunner } from '../core/tensor';

export interface SessionInfo {
  readonly backend: BackendId;
  /** wasm threads the runtime was started with. */
  readonly threads: number;
  readonly createMs: number;
}

export interface ModelSession extends TensorRunner {
  readonly info: SessionInfo;
  release(): Promise<void>;
}

/** A session made to look inside: the runtime's verbose creation log, and profiling of its runs. */
export interface DiagnosticSession extends ModelSession {
  /** What the runtime logged while creating the session (node placement among it). */
  readonly creationLog: readonly string[];
  /** Stops profiling and returns the profiler's output lines. */
  endProfiling(): Promise<string[]>;
}

export interface ModelRuntime {
  readonly name: string;
  readonly version: string;
  createSession(modelBytes: Uint8Array, backend: BackendId, label: string): Promise<ModelSession>;
  createDiagnosticSession(
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
  ): Promise<DiagnosticSession>;
}
