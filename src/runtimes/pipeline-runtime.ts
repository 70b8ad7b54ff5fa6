// What a pipeline runtime offers the engine: a model's whole task pipeline (tokenizer or image
// processor, model and post-processing) rather than bare tensors. Transformers.js
// (src/runtimes/transformers/) is the first; the engine lends its pipelines to tasks as it lends ONNX
// Runtime sessions, so the UI never knows which runtime a task uses.

import type { BackendId } from '../core/backends';
import type { ProgressListener } from '../core/progress';
import type { TensorData } from '../core/tensor';
import type { FileRead, ModelRecord } from '../catalog/model-record';
import type { RgbaImage } from '../inputs/image';

/** A classifier's label with its softmax score. */
export interface ScoredLabel {
  readonly label: string;
  readonly score: number;
}

export interface TextClassifier {
  /** The `topK` most likely labels of each text, best first. */
  classify(texts: readonly string[], topK: number): Promise<ScoredLabel[][]>;
  /** The model's own input tensors for each text, as the pipeline's tokenizer makes them. */
  tokenize(texts: readonly string[]): Promise<Record<string, TensorData>[]>;
  dispose(): Promise<void>;
}

export interface ImageClassifier {
  /** The `topK` most likely labels of the image, best first (the model's processor resizes it). */
  classify(image: RgbaImage, topK: number): Promise<ScoredLabel[]>;
  dispose(): Promise<void>;
}

export interface TextEmbedder {
  /** One mean-pooled, unit-length vector per text. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface GenerateOptions {
  /** At most this many new tokens (an end-of-text token among them). */
  readonly maxNewTokens: number;
  /** After each new token but the end-of-text one, and once at the end: the generated text so far
   * (whole words until the end, special tokens left out) and how many tokens made it. */
  readonly onToken?: (progress: { readonly text: string; readonly tokenCount: number }) => void;
  /** Asked after each new token; true ends the generation there. */
  readonly shouldStop?: () => boolean;
}

/** One greedy generation, timed from the call: what a view shows and what a benchmark records. */
export interface Generation {
  /** The new text, without the prompt. */
  readonly text: string;
  /** New tokens, the end-of-text token included when the model gave one. */
  readonly tokenCount: number;
  /** From the call (tokenizing and reading the prompt included) to the first new token. */
  readonly ttftMs: number;
  /** New tokens after the first, per second after the first; null with fewer than two tokens. */
  readonly tokensPerS: number | null;
  /** The whole call. */
  readonly totalMs: number;
  /** Ended by `shouldStop` rather than by the model or the token limit. */
  readonly stopped: boolean;
}

export interface TextGenerator {
  /** Continues `prompt` greedily (no sampling: the same prompt gives the same text). */
  generate(prompt: string, options: GenerateOptions): Promise<Generation>;
  dispose(): Promise<void>;
}

export interface PipelineKinds {
  readonly 'text-classification': TextClassifier;
  readonly 'feature-extraction': TextEmbedder;
  readonly 'text-generation': TextGenerator;
  readonly 'image-classification': ImageClassifier;
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
  /** The ONNX Runtime Web build its sessions run on, e.g. "jspi" (the benchmark starts that build first). */
  readonly ortBuild: string;
  /** Where it reads Hub models from, when the user allows it; absent for a runtime without one. */
  readonly remote?: RemoteModels;
  load<K extends PipelineKind>(
    kind: K,
    model: ModelRecord,
    options: PipelineOptions,
  ): Promise<{ readonly pipeline: PipelineKinds[K]; readonly load: PipelineLoad }>;
  /** Code a developer can paste to load the same pipeline with this runtime. */
  setupSnippet(
    kind: PipelineKind,
    modelId: string,
    options: Pick<PipelineOptions, 'backend' | 'dtype'>,
  ): string;
}
