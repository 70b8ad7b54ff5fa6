// What the app knows about a model, whatever its source: its files with sha256, what it expects and
// returns, its licence and provenance. Built-in records live with their task (src/tasks/*/models.ts);
// scripts/prepare-models.ts copies their files from npm packages and writes a manifest from them, and
// the worker verifies downloaded bytes against the sha256 here.

interface FileFacts {
  /** File name under public/models/<id>/. */
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A file as its npm package publishes it. */
export interface PackagedFile extends FileFacts {
  readonly role: 'model' | 'dictionary';
  /** Path of the file inside its npm package. */
  readonly packagePath: string;
}

/**
 * The model file after ONNX Runtime's basic graph optimizations (constants folded, BatchNormalization
 * folded into Conv, redundant nodes removed), saved by onnxruntime-node when the models are prepared.
 * The maths is the published model's; sessions load it because ORT then has less to do at creation
 * (`npm run bench:sessions`: PP-OCRv4 detection 112 → 97 ms, recognition 138 → 89 ms, wasm, 1 thread).
 * Basic optimizations use only standard ONNX operators, so the file runs on every backend. Its bytes
 * depend on the ORT version and can on the CPU that folded the constants; where they differ from the
 * sha256 here, prepare-models leaves the file out and sessions load the published model.
 */
export interface OptimizedFile extends FileFacts {
  readonly role: 'optimized-model';
  /** The packaged file it was made from. */
  readonly optimizedFrom: string;
  readonly level: 'basic';
}

export type ModelFile = PackagedFile | OptimizedFile;

export interface ModelRecord {
  readonly id: string;
  readonly displayName: string;
  /** What the model does within its task, e.g. "ocr-recognition" or "voice-activity". */
  readonly task: string;
  /** The runtime family that runs it, e.g. "onnxruntime". */
  readonly runtime: string;
  readonly files: readonly ModelFile[];
  /** What the model expects, in words a person reads on the model card. */
  readonly inputSpec: string;
  readonly outputSpec: string;
  readonly license: string;
  readonly npmPackage: string;
  readonly originProject: string;
  readonly originUrl: string;
  readonly modelCardUrl: string;
  readonly paperUrl?: string;
  readonly intendedUse: string;
  readonly limitations: readonly string[];
}

export function modelFile(model: ModelRecord, role: ModelFile['role']): ModelFile {
  const file = model.files.find((candidate) => candidate.role === role);
  if (!file) throw new Error(`Model "${model.id}" has no ${role} file`);
  return file;
}

/** The files a session may load, best first: the pre-optimized model when the record has one, then the published one. */
export function sessionModelFiles(model: ModelRecord): ModelFile[] {
  const optimized = model.files.find((file) => file.role === 'optimized-model');
  return optimized ? [optimized, modelFile(model, 'model')] : [modelFile(model, 'model')];
}
