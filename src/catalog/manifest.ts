// The per-model manifest written next to each model's files (public/models/<id>/manifest.json):
// provenance, licence and hashes a person can read on the model card, built from the registry
// and the bytes actually copied. `checkManifest` finds where a manifest and the registry disagree.

import { modelDtypes, type ModelFile, type ModelRecord, type VariantLineage } from './model-record';

export interface ManifestFile {
  readonly name: string;
  readonly role: ModelFile['role'];
  readonly sha256: string;
  readonly bytes: number;
  /** For a pre-optimized model: the file it was made from, and what made it. */
  readonly optimizedFrom?: string;
  readonly optimizer?: string;
}

export interface ModelManifest {
  readonly schema: 'on-device-lab/model-manifest@1';
  readonly id: string;
  readonly displayName: string;
  readonly task: string;
  readonly runtime: string;
  readonly license: string;
  /** The npm package the files were copied from (and its version), the generator that made them (and
   * the app's version), or the Hub host they were downloaded from (and the revision's commit). */
  readonly source: {
    readonly package?: string;
    readonly generator?: string;
    readonly hub?: string;
    readonly version: string;
    readonly files: readonly string[];
  };
  /** The precisions the model has files for (fp32, fp16, …). */
  readonly dtypes: readonly string[];
  /** Weights in its (first) model file, counted from the ONNX graph when the files were written. */
  readonly parameters?: number;
  readonly origin: { readonly project: string; readonly url: string };
  readonly modelCardUrl: string;
  readonly paperUrl?: string;
  readonly intendedUse: string;
  readonly inputSpec: string;
  readonly outputSpec: string;
  readonly limitations: readonly string[];
  readonly files: readonly ManifestFile[];
  /** For a variant the optimizer made (`npm run optimize`): the model it was made from, and how. */
  readonly variant?: VariantLineage;
}

export const MANIFEST_FILE_NAME = 'manifest.json';

export function buildManifest(
  record: ModelRecord,
  packageVersion: string,
  copied: readonly ManifestFile[],
  parameters?: number,
): ModelManifest {
  return {
    schema: 'on-device-lab/model-manifest@1',
    id: record.id,
    displayName: record.displayName,
    task: record.task,
    runtime: record.runtime,
    license: record.license,
    source: {
      ...(record.npmPackage !== undefined ? { package: record.npmPackage } : {}),
      ...(record.generator !== undefined ? { generator: record.generator } : {}),
      version: packageVersion,
      files: record.files.flatMap((file) =>
        'packagePath' in file ? [file.packagePath] : file.role === 'optimized-model' ? [] : [file.name],
      ),
    },
    dtypes: modelDtypes(record),
    ...(parameters !== undefined ? { parameters } : {}),
    origin: { project: record.originProject, url: record.originUrl },
    modelCardUrl: record.modelCardUrl,
    ...(record.paperUrl ? { paperUrl: record.paperUrl } : {}),
    intendedUse: record.intendedUse,
    inputSpec: record.inputSpec,
    outputSpec: record.outputSpec,
    limitations: record.limitations,
    files: copied,
    ...(record.variant ? { variant: record.variant } : {}),
  };
}

/** Every way the manifest disagrees with the registry record, as sentences; empty when they agree. */
export function checkManifest(manifest: ModelManifest, record: ModelRecord): string[] {
  const problems: string[] = [];
  if (manifest.id !== record.id) problems.push(`manifest is for "${manifest.id}", expected "${record.id}"`);
  if (manifest.license !== record.license) {
    problems.push(`licence "${manifest.license}" differs from the registry's "${record.license}"`);
  }
  for (const expected of record.files) {
    const actual = manifest.files.find((file) => file.name === expected.name);
    // A pre-optimized copy is left out where this machine's ORT made other bytes; sessions then load the model.
    if (!actual && expected.role === 'optimized-model') continue;
    if (!actual) {
      problems.push(`file ${expected.name} is missing from the manifest`);
      continue;
    }
    if (actual.sha256 !== expected.sha256) {
      problems.push(
        `${expected.name}: sha256 ${actual.sha256} differs from the registry's ${expected.sha256}`,
      );
    }
    if (actual.bytes !== expected.bytes) {
      problems.push(`${expected.name}: ${actual.bytes} bytes, the registry expects ${expected.bytes}`);
    }
  }
  for (const actual of manifest.files) {
    if (!record.files.some((file) => file.name === actual.name)) {
      problems.push(`manifest lists ${actual.name}, which the registry does not know`);
    }
  }
  return problems;
}
