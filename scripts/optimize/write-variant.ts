// Writes a variant made by the optimizer into public/models/<id>/ the way the app reads models there:
// model.onnx, a manifest.json that carries the lineage (parent, its sha256, method, calibration,
// optimizer version) next to the usual provenance, and the id in models/index.json, so the app lists
// it as a catalog model (task views, model cards, benchmark) after the next load. For `npm run optimize`.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, MANIFEST_FILE_NAME, type ModelManifest } from '../../src/catalog/manifest';
import { modelFile, type ModelRecord } from '../../src/catalog/model-record';
import { addToModelIndex } from '../model-index';
import { countParameters } from '../onnx-parameters';

/** Writes the variant `record` with its model file's `bytes`; refuses bytes that are not the record's. */
export function writeVariantToModelsDir(
  modelsDir: string,
  record: ModelRecord,
  bytes: Uint8Array,
): ModelManifest {
  if (!record.variant) throw new Error(`${record.id} is not a variant: no lineage to write`);
  const file = modelFile(record, 'model');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== file.sha256 || bytes.byteLength !== file.bytes)
    throw new Error(
      `The bytes given for ${record.id} (sha256 ${sha256}, ${bytes.byteLength} bytes) are not its record's ` +
        `${file.name} (sha256 ${file.sha256}, ${file.bytes} bytes)`,
    );
  const manifest = buildManifest(
    record,
    record.variant.optimizerVersion,
    [{ name: file.name, role: 'model', sha256, bytes: bytes.byteLength }],
    countParameters(bytes),
  );
  const target = join(modelsDir, record.id);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    writeFileSync(join(partial, file.name), bytes);
    writeFileSync(join(partial, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } finally {
    if (existsSync(partial)) rmSync(partial, { recursive: true, force: true });
  }
  addToModelIndex(modelsDir, record.id);
  return manifest;
}
