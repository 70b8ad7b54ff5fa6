// What a pipeline runtime offers the engine: a model's whole task pipeline (tokenizer, model and
// post-processing) rather than bare tensors. Transformers.js (src/runtimes/transformers/) is the
// first; the engine lends its pipelines to tasks as it lends ONNX Runtime sessions, so the UI never
// knows which runtime a task uses.

import type { BackendId } from '../core/backends';
import type { ProgressListener } from '../core/progress';
import type { FileRead, ModelRecord } from '../catalog/model-record';

export interface TextLabel {
  readonly label: string;
  readonly score: number;
}

export interface TextClassifier {
  /** The `topK` most likely labels of each text, best first. */
  classify(texts: readonly string[], topK: number): Promise<TextLabel[][]>;
  dispose(): Promise<void>;
}

export interface TextEmbedder {
  /** One mean-pooled, unit-length vector per text. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface PipelineKinds {
  readonly 'text-classification': TextClassifier;
  readonly 'feature-extraction': TextEmbedder;
}
export type PipelineKind = keyof PipelineKinds;

export interface PipelineOptions {
  readonly backend: BackendId;
  /** The precision of the model file to load (fp32, fp16, q8, …), as the model's files name it. */
  readonly dtype: string;
  readonly onProgress?: ProgressListener;
}

/** What loading a pipeline took: bytes read and the time spent reading them, of the whole load. */
export interface PipelineLoad {
  readonly bytes: number;
  readonly fetchMs: number;
  readonly totalMs: number;
  /** Each file read, in order, with its sha256 and (for a Hub model) whether the Hub cache had it. */
  readonly files: readonly FileRead[];
}

/** A file in the runtime's cache of remote (Hub) files. */
export interface CachedRemoteFile {
  readonly url: string;
  readonly bytes: number;
}

/** The remote model host (the Hugging Face Hub) a pipeline runtime reads from when the user allows it. */
export interface RemoteModels {
  /** The host's origin, e.g. https://huggingface.co. */
  readonly host: string;
  /** Off by default; while off, no request leaves the page's origin. */
  setEnabled(enabled: boolean): void;
  enabled(): boolean;
  cached(): Promise<CachedRemoteFile[]>;
  clearCache(): Promise<void>;
}

export interface PipelineRuntime {
  readonly name: string;
  readonly version: string;
  /** Where it reads Hub models from, when the user allows it; absent for a runtime without one. */
  readonly remote?: RemoteModels;
  load<K extends PipelineKind>(
    kind: K,
    model: ModelRecord,
    options: PipelineOptions,
  ): Promise<{ readonly pipeline: PipelineKinds[K]; readonly load: PipelineLoad }>;
}
