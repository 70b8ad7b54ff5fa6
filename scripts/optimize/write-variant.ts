// Writes a variant made by the optimizer into public/models/<id>/ the way the app reads models there:
// its model file (model.onnx; for a Transformers.js variant onnx/model_<dtype>.onnx with the parent's
// config and tokenizer files, copied from public/models/<parent>/ and checked against the record), a
// manifest.json that carries the lineage (parent, its sha256, method, calibration, optimizer version)
// next to the usual provenance, and the id in models/index.json, so the app lists it as a catalog model
// (task views, model cards, benchmark) after the next load. For `npm run optimize`.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildManifest,
  MANIFEST_FILE_NAME,
  type ManifestFile,
  type ModelManifest,
} from '../../src/catalog/manifest';
import { modelFile, type ModelRecord } from '../../src/catalog/model-record';
import { addToModelIndex } from '../model-index';
import { countParameters } from '../onnx-parameters';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The parent's copy of each of the variant's other files (config, tokenizer), checked against the record. */
function parentFiles(modelsDir: string, record: ModelRecord, parentId: string): Map<string, Uint8Array> {
  const copies = new Map<string, Uint8Array>();
  for (const file of record.files.filter((candidate) => candidate.role !== 'model')) {
    const path = join(modelsDir, parentId, file.name);
    if (!existsSync(path))
      throw new Error(
        `${record.id} shares ${file.name} with ${parentId}, and ${path} is missing: run \`npm run prepare-models\``,
      );
    const bytes = new Uint8Array(readFileSync(path));
    if (sha256Of(bytes) !== file.sha256)
      throw new Error(`${path} is not the ${file.name} ${record.id} was made with (sha256 differs)`);
    copies.set(file.name, bytes);
  }
  return copies;
}

/** Writes the variant `record` with its model file's `bytes` (and its parent's other files); refuses
 * bytes that are not the record's. */
export function writeVariantToModelsDir(
  modelsDir: string,
  record: ModelRecord,
  bytes: Uint8Array,
): ModelManifest {
  if (!record.variant) throw new Error(`${record.id} is not a variant: no lineage to write`);
  const file = modelFile(record, 'model');
  const sha256 = sha256Of(bytes);
  if (sha256 !== file.sha256 || bytes.byteLength !== file.bytes)
    throw new Error(
      `The bytes given for ${record.id} (sha256 ${sha256}, ${bytes.byteLength} bytes) are not its record's ` +
        `${file.name} (sha256 ${file.sha256}, ${file.bytes} bytes)`,
    );
  const files = new Map([...parentFiles(modelsDir, record, record.variant.parentId), [file.name, bytes]]);
  const listed: ManifestFile[] = record.files.map(({ name, role, sha256: fileSha256, bytes: size }) => ({
    name,
    role,
    sha256: fileSha256,
    bytes: size,
  }));
  const manifest = buildManifest(record, record.variant.optimizerVersion, listed, countParameters(bytes));
  const target = join(modelsDir, record.id);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    for (const [name, content] of files) {
      mkdirSync(dirname(join(partial, name)), { recursive: true });
      writeFileSync(join(partial, name), content);
    }
    writeFileSync(join(partial, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } finally {
    if (existsSync(partial)) rmSync(partial, { recursive: true, force: true });
  }
  addToModelIndex(modelsDir, record.id);
  return manifest;
}
