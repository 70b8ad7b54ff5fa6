// What a model runtime must offer the engine: turn verified model bytes into a TensorRunner on a
// backend, release it, and describe itself. ONNX Runtime Web (src/runtimes/ort/) is the first;
// Transformers.js and others plug in here without the engine, the benchmark or the UI changing.
// Everything runtime-specific (provider names, session options, log parsing, code snippets) stays
// behind this interface.

import type { BackendConfig } from '../core/backend-config';
import type { BackendId } from '../core/backends';
import type { TensorRunner } from '../core/tensor';
import type { NodePlacement, OperatorTime } from './diagnostics';

/** How a session is made beyond its backend; each runtime says which values it knows. */
export interface SessionSettings {
  /** Which build of the runtime runs it (ONNX Runtime Web: jsep, jspi, plain); the runtime's choice when absent. */
  readonly build?: string;
  /** Session options as key=value text, from a benchmark config such as `wasm-1t~opt=basic`. The runtime
   * knows their meaning: it rejects a key or value it does not know, naming the key and the accepted ones. */
  readonly options?: Readonly<Record<string, string>>;
}

export interface SessionInfo {
  readonly backend: BackendId;
  /** The build of the runtime that runs the session, e.g. "jspi". */
  readonly build: string;
  /** wasm threads the runtime was started with. */
  readonly threads: number;
  readonly createMs: number;
}

export interface ModelSession extends TensorRunner {
  readonly info: SessionInfo;
  release(): Promise<void>;
}

/** A session made to look inside: where its nodes were placed, and a profile of its runs. */
export interface DiagnosticSession extends ModelSession {
  /** Which provider (device) got each node, as the runtime reported it at creation. */
  readonly placement: NodePlacement;
  /** Stops profiling and returns the time per operator type over the runs so far. */
  endProfiling(): Promise<OperatorTime[]>;
}

export interface ModelRuntime {
  readonly name: string;
  readonly version: string;
  /** wasm threads the runtime was started with. */
  readonly threads: number;
  /**
   * Starts what the runtime needs for a backend before any model is there (its code compiled, its
   * threads and device set up), so that cost can overlap a download and is not charged to the first
   * session. Resolves at once when already started; a failure is the backend's, with the reason.
   */
  start(backend: BackendId, settings?: SessionSettings): Promise<void>;
  createSession(
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
    settings?: SessionSettings,
  ): Promise<ModelSession>;
  createDiagnosticSession(
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
    settings?: SessionSettings,
  ): Promise<DiagnosticSession>;
  /** Code a developer can paste to create the same session with this runtime. */
  setupSnippet(config: BackendConfig): string;
  /** Bytes of the runtime's WASM heap(s) now, where it can see them. */
  wasmHeapBytes?(): number | undefined;
}
